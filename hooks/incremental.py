"""MkDocs glue: `mkdocs serve --dirty` (what `make serve` runs) rebuilds only what an edit changes.

On every rebuild MkDocs reads the config, lists the files and runs every hook as usual, but
builds only the pages whose file says it is modified. This hook decides that instead of the
files' dates: it reads every file of the docs folder, compares it with the last good build,
reloads the site model (files whose bytes did not change are not parsed again:
:class:`hooks.core.posts.ParseCache`) and asks :func:`hooks.core.dependents.dependents`
which pages show what changed. Anything the model cannot follow (a config, an asset, a
section page's front matter, a failed build) rebuilds everything into a cleaned folder.

What a page that is not rebuilt would have handed to other pages is kept from the build that
last rendered it: its front matter as the hooks left it (Material's tags index lists pages by
it, the nav reads it) and its links (the link check reports on the rebuilt pages, against
the whole site). Pages that disappear are deleted; feeds are rewritten when a listing
changed; Pagefind re-indexes in the background, never delaying the refresh. Off under
`mkdocs build` and a plain `mkdocs serve` (which rebuild everything): `make build` is
unchanged.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs_static_i18n.folder as i18n_folder
from jinja2 import Environment
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure import files as mkdocs_files
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from hooks import serve_state, state
from hooks.core.dependents import Rebuild, dependents, page_kinds
from hooks.core.links_extract import collector_paused
from hooks.core.posts import ParseCache
from hooks.core.site import TAGS_KEY
from hooks.serve_state import memory

log = logging.getLogger("mkdocs.hooks.incremental")

DIRTY_WARNING = "A 'dirty' build is being performed"  # MkDocs' caveat, answered here
NO_RULE = "Pages of a kind hooks/core/dependents.py has no rule for"  # the edit-loop test reads it


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (memory.active and str(record.msg).startswith(DIRTY_WARNING))


def on_startup(command: str, dirty: bool) -> None:
    memory.active = command == "serve" and dirty
    if memory.active:
        state.parse_cache = ParseCache()
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())
        mkdocs_files.Files.add_files_from_theme = _add_files_from_theme  # type: ignore[method-assign]
        i18n_folder.create_i18n_file = create_i18n_file


_theme_files_of = mkdocs_files.Files.add_files_from_theme
_theme_files: dict[tuple[Any, ...], list[tuple[str, str]]] = {}


def _add_files_from_theme(files: Files, env: Environment, config: MkDocsConfig) -> None:
    """MkDocs lists the theme's files on every build (Material's: ~15,000 names, twice per
    rebuild); the list is kept while the theme folders and their settings are the same."""
    dirs = tuple(config.theme.dirs)
    key = (
        dirs,
        tuple(sorted(config.theme.static_templates)),
        config.site_dir,
        config.use_directory_urls,
        _folder_dates([d for d in dirs if not d.startswith(sys.prefix)]),
    )
    if key not in _theme_files:
        alone = Files([])
        _theme_files_of(alone, env, config)
        _theme_files[key] = [(file.src_uri, file.src_dir) for file in alone]
    for path, folder in _theme_files[key]:
        if files.get_file_from_path(path) is None:  # docs files override theme files
            files.append(File(path, folder, config.site_dir, config.use_directory_urls))


_i18n_file_of = i18n_folder.create_i18n_file
_i18n_files: dict[tuple[Any, ...], tuple[Any, ...]] = {}


def create_i18n_file(
    file: File,
    current_language: str,
    default_language: str,
    all_languages: list[str],
    config: MkDocsConfig,
) -> File:
    """static-i18n's copy of a docs file for one language's build (made for every file of
    every language, in each language's build: with pathlib, seconds per save at 1000 posts).
    What it computes depends only on the names in the key: computed once, then set on a new
    File made as static-i18n makes it (tests/test_serve.py compares the two, attribute by
    attribute)."""
    key = (
        file.src_uri,
        file.dest_uri,
        file.inclusion,
        current_language,
        default_language,
        tuple(all_languages),
        config.docs_dir,
        config.site_dir,
        config.use_directory_urls,
    )
    known = _i18n_files.get(key)
    if known is None:
        made = _i18n_file_of(file, current_language, default_language, all_languages, config)
        _i18n_files[key] = (
            made.dest_uri,
            made.abs_dest_path,
            made.name,
            made.url,
            made.locale,
            made.localization,
            made.norm_src_uri,
        )
        return made
    dest_uri, abs_dest_path, name, url, locale, localization, norm_src_uri = known
    made = File(
        file.src_path,
        config.docs_dir,
        file.dest_path,  # (static-i18n's argument, kept)
        config.use_directory_urls,
        dest_uri=file.dest_uri,
        inclusion=file.inclusion,
    )
    made.dest_uri = dest_uri
    made.abs_dest_path = abs_dest_path
    made.name = name
    made.url = url
    made.alternates = {current_language: made}  # type: ignore[attr-defined]
    made.locale = locale  # type: ignore[attr-defined]
    made.locale_alternate_of = current_language  # type: ignore[attr-defined]
    made.localization = localization  # type: ignore[attr-defined]
    made.norm_src_uri = norm_src_uri  # type: ignore[attr-defined]
    return made


def _folder_dates(roots: list[str]) -> tuple[Any, ...]:
    """A folder's date changes when a file is added to or removed from it."""
    dates = []
    for root in roots:
        for folder, dirs, _ in os.walk(root):
            dirs.sort()
            dates.append((folder, os.stat(folder).st_mtime_ns))
    return tuple(dates)


# ---------------------------------------------------------------------------------------
# Deciding


@event_priority(10)  # before hooks/blog.py loads the site model
def _read_files(config: MkDocsConfig) -> None:
    if not memory.active or state.inside_i18n_build(config):
        return
    memory.started = time.perf_counter()
    memory.writing = False
    memory.rebuild = None
    memory.files.clear()
    memory.outputs = {}
    memory.rendered = set()
    memory.pending_sources = serve_state.read_sources(Path(config.docs_dir))
    if state.parse_cache is not None:  # the site model reads these bytes, not the files again
        docs_dir = str(config.docs_dir)
        state.parse_cache.give(
            {os.path.join(docs_dir, path): raw for path, raw in memory.pending_sources.items()}
        )
    memory.pending_fingerprint = serve_state.fingerprint(config)


@event_priority(-10)  # after hooks/blog.py loaded the site model (and its generated pages)
def _decide(config: MkDocsConfig) -> None:
    if not memory.active or state.inside_i18n_build(config):
        return
    # Every post's context, for both models: short-lived objects in the server's large heap,
    # which set off collections of all of it (0.15-0.40 s for a new post at 1000 posts per
    # language, 0.16-0.21 s paused); before the other languages' processes start.
    with collector_paused():
        memory.rebuild = _what_to_rebuild(config)
    memory.writing = True  # from here on, a failure may leave pages half written
    if memory.rebuild.full:
        log.info(f"Rebuilding every page: {memory.rebuild.reason}")
        serve_state.cancel_indexing()  # a background Pagefind would write into it meanwhile
        mkdocs_utils.clean_directory(config.site_dir)  # as a clean build starts
        memory.pages.clear()
        memory.links.clear()
        memory.link_sources.clear()
        memory.search_texts.clear()
        memory.cards.clear()
        memory.previous_outputs = {}


on_pre_build = CombinedEvent(_read_files, _decide)


def _what_to_rebuild(config: MkDocsConfig) -> Rebuild:
    if memory.force_full or memory.model is None or memory.sources is None:
        return Rebuild.everything("first build" if memory.model is None else "last one failed")
    if memory.pending_fingerprint != memory.fingerprint:
        return Rebuild.everything("the configuration or the theme changed")
    before, now = memory.sources, memory.pending_sources
    changed = {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}
    changed |= memory.quick_paths  # rendered without a build since: this build reads them
    markdown = {path: text for path, text in now.items() if path.endswith(".md")}
    per_page = state.settings.per_page
    return dependents(memory.model, state.site(), changed, markdown, per_page)


# ---------------------------------------------------------------------------------------
# Building only that


def _modified(value: bool) -> Callable[[], bool]:
    return lambda: value


@event_priority(-120)  # after static-i18n (-100) and the hooks that add generated pages (-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not memory.active or memory.rebuild is None:
        return files
    lang = state.current_language(config)
    memory.files[lang] = files
    rebuild = memory.rebuild
    if rebuild.full:
        return files
    pages = files.documentation_pages()
    kinds = page_kinds(state.site(), lang)
    dirty = {}
    unknown = []
    for file in pages:
        page_lang, _, rel_path = file.src_uri.partition("/")
        missing = not os.path.isfile(file.abs_dest_path)
        # A page of a kind the dependency rules do not know: rebuilt on every save.
        kind = kinds.get(rel_path) if page_lang == lang else None
        if kind is None:
            unknown.append(file.src_uri)
        dirty[file] = missing or kind is None or (page_lang, rel_path) in rebuild.pages
    if unknown:
        log.info(f"{NO_RULE} (rebuilt on every save): {', '.join(sorted(unknown))}")
    if any(dirty.values()):
        # A rebuilt page links its tags to the tags index only if that page is read too.
        tags = state.site().content.pages.get(lang, {}).get(TAGS_KEY)
        for file in pages:
            if tags is not None and file.src_uri == f"{lang}/{tags.rel_path}":
                dirty[file] = True
    updated = _update_relisted(lang, rebuild, dirty)
    for file, value in dirty.items():
        file.is_modified = _modified(value)  # type: ignore[method-assign]
    in_place = f", {updated} updated in place (the way back to the listing)" if updated else ""
    log.info(f"'{lang}': {sum(dirty.values())} of {len(pages)} pages to rebuild{in_place}")
    return files


def _update_relisted(lang: str, rebuild: Rebuild, dirty: dict[File, bool]) -> int:
    """Posts that moved to another listing page and changed in nothing else: their written
    page gets its new way back to the listing (hooks/blog.py) instead of a rebuild, a tenth
    of a blog's posts when one is added, and the link check its links (hooks/links.py: the
    last reading of a page not rebuilt would be kept). Any doubt (the page unreadable, the
    old link not found as rendered) and the page is rebuilt. How many were updated."""
    relist = serve_state.services.get("relisted page")  # hooks/blog.py's
    note = serve_state.services.get("page updated")  # hooks/links.py's
    updated = 0
    for file, value in dirty.items():
        page_lang, _, rel_path = file.src_uri.partition("/")
        moved = rebuild.relisted.get((page_lang, rel_path))
        if value or moved is None or page_lang != lang:
            continue
        path = Path(file.abs_dest_path)
        try:  # bytes, as MkDocs wrote them (text mode would turn an author's \r\n into \n)
            written = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            written = None
        html = relist(written, lang, rel_path, file.url, moved) if relist and written else None
        if html is None:
            dirty[file] = True
            continue
        path.write_bytes(html.encode("utf-8"))
        if note is not None:
            note(html, file.url)
        updated += 1
    return updated


@event_priority(-300)  # once every hook has read and changed the page's front matter
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if memory.active:
        memory.pages[page.file.src_uri] = (page.markdown, dict(page.meta))
        memory.rendered.add(page.file.src_uri)
    return html


@event_priority(110)  # before Material's tags plugin (100) lists the tagged pages
def _restore_pages(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Pages not read in this build get the front matter their last reading left, and
    Material's tags plugin gets every tagged page back, in the order a whole build reads
    them."""
    if not memory.active or memory.rebuild is None or memory.rebuild.full:
        return env
    tags = config.plugins.get("material/tags")
    known = dict(tags.mappings.data) if tags is not None and tags.mappings else {}
    ordered = {}
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        if page.markdown is None and file.src_uri in memory.pages:
            page.markdown, meta = memory.pages[file.src_uri]
            page.meta = dict(meta)
            if tags is not None and tags.mappings:
                tags.mappings.add(page, page.markdown or "")
        if page.url in known:
            ordered[page.url] = known[page.url]
        elif tags is not None and tags.mappings and page.url in tags.mappings.data:
            ordered[page.url] = tags.mappings.data[page.url]
    if tags is not None and tags.mappings:
        tags.mappings.data = ordered
    return env


@event_priority(-200)  # the environment as every plugin left it
def _keep_compiled_templates(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if memory.active:
        # Compiled code depends on the environment's settings: part of the key.
        serve_state.templates.signature = (
            *sorted(env.extensions),
            repr(env.autoescape),
            str((env.trim_blocks, env.lstrip_blocks, env.newline_sequence)),
        )
        env.bytecode_cache = serve_state.templates
    return env


on_env = CombinedEvent(_restore_pages, _keep_compiled_templates)


# ---------------------------------------------------------------------------------------
# After each language, and at the end


@event_priority(-50)  # this language is written; static-i18n (-100) builds the next one after
def _language_built(config: MkDocsConfig) -> None:
    if not memory.active:
        return
    lang = state.current_language(config)
    files = memory.files.get(lang)
    if files is not None:
        memory.outputs[lang] = {
            file.dest_uri for file in files.documentation_pages() if file.page is not None
        }


@event_priority(-150)  # every language is built; before the link check (-200) reads the site
def _remove_gone(config: MkDocsConfig) -> None:
    if not memory.active or state.inside_i18n_build(config):
        return
    site_dir = Path(config.site_dir)
    for lang, previous in memory.previous_outputs.items():
        for gone in sorted(previous - memory.outputs.get(lang, set())):
            (site_dir / gone).unlink(missing_ok=True)
            url = "" if gone == "index.html" else gone.removesuffix("index.html")
            memory.links.pop(url, None)
            memory.link_sources.pop(url, None)
    memory.previous_outputs = memory.outputs


@event_priority(-400)  # after everything, the link check and search included
def _build_done(config: MkDocsConfig) -> None:
    if not memory.active or state.inside_i18n_build(config):
        return
    memory.sources = memory.pending_sources
    memory.fingerprint = memory.pending_fingerprint
    memory.model = state.site()
    memory.force_full = memory.writing = False
    memory.quick_paths.clear()
    rebuild = memory.rebuild
    what = "every page" if rebuild is None or rebuild.full else f"{len(memory.rendered)} page(s)"
    memory.builds += 1
    seconds = time.perf_counter() - memory.started
    log.info(f"Rebuilt {what} in {seconds:.2f} s (build {memory.builds})")


on_post_build = CombinedEvent(_language_built, _remove_gone, _build_done)


def on_build_error(error: Exception) -> None:
    # A content problem stops the build before anything is written (the last good build
    # stays the base); a failure while writing pages rebuilds everything once fixed.
    if memory.writing:
        memory.force_full = True
    memory.writing = False


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[..., None]) -> Any:
    """Hear saves at once (inotify) rather than by MkDocs' half-second polling; only changes
    count (inotify also reports files being opened and read, by this very hook)."""
    if not memory.active:
        return server
    try:
        from watchdog import events
        from watchdog.observers import Observer
    except ImportError:  # pragma: no cover - watchdog comes with MkDocs
        return server
    changes = [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.FileClosedEvent,
    ]

    class _ChangesObserver(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, handler: Any, path: str, *, recursive: bool = False) -> Any:
            return super().schedule(handler, path, recursive=recursive, event_filter=changes)

    observer = _ChangesObserver()
    if "Polling" in type(observer).__mro__[1].__name__:  # no inotify here: keep MkDocs' own
        return server
    watched = [path for path in (config.docs_dir, config.config_file_path) if path]
    for path in watched:
        server.unwatch(path)
    server.observer = observer
    for path in watched:
        server.watch(path)
    return server


def on_shutdown() -> None:
    serve_state.stop_indexing()


# ---------------------------------------------------------------------------------------
# A language built in another process (hooks/parallel.py, also under `make serve`): what
# its build leaves for the next save (the pages' front matter as read, the pages written and
# rendered, what static-i18n and the theme's file list cost) is handed back.

state.hand_back_changes(
    "incremental",
    lambda: {
        "pages": memory.pages,
        "outputs": memory.outputs,
        "rendered": memory.rendered,
        "i18n files": _i18n_files,
        "theme files": _theme_files,
    },
    lambda: memory.active,
)
