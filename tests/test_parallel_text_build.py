"""The parallel view on fixture sites and on the real one: pages made, what pairs, the
warning naming both files when a translation does not pair, search and SEO untouched."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path

import pytest

from hooks.parallel import usable_cores
from tests.support import (
    SECTION_PAGES,
    Build,
    assert_same_site,
    fixture_site,
    post,
    run_mkdocs,
    text_of,
)

HOSTILE = '\\"><script>alert(1)</script>'

ES_BODY = """## Primera parte

Un párrafo con una nota[^1] y un [enlace](../fuentes.md).

> Una cita.
> {: .attribution }

1. Uno.
2. Dos.

!!! note "Aviso"
    Un aviso.

[^1]: La nota.
"""

EN_BODY = """## First part

A paragraph with a note[^1] and a [link](../sources.md).

A translator's note, only in English.
{: .unpaired }

> A quote.
> {: .attribution }

1. One.
2. Two.

!!! note "Notice"
    A notice.

[^1]: The note.
"""


# An image's srcset is relative to the page (MkDocs rewrites no srcset): /posts/imagen/ and
# /en/posts/imagen/, both showing the site's shared /assets/; the parallel view, a folder
# deeper, must rebase it.
IMAGE = '![{alt}]({up}/assets/punto.svg){{ srcset="{up}/assets/punto.svg 2x" }}\n'


def original(slug: str, body: str, title: str | None = None) -> tuple[str, str]:
    return f"es/posts/{slug}.md", post(
        f'title: "{title or "Título " + slug}"\ndescription: "Resumen"\ndate: 2010-01-01\n'
        "author: Ana\n",
        body,
    )


def translation(slug: str, body: str, status: str = "") -> tuple[str, str]:
    return f"en/posts/{slug}.md", post(
        f'title: "Title {slug}"\ndescription: "Summary"\ntranslation:\n  from: es\n'
        + (f"  status: {status}\n" if status else ""),
        body,
    )


# The translation of "desparejo" has a paragraph the original lacks, unmarked: at line 13
# of docs/en/posts/desparejo.md (front matter of 7 lines once stamped, then 3 paragraphs).
UNPAIRED_LINE = 13
FILES = {
    **SECTION_PAGES,
    "series.yml": "# none\n",
    **dict(
        [
            original("par", ES_BODY, f"Par {HOSTILE}"),
            translation("par", EN_BODY),
            original("desparejo", "Uno.\n\nDos.\n"),
            translation("desparejo", "One.\n\nTwo.\n\nThree, added.\n"),
            original("pendiente", "Uno.\n"),
            translation("pendiente", "One.\n", status="pending"),
            original("cambiado", "Uno.\n\nDos.\n"),
            translation("cambiado", "One.\n\nTwo.\n"),
            original("imagen", IMAGE.format(alt="Un punto", up="../..")),
            translation("imagen", IMAGE.format(alt="A dot", up="../../..")),
        ]
    ),
    "assets/punto.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
}


def make_site(root: Path, config_extra: str = "") -> Path:
    config = fixture_site(root, FILES, config_extra)
    # "cambiado" changes after its translation was stamped (it still pairs).
    changed = root / "docs" / "es" / "posts" / "cambiado.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Dos.", "Dos, otra vez."))
    return config


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("parallel")
    build = run_mkdocs(make_site(root), root / "site", strict=False)
    assert build.returncode == 0, build.output
    return build


def test_strict_build_stops_where_a_translation_does_not_pair(tmp_path: Path) -> None:
    build = run_mkdocs(make_site(tmp_path), tmp_path / "site")
    assert build.returncode != 0
    warnings = [line for line in build.output.splitlines() if "parallel text:" in line]
    assert warnings == [
        f"WARNING -  docs/en/posts/desparejo.md:{UNPAIRED_LINE}: parallel text: the versions "
        "stop pairing: a paragraph here, nothing left in docs/es/posts/desparejo.md (ends at "
        "line 10); give both versions the same blocks in the same order, or mark a block that "
        'has no counterpart with `{: .unpaired }` (a box: `!!! note unpaired "…"`)'
    ], build.output


def test_clean_strict_build_with_a_translators_note_and_a_stale_translation(
    tmp_path: Path,
) -> None:
    """Without the defect the strict build passes: the marked translator's note pairs, and a
    stale translation that no longer pairs is reported as the site reports stale ones
    (here extra.stale_translations: info)."""
    files = {k: v for k, v in FILES.items() if "desparejo" not in k}
    config = fixture_site(tmp_path, files, "extra:\n  stale_translations: info\n")
    changed = tmp_path / "docs" / "es" / "posts" / "cambiado.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nUn párrafo nuevo.\n")
    build = run_mkdocs(config, tmp_path / "site", verbose=True)
    assert build.returncode == 0, build.output
    lines = [line for line in build.output.splitlines() if "parallel text:" in line]
    assert len(lines) == 1 and lines[0].startswith("INFO"), lines
    assert "docs/en/posts/cambiado.md:" in lines[0]


def test_every_readable_pair_has_a_parallel_page_in_both_languages(built: Build) -> None:
    for slug in ("par", "desparejo", "cambiado"):
        assert (built.site / "posts" / slug / "paralelo" / "index.html").exists()
        assert (built.site / "en" / "posts" / slug / "parallel" / "index.html").exists()
    assert not (built.site / "posts" / "pendiente" / "paralelo").exists()
    assert built.page("posts/pendiente/").css_first(".parallel-switch") is None


def test_the_control_links_both_views_and_marks_the_current_one(built: Build) -> None:
    post_switch = built.page("posts/par/").css_first("nav.parallel-switch")
    links = post_switch.css("a")
    assert [(a.attributes["href"], a.attributes.get("aria-current")) for a in links] == [
        ("./", "page"),
        ("paralelo/", None),
    ]
    assert [text_of(a) for a in links] == ["Solo en español", "Junto a la traducción al inglés"]
    assert post_switch.attributes["aria-label"] == "Vista del texto"
    view_links = built.page("en/posts/par/parallel/").css("nav.parallel-switch a")
    assert [(a.attributes["href"], a.attributes.get("aria-current")) for a in view_links] == [
        ("../", None),
        ("./", "page"),
    ]
    assert [text_of(a) for a in view_links] == ["English only", "Beside the Spanish original"]


def test_blocks_side_by_side_each_column_in_its_language(built: Build) -> None:
    for url, own, other in (
        ("posts/par/paralelo/", "es", "en"),
        ("en/posts/par/parallel/", "en", "es"),
    ):
        page = built.page(url)
        assert page.css_first("html").attributes["lang"] == own
        assert {c.attributes["lang"] for c in page.css(".parallel-text__cell--own")} == {own}
        assert {c.attributes["lang"] for c in page.css(".parallel-text__cell--other")} == {other}
        rows = page.css(".parallel-text__row")
        kinds = [row.attributes["class"].split("--")[-1] for row in rows]
        assert kinds == [
            "columns",
            "title",
            "heading-2",
            "paragraph",
            "paragraph",  # the translator's note, on a row of its own
            "quote",
            "item",
            "item",
            "box",
            "footnotes",
        ]
        note = rows[4]
        english = ".parallel-text__cell--" + ("own" if own == "en" else "other")
        assert "only in English" in text_of(note.css_first(english))
        assert note.css_first(".parallel-text__cell--empty").attributes["lang"] == "es"
        second = rows[7]
        assert [ol.attributes["start"] for ol in second.css("ol")] == ["2", "2"]
        ids = [node.attributes["id"] for node in page.css("[id]")]
        assert not [i for i, n in Counter(ids).items() if n > 1]  # both versions' ids apart


def test_links_footnotes_and_author_text(built: Build) -> None:
    page = built.page("posts/par/paralelo/")
    own = page.css_first(".parallel-text__row--paragraph .parallel-text__cell--own")
    other = page.css_first(".parallel-text__row--paragraph .parallel-text__cell--other")
    # Relative links lead where they led from each post (the build's link check agrees).
    assert own.css_first("a[href$='fuentes/']").attributes["href"] == "../../../fuentes/"
    link = other.css_first("a[href$='sources/']")
    assert link.attributes["href"] == "../../../en/sources/"
    assert link.attributes["hreflang"] == "en"  # a link to the other language, said so
    assert own.css_first("sup a").attributes["href"] == "#es-fn:1"
    assert page.css_first("#es-fn\\:1") is not None and page.css_first("#en-fn\\:1") is not None
    html = built.html("posts/par/paralelo/")
    assert "<script>alert(1)" not in html
    assert text_of(page.css_first(".parallel-text h1")) == 'Par "><script>alert(1)</script>'


def test_an_image_srcset_leads_where_it_led_from_each_post(built: Build) -> None:
    for view, up in (
        ("posts/imagen/paralelo/", "../../.."),
        ("en/posts/imagen/parallel/", "../../../.."),
    ):
        images = built.page(view).css(".parallel-text__cell img")
        assert len(images) == 2, view  # both versions' image
        for image in images:
            assert image.attributes["src"] == f"{up}/assets/punto.svg", view
            assert image.attributes["srcset"] == f"{up}/assets/punto.svg 2x", view
    # On the posts themselves, as written (the build's link check resolves it there).
    image = built.page("posts/imagen/").css_first("article img")
    assert image.attributes["srcset"] == "../../assets/punto.svg 2x"


def test_the_view_is_for_readers_not_for_search_engines(built: Build) -> None:
    for url in ("posts/par/paralelo/", "en/posts/par/parallel/"):
        page = built.page(url)
        assert page.css_first('meta[name="robots"]').attributes["content"] == "noindex"
        assert page.css_first('link[rel="canonical"]') is None
        assert page.css('link[rel="alternate"][hreflang]') == []
        assert page.css_first("[data-pagefind-body]") is None  # Pagefind indexes posts once
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "paralelo" not in sitemap and "/parallel/" not in sitemap
    assert "paralelo" not in (built.site / "feed.xml").read_text(encoding="utf-8")
    # The post itself keeps its canonical URL, hreflang cluster and index.
    post_page = built.page("posts/par/")
    assert post_page.css_first('meta[name="robots"]') is None
    assert len(post_page.css('link[rel="alternate"][hreflang]')) == 3


def test_the_language_switch_keeps_the_view(built: Build) -> None:
    switch = built.page("posts/par/paralelo/").css_first('a.md-select__link[hreflang="en"]')
    assert switch.attributes["href"] == "../../../en/posts/par/parallel/"
    back = built.page("en/posts/par/parallel/").css_first('a.md-select__link[hreflang="es"]')
    assert back.attributes["href"] == "../../../../posts/par/paralelo/"
    single = built.page("posts/par/").css_first('a.md-select__link[hreflang="en"]')
    assert single.attributes["href"] == "../../en/posts/par/"


def test_a_stale_translation_shows_its_notice_in_the_view(built: Build) -> None:
    for url, side in (
        ("posts/cambiado/paralelo/", "other"),
        ("en/posts/cambiado/parallel/", "own"),
    ):
        notice = built.page(url).css_first(".parallel-text__row--notice .translation-stale")
        assert notice is not None, url
        assert notice.parent.attributes["lang"] == "en"
        assert f"parallel-text__cell--{side}" in notice.parent.attributes["class"]
    assert built.page("posts/par/paralelo/").css_first(".translation-stale") is None


# ---------------------------------------------------------------------------------------
# The real site


SLUGS = sorted(p.stem for p in (Path(__file__).parents[1] / "docs" / "es" / "posts").glob("*.md"))


def test_the_real_essays_have_their_parallel_view(real_site: Build) -> None:
    assert "parallel text:" not in real_site.output  # the five essays pair
    for slug in SLUGS:
        page = real_site.page(f"posts/{slug}/paralelo/")
        assert page.css(".parallel-text__row"), slug
        assert real_site.page(f"en/posts/{slug}/parallel/").css(".parallel-text__row"), slug
        assert real_site.page(f"posts/{slug}/").css_first("nav.parallel-switch") is not None


def test_pagefind_indexes_each_text_once(real_site: Build) -> None:
    entry = json.loads((real_site.site / "pagefind" / "pagefind-entry.json").read_text())
    en_entry = json.loads((real_site.site / "en" / "pagefind" / "pagefind-entry.json").read_text())
    counts = {
        lang: sum(data["page_count"] for data in found["languages"].values())
        for lang, found in (("es", entry), ("en", en_entry))
    }
    marked = {"es": 0, "en": 0}
    for path in real_site.pages():
        if "data-pagefind-body" in path.read_text(encoding="utf-8"):
            rel = path.relative_to(real_site.site).as_posix()
            marked["en" if rel.startswith("en/") else "es"] += 1
    assert counts == marked


def test_each_version_is_converted_once_and_its_view_is_the_same_either_way(
    tmp_path: Path,
) -> None:
    """Side by side (hooks/parallel.py), each language's build hands its posts' HTML to the
    other's parallel pages: no version is converted twice. One after another, the first
    language converts the second's versions itself. Either way the same pages: links to
    pages and posts (marked with the other language's hreflang), anchors, footnotes,
    srcset, the headings' permalinks titled in the page's language."""
    config = make_site(tmp_path / "source")
    for lang, written, added in (
        ("es", "(../fuentes.md).", "(../fuentes.md) y [otro](imagen.md#un-punto)."),
        # A link MkDocs leaves as written (no dot in its last part: the browser reads it
        # from the post's page) and a line separator static-i18n turns into a line break:
        # this version is converted for the Spanish view in either build.
        (
            "en",
            "(../sources.md).",
            "(../sources.md) and [another](imagen.md), [again](../imagen/)\u2028too.",
        ),
    ):
        path = config.parent / "docs" / lang / "posts" / "par.md"
        path.write_text(path.read_text(encoding="utf-8").replace(written, added), "utf-8")
    temporary = tmp_path / "tmp"  # where the languages' processes hand their HTML over
    temporary.mkdir()
    side_by_side = run_mkdocs(
        config, tmp_path / "two", strict=False, verbose=True, env={"TMPDIR": str(temporary)}
    )
    one_process = run_mkdocs(
        config,
        tmp_path / "one",
        strict=False,
        verbose=True,
        env={"PARALLEL_LANGUAGES": "off", "TMPDIR": str(temporary)},
    )
    for build in (side_by_side, one_process):
        assert build.returncode == 0, build.output[-3000:]
    assert not list(temporary.iterdir())  # nothing left behind
    assert assert_same_site(side_by_side.site, one_process.site) > 20

    def origins(build: Build, lang: str) -> str:
        lines = [line for line in build.output.splitlines() if f"Parallel text ({lang}):" in line]
        assert len(lines) == 1, build.output[-3000:]
        return lines[0].split("versions shown ", 1)[1]

    shown = len(list((tmp_path / "one" / "posts").glob("*/paralelo/index.html")))
    assert shown == 4
    assert origins(one_process, "es") == f"from their own build 0, converted here {shown}"
    assert origins(one_process, "en") == f"from their own build {shown}, converted here 0"
    if usable_cores() >= 2 or os.environ.get("CI"):  # (CI has two: side by side there)
        # The English "par" (above) and "imagen" (its image's path leaves the docs folder,
        # so MkDocs leaves it as written) are converted; every other version is handed over.
        assert origins(side_by_side, "es") == "from their own build 2, converted here 2"
        assert origins(side_by_side, "en") == f"from their own build {shown}, converted here 0"
    view = one_process.page("posts/par/paralelo/")
    english = [
        a.attributes
        for a in view.css("a[hreflang=en]")
        if "md-select__link" not in (a.attributes.get("class") or "")
    ]
    assert {a["href"] for a in english} >= {"../../../en/sources/", "../../../en/posts/imagen/"}
    titles = {a.attributes.get("title") for a in view.css("a.headerlink")}
    assert titles == {"Enlace permanente"}
    # The footnotes' way back is in the page's language too, on the view and on each post.
    back = {a.attributes.get("title") for a in view.css("a.footnote-backref")}
    assert back == {"Volver a la nota 1 en el texto"}
    for page, title in (
        ("posts/par/", "Volver a la nota 1 en el texto"),
        ("en/posts/par/", "Jump back to footnote 1 in the text"),
    ):
        assert {
            a.attributes.get("title") for a in one_process.page(page).css("a.footnote-backref")
        } == {title}


# Planted after the real hooks: the folder where the languages hand their HTML over takes no
# file (as on a full disk): a directory stands where each language writes its file.
UNWRITABLE_HOOK = """
import sys


def on_files(files, config):
    for module in list(sys.modules.values()):
        exchange = getattr(module, "_exchange", None)
        if exchange is not None and hasattr(module, "_publish") and exchange.folder.is_dir():
            for lang in ("es", "en"):
                (exchange.folder / f"{lang}.json.part").mkdir(exist_ok=True)
    return files
"""


@pytest.mark.usefixtures("two_cores")
def test_a_language_that_cannot_hand_its_html_over_is_converted_without_waiting(
    tmp_path: Path,
) -> None:
    hook = tmp_path / "unwritable.py"
    hook.write_text(UNWRITABLE_HOOK, encoding="utf-8")
    config = fixture_site(tmp_path / "source", FILES, extra_hooks=[hook])
    plain = fixture_site(tmp_path / "plain", FILES)
    started = time.monotonic()
    failing = run_mkdocs(config, tmp_path / "failing", strict=False, verbose=True)
    took = time.monotonic() - started
    assert failing.returncode == 0, failing.output[-3000:]
    assert took < 60, took  # not the two minutes a wait may last
    for lang in ("es", "en"):
        line = next(x for x in failing.output.splitlines() if f"Parallel text ({lang}):" in x)
        assert line.endswith("from their own build 0, converted here 4"), line
    assert "the es HTML could not be handed over" in failing.output
    normal = run_mkdocs(plain, tmp_path / "normal", strict=False)
    assert assert_same_site(failing.site, normal.site) > 20


# Planted after the real hooks: in the default language's process, once its pages are
# converted, whether the other language's process (forked after it) holds its writer's lock.
WRITER_HOOK = """
import logging
import sys
import time

log = logging.getLogger("mkdocs.hooks.planted")


def on_env(env, config, files):
    for module in list(sys.modules.values()):
        exchange = getattr(module, "_exchange", None)
        if exchange is not None and hasattr(module, "_publish"):
            lock = exchange.folder / "en.writer"
            deadline = time.monotonic() + 10
            while not lock.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            # (no lock file at all would also read as alive: a writer not started yet)
            held = lock.exists() and exchange.writer_alive("en", 0)
            log.info(f"PLANTED the en process holds its lock: {held}")
    return env
"""


@pytest.mark.usefixtures("two_cores")
def test_a_languages_process_holds_its_writers_lock_while_it_builds(tmp_path: Path) -> None:
    """The lock by which a process forked earlier knows whether a later one still lives
    (hooks/core/exchange.py) is taken by the forked language's build itself."""
    hook = tmp_path / "writer.py"
    hook.write_text(WRITER_HOOK, encoding="utf-8")
    config = fixture_site(tmp_path / "source", FILES, extra_hooks=[hook])
    done = run_mkdocs(config, tmp_path / "site", strict=False)
    assert done.returncode == 0, done.output[-3000:]
    assert "PLANTED the en process holds its lock: True" in done.output, done.output[-3000:]
