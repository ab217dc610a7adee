"""What the search index gets from each page, and the search page's markup.

Pagefind indexes only elements marked ``data-pagefind-body``: a post's text (its header's
date line, series box and provenance box carry ``data-pagefind-ignore``), with its date and
series as result metadata and its series and tags as filters.
"""

from __future__ import annotations

import functools
import gzip
import json
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import deflate
from markupsafe import Markup
from selectolax.lexbor import LexborHTMLParser

from hooks.core.posts import Post
from hooks.core.render import describe_date, join, tag
from hooks.core.ui import t

SEARCH_KEY = "search"  # translation_key of the search page in every language
BUNDLE_DIR = "pagefind"  # each language's bundle sits under its own root: /pagefind/, /en/pagefind/
# Permalink anchors ("¶") added by the toc extension are not text.
EXCLUDE_SELECTORS = (".headerlink",)
PAGE_MARKER = "<!-- search:page -->"
FILTER_KEYS = ("series", "tag")
# Every word of a language's indexed pages, with its count (assets/search.js reads it to tell
# a word on the site from one Pagefind only matched on a shorter prefix, and to suggest a
# spelling). It sits in the language's bundle folder, written before Pagefind runs.
VOCABULARY_FILE = "vocabulary.json"
# The same words split by their first two letters, one file each, in this folder of the
# bundle: a query fetches only its words' files (a grown blog has tens of thousands of
# words, ~100 KiB compressed: more than the rest of a first search). The whole file is
# fetched only to suggest a spelling when a word is on no page.
VOCABULARY_SHARDS = "vocabulary"
SHARD_PREFIX = 2
PREFIXES_FILE = f"{VOCABULARY_SHARDS}/prefixes.json"
# The bundle's files a reader's search downloads, compressed again harder than Pagefind
# does (its gzip is zlib's level 6): libdeflate's level 12 is 2-8 % smaller (at 1000 posts
# per language, the first query 5 KiB less: wasm 2.7, the word's index chunk 1.6, the meta
# index 0.8) for 12 ms a chunk. The fragments (one per page, 0.1 KiB less each) are left.
RECOMPRESSED = ("wasm.*.pagefind", "pagefind.*.pf_meta", "index/*.pf_index", "filter/*.pf_filter")
_PAGEFIND_SIGNATURE = b"pagefind_dcd"  # how every file of a bundle starts, once unzipped
SORT_PART = "part"  # Pagefind sort key: a post's series and position, to list a series in order
# What Pagefind drops from a query (Unicode punctuation classes: dashes, brackets, quotes,
# other punctuation); assets/search.js does the same to the query before checking it.
_DROPPED_CATEGORIES = {"Pd", "Pe", "Pf", "Pi", "Po", "Ps"}
_NOT_INDEXED = ("[data-pagefind-ignore]", "script", "style", *EXCLUDE_SELECTORS)


def post_fields(
    post: Post, series_name: str | None, series_part: tuple[str, int] | None = None
) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """(metadata, filters, sort keys) of a post for its search result; ``series_part`` is
    (series id, position) when the post is a part of a series."""
    meta = {"date": describe_date(post.date, post.lang)}
    filters: dict[str, list[str]] = {"tag": list(post.tags)}
    sorts: dict[str, str] = {}
    if series_name:
        meta["series"] = series_name
        filters["series"] = [series_name]
    if series_part is not None:
        series_id, position = series_part
        sorts[SORT_PART] = f"{series_id}-{position:05d}"  # sorts as text: series, then part
    return meta, filters, sorts


def indexed(
    html: str,
    meta: Mapping[str, str],
    filters: Mapping[str, Sequence[str]],
    sorts: Mapping[str, str] | None = None,
) -> str:
    """``html`` marked as the page's searchable body, carrying its metadata, filters and
    sort keys.

    They sit in hidden elements (values may contain commas, which the attribute form of
    Pagefind's syntax would split).
    """
    hidden = [tag("span", value, data_pagefind_meta=key, hidden="") for key, value in meta.items()]
    for key, values in filters.items():
        hidden += [tag("span", value, data_pagefind_filter=key, hidden="") for value in values]
    for key, value in (sorts or {}).items():
        hidden.append(tag("span", value, data_pagefind_sort=key, hidden=""))
    extras = tag("div", join(hidden), data_pagefind_ignore="", hidden="") if hidden else ""
    return f'<div data-pagefind-body="">{html}\n{extras}</div>'  # html: the rendered page


