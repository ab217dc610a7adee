"""Link checking: an MkDocs hook, and a command for any MkDocs project.

As a hook: every page's final HTML is read as it is written (``on_post_page``), and once the
last language is built (``on_post_build`` at priority -200, skipped while mkdocs-static-i18n
is still building other languages) every link of every language is checked. Findings are
logged as warnings, so ``mkdocs build --strict`` fails on any. Options: ``extra.linkcheck``
in mkdocs.yml; ``LINKCHECK_EXTERNAL=1`` turns on the external checks.

As a command::

    python -m hooks.links path/to/mkdocs.yml [--site BUILT_DIR] [--external] [--json FILE]
                                             [--strict]

builds the site into a temporary folder unless ``--site`` is given (``--strict``: a strict
build, whose warnings and errors are listed too), checks it, prints the report, and exits
with status 1 when anything is found. ``LINKCHECK=off`` turns the hook's check off.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from hooks import state
from hooks.core import build_log
from hooks.core.links_check import EXTERNAL, BuiltSite, Finding, Source, check
from hooks.core.links_external import Checker, ExternalOptions
from hooks.core.links_extract import PageLinks, extract
from hooks.core.links_report import github_annotations, summary, to_json

log = logging.getLogger("mkdocs.hooks.links")


@dataclass
class Options:
    external: bool = False
    report: Path | None = None
    http: ExternalOptions = field(default_factory=ExternalOptions)


def options_from(extra: Mapping[str, Any], root: Path, environ: Mapping[str, str]) -> Options:
    """Options from ``extra.linkcheck`` in mkdocs.yml; LINKCHECK_EXTERNAL=1/0 overrides."""
    raw = dict(extra.get("linkcheck") or {})
    external = bool(raw.get("external", False))
    if environ.get("LINKCHECK_EXTERNAL", "") != "":
        external = environ["LINKCHECK_EXTERNAL"].lower() in ("1", "true", "yes", "on")
    report = raw.get("report", ".linkcheck/report.json")
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
    return Options(external, (root / report) if report else None, http)


def run_checks(site: BuiltSite, options: Options) -> tuple[list[Finding], int | None]:
    """Internal findings, plus dead external links when enabled; and how many external
    URLs were checked (None when external checks are off)."""
    findings, external = check(site)
    if not options.external:
        return findings, None
    results = Checker(options.http).check_all(use.url for use in external)
    for use in external:
        result = results.get(use.url)
        if result is not None and not result.ok:
            findings.append(
                use.finding(
                    site,
                    EXTERNAL,
                    f"external link is dead ({result.message})",
                    f"look for an archived copy: {result.archive_url}",
                )
            )
    return findings, len(results)


def report(findings: list[Finding], checked: int | None, options: Options, echo: Any) -> None:
    """Summary through ``echo``, the JSON report file, and GitHub annotations in Actions."""
    echo(summary(findings, checked))
    if options.report is not None:
        options.report.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(to_json(findings, checked), indent=1, ensure_ascii=False)
        options.report.write_text(data + "\n", encoding="utf-8")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(findings):
            print(line, flush=True)


def read_site(site_dir: Path, site_url: str, known: Mapping[str, PageLinks]) -> BuiltSite:
    """Every file of ``site_dir``; HTML pages not in ``known`` are parsed from disk."""
    files: set[str] = set()
    pages = dict(known)
    for folder, _, names in os.walk(site_dir):
        prefix = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
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
    extract_seconds: float = 0.0  # parsing pages as they are written, for the timing line


_build = _Build()


def _collect() -> tuple[dict[str, PageLinks], dict[str, Source], float]:
    return _build.pages, _build.sources, _build.extract_seconds


def _merge(data: object) -> None:
    pages, sources, seconds = data  # type: ignore[misc]  # what _collect returned
    _build.pages.update(pages)
    _build.sources.update(sources)
    _build.extract_seconds += seconds


state.hand_off("links", _collect, _merge)


def _turned_off() -> bool:
    """LINKCHECK=off: `python -m hooks.links` builds the site and checks it itself."""
    return state.turned_off("LINKCHECK")


def on_pre_build(config: MkDocsConfig) -> None:
    global _build
    if not state.inside_i18n_build(config):
        _build = _Build()


@event_priority(-200)  # the final HTML, after every other plugin
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _turned_off():
        return output
    started = time.perf_counter()
    url = "" if page.url in ("./", ".") else page.url
    _build.pages[url] = extract(output, url)
    if page.file.abs_src_path:
        source = Path(page.file.abs_src_path)
        root = Path(config.config_file_path).parent
        _build.sources[url] = Source(_display(source, root), str(source))
    _build.extract_seconds += time.perf_counter() - started
    return output


@event_priority(-200)  # after static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    if state.inside_i18n_build(config) or _turned_off():
        return
    started = time.perf_counter()
    root = Path(config.config_file_path).parent
    options = options_from(config.extra, root, os.environ)
    site = read_site(Path(config.site_dir), config.site_url or "", _build.pages)
    site = replace(site, sources=_build.sources)
    findings, checked = run_checks(site, options)
    for finding in sorted(findings, key=lambda f: (f.path, f.line, f.col, f.url)):
        log.warning(str(finding))  # a warning: --strict turns any finding into a failure
    report(findings, checked, options, log.info)
    links = sum(len(page.links) for page in site.pages.values())
    log.info(
        f"Link check: {links} links on {len(site.pages)} pages, "
        f"{(time.perf_counter() - started) + _build.extract_seconds:.2f} s"
    )


def _display(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it (string operations: no file-system calls)."""
    relative = os.path.relpath(path, root)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


