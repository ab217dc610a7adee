"""Unit tests of hooks/core/parallel_text.py: blocks read from Markdown and from its HTML,
pairing, and what the view does to ids and links."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from hooks.core import parallel_text as pt
from hooks.core.urls import relative_url
from tests.support import REPO

SAMPLE = """---
title: "Un título"
tags: [a]
---

# Encabezado uno

Un párrafo
en dos líneas.

## Con atributo {: .unpaired }

> Una cita
>
> – Alguien.
> {: .attribution }

1. Primero,
   con continuación.
2. Segundo

    con un segundo párrafo.

    - anidado

3. Tercero

- suelto

!!! note unpaired "Nota del traductor"
    Texto de la nota.

    Segundo párrafo de la nota.

```python
x = 1

y = 2
```

| a | b |
|---|---|
| 1 | 2 |

---

<div class="x">crudo</div>

Setext
======

[ref]: https://example.org
*[HTML]: Hyper Text
[^1]: Una nota al pie.

Texto con nota[^1] y [enlace][ref].
{: .unpaired }
"""

EXPECTED = [
    ("heading-1", 6, False),
    ("paragraph", 8, False),
    ("heading-2", 11, True),
    ("quote", 13, False),
    ("item", 18, False),
    ("item", 20, False),
    ("item", 26, False),
    ("item", 28, False),
    ("box", 30, True),
    ("code", 35, False),
    ("table", 41, False),
    ("rule", 45, False),
    ("html", 47, False),
    ("heading-1", 49, False),
    ("paragraph", 56, True),
]


@functools.cache
def site_markdown() -> markdown.Markdown:
    """A parser with the real site's Markdown extensions (as MkDocs configures them)."""
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


def rendered(text: str) -> tuple[list[pt.HtmlBlock], list[str]]:
    body = "\n".join(text.split("\n")[pt.body_start(text) :])
    return pt.html_blocks(site_markdown().reset().convert(body))


def test_markdown_blocks_kinds_lines_and_markers() -> None:
    blocks = pt.markdown_blocks(SAMPLE)
    assert [(b.kind, b.line, b.unpaired) for b in blocks] == EXPECTED


def test_html_blocks_are_the_same_blocks() -> None:
    blocks, footnotes = rendered(SAMPLE)
    assert [(b.kind, b.unpaired) for b in blocks] == [(k, u) for k, _, u in EXPECTED]
    items = [b for b in blocks if b.kind == "item"]
    assert [(b.list_tag, b.number) for b in items] == [("ol", 1), ("ol", 2), ("ol", 3), ("ol", 4)]
    assert "anidado" in items[1].html  # a nested list stays inside its item
    assert "suelto" in items[3].html  # Python-Markdown: any marker continues the list
    assert len(footnotes) == 1 and "Una nota al pie" in footnotes[0]


ESSAYS = sorted((REPO / "docs" / "es" / "posts").glob("*.md"))


@pytest.mark.parametrize("path", ESSAYS + sorted((REPO / "docs" / "en" / "posts").glob("*.md")))
def test_every_essay_reads_the_same_from_source_and_html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    blocks, _ = rendered(text)
    assert [b.kind for b in pt.markdown_blocks(text)] == [b.kind for b in blocks]


@pytest.mark.parametrize("original", ESSAYS, ids=lambda p: p.stem)
def test_the_five_essays_pair(original: Path) -> None:
    translation = REPO / "docs" / "en" / "posts" / original.name
    mismatch = pt.check_pairing(
        pt.markdown_blocks(translation.read_text(encoding="utf-8")),
        pt.markdown_blocks(original.read_text(encoding="utf-8")),
    )
    assert mismatch is None, mismatch


def blocks_of(body: str) -> list[pt.Block]:
    return pt.markdown_blocks(f"---\ntitle: x\n---\n\n{body}")


