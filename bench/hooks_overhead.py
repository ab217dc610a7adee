"""What each hook adds to the build of the real site, measured side by side in one run.

Builds the site repeatedly with every hook, without hooks/series.py, and without any hook
(interleaved, so machine noise hits every variant alike) and prints median wall times and
their ratios. Usage: python bench/hooks_overhead.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOOKS = re.findall(r"^  - (hooks/\S+\.py)", (REPO / "mkdocs.yml").read_text(), re.M)


def variant_config(folder: Path, hooks: list[str], name: str) -> Path:
    """A config inheriting the real one with another hook list (paths made absolute);
    without hooks, without the theme overrides either (they use what the hooks provide)."""
    config = folder / f"{name}.yml"
    lines = [f"INHERIT: {REPO / 'mkdocs.yml'}", f"docs_dir: {REPO / 'docs'}"]
    lines.append("hooks:" + ("" if hooks else " []"))
    lines += [f"  - {REPO / hook}" for hook in hooks]
    overrides = REPO / "overrides"
    if not hooks:
        overrides = folder / "no-overrides"
        overrides.mkdir(exist_ok=True)
    lines.append(f"theme:\n  custom_dir: {overrides}")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def build_seconds(config: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        variants = {
            "all hooks": variant_config(folder, HOOKS, "all"),
            "without series.py": variant_config(
                folder, [hook for hook in HOOKS if hook != "hooks/series.py"], "no-series"
            ),
            "no hooks": variant_config(folder, [], "bare"),
        }
        times: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(runs):
            for name, config in variants.items():
                times[name].append(build_seconds(config, folder / "site"))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"real site, {runs} interleaved builds per variant (median wall seconds):")
    for name, value in medians.items():
        print(f"  {name:<20} {value:6.3f} s")
    print(f"series hook overhead: x{medians['all hooks'] / medians['without series.py']:.3f}")
    print(f"all hooks vs none:    x{medians['all hooks'] / medians['no hooks']:.3f}")


if __name__ == "__main__":
    main()
