"""`make serve` (`mkdocs serve --dirty` with hooks/incremental.py) is never stale.

A scripted sequence of edits of every kind an author makes (body, title, description, date,
tags, series and order, draft and back, a translation's status, a section page, adding,
renaming and removing a post, a broken front matter then fixed, the series registry), each
waited for under one running server; then the served files are compared, byte for byte,
with the first (whole) build of a fresh server on the same files and the same address.
Search bundles aside: Pagefind re-indexes in the background under `make serve`.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from hooks.core.stamps import stamp
from tests.support import (
    SECTION_PAGES,
    SERIES_BUILD_REGISTRY,
    fetch,
    fixture_site,
    free_port,
    post,
    project_env,
    wait_for,
)

SERVE = [sys.executable, "-m", "mkdocs", "serve", "--dirty"]  # as `make serve` runs it
FAILED = "An error happened during the rebuild"  # MkDocs' line, timed
PER_PAGE = "extra:\n  blog:\n    per_page: 2\n"


def es(title: str, date: str, extra: str = "", body: str = "Texto del artículo.\n") -> str:
    front = f'title: "{title}"\ndescription: "Resumen de {title}"\ndate: {date}\nauthor: Ana\n'
    return post(front + "tags: [servicio]\n" + extra, body)


def en(title: str, extra: str = "", body: str = "") -> str:
    front = f'title: "{title}"\ndescription: "Summary of {title}"\ntags: [service]\n'
    return post(front + extra + "translation:\n  from: es\n", body or f"Text of {title}.\n")


FILES = {
    **SECTION_PAGES,
    "series.yml": SERIES_BUILD_REGISTRY,
    "es/posts/uno.md": es("La Columna: Uno", "2020-01-01", body="Ver [el nuevo](nuevo.md).\n"),
    "en/posts/uno.md": en("La Columna: One"),
    "es/posts/dos.md": es("Dos", "2020-02-01", "series: la-columna\n"),
    "en/posts/dos.md": en("Two").replace("  from: es\n", "  from: es\n  status: pending\n"),
    "es/posts/tres.md": es("La Columna: Tres", "2020-03-01"),
    "en/posts/tres.md": en("La Columna: Three"),
    "es/posts/l1.md": es("Lección A", "2019", "series: lecciones\nseries_order: 2\n"),
    "en/posts/l1.md": en("Lesson A"),
    "es/posts/l2.md": es("Lección B", "2018", "series: lecciones\nseries_order: 1\n"),
    "en/posts/l2.md": en("Lesson B"),
    "es/posts/suelto.md": es("Suelto", "2021-05"),
    "en/posts/suelto.md": en("Loose"),
}


def write(path: Path, text: str) -> None:
    """As editors save: a new file moved over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    write(path, text.replace(old, new, 1))


def translate(path: Path, docs: Path) -> None:
    """A pending translation done: no longer pending, and stamped (as an author does)."""
    edit(path, "  status: pending\n", "")
    stamp(path, docs)


class Served:
    """A `mkdocs serve --dirty` process, its log, and the folder it serves."""

    def __init__(self, process: subprocess.Popen[bytes], log: Path, url: str) -> None:
        self.process, self.log, self.url = process, log, url

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def site_dir(self) -> Path:
        found = re.search(r"Building 'es' documentation to directory: (\S+)", self.text())
        assert found, self.text()
        return Path(found.group(1))

    def builds(self) -> int:
        """Builds finished, well or not (each line is unique: MkDocs drops repeated ones)."""
        text = self.text()
        return len(re.findall(r"Rebuilt .* \(build \d+\)", text)) + text.count(FAILED)

    def settled(self, before: int) -> bool:
        """A build ended after ``before`` and no other has started since."""
        text = self.text()
        last_start = text.rfind("Building documentation...")
        last_end = max(text.rfind("Rebuilt "), text.rfind(FAILED))
        return self.builds() > before and last_end > last_start