def test_an_added_paragraph_is_reported_on_both_sides() -> None:
    own = blocks_of("Uno.\n\nDos.\n\nAñadido.\n\n## Título\n")
    other = blocks_of("One.\n\nTwo.\n\n## Title\n")
    mismatch = pt.check_pairing(own, other)
    assert mismatch is not None
    assert (mismatch.own.kind, mismatch.own.line) == ("paragraph", 9)
    assert (mismatch.other.kind, mismatch.other.line) == ("heading-2", 9)
    line = mismatch.describe("docs/es/posts/a.md", "docs/en/posts/a.md", 10, 12)
    assert line.startswith("docs/es/posts/a.md:9: parallel text:")
    assert "a level-2 heading at docs/en/posts/a.md:9" in line
    assert "{: .unpaired }" in line  # the fix is in the message


def test_a_missing_block_at_the_end_is_reported() -> None:
    own = blocks_of("Uno.\n")
    other = blocks_of("One.\n\nTwo.\n")
    mismatch = pt.check_pairing(own, other)
    assert mismatch is not None and mismatch.own is None and mismatch.other.line == 7
    line = mismatch.describe("docs/en/posts/a.md", "docs/es/posts/a.md", 8, 6)
    assert line.startswith("docs/en/posts/a.md:6: ")
    assert "docs/es/posts/a.md:7" in line
    extra = pt.check_pairing(other, own)
    assert extra is not None and extra.other is None and extra.own.line == 7


def test_a_quote_split_in_two_does_not_pair() -> None:
    own = blocks_of("> Una cita larga.\n\nTexto.\n")
    other = blocks_of("> A long\n\nquote.\n\nText.\n")  # the quote's end fell out of it
    mismatch = pt.check_pairing(other, own)
    assert mismatch is not None and mismatch.own.kind == "paragraph"
    assert mismatch.own.line == 9 and mismatch.other is None


def test_quotes_after_a_blank_line_are_one_quote_as_in_python_markdown() -> None:
    blocks = blocks_of("> uno\n\n> dos\n")
    assert [b.kind for b in blocks] == ["quote"]
    assert [b.kind for b in rendered("> uno\n\n> dos\n")[0]] == ["quote"]


def test_marked_blocks_need_no_counterpart() -> None:
    own = blocks_of('Uno.\n\n!!! note unpaired "Nota"\n    Solo aquí.\n\nDos.\n')
    other = blocks_of("One.\n\nTwo.\n\nA translator's note.\n{: .unpaired }\n")
    assert [b.unpaired for b in own] == [False, True, False]
    assert pt.check_pairing(own, other) is None
    rows = pt.pair_rows(own, other, lambda block: block.unpaired)
    shape = [(r.own.kind if r.own else None, r.other.kind if r.other else None) for r in rows]
    assert shape == [
        ("paragraph", "paragraph"),
        ("box", None),
        ("paragraph", "paragraph"),
        (None, "paragraph"),
    ]


MARKER_FORMS = """- uno
- dos
  {: .unpaired }
- tres {: .unpaired }

> cita
> {: .unpaired }

Entre dos citas.

> cita {: .unpaired }

Texto
{: .unpaired }

Texto {: .unpaired } en medio.

1. a

    {: .unpaired }

## Título {: .unpaired }

## Título {: .unpaired } no
"""


def test_the_marker_counts_where_attr_list_applies_it() -> None:
    """Source and HTML agree on which blocks are marked, forms that work and forms that
    attr_list leaves as text alike."""
    from_source = [(b.kind, b.unpaired) for b in pt.markdown_blocks(MARKER_FORMS)]
    from_html = [(b.kind, b.unpaired) for b in rendered(MARKER_FORMS)[0]]
    assert from_source == from_html
    assert [unpaired for _, unpaired in from_source] == [
        *(False, True, False),  # list items
        *(True, False, False),  # quotes, with a paragraph between them
        *(True, False),  # paragraphs
        False,  # after a blank line inside an item: a paragraph of its own, not a marker
        *(True, False),  # headings
    ]


def test_an_unpaired_class_elsewhere_is_not_a_marker() -> None:
    blocks = blocks_of("Texto {: .unpaired-ish }\n\n!!! unpairedx\n    x\n")
    assert [b.unpaired for b in blocks] == [False, False]


def test_blocks_left_over_get_rows_of_their_own() -> None:
    rows = pt.pair_rows([1, 2, 3], [1], lambda block: False)
    assert [(r.own, r.other) for r in rows] == [(1, 1), (2, None), (3, None)]


