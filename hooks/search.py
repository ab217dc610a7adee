"""MkDocs glue for search: what Pagefind indexes, the search pages, and the indexes.

One Pagefind bundle per language (``/pagefind/``, ``/en/pagefind/``), with that language's
stemming and accent-insensitive matching. mkdocs-static-i18n builds the other languages
inside the default language's ``on_post_build`` (priority -100): this hook starts indexing a
language at -50, as soon as its pages are written, in a background process (Pagefind's
bundled binary), so the Spanish index is built while the English pages render and the
English one while the link check runs; at -300, at the very end of the outer build, it waits
for both. When the English pages are built by a forked process (hooks/parallel.py), that
process hands its indexing back to this one, which starts it on joining it.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hooks import serve_state, state
from hooks.core import search
from hooks.core.files import replace_whole
from hooks.core.urls import relative_url, url_of

log = logging.getLogger("mkdocs.hooks.search")

# Pagefind writes several ready-made UIs; the site drives its own (assets/search.js).
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",  # loaded only for a page whose language has no index of its own
    "pagefind-worker.js",  # assets/search.js runs Pagefind without its web worker (noWorker)
)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Where this language's search page and index are: set once per language, read by
    every template (the header's search box, the 404 page), pages or not."""
    content = state.site().content
    lang = state.current_language(config)
    env.globals["search_bundle_url"] = search.bundle_url(lang, content.default_language)
    search_page = content.pages.get(lang, {}).get(search.SEARCH_KEY)
    env.globals["search_page_url"] = (
        url_of(search_page.rel_path, lang, content.default_language) if search_page else ""
    )
    env.globals["search_texts"] = search.texts_of(lang)
    env.globals["search_languages"] = _other_languages(lang)
    return env


def _other_languages(lang: str) -> list[dict[str, str]]:
    """The other languages' bundles and search pages (site-relative URLs)."""
    content = state.site().content
    default = content.default_language
    pages = {
        other: url_of(page.rel_path, other, default)
        for other in content.languages
        if (page := content.pages.get(other, {}).get(search.SEARCH_KEY)) is not None
    }
    return search.other_languages(lang, content.languages, pages, default)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    model = state.site()
    content = model.content
    lang, rel_path = state.page_language(page), state.page_rel_path(page)
    # `mkdocs serve --dirty`: a rebuilt page's last indexed text is forgotten (it may no
    # longer be indexed: a draft now); the pages not rebuilt keep theirs.
    serve_state.forget_search_text(
        lang, url_of(rel_path, content.default_language, content.default_language)
    )
    if search.PAGE_MARKER in html:
        bundle = relative_url(search.bundle_url(lang, content.default_language), page.url)
        others = [
            {
                **other,
                "bundle": relative_url(other["bundle"], page.url),
                "search": relative_url(other["search"], page.url),
            }
            for other in _other_languages(lang)
        ]
        markup = search.search_page(lang, bundle, json.dumps(others, ensure_ascii=False))
        return html.replace(search.PAGE_MARKER, str(markup))
    key = content.path_keys.get(lang, {}).get(rel_path)
    post = content.posts.get(lang, {}).get(key or "")
    if post is not None:
        if post.draft or post.translation_status != "complete":
            return html  # drafts and pending translations stay out of search
        run = model.series.run_of(post.key)
        part = run.part(post.key) if run else None
        meta, filters, sorts = search.post_fields(
            post,
            run.series.name[lang] if run else None,
            (run.series.id, part.position) if run and part else None,
        )
    elif key in content.pages.get(lang, {}) and not _excluded(page):
        meta, filters, sorts = {}, {}, {}
    else:
        return html
    # Pagefind reads only where indexed pages are: their URLs relative to the language root.
    default = model.default_language
    _indexed_urls.setdefault(lang, []).append(url_of(rel_path, default, default))
    marked = search.indexed(html, meta, filters, sorts)
    text = search.indexed_text(marked)
    _indexed_texts.setdefault(lang, []).append(text)
    serve_state.remember_search_text(lang, url_of(rel_path, default, default), text)
    return marked


