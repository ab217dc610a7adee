"""Link checking: an MkDocs hook, and a command for any MkDocs project.

As a hook: every page's final HTML is read as it is written (``on_post_page``), and once the
last language is built (``on_post_build`` at priority -200, skipped while mkdocs-static-i18n
is still building other languages) every link of every language is checked. Findings are
logged as warnings, so ``mkdocs build --strict`` fails on any. Options: ``extra.linkcheck``
in mkdocs.yml; ``LINKCHECK_EXTERNAL=1`` turns on the external checks.

As a command::

    python -m hooks.links path/to/mkdocs.yml [--site BUILT_DIR] [--external] [--json FILE]
                                             [--sarif FILE] [--strict] [--coverage]

builds the site into a temporary folder unless ``--site`` is given (``--strict``: a strict
build, whose warnings and errors are listed too), checks it, prints the report, and exits
with status 1 when anything is found. ``LINKCHECK=off`` turns the hook's check off.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, file_sort_key
from mkdocs.structure.pages import Page

from hooks import serve_state, state
from hooks.core import build_log
from hooks.core.links_check import (
    ALTERNATE_SETTING,
    EXTERNAL,
    UNREACHABLE,
    BuiltSite,
    Finding,
    Overwritten,
    Source,
    assumed_base,
    check,
    coverage,
    linking_to,
    merge,
    site_path,
)
from hooks.core.links_external import Checker, ExternalOptions
from hooks.core.links_extract import PageLinks, collector_paused, extract, packed, unpacked
from hooks.core.links_report import github_annotations, summary, to_json, to_sarif
from hooks.core.links_source import Includes, locate

log = logging.getLogger("mkdocs.hooks.links")


@dataclass
class Options:
    external: bool = False
    report: Path | None = None
    sarif: Path | None = None  # a SARIF 2.1.0 file too (code scanning), when asked
    http: ExternalOptions = field(default_factory=ExternalOptions)


def options_from(extra: Mapping[str, Any], root: Path, environ: Mapping[str, str]) -> Options:
    """Options from ``extra.linkcheck`` in mkdocs.yml; LINKCHECK_EXTERNAL=1/0 overrides."""
    raw = dict(extra.get("linkcheck") or {})
    external = bool(raw.get("external", False))
    if environ.get("LINKCHECK_EXTERNAL", "") != "":
        external = environ["LINKCHECK_EXTERNAL"].lower() in ("1", "true", "yes", "on")
    report = raw.get("report", ".linkcheck/report.json")
    sarif = raw.get("sarif")
    cache = raw.get("cache", ".linkcheck/external-cache.json")
    http = ExternalOptions(
        workers=int(raw.get("workers", 8)),
        per_host=int(raw.get("per_host", 2)),
        timeout=float(raw.get("timeout", 10)),
        retries=int(raw.get("retries", 2)),
        backoff=float(raw.get("backoff", 1.0)),
        max_retry_after=float(raw.get("max_retry_after", 60)),
        cache_path=(root / cache) if cache else None,
        cache_max_age=float(raw.get("cache_max_age_hours", 24)) * 3600,
        exclude=tuple(raw.get("exclude", ())),
    )
    return Options(
        external, (root / report) if report else None, (root / sarif) if sarif else None, http
    )


def run_checks(
    site: BuiltSite, options: Options, only: set[str] | None = None
) -> tuple[list[Finding], int | None]:
    """Internal findings, plus dead external links when enabled; and how many external
    URLs were checked (None when external checks are off). ``only``: the pages whose links
    are checked (default: every page)."""
    with collector_paused():  # (see there: about a second in a large build)
        findings, external = check(site, only)  # merged already
    if not options.external:
        return findings, None
    external_findings = []
    results = Checker(options.http).check_all(use.url for use in external)
    for use in external:
        result = results.get(use.url)
        if result is None or result.ok:
            continue
        if result.unreachable:
            finding = use.finding(
                site,
                UNREACHABLE,
                f"external link is unreachable ({result.message})",
                "no answer from the host: check the name, or retry with a network",
            )
        elif result.status and result.status < 400:
            finding = use.finding(
                site, EXTERNAL, f"external anchor is missing ({result.message})", ""
            )
        else:
            finding = use.finding(
                site,
                EXTERNAL,
                f"external link is dead ({result.message})",
                f"look for an archived copy: {result.archive_url}",
            )
        external_findings.append(finding)
    return findings + merge(site, external_findings), len(results)


def report(findings: list[Finding], checked: int | None, options: Options, echo: Any) -> None:
    """Summary through ``echo``, the JSON report file, and GitHub annotations in Actions."""
    echo(summary(findings, checked))
    if options.report is not None:
        options.report.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(to_json(findings, checked), indent=1, ensure_ascii=False)
        options.report.write_text(data + "\n", encoding="utf-8")
    if options.sarif is not None:
        options.sarif.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(to_sarif(findings), indent=1, ensure_ascii=False)
        options.sarif.write_text(data + "\n", encoding="utf-8")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(findings):
            print(line, flush=True)


def read_site(site_dir: Path, site_url: str, known: Mapping[str, PageLinks]) -> BuiltSite:
    """Every file of ``site_dir``; HTML pages not in ``known`` are parsed from disk."""
    files: set[str] = set()
    pages = dict(known)
    top = str(site_dir)
    for folder, _, names in os.walk(top):
        # os.walk's folders start with `top` as given (a page is a folder: thousands of them)
        prefix = folder[len(top) :].strip(os.sep).replace(os.sep, "/")
        prefix = prefix + "/" if prefix else ""
        for name in names:
            relative = prefix + name
            files.add(relative)
            if name.endswith(".html"):
                url = page_url(relative)
                if url not in pages:
                    with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                        pages[url] = extract(f.read(), url)
    return BuiltSite(pages, files, site_url, site_dir_label=_label(site_dir))


def page_url(html_path: str) -> str:
    """Site URL of a built file: 'index.html' -> '', 'a/index.html' -> 'a/'."""
    if html_path == "index.html":
        return ""
    if html_path.endswith("/index.html"):
        return html_path[: -len("index.html")]
    return html_path


def _label(path: Path) -> str:
    # `make build` (hooks/build.py) builds into a temporary folder: findings name site/.
    if label := os.environ.get("SITE_DIR_LABEL"):
        return label
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


# ---------------------------------------------------------------------------------------
# The MkDocs hook


@dataclass
class _Build:
    pages: dict[str, PageLinks] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    # Page URL -> the file it was last built from, to tell two files built to one page.
    built_from: dict[str, str] = field(default_factory=dict)
    overwritten: list[Overwritten] = field(default_factory=list)
    # id(page) -> the Markdown its plugins and hooks handed to the converter, and who
    # changed it, for pages whose Markdown they changed (until the page is written).
    rewritten: dict[int, tuple[str, str]] = field(default_factory=dict)
    extract_seconds: float = 0.0  # parsing pages as they are written, for the timing line
    forked_seconds: float = 0.0  # the same, in the processes building other languages


class Collector:
    """Reads every page's final HTML as it is written and knows its Markdown source (the
    exact file MkDocs read: static-i18n's suffix layout and fallback copies, blog posts,
    generated pages alike). The hook uses one; ``python -m hooks.links`` adds its own."""

    def __init__(self) -> None:
        self.build = _Build()
        self.site: BuiltSite | None = None  # set once the last language is built
        self.includes: Includes | None = None  # read from the config once per build
        self.alternates: tuple[str, ...] | None = None  # extra.alternate as written

    def on_config(self, config: MkDocsConfig) -> None:
        if self.alternates is None and not state.inside_i18n_build(config):
            self.alternates = written_alternates(config)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        _watch_markdown_events(config)
        if not state.inside_i18n_build(config):
            self.build = _Build()
            self.includes = None

    def on_page_markdown(self, markdown: str, page: Page) -> None:
        """The last of a page's Markdown events: when plugins or hooks changed the Markdown
        (a shortcode hook writes links), the links are read from what they handed on."""
        changers = _markdown_changers.pop(id(page), ())
        # (MkDocs sets page.markdown after the last event. static-i18n hands every page on
        # split into lines and joined again, without the last line's end: the same lines
        # are the same Markdown. Compared cheaply first: this runs for every page.)
        read = page.markdown or ""
        if markdown not in (read, read.rstrip("\n")) and markdown.splitlines() != read.splitlines():
            names = [_plugin_label(name) for name in dict.fromkeys(changers)]
            by = " and ".join(names) or "a plugin or hook"
            self.build.rewritten[id(page)] = (markdown, by)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        started = time.perf_counter()
        url = "" if page.url in ("./", ".") else page.url
        root = Path(config.config_file_path).parent
        inside = bool(page.file.abs_src_path) and _inside(
            page.file.abs_src_path, root, config.docs_dir
        )
        # (a page generated into a temporary file, like the blog's archive, has none)
        shown = _display(Path(page.file.abs_src_path), root) if inside else page.file.src_uri
        before = self.build.pages.get(url)
        if before is not None and self.build.built_from.get(url, shown) != shown:
            lost = Overwritten(
                url,
                self.build.built_from[url],
                frozenset(before.ids),
                tuple(sorted(before.hreflang.items())),
            )
            self.build.overwritten.append(lost)
        self.build.built_from[url] = shown
        self.build.pages[url] = extract(output, url)
        if inside:
            if self.includes is None:
                self.includes = includes_of(config)
            markdown, by = self.build.rewritten.pop(id(page), (None, ""))
            self.build.sources[url] = Source(
                shown,
                str(page.file.abs_src_path),
                includes=self.includes,
                rewritten=markdown,
                rewritten_by=by,
            )
        else:
            self.build.sources.pop(url, None)  # (a page overwritten by a generated one)
        self.build.extract_seconds += time.perf_counter() - started
        return output

    def finish(
        self,
        config: MkDocsConfig,
        site_dir: Path | None = None,
        known: Mapping[str, PageLinks] | None = None,
    ) -> BuiltSite:
        """The whole built site, once the last language is written; ``known``: the pages'
        links already read (default: the pages this build wrote)."""
        pages = self.build.pages if known is None else known
        site = read_site(site_dir or Path(config.site_dir), config.site_url or "", pages)
        self.site = configured(
            site, config, self.alternates or (), self.build.sources, self.build.overwritten
        )
        return self.site


def configured(
    site: BuiltSite,
    config: MkDocsConfig,
    alternates: Sequence[str],
    sources: Mapping[str, Source],
    overwritten: Sequence[Overwritten] = (),
) -> BuiltSite:
    """``site`` with what mkdocs.yml tells of it: the paths it names, its label, and for a
    site without site_url the path its absolute links assume (hooks.core.links_check)."""
    root = Path(config.config_file_path).parent
    site = replace(
        site,
        sources=sources,
        overwritten=tuple(overwritten),
        config_label=_display(Path(config.config_file_path), root),
        repo_url=config.repo_url or "",
    )
    site = replace(site, assumed_base=assumed_base(site))
    return replace(site, config_paths=config_paths(config, alternates, site.assumed_base))


# id(page) -> the plugins and hooks whose on_page_markdown changed its Markdown, as MkDocs
# names them; filled by the watchers _watch_markdown_events puts around those events.
_markdown_changers: dict[int, list[str]] = {}


def _watch_markdown_events(config: MkDocsConfig) -> None:
    """Wrap every ``on_page_markdown`` handler so that the ones changing a page's Markdown
    are known by name (MkDocs keeps no record of it). Each handler is wrapped once."""
    plugins = config.plugins
    events = getattr(plugins, "events", {}).get("page_markdown")
    origins = getattr(plugins, "_event_origins", None)  # MkDocs' handler -> plugin name
    if not events or not isinstance(origins, dict):
        return
    for position, handler in enumerate(events):
        if getattr(handler, "watched_for_links", False):
            continue
        name = origins.get(handler, "")

        def watched(
            markdown: str, *args: Any, _handler: Any = handler, _name: str = name, **kwargs: Any
        ) -> Any:
            result = _handler(markdown, *args, **kwargs)
            if result is not None and result != markdown:
                _markdown_changers.setdefault(id(kwargs.get("page")), []).append(_name)
            return result

        watched.watched_for_links = True  # type: ignore[attr-defined]
        events[position] = watched
        origins[watched] = name


def _plugin_label(name: str) -> str:
    """How a finding names what wrote a link: 'hook material/overrides/hooks/x.py',
    'plugin blog'."""
    if not name:
        return "a plugin or hook"
    return f"hook {name}" if name.endswith(".py") else f"plugin {name}"


class CommandCollector(BasePlugin):  # type: ignore[type-arg]  # no config of its own
    """The collector as a plugin the command registers on the project's configuration."""

    def __init__(self, collector: Collector, site_label: str) -> None:
        super().__init__()
        self.collector = collector
        self.site_label = site_label

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.collector.on_pre_build(config)

    @event_priority(-200)
    def on_page_markdown(self, markdown: str, page: Page, **_: Any) -> None:
        self.collector.on_page_markdown(markdown, page)

    @event_priority(-200)
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self.collector.on_post_page(output, page, config)

    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not state.inside_i18n_build(config):
            site = self.collector.finish(config)
            self.collector.site = replace(site, site_dir_label=self.site_label)


