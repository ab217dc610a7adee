"""The link checker on a fixture site: one planted defect of each class, reported at the
line and column where the author wrote it, and one valid control of each false-alarm class."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support import REPO, SECTION_PAGES, Build, fixture_site, post, run_mkdocs, run_module

OTRA_ES = post(
    "title: Otra\ndescription: d\ndate: 2020-01-01\nauthor: A", "## Introducción\n\nTexto.\n"
)
OTRA_EN = post(
    "title: Other\ndescription: d\ntranslation:\n  from: es", "## Introduction\n\nText.\n"
)

# Line numbers below count from the file's first line (front matter included: 7 lines).
DEFECTS_ES = post(
    "title: Defectos\ndescription: d\ndate: 2020-02-01\nauthor: A",
    """\
[errata](otar.md)
[carpeta que falta](../carpeta-que-falta/)
[ancla](#introducion)
[ancla en otra](otra.md#nada)
Texto <a href="../nada/">html</a> y <img src="../img/ninguna.png" alt="x">.
[carpeta sin índice](../../assets/)
[absoluto](/posts/otra/)
<a href="otra.md">sin reescribir</a>
[inglés](../../en/posts/otra/)
[correo](mailto:nadie-en-ejemplo)
[compartido](../../roto/)

## Introducción

Texto.
""",
)
DEFECTS_EN = post("title: Defects\ndescription: d\ntranslation:\n  from: es", "Text.\n")
CONTROLS_ES = post(
    "title: Controles\ndescription: d\ndate: 2020-03-01\nauthor: A",
    """\
Una nota[^1] y [arriba](#) y <a href="#">arriba</a>.

[con consulta](../otra/?utm=1) [carpeta con índice](../otra/)
[hoja de estilo](../../assets/site.css)
[página](otra.md) [ancla](otra.md#introduccion) [codificado](#pr%C3%B3ximos-pasos)
[en inglés a propósito](../../en/posts/otra/){hreflang=en} [compartido](../../roto/)

## Próximos pasos {#próximos-pasos}

```python linenums="1"
print("hola")
```

[línea de código](#__codelineno-0-1)

[^1]: La nota.
""",
)
CONTROLS_EN = post("title: Controls\ndescription: d\ntranslation:\n  from: es", "Text.\n")

FILES = {
    **SECTION_PAGES,
    "series.yml": "# no series on this site\n",
    "es/posts/otra.md": OTRA_ES,
    "en/posts/otra.md": OTRA_EN,
    "es/posts/defectos.md": DEFECTS_ES,
    "en/posts/defectos.md": DEFECTS_EN,
    "es/posts/controles.md": CONTROLS_ES,
    "en/posts/controles.md": CONTROLS_EN,
}
SOURCE = "docs/es/posts/defectos.md"
EXPECTED = [
    # (line, col, kind, fragment of the message or suggestion)
    (8, 10, "unrewritten-md-link", "did you mean otra.md?"),
    (9, 21, "missing-target", "target does not exist"),
    (10, 9, "missing-anchor", "did you mean #introduccion?"),
    (11, 17, "missing-anchor", "no element with id 'nada' on /posts/otra/"),
    (12, 16, "missing-target", "../nada/"),
    (12, 47, "missing-target", "../img/ninguna.png"),
    (13, 22, "folder-without-index", "folder /assets/ has no index.html"),
    (14, 12, "absolute-path", "served under /ensayos/"),
    (15, 10, "unrewritten-md-link", "did you mean ../otra/?"),  # raw HTML: the URL to write
    (16, 10, "cross-language-link", "link the es page /posts/otra/ instead"),
    (17, 10, "invalid-mailto", "nadie-en-ejemplo"),
    (18, 14, "missing-target", "../../roto/"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict]:
    root = tmp_path_factory.mktemp("links")
    build = run_mkdocs(fixture_site(root, FILES), root / "site", strict=False)
    report = json.loads((root / ".linkcheck" / "report.json").read_text(encoding="utf-8"))
    return build, report


def test_build_reports_but_does_not_fail_without_strict(built) -> None:
    build, _ = built
    assert build.returncode == 0, build.output
    assert "Link check: 13 problem(s) on 2 page(s)" in build.output


@pytest.mark.parametrize(
    ("line", "col", "kind", "text"), EXPECTED, ids=[e[2] + str(e[0]) for e in EXPECTED]
)
def test_each_defect_is_reported_where_it_was_written(built, line, col, kind, text) -> None:
    _, report = built
    matches = [
        p
        for p in report["problems"]
        if p["file"] == SOURCE and p["line"] == line and p["column"] == col and p["kind"] == kind
    ]
    assert len(matches) == 1, [p for p in report["problems"] if p["file"] == SOURCE]
    found = matches[0]
    assert text in f"{found['written']} {found['message']} {found['suggestion']}"


def test_controls_raise_no_false_alarm(built) -> None:
    _, report = built
    controls = [p for p in report["problems"] if "controles" in p["file"]]
    # The only finding on the control page is the shared broken link (grouped below).
    assert [(p["kind"], p["written"]) for p in controls] == [("missing-target", "../../roto/")]


def test_a_link_broken_on_many_pages_is_reported_on_each_grouped(built) -> None:
    build, _ = built
    assert "../../roto/ [missing-target] (on 2 pages): target does not exist" in build.output
    assert re.search(r"at docs/es/posts/controles\.md:\d+:\d+", build.output)
    assert re.search(r"at docs/es/posts/defectos\.md:18:14", build.output)


def test_strict_build_fails_on_findings(tmp_path: Path) -> None:
    build = run_mkdocs(fixture_site(tmp_path, FILES), tmp_path / "site", strict=True)
    assert build.returncode != 0
    assert "docs/es/posts/defectos.md:10:9: #introducion: no element with id" in build.output
    assert "Traceback" not in build.output


def test_github_annotations(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, FILES)
    done = run_module(
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(config),
        "-d",
        str(tmp_path / "s"),
        cwd=tmp_path,
        GITHUB_ACTIONS="true",
    )
    assert (
        "::error file=docs/es/posts/defectos.md,line=10,col=9,title=Broken link%3A "
        "missing-anchor::#introducion: no element with id 'introducion'"
    ) in done.stdout


def test_standalone_command(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, FILES)
    report = tmp_path / "report.json"
    done = run_module("hooks.links", str(config), "--json", str(report), cwd=REPO)
    assert done.returncode == 1, done.stdout + done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["count"] == 13
    assert any(p["line"] == 10 and p["kind"] == "missing-anchor" for p in data["problems"])


def test_standalone_command_on_a_clean_built_site(real_site: Build) -> None:
    done = run_module(
        "hooks.links", str(REPO / "mkdocs.yml"), "--site", str(real_site.site), cwd=REPO
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Link check: no problems." in done.stdout


def test_every_content_link_of_the_real_site_is_at_its_markdown_line() -> None:
    """The command builds the site itself: every link in page content is the author's, at
    its line (an excerpt's copies as the post's), and what our templates and hooks put
    inside the article (the text view switch, the 404 page's links) is named by them."""
    done = run_module("hooks.links", str(REPO / "mkdocs.yml"), "--coverage", cwd=REPO)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "of them mapped to their Markdown line (100.0 %" in output, output
    assert "overrides/partials/parallel-text-switch.html (text view switch)" in output, output
    assert "overrides/404.html (page not found)" in output, output


def test_real_site_has_no_finding(real_site: Build) -> None:
    assert "Link check: no problems." in real_site.output