def test_line_endings_and_no_front_matter() -> None:
    assert [(b.kind, b.line) for b in pt.markdown_blocks("# T\r\n\r\nP.\r\n")] == [
        ("heading-1", 1),
        ("paragraph", 3),
    ]


def test_ids_and_in_page_links_get_the_language_prefix() -> None:
    html = '<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2><a href="#">top</a>'
    assert pt.rewrite_attributes(html, pt.id_prefixer("es-")) == (
        '<h2 id="es-a">A<a class="headerlink" href="#es-a">¶</a></h2><a href="#">top</a>'
    )


def test_relative_links_are_rebased_for_the_page_showing_them() -> None:
    html = (
        '<a href="otro.md#x">o</a> <a href="../fuentes.md">f</a> <a href="falta.md">m</a> '
        '<img src="img/a.png"> <a href="https://x.org/">e</a> <a href="/abs/">a</a> '
        '<a href="mailto:a@b">m</a> <a href="#n">n</a>'
    )
    pages = {"posts/otro.md": "posts/otro/", "fuentes.md": "fuentes/"}
    rebased = pt.rewrite_attributes(
        html,
        pt.links_rebaser(
            "posts",
            "posts/este/paralelo/",
            pages.get,
            lambda target: target,
            relative_url,
        ),
    )
    assert 'href="../../otro/#x"' in rebased
    assert 'href="../../../fuentes/"' in rebased
    assert 'href="falta.md"' in rebased  # no such page: left for the link checker
    assert 'src="../../img/a.png"' in rebased
    for kept in ('"https://x.org/"', '"/abs/"', '"mailto:a@b"', '"#n"'):
        assert kept in rebased
    marked = pt.rewrite_attributes(
        html, pt.links_rebaser("posts", "en/x/", pages.get, str, relative_url, hreflang="es")
    )
    assert marked.count('hreflang="es"') == 2  # the two links to pages, nothing else


def test_links_of_the_post_page_html_are_rebased_as_its_markdown_links() -> None:
    """The parallel page shows a post's own HTML from its page (MkDocs made the links page
    URLs there): the links it ends with are those of its Markdown's HTML, rebased."""
    markdown_html = (
        '<a href="otro.md#x">o</a> <a href="../fuentes.md">f</a> <a href="falta.md">m</a> '
        '<img src="img/a.png"> <a href="index.md">i</a> <a href="https://x.org/">e</a> '
        '<a href="/abs/">a</a> <a href="mailto:a@b">m</a> <a href="#n">n</a>'
    )
    page_html = (  # the same, as MkDocs writes it for the post page at posts/este/
        '<a href="../otro/#x">o</a> <a href="../../fuentes/">f</a> <a href="falta.md">m</a> '
        '<img src="../img/a.png"> <a href="../">i</a> <a href="https://x.org/">e</a> '
        '<a href="/abs/">a</a> <a href="mailto:a@b">m</a> <a href="#n">n</a>'
    )
    pages = {"posts/otro.md": "posts/otro/", "fuentes.md": "fuentes/", "posts/index.md": "posts/"}
    for view in ("posts/este/paralelo/", "posts/"):
        from_markdown = pt.rewrite_attributes(
            markdown_html,
            pt.links_rebaser("posts", view, pages.get, lambda target: target, relative_url),
        )
        assert (
            pt.rewrite_attributes(
                page_html, pt.page_links_rebaser("posts/este/", view, relative_url)
            )
            == from_markdown
        )
    rebased = pt.rewrite_attributes(
        page_html, pt.page_links_rebaser("posts/este/", "posts/este/paralelo/", relative_url)
    )
    assert 'href="../../otro/#x"' in rebased and 'href="falta.md"' in rebased