@contextmanager
def serve_dirty(
    config: Path, log: Path, port: int, env: dict[str, str] | None = None
) -> Iterator[Served]:
    with log.open("w") as output:
        process = subprocess.Popen(
            [*SERVE, "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=config.parent,
            env={**project_env(), **(env or {})},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    served = Served(process, log, f"http://127.0.0.1:{port}/ensayos/")
    try:
        wait_for(lambda: fetch(served.url) is not None, timeout=180)
        wait_for(lambda: served.builds() >= 1, timeout=60)
        yield served
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def snapshot(site: Path, into: Path) -> Path:
    """The served files, search bundles aside (re-indexed in the background)."""
    shutil.copytree(site, into, ignore=shutil.ignore_patterns("pagefind"))
    return into


def differences(one: Path, two: Path) -> list[str]:
    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }

    first, second = files(one), files(two)
    found = [f"only in the served site: {name}" for name in sorted(first.keys() - second.keys())]
    found += [f"only in the clean build: {name}" for name in sorted(second.keys() - first.keys())]
    found += [
        f"differs: {name}"
        for name in sorted(first.keys() & second.keys())
        if first[name] != second[name]
    ]
    return found


PARALLEL = "Languages built in parallel processes: en"  # hooks/parallel.py's line


@pytest.mark.timeout(600)  # two servers and 21 rebuilds: minutes on a loaded machine
@pytest.mark.parametrize("languages", ["side by side", "one after another"])
def test_served_site_equals_a_clean_build_after_every_kind_of_edit(
    tmp_path: Path, languages: str
) -> None:
    """Each save builds the English pages in a process of their own (two cores or more), or
    in the server after the Spanish ones (one core, PARALLEL_LANGUAGES=off): the same site."""
    side_by_side = languages == "side by side"
    if side_by_side and len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: the languages are built one after another")
    env = {"PARALLEL_LANGUAGES": "on" if side_by_side else "off"}
    root = tmp_path / "blog"
    config = fixture_site(root, FILES, config_extra=PER_PAGE)
    docs = root / "docs"
    es_posts, en_posts = docs / "es" / "posts", docs / "en" / "posts"
    steps: list[tuple[str, Callable[[], None]]] = [
        # Rebuilds everything (what the model cannot follow); every later edit is incremental.
        ("registry", lambda: edit(docs / "series.yml", "Seis lecciones.", "Siete lecciones.")),
        ("body", lambda: edit(es_posts / "suelto.md", "Texto del artículo.", "Texto nuevo.")),
        ("translation body", lambda: edit(en_posts / "l1.md", "Text of", "New text of")),
        ("title", lambda: edit(es_posts / "tres.md", "La Columna: Tres", "La Columna: Tres bis")),
        ("description", lambda: edit(en_posts / "l2.md", "Summary of", "All about")),
        ("date", lambda: edit(es_posts / "suelto.md", "date: 2021-05", "date: 2017-01-02")),
        ("tags", lambda: edit(en_posts / "uno.md", "tags: [service]", "tags: [care, service]")),
        ("gap in a series", lambda: edit(es_posts / "l1.md", "series_order: 2", "series_order: 3")),
        ("still a gap", lambda: edit(es_posts / "l2.md", "series_order: 1", "series_order: 2")),
        ("parts swapped", lambda: edit(es_posts / "l1.md", "series_order: 3", "series_order: 1")),
        ("order by date", lambda: edit(es_posts / "uno.md", "2020-01-01", "2020-04-01")),
        (
            "draft",
            # Both versions: a finished translation of a draft original is refused.
            lambda: (
                edit(es_posts / "tres.md", "author: Ana\n", "author: Ana\ndraft: true\n"),
                edit(en_posts / "tres.md", "translation:\n", "draft: true\ntranslation:\n"),
            ),
        ),
        (
            "published",
            lambda: (
                edit(es_posts / "tres.md", "draft: true\n", ""),
                edit(en_posts / "tres.md", "draft: true\n", ""),
            ),
        ),
        ("translated", lambda: translate(en_posts / "dos.md", docs)),
        (
            "series",
            lambda: edit(
                es_posts / "suelto.md",
                "author: Ana\n",
                "author: Ana\nseries: lecciones\nseries_order: 3\n",
            ),
        ),
        (
            "added",
            lambda: (
                write(es_posts / "nuevo.md", es("Nuevo", "2022-01-01")),
                write(en_posts / "nuevo.md", en("New")),
                stamp(en_posts / "nuevo.md", docs),
            ),
        ),
        ("section page", lambda: edit(docs / "es" / "index.md", "# Inicio", "# Inicio\n\nHola.")),
        ("broken", lambda: edit(es_posts / "uno.md", "date: 2020-04-01", "date: 2020-13-01")),
        ("fixed", lambda: edit(es_posts / "uno.md", "date: 2020-13-01", "date: 2020-01-02")),
        (
            "renamed",
            lambda: (
                os.replace(es_posts / "suelto.md", es_posts / "aparte.md"),
                os.replace(en_posts / "suelto.md", en_posts / "aparte.md"),
            ),
        ),
        ("removed", lambda: ((es_posts / "nuevo.md").unlink(), (en_posts / "nuevo.md").unlink())),
        # Last, so that the comparison below sees their pages: text edits, rendered without
        # a build (hooks/quick.py), each beside its other version in the parallel views.
        # (The original's translation is stale since the first "body" edit: it stays so.)
        ("text", lambda: edit(es_posts / "aparte.md", "Texto nuevo.", "Texto nuevo, bis.")),
        ("translation text", lambda: edit(en_posts / "uno.md", "Text of", "The text of")),
        # Back to the bytes the last build read: rendered again all the same.
        ("text undone", lambda: edit(en_posts / "uno.md", "The text of", "Text of")),
    ]
    port = free_port()
    with serve_dirty(config, tmp_path / "serve.log", port, env) as served:
        for name, step in steps:
            before = served.builds()
            step()
            settled = functools.partial(served.settled, before)
            try:
                wait_for(settled, timeout=120)
            except AssertionError:
                raise AssertionError(
                    f"no rebuild after the '{name}' edit:\n{served.text()}"
                ) from None
            time.sleep(0.3)  # a second event of the same save starts its build by then
            wait_for(settled, timeout=120)
        log = served.text()
        assert "Traceback" not in log, log
        # Every page has a dependency rule (hooks/core/dependents.py: page_kind).
        assert "has no rule for" not in log, log
        after_registry = log.split("Rebuilding every page: the languages or the series", 1)[1]
        assert "Rebuilding every page" not in after_registry, "an edit rebuilt everything"
        failing = 3  # the gap in a series (twice) and the broken date
        incremental = len(re.findall(r"Rebuilt \d+ page\(s\)", after_registry))
        assert incremental >= len(steps) - 1 - failing
        # Text edits rendered without a build (the post, its two parallel views): all but
        # the first "body" one, which makes a translation stale (other pages show that).
        quick = re.findall(r"Rebuilt \d+ page\(s\) in [\d.]+ s, a text edit rendered without", log)
        assert len(quick) == 4, log
        # A post added or removed moves others to the next or previous listing page: their
        # pages get the new way back to the listing in place, not a rebuild.
        assert re.search(r"\d+ updated in place \(the way back to the listing\)", log), log
        builds = log.count("Building documentation...")
        assert log.count(PARALLEL) == (builds - failing if side_by_side else 0), log
        served_files = snapshot(served.site_dir(), tmp_path / "served")
    with serve_dirty(config, tmp_path / "clean.log", port, env) as clean:
        whole = snapshot(clean.site_dir(), tmp_path / "clean")
    found = differences(served_files, whole)
    assert not found, "\n".join(found)
    assert (whole / "posts" / "aparte" / "index.html").is_file()
    assert not (whole / "posts" / "nuevo").exists()


@pytest.mark.timeout(300)
def test_a_refused_text_edit_writes_nothing(tmp_path: Path) -> None:
    """A text edit that the build would refuse (a script-running link in the English text,
    shown in both parallel views) is not rendered without a build: nothing is written, the
    build reports it, and once fixed the next text edit is rendered without a build again."""
    root = tmp_path / "blog"
    config = fixture_site(root, FILES, config_extra=PER_PAGE)
    translation = root / "docs" / "en" / "posts" / "uno.md"
    with serve_dirty(config, tmp_path / "serve.log", free_port()) as served:
        site = served.site_dir()

        def saved(change: Callable[[], None]) -> None:
            before = served.builds()
            change()
            wait_for(functools.partial(served.settled, before), timeout=120)

        saved(lambda: edit(translation, "Text of", "[Text](javascript:alert(1)) of"))
        wait_for(lambda: FAILED in served.text(), timeout=60)
        log = served.text()
        assert "text edit not rendered without a build: docs/en/posts/uno.md:" in log, log
        assert "unsafe: javascript: URL" in log, log
        written = [p for p in site.rglob("*.html") if "javascript:" in p.read_text("utf-8")]
        assert not written, written
        saved(lambda: edit(translation, "[Text](javascript:alert(1)) of", "Text of"))
        saved(lambda: edit(translation, "Text of", "The text of"))
        assert served.text().count("a text edit rendered without a build") == 1, served.text()
        parallel = site / "posts" / "uno" / "paralelo" / "index.html"
        assert "The text of" in parallel.read_text(encoding="utf-8")


@pytest.mark.timeout(300)
def test_a_renamed_heading_is_reported_where_another_post_links_to_it(tmp_path: Path) -> None:
    """A text edit (rendered without a build) renames a heading another post links to: the
    link check under `make serve` checks that other post again, at its Markdown line."""
    files = {
        **FILES,
        "es/posts/tres.md": es("La Columna: Tres", "2020-03-01", body="## Sección uno\n\nTexto.\n"),
        "en/posts/tres.md": en("La Columna: Three", body="## Section one\n\nText.\n"),
        "en/posts/suelto.md": en("Loose", body="See [the section](tres.md#section-one).\n"),
    }
    root = tmp_path / "blog"
    config = fixture_site(root, files, config_extra=PER_PAGE)
    with serve_dirty(config, tmp_path / "serve.log", free_port()) as served:
        before = served.builds()
        edit(root / "docs" / "en" / "posts" / "tres.md", "## Section one", "## Section two")
        wait_for(functools.partial(served.settled, before), timeout=120)
        log = served.text()
    assert "a text edit rendered without a build" in log, log
    assert "docs/en/posts/suelto.md:10:19: tres.md#section-one: no element with id" in log, log
