/*
 * Search for the site, on Pagefind's index for the page's language (<html lang>).
 *
 * - The header box reuses Material's search markup and styles; this script drives it.
 * - The search page (/buscar/, /en/search/) lists every result, with series and tag filters.
 * - Pagefind's script and index load on first use (focus, a key, or the search page), never
 *   before first paint; this file itself is loaded with `defer`. Pagefind runs on the page's
 *   thread (no web worker: its script would be a second copy of the search code to fetch).
 * - A result is only ever a page holding every word of the query (or a word it begins, or
 *   one sharing its stem): when Pagefind finds no indexed word starting with a query word, it
 *   answers with the longest indexed word that is a prefix of it ("advertisers" -> "a"; its
 *   search_term/find_word_extensions, no option turns it off). So each word of two letters or
 *   more is checked first against the language's words that begin with the same two letters
 *   (pagefind/vocabulary/<hex>.json, written at build time: a query fetches a small file per
 *   word, never the whole vocabulary) and, if none starts with it, with Pagefind's exact
 *   ("quoted") search, which matches stems and never backtracks ("clientes" finds
 *   "cliente"). A one-letter word cannot be taken for a shorter one. A word failing both: no
 *   results, then the same query in the other languages and a close spelling, if any (only
 *   then is the whole vocabulary, pagefind/vocabulary.json, fetched).
 * Every text comes from data-* attributes rendered from the site's UI strings.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-pagefind-ui]");
  var page = document.querySelector("[data-pagefind-page]");
  if (!box && !page) return;
  var root = page || box;
  var indexes = {}; // bundle URL -> {url, loading}
  var lang = document.documentElement.getAttribute("lang") || "";
  var current = index(root.getAttribute("data-bundle"));
  var others = JSON.parse(root.getAttribute("data-languages") || "[]");
  // What Pagefind removes from a query before searching (hooks/core/search.py drops the same).
  var DROPPED = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;
  var collator = new Intl.Collator(lang || undefined, { sensitivity: "base", numeric: true });

  /* ------------------------------------------------------------- one language's index ---- */

  function index(bundle) {
    var url = new URL(bundle, document.baseURI).href;
    if (!indexes[url]) indexes[url] = { url: url, loading: null };
    return indexes[url];
  }

  /* Pagefind (a module per bundle URL: each language's is its own instance), loaded on
     first use, with the language's words: `begins(term)` answers from the file of words
     sharing the term's first two letters, `vocabulary()` fetches the whole list. */
  function load(target) {
    if (!target.loading) {
      var begins = beginsIn(target);
      target.loading = import(target.url + "pagefind.js").then(function (pagefind) {
        /* noWorker: Pagefind 1.5 would otherwise fetch pagefind-worker.js (41 KB, 12 KB
           gzipped) on top of pagefind.js, which carries the same search code; at a blog's
           size searching on the page's own thread takes milliseconds. */
        return pagefind.options({ excerptLength: 24, noWorker: true }).then(function () {
          return pagefind.init();
        }).then(function () {
          return { pagefind: pagefind, begins: begins, vocabulary: wholeOf(target) };
        });
      });
    }
    return target.loading;
  }

  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  /* Whether a word of the pages starts with `term` (folded, two letters or more), or is
     it. vocabulary/prefixes.json names the files there are: no file for the term's first
     two letters, no word begins with them (and nothing is asked for that is not there). */
  function beginsIn(target) {
    var folder = target.url + "vocabulary/";
    var shards = {};
    // Fetched with Pagefind's own files, before the first query needs it.
    var prefixes = json(folder + "prefixes.json").then(function (joined) {
      var letters = Array.from(joined);
      var known = {};
      for (var i = 0; i + 1 < letters.length; i += 2) known[letters[i] + letters[i + 1]] = true;
      return known;
    });
    return function (term) {
      var prefix = Array.from(term).slice(0, 2).join("");
      return prefixes.then(function (known) {
        if (!Object.prototype.hasOwnProperty.call(known, prefix)) return false;
        var key = shardName(prefix);
        if (!shards[key]) {
          shards[key] = json(folder + key + ".json").then(function (list) {
            return list.slice().sort(); // JavaScript's order, for the binary search
          });
        }
        return shards[key].then(function (words) { return startsAny(words, term); });
      });
    };
  }

  /* hooks/core/search.py shard_file: the two code points, UTF-8, in hexadecimal. */
  function shardName(prefix) {
    var bytes = new TextEncoder().encode(prefix);
    return Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function startsAny(words, term) {
    var low = 0;
    var high = words.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (words[middle] < term) low = middle + 1;
      else high = middle;
    }
    return low < words.length && words[low].lastIndexOf(term, 0) === 0;
  }

  function wholeOf(target) {
    var whole = null;
    return function () {
      if (!whole) whole = json(target.url + "vocabulary.json").then(vocabulary);
      return whole;
    };
  }

  function vocabulary(data) {
    var counts = {};
    data.words.forEach(function (word, i) { counts[word] = data.counts[i]; });
    var words = data.words;
    var forms = data.forms || {};
    return {
      /* How a (folded) word is written on the pages: "atencion" -> "atención". */
      written: function (word) {
        return Object.prototype.hasOwnProperty.call(forms, word) ? forms[word] : word;
      },
      /* The closest word of the pages to `term` (edit distance 1, or 2 from 6 letters on;
         a swap of neighbours counts 1), the most frequent of the closest; or null. */
      closest: function (term) {
        if (term.length < 3) return null;
        var limit = term.length >= 6 ? 2 : 1;
        var best = null;
        var bestDistance = limit + 1;
        for (var i = 0; i < words.length; i++) {
          var word = words[i];
          if (Math.abs(word.length - term.length) > limit || word === term) continue;
          var d = distance(term, word, bestDistance + 1);
          if (d < bestDistance || (d === bestDistance && best && counts[word] > counts[best])) {
            best = word;
            bestDistance = d;
          }
        }
        return bestDistance <= limit ? best : null;
      },
    };
  }

  /* Optimal string alignment distance, or `stop` once it is sure to be `stop` or more. */
  function distance(a, b, stop) {
    var previous2 = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        row.push(value);
        if (value < smallest) smallest = value;
      }
      // A row depends on the two before it: both at `stop` or more, so is the rest.
      if (smallest >= stop && Math.min.apply(null, previous) >= stop) return stop;
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /* The words of a query as Pagefind reads them: lower case, no punctuation, no accents. */
  function terms(query) {
    return query
      .toLocaleLowerCase()
      .replace(DROPPED, "")
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .split(/\s+/)
      .filter(Boolean);
  }

  /* Pagefind's answer to `query` in `target`, checked: {results, filters, missing}, where
     `missing` lists the query's words that no page holds (then there are no results).
     `query` may be empty when `options.filters` chooses something. */
  function answer(target, query, options) {
    var words = terms(query);
    return load(target).then(function (loaded) {
      var pagefind = loaded.pagefind;
      return Promise.all(
        words.map(function (word) {
          if (Array.from(word).length < 2) return null; // (no shorter prefix to fall back to)
          return loaded.begins(word).then(function (begins) {
            if (begins) return null;
            return pagefind.search('"' + word + '"').then(function (exact) {
              return exact.results.length ? null : word;
            });
          });
        })
      ).then(function (checked) {
        var missing = checked.filter(Boolean);
        if (missing.length) return { results: [], filters: {}, missing: missing, loaded: loaded };
        return pagefind.search(words.length ? query : null, options || {}).then(function (found) {
          return { results: found.results, filters: found.filters, missing: [], loaded: loaded };
        });
      });
    });
  }

  /* -------------------------------------------------------------------------- texts ---- */

  function text(element, key, count) {
    var value = element.getAttribute("data-text-" + key) || "";
    return value.replace("{count}", String(count));
  }

  function countText(element, count) {
    if (count === 0) return text(element, "none");
    return text(element, count === 1 ? "one" : "other", count);
  }

  /* A fragment from the UI string `key`, its {placeholders} replaced by text or nodes. */
  function fill(element, key, values) {
    var fragment = document.createDocumentFragment();
    var template = element.getAttribute("data-text-" + key) || "";
    template.split(/(\{[a-z]+\})/).forEach(function (piece) {
      var name = /^\{([a-z]+)\}$/.exec(piece);
      var value = name && Object.prototype.hasOwnProperty.call(values, name[1])
        ? values[name[1]]
        : piece;
      fragment.appendChild(typeof value === "string" ? document.createTextNode(value) : value);
    });
    return fragment;
  }

  function anchor(href, content) {
    var link = document.createElement("a");
    link.href = href;
    link.textContent = content;
    return link;
  }

  /* What helps when a query finds nothing: the same query in the other languages (with the
     number of results there), a close spelling of its unknown words (when that spelling
     finds something). Calls `show(fragment)` for each help found, in that order. */
  function helpFor(element, query, missing, loaded, searchPage, show) {
    var tasks = [];
    if (missing.length) {
      tasks.push(loaded.vocabulary().then(function (words) {
        var corrections = {};
        var corrected = missing.every(function (word) {
          var close = words.closest(word);
          if (close) corrections[word] = words.written(close);
          return Boolean(close);
        });
        if (!corrected) return { results: [] };
        var fixed = terms(query).map(function (t) { return corrections[t] || t; }).join(" ");
        return answer(current, fixed).then(function (found) {
          return { results: found.results, fixed: fixed };
        });
      }).then(function (found) {
        if (!found.results.length) return null;
        var fixed = found.fixed;
        var link = anchor(searchPage + "?q=" + encodeURIComponent(fixed), fixed);
        link.setAttribute("data-suggestion", fixed);
        return fill(element, "suggest", {
          suggestion: link,
          results: countText(element, found.results.length),
        });
      }, function () { return null; }));
    }
    others.forEach(function (other) {
      tasks.push(answer(index(other.bundle), query).then(function (found) {
        if (!found.results.length) return null;
        var link = anchor(other.search + "?q=" + encodeURIComponent(query),
          countText(element, found.results.length));
        link.hreflang = other.lang;
        return fill(element, "elsewhere", { language: other.name, results: link, query: query });
      }, function () { return null; }));
    });
    return Promise.all(tasks).then(function (helps) {
      helps.filter(Boolean).forEach(show);
    });
  }

  /* One result, built with DOM calls: titles and meta are text; Pagefind's excerpt is its
     escaped text with <mark> around the matched words. */
  function resultItem(data, classes) {
    var item = document.createElement("li");
    item.className = classes.item;
    var link = document.createElement("a");
    link.href = data.url;
    link.className = classes.link;
    var article = document.createElement("article");
    article.className = classes.article;
    var title = document.createElement(classes.titleTag);
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    var details = [data.meta && data.meta.date, data.meta && data.meta.series].filter(Boolean);
    if (details.length) {
      var meta = document.createElement("p");
      meta.className = "pf-result__meta";
      meta.textContent = details.join(" · ");
      article.appendChild(meta);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "pf-result__excerpt";
    excerpt.innerHTML = data.excerpt;
    article.appendChild(excerpt);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  /* ---------------------------------------------------------------- header box ---- */

  var FIRST = 5; // results the box fetches at once (about what it shows without scrolling)
  var IN_BOX = 8; // results it lists in all, the rest behind "all results"

  function setUpBox() {
    var toggle = document.getElementById("__search");
    var form = box.querySelector("form");
    var input = box.querySelector(".md-search__input");
    var meta = box.querySelector(".md-search-result__meta");
    var list = box.querySelector(".md-search-result__list");
    var searchPage = box.getAttribute("data-search-page");
    var latest = 0;
    var timer = null;
    var watching = null; // the observer of the results below the fold, until a new query
    var classes = {
      item: "md-search-result__item",
      link: "md-search-result__link",
      article: "md-search-result__article md-typeset",
      titleTag: "h1",
    };

    function open() {
      if (toggle && !toggle.checked) toggle.checked = true;
      load(current);
    }

    function close() {
      if (toggle) toggle.checked = false;
      input.blur();
    }

    function results() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    /* The box's results after the first FIRST, fetched (a fragment each: the page's text)
       only once the end of the list comes into view: a first query costs the results the
       reader sees, not those below the fold. */
    function later(rest, ticket) {
      var mark = document.createElement("li");
      mark.className = "pf-search__later";
      mark.setAttribute("aria-hidden", "true");
      list.appendChild(mark);
      var observer = new IntersectionObserver(function (entries) {
        if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
        observer.disconnect();
        Promise.all(rest.map(function (r) { return r.data(); })).then(function (items) {
          if (ticket !== latest || !mark.parentNode) return;
          items.forEach(function (data) { list.insertBefore(resultItem(data, classes), mark); });
          mark.remove();
        }, function () { mark.remove(); });
      });
      observer.observe(mark);
      watching = observer;
    }

    function helpItem(fragment) {
      var item = document.createElement("li");
      item.className = "md-search-result__item pf-search__help";
      var paragraph = document.createElement("p");
      paragraph.appendChild(fragment);
      Array.prototype.forEach.call(paragraph.querySelectorAll("a"), function (link) {
        link.className = "md-search-result__link";
      });
      item.appendChild(paragraph);
      list.appendChild(item);
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      clearTimeout(timer);
      if (watching) watching.disconnect(); // (its list is about to be replaced)
      watching = null;
      if (!terms(query).length) {
        meta.textContent = text(box, "initial");
        list.textContent = "";
        box.removeAttribute("data-state");
        return;
      }
      meta.textContent = text(box, "loading");
      box.setAttribute("data-state", "loading");
      timer = setTimeout(function () {
        answer(current, query)
          .then(function (found) {
            if (ticket !== latest) return null;
            return Promise.all(found.results.slice(0, FIRST).map(function (r) { return r.data(); }))
              .then(function (items) { return { found: found, items: items }; });
          })
          .then(function (shown) {
            if (!shown || ticket !== latest) return null;
            var found = shown.found;
            list.textContent = "";
            shown.items.forEach(function (data) { list.appendChild(resultItem(data, classes)); });
            if (found.results.length > FIRST) later(found.results.slice(FIRST, IN_BOX), ticket);
            meta.textContent = found.results.length
              ? countText(box, found.results.length)
              : text(box, "none-for").replace("{query}", query);
            if (found.results.length > IN_BOX && searchPage) {
              var more = document.createElement("li");
              more.className = "md-search-result__item pf-search__all";
              var link = anchor(searchPage + "?q=" + encodeURIComponent(query), text(box, "all"));
              link.className = "md-search-result__link";
              more.appendChild(link);
              list.appendChild(more);
            }
            if (found.results.length) return null;
            return helpFor(box, query, found.missing, found.loaded, searchPage, function (help) {
              if (ticket === latest) helpItem(help);
            });
          })
          .then(function () {
            if (ticket === latest) box.setAttribute("data-state", "ready");
          })
          .catch(function () {
            if (ticket !== latest) return;
            meta.textContent = text(box, "error");
            box.setAttribute("data-state", "error");
          });
      }, 120);
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", run);
    form.addEventListener("reset", function () {
      setTimeout(function () { run(); input.focus(); }, 0);
    });
    form.addEventListener("submit", function (event) {
      var first = list.querySelector(".md-search-result__item:not(.pf-search__help) a");
      if (first) {
        event.preventDefault();
        window.location.href = first.href;
      }
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) input.focus();
      });
    }
    box.addEventListener("keydown", function (event) {
      var links = results();
      var index = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        links[Math.min(index + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && index >= 0) {
        event.preventDefault();
        (index === 0 ? input : links[index - 1]).focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      var target = event.target;
      var editing = target && (target.isContentEditable ||
        /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (editing) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        open();
        input.focus();
      }
    });
  }

  /* --------------------------------------------------------------- search page ---- */

  var FILTER_KEYS = ["series", "tag"];

  function setUpPage() {
    var form = page.querySelector("form");
    var input = page.querySelector("input[type=search]");
    var filtersBox = page.querySelector(".pf-page__filters");
    var status = page.querySelector(".pf-page__status");
    var help = page.querySelector(".pf-page__help");
    var list = page.querySelector(".pf-page__results");
    var more = page.querySelector(".pf-page__more");
    var params = new URLSearchParams(window.location.search);
    var chosen = { series: params.getAll("series"), tag: params.getAll("tag") };
    var labels = { series: {}, tag: {} }; // filter value -> {box, count text node}
    var totals = {};
    var shown = 0;
    var results = [];
    var latest = 0;
    var classes = {
      item: "pf-result",
      link: "pf-result__link",
      article: "pf-result__article",
      titleTag: "h2",
    };
    input.value = params.get("q") || "";

    function updateUrl() {
      var query = input.value.trim();
      var next = new URLSearchParams();
      if (query) next.set("q", query);
      FILTER_KEYS.forEach(function (key) {
        chosen[key].forEach(function (value) { next.append(key, value); });
      });
      var search = next.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
      /* The language switcher keeps the query (filter values are names in this language). */
      Array.prototype.forEach.call(
        document.querySelectorAll(".md-select__link[hreflang]"),
        function (link) {
          var target = new URL(link.href);
          if (query) target.searchParams.set("q", query);
          else target.searchParams.delete("q");
          link.href = target.href;
        }
      );
    }

    function showMore() {
      var batch = results.slice(shown, shown + 10);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
        items.forEach(function (data) { list.appendChild(resultItem(data, classes)); });
      });
    }

    function filtersFor(except) {
      var filters = {};
      FILTER_KEYS.forEach(function (key) {
        if (key !== except && chosen[key].length) filters[key] = { any: chosen[key] };
      });
      return filters;
    }

    /* Counts within the current results: for each filter, the results of the query with
       the other filters applied (so that ticking a box says what it would give). */
    function showCounts(query, found) {
      if (!terms(query).length && !chosen.series.length && !chosen.tag.length) {
        return Promise.resolve(setCounts(totals));
      }
      return Promise.all(FILTER_KEYS.map(function (key) {
        if (!chosen[key].length) return Promise.resolve(found.filters[key] || {});
        return answer(current, query, { filters: filtersFor(key) }).then(function (other) {
          return other.filters[key] || {};
        });
      })).then(function (counts) {
        var byKey = {};
        FILTER_KEYS.forEach(function (key, i) { byKey[key] = counts[i]; });
        setCounts(byKey);
      });
    }

    function setCounts(counts) {
      FILTER_KEYS.forEach(function (key) {
        Object.keys(labels[key]).forEach(function (value) {
          var count = (counts[key] && counts[key][value]) || 0;
          var label = labels[key][value];
          label.count.textContent = " (" + count + ")";
          label.box.disabled = count === 0 && !label.box.checked;
        });
      });
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      updateUrl();
      help.textContent = "";
      var filters = filtersFor(null);
      if (!terms(query).length && !Object.keys(filters).length) {
        list.textContent = "";
        results = [];
        status.textContent = text(page, "initial");
        more.hidden = true;
        setCounts(totals);
        page.setAttribute("data-state", "ready");
        return Promise.resolve();
      }
      page.setAttribute("data-state", "loading");
      status.textContent = text(page, "loading");
      var options = { filters: filters };
      if (chosen.series.length) options.sort = { part: "asc" }; // a series reads in order
      return answer(current, query, options)
        .then(function (found) {
          if (ticket !== latest) return null;
          results = found.results;
          shown = 0;
          list.textContent = "";
          status.textContent = results.length || !terms(query).length
            ? countText(page, results.length)
            : text(page, "none-for").replace("{query}", query);
          return Promise.all([
            showMore(),
            showCounts(query, found),
            results.length || !terms(query).length
              ? null
              : helpFor(page, query, found.missing, found.loaded, "", function (fragment) {
                if (ticket !== latest) return;
                var paragraph = document.createElement("p");
                paragraph.appendChild(fragment);
                help.appendChild(paragraph);
              }),
          ]);
        })
        .then(function () {
          if (ticket === latest) page.setAttribute("data-state", "ready");
        })
        .catch(function () {
          if (ticket !== latest) return;
          status.textContent = text(page, "error");
          page.setAttribute("data-state", "error");
        });
    }

    function renderFilters(available) {
      totals = available;
      FILTER_KEYS.forEach(function (key) {
        var values = Object.keys(available[key] || {}).sort(collator.compare);
        if (!values.length) return;
        var fieldset = document.createElement("fieldset");
        fieldset.className = "pf-page__filter";
        var legend = document.createElement("legend");
        legend.textContent = page.getAttribute("data-text-filter-" + key);
        fieldset.appendChild(legend);
        values.forEach(function (value) {
          var label = document.createElement("label");
          var box = document.createElement("input");
          box.type = "checkbox";
          box.name = key;
          box.value = value;
          box.checked = chosen[key].indexOf(value) >= 0;
          box.addEventListener("change", function () {
            chosen[key] = Array.prototype.slice
              .call(fieldset.querySelectorAll("input:checked"))
              .map(function (checked) { return checked.value; });
            run();
          });
          var count = document.createTextNode(" (" + available[key][value] + ")");
          label.appendChild(box);
          label.appendChild(document.createTextNode(value));
          label.appendChild(count);
          labels[key][value] = { box: box, count: count };
          fieldset.appendChild(label);
        });
        filtersBox.appendChild(fieldset);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 200);
    });
    more.addEventListener("click", showMore);
    load(current)
      .then(function (loaded) { return loaded.pagefind.filters(); })
      .then(renderFilters)
      .then(run)
      .catch(function () {
        status.textContent = text(page, "error");
        page.setAttribute("data-state", "error");
      });
  }

  if (box) setUpBox();
  if (page) setUpPage();
})();