def test_only_attributes_are_rewritten_never_text_that_reads_like_one() -> None:
    """A post about HTML shows `srcset="b.png 2x"`, `href="x.md"` and `id="x"` as text
    (Python-Markdown escapes '<' in code, not '"'): the parallel view shows it unchanged.
    Attributes an author's raw HTML writes in single quotes, unquoted or in capitals are
    rewritten as Python-Markdown's are."""
    text = (
        '<p>Write <code>&lt;img srcset="b.png 2x" src="a.png" id="i"&gt;</code> or'
        ' <code>href="otro.md"</code> and href="#n" as prose.</p>'
    )
    pages = {"posts/otro.md": "posts/otro/"}
    assert (
        pt.rewrite_attributes(
            text, pt.page_links_rebaser("posts/este/", "posts/este/paralelo/", relative_url)
        )
        == text
    )
    assert (
        pt.rewrite_attributes(
            text, pt.srcset_rebaser("posts/este/", "posts/este/paralelo/", relative_url)
        )
        == text
    )
    assert pt.rewrite_attributes(
        text, pt.links_rebaser("posts", "posts/este/paralelo/", pages.get, str, relative_url)
    ) == (text)
    assert pt.rewrite_attributes(text, pt.id_prefixer("es-")) == text
    raw = (
        "<a HREF='otro.md' title='a href=\"x.md\"'>o</a> <img src=img/a.png"
        " srcset='../img/a@2x.png 2x'> <h2 ID=t>T</h2> <a href=#t>t</a>"
    )
    rebased = pt.rewrite_attributes(
        raw, pt.links_rebaser("posts", "posts/este/paralelo/", pages.get, str, relative_url)
    )
    assert "HREF='../../otro/'" in rebased and "title='a href=\"x.md\"'" in rebased
    assert 'src="../../img/a.png"' in rebased
    rebased = pt.rewrite_attributes(
        raw, pt.srcset_rebaser("posts/este/", "posts/este/paralelo/", relative_url)
    )
    assert "srcset='../../img/a@2x.png 2x'" in rebased
    assert 'ID="es-t"' in pt.rewrite_attributes(
        raw, pt.id_prefixer("es-")
    ) and 'href="#es-t"' in pt.rewrite_attributes(raw, pt.id_prefixer("es-"))


def test_one_pass_of_several_rewrites_is_each_pass_in_turn() -> None:
    """The parallel page rebases a block's links and prefixes its ids in one pass over its
    tags: the same HTML as one pass after the other."""
    html = (
        '<h2 id="t">T<a class="headerlink" href="#t">¶</a></h2><p><a href="otro.md#x">o</a>'
        " <img src='img/a.png' srcset=\"../img/a@2x.png 2x\"> <a href=#n>n</a><sup"
        ' id="fnref:1"><a href="#fn:1">1</a></sup></p>'
    )
    pages = {"posts/otro.md": "posts/otro/"}
    rewrites = [
        pt.links_rebaser("posts", "posts/este/paralelo/", pages.get, str, relative_url, "es"),
        pt.srcset_rebaser("posts/este/", "posts/este/paralelo/", relative_url),
        pt.id_prefixer("es-"),
    ]
    one_by_one = html
    for rewrite in rewrites:
        one_by_one = pt.rewrite_attributes(one_by_one, rewrite)
    assert pt.rewrite_attributes(html, *rewrites) == one_by_one
    assert 'href="../../otro/#x" hreflang="es"' in one_by_one and 'id="es-fnref:1"' in one_by_one
    assert 'srcset="../../img/a@2x.png 2x"' in one_by_one and 'href="#es-n"' in one_by_one


