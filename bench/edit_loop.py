"""Edit-loop benchmark: how soon `make serve` shows an author's edit, beside a full build.

For each size (posts per language) of the synthetic blog (bench/synthetic.py), in one run:
a full build (`mkdocs build`, as `make build` runs it, without --strict: the synthetic blog
carries a stale translation); then `make serve`'s command (`mkdocs serve --dirty`) on it, and
for each kind of edit, the seconds from the saved file to the served page showing it
(polled over HTTP every 20 ms):
- body: a word of a Spanish post's text changed (its page; the post's blocks and reading
  time stay, so the parallel views still pair and no listing changes). One edit first, not
  measured, makes its translation stale (a change other pages show: a build); every later
  one changes only the post and its parallel views, which `make serve` renders without a
  build (hooks/quick.py);
- title: a Spanish post's title changed (its page, the archive, its series page, the tags
  page and the listing page holding it, all polled);
- add: a new post in both languages (its page and the archive).
Each edit is repeated --repeat times (medians printed, every value listed), and the
server's own rebuild line is read too.

    python bench/edit_loop.py [--sizes 300 1000] [--repeat 3]

EDIT_LOOP_LOGS=folder keeps each server's log there (its per-area timings).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import add_post, generate, save, slug

SERVE = [sys.executable, "-m", "mkdocs", "serve", "--dirty"]  # `make serve`
REBUILT = re.compile(
    r"Rebuilt (every page|\d+ page\(s\)) in ([0-9.]+) s(?:, [^(]*)? \(build (\d+)\)"
)


def env() -> dict[str, str]:
    repo = str(Path(__file__).resolve().parents[1])
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": repo}


def full_build(config: Path, site: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        env=env(),
        capture_output=True,
        text=True,
        cwd=config.parent,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the full build failed:\n{done.stdout}{done.stderr}")
    return seconds


def fetch(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=10).read().decode("utf-8", "replace")  # noqa: S310 - our own local server
    except OSError:
        return ""


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, config: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/ensayos/"
        self.log = log
        with log.open("w") as output:
            self.process = subprocess.Popen(
                [*SERVE, "-f", str(config), "-a", f"127.0.0.1:{self.port}"],
                env=env(),
                cwd=config.parent,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def rebuilds(self) -> list[tuple[str, float, int]]:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return [(what, float(s), int(n)) for what, s, n in REBUILT.findall(text)]

    def wait_idle(self, builds: int, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while len(self.rebuilds()) < builds:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit(f"the server did not rebuild; see {self.log}")
            time.sleep(0.05)
        time.sleep(0.5)  # let a second event of the same save pass

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        if keep := os.environ.get("EDIT_LOOP_LOGS"):  # the server's log, for its timings
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(self.log, Path(keep) / self.log.name)


def shown(server: Server, paths: list[str], needle: str, timeout: float = 600) -> float:
    """Seconds until every page of ``paths`` holds ``needle`` (the clock starts at the call)."""
    started = time.perf_counter()
    waiting = list(paths)
    while waiting:
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"{needle!r} never showed on {waiting}; see {server.log}")
        waiting = [path for path in waiting if needle not in fetch(server.url + path)]
        if waiting:
            time.sleep(0.02)
    return time.perf_counter() - started


def measure(
    server: Server, change: Callable[[int], tuple[list[str], str]], repeat: int
) -> tuple[list[float], list[float]]:
    """(seconds until shown, the server's own rebuild seconds) for each repetition."""
    seen, rebuilt = [], []
    for attempt in range(repeat):
        builds = len(server.rebuilds())
        paths, needle = change(attempt)
        seen.append(shown(server, paths, needle))
        server.wait_idle(builds + 1)
        rebuilt.append(server.rebuilds()[-1][1])
    return seen, rebuilt


def run_size(posts: int, repeat: int, work: Path) -> dict[str, object]:
    root = work / f"blog-{posts}"
    config = generate(root, posts)
    docs = root / "docs"
    full = full_build(config, work / f"site-{posts}")
    server = Server(config, work / f"serve-{posts}.log")
    try:
        server.wait_idle(1)
        first = server.rebuilds()[0][1]
        body_post = docs / "es" / "posts" / f"{slug(3)}.md"

        def body(attempt: int | str) -> tuple[list[str], str]:
            needle = f"Cambiada{attempt}"  # one word for another: the same blocks, words
            text = body_post.read_text(encoding="utf-8")
            changed = re.sub(r"^## Sección \S+$", f"## Sección {needle}", text, count=1, flags=re.M)
            save(body_post, changed)
            return [f"posts/{slug(3)}/"], needle

        builds = len(server.rebuilds())
        shown(server, *body("Previa"))
        server.wait_idle(builds + 1)  # its translation is stale now (not measured)

        title_post = docs / "es" / "posts" / f"{slug(posts - 1)}.md"
        listing = listing_page_of(server, slug(posts - 1), posts)
        series_page = f"series/serie-{(posts - 2) // 10:03d}/"

        def title(attempt: int) -> tuple[list[str], str]:
            needle = f"Titulo cambiado {attempt}"
            text = title_post.read_text(encoding="utf-8")
            save(
                title_post,
                re.sub(r'^title: ".*"$', f'title: "{needle}"', text, count=1, flags=re.M),
            )
            pages = [f"posts/{slug(posts - 1)}/", "archivo/", "etiquetas/", series_page, listing]
            return pages, needle

        def add(attempt: int) -> tuple[list[str], str]:
            name, needle = add_post(docs, attempt)
            return [f"posts/{name}/", "archivo/"], needle

        results: dict[str, object] = {"posts": posts, "full": full, "first": first}
        for name, change in (("body", body), ("title", title), ("add", add)):
            results[name] = measure(server, change, repeat)
        return results
    finally:
        server.stop()


def listing_page_of(server: Server, post_slug: str, posts: int) -> str:
    """The listing page (home or /page/N/) that shows the post."""
    for number in range(1, posts // 10 + 2):
        path = "" if number == 1 else f"page/{number}/"
        if f"posts/{post_slug}/" in fetch(server.url + path):
            return path
    raise SystemExit(f"no listing page shows {post_slug}")


def report(results: list[dict[str, object]], repeat: int) -> None:
    print(
        f"\nEdit loop under `make serve` (mkdocs serve --dirty), medians of {repeat}; "
        "seconds from the saved file to the served page showing it"
    )
    print(
        "| posts/language | full build (s) | serve's first build (s) | body edit (s) | body / full "
        "| title edit, every page (s) | add a post (s) | server's rebuild body / title / add (s) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in results:
        full = float(row["full"])  # type: ignore[arg-type]
        seen = {name: statistics.median(row[name][0]) for name in ("body", "title", "add")}  # type: ignore[index]
        own = {name: statistics.median(row[name][1]) for name in ("body", "title", "add")}  # type: ignore[index]
        print(
            f"| {row['posts']} | {full:.1f} | {float(row['first']):.1f} | {seen['body']:.2f} "  # type: ignore[arg-type]
            f"| {seen['body'] / full:.0%} | {seen['title']:.2f} | {seen['add']:.2f} "
            f"| {own['body']:.2f} / {own['title']:.2f} / {own['add']:.2f} |"
        )
    for row in results:
        for name in ("body", "title", "add"):
            values = ", ".join(f"{v:.2f}" for v in row[name][0])  # type: ignore[index]
            print(f"  {row['posts']} posts, {name}: {values}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edit-loop-") as temporary:
        results = [run_size(posts, args.repeat, Path(temporary)) for posts in args.sizes]
    report(results, args.repeat)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  load average at the end: {load:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
