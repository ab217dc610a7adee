"""`make bench`'s scripts run: each at its smallest size, as the Makefile calls it.

Benchmarks are not timed tests (their figures are read by a person, from one run); this
only keeps them working. A script that stopped running went unseen for days once: a
config written outside the repository was refused by the build (bench/hooks_overhead.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.support import CHROMIUM, REPO

# Each script of `make bench`, with the smallest arguments that still take every step, and
# a line its report must print.
SMALLEST = {
    "bench/scale.py": (["--sizes", "2", "--runs", "1"], r"\| 2 \| \d+ \| [\d.]+ \|"),
    "bench/search_bytes.py": (["--posts", "2", "--skip-lunr"], r"first query: +\d+ KiB"),
    "bench/page_weight.py": ([], r"total +[\d.]+ KiB raw"),
    "bench/hooks_overhead.py": (["--runs", "1"], r"all hooks vs none: +x\d"),
    "bench/edit_loop.py": (["--sizes", "10", "--repeat", "1"], r"10 posts, body: [\d.]+"),
    "bench/linkcheck_share.py": (["--posts", "2", "--groups", "1"], r"Link check: \d+ links"),
}
# Those that load the pages in Debian's Chromium (the browser tests' rule: skipped where it
# is missing, but failed in CI, where it must be).
IN_A_BROWSER = {"bench/search_bytes.py", "bench/page_weight.py"}


def bench_scripts() -> list[str]:
    """The scripts the Makefile's `bench` target runs, in its order."""
    recipe = re.search(r"^bench:.*\n((?:\t.*\n)+)", (REPO / "Makefile").read_text(), re.M)
    assert recipe, "no bench target in the Makefile"
    return re.findall(r"(bench/\w+\.py)", recipe.group(1))


def test_every_script_of_make_bench_has_a_smallest_run() -> None:
    assert set(bench_scripts()) == set(SMALLEST)


@pytest.mark.parametrize("script", sorted(SMALLEST))
def test_the_script_runs_and_reports(script: str) -> None:
    arguments, expected = SMALLEST[script]
    if script in IN_A_BROWSER and not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, script, *arguments],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert re.search(expected, output), output[-3000:]
