"""What `mkdocs serve --dirty` keeps between rebuilds (hooks/incremental.py decides what
is rebuilt), and what the other hooks ask of it.

A package module, as :mod:`hooks.state`: the hook files import this one module object.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from hooks import state
from hooks.core.dependents import Rebuild
from hooks.core.site import SiteModel
from hooks.core.urls import url_of

log = logging.getLogger("mkdocs.hooks.incremental")


class _Memory:
    """What a rebuild needs from the last good build (the hook module lives for the whole
    `mkdocs serve`; MkDocs reloads the config, not the hook files)."""

    def __init__(self) -> None:
        self.active = False
        self.sources: dict[str, bytes] | None = None  # docs-relative path -> bytes
        self.fingerprint: tuple[Any, ...] | None = None  # config and theme files
        self.model: SiteModel | None = None
        self.force_full = True
        self.writing = False  # this build may have written pages
        self.rebuild: Rebuild | None = None  # this build's decision
        self.pending_sources: dict[str, bytes] = {}
        self.pending_fingerprint: tuple[Any, ...] | None = None
        self.files: dict[str, Files] = {}  # language -> this build's files
        self.pages: dict[str, tuple[str | None, dict[str, Any]]] = {}  # src_uri -> (md, meta)
        self.outputs: dict[str, set[str]] = {}  # language -> dest paths of its pages
        self.previous_outputs: dict[str, set[str]] = {}
        self.links: dict[str, Any] = {}  # page URL -> its links (hooks/links.py)
        self.link_sources: dict[str, Any] = {}  # page URL -> its Markdown source (the same)
        # Posts (docs-relative paths) hooks/quick.py rendered since the last build: until a
        # build reads them, every save renders them again (an edit undone included).
        self.quick_paths: set[str] = set()
        # language -> URL (from its root) -> the text Pagefind indexes there (hooks/search.py)
        self.search_texts: dict[str, dict[str, str]] = {}
        self.cards: dict[str, str] = {}  # a page's output path -> its sharing image's name
        self.feeds: dict[str, tuple[Any, bytes]] = {}  # a feed's path -> (its inputs, bytes)
        self.started = 0.0
        self.rendered: set[str] = set()  # the pages this build rendered (src_uri)
        self.builds = 0


memory = _Memory()

# What hooks/quick.py asks of the other hook files (MkDocs loads them by path, so it cannot
# import them): each registers its own when loaded. Name -> function.
services: dict[str, Callable[..., Any]] = {}


def read_sources(docs_dir: Path) -> dict[str, bytes]:
    """Every file of the docs folder, read whole: a date or a size could miss an edit."""
    sources = {}
    # Links followed, as MkDocs' own file walk and the file-tree check follow them.
    for folder, dirs, names in os.walk(docs_dir, followlinks=True):
        dirs.sort()
        prefix = os.path.relpath(folder, docs_dir).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in sorted(names):
            try:
                with open(os.path.join(folder, name), "rb") as file:
                    sources[prefix + name] = file.read()
            except OSError:
                continue  # gone meanwhile: the next event rebuilds again
    return sources


def fingerprint(config: MkDocsConfig) -> tuple[Any, ...]:
    """The config file (and its INHERIT parents) and the theme's own folder: any change
    there rebuilds everything."""
    stamps: list[Any] = []
    config_path = config.config_file_path
    paths = [Path(config_path)] if config_path else []
    seen = set()
    while paths:
        path = paths.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        text = path.read_bytes()
        stamps.append((str(path), text))
        for line in text.decode("utf-8", "replace").splitlines():
            if line.startswith("INHERIT:"):
                paths.append((path.parent / line.split(":", 1)[1].strip()).resolve())
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        for folder, _, names in os.walk(custom):
            for name in sorted(names):
                info = os.stat(os.path.join(folder, name))
                stamps.append((os.path.join(folder, name), info.st_mtime_ns, info.st_size))
    return tuple(sorted(stamps))


class _CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates kept between rebuilds (MkDocs makes a new environment each
    time); Jinja checks each against its template's source."""

    def __init__(self) -> None:
        self.compiled: dict[tuple[str, tuple[str, ...]], bytes] = {}
        self.signature: tuple[str, ...] = ()

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get((bucket.key, self.signature))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[(bucket.key, self.signature)] = bucket.bytecode_to_string()


templates = _CompiledTemplates()


def active() -> bool:
    """True under `mkdocs serve --dirty`, where hooks/incremental.py decides what is rebuilt."""
    return memory.active


def feeds_needed(lang: str) -> bool:
    """Whether this build rewrites ``lang``'s feeds (hooks/outputs.py): always, but under
    `mkdocs serve --dirty` when no listing of that language changed."""
    rebuild = memory.rebuild
    return not memory.active or rebuild is None or rebuild.full or lang in rebuild.feeds


def site_files_needed() -> bool:
    """Whether this build rewrites the sitemap (hooks/outputs.py): always, but under
    `mkdocs serve --dirty` when no language's listing changed (the pages it lists, their
    translations and the listing pages come and go with the listings)."""
    rebuild = memory.rebuild
    return not memory.active or rebuild is None or rebuild.full or bool(rebuild.feeds)


def link_pages(fresh: dict[str, Any]) -> dict[str, Any]:
    """The links of every page of the site (hooks/links.py): this build's pages, and the
    last reading of the others."""
    memory.links.update(fresh)
    return dict(memory.links)


def link_sources(fresh: dict[str, Any]) -> dict[str, Any]:
    """The Markdown source of every page of the site (hooks/links.py), as link_pages."""
    memory.link_sources.update(fresh)
    return dict(memory.link_sources)


