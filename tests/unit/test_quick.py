"""Which saves change only a post's text (hooks/core/quick.py), and which pages show it."""

from __future__ import annotations

from pathlib import Path

from hooks.core.quick import body_edits, pairs_still
from hooks.core.site import SiteModel
from tests.support import TWO_SERIES, stamp_all
from tests.unit.test_dependents import FILES as DEPENDENTS_FILES
from tests.unit.test_dependents import model, original, sources, translation, write

FILES = {
    **DEPENDENTS_FILES,  # three posts in two series, each with its translation
    "es/posts/solo.md": original("Solo", "2020-02-01", body="Sin traducción."),
    "en/posts/solo.md": translation("Solo en").replace(
        "  from: es\n", "  from: es\n  status: pending\n"
    ),
}


def site_at(docs: Path) -> tuple[SiteModel, dict[str, bytes]]:
    write(docs, FILES)
    stamp_all(docs)
    return model(docs), sources(docs)


def edited(docs: Path, path: str, old: str, new: str) -> dict[str, bytes]:
    now = sources(docs)
    text = now[path].decode()
    assert old in text
    now[path] = text.replace(old, new, 1).encode()
    return now


def test_a_text_edit_shows_on_the_post_and_both_parallel_views(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    site, before = site_at(docs)
    now = edited(docs, "en/posts/a.md", "Text.", "Another text.")
    edits = body_edits(before, now, site.content)
    assert edits is not None and [edit.post.path for edit in edits] == ["docs/en/posts/a.md"]
    assert edits[0].pages == (
        ("en", "posts/a.md"),
        ("es", "posts/a/paralelo.md"),
        ("en", "posts/a/parallel.md"),
    )
    assert pairs_still(edits[0], site.content, now)
    # A post without a translation: its page only.
    solo = body_edits(before, edited(docs, "es/posts/solo.md", "Sin", "Aún sin"), site.content)
    assert solo is not None and solo[0].pages == (("es", "posts/solo.md"),)
    assert body_edits(before, before, site.content) == []


def test_what_other_pages_show_is_left_to_a_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    site, before = site_at(docs)
    for path, old, new in (
        ("en/posts/a.md", "A en", "A en bis"),  # the title
        ("en/posts/a.md", "description: d\n", "description: d\n# a comment\n"),
        ("es/posts/solo.md", "Sin traducción.", "Sin traducción. " + "palabra " * 400),  # minutes
        ("es/index.md", "# Inicio", "# Inicio bis"),  # not a post
    ):
        assert body_edits(before, edited(docs, path, old, new), site.content) is None, (path, new)
    added = {**before, "es/posts/nuevo.md": before["es/posts/solo.md"]}
    assert body_edits(before, added, site.content) is None
    gone = {name: text for name, text in before.items() if name != "es/posts/solo.md"}
    assert body_edits(before, gone, site.content) is None
    broken = {**before, "es/posts/solo.md": b"\xff\xfe"}
    assert body_edits(before, broken, site.content) is None
    # A paragraph added to one version only: the views stop pairing (the build warns).
    unpaired = edited(docs, "en/posts/a.md", "Text.", "Text.\n\nMore text.")
    edits = body_edits(before, unpaired, site.content)
    assert edits is not None and not pairs_still(edits[0], site.content, unpaired)


def test_an_original_edit_that_makes_its_translation_stale_is_left_to_a_build(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    site, before = site_at(docs)
    assert not site.content.posts["en"]["posts/a"].stale
    stale = edited(docs, "es/posts/a.md", "Ver [b]", "Ver el [b]")
    assert body_edits(before, stale, site.content) is None
    # Once stale, the original's next text edits change no other page.
    stale_site = model(docs_with(tmp_path / "stale", stale))
    again = {**stale, "es/posts/a.md": stale["es/posts/a.md"].replace(b"Ver el", b"Ver otra vez")}
    edits = body_edits(stale, again, stale_site.content)
    assert edits is not None and len(edits[0].pages) == 3
    # ... but the edit that brings it back to the stamped text does.
    assert body_edits(stale, before, stale_site.content) is None


def docs_with(root: Path, files: dict[str, bytes]) -> Path:
    docs = root / "docs"
    for name, data in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(data)
    (docs / "series.yml").write_text(TWO_SERIES, encoding="utf-8")
    return docs
