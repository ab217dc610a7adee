"""What a reader downloads for an article page: HTML, CSS and JS, raw and gzip-compressed.

Builds the real site for a local address, opens a post in Chromium and records every response
of the page load (the browser's request events); compressed sizes are gzip -9 of each body
(what a static host such as GitHub Pages serves). Pagefind is not part of it: it loads only
when the reader searches (see bench/search_bytes.py).

    python bench/page_weight.py [--page posts/un-gran-programa-anti-lealtad/]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support import CHROMIUM, CHROMIUM_ARGS, REPO, free_port, run_mkdocs, serve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", default="posts/un-gran-programa-anti-lealtad/")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        build = run_mkdocs(REPO / "mkdocs.yml", Path(tmp) / "site", site_url=base)
        assert build.returncode == 0, build.output
        with serve(Path(tmp) / "site", port), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            bodies: list[tuple[str, str, bytes]] = []
            page.on("response", lambda r: bodies.append((r.url, r.request.resource_type, r.body())))
            page.goto(base + args.page, wait_until="networkidle")
            browser.close()
    totals: dict[str, list[int]] = {}
    for url, kind, body in bodies:
        raw, packed = len(body), len(gzip.compress(body, 9))
        totals.setdefault(kind, [0, 0, 0])
        totals[kind][0] += 1
        totals[kind][1] += raw
        totals[kind][2] += packed
        name = url[len(base) :]
        print(f"  {kind:<11} {raw / 1024:7.1f} KiB raw {packed / 1024:7.1f} KiB gzip  {name}")
    print(f"/{args.page}:")
    for kind, (count, raw, packed) in sorted(totals.items()):
        print(
            f"  {kind:<11} {count} file(s) {raw / 1024:7.1f} KiB raw {packed / 1024:7.1f} KiB gzip"
        )
    raw = sum(t[1] for t in totals.values())
    packed = sum(t[2] for t in totals.values())
    print(f"  total          {raw / 1024:7.1f} KiB raw {packed / 1024:7.1f} KiB gzip")


if __name__ == "__main__":
    main()
