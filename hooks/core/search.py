"""What the search index gets from each page, and the search page's markup.

Pagefind indexes only elements marked ``data-pagefind-body``: a post's text (its header's
date line, series box and provenance box carry ``data-pagefind-ignore``), with its date and
series as result metadata and its series and tags as filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup

from hooks.core.posts import Post
from hooks.core.render import describe_date, join, tag
from hooks.core.ui import t

SEARCH_KEY = "search"  # translation_key of the search page in every language
BUNDLE_DIR = "pagefind"  # each language's bundle sits under its own root: /pagefind/, /en/pagefind/
# Permalink anchors ("¶") added by the toc extension are not text.
EXCLUDE_SELECTORS = (".headerlink",)
PAGE_MARKER = "<!-- search:page -->"
FILTER_KEYS = ("series", "tag")


def post_fields(post: Post, series_name: str | None) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(metadata, filters) of a post for its search result."""
    meta = {"date": describe_date(post.date, post.lang)}
    filters: dict[str, list[str]] = {"tag": list(post.tags)}
    if series_name:
        meta["series"] = series_name
        filters["series"] = [series_name]
    return meta, filters


def indexed(html: str, meta: Mapping[str, str], filters: Mapping[str, Sequence[str]]) -> str:
    """``html`` marked as the page's searchable body, carrying its metadata and filters.

    Metadata and filters sit in hidden elements (values may contain commas, which the
    attribute form of Pagefind's syntax would split).
    """
    hidden = [tag("span", value, data_pagefind_meta=key, hidden="") for key, value in meta.items()]
    for key, values in filters.items():
        hidden += [tag("span", value, data_pagefind_filter=key, hidden="") for value in values]
    extras = tag("div", join(hidden), data_pagefind_ignore="", hidden="") if hidden else ""
    return f'<div data-pagefind-body="">{html}\n{extras}</div>'  # html: the rendered page


def search_page(lang: str, bundle: str) -> Markup:
    """The search page: a form, filters (filled in by assets/search.js), the results."""
    texts = {
        # "{count}" stays a placeholder: assets/search.js fills it in.
        f"data_text_{name.replace('.', '_').replace('count_', '')}": t(
            lang, f"search.{name}", count="{count}"
        )
        for name in ("initial", "loading", "none", "count.one", "count.other", "error", "more")
    }
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
        **texts,
    )


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