_collector = Collector()


def _collect() -> tuple[bytes, dict[str, Source], list[Overwritten], float]:
    build = _collector.build
    return packed(build.pages), build.sources, build.overwritten, build.extract_seconds


def _merge(data: object) -> None:
    started = time.perf_counter()
    pages, sources, overwritten, seconds = data  # type: ignore[misc]  # what _collect returned
    _collector.build.pages.update(unpacked(pages))
    _collector.build.sources.update(sources)
    _collector.build.overwritten.extend(overwritten)
    _collector.build.forked_seconds += seconds
    _collector.build.extract_seconds += time.perf_counter() - started  # (waited for, here)


state.hand_off("links", _collect, _merge)


def _turned_off() -> bool:
    """LINKCHECK=off: `python -m hooks.links` builds the site and checks it itself."""
    return state.turned_off("LINKCHECK")


@event_priority(100)  # before static-i18n rewrites extra.alternate
def on_config(config: MkDocsConfig) -> None:
    _collector.on_config(config)


def on_pre_build(config: MkDocsConfig) -> None:
    if not _turned_off():
        _collector.on_pre_build(config)


@event_priority(-200)  # what the converter gets, after every other plugin
def on_page_markdown(markdown: str, page: Page, **_: Any) -> None:
    if not _turned_off():
        _collector.on_page_markdown(markdown, page)


