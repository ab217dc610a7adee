"""MkDocs renders the pages with reused Markdown parsers (hooks/markdown_reuse.py): the
site is byte-identical to the one MkDocs writes with a new parser per page."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support import REPO, assert_same_site, run_mkdocs

REUSE_LINE = re.compile(r"Markdown parsers: (\d+) built, reused (\d+) times")


def test_reused_parsers_write_the_same_site_as_new_ones(tmp_path: Path) -> None:
    one_process = {"PARALLEL_LANGUAGES": "off"}  # every page's parser counted in one log
    reused = run_mkdocs(REPO / "mkdocs.yml", tmp_path / "reused", env=one_process, verbose=True)
    new = run_mkdocs(
        REPO / "mkdocs.yml",
        tmp_path / "new",
        env={**one_process, "MARKDOWN_REUSE": "off"},
        verbose=True,
    )
    assert reused.returncode == 0, reused.output[-3000:]
    assert new.returncode == 0, new.output[-3000:]
    counts = [tuple(map(int, found)) for found in REUSE_LINE.findall(reused.output)]
    assert len(counts) == 2  # once per language
    rendered = reused.output.count("DEBUG   -  Reading: ")  # MkDocs reads, then renders
    assert rendered > 20
    assert counts[-1] == (2, rendered - 2)  # a parser per language (its own ¶ tooltip)
    assert not REUSE_LINE.search(new.output)
    assert assert_same_site(tmp_path / "reused", tmp_path / "new") >= 60  # no lunr files
