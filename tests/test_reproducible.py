"""Two builds of the same commit produce byte-identical files.

Legitimate exception: Pagefind's filter index (pagefind/filter/*.pf_filter) serializes a
hash map in an order that varies per process (same size, other byte order), and the files
that name it by its hash (pagefind-entry.json, pagefind.<lang>_*.pf_meta) follow. Those are
compared by their set of names without the hash, and by uncompressed size for the filters.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from tests.support import REPO, run_mkdocs

HASHED = re.compile(
    r"(^|/)pagefind/(filter/[a-z]+_[0-9a-f]+\.pf_filter|pagefind-entry\.json|"
    r"pagefind\.[a-z]+_[0-9a-f]+\.pf_meta)$"
)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def unhashed(name: str) -> str:
    return re.sub(r"_[0-9a-f]{7,}\.", "_HASH.", name)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = run_mkdocs(REPO / "mkdocs.yml", tmp_path / "one")
    second = run_mkdocs(REPO / "mkdocs.yml", tmp_path / "two")
    assert first.returncode == 0 and second.returncode == 0
    one, two = files(tmp_path / "one"), files(tmp_path / "two")
    stable_one = {name: data for name, data in one.items() if not HASHED.search(name)}
    stable_two = {name: data for name, data in two.items() if not HASHED.search(name)}
    assert stable_one.keys() == stable_two.keys()
    differing = sorted(name for name in stable_one if stable_one[name] != stable_two[name])
    assert not differing, differing
    assert len(stable_one) >= 90  # pages, assets, feeds, sitemap, most of the search bundles
    hashed_one = sorted(unhashed(name) for name in one if HASHED.search(name))
    hashed_two = sorted(unhashed(name) for name in two if HASHED.search(name))
    assert hashed_one == hashed_two
    assert filter_sizes(one) == filter_sizes(two)


def filter_sizes(found: dict[str, bytes]) -> list[int]:
    """Uncompressed sizes of the filter indexes: the same entries, in another order."""
    return sorted(
        len(gzip.decompress(data)) for name, data in found.items() if name.endswith(".pf_filter")
    )
