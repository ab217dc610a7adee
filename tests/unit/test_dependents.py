"""Which pages an edit changes (hooks/core/dependents.py), and the parse cache it relies on."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hooks.core import posts as posts_module
from hooks.core.dependents import (
    KINDS,
    PARALLEL,
    dependents,
    page_kind,
    parallel_pages,
    post_context,
)
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


def edit_files(docs: Path, edits: Mapping[str, Any]) -> None:
    """Each file's new text, None to remove it, or a function of its text."""
    for name, text in edits.items():
        if text is None:
            (docs / name).unlink()
        else:
            new = text((docs / name).read_text(encoding="utf-8")) if callable(text) else text
            write(docs, {name: new})


def change(tmp_path: Path, edits: dict[str, str | None]) -> set[tuple[str, str]] | str:
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    before = model(docs)
    edit_files(docs, edits)
    rebuild = dependents(before, model(docs), set(edits), sources(docs), PER_PAGE)
    return rebuild.reason if rebuild.full else rebuild.pages


def test_a_body_edit_rebuilds_that_page_and_the_stale_translation(tmp_path: Path) -> None:
    pages = change(
        tmp_path,
        {"es/posts/b.md": original("B", "2020-02-01", "series: lecciones\n", body="Otro.")},
    )
    # The stamped translation now lags behind its original: its notice; and both parallel
    # pages, which show both versions whole.
    assert pages == {
        ("es", "posts/b.md"),
        ("en", "posts/b.md"),
        ("es", "posts/b/paralelo.md"),
        ("en", "posts/b/parallel.md"),
    }


def test_a_translation_body_edit_rebuilds_only_its_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    before = model(docs)
    path = docs / "en" / "posts" / "b.md"
    path.write_text(path.read_text("utf-8").replace("Text.", "Other text."), "utf-8")
    rebuild = dependents(before, model(docs), {"en/posts/b.md"}, sources(docs), PER_PAGE)
    # Its page, and both parallel pages (the Spanish one shows the English beside it).
    assert rebuild.pages == {
        ("en", "posts/b.md"),
        ("es", "posts/b/paralelo.md"),
        ("en", "posts/b/parallel.md"),
    }
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
        ("es", "posts/b.md"),  # c is its newer neighbour: the end of the post names it
        ("es", "posts/c/paralelo.md"),
        ("en", "posts/c/parallel.md"),
    ]:
        assert page in pages, page
    assert ("es", "page/2.md") not in pages  # its slice (the oldest post) did not change
    assert ("en", "posts/b.md") not in pages  # its neighbour's English title is the same
    assert ("es", "posts/b/paralelo.md") not in pages


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


def test_parse_cache_reparses_only_changed_bytes(tmp_path: Path, monkeypatch) -> None:
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    parsed: list[str] = []
    real_read = posts_module._read

    def counting_read(path: Path, display: str, *rest: object) -> object:
        parsed.append(display)
        return real_read(path, display, *rest)

    monkeypatch.setattr(posts_module, "_read", counting_read)
    cache = ParseCache()
    first = model(docs, cache)
    assert any(name.endswith("es/posts/b.md") for name in parsed)  # the first load parses
    parsed.clear()
    again = model(docs, cache)
    assert parsed == []  # nothing changed: nothing parsed again
    assert again.content.posts["es"]["posts/b"] == first.content.posts["es"]["posts/b"]
    path = docs / "es" / "posts" / "b.md"
    path.write_text(path.read_text("utf-8").replace('title: "B"', 'title: "B2"'), "utf-8")
    assert model(docs, cache).content.posts["es"]["posts/b"].title == "B2"
    assert len(parsed) == 1 and parsed[0].endswith("es/posts/b.md")  # only the edited file
    assert model(docs).content.posts["es"]["posts/b"].title == "B2"
    # Bytes the server has just read are used (once) instead of the file's.
    cache.give({str(path): path.read_bytes().replace(b'title: "B2"', b'title: "B3"')})
    assert model(docs, cache).content.posts["es"]["posts/b"].title == "B3"
    assert model(docs, cache).content.posts["es"]["posts/b"].title == "B2"