def searchable_urls(lang: str) -> list[str]:
    """Under `mkdocs serve --dirty`, every page of ``lang`` that may be indexed (rebuilt
    this time or not), as URLs relative to its root: Pagefind indexes only the pages marked
    for it, so reading more is safe."""
    content = state.site().content
    default = content.default_language
    paths = [post.rel_path for post in content.posts.get(lang, {}).values()]
    paths += [page.rel_path for page in content.pages.get(lang, {}).values()]
    return sorted({url_of(path, default, default) for path in paths})


def remember_search_text(lang: str, url: str, text: str) -> None:
    if memory.active:
        memory.search_texts.setdefault(lang, {})[url] = text


def forget_search_text(lang: str, url: str) -> None:
    if memory.active:
        memory.search_texts.get(lang, {}).pop(url, None)


def search_texts(lang: str, urls: list[str]) -> list[str]:
    """The indexed text of every page of ``lang`` among ``urls`` (rebuilt this time or
    last time it was), for the search vocabulary: a whole build's, page for page."""
    known = memory.search_texts.get(lang, {})
    return [known[url] for url in urls if url in known]


def remember_card(dest_uri: str, name: str) -> None:
    if memory.active:
        memory.cards[dest_uri] = name


def _learned_by_a_build() -> dict[str, dict[Any, Any] | set[Any]]:
    """What a language's build teaches the memory (hooks/parallel.py hands back what it
    changed where that language was built in another process)."""
    languages = state.site().content.languages
    return {
        "cards": memory.cards,
        "feeds": memory.feeds,
        **{f"search {lang}": memory.search_texts.setdefault(lang, {}) for lang in languages},
    }


state.hand_back_changes("serve memory", _learned_by_a_build, lambda: memory.active)


def unused_cards(present: list[str]) -> list[str]:
    """Under `mkdocs serve --dirty`, the sharing images in the site folder (``present``)
    that no page shows any more (a title changed, a post went): a whole build would not
    write them. Empty otherwise."""
    if not memory.active:
        return []
    pages = set().union(*memory.outputs.values()) if memory.outputs else set()
    shown = {name for dest, name in memory.cards.items() if dest in pages}
    return sorted(name for name in present if name not in shown)


class _BackgroundIndex:
    """Pagefind runs one after another in a thread, the newest request per language only,
    languages in the order they were first asked for: a page refresh never waits for
    search."""

    def __init__(self) -> None:
        self.wanted: dict[str, tuple[list[str], Callable[[], None]]] = {}
        self.lock = threading.Condition()
        self.thread: threading.Thread | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.stopped = False
        self.busy = False  # a run is on, or finishing (writing the vocabulary)
        self.generation = 0  # a run started before a cancel() writes nothing after it

    def request(self, lang: str, command: list[str], done: Callable[[], None]) -> None:
        with self.lock:
            self.wanted[lang] = (command, done)
            self.lock.notify_all()
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
                self.thread.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                while not self.wanted and not self.stopped:
                    self.lock.wait()
                if self.stopped:
                    return
                # The oldest request first: a language asked for again while another
                # runs keeps its place, so saves in a row cannot starve one language.
                lang = next(iter(self.wanted))
                command, done = self.wanted.pop(lang)
                generation = self.generation
                # Its output goes to a file, not a pipe: a language's process forked by the
                # build meanwhile (hooks/parallel.py, hooks/quick.py) may inherit the pipe's
                # end, and the run would not end until that process did.
                output = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the run ends
                try:
                    self.process = process = subprocess.Popen(  # noqa: S603 - Pagefind's binary
                        command, stdout=output, stderr=subprocess.STDOUT
                    )
                except OSError as error:  # (not busy: cancel() must not wait for a run never on)
                    output.close()
                    log.warning(f"Pagefind could not start for the '{lang}' pages: {error}")
                    continue
                self.busy = True
            try:  # outside the lock (a request never waits), but cancel() waits for it
                process.wait()
                with self.lock:
                    cancelled = generation != self.generation  # its folder is being rebuilt
                if not cancelled and process.returncode == 0:
                    done()
                    log.info(f"Search index of '{lang}' updated")
                elif not cancelled:
                    output.seek(0)
                    said = output.read().decode(errors="replace")
                    log.warning(f"Pagefind failed on the '{lang}' pages:\n{said}")
            except Exception as error:  # (the thread serves every later request)
                log.warning(f"Search index of '{lang}' not updated: {error!r}")
            finally:
                output.close()
                with self.lock:
                    self.busy = False
                    self.lock.notify_all()

    def cancel(self) -> None:
        """No run left, none on: a whole rebuild is about to clean the site folder, where a
        run would write (or its vocabulary and clean-up step delete) files meanwhile."""
        with self.lock:
            self.wanted.clear()
            self.generation += 1
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
            while self.busy:
                self.lock.wait()

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            self.lock.notify_all()
            if self.process is not None and self.process.poll() is None:
                self.process.kill()


_index = _BackgroundIndex()


# Under `make serve` the background index yields the cores to the next save's build, which
# an author waits for (search may lag behind the page; a refresh never waits for it).
_NICE = shutil.which("nice")


def index_in_background(lang: str, command: list[str], done: Callable[[], None]) -> None:
    _index.request(lang, [_NICE, "-n", "10", *command] if _NICE else command, done)


def stop_indexing() -> None:
    _index.stop()


def cancel_indexing() -> None:
    """Before a whole rebuild cleans the site folder: no background run writes into it."""
    _index.cancel()
