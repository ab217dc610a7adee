"""What the hooks share during one build: the site model, and how to read mkdocs-static-i18n.

Every hook file imports this module as ``hooks.state`` (one module object), so the model
loaded once by ``hooks/blog.py`` at the start of the build is the one every hook renders from.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from hooks.core.files import check_tree
from hooks.core.forked import Changes, changes
from hooks.core.posts import ParseCache
from hooks.core.problems import ContentError, Problem
from hooks.core.settings import Settings, read_settings
from hooks.core.site import SiteModel, load_site
from hooks.core.urls import url_of

log = logging.getLogger("mkdocs.hooks")

_model: SiteModel | None = None
settings = Settings()  # the hooks' own `extra` settings, read with the model
timings: dict[str, float] = {}  # seconds spent per area of the hooks in this build
serving = False  # set by hooks/blog.py's on_startup: `mkdocs serve` previews drafts
command = ""  # the MkDocs command running: "build", "serve", "gh-deploy" ("" when unknown)
worker = False  # True in a forked process building one language (hooks/parallel.py)
# The languages this build builds side by side, each in its own process (hooks/parallel.py),
# with that process's id (0 where this process does not know it): set before they are forked.
side_by_side: dict[str, int] = {}
# Set by hooks/incremental.py under `mkdocs serve --dirty`: unchanged files are not parsed again.
parse_cache: ParseCache | None = None


def turned_off(variable: str) -> bool:
    """The environment switches (PARALLEL_LANGUAGES, MARKDOWN_REUSE, LINKCHECK): on unless
    set to ``off`` (any case)."""
    return os.environ.get(variable, "on").strip().lower() == "off"


@dataclass
class Handoff:
    """What a hook hands back from a language built in another process (hooks/parallel.py):
    ``collect`` runs there once that language is built and returns picklable data; ``merge``
    runs here with it, where that language's build would have returned. ``prepare`` (with
    the language) runs here just before the process is forked, ``begin`` there as it
    starts (e.g. to note what it inherited, so that ``collect`` hands back only changes)."""

    collect: Callable[[], object]
    merge: Callable[[object], None]
    prepare: Callable[[str], None] | None = None
    begin: Callable[[], None] | None = None


handoffs: dict[str, Handoff] = {}  # hook name -> its handoff; hook files register at import


def hand_off(
    name: str,
    collect: Callable[[], object],
    merge: Callable[[object], None],
    *,
    prepare: Callable[[str], None] | None = None,
    begin: Callable[[], None] | None = None,
) -> None:
    handoffs[name] = Handoff(collect, merge, prepare, begin)


Container = dict[Any, Any] | set[Any]


def hand_back_changes(
    name: str, held: Callable[[], Mapping[str, Container]], when: Callable[[], bool]
) -> None:
    """A handoff of what a language's process changed in dicts and sets kept between
    builds (``held()``: a name for each -> the container, as either process finds it): noted
    as the process starts, and, while ``when()``, its changes handed back and done here too.
    The process ends with its build: what it taught them would be lost."""
    inherited: dict[str, Container] = {}

    def begin() -> None:
        inherited.clear()
        inherited.update({key: copy.copy(container) for key, container in held().items()})

    def collect() -> dict[str, Changes[Any, Any]] | None:
        if not when():
            return None
        now = held()
        return {key: changes(inherited.get(key, type(now[key])()), now[key]) for key in now}

    def merge(handed: object) -> None:
        if isinstance(handed, dict):
            here = held()
            for key, change in handed.items():
                change.apply(here[key])

    hand_off(name, collect, merge, begin=begin)


def site() -> SiteModel:
    assert _model is not None, "the site model is loaded in on_pre_build"
    return _model


def i18n(config: MkDocsConfig) -> Any:
    return config.plugins["i18n"]


def languages(config: MkDocsConfig) -> tuple[list[str], str]:
    """(languages built, default language) from the mkdocs-static-i18n configuration."""
    plugin = i18n(config)
    return [lang.locale for lang in plugin.config.languages if lang.build], plugin.default_language


def current_language(config: MkDocsConfig) -> str:
    return i18n(config).current_language


def inside_i18n_build(config: MkDocsConfig) -> bool:
    """True while static-i18n builds a non-default language inside the outer build (never
    without static-i18n: the link checker also runs on plain MkDocs sites)."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def page_language(page: Page) -> str:
    return page.file.src_uri.split("/", 1)[0]


