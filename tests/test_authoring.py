"""Authoring tools: `make post` (hooks.newpost) and `make check` (hooks.links --strict)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.support import SECTION_PAGES, TWO_SERIES, fixture_site, post, run_mkdocs, run_module

REGISTRY = TWO_SERIES
TRANSLATION = "translation:\n  from: es\n"
FILES = {
    **SECTION_PAGES,
    "series.yml": REGISTRY,
    "es/posts/c1.md": post("title: 'La Columna: Uno'\ndescription: d\ndate: 2020\nauthor: A"),
    "en/posts/c1.md": post(f"title: 'La Columna: One'\ndescription: d\n{TRANSLATION}"),
    "es/posts/l1.md": post(
        "title: L1\ndescription: d\ndate: 2020\nauthor: A\nseries: lecciones\nseries_order: 1"
    ),
    "en/posts/l1.md": post(f"title: L1\ndescription: d\n{TRANSLATION}"),
    "es/posts/l2.md": post(
        "title: L2\ndescription: d\ndate: 2021\nauthor: A\nseries: lecciones\nseries_order: 2"
    ),
    "en/posts/l2.md": post(f"title: L2\ndescription: d\n{TRANSLATION}"),
}


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def new_post(tmp_path: Path, title: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_module(
        "hooks.newpost",
        title,
        "--date",
        "2026-11-23",
        "--author",
        "Ana",
        *extra,
        "--config",
        str(tmp_path / "mkdocs.yml"),
        cwd=tmp_path,
    )


def test_new_post_in_both_languages_with_next_series_order(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, FILES)
    done = new_post(tmp_path, "¿Qué aprendí?: ñandúes", "--series", "lecciones")
    assert done.returncode == 0, done.stderr
    spanish = front_matter(tmp_path / "docs/es/posts/que-aprendi-nandues.md")
    assert spanish["title"] == "¿Qué aprendí?: ñandúes" and spanish["date"] == "2026-11-23"
    assert spanish["series"] == "lecciones" and spanish["series_order"] == 3
    assert spanish["draft"] is True and spanish["author"] == "Ana"
    english = front_matter(tmp_path / "docs/en/posts/que-aprendi-nandues.md")
    assert english["translation"] == {"from": "es", "status": "pending"}
    # The site still builds strictly: the new post is a draft, its translation pending.
    build = run_mkdocs(config, tmp_path / "site")
    assert build.returncode == 0, build.output


def test_series_ordered_by_date_gets_no_order(tmp_path: Path) -> None:
    fixture_site(tmp_path, FILES)
    assert new_post(tmp_path, "Otra", "--series", "columna").returncode == 0
    spanish = front_matter(tmp_path / "docs/es/posts/otra.md")
    assert spanish["series"] == "columna" and "series_order" not in spanish


def test_refusals(tmp_path: Path) -> None:
    fixture_site(tmp_path, FILES)
    taken = new_post(tmp_path, "L1")
    assert taken.returncode == 2 and "slug 'l1' is taken: " in taken.stderr
    unknown = new_post(tmp_path, "Nueva", "--series", "leciones")
    assert unknown.returncode == 2
    assert "unknown series 'leciones' (did you mean 'lecciones'?)" in unknown.stderr
    empty = new_post(tmp_path, "   ")
    assert empty.returncode == 2 and "the title is empty" in empty.stderr
    assert not (tmp_path / "docs/es/posts/nueva.md").exists()


def test_check_reports_compactly(tmp_path: Path) -> None:
    files = {**FILES, "es/posts/l2.md": FILES["es/posts/l2.md"] + "\n[mal](l1.md#nada)\n"}
    fixture_site(tmp_path, files)
    done = run_module("hooks.links", str(tmp_path / "mkdocs.yml"), "--strict", cwd=tmp_path)
    assert done.returncode == 1
    assert (
        "docs/es/posts/l2.md:12:7: l1.md#nada: no element with id 'nada' on /posts/l1/"
        in done.stdout
    )
    assert "Traceback" not in done.stdout + done.stderr


def test_check_lists_content_errors(tmp_path: Path) -> None:
    files = {
        **FILES,
        "es/posts/l2.md": FILES["es/posts/l2.md"].replace("date: 2021", "date: 2021-13"),
    }
    fixture_site(tmp_path, files)
    done = run_module("hooks.links", str(tmp_path / "mkdocs.yml"), "--strict", cwd=tmp_path)
    assert done.returncode == 1
    assert "docs/es/posts/l2.md:4: date: '2021-13' has no month 13; expected a month 01-12" in (
        done.stdout
    )