def test_a_tag_that_never_ends_is_read_in_linear_time() -> None:
    """An author's raw HTML with a tag left open, `<a b=c/ b=c/ ...`: each `b=c/` reads
    as the value 'c/' or as 'c' then '/', and a pattern trying both for every attribute
    took time doubling with each (1 s at 22, days at 40). Run in a child process: a
    regular expression cannot be interrupted."""
    script = (
        "from hooks.core import parallel_text as pt\n"
        "for piece in ('b=c/ ', 'b = c / ', ' /', 'b=\"c\" d '):\n"
        "    html = '<p><a ' + piece * 40 + ' and <code>x</code></p>' + piece * 20000\n"
        "    assert pt.rewrite_attributes(html, pt.id_prefixer('es-')) == html\n"
        "    pt.rewrite_attributes(html, pt.srcset_rebaser('a/', 'a/b/', lambda u, p: u))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, timeout=60, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_srcset_candidates_are_rebased_from_the_page_they_were_written_for() -> None:
    """MkDocs rewrites no srcset: its URLs are relative to the post's page, in the page's
    HTML and in the Markdown's alike; the parallel page, a folder deeper, rebases each
    candidate and keeps its descriptor (absolute and data: URLs as written)."""
    html = (
        '<img src="../img/a.png" srcset="../img/a@2x.png 2x, ../img/a-w.png 640w,'
        ' https://x.org/b.png 3x"> <picture><source srcset="img/c.webp"></picture>'
        ' <img srcset="data:image/png;base64,AA== 1x, /abs.png 2x">'
    )
    rebased = pt.rewrite_attributes(
        html, pt.page_links_rebaser("posts/este/", "posts/este/paralelo/", relative_url)
    )
    assert (
        'srcset="../../img/a@2x.png 2x, ../../img/a-w.png 640w, https://x.org/b.png 3x"' in rebased
    )
    assert 'srcset="../img/c.webp"' in rebased  # posts/este/img/c.webp, one folder up
    assert 'srcset="data:image/png;base64,AA== 1x, /abs.png 2x"' in rebased  # as written
    # The Markdown's HTML (hooks/parallel_text.py rebases its srcset from the post's page).
    markdown_html = '<img alt="a" src="img/a.png" srcset="../img/a@2x.png 2x">'
    alone = pt.rewrite_attributes(
        markdown_html, pt.srcset_rebaser("en/posts/este/", "posts/este/paralelo/", relative_url)
    )
    assert 'srcset="../../../en/posts/img/a@2x.png 2x"' in alone
    assert 'src="img/a.png"' in alone  # src is links_rebaser's (from the source folder)


def test_a_hostile_srcset_stays_text_when_rebased() -> None:
    html = '<img srcset="../a.png 1x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">'
    rebased = pt.rewrite_attributes(
        html, pt.page_links_rebaser("posts/este/", "posts/este/paralelo/", relative_url)
    )
    assert "<script>" not in rebased and '"><' not in rebased
    assert rebased == (
        '<img srcset="../../a.png 1x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">'
    )


def test_page_html_is_reused_only_where_converting_gives_the_same() -> None:
    """A view shows a version's page HTML only where converting its Markdown gives the same
    page (else where it came from would show: one process or two, a rebuilt page or not)."""
    files = {"assets/a.png", "es/posts/img/b.png"}

    def reusable(body: str) -> bool:
        text = f"---\ntitle: t\n---\n{body}\n"
        return pt.page_html_reusable(text, "es/posts/este.md", files.__contains__)

    assert reusable(
        "[a](otro.md#x) [f](../fuentes.md) [m](falta.md) ![i](../../assets/a.png) "
        "![b](img/b.png) [e](https://e.org/x) [r](/abs/) [n](#n) [mail](mailto:a@b)\n\n"
        "A note[^1] and a [ref][r].\n\n[^1]: Its text.\n[r]: otro.md\n"
        '![c](../../assets/a.png){ srcset="../../assets/a.png 2x" }'
    )
    for written_as_is in (
        "[dir](../otro/)",  # no dot in its last part: MkDocs leaves it to the browser
        "[q](?q=1)",
        "![gone](img/gone.png)",  # no such file
        "[ref][r]\n\n[r]: ../otro/",
        '<a href="otro.md">raw</a>',  # raw HTML: MkDocs rewrites none of its links
        "<img SRC='img/b.png'>",
        "One line\u2028two",  # static-i18n makes it a line break before converting
        "<!-- material/tags -->",
    ):
        assert not reusable(written_as_is), written_as_is


def test_a_versions_tooltips_are_given_in_the_language_of_the_page_showing_it() -> None:
    own = {"toc.permalink": "Permanent link", "footnote.backlink": "Jump back to note {} here"}
    page = {"toc.permalink": "Enlace permanente", "footnote.backlink": "Volver a la nota {}"}
    html = (
        '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
        '<a class="footnote-backref" href="#fnref:12" title="Jump back to note 12 here">↩</a>'
        '<a title="Permanent link" href="#a">an author\'s own link keeps its title</a>'
    )
    assert pt.titles_in_language(html, own, page) == (
        '<h2 id="a">A<a class="headerlink" href="#a" title="Enlace permanente">¶</a></h2>'
        '<a class="footnote-backref" href="#fnref:12" title="Volver a la nota 12">↩</a>'
        '<a title="Permanent link" href="#a">an author\'s own link keeps its title</a>'
    )
