"""MkDocs glue: under `make serve`, a save that changes only a post's text is rendered
without a build.

A build, even one that writes six pages (hooks/incremental.py), costs what MkDocs and
static-i18n do for the whole site on every save: the config loaded, every file listed and
reconfigured, the navigation, a page object per file, the site model. At 1000 posts per
language that is seconds. So when each language's pages are written, this hook forks a
process that keeps that language's build as it stands (config, files, navigation, Jinja
environment, the hooks' state) and waits. On a save, the server first reads the docs
folder: if only the bodies of posts changed, and nothing another page shows changed with
them (:func:`hooks.core.quick.body_edits`), each language's process renders the pages that
show those bodies (the post, the parallel views) exactly as its build rendered them, and
the server reloads. The link check runs on those pages and search re-indexes in the
background, as after a build. Anything else, or any warning or error on the way, is a build
as usual (which then forks new processes); so is every save after it.

Only under `mkdocs serve --dirty` on a system with ``fork``; ``QUICK_RENDER=off`` turns it
off. `make build` never uses it.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import time
from multiprocessing.connection import Connection, Pipe
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from hooks import serve_state, state
from hooks.core import quick
from hooks.core.forked import fork_frozen, fresh_streams
from hooks.core.links_extract import PageLinks
from hooks.core.urls import url_of
from hooks.serve_state import memory

log = logging.getLogger("mkdocs.hooks.quick")

TIMEOUT = 60.0  # seconds a renderer may take before the save is built instead
_active = False
_config: MkDocsConfig | None = None  # the last build's
_navs: dict[str, Navigation] = {}  # language -> its build's navigation
_envs: dict[str, tuple[Environment, Files]] = {}  # language -> its build's environment, files
_renderers: dict[str, tuple[int, Connection]] = {}  # language -> (process id, its end)
# A language built in another process (hooks/parallel.py): its renderer is forked there,
# on a pipe made here before that process was: language -> (the server's end, its end).
_pipes: dict[str, tuple[Connection, Connection]] = {}
_forked_here: tuple[str, int] | None = None  # in that process: (language, renderer's pid)


def on_startup(command: str, dirty: bool) -> None:
    global _active
    _active = (
        command == "serve"
        and dirty
        and hasattr(os, "fork")
        and not state.turned_off("QUICK_RENDER")
    )
    if _active:
        _adopt_orphans()


def _adopt_orphans() -> None:
    """The renderer of a language built in another process (hooks/parallel.py) is forked
    there: when that process ends, the renderer would become init's child, which may not
    reap it (a container without an init) once it is stopped. On Linux the server adopts it
    instead (a child subreaper), and stops and reaps it as its own."""
    if not sys.platform.startswith("linux"):
        return  # (elsewhere init, launchd, reaps it)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl: init reaps it, as before Linux 3.4


_PR_SET_CHILD_SUBREAPER = 36  # <linux/prctl.h>


def on_pre_build(config: MkDocsConfig) -> None:
    global _config
    if _active and not state.inside_i18n_build(config):
        _stop_renderers()  # they keep the last build: this one replaces it
        _navs.clear()
        _envs.clear()
        _config = config


@event_priority(-1000)  # the navigation as every plugin left it
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if _active:
        _navs[state.current_language(config)] = nav
    return nav


@event_priority(-1000)  # the environment as every plugin left it
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if _active:
        _envs[state.current_language(config)] = (env, files)
    return env


@event_priority(1000)  # this language's pages are written, before any hook moves on
def on_post_build(config: MkDocsConfig) -> None:
    lang = state.current_language(config)
    if not _active or lang not in _navs or lang not in _envs:
        return
    global _forked_here
    nav, (env, files) = _navs[lang], _envs[lang]
    worker = lang in _pipes  # this process builds only this language, for the server
    parent_end, child_end = _pipes.pop(lang) if worker else Pipe()
    pid = fork_frozen()
    if pid == 0:  # the renderer: this language's build, kept as it stands now
        try:
            fresh_streams()  # (the server's threads may have been writing to the old ones)
            parent_end.close()
            _close_pipes()  # the other languages' ends: theirs must see the server close
            _render_forever(child_end, lang, config, files, nav, env)
        finally:
            os._exit(0)  # never back into the build
    child_end.close()
    if worker:
        parent_end.close()  # the server holds its own copy
        _forked_here = (lang, pid)
    else:
        _renderers[lang] = (pid, parent_end)


def on_build_error(error: Exception) -> None:
    _stop_renderers()


def on_shutdown() -> None:
    _stop_renderers()


@event_priority(-100)  # after hooks/incremental.py has set up the watching
def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    if not _active:
        return server
    build = server.builder

    def quick_or_build() -> None:
        try:
            done = _quick_render()
        except Exception as error:  # never worse than a build
            log.info(f"Text edit not rendered without a build ({error}); building")
            done = False
        if not done:
            _stop_renderers()
            build()

    server.builder = quick_or_build
    return server


# ---------------------------------------------------------------------------------------
# In the server


def _quick_render() -> bool:
    config = _config
    model = memory.model
    if config is None or model is None or memory.sources is None or memory.force_full:
        return False
    languages, _ = state.languages(config)
    if set(_renderers) != set(languages):
        return False
    started = time.perf_counter()
    sources = serve_state.read_sources(Path(config.docs_dir))
    if serve_state.fingerprint(config) != memory.fingerprint:
        return False
    content = model.content
    edits = quick.body_edits(memory.sources, sources, content, memory.quick_paths)
    if edits is None or not all(quick.pairs_still(edit, content, sources) for edit in edits):
        return False
    if not edits and config.watch:
        return False  # a change outside the docs folder, in a folder mkdocs.yml watches
    wanted: dict[str, list[str]] = {}
    for edit in edits:
        for lang, rel_path in edit.pages:
            if rel_path not in wanted.setdefault(lang, []):
                wanted[lang].append(rel_path)
    # First every language reads the new Markdown; only if none finds a problem (an unsafe
    # link, a warning) does any write a page: a refused edit leaves the site as it was.
    if _ask(wanted, "read") is None:
        return False
    memory.writing = True  # from here on, a failure may leave pages half written
    written = None
    try:
        written = _ask(wanted, "write")
    finally:  # a renderer that failed, or is gone (a broken pipe: raised)
        if written is None:
            memory.force_full = True  # as after a failed build that wrote pages
    if written is None:
        return False
    memory.writing = False
    memory.quick_paths.update(f"{edit.post.lang}/{edit.post.rel_path}" for edit in edits)
    links: dict[str, PageLinks] = {}
    texts: dict[str, dict[str, str | None]] = {}
    for lang, answer in written.items():
        links.update(answer["links"])
        texts[lang] = answer["texts"]
    for lang, indexed in texts.items():
        for url, text in indexed.items():
            if text is None:
                serve_state.forget_search_text(lang, url)
            else:
                serve_state.remember_search_text(lang, url, text)
    serve_state.services["check links"](config, links)
    for lang in texts:
        serve_state.services["reindex"](config, lang)
    memory.builds += 1
    pages = sum(len(pages) for pages in wanted.values())
    log.info(  # the line hooks/incremental.py writes after a build, for the same readers
        f"Rebuilt {pages} page(s) in {time.perf_counter() - started:.2f} s, a text edit "
        f"rendered without a build (build {memory.builds})"
    )
    return True


def _ask(wanted: dict[str, list[str]], step: str) -> dict[str, dict[str, Any]] | None:
    """Each language's renderer does ``step`` on its pages; their answers, or None when one
    fails (said in the log) or takes too long."""
    for lang, pages in wanted.items():
        _renderers[lang][1].send((step, pages))
    answers = {}
    for lang in wanted:
        end = _renderers[lang][1]
        if not end.poll(TIMEOUT):
            log.info(f"'{lang}': text edit not rendered without a build: no answer in {TIMEOUT} s")
            return None
        answers[lang] = end.recv()
        if not answers[lang]["ok"]:
            why = answers[lang]["why"]
            log.info(f"'{lang}': text edit not rendered without a build: {why}")
            return None
    return answers


def _prepare_pipe(lang: str) -> None:
    if _active:
        _pipes[lang] = Pipe()


def _renderer_forked() -> tuple[str, int] | None:
    global _forked_here
    forked, _forked_here = _forked_here, None
    _close_pipes()
    return forked


def _adopt_renderer(forked: object) -> None:
    """Here, in the server: the renderer a language's process forked, if it did."""
    if not isinstance(forked, tuple):
        return
    lang, pid = forked
    if lang in _pipes:
        parent_end, child_end = _pipes.pop(lang)
        child_end.close()
        _renderers[lang] = (pid, parent_end)


