"""`mkdocs serve` recovers after an author's mistake: once fixed, every language rebuilds.

(Content problems stop the build before mkdocs-static-i18n starts its nested builds; what a
failure *inside* a nested build leaves behind is reset by hooks/blog.py, tested in
test_build_error_resets_static_i18n.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support import REPO, SECTION_PAGES, fixture_site, free_port, post

FILES = {
    **SECTION_PAGES,
    "series.yml": "# none\n",
    "es/posts/uno.md": post("title: Uno\ndescription: d\ndate: 2020-01-01\nauthor: A"),
    "en/posts/uno.md": post("title: One\ndescription: d\ntranslation:\n  from: es"),
}


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.3)


def fetch(url: str) -> str | None:
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode()
    except (urllib.error.URLError, OSError):
        return None


def test_serve_rebuilds_every_language_after_a_fixed_error(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, FILES)
    log = tmp_path / "serve.log"
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    with log.open("w") as output:
        server = subprocess.Popen(
            # Live reload on: it is what watches the files and rebuilds.
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                str(config),
                "-a",
                f"127.0.0.1:{port}",
            ],
            cwd=tmp_path,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        english = f"http://127.0.0.1:{port}/ensayos/en/posts/uno/"
        wait_for(lambda: fetch(english) is not None)
        original = tmp_path / "docs" / "es" / "posts" / "uno.md"
        good = original.read_text(encoding="utf-8")
        original.write_text(good.replace("date: 2020-01-01", "date: 2020-13-01"), "utf-8")
        wait_for(lambda: "'2020-13-01' is not a valid date" in log.read_text(encoding="utf-8"))
        original.write_text(good.replace("Texto.", "Texto corregido."), "utf-8")
        spanish = f"http://127.0.0.1:{port}/ensayos/posts/uno/"
        wait_for(lambda: "Texto corregido." in (fetch(spanish) or ""))
        translation = tmp_path / "docs" / "en" / "posts" / "uno.md"
        translation.write_text(
            translation.read_text("utf-8").replace("Texto.", "Fixed text."), "utf-8"
        )
        wait_for(lambda: "Fixed text." in (fetch(english) or ""))  # English rebuilt too
        assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


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
