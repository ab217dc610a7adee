"""A careless or hostile author: every case stops the build with one clear line naming the
file (and line), never a traceback, and nothing unsafe is published."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from tests.support import SECTION_PAGES, Build, fixture_site, post, run_mkdocs

TRANSLATION = "translation:\n  from: es\n"


def pair(slug: str, front: str, body: str = "Texto.\n", en_body: str = "Text.\n") -> dict:
    return {
        f"es/posts/{slug}.md": post(f"title: T {slug}\ndescription: d\nauthor: A\n{front}", body),
        f"en/posts/{slug}.md": post(f"title: T {slug}\ndescription: d\n{TRANSLATION}", en_body),
    }


SERIES = "serie:\n  name: {es: S, en: S}\n  description: {es: S, en: S}\n"
BASE = {**SECTION_PAGES, "series.yml": SERIES, **pair("bien", "date: 2020\nseries: serie")}


def build(tmp_path: Path, files: dict, config_extra: str = "", strict: bool = True) -> Build:
    config = fixture_site(tmp_path, {**BASE, **files}, config_extra)
    return run_mkdocs(config, tmp_path / "site", strict=strict)


def assert_refused(done: Build, *lines: str) -> None:
    assert done.returncode != 0, done.output[-2000:]
    assert "Traceback" not in done.output, done.output[-4000:]
    for line in lines:
        assert line in done.output, f"{line!r} not in:\n{done.output[-4000:]}"


def test_files_outside_the_repository_misplaced_or_misnamed(tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: s\n---\nsecret\n", encoding="utf-8")
    names = {
        "es/posts/con espacio.md": "x",
        unicodedata.normalize("NFD", "es/posts/café.md"): "x",
        "es/posts/emoji-☕.md": "x",
        "es/posts/Mayusculas.md": "x",
        "suelto.md": "x",
    }
    config = fixture_site(tmp_path, {**BASE, **names})
    docs = tmp_path / "docs"
    os.symlink("/etc/passwd", docs / "assets" / "passwd")
    os.symlink(outside / "secret.md", docs / "es" / "secreto.md")
    os.symlink(outside, docs / "assets" / "fuera")
    os.symlink(docs / "assets" / "site.css", docs / "assets" / "dentro.css")  # stays inside: fine
    os.symlink(docs / "nada", docs / "assets" / "rota")
    done = run_mkdocs(config, tmp_path / "site")
    assert_refused(
        done,
        "docs/assets/passwd:1: file: is a symbolic link to /etc/passwd, outside the repository",
        f"docs/es/secreto.md:1: file: is a symbolic link to {outside / 'secret.md'}",
        f"docs/assets/fuera:1: file: is a symbolic link to {outside}",
        "docs/assets/rota:1: file: is a symbolic link to",
        "docs/suelto.md:1: file: is outside the language folders",
        "docs/es/posts/con espacio.md:1: file: the name 'con espacio.md' is not lowercase",
        "rename it to 'con-espacio.md'",
        "rename it to 'cafe.md'",
        "rename it to 'emoji.md'",
        "rename it to 'mayusculas.md'",
    )
    assert "dentro.css" not in done.output
    assert not (tmp_path / "site" / "assets" / "passwd").exists()


def test_front_matter_and_registry_that_used_to_crash(tmp_path: Path) -> None:
    nested = "tags: " + "[" * 40 + "x" + "]" * 40
    bomb = "".join(
        f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]\n"
        for i in range(8)
    ).replace("*`", '"x"')
    files = {
        **pair("cero", "date: '0000'"),
        **pair("cero-mes", "date: '0000-05'"),
        **pair("anidada", f"date: 2020\n{nested}"),
        **pair("bomba", f"date: 2020\n{bomb}"),
        **pair("enlace", "date: 2020\nsource:\n  url: javascript:alert(1)"),
        **pair("filas", "date: 2020\ntags: [Filas]"),
        **pair("filas-2", "date: 2021\ntags: [filas]"),
        # An all-digit hash, unquoted, is a number to YAML: it could never match.
        **pair("digitos", "date: 2020"),
        "en/posts/digitos.md": post(
            "title: T\ndescription: d\ntranslation:\n  from: es\n  source_hash: 2538395310887605"
        ),
    }
    done = build(tmp_path, files)
    assert_refused(
        done,
        "docs/es/posts/cero.md:5: date: '0000' is in year 0, which does not exist",
        "docs/es/posts/cero-mes.md:5: date: '0000-05' is in year 0",
        "docs/es/posts/anidada.md:6: front matter: values nested more than 16 levels deep",
        "docs/es/posts/bomba.md:",
        "front matter expands to more than 10000 values",
        "docs/es/posts/enlace.md:7: source.url: 'javascript:alert(1)' is not a web address",
        "docs/es/posts/filas-2.md:6: tags: 'filas' differs only in case or accents from "
        "'Filas' (docs/es/posts/filas.md:6)",
        "docs/en/posts/digitos.md:6: translation.source_hash: 2538395310887605 was read as a "
        "number, not as the hash's text",
    )
    assert len(done.output) < 20_000  # one line per problem, not the expanded values


def test_a_registry_that_is_not_utf8(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, BASE)
    (tmp_path / "docs" / "series.yml").write_bytes(SERIES.replace("S,", "Señal,").encode("latin-1"))
    done = run_mkdocs(config, tmp_path / "site")
    assert_refused(done, "docs/series.yml:1: file: is not UTF-8")


UNSAFE_LINKS = """Texto.

