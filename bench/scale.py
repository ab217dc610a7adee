"""Scale benchmark: the synthetic bilingual blog at several sizes, with and without our hooks.

For each size (posts per language) it builds, side by side in one run on this machine:
- the site with the real config and every hook (what `make build` does: on two cores or
  more, the English pages are built by a forked process beside the Spanish ones);
- the same in one process (PARALLEL_LANGUAGES=off): what the hooks cost in CPU;
- the same content with bare Material + mkdocs-static-i18n (no hooks, no overrides);
- the full build again with LINKCHECK=off: the link check's cost in wall time (the CPU
  share sums the languages' processes, which parse their pages side by side);
and reports wall time, the growth factor, our overhead ratios, the shares of the link
check, search indexing (what is left waiting after the build) and the blog hooks (CPU
seconds, summed over processes), CPU seconds (all processes) and peak memory (the largest
process). Each measurement is the median of --runs builds, interleaved.

    python bench/scale.py [--sizes 100 300 1000] [--runs 1] [--profile]

--profile also writes a cProfile of the largest full build and prints its top entries.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import REPO, generate
from hooks.core.cards import CACHE_DIR as CARDS_CACHE

# Runs mkdocs in this process and reports peak memory and CPU seconds (this process and
# its children: the forked language builds and Pagefind runs are waited for, so counted).
RUNNER = """
import resource, runpy, sys, json
sys.argv = ["mkdocs", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exit:
    code = exit.code or 0
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = sum(usage.ru_utime + usage.ru_stime for usage in (own, children))
peak = max(own.ru_maxrss, children.ru_maxrss)
print(json.dumps({"max_rss_kib": peak, "cpu": cpu, "code": code}), file=sys.stderr)
sys.exit(code)
"""


def build(
    config: Path,
    site: Path,
    profile: Path | None = None,
    one_process: bool = False,
    strict: bool = True,
    link_check: bool = True,
) -> dict:
    """One build; ours is strict, as `make build` (bare Material has no hooks to satisfy)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    if not link_check:
        env["LINKCHECK"] = "off"
    if one_process or profile is not None:  # a profile sees one process only
        env["PARALLEL_LANGUAGES"] = "off"
    if profile is None:
        command = [sys.executable, "-c", RUNNER, "build", "-f", str(config), "-d", str(site)]
        command += ["--strict"] if strict else []
    else:
        command = [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(profile),
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(config),
            "-d",
            str(site),
        ]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=config.parent)
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{output[-3000:]}")
    found = {"seconds": seconds, "output": output}
    for line in output.splitlines():
        if line.startswith("{") and "max_rss_kib" in line:
            report = json.loads(line)
            found["max_rss_mib"] = report["max_rss_kib"] / 1024
            found["cpu"] = report["cpu"]
    if match := re.search(r"Link check: \d+ links on \d+ pages, ([\d.]+) s", output):
        found["link check"] = float(match.group(1))
    if match := re.search(r"Search index: .* waited ([\d.]+) s", output):
        found["search (waited)"] = float(match.group(1))
    if match := re.search(r"Blog hooks: (.*)", output):
        for area, value in re.findall(r"([a-z ,0-9]+?) ([\d.]+) s", match.group(1)):
            found[f"blog: {area.strip(', ')}"] = float(value)
    return found


def median(values: list[dict], key: str) -> float:
    numbers = [value[key] for value in values if key in value]
    return statistics.median(numbers) if numbers else float("nan")


def share(part: float, whole: float) -> str:
    return f"{part:.2f} s ({part / whole:.0%})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    print(
        f"# Scale benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for size in args.sizes:
            full_config = generate(root / f"full-{size}", size)
            bare_config = generate(root / f"bare-{size}", size, hooks=False)
            full, serial, bare, unchecked = [], [], [], []
            for _ in range(args.runs):
                site = root / f"full-{size}" / "site"
                # Both with the sharing cards drawn (a cold cache, as CI's first run): the
                # difference is the link check alone.
                shutil.rmtree(full_config.parent / CARDS_CACHE, ignore_errors=True)
                full.append(build(full_config, site))
                shutil.rmtree(full_config.parent / CARDS_CACHE, ignore_errors=True)
                unchecked.append(build(full_config, site, link_check=False))
                serial.append(build(full_config, root / f"full-{size}" / "site", one_process=True))
                bare.append(build(bare_config, root / f"bare-{size}" / "site", strict=False))
            pages = sum(1 for _ in (root / f"full-{size}" / "site").rglob("*.html"))
            rows.append((size, pages, full, serial, bare, unchecked))
        profile_path = None
        if args.profile:
            size = args.sizes[-1]
            profile_path = root / "build.prof"
            build(root / f"full-{size}" / "mkdocs.yml", root / "profiled-site", profile_path)
            print(f"\n## Profile of the full build at {size} posts per language (cumulative s)")
            stats = pstats.Stats(str(profile_path))
            stats.sort_stats("cumulative").print_stats(
                r"(hooks/|markdown/core|jinja2/environment.py:\d+\(render\)|build.py|pagefind|"
                r"selectolax|static_i18n)",
                25,
            )

    print(
        "\n| posts/language | pages | full build (s) | same, one process (s) "
        "| bare Material+i18n (s) | overhead | overhead, one process | CPU s, full / bare "
        "| link check (CPU) | link check (wall) | search waited | blog hooks "
        "| peak memory (MiB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, pages, full, serial, bare, unchecked in rows:
        seconds, plain = median(full, "seconds"), median(bare, "seconds")
        one = median(serial, "seconds")
        blog = sum(median(full, key) for key in full[0] if key.startswith("blog: "))
        link_check = share(median(full, "link check"), seconds)
        # What the build waits for: the same build with LINKCHECK=off, in the same run.
        link_wall = share(seconds - median(unchecked, "seconds"), seconds)
        search = share(median(full, "search (waited)"), seconds)
        print(
            f"| {size} | {pages} | {seconds:.1f} | {one:.1f} | {plain:.1f} "
            f"| x{seconds / plain:.2f} | x{one / plain:.2f} "
            f"| {median(full, 'cpu'):.1f} / {median(bare, 'cpu'):.1f} "
            f"| {link_check} | {link_wall} | {search} | {share(blog, seconds)} "
            f"| {median(full, 'max_rss_mib'):.0f} |"
        )
    if len(rows) > 1:
        (small, small_pages, small_full, *_), (large, large_pages, large_full, *_) = (
            rows[0],
            rows[-1],
        )
        growth = median(large_full, "seconds") / median(small_full, "seconds")
        per_page_small = median(small_full, "seconds") / small_pages * 1000
        per_page_large = median(large_full, "seconds") / large_pages * 1000
        print(
            f"\nGrowth {small} -> {large} posts per language: x{growth:.1f} for "
            f"x{large_pages / small_pages:.1f} pages; {per_page_small:.1f} -> "
            f"{per_page_large:.1f} ms per page"
        )
        print(
            "Blog hooks at the largest size: "
            + ", ".join(
                f"{key[6:]} {median(large_full, key):.2f} s"
                for key in large_full[0]
                if key.startswith("blog: ")
            )
        )


if __name__ == "__main__":
    main()
