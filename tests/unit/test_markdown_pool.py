"""hooks.core.markdown_pool: a reused parser converts each document as a new one would."""

from __future__ import annotations

import markdown
from mkdocs.config import load_config

from hooks.core.markdown_pool import MarkdownPool
from tests.support import REPO


def _site_extensions() -> tuple[list[str], dict[str, dict]]:
    """The real site's extensions and their configs, as MkDocs hands them to each page
    (with the ones it adds itself)."""
    config = load_config(str(REPO / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


# Documents whose state a parser keeps between conversions unless reset: footnotes,
# abbreviations, reference links, heading ids, fenced code and HTML stashes.
FIRST = """# Título

Un texto con nota[^1] y una ABBR, un [enlace][ref] y `código`.

```python
print("hola")
```

<div markdown="1">**dentro**</div>

*[ABBR]: Una abreviatura

[^1]: La nota.

[ref]: https://example.org/

## Título
"""

SECOND = """# Título

Otra ABBR sin definición, un [enlace][ref] sin referencia, otra nota[^1] sin texto.

??? note "Detalle"
    Plegado.

## Título
"""


def test_a_reused_parser_converts_each_document_as_a_new_one_would() -> None:
    names, configs = _site_extensions()
    pool = MarkdownPool()
    for document in (FIRST, SECOND, FIRST, SECOND):
        reused = pool.parser(extensions=names, extension_configs=configs)
        fresh = markdown.Markdown(extensions=names, extension_configs=configs)
        assert reused.convert(document) == fresh.convert(document)
        assert reused.toc_tokens == fresh.toc_tokens  # type: ignore[attr-defined]
    assert len(pool) == 1 and pool.reused == 3


def test_the_second_document_keeps_nothing_of_the_first() -> None:
    names, configs = _site_extensions()
    pool = MarkdownPool()
    first = pool.parser(extensions=names, extension_configs=configs).convert(FIRST)
    assert "<abbr" in first and "example.org" in first and "La nota" in first
    html = pool.parser(extensions=names, extension_configs=configs).convert(SECOND)
    assert "<abbr" not in html and "example.org" not in html and "La nota" not in html
    assert 'id="titulo_1"' in html  # the second heading's id, counted afresh: not titulo_3


def test_each_configuration_has_its_own_parser() -> None:
    pool = MarkdownPool()
    plain = pool.parser(extensions=["toc"])
    linked = pool.parser(extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    assert plain is not linked
    assert pool.parser(extensions=["toc"]) is plain
    assert "headerlink" in linked.convert("# A") and "headerlink" not in plain.convert("# A")
    assert pool.parser(extensions=["toc"], output_format="html") is not plain
    pool.clear()
    assert len(pool) == 0 and pool.reused == 0
    assert pool.parser(extensions=["toc"]) is not plain
