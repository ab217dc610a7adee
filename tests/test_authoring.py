"""Authoring tools: `make post` (hooks.newpost) and `make check` (hooks.links --strict)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import yaml

from tests.support import (
    REPO,
    SECTION_PAGES,
    TWO_SERIES,
    fixture_site,
    post,
    project_env,
    run_mkdocs,
    run_module,
)

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


HOSTILE_TITLE = "La Columna: $100 `id` $(touch pwned) \"dobles\" 'simples' \\n # ; | & <b>"


def git_identity(tmp_path: Path, name: str | None) -> dict[str, str]:
    """Environment under which git knows the author as ``name`` (or knows no name)."""
    config = tmp_path / "gitconfig"
    config.write_text(f"[user]\n\tname = {name}\n" if name else "", encoding="utf-8")
    return {"GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}


def make_post(tmp_path: Path, *variables: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`make post` itself, run as an author runs it (variables on make's command line)."""
    config = f"CONFIG={tmp_path / 'mkdocs.yml'}"
    return subprocess.run(
        ["make", "-s", "-C", str(REPO), "post", config, *variables],
        capture_output=True,
        text=True,
        env=project_env(**env),
        cwd=tmp_path,
    )


def test_make_post_passes_the_title_byte_for_byte(tmp_path: Path) -> None:
    fixture_site(tmp_path, FILES)
    done = make_post(tmp_path, f"TITLE={HOSTILE_TITLE}", **git_identity(tmp_path, "Ana O'Brién"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (tmp_path / "pwned").exists() and not (REPO / "pwned").exists()
    (spanish,) = (tmp_path / "docs/es/posts").glob("la-columna-100-id-touch-pwned-*.md")
    meta = front_matter(spanish)
    assert meta["title"] == HOSTILE_TITLE
    assert meta["author"] == "Ana O'Brién"  # from git config user.name
    assert meta["series"] == "columna"  # its title_prefix; ordered by date, so no order
    assert "series_order" not in meta
    english = front_matter(tmp_path / "docs/en/posts" / spanish.name)
    assert english["title"] == HOSTILE_TITLE and english["translation"]["status"] == "pending"
    assert f"created docs/es/posts/{spanish.name}" in done.stdout
    assert "author: Ana O'Brién (from git config user.name)" in done.stdout


def test_without_a_git_name_the_author_is_unknown_and_said_so(tmp_path: Path) -> None:
    fixture_site(tmp_path, FILES)
    done = make_post(tmp_path, "TITLE=Sin autor", **git_identity(tmp_path, None))
    assert done.returncode == 0, done.stdout + done.stderr
    assert front_matter(tmp_path / "docs/es/posts/sin-autor.md")["author"] == "unknown"
    assert "author: unknown (git has no user.name)" in done.stdout


def test_titles_too_long_for_a_title_or_a_file_name_are_clear_errors(tmp_path: Path) -> None:
    fixture_site(tmp_path, FILES)
    long_title = new_post(tmp_path, "a" * 256)
    assert long_title.returncode == 2
    assert long_title.stderr == "error: the title is 256 characters long; at most 255: shorten it\n"
    ligatures = new_post(tmp_path, "ﬃ" * 100)  # 100 characters, a 300-character slug
    assert ligatures.returncode == 2
    assert ligatures.stderr == (
        "error: the file name made from the title (303 characters) is longer than a file "
        "name may be (255): shorten the title\n"
    )
    line_break = new_post(tmp_path, "Dos\nlíneas")
    assert line_break.returncode == 2 and "control character '\\n'" in line_break.stderr
    assert sorted(p.name for p in (tmp_path / "docs/es/posts").iterdir()) == [
        "c1.md",
        "l1.md",
        "l2.md",
    ]
    assert new_post(tmp_path, "b" * 252).returncode == 0  # 255 bytes with '.md': fits


def test_a_title_prefix_of_a_numbered_series_joins_it_as_its_next_part(tmp_path: Path) -> None:
    registry = REGISTRY.replace(
        "  description: {es: Lecciones., en: Lessons.}\n",
        "  description: {es: Lecciones., en: Lessons.}\n"
        "  title_prefix: {es: 'Lección: ', en: 'Lesson: '}\n",
    )
    config = fixture_site(tmp_path, {**FILES, "series.yml": registry})
    done = new_post(tmp_path, "Lección: la tercera")
    assert done.returncode == 0, done.stderr
    assert "series: lecciones, part 3" in done.stdout
    spanish = front_matter(tmp_path / "docs/es/posts/leccion-la-tercera.md")
    assert spanish["series"] == "lecciones" and spanish["series_order"] == 3
    english = front_matter(tmp_path / "docs/en/posts/leccion-la-tercera.md")
    assert english["title"] == "Lesson: la tercera"  # the prefix in English
    build = run_mkdocs(config, tmp_path / "site")
    assert build.returncode == 0, build.output


CRASHING_HOOK = """
def on_nav(nav, config, files):
    raise KeyError("boom in on_nav")
"""


def check(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`make check`'s command on the project in ``tmp_path``."""
    return run_module("hooks.links", str(tmp_path / "mkdocs.yml"), "--strict", cwd=tmp_path)


def test_check_shows_a_hook_crash(tmp_path: Path) -> None:
    hook = tmp_path / "hooks_extra" / "crash.py"
    hook.parent.mkdir()
    hook.write_text(CRASHING_HOOK, encoding="utf-8")
    fixture_site(tmp_path, FILES, extra_hooks=[hook])
    done = check(tmp_path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "The build crashed (a bug in a hook or plugin, not a problem in the content): "
        "KeyError: 'boom in on_nav'"
    )
    assert lines[1] == "  at hooks_extra/crash.py:3, in on_nav"
    assert '    File "hooks_extra/crash.py", line 3, in on_nav' in lines
    assert lines[-1] == "The build stopped before writing the site: fix the problems above."
    assert str(tmp_path) not in done.stdout


def test_check_shows_every_problem_whole_with_project_paths(tmp_path: Path) -> None:
    files = {
        **FILES,
        "es/extra.md": "---\ntitle: Extra\ntranslation_key: extra\n---\n\n# Extra\n",
        "en/extra.md": "---\ntitle: Extra\ntranslation_key: extra\n---\n\n# Extra\n",
        "es/posts/l2.md": FILES["es/posts/l2.md"] + "\n[mal](l1.md#nada)\n",
    }
    fixture_site(tmp_path, files)
    done = check(tmp_path)
    assert done.returncode == 1
    warning = (
        "The following pages exist in the docs directory, but are not included in the "
        '"nav" configuration:\n  - docs/{}/extra.md'
    )
    assert warning.format("es") in done.stdout and warning.format("en") in done.stdout
    assert "docs/es/posts/l2.md:12:7: l1.md#nada: no element with id 'nada'" in done.stdout
    assert str(tmp_path) not in done.stdout + done.stderr
    temporary = tempfile.gettempdir()
    assert temporary not in done.stdout + done.stderr  # nor the temporary build folder
