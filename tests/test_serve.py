"""`mkdocs serve` recovers after an author's mistake: once fixed, every language rebuilds.

(Content problems stop the build before mkdocs-static-i18n starts its nested builds; what a
failure *inside* a nested build leaves behind is reset by hooks/blog.py, tested in
test_build_error_resets_static_i18n.)"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from hooks import serve_state
from hooks.serve_state import _BackgroundIndex
from tests.support import SECTION_PAGES, fetch, fixture_site, mkdocs_serve, post, wait_for

FILES = {
    **SECTION_PAGES,
    "series.yml": "# none\n",
    "es/posts/uno.md": post("title: Uno\ndescription: d\ndate: 2020-01-01\nauthor: A"),
    "en/posts/uno.md": post("title: One\ndescription: d\ntranslation:\n  from: es"),
}


def test_serve_rebuilds_every_language_after_a_fixed_error(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, FILES)
    log = tmp_path / "serve.log"
    with mkdocs_serve(config, log) as base:
        english = f"{base}en/posts/uno/"
        wait_for(lambda: fetch(english) is not None)
        original = tmp_path / "docs" / "es" / "posts" / "uno.md"
        good = original.read_text(encoding="utf-8")
        original.write_text(good.replace("date: 2020-01-01", "date: 2020-13-01"), "utf-8")
        wait_for(lambda: "'2020-13-01' is not a valid date" in log.read_text(encoding="utf-8"))
        original.write_text(good.replace("Texto.", "Texto corregido."), "utf-8")
        spanish = f"{base}posts/uno/"
        wait_for(lambda: "Texto corregido." in (fetch(spanish) or ""))
        translation = tmp_path / "docs" / "en" / "posts" / "uno.md"
        translation.write_text(
            translation.read_text("utf-8").replace("Texto.", "Fixed text."), "utf-8"
        )
        wait_for(lambda: "Fixed text." in (fetch(english) or ""))  # English rebuilt too
        assert "Traceback" not in log.read_text(encoding="utf-8")


def test_build_error_resets_static_i18n(monkeypatch) -> None:
    """A failure inside static-i18n's nested build leaves its `building` flag set and
    mkdocs.utils.clean_directory patched; the next `mkdocs serve` rebuild would then skip the
    other languages. hooks/blog.py's on_build_error puts both back."""
    from types import SimpleNamespace

    from mkdocs import utils

    import hooks.blog as blog

    plugin = SimpleNamespace(building=True)
    monkeypatch.setattr(blog, "_i18n_plugin", plugin)
    original = utils.clean_directory
    monkeypatch.setattr(utils, "clean_directory", lambda directory: directory)  # as i18n does
    blog.on_build_error(RuntimeError("failed inside the English build"))
    assert plugin.building is False
    assert utils.clean_directory is original


def test_static_i18n_files_remembered_under_serve_are_the_files_it_makes(tmp_path: Path) -> None:
    """hooks/incremental.py remembers what static-i18n's create_i18n_file computes for a
    docs file and sets it on a new File: attribute for attribute what static-i18n makes,
    for every file of both languages, in each language's build."""
    import mkdocs_static_i18n.folder as folder
    from mkdocs.commands.build import get_files
    from mkdocs.config import load_config

    import hooks.incremental as incremental

    files = {**FILES, "es/posts/dos.md": FILES["es/posts/uno.md"], "es/README.md": "# R\n"}
    config = load_config(str(fixture_site(tmp_path, files)), site_dir=str(tmp_path / "site"))
    docs = get_files(config)
    assert len(docs) > 10

    def attributes(made: object) -> dict[str, object]:
        values = dict(vars(made))
        assert set(values.pop("alternates")) == {values["locale_alternate_of"]}
        return values

    for current in ("es", "en"):
        for file in docs:
            expected = attributes(
                folder.create_i18n_file(file, current, "es", ["es", "en"], config)
            )
            for _ in range(2):  # the first call computes, the second replays
                made = incremental.create_i18n_file(file, current, "es", ["es", "en"], config)
                assert made.alternates == {current: made}
                assert attributes(made) == expected, file.src_uri


