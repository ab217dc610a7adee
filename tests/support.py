"""Helpers shared by the tests: building sites, reading HTML, serving, driving Chromium."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> HTMLParser:
        """Parsed HTML of the page at site URL ``url`` ('' for the home page)."""
        return HTMLParser(self.html(url))

    def html(self, url: str) -> str:
        path = self.site / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def project_env(**extra: str) -> dict[str, str]:
    """Environment for a subprocess running MkDocs or one of the project's commands."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    env.pop("SITE_URL", None)
    return {**env, **extra}


def run_module(*args: str, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """``python -m <args>`` in a fresh process, output captured."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        capture_output=True,
        text=True,
        env=project_env(**extra_env),
        cwd=cwd,
    )


def run_mkdocs(
    config: Path,
    site_dir: Path,
    strict: bool = True,
    site_url: str | None = None,
    env: Mapping[str, str] | None = None,
    verbose: bool = False,
) -> Build:
    """Build ``config`` into ``site_dir`` in a fresh process, as `make build` does;
    ``site_url`` replaces the configured one (through SITE_URL); ``env`` adds variables;
    ``verbose`` adds MkDocs' debug lines."""
    args = ["mkdocs", "build", "-f", str(config), "-d", str(site_dir)]
    if strict:
        args.append("--strict")
    if verbose:
        args.append("--verbose")
    extra = {**(env or {}), **({"SITE_URL": site_url} if site_url is not None else {})}
    done = run_module(*args, cwd=config.parent, **extra)
    return Build(done.returncode, done.stdout + done.stderr, site_dir)


def fixture_site(
    root: Path,
    files: Mapping[str, str],
    config_extra: str = "",
    extra_hooks: Sequence[Path] = (),
) -> Path:
    """A site in ``root`` that inherits the real mkdocs.yml, with ``files`` under docs/
    and ``extra_hooks`` after the real hooks.

    The real stylesheet and series registry are copied unless ``files`` brings its own.
    """
    docs = root / "docs"
    shutil.copytree(REPO / "docs" / "assets", docs / "assets")
    if "series.yml" not in files:
        shutil.copy(REPO / "docs" / "series.yml", docs / "series.yml")
    for name, text in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    stamp_all(docs)
    config = root / "mkdocs.yml"
    # Relative paths resolve against the child config: point at the real hooks and overrides.
    hooks = re.findall(r"^  - (hooks/\S+\.py)", (REPO / "mkdocs.yml").read_text(), re.M)
    hooks += [str(hook) for hook in extra_hooks]
    config.write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\n"
        "docs_dir: docs\n"
        "hooks:\n"
        + "".join(f"  - {REPO / hook}\n" for hook in hooks)
        + f"theme:\n  custom_dir: {REPO / 'overrides'}\n"
        + config_extra,
        encoding="utf-8",
    )
    return config


def stamp_all(docs: Path) -> None:
    """Stamp every complete translation that has no source_hash yet, as an author would
    once it is translated (files whose original is unreadable are left as they are)."""
    from hooks.core.frontmatter import FrontMatterError
    from hooks.core.stamps import StampError, stamp

    for path in sorted(docs.glob("*/**/*.md")):
        text = path.read_text(encoding="utf-8")
        if "translation:" not in text or "source_hash" in text or "status: pending" in text:
            continue
        with contextlib.suppress(StampError, FrontMatterError, ValueError):
            stamp(path, docs)


# Two series for fixture sites: one joined by title prefix, one by explicit orders.
TWO_SERIES = """
columna:
  name: {es: La Columna, en: The Column}
  description: {es: Una columna., en: A column.}
  title_prefix: "La Columna: "
lecciones:
  name: {es: Lecciones, en: Lessons}
  description: {es: Lecciones., en: Lessons.}
"""

# The series of the series build and edit-loop fixtures: one numbered by its title prefix,
# one by series_order.
SERIES_BUILD_REGISTRY = """
la-columna:
  name: {es: La Columna, en: The Column}
  description: {es: Una columna semanal., en: A weekly column.}
  title_prefix: "La Columna: "
lecciones:
  name: {es: Lecciones, en: Lessons}
  description: {es: Seis lecciones., en: Six lessons.}
"""

# Minimal section pages every fixture site needs in both languages.
SECTION_PAGES = {
    "es/index.md": "---\ntitle: Inicio\ntranslation_key: index\n---\n\n# Inicio\n\n"
    "<!-- blog:posts -->\n",
    "en/index.md": "---\ntitle: Home\ntranslation_key: index\n---\n\n# Home\n\n"
    "<!-- blog:posts -->\n",
    "es/etiquetas.md": "---\ntitle: Etiquetas\ntranslation_key: tags\n---\n\n# Etiquetas\n\n"
    "<!-- material/tags -->\n",
    "en/tags.md": "---\ntitle: Tags\ntranslation_key: tags\n---\n\n# Tags\n\n"
    "<!-- material/tags -->\n",
    "es/fuentes.md": "---\ntitle: Fuentes\ntranslation_key: sources\n---\n\n# Fuentes\n",
    "en/sources.md": "---\ntitle: Sources\ntranslation_key: sources\n---\n\n# Sources\n",
    "es/buscar.md": "---\ntitle: Buscar\ntranslation_key: search\nsearch:\n  exclude: true\n---\n\n"
    "# Buscar\n\n<!-- search:page -->\n",
    "en/search.md": "---\ntitle: Search\ntranslation_key: search\nsearch:\n  exclude: true\n---\n\n"
    "# Search\n\n<!-- search:page -->\n",
}