def search_page(lang: str, bundle: str, languages: str = "[]") -> Markup:
    """The search page: a form, filters (filled in by assets/search.js), the results.
    ``languages``: JSON of the other languages' bundles and search pages
    (:func:`other_languages`)."""
    texts = {f"data_text_{name.replace('-', '_')}": value for name, value in texts_of(lang).items()}
    texts.update(
        {f"data_text_filter_{key}": t(lang, f"search.filter.{key}") for key in FILTER_KEYS}
    )
    form = tag(
        "form",
        join(
            [
                tag("label", t(lang, "search.page_label"), for_="pf-page-input"),
                tag(
                    "input",
                    "",
                    id="pf-page-input",
                    type="search",
                    name="q",
                    autocomplete="off",
                    spellcheck="false",
                ),
                tag("button", t(lang, "search.submit"), type="submit", class_="md-button"),
            ],
            "\n",
        ),
        class_="pf-page__form",
        role="search",
        action="",
        method="get",
    )
    return tag(
        "div",
        join(
            [
                form,
                tag(
                    "div",
                    "",
                    class_="pf-page__filters",
                    aria_label=t(lang, "search.filters"),
                    role="group",
                ),
                tag("p", t(lang, "search.initial"), class_="pf-page__status", aria_live="polite"),
                tag("div", "", class_="pf-page__help", aria_live="polite"),
                tag("ol", "", class_="pf-page__results"),
                tag(
                    "button",
                    t(lang, "search.more"),
                    type="button",
                    class_="md-button pf-page__more",
                    hidden="",
                ),
            ],
            "\n",
        ),
        class_="pf-page",
        data_pagefind_page="",
        data_bundle=bundle,
        data_languages=languages,
        **texts,
    )


# UI strings assets/search.js reads (data-text-<name>); {placeholders} stay for it to fill.
_SCRIPT_TEXTS = {
    "initial": "search.initial",
    "loading": "search.loading",
    "none": "search.none",
    "one": "search.count.one",
    "other": "search.count.other",
    "all": "search.all",
    "more": "search.more",
    "error": "search.error",
    "none-for": "search.none_for",
    "elsewhere": "search.elsewhere",
    "suggest": "search.suggest",
}
_PLACEHOLDERS = {name: "{" + name + "}" for name in ("count", "query", "language", "results")}


def texts_of(lang: str) -> dict[str, str]:
    """name -> UI string for assets/search.js, placeholders kept (the header box's partial
    and the search page both render these)."""
    return {
        name: t(lang, key, **_PLACEHOLDERS, suggestion="{suggestion}")
        for name, key in _SCRIPT_TEXTS.items()
    }


def other_languages(
    lang: str, languages: Sequence[str], search_pages: Mapping[str, str], default_language: str
) -> list[dict[str, str]]:
    """The languages besides ``lang`` that have a search page: code, name (in ``lang``),
    bundle and search page (site-relative URLs), for assets/search.js to offer a query there."""
    return [
        {
            "lang": other,
            "name": t(lang, f"lang.{other}"),
            "bundle": bundle_url(other, default_language),
            "search": search_pages[other],
        }
        for other in languages
        if other != lang and other in search_pages
    ]


def language_root(lang: str, default_language: str) -> str:
    """Site-relative folder of a language ('' for the default one, served at the root)."""
    return "" if lang == default_language else f"{lang}/"


def bundle_url(lang: str, default_language: str) -> str:
    """Site-relative URL of the language's Pagefind bundle (one index per language)."""
    return f"{language_root(lang, default_language)}{BUNDLE_DIR}/"


def indexed_glob(page_urls: Iterable[str]) -> str:
    """Pagefind --glob reading only the files that can hold indexed pages, given those pages'
    URLs relative to their language's root: a top-level page itself, every page under a
    top-level folder holding deeper ones. Listing, series and archive pages, the other
    languages' folders and any previous bundle are not even read."""
    parts = set()
    for url in page_urls:
        first, _, rest = url.strip("/").partition("/")
        if not first:
            parts.add("index.html")
        elif rest:
            parts.add(f"{first}/**/*.html")
        else:
            parts.add(f"{first}/index.html" if url.endswith("/") else first)
    ordered = sorted(parts)
    return "{" + ",".join(ordered) + "}" if len(ordered) > 1 else (ordered or ["index.html"])[0]