[uno](javascript:alert(1))

[dos](JaVaScRiPt:alert(2))

<a href="jav&#x61;script:alert(3)">tres</a>

<a href="java&#9;script:alert(4)">cuatro</a>

[cinco][ref]

![seis](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)

<img src=" vbscript:msgbox(7)" alt="siete">

[ref]: vbscript:msgbox(5)
"""


def test_script_running_urls_are_refused_at_their_line(tmp_path: Path) -> None:
    done = build(tmp_path, pair("enlaces", "date: 2020", UNSAFE_LINKS))
    where = "docs/es/posts/enlaces.md"
    assert_refused(
        done,
        f"{where}:9: unsafe: javascript: URL in <a href> ('javascript:alert(1)')",
        f"{where}:11: unsafe: javascript: URL in <a href> ('JaVaScRiPt:alert(2)')",
        f"{where}:13: unsafe: javascript: URL in <a href>",
        f"{where}:15: unsafe: javascript: URL in <a href>",
        f"{where}:19: unsafe: data: URL in <img src>",
        f"{where}:21: unsafe: vbscript: URL in <img src>",
        f"{where}:23: unsafe: vbscript: URL in <a href>",
    )


SCRIPTS = """Texto.

<script>alert(1)</script>

<p onclick="alert(2)">p</p>

<iframe src="https://example.org/"></iframe>
"""


def test_raw_scripts_are_refused_unless_the_site_trusts_its_authors(tmp_path: Path) -> None:
    done = build(tmp_path / "a", pair("guion", "date: 2020", SCRIPTS))
    where = "docs/es/posts/guion.md"
    assert_refused(
        done,
        f"{where}:9: unsafe: raw <script> element",
        f"{where}:11: unsafe: event handler onclick= on <p>",
        f"{where}:13: unsafe: raw <iframe> element",
    )
    # (The translation has the original's blocks: the parallel-text check pairs them.)
    translated = pair("guion", "date: 2020", SCRIPTS, SCRIPTS.replace("Texto", "Text"))
    trusted = build(tmp_path / "b", translated, "extra:\n  allow_scripts: true\n")
    assert trusted.returncode == 0, trusted.output[-3000:]
    assert "<script>alert(1)</script>" in trusted.html("posts/guion/")
    # Even then, no javascript: URL is published.
    still = build(
        tmp_path / "c", pair("url", "date: 2020", UNSAFE_LINKS), "extra:\n  allow_scripts: true\n"
    )
    assert_refused(still, "docs/es/posts/url.md:9: unsafe: javascript: URL")


def test_a_template_that_does_not_exist(tmp_path: Path) -> None:
    done = build(tmp_path, pair("plantilla", "date: 2020\ntemplate: nada.html"))
    assert_refused(
        done, "docs/es/posts/plantilla.md:6: template: no template 'nada.html' in the theme"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("blog:\n    per_page: 0", "extra.blog.per_page: 0 is not valid"),
        ("blog:\n    per_page: -1", "extra.blog.per_page: -1 is not valid"),
        ("blog:\n    per_page: diez", "extra.blog.per_page: 'diez' is not valid"),
        ("blog: 10", "extra.blog: 10 is not valid"),
        (
            "stale_translation: info",
            "extra.stale_translation: unknown setting (did you mean 'stale_translations'?)",
        ),
    ],
)
def test_settings_the_hooks_own(tmp_path: Path, extra: str, message: str) -> None:
    done = build(tmp_path, {}, f"extra:\n  {extra}\n")
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    key = message.split(":")[0].rsplit(".", 1)[-1]
    line = next(n for n, text in enumerate(config, 1) if text.strip().startswith(key + ":"))
    assert_refused(done, f"mkdocs.yml:{line}: {message}")


def test_a_future_date_is_a_warning(tmp_path: Path) -> None:
    files = pair("futuro", "date: 2099-01-01")
    assert_refused(
        build(tmp_path / "a", files),
        "WARNING -  docs/es/posts/futuro.md:5: date: 2099-01-01 is in the future",
    )
    lenient = build(tmp_path / "b", files, strict=False)
    assert lenient.returncode == 0, lenient.output[-3000:]