@event_priority(-200)  # the final HTML, after every other plugin
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _turned_off():
        return output
    return _collector.on_post_page(output, page, config)


@event_priority(-200)  # after static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    if state.inside_i18n_build(config) or _turned_off():
        return
    started = time.perf_counter()
    root = Path(config.config_file_path).parent
    options = options_from(config.extra, root, os.environ)
    known, only = None, None
    before: dict[str, PageLinks | None] = {}
    if serve_state.active():  # `mkdocs serve --dirty`: the rebuilt pages, against the site
        before = {url: serve_state.memory.links.get(url) for url in _collector.build.pages}
        known = serve_state.link_pages(_collector.build.pages)
    with collector_paused():  # (a walk of the site folder: short-lived objects only)
        site = _collector.finish(config, known=known)
    if serve_state.active():  # findings on pages not rebuilt are mapped to their lines too
        _collector.site = site = replace(
            site, sources=serve_state.link_sources(_collector.build.sources)
        )
        only = set(_collector.build.pages) | linking_to(site, before, _collector.build.pages)
    build = _collector.build
    _check(site, options, only, started, build.extract_seconds, build.forked_seconds)


def check_rendered(config: MkDocsConfig, fresh: dict[str, PageLinks]) -> None:
    """`mkdocs serve --dirty`, pages rendered without a build (hooks/quick.py, a post's text
    changed, no page came or went): their links, against the last build's site."""
    if _turned_off() or _collector.site is None:
        return
    started = time.perf_counter()
    root = Path(config.config_file_path).parent
    before = {url: serve_state.memory.links.get(url) for url in fresh}
    site = replace(_collector.site, pages=serve_state.link_pages(fresh))
    only = set(fresh) | linking_to(site, before, fresh)
    _check(site, options_from(config.extra, root, os.environ), only, started)