def _excluded(page: Page) -> bool:
    """Material's own front-matter switch: ``search: {exclude: true}``."""
    options = page.meta.get("search")
    return isinstance(options, dict) and bool(options.get("exclude"))


@dataclass
class _Run:
    """One Pagefind process indexing one language's pages."""

    lang: str
    bundle: Path
    process: subprocess.Popen[bytes]
    output: bytes = b""
    error: BaseException | None = None
    finishing: threading.Thread | None = None  # waits for it, then finishes its bundle


_runs: list[_Run] = []
_indexed_urls: dict[str, list[str]] = {}  # language -> its pages marked for the index
_indexed_texts: dict[str, list[str]] = {}  # language -> the text Pagefind indexes, per page
# In a process building one language for hooks/parallel.py: the indexing it hands back, to
# run beside the parent's link check rather than keep that process waiting.
_handed_back: list[tuple[str, Path, list[str]]] = []  # language, bundle, command
# The same under `mkdocs serve --dirty`: the site folder and language to index again.
_reindex_handed_back: list[tuple[str, str]] = []


def on_pre_build(config: MkDocsConfig) -> None:
    if not state.inside_i18n_build(config):
        _stop_all()
        _indexed_urls.clear()
        _indexed_texts.clear()


@event_priority(-50)  # before static-i18n (-100) starts building the next language
def _start_indexing(config: MkDocsConfig) -> None:
    """This language's pages are all written: index them in the background (Pagefind's
    bundled binary, on another core) while MkDocs builds the next language."""
    lang = state.current_language(config)
    if serve_state.active():  # `mkdocs serve --dirty`: some pages were not rebuilt
        _indexed_urls.pop(lang, None)
        _indexed_texts.pop(lang, None)
        if state.worker:  # the server's background thread is not in this process
            _reindex_handed_back.append((str(config.site_dir), lang))
        else:
            reindex(config, lang)
        return
    default = state.site().default_language
    root = Path(config.site_dir) / search.language_root(lang, default)
    urls = _indexed_urls.pop(lang, [])
    glob = search.indexed_glob(urls)
    bundle = root / search.BUNDLE_DIR
    command = [str(_executable()), *search.pagefind_command(str(root), glob)]
    if bundle.exists():
        shutil.rmtree(bundle)  # a stale bundle of a previous build must not survive
    bundle.mkdir(parents=True)
    texts = sorted(_indexed_texts.pop(lang, []))  # in page order whatever the build order
    write_vocabulary(bundle, texts)
    if state.worker:
        _handed_back.append((lang, bundle, command))
    else:
        _start(lang, bundle, command)


def reindex(config: MkDocsConfig, lang: str) -> None:
    """`mkdocs serve --dirty`: index ``lang``'s pages (rebuilt this time or not) in the
    background, the page refresh never waiting for it (also after hooks/quick.py)."""
    _reindex(str(config.site_dir), lang)


def _reindex(site_dir: str, lang: str) -> None:
    root = Path(site_dir) / search.language_root(lang, state.site().default_language)
    urls = serve_state.searchable_urls(lang)
    bundle = root / search.BUNDLE_DIR
    command = [str(_executable()), *search.pagefind_command(str(root), search.indexed_glob(urls))]
    texts = serve_state.search_texts(lang, urls)

    def done() -> None:  # the vocabulary changes with the index it describes, and is
        # counted here, in the background thread: a second at 1000 posts per language
        write_vocabulary(bundle, sorted(texts))
        _finish_bundle(bundle)

    serve_state.index_in_background(lang, command, done)