# ---------------------------------------------------------------------------------------
# The command


def guess_sources(config: MkDocsConfig) -> dict[str, Source]:
    """Page URL -> Markdown source, as MkDocs maps them (and as mkdocs-static-i18n's folder
    layout moves the default language to the root)."""
    docs = Path(config.docs_dir)
    root = Path(config.config_file_path).parent
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) if i18n is not None else None
    folder = i18n is not None and i18n.config.docs_structure == "folder"
    sources = {}
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        if folder and default and relative.startswith(f"{default}/"):
            relative = relative[len(default) + 1 :]
        file = File(relative, str(docs), config.site_dir, config.use_directory_urls)
        url = "" if file.url in ("./", ".") else file.url
        sources[url] = Source(_display(path, root), str(path))
    return sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hooks.links", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("config", type=Path, help="path to mkdocs.yml")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--external", action="store_true", help="also check external links")
    parser.add_argument("--json", type=Path, help="write the JSON report to this file")
    parser.add_argument(
        "--strict", action="store_true", help="build with --strict; any build warning fails"
    )
    args = parser.parse_args(argv)
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # loading the config is not the report
    config = load_config(str(args.config))
    root = Path(config.config_file_path).parent
    options = options_from(config.extra, root, os.environ)
    options = replace(options, external=options.external or args.external, report=args.json)
    build_failed = False
    with tempfile.TemporaryDirectory() as temporary:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(temporary) / "site"
            command = [sys.executable, "-m", "mkdocs", "build", "-f", str(args.config)]
            command += ["-d", str(site_dir), *(["--strict"] if args.strict else [])]
            # The build's own link check is this command's job here: not twice.
            env = {**os.environ, "LINKCHECK": "off", "NO_MKDOCS_2_WARNING": "1"}
            built = subprocess.run(  # noqa: S603 - our own interpreter running mkdocs
                command, env=env, capture_output=True, text=True, check=False
            )
            # Every warning and error whole (the nav warning's page list too), a crash's
            # traceback, paths relative to the project (hooks/core/build_log.py).
            paths = build_log.Paths(
                str(root), _display(Path(config.docs_dir), root), str(site_dir), "site"
            )
            output = built.stdout + built.stderr
            problems, crash = build_log.problems_and_crash(output, paths)
            for text in build_log.render(problems, crash):
                print(text)
            build_failed = built.returncode != 0
            if not site_dir.exists():
                if not problems and crash is None:  # nothing recognised: all of it, then
                    print(paths.shorten(output.strip()))
                print("The build stopped before writing the site: fix the problems above.")
                return 1
        site = replace(
            read_site(site_dir, config.site_url or "", {}), sources=guess_sources(config)
        )
        if args.site is None:  # built here, in a temporary folder: name it as `make build`'s
            site = replace(site, site_dir_label="site")
        findings, checked = run_checks(site, options)
        for finding in sorted(findings, key=lambda f: (f.path, f.line, f.col, f.url)):
            print(finding)
        report(findings, checked, options, print)
    return 1 if findings or build_failed else 0


if __name__ == "__main__":
    sys.exit(main())