def _check(
    site: BuiltSite,
    options: Options,
    only: set[str] | None,
    started: float,
    reading: float = 0.0,
    reading_elsewhere: float = 0.0,
) -> None:
    """Check ``site`` and log what was found; ``reading``: the seconds this process spent
    reading pages as they were written, ``reading_elsewhere``: the other languages'
    processes (side by side with this one: not all of it is waited for)."""
    findings, checked = run_checks(site, options, only)
    for finding in sorted(findings, key=lambda f: (f.path, f.line, f.col, f.url)):
        log.warning(str(finding))  # a warning: --strict turns any finding into a failure
    report(findings, checked, options, log.info)
    checked_pages = site.pages if only is None else only
    links = sum(len(site.pages[url].links) for url in checked_pages)
    checking = time.perf_counter() - started
    total = reading + reading_elsewhere + checking
    parts = f"reading pages {reading:.2f} s"
    if reading_elsewhere:
        parts += f" here and {reading_elsewhere:.2f} s in the other processes"
    log.info(
        f"Link check: {links} links on {len(checked_pages)} pages, {total:.2f} s"
        + (f" ({parts}, checking {checking:.2f} s)" if reading else "")
    )


def includes_of(config: MkDocsConfig) -> Includes:
    """Where pymdownx.snippets finds included files (relative to the working directory, as
    the extension resolves them) and what it appends to every page; empty without it. And
    the custom fences of pymdownx.superfences, whose blocks a project may render."""
    fences = (config.mdx_configs.get("pymdownx.superfences") or {}).get("custom_fences") or []
    custom = tuple(
        str(fence["name"]) for fence in fences if isinstance(fence, dict) and fence.get("name")
    )
    if "pymdownx.snippets" not in config.markdown_extensions:
        return Includes(custom_fences=custom)
    options = config.mdx_configs.get("pymdownx.snippets") or {}
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else list(bases or ["."])
    appended = options.get("auto_append") or []
    appended = [appended] if isinstance(appended, str) else list(appended)
    return Includes(
        tuple(os.path.abspath(base) for base in bases),
        tuple(appended),
        str(Path(config.config_file_path).parent),
        custom,
    )