def test_a_whole_rebuild_cancels_the_background_index_before_cleaning() -> None:
    """A run that has not finished when the site folder is about to be cleaned writes
    nothing (its clean-up step would delete the new bundle's files); cancel() returns only
    once no run is on; runs asked for afterwards go ahead."""
    index = _BackgroundIndex()
    written: list[str] = []
    slow = [sys.executable, "-c", "import time; time.sleep(30)"]
    quick = [sys.executable, "-c", "pass"]
    try:
        index.request("es", slow, lambda: written.append("es"))
        wait_for(lambda: index.busy, timeout=10)
        index.request("en", quick, lambda: written.append("en, before"))  # waits its turn
        started = time.perf_counter()
        index.cancel()
        assert time.perf_counter() - started < 10  # the slow run was killed, not waited for
        assert not index.busy and not index.wanted
        finished = threading.Event()
        index.request("en", quick, lambda: (written.append("en"), finished.set()))
        assert finished.wait(30)
        assert written == ["en"]
    finally:
        index.stop()


def test_saves_in_a_row_do_not_starve_a_language_of_its_index() -> None:
    """Saves come faster than Pagefind runs, each asking for both languages: each language
    still gets its turn (the oldest request first), not the one asked for last again and
    again while the other waits for the saves to stop."""
    index = _BackgroundIndex()
    ran: list[str] = []
    run = [sys.executable, "-c", "import time; time.sleep(0.3)"]
    try:
        index.request("first", run, lambda: None)
        wait_for(lambda: index.busy, timeout=10)
        deadline = time.perf_counter() + 60
        while len(ran) < 4:  # a save every 0.1 s, both languages, until four runs ended
            assert time.perf_counter() < deadline, ran
            index.request("es", run, lambda: ran.append("es"))
            index.request("en", run, lambda: ran.append("en"))
            time.sleep(0.1)
        during = ran[:4]
    finally:
        index.stop()
    assert sorted(during) == ["en", "en", "es", "es"], during