def write_vocabulary(bundle: Path, texts: Iterable[str]) -> None:
    """The vocabulary files of ``bundle`` (search.vocabulary_files), replacing the previous
    ones: a word file left from an earlier index would vouch for words now on no page. The
    word files are swapped in as a whole folder, so that a reader of `mkdocs serve` never
    meets half of them."""
    files = search.vocabulary_files(texts)
    shards = bundle / search.VOCABULARY_SHARDS
    fresh, old = shards.with_name(shards.name + ".new"), shards.with_name(shards.name + ".old")
    for leftover in (fresh, old):  # (an earlier run stopped half way)
        shutil.rmtree(leftover, ignore_errors=True)
    fresh.mkdir(parents=True)
    for name, data in files.items():
        if name != search.VOCABULARY_FILE:
            (fresh / name.rpartition("/")[2]).write_bytes(data)
    if shards.exists():
        shards.rename(old)
    fresh.rename(shards)
    shutil.rmtree(old, ignore_errors=True)
    (bundle / search.VOCABULARY_FILE).write_bytes(files[search.VOCABULARY_FILE])


def _start(lang: str, bundle: Path, command: list[str]) -> None:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603
    run = _Run(lang, bundle, process)
    run.finishing = threading.Thread(target=_finish, args=(run,), name=f"pagefind-{lang}")
    run.finishing.start()
    _runs.append(run)


def _finish(run: _Run) -> None:
    """In a thread of its own: Pagefind's output once it ends, then the bundle finished as
    soon as it is written (libdeflate lets go of the interpreter while it compresses: this
    runs beside the link check, not after it)."""
    try:
        run.output, _ = run.process.communicate()
        if run.process.returncode == 0:
            _finish_bundle(run.bundle)
    except BaseException as error:  # (told by _wait_for_indexes, in the build's thread)
        run.error = error


@event_priority(-300)  # the very end: after the link check (-200), which runs meanwhile
def _wait_for_indexes(config: MkDocsConfig) -> None:
    if state.inside_i18n_build(config):
        return
    started = time.perf_counter()
    runs = list(_runs)
    _runs.clear()
    _finished(runs)
    waited = time.perf_counter() - started
    log.info(f"Search index: {len(runs)} language bundles, waited {waited:.2f} s at the end")


def _finished(runs: list[_Run]) -> None:
    """Wait for every run and its bundle's finishing (none left running, whatever failed);
    then the first failure is the build's error."""
    for run in runs:
        if run.finishing is not None:
            run.finishing.join()
    for run in runs:
        if run.error is not None:
            raise PluginError(
                f"The '{run.lang}' search index could not be finished in {run.bundle}: {run.error}"
            ) from run.error
        if run.process.returncode != 0:
            output = run.output.decode(errors="replace")
            raise PluginError(f"Pagefind failed on the '{run.lang}' pages:\n{output}")


def _finish_bundle(bundle: Path) -> None:
    """A bundle Pagefind has written, finished: what no reader downloads deleted, what
    every search downloads compressed harder (search.RECOMPRESSED), each file replaced
    whole (`mkdocs serve` may be serving it)."""
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    for pattern in search.RECOMPRESSED:
        for path in sorted(bundle.glob(pattern)):
            packed = search.recompressed(path.read_bytes())
            if packed is not None:
                replace_whole(path, packed)


def _collect_handed_back() -> tuple[list[tuple[str, Path, list[str]]], list[tuple[str, str]]]:
    handed = list(_handed_back), list(_reindex_handed_back)
    _handed_back.clear()
    _reindex_handed_back.clear()
    return handed


def _start_handed_back(handed: object) -> None:
    runs, reindexed = handed  # type: ignore[misc]  # what _collect_handed_back returned
    for lang, bundle, command in runs:
        _start(lang, bundle, command)
    for site_dir, lang in reindexed:  # (the texts it indexes are merged by then: serve_state)
        _reindex(site_dir, lang)


state.hand_off("search", _collect_handed_back, _start_handed_back)


on_post_build = CombinedEvent(_start_indexing, _wait_for_indexes)


def on_build_error(error: Exception) -> None:
    _stop_all()


def _stop_all() -> None:
    for run in _runs:
        if run.process.poll() is None:
            run.process.kill()
        if run.finishing is not None:
            run.finishing.join()
    _runs.clear()


def _executable() -> Path:
    from pagefind.service import _must_get_executable  # the binary shipped by pagefind[bin]

    return _must_get_executable()


serve_state.services["reindex"] = reindex