def post(front_matter: str, body: str = "Texto.\n") -> str:
    return f"---\n{front_matter.strip()}\n---\n\n{body}"


def normalize(text: str) -> str:
    """Whitespace-normalised text (non-breaking spaces included), NFC."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def text_of(node: Node) -> str:
    """Visible text of ``node`` without permalink anchors."""
    clone = HTMLParser(node.html or "")
    for anchor in clone.css("a.headerlink"):
        anchor.decompose()
    root = clone.body or clone.root
    return normalize(root.text(separator=" ") if root else "")


def article(tree: HTMLParser) -> Node:
    node = tree.css_first("article.md-content__inner")
    assert node is not None, "page has no article"
    return node


def structure(tree: HTMLParser) -> dict[str, int]:
    """Counts of the structural elements of a post's body (our header/box excluded, and the
    translator's notes: footnotes that only a translation has)."""
    body = article(tree)
    counts: dict[str, int] = {}
    ours = {("header", "post-header"), ("aside", "post-provenance"), ("nav", "md-tags")}
    for selector in ("h2", "h3", "blockquote", "ol > li", "ul > li", "a[href]", ".admonition"):
        nodes = [
            node
            for node in body.css(selector)
            if not _inside(node, {*ours, ("div", "footnote")})
            and not {"headerlink", "footnote-ref"} & _classes(node)
        ]
        counts[selector] = len(nodes)
    return counts


def _classes(node: Node) -> set[str]:
    return set((node.attributes.get("class") or "").split())


def _inside(node: Node, containers: set[tuple[str, str]]) -> bool:
    """Whether an ancestor of ``node`` is one of the (tag, class) ``containers``."""
    parent = node.parent
    while parent is not None:
        classes = set((parent.attributes.get("class") or "").split())
        if any(parent.tag == tag and css in classes for tag, css in containers):
            return True
        parent = parent.parent
    return False


# ---------------------------------------------------------------------------------------
# Serving and the browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (``port``, or a free one); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def wait_for(condition: Callable[[], object], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.3)


def fetch(url: str) -> str | None:
    """The page at ``url``, or None while the server does not answer it."""
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode()
    except (urllib.error.URLError, OSError):
        return None


@contextlib.contextmanager
def mkdocs_serve(config: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve` of ``config`` on 127.0.0.1 (live reload on: it is what watches the
    files and rebuilds), its output in ``log``; yields the site's URL once it answers."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=config.parent,
            env=project_env(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}/ensayos/"
        wait_for(lambda: fetch(url) is not None)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Pagefind's filter index (pagefind/filter/*.pf_filter) serializes a hash map in an order that
# varies per process (same size, other byte order); the files naming it by its hash
# (pagefind-entry.json, pagefind.<lang>_*.pf_meta) follow.
PAGEFIND_HASHED = re.compile(
    r"(^|/)pagefind/(filter/[a-z]+_[0-9a-f]+\.pf_filter|pagefind-entry\.json|"
    r"pagefind\.[a-z]+_[0-9a-f]+\.pf_meta)$"
)


def assert_same_site(one: Path, two: Path) -> int:
    """Two built sites hold byte-identical files, except Pagefind's filter index: compared
    by file names without the hash, and by uncompressed size. Returns the files compared."""
    first, second = _files(one), _files(two)
    stable_one = {name: data for name, data in first.items() if not PAGEFIND_HASHED.search(name)}
    stable_two = {name: data for name, data in second.items() if not PAGEFIND_HASHED.search(name)}
    assert stable_one.keys() == stable_two.keys()
    differing = sorted(name for name in stable_one if stable_one[name] != stable_two[name])
    assert not differing, differing
    hashed_one = sorted(_unhashed(name) for name in first if PAGEFIND_HASHED.search(name))
    hashed_two = sorted(_unhashed(name) for name in second if PAGEFIND_HASHED.search(name))
    assert hashed_one == hashed_two
    assert _filter_sizes(first) == _filter_sizes(second)
    return len(stable_one)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _unhashed(name: str) -> str:
    return re.sub(r"_[0-9a-f]{7,}\.", "_HASH.", name)


def _filter_sizes(found: dict[str, bytes]) -> list[int]:
    """Uncompressed sizes of the filter indexes: the same entries, in another order."""
    return sorted(
        len(gzip.decompress(data)) for name, data in found.items() if name.endswith(".pf_filter")
    )


class _GitHubPagesHandler(_QuietHandler):
    """Answers as GitHub Pages does: a folder without a trailing slash is redirected (301),
    a missing path gets the site's 404.html with status 404, whatever its language."""

    not_found: Path

    def send_head(self):  # type: ignore[no-untyped-def]  # the base class's
        path = Path(self.translate_path(self.path))
        missing = not path.exists() or (path.is_dir() and not (path / "index.html").exists())
        if not missing:
            return super().send_head()
        page = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        return io.BytesIO(page)


@contextlib.contextmanager
def serve_like_github_pages(site: Path, project: str, scratch: Path) -> Iterator[str]:
    """Serve the built ``site`` as GitHub Pages serves a project site, at
    http://127.0.0.1:<port>/<project>/ (its 404.html for any missing address); yields that
    URL. ``scratch``: an empty folder for the server's root."""
    (scratch / project).symlink_to(site, target_is_directory=True)
    handler_class = type("Handler", (_GitHubPagesHandler,), {"not_found": site / "404.html"})
    handler = functools.partial(handler_class, directory=str(scratch))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{project}/"
    finally:
        server.shutdown()
        server.server_close()