def page_rel_path(page: Page) -> str:
    return page.file.src_uri.split("/", 1)[1]


@contextlib.contextmanager
def timed(area: str) -> Iterator[None]:
    """Add the time spent in the block to ``timings[area]``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[area] = timings.get(area, 0.0) + time.perf_counter() - started


def load(config: MkDocsConfig) -> SiteModel:
    """Load and validate the whole site; on problems, report each and stop the build."""
    global _model, settings
    timings.clear()
    new_build_of_front_matter()
    started = time.perf_counter()
    langs, default = languages(config)
    config_path = Path(config.config_file_path)
    root = config_path.parent
    if problems := check_tree(Path(config.docs_dir), root, langs):
        _model = None
        fail(problems)
    try:
        settings = read_settings(config.extra, config_path, config_path.name)
        _model = load_site(
            Path(config.docs_dir),
            langs,
            default,
            Path(config.config_file_path).parent,
            drafts_visible=serving,
            cache=parse_cache,
        )
    except ContentError as error:
        _model = None
        fail(error.problems)
    timings["site model"] = time.perf_counter() - started
    return site()


def fail(problems: list[Problem]) -> None:
    """Report every problem on its own line, then stop the build without a traceback."""
    for problem in problems:
        log.error(str(problem))
    raise PluginError(f"{len(problems)} content problem(s); see the lines above")


# libyaml's dumper when PyYAML has it (as frontmatter.py's loader): the pure-Python one costs
# ~1 ms a generated page, and there are thousands (parallel text, listings) at 1000 posts.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# A generated page's meta (its repr: exact for the plain values meta holds, types included)
# -> its YAML, as last dumped: `mkdocs serve` makes every generated page again on each save,
# with the same meta for nearly all. Only the last build's are kept.
_dumped: dict[str, str] = {}
_dumped_before: dict[str, str] = {}


def _front_matter(meta: dict[str, Any]) -> str:
    """YAML of a generated page's ``meta``."""
    key = repr(meta)
    text = _dumped.get(key)
    if text is None:
        text = _dumped_before.get(key)
        if text is None:
            text = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True)
        _dumped[key] = text
    return text


def new_build_of_front_matter() -> None:
    """A build starts: the front matter the last one dumped is kept for it, no older."""
    global _dumped, _dumped_before
    _dumped_before, _dumped = _dumped, {}


# A language built in another process under `mkdocs serve` hands back what it dumped, for
# the next save: that process ends with its build.
hand_back_changes("front matter", lambda: {"dumped": _dumped}, lambda: command == "serve")


def generated_page(
    config: MkDocsConfig,
    lang: str,
    rel_path: str,
    meta: dict[str, Any],
    body: str,
    in_nav: bool = False,
) -> File:
    """A page made by a hook (series, listing, archive), placed where static-i18n places the
    language's own pages, and carrying what static-i18n's handlers read on a page's file.
    Only pages the nav lists (``in_nav``) are left to the nav's own rules; the others are
    marked not in the nav, so that a strict build does not stop on them."""
    front = _front_matter(meta)
    file = File.generated(
        config,
        f"{lang}/{rel_path}",
        content=f"---\n{front}---\n\n{body}\n",
        inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV,
    )
    file.dest_uri = url_of(rel_path, lang, site().default_language) + "index.html"
    file.locale = file.locale_alternate_of = file.localization = lang
    file.norm_src_uri = rel_path
    file.alternates = {lang: file}
    return file
