from __future__ import annotations

from pathlib import Path

import pytest

from hooks.core.posts import load_content
from hooks.core.problems import ContentError
from hooks.core.series import load_registry
from tests.support import stamp_all


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "docs"


ORIGINAL = """---
title: Uno
description: d
date: unknown
date_before: 2008-07-16
date_note: nota
author: unknown
source:
  blog: Blog
  position: 2
series: serie
---
Hola
"""
TRANSLATION = """---
title: One
description: d
date_note: note
translation:
  from: es
---
Hi
"""


def load(root: Path, files: dict[str, str]):
    docs = write(root, files)
    stamp_all(docs)
    return load_content(docs, ["es", "en"], "es", root, series_ids={"serie"})


def test_translation_inherits_shared_facts(tmp_path: Path) -> None:
    content = load(tmp_path, {"es/posts/uno.md": ORIGINAL, "en/posts/uno.md": TRANSLATION})
    english = content.posts["en"]["posts/uno"]
    spanish = content.posts["es"]["posts/uno"]
    assert english.date == spanish.date and english.source == spanish.source
    assert english.series == "serie" and english.author is None
    assert english.translated_from == "es" and spanish.translated_from is None
    assert content.original_of(english) is spanish
    assert content.counterpart("es", "posts/uno.md", "en") == "posts/uno.md"


def test_pending_translation_is_not_a_counterpart_nor_listed(tmp_path: Path) -> None:
    pending = TRANSLATION.replace("  from: es\n", "  from: es\n  status: pending\n")
    content = load(tmp_path, {"es/posts/uno.md": ORIGINAL, "en/posts/uno.md": pending})
    assert content.counterpart("es", "posts/uno.md", "en") is None
    assert content.listed_posts("en") == [] and len(content.listed_posts("es")) == 1


def test_section_pages_pair_by_key(tmp_path: Path) -> None:
    content = load(
        tmp_path,
        {
            "es/fuentes.md": "---\ntranslation_key: sources\n---\n# F\n",
            "en/sources.md": "---\ntranslation_key: sources\n---\n# S\n",
        },
    )
    assert content.counterpart("es", "fuentes.md", "en") == "sources.md"
    assert content.counterpart("en", "sources.md", "es") == "fuentes.md"


def test_listing_order_and_drafts(tmp_path: Path) -> None:
    def make(slug: str, date: str, extra: str = "") -> dict[str, str]:
        es = f"---\ntitle: {slug}\ndescription: d\ndate: {date}\nauthor: A\n{extra}---\nx\n"
        # A draft's translation is a draft too (hooks/core/publishing.py).
        en = TRANSLATION.replace("date_note: note\n", extra)
        return {f"es/posts/{slug}.md": es, f"en/posts/{slug}.md": en}

    files = {
        **make("a", "2001"),
        **make("b", "2003-05"),
        **make("c", "2002-01-01"),
        **make("d", "2004", "draft: true\n"),
    }
    content = load(tmp_path, files)
    assert [p.slug for p in content.listed_posts("es")] == ["b", "c", "a"]
    content.show_drafts(True)  # as under `mkdocs serve`
    assert next(p.slug for p in content.listed_posts("es")) == "d"


@pytest.mark.parametrize(
    ("files", "fragment"),
    [
        ({"es/posts/uno.md": ORIGINAL}, "missing translation"),
        ({"es/posts/uno.md": ORIGINAL, "en/posts/uno.md": ORIGINAL}, "claim to be the original"),
        (
            {
                "es/posts/uno.md": ORIGINAL,
                "en/posts/uno.md": TRANSLATION.replace(
                    "translation:\n", "series: otra\ntranslation:\n"
                ),
            },
            "en/posts/uno.md:5: series: unknown series 'otra'",
        ),
        (
            {
                "es/posts/uno.md": ORIGINAL,
                "en/posts/uno.md": TRANSLATION.replace(
                    "translation:\n", "author: Bob\ntranslation:\n"
                ),
            },
            "en/posts/uno.md:5: author: differs from the original",
        ),
        (
            {
                "es/posts/uno.md": ORIGINAL,
                "en/posts/uno.md": TRANSLATION.replace("from: es", "from: fr"),
            },
            "translation.from: 'fr' is not another language",
        ),
        (
            {
                "es/posts/uno.md": ORIGINAL.replace("blog: Blog", "blog: Blog\n  url: not-a-url"),
                "en/posts/uno.md": TRANSLATION,
            },
            "source.url: 'not-a-url' is not a web address",
        ),
        ({"es/fuentes.md": "---\ntranslation_key: sources\n---\n# F\n"}, "missing translation"),
        ({"es/a.md": "---\ntitel: x\n---\n"}, "titel: unknown field (did you mean 'title'?)"),
    ],
)
def test_problems(tmp_path: Path, files: dict[str, str], fragment: str) -> None:
    with pytest.raises(ContentError) as error:
        load(tmp_path, files)
    assert fragment in str(error.value)


def test_registry_validation(tmp_path: Path) -> None:
    path = tmp_path / "series.yml"
    path.write_text("serie:\n  name: {es: S, en: S}\n  description: {es: D}\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_registry(path, "docs/series.yml", ["es", "en"])
    assert "docs/series.yml:3: serie.description: needs a non-empty text for every language" in str(
        error.value
    )
    path.write_text(
        "serie:\n  name: {es: S, en: S}\n  description: {es: D, en: D}\n  title_prefix: 'S: '\n",
        encoding="utf-8",
    )
    registry = load_registry(path, "docs/series.yml", ["es", "en"])
    assert registry.series["serie"].title_prefix == {"es": "S: ", "en": "S: "}
