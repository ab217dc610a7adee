"""Malformed content fails the build with `file:line: field: what; expected ...`, no traceback.

One fixture site carries one defect of each kind (every problem is reported in the same run);
a control site with the same pages minus the defects builds cleanly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import SECTION_PAGES, Build, fixture_site, post, run_mkdocs

GOOD_ES = post(
    """
title: Bien
description: Un texto correcto.
date: 2020-05-01
author: Ana
series: miercoles-de-mekate
series_order: 1
"""
)
GOOD_EN = post(
    """
title: Fine
description: A correct text.
translation:
  from: es
"""
)
TRANSLATED = "translation:\n  from: es\n"

# file -> text; each defect's expected message is in EXPECTED below.
DEFECTS = {
    "es/posts/yaml.md": post(
        "title: Dos puntos: sin comillas\ndescription: d\ndate: 2020\nauthor: A"
    ),
    "es/posts/fecha.md": post("title: F\ndescription: d\ndate: 2008-13-45\nauthor: A"),
    "es/posts/forma.md": post("title: F\ndescription: d\ndate: el martes\nauthor: A"),
    "es/posts/serie.md": post(
        "title: S\ndescription: d\ndate: 2020\nauthor: A\nseries: miercoles-mekate"
    ),
    "es/posts/sola.md": post("title: Sola\ndescription: d\ndate: 2020\nauthor: A"),
    "es/posts/campo.md": post("tittle: T\ntitle: T\ndescription: d\ndate: 2020\nauthor: A"),
    "es/posts/etiquetas.md": post(
        "title: T\ndescription: d\ndate: 2020\nauthor: A\ntags: marketing"
    ),
    "es/posts/sin-titulo.md": post("description: d\ndate: 2020\nauthor: A"),
    "es/posts/cota.md": post(
        "title: T\ndescription: d\ndate: 2020-01-01\ndate_after: 2019-01-01\nauthor: A"
    ),
    "es/posts/orden.md": post(
        "title: T\ndescription: d\ndate: 2020\nauthor: A\n"
        "series: miercoles-de-mekate\nseries_order: 0"
    ),
    "es/posts/inferida.md": post(
        "title: T\ndescription: d\ndate: 2020\ndate_inferred: true\nauthor: A"
    ),
    "es/posts/solo-anio.md": post(
        "title: T\ndescription: d\ndate: 2020\ndate_inferred: year\ndate_note: n\nauthor: A"
    ),
    "es/posts/abierta.md": "---\ntitle: T\ndescription: d\n\nTexto sin cierre\n",
    "es/posts/autor.md": post("title: T\ndescription: d\ndate: 2020"),
    "es/posts/discrepa.md": post("title: T\ndescription: d\ndate: 2020-01-02\nauthor: A"),
}
TRANSLATIONS = {
    f"en/posts/{Path(name).name}": post(f"title: T\ndescription: d\n{TRANSLATED}")
    for name in DEFECTS
    if name != "es/posts/sola.md"
}
TRANSLATIONS["en/posts/discrepa.md"] = post(
    f"title: T\ndescription: d\ndate: 2020-01-03\n{TRANSLATED}"
)

EXPECTED = [
    "docs/es/posts/yaml.md:2: front matter: invalid YAML: mapping values are not allowed in"
    " this context; expected 'key: value' lines; quote values containing ': '",
    "docs/es/posts/fecha.md:4: date: '2008-13-45' is not a valid date; expected a real date"
    " YYYY-MM-DD",
    "docs/es/posts/forma.md:4: date: 'el martes' is not a date; expected YYYY-MM-DD, YYYY-MM,"
    " YYYY or 'unknown'",
    "docs/es/posts/serie.md:6: series: unknown series 'miercoles-mekate' (did you mean"
    " 'miercoles-de-mekate'?); expected an id declared in docs/series.yml",
    "docs/es/posts/sola.md:1: translation: missing translation: there is no"
    " docs/en/posts/sola.md; expected a file docs/en/posts/sola.md with 'translation:"
    " {from: es}'",
    "docs/es/posts/campo.md:2: tittle: unknown field (did you mean 'title'?); expected one of",
    "docs/es/posts/etiquetas.md:6: tags: 'marketing' is not a list; expected a list",
    "docs/es/posts/sin-titulo.md:1: title: is missing; expected a non-empty text",
    "docs/es/posts/cota.md:5: date_after: only applies when the date is unknown",
    "docs/es/posts/orden.md:7: series_order: 0 is not a whole number from 1 up",
    "docs/es/posts/inferida.md:4: date_note: is missing: the date is inferred or bounded",
    "docs/es/posts/solo-anio.md:5: date_inferred: 'year' says only the year is inferred, but"
    " this date has no day or month; expected date: YYYY-MM-DD or YYYY-MM with it, or"
    " date_inferred: true",
    "docs/es/posts/abierta.md:1: front matter: front matter is not closed; expected a line"
    " '---' after the YAML block",
    "docs/es/posts/autor.md:1: author: is missing; expected the author's name, or 'unknown'",
    "docs/en/posts/discrepa.md:4: date: differs from the original (docs/es/posts/discrepa.md:4)",
    # A translation must explain an inferred date to its readers too.
    "docs/en/posts/inferida.md:1: date_note: is missing: the date is inferred or bounded",
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("broken")
    files = {
        **SECTION_PAGES,
        "es/posts/bien.md": GOOD_ES,
        "en/posts/bien.md": GOOD_EN,
        **DEFECTS,
        **TRANSLATIONS,
    }
    return run_mkdocs(fixture_site(root, files), root / "site")


def test_control_site_builds(tmp_path: Path) -> None:
    files = {**SECTION_PAGES, "es/posts/bien.md": GOOD_ES, "en/posts/bien.md": GOOD_EN}
    build = run_mkdocs(fixture_site(tmp_path, files), tmp_path / "site")
    assert build.returncode == 0, build.output
    assert (tmp_path / "site" / "en" / "posts" / "bien" / "index.html").exists()


def test_broken_site_fails_without_traceback(broken: Build) -> None:
    assert broken.returncode != 0
    assert "Traceback" not in broken.output
    assert f"{len(EXPECTED)} content problem(s)" in broken.output


@pytest.mark.parametrize("message", EXPECTED, ids=lambda m: m.split(":")[0].split("/")[-1])
def test_each_defect_is_reported_where_it_is(broken: Build, message: str) -> None:
    assert message in broken.output, broken.output


def test_errors_fail_even_without_strict(tmp_path: Path) -> None:
    files = {**SECTION_PAGES, "es/posts/x.md": DEFECTS["es/posts/fecha.md"]}
    build = run_mkdocs(fixture_site(tmp_path, files), tmp_path / "site", strict=False)
    assert build.returncode != 0 and "Traceback" not in build.output
    assert "docs/es/posts/x.md:4: date:" in build.output
