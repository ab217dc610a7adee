from __future__ import annotations

from pathlib import Path

import pytest

from hooks.core.problems import ContentError
from hooks.core.series import Series, display_title
from hooks.core.site import SiteModel, load_site
from tests.support import TWO_SERIES, stamp_all

REGISTRY = TWO_SERIES


def original(title: str, date: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndescription: d\ndate: {date}\nauthor: A\n{extra}---\nx\n'


def translation(title: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndescription: d\n{extra}translation:\n  from: es\n---\nx\n'


def site(tmp_path: Path, posts: dict[str, tuple[str, str]], registry: str = REGISTRY) -> SiteModel:
    docs = tmp_path / "docs"
    (docs / "es" / "posts").mkdir(parents=True, exist_ok=True)
    (docs / "en" / "posts").mkdir(parents=True, exist_ok=True)
    (docs / "series.yml").write_text(registry, encoding="utf-8")
    for slug, (es, en) in posts.items():
        (docs / "es" / "posts" / f"{slug}.md").write_text(es, encoding="utf-8")
        (docs / "en" / "posts" / f"{slug}.md").write_text(en, encoding="utf-8")
    stamp_all(docs)
    return load_site(docs, ["es", "en"], "es", tmp_path)


BASE = {
    "a": (original("La Columna: Primera", "2008-01-01"), translation("La Columna: First")),
    "b": (original("Segunda", "2008-03-01", "series: columna\n"), translation("Second")),
    "c": (
        original("La Columna: Tercera", "unknown", "date_after: 2008-03-01\ndate_note: n\n"),
        translation("La Columna: Third", "date_note: n\n"),
    ),
    "l1": (original("Uno", "2001", "series: lecciones\nseries_order: 2\n"), translation("One")),
    "l2": (original("Dos", "2005", "series: lecciones\nseries_order: 1\n"), translation("Two")),
}


def test_membership_and_order(tmp_path: Path) -> None:
    model = site(tmp_path, BASE)
    column = model.series.runs["columna"]
    assert [part.key for part in column.parts] == ["posts/a", "posts/b", "posts/c"]
    assert [part.position for part in column.parts] == [1, 2, 3]
    assert model.series.of_post["posts/a"] == "columna"  # joined by its title prefix
    previous, following = column.neighbours(column.parts[1])
    assert previous.key == "posts/a" and following.key == "posts/c"
    lessons = model.series.runs["lecciones"]
    assert [part.key for part in lessons.parts] == ["posts/l2", "posts/l1"]  # explicit order wins


def test_untranslated_part_keeps_its_number(tmp_path: Path) -> None:
    posts = dict(BASE)
    posts["b"] = (
        BASE["b"][0],
        translation("Second", "").replace("from: es\n", "from: es\n  status: pending\n"),
    )
    column = site(tmp_path, posts).series.runs["columna"]
    assert column.count == 3
    assert column.parts[1].version("en") is None and column.parts[1].version("es") is not None


def test_generated_pages_pair_across_languages(tmp_path: Path) -> None:
    content = site(tmp_path, BASE).content
    assert content.counterpart("es", "series/columna.md", "en") == "series/columna.md"
    assert content.counterpart("en", "series/index.md", "es") == "series/index.md"


def test_display_title_drops_the_prefix() -> None:
    series = Series("x", {}, {}, {"es": "La Columna: "})
    assert display_title("La Columna: Primera", series, "es") == "Primera"
    assert display_title("Otra cosa", series, "es") == "Otra cosa"
    assert display_title("La Columna: ", series, "es") == "La Columna: "


def failing(tmp_path: Path, posts: dict, registry: str = REGISTRY) -> str:
    with pytest.raises(ContentError) as error:
        site(tmp_path, posts, registry)
    return str(error.value)


def test_unknown_series_suggests(tmp_path: Path) -> None:
    posts = {**BASE, "x": (original("X", "2009", "series: columnas\n"), translation("X"))}
    assert "docs/es/posts/x.md:6: series: unknown series 'columnas' (did you mean 'columna'?)" in (
        failing(tmp_path, posts)
    )


def test_duplicate_order(tmp_path: Path) -> None:
    posts = {
        **BASE,
        "l2": (original("Dos", "2005", "series: lecciones\nseries_order: 2\n"), translation("Two")),
    }
    message = failing(tmp_path, posts)
    assert (
        "docs/es/posts/l2.md:7: series_order: 2 is also the order of docs/es/posts/l1.md" in message
    )


def test_gap_in_explicit_orders(tmp_path: Path) -> None:
    posts = {
        **BASE,
        "l2": (original("Dos", "2005", "series: lecciones\nseries_order: 3\n"), translation("Two")),
    }
    message = failing(tmp_path, posts)
    assert "series_order: 2 leaves a gap in 'lecciones': no part 1" in message


def test_mixed_explicit_and_implicit_orders(tmp_path: Path) -> None:
    posts = {**BASE, "l3": (original("Tres", "2006", "series: lecciones\n"), translation("Three"))}
    assert "docs/es/posts/l3.md:2: series_order: is missing while other parts of 'lecciones'" in (
        failing(tmp_path, posts)
    )


def test_translation_claims_another_order(tmp_path: Path) -> None:
    posts = {**BASE, "l1": (BASE["l1"][0], translation("One", "series_order: 3\n"))}
    assert "docs/en/posts/l1.md:4: series_order: differs from the original" in failing(
        tmp_path, posts
    )


def test_translation_claims_another_series(tmp_path: Path) -> None:
    posts = {**BASE, "l1": (BASE["l1"][0], translation("One", "series: columna\n"))}
    assert "docs/en/posts/l1.md:4: series: differs from the original" in failing(tmp_path, posts)
    posts = {**BASE, "l1": (BASE["l1"][0], translation("La Columna: One"))}
    assert (
        "docs/en/posts/l1.md:2: title: starts with the prefix of series 'columna' but the "
        "original docs/es/posts/l1.md is in 'lecciones'"
    ) in failing(tmp_path, posts)


def test_declared_but_empty(tmp_path: Path) -> None:
    registry = REGISTRY + "vacia:\n  name: {es: V, en: V}\n  description: {es: V, en: V}\n"
    assert "docs/series.yml:9: vacia: series is declared but no post joins it" in failing(
        tmp_path, BASE, registry
    )


def test_title_matching_two_series(tmp_path: Path) -> None:
    registry = REGISTRY.replace(
        "description: {es: Lecciones., en: Lessons.}",
        'description: {es: L., en: L.}\n  title_prefix: "La Columna: Pri"',
    )
    message = failing(tmp_path, BASE, registry)
    assert "lecciones.title_prefix: 'La Columna: Pri' overlaps the prefix 'La Columna: '" in message
    assert (
        "docs/es/posts/a.md:2: title: matches the title_prefix of several series: "
        "columna, lecciones"
    ) in message


def test_explicit_series_against_title_prefix(tmp_path: Path) -> None:
    posts = {
        **BASE,
        "a": (
            original("La Columna: Primera", "2008-01-01", "series: lecciones\nseries_order: 3\n"),
            translation("First"),
        ),
    }
    assert (
        "docs/es/posts/a.md:6: series: is 'lecciones' but the title starts with the prefix of"
        in (failing(tmp_path, posts))
    )


def test_a_draft_part_takes_no_number_until_published(tmp_path: Path) -> None:
    posts = {
        **BASE,
        "a": (
            original("La Columna: Primera", "2008-01-01", "draft: true\n"),
            translation("La Columna: First", "draft: true\n"),
        ),
    }
    column = site(tmp_path, posts).series.runs["columna"]
    assert [part.key for part in column.parts] == ["posts/b", "posts/c"]
    assert [part.position for part in column.parts] == [1, 2]
