/*
 * Search for the site, on Pagefind's index for the page's language (<html lang>).
 *
 * - The header box reuses Material's search markup and styles; this script drives it.
 * - The search page (/buscar/, /en/search/) lists every result, with series and tag filters.
 * - Pagefind's script and index load on first use (focus, a key, or the search page), never
 *   before first paint; this file itself is loaded with `defer`.
 * Every text comes from data-* attributes rendered from the site's UI strings.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-pagefind-ui]");
  var page = document.querySelector("[data-pagefind-page]");
  if (!box && !page) return;
  var bundle = (box || page).getAttribute("data-bundle");
  var loading = null;

  function pagefind() {
    if (!loading) {
      var url = new URL(bundle + "pagefind.js", document.baseURI).href;
      loading = import(url).then(function (module) {
        return module.options({ excerptLength: 24 }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return loading;
  }

  function text(element, key, count) {
    var value = element.getAttribute("data-text-" + key) || "";
    return value.replace("{count}", String(count));
  }

  function countText(element, count) {
    if (count === 0) return text(element, "none");
    return text(element, count === 1 ? "one" : "other", count);
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

  function setUpBox() {
    var toggle = document.getElementById("__search");
    var form = box.querySelector("form");
    var input = box.querySelector(".md-search__input");
    var meta = box.querySelector(".md-search-result__meta");
    var list = box.querySelector(".md-search-result__list");
    var searchPage = box.getAttribute("data-search-page");
    var latest = 0;
    var classes = {
      item: "md-search-result__item",
      link: "md-search-result__link",
      article: "md-search-result__article md-typeset",
      titleTag: "h1",
    };

    function open() {
      if (toggle && !toggle.checked) toggle.checked = true;
      pagefind();
    }

    function close() {
      if (toggle) toggle.checked = false;
      input.blur();
    }

    function results() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) {
        meta.textContent = text(box, "initial");
        list.textContent = "";
        box.removeAttribute("data-state");
        return;
      }
      meta.textContent = text(box, "loading");
      box.setAttribute("data-state", "loading");
      pagefind()
        .then(function (module) { return module.debouncedSearch(query, {}, 120); })
        .then(function (search) {
          if (search === null || ticket !== latest) return null; // a newer query replaced it
          return Promise.all(search.results.slice(0, 8).map(function (r) { return r.data(); }))
            .then(function (items) { return { total: search.results.length, items: items }; });
        })
        .then(function (found) {
          if (!found || ticket !== latest) return;
          list.textContent = "";
          found.items.forEach(function (data) { list.appendChild(resultItem(data, classes)); });
          meta.textContent = countText(box, found.total);
          if (found.total > found.items.length && searchPage) {
            var more = document.createElement("li");
            more.className = "md-search-result__item pf-search__all";
            var link = document.createElement("a");
            link.className = "md-search-result__link";
            link.href = searchPage + "?q=" + encodeURIComponent(query);
            link.textContent = text(box, "all");
            more.appendChild(link);
            list.appendChild(more);
          }
          box.setAttribute("data-state", "ready");
        })
        .catch(function () {
          meta.textContent = text(box, "error");
          box.setAttribute("data-state", "error");
        });
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", run);
    form.addEventListener("reset", function () {
      setTimeout(function () { run(); input.focus(); }, 0);
    });
    form.addEventListener("submit", function (event) {
      var first = results()[0];
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

  function setUpPage() {
    var form = page.querySelector("form");
    var input = page.querySelector("input[type=search]");
    var filtersBox = page.querySelector(".pf-page__filters");
    var status = page.querySelector(".pf-page__status");
    var list = page.querySelector(".pf-page__results");
    var more = page.querySelector(".pf-page__more");
    var params = new URLSearchParams(window.location.search);
    var chosen = { series: params.getAll("series"), tag: params.getAll("tag") };
    var shown = 0;
    var current = null;
    var latest = 0;
    var classes = {
      item: "pf-result",
      link: "pf-result__link",
      article: "pf-result__article",
      titleTag: "h2",
    };
    input.value = params.get("q") || "";

    function updateUrl() {
      var next = new URLSearchParams();
      if (input.value.trim()) next.set("q", input.value.trim());
      ["series", "tag"].forEach(function (key) {
        chosen[key].forEach(function (value) { next.append(key, value); });
      });
      var query = next.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }

    function showMore() {
      if (!current) return;
      var batch = current.results.slice(shown, shown + 10);
      shown += batch.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
        items.forEach(function (data) { list.appendChild(resultItem(data, classes)); });
        more.hidden = shown >= current.results.length;
      });
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      updateUrl();
      var filters = {};
      ["series", "tag"].forEach(function (key) {
        if (chosen[key].length) filters[key] = { any: chosen[key] };
      });
      if (!query && !Object.keys(filters).length) {
        list.textContent = "";
        status.textContent = text(page, "initial");
        more.hidden = true;
        page.setAttribute("data-state", "ready");
        return Promise.resolve();
      }
      page.setAttribute("data-state", "loading");
      status.textContent = text(page, "loading");
      return pagefind()
        .then(function (module) { return module.search(query || null, { filters: filters }); })
        .then(function (search) {
          if (ticket !== latest) return;
          current = search;
          shown = 0;
          list.textContent = "";
          status.textContent = countText(page, search.results.length);
          return showMore();
        })
        .then(function () {
          if (ticket === latest) page.setAttribute("data-state", "ready");
        })
        .catch(function () {
          status.textContent = text(page, "error");
          page.setAttribute("data-state", "error");
        });
    }

    function renderFilters(available) {
      ["series", "tag"].forEach(function (key) {
        var values = Object.keys(available[key] || {}).sort();
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
          label.appendChild(box);
          label.appendChild(document.createTextNode(value + " (" + available[key][value] + ")"));
          fieldset.appendChild(label);
        });
        filtersBox.appendChild(fieldset);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    input.addEventListener("input", function () {
      clearTimeout(input._timer);
      input._timer = setTimeout(run, 200);
    });
    more.addEventListener("click", showMore);
    pagefind()
      .then(function (module) { return module.filters(); })
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