def written_alternates(config: MkDocsConfig) -> tuple[str, ...]:
    """The links of extra.alternate as mkdocs.yml sets them: to be read before the plugins'
    on_config (static-i18n rewrites them for each page it builds)."""
    alternates = config.extra.get("alternate") if hasattr(config.extra, "get") else None
    return tuple(
        link
        for alternate in (alternates if isinstance(alternates, list) else ())
        if isinstance(alternate, dict) and isinstance(link := alternate.get("link"), str)
    )


def config_paths(
    config: MkDocsConfig, alternates: Sequence[str] = (), base: str = ""
) -> dict[str, str]:
    """Site paths that mkdocs.yml names -> the setting naming them (``alternates``: the
    links extra.alternate was written with, see written_alternates; ``base``: the path the
    site is taken to be served under when site_url is not set)."""
    named: dict[str, str] = {}
    theme = config.theme
    for key in ("favicon", "logo"):
        value = theme.get(key) if hasattr(theme, "get") else None
        if isinstance(value, str) and "://" not in value:
            named[value.lstrip("/")] = f"theme.{key}"
    for key in ("extra_css", "extra_javascript"):
        for item in config.get(key) or ():
            path = getattr(item, "path", item)
            if isinstance(path, str) and "://" not in path:
                named[path.lstrip("/")] = key
    for link in alternates:
        if (path := site_path(link, config.site_url or base)) is not None:
            named[path] = ALTERNATE_SETTING
    return named


def _inside(path: str, root: Path, docs_dir: str) -> bool:
    """Whether ``path`` is in the project (string operations: no file-system calls)."""
    path = os.path.abspath(path)
    return any(
        not os.path.relpath(path, folder).startswith("..")
        for folder in (os.path.abspath(root), os.path.abspath(docs_dir))
    )


