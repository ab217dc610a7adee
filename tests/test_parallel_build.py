"""`mkdocs build` builds the other languages in forked processes (hooks/parallel.py): the
same files as one process, and what goes wrong there is reported as if it happened here.

Planted defects come from a test-only hook that acts on one English page, so they happen
inside the forked English build; each test also runs with PARALLEL_LANGUAGES=off, where
static-i18n builds English in this process, and expects the same report.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hooks.parallel import usable_cores
from tests.support import (
    REPO,
    SECTION_PAGES,
    Build,
    assert_same_site,
    fixture_site,
    run_mkdocs,
)

PARALLEL_LINE = "Languages built in parallel processes: en"
SEQUENTIAL = {"PARALLEL_LANGUAGES": "off"}
TWO_CORES = usable_cores() >= 2  # CI has two; on one core the build stays in one process


PLANTED_HOOK = """
import logging
import os
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.planted")


def on_page_markdown(markdown, page, config, files):
    if "PLANTED-CRASH" in markdown:
        os._exit(3)  # a process dying without a word (killed, or a crash in C)
    if "PLANTED-BUG" in markdown:
        return markdown.no_such_method()
    if "PLANTED-ERROR" in markdown:
        raise PluginError(f"planted error in {page.file.src_uri}")
    if page.file.src_uri == "en/sources.md":
        log.warning("planted warning in en/sources.md")
    return markdown
"""


def test_the_parallel_build_writes_what_one_process_writes(tmp_path: Path) -> None:
    parallel = run_mkdocs(REPO / "mkdocs.yml", tmp_path / "parallel")
    sequential = run_mkdocs(REPO / "mkdocs.yml", tmp_path / "sequential", env=SEQUENTIAL)
    assert parallel.returncode == 0, parallel.output[-3000:]
    assert sequential.returncode == 0, sequential.output[-3000:]
    assert (PARALLEL_LINE in parallel.output) is TWO_CORES
    assert PARALLEL_LINE not in sequential.output
    assert assert_same_site(tmp_path / "parallel", tmp_path / "sequential") >= 60  # no lunr files
    for build in (parallel, sequential):  # the English pages' links and index are counted
        assert "Search index: 2 language bundles" in build.output
        assert "Link check: no problems." in build.output
    assert _line(parallel.output, "Link check: ") == _line(sequential.output, "Link check: ")
    # The time spent reading the English pages is told apart when another process read them.
    timing = [line for line in parallel.output.splitlines() if " links on " in line][-1]
    assert ("in the other processes" in timing) is TWO_CORES, timing


def _line(output: str, prefix: str) -> str:
    """The counts of the last line starting with ``prefix`` (its timings dropped)."""
    found = [line for line in output.splitlines() if prefix in line]
    return re.sub(r", [\d.]+ s\b.*", "", found[-1])


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    hook = tmp_path / "planted.py"
    hook.write_text(PLANTED_HOOK, encoding="utf-8")
    return fixture_site(
        tmp_path / "site-source", {**SECTION_PAGES, "series.yml": "# none\n"}, extra_hooks=[hook]
    )


def build_with(
    config: Path, page: str, marker: str, site: Path, env: dict[str, str] | None = None
) -> Build:
    """Build (not strict) after adding ``marker`` to ``page``, for the planted hook to act."""
    source = config.parent / "docs" / page
    source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", "utf-8")
    return run_mkdocs(config, site, strict=False, env=env)


@pytest.mark.parametrize("env", [{}, SEQUENTIAL], ids=["parallel", "sequential"])
def test_a_warning_in_the_other_language_is_reported_once(
    planted: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    lenient = run_mkdocs(planted, tmp_path / "lenient", strict=False, env=env)
    assert lenient.returncode == 0, lenient.output[-3000:]
    assert lenient.output.count("planted warning in en/sources.md") == 1
    assert (tmp_path / "lenient" / "en" / "sources" / "index.html").exists()
    strict = run_mkdocs(planted, tmp_path / "strict", env=env)
    assert strict.returncode == 1
    assert strict.output.count("planted warning in en/sources.md") == 1
    assert "Aborted with 1 warnings in strict mode!" in strict.output


@pytest.mark.parametrize("env", [{}, SEQUENTIAL], ids=["parallel", "sequential"])
@pytest.mark.parametrize("page", ["en/sources.md", "es/fuentes.md"])
def test_an_error_in_either_language_stops_the_build(
    planted: Path, tmp_path: Path, env: dict[str, str], page: str
) -> None:
    """An English error comes back from the forked build; a Spanish one stops the build
    here, and the forked English build is stopped with it."""
    built = build_with(planted, page, "PLANTED-ERROR", tmp_path / "site", env)
    assert built.returncode == 1
    assert built.output.count(f"planted error in {page}") == 1
    assert "Traceback" not in built.output
    assert "Documentation built in" not in built.output


@pytest.mark.usefixtures("two_cores")
def test_a_forked_build_that_dies_is_reported(planted: Path, tmp_path: Path) -> None:
    built = build_with(planted, "en/sources.md", "PLANTED-CRASH", tmp_path / "site")
    assert built.returncode == 1
    assert "The 'en' pages were built by a forked process that stopped without a report" in (
        built.output
    )
    assert "exit status 3" in built.output and "PARALLEL_LANGUAGES=off" in built.output


@pytest.mark.usefixtures("two_cores")
def test_a_bug_in_the_forked_build_shows_its_traceback(planted: Path, tmp_path: Path) -> None:
    built = build_with(planted, "en/sources.md", "PLANTED-BUG", tmp_path / "site")
    assert built.returncode == 1
    assert "The 'en' build failed:" in built.output
    assert "return markdown.no_such_method()" in built.output  # the line, from the fork
    assert "AttributeError" in built.output
