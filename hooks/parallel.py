"""MkDocs glue: build the other languages in forked processes, beside the default one.

mkdocs-static-i18n builds the languages one after another: the default language, then each
other one inside its ``on_post_build`` (priority -100), by calling MkDocs' ``build()``. Under
``mkdocs build`` on two cores or more, this hook instead forks one process per other
language as soon as MkDocs has cleaned the site folder (the site model is loaded by then, and
is inherited). That process builds its language just as static-i18n would. Where
static-i18n calls ``build()`` for that language, this process waits for it, replays its log
lines (so ``--strict`` counts its warnings, and its errors stop the build), and merges what
the hooks collected there (:data:`hooks.state.handoffs`: link data, the 404 page, the
search indexing to start) and its timings. The files written are the same as in one process.

Also under ``mkdocs serve --dirty`` (`make serve`), where each save builds the languages'
changed pages side by side the same way, and the hooks hand back what their memory of the
build learned there (hooks/serve_state.py, hooks/incremental.py; the renderer of
hooks/quick.py is forked there). The server's threads are not copied into the process, and
it touches none of their objects: search re-indexing is handed back to the server's own
thread, the process writes through stdout and stderr objects of its own
(:func:`hooks.core.forked.fresh_streams`), and the logging module renews its locks in a
forked process. Off under a plain ``mkdocs serve``, on one core, and with
``PARALLEL_LANGUAGES=off``.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from typing import Any, NoReturn

import mkdocs_static_i18n.plugin as i18n_plugin_module
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from hooks import serve_state, state
from hooks.core.forked import Forked, ForkedError, fork

log = logging.getLogger("mkdocs.hooks.parallel")

# static-i18n hides these lines of the languages it builds inside the default one.
NESTED_BUILD_LINES = ("Documentation built in", "Building documentation to directory")

_workers: dict[str, Forked] = {}  # language -> the process building it


def enabled(config: MkDocsConfig) -> bool:
    if (
        state.inside_i18n_build(config)
        or state.turned_off("PARALLEL_LANGUAGES")
        or not hasattr(os, "fork")
        or usable_cores() < 2
    ):
        return False
    if state.command == "serve":
        return serve_state.active()  # `make serve`: what the server's threads hold is handed back
    # Forking a threaded process copies the locks its other threads hold: none in a build.
    return state.command == "build" and threading.active_count() == 1


def usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):  # Linux: the cores this process may run on
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@event_priority(100)  # the first event after MkDocs cleaned the site folder
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if state.inside_i18n_build(config):
        return files
    state.side_by_side = {}
    if not enabled(config):
        return files
    languages, default = state.languages(config)
    dirty = "--dirty" in sys.argv or "--dirtyreload" in sys.argv  # as static-i18n decides
    # Known to each process forked: which languages are built meanwhile, and where.
    state.side_by_side = {lang: os.getpid() if lang == default else 0 for lang in languages}
    for lang in languages:
        if lang != default:
            for handoff in state.handoffs.values():
                if handoff.prepare is not None:
                    handoff.prepare(lang)
            _workers[lang] = fork(
                lambda lang=lang: _build_language(config, lang, dirty),
                logger="mkdocs",
                dropped_prefixes=NESTED_BUILD_LINES,
            )
            state.side_by_side[lang] = _workers[lang].pid
    if _workers:
        i18n_plugin_module.build = _build_or_join  # type: ignore[attr-defined]
        log.info(f"Languages built in parallel processes: {', '.join(_workers)}")
    return files


def _build_language(config: MkDocsConfig, lang: str, dirty: bool) -> object:
    """In the forked process: what static-i18n does for ``lang`` after the default language."""
    signal.signal(signal.SIGTERM, _exit_on_term)
    _workers.clear()  # the parent's other workers are not this process's to stop
    state.worker = True
    for handoff in state.handoffs.values():
        if handoff.begin is not None:
            handoff.begin()
    i18n = state.i18n(config)
    i18n.current_language, i18n.building = lang, True
    mkdocs_utils.clean_directory = lambda path: path  # the site folder is shared
    state.timings.clear()  # the site model's time is counted by the parent
    try:
        mkdocs_build(config, dirty=dirty)
        handed = {name: handoff.collect() for name, handoff in state.handoffs.items()}
    except BaseException as error:
        if not isinstance(error, Exception):  # build() reports only Exceptions to the hooks
            config.plugins.on_build_error(error=error)  # type: ignore[arg-type]
        raise
    return handed, dict(state.timings)


def _exit_on_term(signum: int, frame: Any) -> NoReturn:
    raise SystemExit(1)


def _build_or_join(config: MkDocsConfig, dirty: bool = False) -> None:
    """static-i18n's call to build its current language: join that language's process."""
    lang = state.current_language(config)
    worker = _workers.get(lang)  # (kept there while waited for: a shutdown stops it)
    if worker is None:
        mkdocs_build(config, dirty=dirty)
        return
    try:
        outcome = worker.join()
        _workers.pop(lang, None)
    except ForkedError as error:
        _workers.pop(lang, None)
        raise PluginError(
            f"The '{lang}' pages were built by a forked process that stopped without a "
            f"report ({error}); PARALLEL_LANGUAGES=off builds them in this process."
        ) from None
    for name, level, message in outcome.log:
        logging.getLogger(name).log(level, message)
    if outcome.error is not None:
        if not isinstance(outcome.error, (BuildError, Abort)):  # a bug: show where it was
            log.error(f"The '{lang}' build failed:\n{outcome.traceback.rstrip()}")
        raise outcome.error
    handed, timings = outcome.value  # type: ignore[misc]  # what _build_language returned
    for name, data in handed.items():
        state.handoffs[name].merge(data)
    for area, seconds in timings.items():
        state.timings[area] = state.timings.get(area, 0.0) + seconds


def _stop() -> None:
    """Stop every worker not joined, and give static-i18n its own build() back."""
    for worker in list(_workers.values()):  # (a shutdown may come while one is joined)
        worker.kill()
    _workers.clear()
    i18n_plugin_module.build = mkdocs_build  # type: ignore[attr-defined]


@event_priority(-1000)  # after every other hook
def on_post_build(config: MkDocsConfig) -> None:
    if not state.inside_i18n_build(config):
        _stop()


def on_build_error(error: Exception) -> None:
    _stop()


def on_shutdown() -> None:
    _stop()
