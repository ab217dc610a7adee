"""Two builds of the same commit produce byte-identical files.

Legitimate exception: Pagefind's filter index (pagefind/filter/*.pf_filter) serializes a
hash map in an order that varies per process (same size, other byte order), and the files
that name it by its hash (pagefind-entry.json, pagefind.<lang>_*.pf_meta) follow. Those are
compared by their set of names without the hash, and by uncompressed size for the filters
(tests.support.assert_same_site).
"""

from __future__ import annotations

from pathlib import Path

from tests.support import REPO, assert_same_site, run_mkdocs


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = run_mkdocs(REPO / "mkdocs.yml", tmp_path / "one")
    second = run_mkdocs(REPO / "mkdocs.yml", tmp_path / "two")
    assert first.returncode == 0 and second.returncode == 0
    compared = assert_same_site(tmp_path / "one", tmp_path / "two")
    assert compared >= 60  # pages, assets, feeds, sitemap, most of the search bundles