def _display(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it (string operations: no file-system calls)."""
    relative = os.path.relpath(path, root)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


# ---------------------------------------------------------------------------------------
# The command


def guess_sources(
    config: MkDocsConfig, pages: Mapping[str, object] | None = None
) -> tuple[dict[str, Source], list[Overwritten]]:
    """Page URL -> Markdown source for an already built site (``--site``), as MkDocs maps
    them: mkdocs-static-i18n's folder layout (the default language at the root) and suffix
    layout (``page.fr.md`` -> ``fr/page/``); a page of another language with no source of
    its own is the default language's fallback copy, mapped to that source. And the pages
    two files are built to (``x.md`` and ``x/index.md``), one of them lost."""
    docs = Path(config.docs_dir)
    root = Path(config.config_file_path).parent
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) if i18n is not None else None
    structure = i18n.config.docs_structure if i18n is not None else ""
    languages = [lang.locale for lang in i18n.config.languages] if i18n is not None else []
    sources: dict[str, Source] = {}
    names: dict[str, str] = {}  # page URL -> the file's name as MkDocs maps it
    overwritten = []

    def built_in_order(path: Path) -> tuple[object, ...]:  # (x.md before x/index.md)
        as_file = File(path.relative_to(docs).as_posix(), str(docs), config.site_dir, False)
        return file_sort_key(as_file)

    for path in sorted(docs.rglob("*.md"), key=built_in_order):
        relative = path.relative_to(docs).as_posix()
        prefix = ""
        if structure == "folder" and default and relative.startswith(f"{default}/"):
            relative = relative[len(default) + 1 :]
        elif structure == "suffix":
            stem, _, _ = relative.rpartition(".md")
            base, dot, lang = stem.rpartition(".")
            if dot and lang in languages:
                relative = base + ".md"
                prefix = "" if lang == default else f"{lang}/"
        file = File(relative, str(docs), config.site_dir, config.use_directory_urls)
        url = prefix + ("" if file.url in ("./", ".") else file.url)
        source = Source(_display(path, root), str(path))
        if url in sources and names[url] != relative:  # (not x.md beside x.en.md)
            # The one built last is shown, unless the page's links say it is the other.
            before = sources[url]
            page = (pages or {}).get(url)
            if isinstance(page, PageLinks) and _explains(before, page) > _explains(source, page):
                source, before = before, source
            overwritten.append(Overwritten(url, before.path, frozenset(), (), seen=False))
        names[url] = relative
        sources[url] = source
    for url in pages or {}:
        lang, _, rest = url.partition("/")
        if url not in sources and lang in languages and rest in sources:
            sources[url] = sources[rest]  # the fallback copy shows the default's source
    return sources, overwritten


def _explains(source: Source, page: PageLinks) -> int:
    """How many of ``page``'s content links ``source`` has written."""
    return len(locate(page.links, source.links()))


class BuildLog(logging.Handler):
    """MkDocs' own warnings and errors during the command's build, kept whole as MkDocs
    writes them (``LEVEL -  message``), for hooks/core/build_log.py to show."""

    shown = 30  # a large site logs tens of thousands: the first ones, then a summary

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.levelname:<7} -  {record.getMessage()}")

    def text(self) -> str:
        return "".join(record + "\n" for record in self.records)

    def shorten(self, problems: list[str]) -> list[str]:
        """All of ``problems`` when few; else the first ones and the most frequent rest."""
        if len(problems) <= self.shown:
            return problems
        rest = Counter(problem.splitlines()[0] for problem in problems[self.shown :])
        lines = [f"... and {len(problems) - self.shown} more build warnings/errors, most often:"]
        lines += [f"  (x{count}) {text}" for text, count in rest.most_common(10)]
        if len(rest) > 10:
            lines.append(f"  ... {len(rest) - 10} more distinct (`mkdocs build` lists them all)")
        return [*problems[: self.shown], "\n".join(lines)]


