from __future__ import annotations

import gzip
import json

from hooks.core.dates import parse_post_date
from hooks.core.posts import Post
from hooks.core.search import (
    PREFIXES_FILE,
    VOCABULARY_FILE,
    bundle_url,
    indexed,
    indexed_glob,
    indexed_text,
    other_languages,
    pagefind_command,
    post_fields,
    recompressed,
    search_page,
    shard_file,
    vocabulary_files,
    words_of,
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
    meta, filters, sorts = post_fields(post, "The Column", ("columna", 2))
    assert meta == {"date": "circa July 16, 2008", "series": "The Column"}
    assert filters == {"tag": ["a, b", "c"], "series": ["The Column"]}
    assert sorts == {"part": "columna-00002"}  # text order: series, then part 2 before 10
    html = indexed("<p>x</p>", meta, filters, sorts)
    assert html.startswith('<div data-pagefind-body=""><p>x</p>')
    assert '<span data-pagefind-filter="tag" hidden="">a, b</span>' in html  # commas kept
    assert '<span data-pagefind-meta="date" hidden="">circa July 16, 2008</span>' in html
    assert '<span data-pagefind-sort="part" hidden="">columna-00002</span>' in html
    assert post_fields(post, None)[2] == {}


def test_words_as_a_query_names_them() -> None:
    assert words_of("La «Anti-lealtad», ¿sí? Atención.") == [
        "la",
        "antilealtad",
        "anti",
        "lealtad",
        "sí",
        "atención",
    ]


def test_indexed_text_leaves_out_what_pagefind_ignores() -> None:
    html = indexed(
        '<h2 id="x">Título<a class="headerlink" href="#x">¶</a></h2>'
        '<div data-pagefind-ignore="">Parte 2 de 3</div><p>Texto <script>code()</script></p>',
        {"series": "La Columna"},
        {"tag": ["etiqueta"]},
    )
    text = indexed_text(html)
    assert text.split() == ["Título", "Texto", "La", "Columna"]  # meta values are searched


def test_vocabulary_is_folded_counted_and_keeps_written_forms() -> None:
    files = vocabulary_files(["Atención al cliente", "atención, clientes; ATENCION"])
    data = json.loads(files[VOCABULARY_FILE])
    assert data["words"] == ["al", "atencion", "cliente", "clientes"]
    assert data["counts"] == [1, 3, 1, 1]
    assert data["forms"] == {"atencion": "atención"}  # the most frequent written form
    # order-independent bytes
    assert vocabulary_files(["ba ab", "ab"]) == vocabulary_files(["ab", "ab ba"])


def test_vocabulary_is_split_by_the_first_two_letters() -> None:
    files = vocabulary_files(["Atención al cliente, clientes y ñandú: 𝔞𝔟c"])
    shards = {name: json.loads(data) for name, data in files.items() if name != VOCABULARY_FILE}
    assert shards == {
        "vocabulary/616c.json": ["al"],
        "vocabulary/6174.json": ["atencion"],
        "vocabulary/636c.json": ["cliente", "clientes"],
        "vocabulary/6e61.json": ["nandu"],  # folded, as a query is
        # two code points, however many bytes (a name the browser computes alike)
        "vocabulary/f09d949ef09d949f.json": ["𝔞𝔟c"],
        "vocabulary/prefixes.json": "alatclna𝔞𝔟",  # one-letter words ("y") have no file
    }
    assert shard_file("cliente") == "vocabulary/636c.json"
    every = json.loads(files[VOCABULARY_FILE])["words"]
    assert sorted(w for name, words in shards.items() if name != PREFIXES_FILE for w in words) == [
        w for w in every if len(w) >= 2
    ]


def test_other_languages_for_a_query_that_finds_nothing() -> None:
    pages = {"es": "buscar/", "en": "en/search/"}
    assert other_languages("es", ["es", "en"], pages, "es") == [
        {"lang": "en", "name": "inglés", "bundle": "en/pagefind/", "search": "en/search/"}
    ]
    assert other_languages("en", ["es", "en"], {"en": "en/search/"}, "es") == []


def test_search_page_texts_come_from_the_ui_strings() -> None:
    page = search_page("es", "../pagefind/", '[{"lang": "en"}]')
    assert 'data-text-other="{count} resultados"' in page
    assert 'data-text-none-for="Ningún resultado para «{query}»"' in page
    assert 'data-languages="[{&#34;lang&#34;: &#34;en&#34;}]"' in page
    assert 'data-text-filter-series="Serie"' in page
    assert 'data-bundle="../pagefind/"' in page


def test_bundle_files_are_compressed_harder_to_the_same_bytes() -> None:
    """recompressed: a Pagefind file (gzip, zlib's level 6, of its signature and
    data) gets smaller and unzips to the same bytes, with no time in its header (the same
    input, the same file); anything else is left as it is."""
    words = [f"palabra{(n * 7919) % 401}" for n in range(30000)]  # (varied, repeatable)
    inner = b"pagefind_dcd" + " ".join(words).encode()
    pagefinds = gzip.compress(inner, compresslevel=6, mtime=1_700_000_000)
    packed = recompressed(pagefinds)
    assert packed is not None and len(packed) < len(pagefinds)
    assert gzip.decompress(packed) == inner
    assert packed[4:8] == b"\0\0\0\0"  # (the header's modification time: none)
    assert recompressed(pagefinds) == packed
    assert recompressed(gzip.compress(b"not a bundle file")) is None
    assert recompressed(b"pagefind_dcd not compressed") is None
    assert recompressed(b"\x1f\x8b\x08 truncated") is None
    assert recompressed(packed) is None  # (not smaller a second time)