def pagefind_command(site: str, glob: str) -> list[str]:
    """Arguments (after the Pagefind executable) indexing ``site`` into ``site/pagefind``."""
    command = ["--site", site, "--output-subdir", BUNDLE_DIR, "--glob", glob, "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


# ---------------------------------------------------------------------------------------
# The vocabulary of a language's index


def fold(text: str) -> str:
    """A word as Pagefind compares it: lower case, without diacritics (ñ becomes n)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text: str) -> list[str]:
    """The words of ``text`` as a query would name them: in lower case, split on white space,
    the punctuation Pagefind drops from queries removed ("anti-lealtad" gives "antilealtad"),
    plus the parts between punctuation ("anti", "lealtad"), which Pagefind indexes too.
    Diacritics stay (:func:`fold` removes them)."""
    found = []
    for chunk in unicodedata.normalize("NFC", text.lower()).split():
        if chunk.isalnum():  # most words: nothing to drop
            found.append(chunk)
            continue
        spaced = "".join(" " if _dropped(c) else c for c in chunk)
        parts = spaced.split()
        if parts:
            found.append("".join(parts))
        if len(parts) > 1:
            found.extend(parts)
    return found


@functools.lru_cache(maxsize=4096)
def _dropped(char: str) -> bool:
    return unicodedata.category(char) in _DROPPED_CATEGORIES


def indexed_text(html: str) -> str:
    """The text Pagefind indexes from a page's searchable body: without the parts marked
    ``data-pagefind-ignore``, the excluded selectors, scripts and styles; metadata values
    (searchable too) included."""
    tree = LexborHTMLParser(html)
    meta = [node.text() for node in tree.css("[data-pagefind-meta]")]
    for node in tree.css(", ".join(_NOT_INDEXED)):
        node.decompose()
    root = tree.body or tree.root
    body = root.text(separator=" ") if root is not None else ""
    return " ".join([body, *meta])


def vocabulary_files(texts: Iterable[str]) -> dict[str, bytes]:
    """The vocabulary files of a language, by their path in its bundle:

    - ``vocabulary.json``: ``{"words": [...], "counts": [...], "forms": {...}}``, the folded
      words in code-point order with their counts, and for a word whose most frequent
      written form differs (accents), that form, to show in a suggestion;
    - ``vocabulary/<hex>.json``: the words of two letters or more that begin with the same
      two letters (:func:`shard_file`), a JSON list in code-point order;
    - ``vocabulary/prefixes.json``: those two letters of every such file, as one string.

    Identical pages give identical bytes."""
    written = Counter(word for text in texts for word in words_of(text))
    counts: Counter[str] = Counter()
    forms: dict[str, tuple[int, str]] = {}
    for form, count in sorted(written.items()):
        word = fold(form)
        counts[word] += count
        if word not in forms or count > forms[word][0]:
            forms[word] = (count, form)
    ordered = sorted(counts)
    data = {
        "words": ordered,
        "counts": [counts[word] for word in ordered],
        "forms": {word: forms[word][1] for word in ordered if forms[word][1] != word},
    }
    files = {VOCABULARY_FILE: _json_bytes(data)}
    shards: dict[str, list[str]] = {}
    for word in ordered:
        if len(word) >= SHARD_PREFIX:  # (a shorter query word needs no check: assets/search.js)
            shards.setdefault(word[:SHARD_PREFIX], []).append(word)
    files.update((shard_file(prefix), _json_bytes(words)) for prefix, words in shards.items())
    # Which of those files there are, so that a query never asks for one that is not (an
    # error in the reader's console): their two letters, one after the other, in one string.
    prefixes = "".join(shards)  # (in code-point order, as the words)
    files[PREFIXES_FILE] = _json_bytes(prefixes)
    return files


def shard_file(word: str) -> str:
    """The file, in the bundle, of the (folded) words starting as ``word`` does: its first
    two code points in UTF-8, in hexadecimal ("cliente" -> "vocabulary/636c.json"), a name
    safe on any file system and URL, which assets/search.js computes alike."""
    return f"{VOCABULARY_SHARDS}/{word[:SHARD_PREFIX].encode('utf-8').hex()}.json"


def _json_bytes(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def recompressed(data: bytes) -> bytes | None:
    """A bundle file (gzip of Pagefind's signature and its data) compressed harder, the
    same bytes once unzipped, with no time or name in its header (reproducible); None when
    ``data`` is not such a file or would not get smaller."""
    try:
        inner = gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        return None
    if not inner.startswith(_PAGEFIND_SIGNATURE):
        return None
    packed = deflate.gzip_compress(inner, 12)
    return packed if len(packed) < len(data) else None
