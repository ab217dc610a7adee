"""Search at scale: Pagefind's indexing time and what a browser downloads per query, beside
the lunr index Material's search plugin would have shipped for the same pages.

Builds the synthetic bilingual blog (bench/synthetic.py) with the real config, opens a
Spanish post in Chromium, runs two queries in the header box and sums, for each, the bytes
the server sent (headers and bodies of every request, a web worker's script included: the
browser's own request events report that one without its body). Twice, each time in a fresh
browser: files sent as they are on disk (Pagefind's index, fragments and wasm are gzip files
already; its script and our JSON are not), then text files gzipped as GitHub Pages sends them.
Then builds the same content with Material's search plugin (our hooks off) and reports the
size of its search_index.json.

Each kind of synthetic text is measured in turn (``--text``, both by default): ``uniform``,
every figure's corpus since the first, and ``zipf``, a grown blog's vocabulary.

    python bench/search_bytes.py [--posts 1000] [--skip-lunr] [--text uniform zipf]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import REPO, TEXTS, generate
from hooks.core.search import VOCABULARY_FILE
from tests.support import CHROMIUM, CHROMIUM_ARGS, free_port

# What GitHub Pages compresses: text types. Pagefind's own files are gzip files already.
GZIPPED_SUFFIXES = (".html", ".js", ".json", ".css", ".svg", ".xml", ".txt")
QUERIES = ["cliente", "servicio rapido"]

Ledger = list[tuple[str, int]]  # (path, bytes sent) per request
Tally = tuple[int, int, dict[str, list[int]]]  # bytes, requests, {kind: [bytes, requests]}


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


class _CountingWriter:
    """A response stream that counts the bytes written through it."""

    def __init__(self, stream: io.BufferedIOBase) -> None:
        self.stream = stream
        self.count = 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return self.stream.write(data)

    def flush(self) -> None:
        self.stream.flush()

    @property
    def closed(self) -> bool:
        return self.stream.closed

    def close(self) -> None:
        self.stream.close()


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site, recording (path, bytes sent) per request in ``ledger``; with
    ``compress``, text files go out gzipped to a browser that accepts it."""

    ledger: Ledger
    compress: bool

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile)  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        self.wfile.count = 0  # type: ignore[attr-defined]
        super().handle_one_request()
        sent = self.wfile.count  # type: ignore[attr-defined]
        # The tab's icon is the browser's own request, whenever it gets to it: not the search's.
        if sent and getattr(self, "path", None) and "/favicon." not in self.path:
            self.ledger.append((self.path, sent))

    def send_head(self) -> io.BufferedIOBase | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepted and path.suffix in GZIPPED_SUFFIXES and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def counting_server(directory: Path, port: int, compress: bool) -> Iterator[Ledger]:
    """Serve ``directory`` on 127.0.0.1:``port``; yields the ledger it fills."""
    ledger: Ledger = []
    handler_class = type("Handler", (_CountingHandler,), {"ledger": ledger, "compress": compress})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ledger
    finally:
        server.shutdown()
        server.server_close()


def kind_of(path: str) -> str:
    """What a fetched file is, for the breakdown of a query's bytes."""
    name = path.rsplit("/", 1)[-1].split("?")[0]
    if "/vocabulary/" in path:  # (the word files: named by their letters)
        return "vocabulary"
    for prefix, kind in (
        ("pagefind-entry", "entry"),
        ("pagefind-worker", "worker script"),
        ("pagefind.js", "pagefind.js"),
        ("wasm.", "wasm"),
        ("vocabulary", "vocabulary"),
        ("pagefind.", "meta index"),
    ):
        if name.startswith(prefix):
            return kind
    for suffix, kind in (
        (".pf_index", "index chunks"),
        (".pf_filter", "filter chunks"),
        (".pf_fragment", "fragments"),
    ):
        if name.endswith(suffix):
            return kind
    return name


def query_bytes(url: str, ledger: Ledger, queries: list[str]) -> list[Tally]:
    """What the server sent for each query typed in the header box, in a fresh browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url, wait_until="networkidle")
        results = []
        for query in queries:
            ledger.clear()
            page.keyboard.press("/")
            page.locator(".pf-search .md-search__input").fill(query)
            page.wait_for_selector('.pf-search[data-state="ready"]', state="attached")
            page.wait_for_load_state("networkidle")
            kinds: dict[str, list[int]] = {}
            for path, size in ledger:
                tally = kinds.setdefault(kind_of(path), [0, 0])
                tally[0] += size
                tally[1] += 1
            results.append((sum(size for _, size in ledger), len(ledger), kinds))
            page.locator(".pf-search .md-search__input").fill("")
        browser.close()
    return results


def breakdown(kinds: dict[str, list[int]]) -> str:
    return ", ".join(
        f"{kind} {size / 1024:.1f} KiB/{count}"
        for kind, (size, count) in sorted(kinds.items(), key=lambda item: -item[1][0])
    )


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
    parser.add_argument(
        "--text",
        nargs="+",
        choices=sorted(TEXTS),
        default=["uniform", "zipf"],
        help="the synthetic text (bench/synthetic.py): each is built and measured",
    )
    args = parser.parse_args()
    print(f"{args.posts} posts per language, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for text in args.text:
            measure(out / text, args.posts, text)
        if not args.skip_lunr:
            size, lunr_seconds = lunr_index_bytes(out, args.posts)
            print(
                f"Material lunr search_index.json (uniform text): {size / 1024 / 1024:.1f} MiB,"
                f" loaded before the first keystroke (that build: {lunr_seconds:.1f} s)"
            )


def measure(out: Path, posts: int, text: str) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    config = generate(out, posts, text=text)
    site = out / "site"
    seconds, output = build(config, site, site_url=base)
    indexing = float(re.search(r"Search index: .* waited ([\d.]+) s", output).group(1))
    bundle = sum(
        f.stat().st_size
        for f in site.rglob("*")
        if f.is_file() and "pagefind" in f.relative_to(site).parts
    )
    whole = site / "pagefind" / VOCABULARY_FILE
    words = len(json.loads(whole.read_bytes())["words"])
    measured: dict[bool, list[Tally]] = {}
    for compress in (False, True):
        with counting_server(site, port, compress) as ledger:
            measured[compress] = query_bytes(f"{base}posts/post-0001/", ledger, QUERIES)
    print(f"{text} text: {words} distinct words in the Spanish pages")
    share = indexing / seconds
    print(
        f"  build {seconds:.1f} s; Pagefind on the critical path {indexing:.2f} s = {share:.1%}"
        " (the rest overlaps the build)"
    )
    print(
        f"  Pagefind bundle on disk: {bundle / 1024 / 1024:.1f} MiB (both languages); the whole"
        f" Spanish vocabulary {len(gzip.compress(whole.read_bytes(), 6, mtime=0)) / 1024:.1f}"
        " KiB gzipped (fetched only to suggest a spelling)"
    )
    for index, label in enumerate(("first query: ", "second query:")):
        plain, zipped = measured[False][index], measured[True][index]
        print(
            f"  {label} {plain[0] / 1024:.0f} KiB in {plain[1]} requests as on disk,"
            f" {zipped[0] / 1024:.0f} KiB as GitHub Pages sends it (gzip)"
            f"  [{QUERIES[index]!r}]"
        )
        print(f"      as on disk: {breakdown(plain[2])}")
        print(f"      gzip:       {breakdown(zipped[2])}")


if __name__ == "__main__":
    main()
