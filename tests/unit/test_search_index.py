from __future__ import annotations

from hooks.core.dates import parse_post_date
from hooks.core.posts import Post
from hooks.core.search import (
    bundle_url,
    indexed,
    indexed_glob,
    pagefind_command,
    post_fields,
    search_page,
)


def test_one_bundle_per_language() -> None:
    assert bundle_url("es", "es") == "pagefind/"
    assert bundle_url("en", "es") == "en/pagefind/"


def test_indexed_glob_reads_only_folders_with_indexed_pages() -> None:
    urls = ["", "fuentes/", "posts/a/", "posts/b/", "notas/2020/c/"]
    assert indexed_glob(urls) == ("{fuentes/index.html,index.html,notas/**/*.html,posts/**/*.html}")
    assert indexed_glob(["posts/a/"]) == "posts/**/*.html"  # one pattern: no braces
    assert indexed_glob([]) == "index.html"


def test_pagefind_command() -> None:
    assert pagefind_command("site/en", "**/*.html") == [
        "--site",
        "site/en",
        "--output-subdir",
        "pagefind",
        "--glob",
        "**/*.html",
        "--silent",
        "--exclude-selectors",
        ".headerlink",
    ]


def test_post_fields_and_markup() -> None:
    post = Post(
        path="p",
        lang="en",
        rel_path="posts/p.md",
        title="T",
        description="D",
        date=parse_post_date("2008-07-16", inferred=True),
        tags=("a, b", "c"),
    )
    meta, filters = post_fields(post, "The Column")
    assert meta == {"date": "circa July 16, 2008", "series": "The Column"}
    assert filters == {"tag": ["a, b", "c"], "series": ["The Column"]}
    html = indexed("<p>x</p>", meta, filters)
    assert html.startswith('<div data-pagefind-body=""><p>x</p>')
    assert '<span data-pagefind-filter="tag" hidden="">a, b</span>' in html  # commas kept
    assert '<span data-pagefind-meta="date" hidden="">circa July 16, 2008</span>' in html


def test_search_page_texts_come_from_the_ui_strings() -> None:
    page = search_page("es", "../pagefind/")
    assert 'data-text-other="{count} resultados"' in page
    assert 'data-text-filter-series="Serie"' in page
    assert 'data-bundle="../pagefind/"' in page