state.hand_off("quick", _renderer_forked, _adopt_renderer, prepare=_prepare_pipe)


def _close_pipes() -> None:
    while _pipes:
        for end in _pipes.popitem()[1]:
            end.close()


def _stop_renderers() -> None:
    _close_pipes()
    while _renderers:
        _, (pid, end) = _renderers.popitem()
        try:
            end.close()
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass


# ---------------------------------------------------------------------------------------
# In a renderer


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _render_forever(
    end: Connection,
    lang: str,
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: Environment,
) -> None:
    """Serve render requests until the server closes its end; never returns."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    kept = _Kept()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = [kept]  # the server reports, once, what the build would report
    mkdocs_log.propagate = False
    while True:
        try:
            step, pages = end.recv()
        except (EOFError, OSError):
            os._exit(0)
        kept.records.clear()
        try:
            if step == "read":
                answer = _read(pages, lang, config, files)
            else:
                answer = _write(pages, lang, config, files, nav, env)
        except Exception as error:
            answer = {"ok": False, "why": f"{type(error).__name__}: {error}"}
        if answer["ok"] and kept.records:
            answer = {"ok": False, "why": kept.records[0].getMessage()}
        try:
            end.send(answer)
        except (EOFError, OSError):
            os._exit(0)


def _pages(pages: list[str], lang: str, files: Files) -> list[File]:
    found = []
    for rel_path in pages:
        file = files.get_file_from_path(f"{lang}/{rel_path}")
        if file is None or file.page is None:
            raise LookupError(f"no page {lang}/{rel_path} in the last build")
        found.append(file)
    return found


def _read(pages: list[str], lang: str, config: MkDocsConfig, files: Files) -> dict[str, Any]:
    """Every page's Markdown, as this language's build read it (the post's first: its
    parallel view shows its new HTML); nothing written yet."""
    for file in _pages(pages, lang, files):
        _populate_page(file.page, config, files)
    problems = serve_state.services["unsafe"]()
    if problems:
        return {"ok": False, "why": str(problems[0])}
    return {"ok": True}


def _write(
    pages: list[str],
    lang: str,
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: Environment,
) -> dict[str, Any]:
    """The pages read, written as this language's build wrote them."""
    targets = _pages(pages, lang, files)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file in targets:
        _build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
    default = state.site().default_language
    links, texts = {}, {}
    known = memory.search_texts.get(lang, {})
    for file, rel_path in zip(targets, pages, strict=True):
        url = "" if file.page.url in ("./", ".") else file.page.url
        # As the page was written: hooks/links.py read it then (none when turned off).
        if (read := serve_state.services["links read"](url)) is not None:
            links[url] = read
        key = url_of(rel_path, default, default)
        texts[key] = known.get(key)
    return {"ok": True, "links": links, "texts": texts}