def build_and_collect(
    config_file: Path, strict: bool, site_dir: Path
) -> tuple[MkDocsConfig, BuiltSite | None, str]:
    """Load ``config_file`` and build it into ``site_dir`` in this process as `mkdocs build`
    run in its folder would (that folder the working directory and first on sys.path, so
    ``!!python/name:`` tags, hooks and snippets' relative paths resolve as they do there),
    collecting every page with its source. Returns the config, the site (None when the build
    stopped before the end) and the error that stopped it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    root = config_file.parent
    os.chdir(root)
    if str(root) not in sys.path[:1]:
        sys.path.insert(0, str(root))
    # The project's own copy of this hook (ours) stays quiet: the command checks once; the
    # languages are built in this process, so the collector sees every page.
    os.environ.update(LINKCHECK="off", PARALLEL_LANGUAGES="off", NO_MKDOCS_2_WARNING="1")
    config = load_config(str(config_file), strict=strict)
    label = _display(Path(config.site_dir), root)
    config.site_dir = str(site_dir)
    collector = Collector()
    collector.alternates = written_alternates(config)  # before any plugin's on_config
    config.plugins["hooks.links (command)"] = CommandCollector(collector, label)
    error = ""
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except Abort as abort:  # --strict with warnings, or a BuildError MkDocs has logged
        error = f"ERROR   -  {abort}\n"
    except Exception:  # a project's plugin may raise anything: shown as a crash
        error = traceback.format_exc()
    finally:
        config.plugins.on_shutdown()
    if collector.site is None and error and Path(config.site_dir).is_dir():
        # Stopped after writing pages (--strict aborts once a language is built): check
        # what was written, the pages not seen being read from disk.
        collector.site = replace(collector.finish(config), site_dir_label=label)
    return config, collector.site, error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hooks.links", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("config", type=Path, help="path to mkdocs.yml")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--external", action="store_true", help="also check external links")
    parser.add_argument("--json", type=Path, help="write the JSON report to this file")
    parser.add_argument(
        "--sarif", type=Path, help="also write the findings as SARIF 2.1.0 to this file"
    )
    parser.add_argument(
        "--strict", action="store_true", help="build with --strict; any build warning fails"
    )
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="also say how many links were seen and how many map to a Markdown line",
    )
    args = parser.parse_args(argv)
    config_file = args.config.resolve()
    report_file = args.json.resolve() if args.json else None
    site_arg = args.site.resolve() if args.site else None
    log_handler = BuildLog()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(log_handler)
    mkdocs_log.propagate = False  # summarised below, not echoed line by line
    mkdocs_log.setLevel(logging.WARNING)
    build_failed = False
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as temporary:
        if site_arg is None:
            from mkdocs.exceptions import Abort, ConfigurationError

            try:
                config, site, error = build_and_collect(
                    config_file, args.strict, Path(temporary) / "site"
                )
            except (Abort, ConfigurationError) as abort:  # the config did not load
                paths = build_log.Paths(str(config_file.parent), "docs")
                problems, crash = build_log.problems_and_crash(log_handler.text(), paths)
                for text in build_log.render(problems, crash):
                    print(text)
                shown = _display(config_file, Path.cwd())
                print(f"{shown}: MkDocs could not load this configuration ({abort}).")
                return 1
            # Every warning and error whole (the nav warning's page list too), a crash's
            # traceback, paths relative to the project (hooks/core/build_log.py); a build
            # with hundreds of them shows the first and a summary of the rest.
            root = Path(config.config_file_path).parent
            paths = build_log.Paths(
                str(root),
                _display(Path(config.docs_dir), root),
                str(Path(temporary) / "site"),
                "site",
            )
            problems, crash = build_log.problems_and_crash(log_handler.text() + error, paths)
            for text in build_log.render(log_handler.shorten(problems), crash):
                print(text)
            build_failed = bool(error) or (args.strict and bool(problems))
            if site is None:
                print("The build stopped before writing the site: fix the problems above.")
                return 1
        else:
            from mkdocs.config import load_config

            os.chdir(config_file.parent)
            sys.path.insert(0, str(config_file.parent))
            config = load_config(str(config_file))
            built = read_site(site_arg, config.site_url or "", {})
            sources, overwritten = guess_sources(config, built.pages)
            site = configured(built, config, written_alternates(config), sources, overwritten)
            # (findings name the folder as the user named it)
            site = replace(site, site_dir_label=args.site.as_posix().rstrip("/"))
        root = Path(config.config_file_path).parent
        options = options_from(config.extra, root, os.environ)
        options = replace(
            options,
            external=options.external or args.external,
            report=report_file,
            sarif=args.sarif.resolve() if args.sarif else options.sarif,
        )
        findings, checked = run_checks(site, options)
        for finding in sorted(findings, key=lambda f: (f.path, f.line, f.col, f.url)):
            print(finding)
        report(findings, checked, options, print)
        if args.coverage:
            seen = coverage(site)
            print(f"Coverage: {seen}")
            for emitter, count in sorted(seen.by_emitter.items(), key=lambda item: -item[1]):
                print(f"  {count:7d}  {emitter}")
    return 1 if findings or build_failed else 0


if __name__ == "__main__":
    sys.exit(main())


def links_read(url: str) -> PageLinks | None:
    """The links this process read on the page at ``url`` as it was last written (None with
    the check turned off): hooks/quick.py's renderers hand them to the server."""
    return _collector.build.pages.get(url)


def page_updated(html: str, url: str) -> None:
    """A page written anew without being rendered (hooks/incremental.py): its links are
    read as if it had been, and checked with the rebuilt pages."""
    if _turned_off():
        return
    started = time.perf_counter()
    _collector.build.pages["" if url in ("./", ".") else url] = extract(html, url)
    _collector.build.extract_seconds += time.perf_counter() - started


serve_state.services["check links"] = check_rendered
serve_state.services["page updated"] = page_updated
serve_state.services["links read"] = links_read
