"""Screenshots of the pages a reader sees, both languages, desktop and phone, light and dark.

    python -m bench.screenshots [--out .github/screenshots] [--dark]

Builds the site strictly for a local address, serves it as GitHub Pages does (each
language's 404 page for a missing address under it) and photographs the top of each page in
Debian's Chromium. README's gallery shows the files this writes; rerun it after changing the
look. Images are reduced to a palette of 256 colours to keep the repository small.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from tests.support import REPO, run_mkdocs, serve_like_github_pages

# (name, Spanish address, English address)
PAGES = (
    ("home", "", "en/"),
    ("post", "posts/oximoron-mad-men-customer-care/", "en/posts/oximoron-mad-men-customer-care/"),
    (
        "series-part",
        "posts/un-gran-programa-anti-lealtad/",
        "en/posts/un-gran-programa-anti-lealtad/",
    ),
    ("series", "series/miercoles-de-mekate/", "en/series/miercoles-de-mekate/"),
    ("search", "buscar/?q=clientes", "en/search/?q=customers"),
    ("404", "no-existe/", "en/missing/"),
)
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / ".github" / "screenshots")
    parser.add_argument("--dark", action="store_true", help="also the dark scheme")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    schemes = ("light", "dark") if args.dark else ("light",)
    with tempfile.TemporaryDirectory() as scratch:
        site, root = Path(scratch) / "site", Path(scratch) / "root"
        root.mkdir()
        # Served before it is built, so that it is built for the address it is served at.
        with serve_like_github_pages(site, "blog", root) as base, sync_playwright() as p:
            build = run_mkdocs(REPO / "mkdocs.yml", site, site_url=base)
            if build.returncode:
                raise SystemExit(build.output[-3000:])
            browser = p.chromium.launch(executable_path="/usr/bin/chromium")
            for scheme in schemes:
                for size, (width, height) in SIZES.items():
                    context = browser.new_context(
                        viewport={"width": width, "height": height},
                        color_scheme=scheme,  # type: ignore[arg-type]
                        device_scale_factor=1,
                    )
                    page = context.new_page()
                    for name, *addresses in PAGES:
                        for lang, address in zip(("es", "en"), addresses, strict=True):
                            page.goto(base + address)
                            page.wait_for_load_state("networkidle")
                            if name == "search":
                                page.wait_for_selector(".pf-result")
                            suffix = "" if scheme == "light" else "-dark"
                            target = args.out / f"{name}-{lang}-{size}{suffix}.png"
                            page.screenshot(path=target)
                            Image.open(target).convert("RGB").quantize(256).save(
                                target, optimize=True
                            )
                            print(target)
                    context.close()
            browser.close()


if __name__ == "__main__":
    main()
