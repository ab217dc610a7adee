"""Which pages an edit changes (hooks/core/dependents.py), and the parse cache it relies on."""

from __future__ import annotations

from pathlib import Path

from hooks.core.dependents import dependents
from hooks.core.posts import ParseCache
from hooks.core.site import SiteModel, load_site
from tests.support import SECTION_PAGES, TWO_SERIES, stamp_all


def original(title: str, date: str, extra: str = "", body: str = "Texto.") -> str:
    front = f'title: "{title}"\ndescription: d\ndate: {date}\nauthor: A\ntags: [t]\n{extra}'
    return f"---\n{front}---\n\n{body}\n"


def translation(title: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndescription: d\n{extra}translation:\n  from: es\n---\n\nText.\n'


FILES = {
    **SECTION_PAGES,
    "series.yml": TWO_SERIES,
    "es/posts/a.md": original("La Columna: A", "2020-01-01", body="Ver [b](b.md) y [d](d.md)."),
    "en/posts/a.md": translation("La Columna: A en"),
    "es/posts/b.md": original("B", "2020-02-01", "series: lecciones\n"),
    "en/posts/b.md": translation("B en"),
    "es/posts/c.md": original("La Columna: C", "2020-03-01"),
    "en/posts/c.md": translation("La Columna: C en"),
}
PER_PAGE = 2


def write(docs: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def model(docs: Path, cache: ParseCache | None = None) -> SiteModel:
    site = load_site(docs, ["es", "en"], "es", docs.parent, drafts_visible=True, cache=cache)
    for lang in ("es", "en"):  # as hooks/blog.py registers the generated listing pages
        site.content.add_page(lang, "page/2.md", "page/2")
        site.content.add_page(lang, "archivo.md" if lang == "es" else "archive.md", "archive")
    return site


def sources(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}


def change(tmp_path: Path, edits: dict[str, str | None]) -> set[tuple[str, str]] | str:
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    before = model(docs)
    for name, text in edits.items():
        if text is None:
            (docs / name).unlink()
        else:
            write(docs, {name: text})
    rebuild = dependents(before, model(docs), set(edits), sources(docs), PER_PAGE)
    return rebuild.reason if rebuild.full else rebuild.pages


def test_a_body_edit_rebuilds_that_page_and_the_stale_translation(tmp_path: Path) -> None:
    pages = change(
        tmp_path,
        {"es/posts/b.md": original("B", "2020-02-01", "series: lecciones\n", body="Otro.")},
    )
    # The stamped translation now lags behind its original: its notice.
    assert pages == {("es", "posts/b.md"), ("en", "posts/b.md")}


def test_a_translation_body_edit_rebuilds_only_its_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    before = model(docs)
    path = docs / "en" / "posts" / "b.md"
    path.write_text(path.read_text("utf-8").replace("Text.", "Other text."), "utf-8")
    rebuild = dependents(before, model(docs), {"en/posts/b.md"}, sources(docs), PER_PAGE)
    assert rebuild.pages == {("en", "posts/b.md")}
    assert not rebuild.feeds


def test_a_title_edit_reaches_listings_archive_tags_series_and_translation(
    tmp_path: Path,
) -> None:
    pages = change(tmp_path, {"es/posts/c.md": original("La Columna: C bis", "2020-03-01")})
    assert isinstance(pages, set)
    for page in [
        ("es", "posts/c.md"),
        ("en", "posts/c.md"),
        ("es", "posts/a.md"),  # the other part of the series: its series box
        ("en", "posts/a.md"),
        ("es", "index.md"),  # c is the newest: the first listing page
        ("es", "archivo.md"),
        ("es", "etiquetas.md"),
        ("es", "series/columna.md"),
        ("en", "series/columna.md"),
        ("es", "series/index.md"),
    ]:
        assert page in pages, page
    assert ("es", "page/2.md") not in pages  # its slice (the oldest post) did not change
    assert ("es", "posts/b.md") not in pages


def test_adding_a_post_rebuilds_pages_that_link_to_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    before = model(docs)
    write(docs, {"es/posts/d.md": original("D", "2019-01-01"), "en/posts/d.md": translation("D")})
    stamp_all(docs)
    after = model(docs)
    rebuild = dependents(before, after, {"es/posts/d.md", "en/posts/d.md"}, sources(docs), 2)
    assert ("es", "posts/a.md") in rebuild.pages  # its link to d.md now resolves
    assert ("es", "posts/d.md") in rebuild.pages
    assert ("es", "page/2.md") in rebuild.pages  # the oldest post: on the second page
    assert ("es", "posts/c.md") not in rebuild.pages
    assert rebuild.feeds == {"es", "en"}


def test_what_the_model_cannot_follow_rebuilds_everything(tmp_path: Path) -> None:
    registry = TWO_SERIES.replace("Una columna.", "Otra columna.")
    assert "registry" in str(change(tmp_path, {"series.yml": registry}))
    home = SECTION_PAGES["es/index.md"].replace("title: Inicio", "title: Portada")
    assert "front matter" in str(change(tmp_path / "2", {"es/index.md": home}))
    assert "not a page" in str(change(tmp_path / "3", {"assets/site.css": "a{}"}))


def test_parse_cache_reparses_only_changed_bytes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    cache = ParseCache()
    first = model(docs, cache)
    again = model(docs, cache)
    assert again.content.posts["es"]["posts/b"] == first.content.posts["es"]["posts/b"]
    path = docs / "es" / "posts" / "b.md"
    path.write_text(path.read_text("utf-8").replace('title: "B"', 'title: "B2"'), "utf-8")
    assert model(docs, cache).content.posts["es"]["posts/b"].title == "B2"
    assert model(docs).content.posts["es"]["posts/b"].title == "B2"
