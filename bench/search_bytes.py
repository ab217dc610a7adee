"""Search at scale: Pagefind's indexing time and what a browser downloads per query, beside
the lunr index Material's search plugin would have shipped for the same pages.

Builds the synthetic bilingual blog (bench/synthetic.py) with the real config, opens a
Spanish post in Chromium, runs two queries and sums the bytes of the responses the browser
received for each (the browser's request events). Then builds the same content with
Material's search plugin (our hooks off) and reports the size of its search_index.json.

    python bench/search_bytes.py [--posts 1000] [--skip-lunr]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import REPO, generate
from tests.support import CHROMIUM, CHROMIUM_ARGS, free_port, serve


def build(config: Path, site: Path, site_url: str | None = None) -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    if site_url:
        env["SITE_URL"] = site_url
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, check=True, cwd=config.parent
    )
    return time.perf_counter() - started, done.stdout + done.stderr


def query_bytes(url: str, queries: list[str]) -> list[tuple[int, int]]:
    """(bytes, requests) the browser received for each query typed in the header box."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        received: list[tuple[str, int]] = []

        def on_finished(request) -> None:  # noqa: ANN001 - Playwright's Request
            sizes = request.sizes()
            received.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

        page.goto(url, wait_until="networkidle")
        page.on("requestfinished", on_finished)
        results = []
        for query in queries:
            received.clear()
            page.keyboard.press("/")
            page.locator(".pf-search .md-search__input").fill(query)
            page.wait_for_selector('.pf-search[data-state="ready"]', state="attached")
            page.wait_for_load_state("networkidle")
            results.append((sum(size for _, size in received), len(received)))
            page.locator(".pf-search .md-search__input").fill("")
        browser.close()
    return results


def lunr_index_bytes(out: Path, posts: int) -> tuple[int, float]:
    """Size of Material's search_index.json for the same content (search plugin on)."""
    config = generate(out / "lunr", posts, hooks=False)
    text = config.read_text(encoding="utf-8")
    text += "plugins:\n  - search\n  - tags\n  - i18n:\n      docs_structure: folder\n"
    text += "      languages:\n        - {locale: es, name: Español, default: true}\n"
    text += "        - {locale: en, name: English}\n"
    config.write_text(text, encoding="utf-8")
    seconds, _ = build(config, out / "lunr" / "site")
    return (out / "lunr" / "site" / "search" / "search_index.json").stat().st_size, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--skip-lunr", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        config = generate(out / "pagefind", args.posts)
        seconds, output = build(config, out / "pagefind" / "site", site_url=base)
        indexing = float(re.search(r"Search index: .* waited ([\d.]+) s", output).group(1))
        site = out / "pagefind" / "site"
        bundle = sum(
            f.stat().st_size
            for f in site.rglob("*")
            if f.is_file() and "pagefind" in f.relative_to(site).parts
        )
        with serve(out / "pagefind" / "site", port):
            first, second = query_bytes(f"{base}posts/post-0001/", ["cliente", "servicio rapido"])
        print(
            f"{args.posts} posts per language, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores"
        )
        share = indexing / seconds
        print(
            f"  build {seconds:.1f} s; Pagefind on the critical path {indexing:.2f} s = {share:.1%}"
            " (the rest overlaps the build)"
        )
        print(f"  Pagefind bundle on disk: {bundle / 1024 / 1024:.1f} MiB (both languages)")
        print(f"  first query:  {first[0] / 1024:.0f} KiB in {first[1]} requests")
        print(f"  second query: {second[0] / 1024:.0f} KiB in {second[1]} requests")
        if not args.skip_lunr:
            size, lunr_seconds = lunr_index_bytes(out, args.posts)
            print(
                f"  Material lunr search_index.json: {size / 1024 / 1024:.1f} MiB, loaded before "
                f"the first keystroke (that build: {lunr_seconds:.1f} s)"
            )


if __name__ == "__main__":
    main()