def test_a_new_date_reaches_the_old_and_new_neighbours(tmp_path: Path) -> None:
    # a, b, c (oldest first) -> b, c, a: every post's neighbours change, in both languages
    # (the English listing follows the originals' dates).
    pages = change(
        tmp_path,
        {"es/posts/a.md": original("La Columna: A", "2021-01-01", body="Ver [b](b.md).")},
    )
    assert isinstance(pages, set)
    for lang in ("es", "en"):
        for slug in ("a", "b", "c"):
            assert (lang, f"posts/{slug}.md") in pages, (lang, slug)


def test_a_post_moved_to_another_listing_page_is_relisted_not_rebuilt(tmp_path: Path) -> None:
    """Adding a newer post moves the oldest one to the second listing page: its "back to
    the listing" link changes, though none of its neighbours did. That link alone: the
    glue may update it in the written page (relisted, from page 1 to 2), not rebuild it."""
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    before = model(docs)
    write(docs, {"es/posts/e.md": original("E", "2024-01-01")})
    write(
        docs,
        {
            "en/posts/e.md": translation("E en", "").replace(
                "  from: es\n", "  from: es\n  status: pending\n"
            )
        },
    )
    after = model(docs)
    context = [post_context(m, "es", "posts/b", PER_PAGE) for m in (before, after)]
    assert context[0] is not None and context[1] is not None
    old, new = context[0].listed, context[1].listed
    assert old is not None and new is not None
    assert (old.newer, old.older) == (new.newer, new.older)  # b's neighbours: still c and a
    assert (old.page, new.page) == (0, 1)  # but it moved to page 2
    edited = {"es/posts/e.md", "en/posts/e.md"}
    rebuild = dependents(before, after, edited, sources(docs), PER_PAGE)
    assert ("es", "posts/b.md") not in rebuild.pages  # on page 2 now: its link back changes
    assert rebuild.relisted == {("es", "posts/b.md"): (1, 2)}
    assert ("es", "posts/c.md") in rebuild.pages  # its newer neighbour is e
    assert ("es", "posts/a.md") not in rebuild.pages  # same neighbours, same listing page
    assert ("en", "posts/a.md") not in rebuild.pages  # e is not translated: nothing moved


def test_a_post_that_moves_and_changes_otherwise_is_rebuilt_not_relisted(tmp_path: Path) -> None:
    """The same move with b's own title changed too (it shows on its page): rebuilt only."""
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    before = model(docs)
    write(docs, {"es/posts/e.md": original("E", "2024-01-01")})
    write(docs, {"en/posts/e.md": translation("E en")})
    write(docs, {"es/posts/b.md": original("B bis", "2020-02-01", "series: lecciones\n")})
    stamp_all(docs)
    after = model(docs)
    edited = {"es/posts/e.md", "en/posts/e.md", "es/posts/b.md"}
    rebuild = dependents(before, after, edited, sources(docs), PER_PAGE)
    assert ("es", "posts/b.md") in rebuild.pages
    assert ("es", "posts/b.md") not in rebuild.relisted
    assert not set(rebuild.relisted) & rebuild.pages