def test_the_background_index_outlives_a_run_that_cannot_start_or_finish(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A Pagefind binary that cannot start, or a clean-up step that fails, is a warning:
    cancel() does not wait for a run that never began, and later runs still go ahead."""
    caplog.set_level(logging.WARNING, logger="mkdocs.hooks.incremental")
    index = _BackgroundIndex()
    quick = [sys.executable, "-c", "pass"]
    finished = threading.Event()

    def failing() -> None:
        raise OSError("disk full")

    try:
        index.request("es", ["/nonexistent/pagefind"], lambda: None)
        index.request("en", quick, failing)
        wait_for(lambda: not index.wanted and not index.busy, timeout=30)
        started = time.perf_counter()
        index.cancel()
        assert time.perf_counter() - started < 5
        index.request("en", quick, finished.set)
        assert finished.wait(30)
    finally:
        index.stop()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("Pagefind could not start for the 'es' pages" in w for w in warnings), warnings
    assert any("Search index of 'en' not updated" in w and "disk full" in w for w in warnings)


def test_the_background_index_yields_the_cores_to_the_next_build(monkeypatch) -> None:
    """Under `make serve` Pagefind runs at a lower priority (nice 10), so that the build of
    the next save, which the author waits for, gets the cores first."""
    asked: list[list[str]] = []
    monkeypatch.setattr(
        serve_state._index, "request", lambda lang, command, done: asked.append(command)
    )
    serve_state.index_in_background("es", ["pagefind", "--site", "x"], lambda: None)
    if shutil.which("nice") is None:
        assert asked == [["pagefind", "--site", "x"]]
    else:
        assert asked == [[shutil.which("nice"), "-n", "10", "pagefind", "--site", "x"]]


def test_a_run_ends_when_pagefind_does_not_when_another_process_holds_its_output() -> None:
    """A process forked while Pagefind starts (a language's build, a renderer) may inherit
    its output: the run still ends when Pagefind does, not when that process does."""
    index = _BackgroundIndex()
    finished = threading.Event()
    # Pagefind's stand-in leaves a process behind holding its output for 30 s.
    leaves_a_holder = ["/bin/sh", "-c", "sleep 30 & exit 0"]
    try:
        started = time.perf_counter()
        index.request("es", leaves_a_holder, finished.set)
        assert finished.wait(20)
        assert time.perf_counter() - started < 10
    finally:
        index.stop()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux child subreaper")
def test_the_server_adopts_and_reaps_a_renderer_forked_by_a_language_process() -> None:
    """hooks/quick.py's renderer of a language built in another process is that process's
    child: once it ends, the server (a child subreaper) adopts the renderer, and stopping it
    reaps it (no zombie left to an init that may not reap)."""
    script = """
import os, signal, sys, time
sys.path.insert(0, os.getcwd())
from hooks import quick
quick._adopt_orphans()
read_end, write_end = os.pipe()
worker = os.fork()
if worker == 0:  # the language's process: forks the renderer, reports its pid, ends
    renderer = os.fork()
    if renderer == 0:
        time.sleep(60)
        os._exit(0)
    os.write(write_end, str(renderer).encode())
    os._exit(0)
os.waitpid(worker, 0)
renderer = int(os.read(read_end, 32))
with open(f"/proc/{renderer}/stat") as stat:
    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
os.kill(renderer, signal.SIGKILL)
reaped, _ = os.waitpid(renderer, 0)
print(parent == os.getpid(), reaped == renderer)
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout.split() == ["True", "True"], done.stdout + done.stderr


class WrittenFile:
    """What hooks/incremental.py reads of a MkDocs File (hashed by identity, as Files are)."""

    def __init__(self, src_uri: str, abs_dest_path: str, url: str) -> None:
        self.src_uri, self.abs_dest_path, self.url = src_uri, abs_dest_path, url


def test_a_relisted_post_is_updated_in_its_written_page_or_else_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hooks/incremental.py's part of a post moved to another listing page: its written page
    gets the new end and the link check its links; a page that cannot be read or whose old
    end is not found is rebuilt; other languages' and already rebuilt pages are left alone."""
    from hooks import incremental
    from hooks.core.dependents import Rebuild

    site = tmp_path / "site"

    def page(rel_path: str, lang: str = "es", body: str | None = "<p>back to 1</p>\r\n") -> Any:
        dest = site / lang / rel_path.removesuffix(".md") / "index.html"
        if body is not None:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(body.encode("utf-8"))
        url = f"{lang}/{rel_path.removesuffix('.md')}/"
        return WrittenFile(f"{lang}/{rel_path}", str(dest), url)

    moved, kept, unreadable, gone, english, rebuilt = (
        page("posts/moved.md"),
        page("posts/kept.md", body="<p>a template showing no end</p>"),
        page("posts/unreadable.md", body=""),  # written below, not as UTF-8
        page("posts/gone.md", body=None),
        page("posts/moved.md", lang="en"),
        page("posts/rebuilt.md"),
    )
    Path(unreadable.abs_dest_path).write_bytes(b"\xff\xfe")
    relisted = {
        ("es", file.src_uri.partition("/")[2]): (1, 2)
        for file in (moved, kept, unreadable, gone, rebuilt)
    }
    relisted[("en", "posts/moved.md")] = (1, 2)
    rebuild = Rebuild(relisted=relisted)
    dirty = {moved: False, kept: False, unreadable: False, gone: False, english: False}
    dirty[rebuilt] = True
    asked, noted = [], []

    def relist(html: str, lang: str, rel_path: str, url: str, pages: tuple[int, int]) -> Any:
        asked.append(rel_path)
        old = f"back to {pages[0]}"
        return html.replace(old, f"back to {pages[1]}") if old in html else None

    monkeypatch.setitem(serve_state.services, "relisted page", relist)
    monkeypatch.setitem(serve_state.services, "page updated", lambda h, u: noted.append((h, u)))
    assert incremental._update_relisted("es", rebuild, dirty) == 1
    assert Path(moved.abs_dest_path).read_bytes() == b"<p>back to 2</p>\r\n"  # bytes kept
    assert noted == [("<p>back to 2</p>\r\n", "es/posts/moved/")]
    assert dirty == {
        moved: False,
        kept: True,
        unreadable: True,
        gone: True,
        english: False,  # the English process updates it
        rebuilt: True,
    }
    assert sorted(asked) == ["posts/kept.md", "posts/moved.md"]
    assert Path(english.abs_dest_path).read_bytes() == b"<p>back to 1</p>\r\n"


def test_a_new_index_replaces_every_word_file_of_the_old_one(tmp_path: Path) -> None:
    """`mkdocs serve` writes a language's vocabulary again into the bundle it reindexes: a
    word file of the previous index would vouch for words now on no page."""
    from hooks.search import write_vocabulary

    bundle = tmp_path / "pagefind"
    write_vocabulary(bundle, ["cliente zapato"])
    assert sorted(p.name for p in (bundle / "vocabulary").iterdir()) == [
        "636c.json",
        "7a61.json",
        "prefixes.json",
    ]
    write_vocabulary(bundle, ["cliente servicio"])
    files = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())
    assert files == [
        "vocabulary.json",
        "vocabulary/636c.json",
        "vocabulary/7365.json",
        "vocabulary/prefixes.json",
    ]  # no zapato, nothing left half way
    assert (bundle / "vocabulary" / "prefixes.json").read_text() == '"clse"'