def test_a_translation_going_pending_removes_the_parallel_pages_and_switches(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    before = model(docs)
    assert "posts/c/parallel.md" in parallel_pages(before, "en")
    path = docs / "en" / "posts" / "c.md"
    path.write_text(
        path.read_text("utf-8").replace("  from: es\n", "  from: es\n  status: pending\n"),
        "utf-8",
    )
    after = model(docs)
    assert "posts/c/parallel.md" not in parallel_pages(after, "en")
    rebuild = dependents(before, after, {"en/posts/c.md"}, sources(docs), PER_PAGE)
    # The Spanish post loses its parallel-text switch and its language switcher's target.
    assert ("es", "posts/c.md") in rebuild.pages
    assert ("es", "posts/c/paralelo.md") in rebuild.pages


def test_every_page_of_a_site_has_a_kind_with_a_rule(tmp_path: Path) -> None:
    """A page of a kind page_kind does not know is rebuilt on every save by the glue (and
    the edit-loop test fails on its log line): every page of this site is known."""
    docs = tmp_path / "docs"
    write(docs, FILES)
    stamp_all(docs)
    site = model(docs)
    seen = set()
    for lang in ("es", "en"):
        paths = [page.rel_path for page in site.content.pages[lang].values()]
        paths += [post.rel_path for post in site.content.posts[lang].values()]
        paths += list(parallel_pages(site, lang))
        for rel_path in paths:
            kind = page_kind(site, lang, rel_path)
            assert kind in KINDS, (lang, rel_path)
            seen.add(kind)
    assert seen == set(KINDS)  # the fixture has one page of every kind
    assert page_kind(site, "es", "posts/a/paralelo.md") == PARALLEL
    assert page_kind(site, "es", "otra-cosa/nueva.md") is None  # e.g. a new generated page
    assert page_kind(site, "es", "page/x.md") is None


def test_comparing_only_the_contexts_that_can_change_finds_the_same_pages(
    tmp_path: Path, monkeypatch
) -> None:
    """The pruned comparison (a changed post, its series' parts and listing neighbours,
    while listings keep their order and series their parts) against every post's context
    compared, on edits of every kind: the same pages, and fewer contexts compared."""
    from hooks.core import dependents as module

    files = dict(FILES)
    for number in range(4, 10):  # more posts: neighbours, listing pages, a longer series
        day = f"2020-0{number}-01"
        extra = "series: lecciones\n" if number % 2 else ""
        files[f"es/posts/p{number}.md"] = original(f"P{number}", day, extra)
        files[f"en/posts/p{number}.md"] = translation(f"P{number} en")

    def retitled(text: str) -> str:
        return text.replace('title: "P7 en"', 'title: "P7 en bis"')

    pending = translation("PA en").replace("  from: es\n", "  from: es\n  status: pending\n")
    edits: list[dict[str, Any]] = [
        {"es/posts/p6.md": original("P6 bis", "2020-06-01")},  # title, no series
        {"es/posts/p5.md": original("P5 bis", "2020-05-01", "series: lecciones\n")},  # a part
        {"en/posts/p7.md": retitled},  # a translation's title
        {"es/posts/p6.md": original("P6", "2020-06-01", body="Otro texto.")},  # body
        {  # both versions made drafts
            "es/posts/p4.md": original("P4", "2020-04-01", "draft: true\n"),
            "en/posts/p4.md": lambda text: text.replace(
                "translation:", "draft: true\ntranslation:"
            ),
        },
        {"es/posts/p8.md": original("P8", "2021-01-01")},  # a date that reorders
        {"es/posts/p9.md": original("P9", "2020-09-01")},  # leaves its series
        {"es/posts/pa.md": original("PA", "2020-03-15"), "en/posts/pa.md": pending},  # added
        {"es/posts/p4.md": None, "en/posts/p4.md": None},  # a post removed
    ]
    real = module._contexts_to_compare
    pruned: list[int] = []

    def counting(
        before: SiteModel, after: SiteModel, keys: set[str], changed: set[str]
    ) -> set[str]:
        found = real(before, after, keys, changed)
        pruned.append(len(found) < len(keys))
        return found

    for number, edit in enumerate(edits):
        docs = tmp_path / str(number) / "docs"
        write(docs, files)
        stamp_all(docs)
        before = model(docs)
        edit_files(docs, edit)
        after = model(docs)
        args = (before, after, set(edit), sources(docs), PER_PAGE)
        monkeypatch.setattr(module, "_contexts_to_compare", counting)
        module._Contexts._last = None
        found = dependents(*args)
        monkeypatch.setattr(module, "_contexts_to_compare", lambda b, a, keys, changed: keys)
        module._Contexts._last = None
        every = dependents(*args)
        assert (found.full, found.pages, found.feeds, found.relisted) == (
            every.full,
            every.pages,
            every.feeds,
            every.relisted,
        ), edit
    assert pruned[:4] == [True, True, True, True]  # titles and a body: a few contexts
    assert not any(pruned[5:])  # a reordering, a series left, a post added or removed: all
