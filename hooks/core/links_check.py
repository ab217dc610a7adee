"""Checks every internal link of a built site; collects external ones for the HTTP checker.

Input: every page's links and ids (:mod:`links_extract`), the set of files in the site, the
site URL, and for pages built from Markdown their source text (for line numbers). One pass
over pages and links: linear in both.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from hooks.core.links_extract import CONTENT, Link, PageLinks
from hooks.core.links_source import SourceLink, locate, scan

# Kinds of findings (also the keys of the JSON report).
MISSING_TARGET = "missing-target"
MISSING_ANCHOR = "missing-anchor"
FOLDER_WITHOUT_INDEX = "folder-without-index"
ABSOLUTE_PATH = "absolute-path"
MARKDOWN_LINK = "unrewritten-md-link"
HREFLANG_MISSING = "hreflang-target-missing"
HREFLANG_NOT_RECIPROCAL = "hreflang-not-reciprocal"
CROSS_LANGUAGE = "cross-language-link"
MAILTO = "invalid-mailto"
EXTERNAL = "external-link"

_EMAIL = re.compile(r"^[^@\s,;<>()]+@[^@\s,;<>()]+\.[^@\s,;<>()]+$")
_SKIPPED_SCHEMES = ("javascript", "data", "tel", "sms", "ftp", "file", "blob")


@dataclass(frozen=True)
class Source:
    """The Markdown file a page was built from."""

    path: str  # as shown to authors, e.g. docs/es/posts/x.md
    text: str  # the whole file (front matter included, so lines match the file)


@dataclass(frozen=True)
class Finding:
    kind: str
    page: str  # site URL of the page carrying the link
    url: str  # the link as it appears in the HTML
    message: str
    path: str  # file to fix: the Markdown source, else the built page
    line: int = 0  # 0: unknown (emitted by a template or hook)
    col: int = 0
    written: str = ""  # the link as the author wrote it, when known
    emitter: str = CONTENT
    suggestion: str = ""

    @property
    def location(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col}"
        if self.emitter != CONTENT:
            where += f" ({self.emitter})"
        return where

    def __str__(self) -> str:
        text = f"{self.location}: {self.written or self.url}: {self.message}"
        return f"{text}; {self.suggestion}" if self.suggestion else text


@dataclass
class BuiltSite:
    """A built site, as the checker sees it."""

    pages: dict[str, PageLinks]  # site URL -> links and ids
    files: set[str]  # every file in the site folder, site-relative POSIX paths
    site_url: str = ""
    sources: Mapping[str, Source] = field(default_factory=dict)  # page URL -> source
    site_dir_label: str = "site"

    @property
    def base_path(self) -> str:
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"


@dataclass(frozen=True)
class ExternalUse:
    """An external URL and one place it is used (for the HTTP checker's report)."""

    url: str
    finding_stub: Finding


def check(site: BuiltSite) -> tuple[list[Finding], list[ExternalUse]]:
    """All internal findings, and every external link with where it is used."""
    folders = _folders(site.files)
    findings: list[Finding] = []
    external: list[ExternalUse] = []
    for page_url in sorted(site.pages):
        page = site.pages[page_url]
        source = site.sources.get(page_url)
        located = locate(page.links, scan(source.text)) if source else {}
        for link in page.links:
            where = _where(site, page, link, source, located)
            result = _check_link(site, folders, page, link, where)
            if isinstance(result, ExternalUse):
                external.append(result)
            elif result is not None:
                findings.append(result)
        findings.extend(_check_hreflang(site, page, source))
    return findings, external


def _where(
    site: BuiltSite,
    page: PageLinks,
    link: Link,
    source: Source | None,
    located: Mapping[int, SourceLink],
) -> Finding:
    """A finding template carrying the location of ``link``."""
    written = located.get(link.index) if link.origin == CONTENT else None
    path = source.path if source else f"{site.site_dir_label}/{_html_file(page.url)}"
    return Finding(
        kind="",
        page=page.url,
        url=link.url,
        message="",
        path=path,
        line=written.line if written else 0,
        col=written.col if written else 0,
        written=written.url if written else "",
        emitter=link.origin
        if (written or link.origin != CONTENT)
        else "content (not found in source)",
    )


def _html_file(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


def _check_link(
    site: BuiltSite, folders: set[str], page: PageLinks, link: Link, where: Finding
) -> Finding | ExternalUse | None:
    url = link.url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return _check_mailto(url, where)
    if scheme in _SKIPPED_SCHEMES:
        return None
    if scheme in ("http", "https") or url.startswith("//"):
        root = site.site_url.rstrip("/") + "/"
        if site.site_url and url.startswith(root):
            # Our own absolute URL: check it as the path under site_url it stands for.
            path = site.base_path + url[len(root) :]
            return _check_internal(site, folders, page, link, where, path)
        return ExternalUse(url, where)
    if scheme:
        return None
    if url in ("", "#"):
        return None
    return _check_internal(site, folders, page, link, where, url)


def _check_internal(
    site: BuiltSite, folders: set[str], page: PageLinks, link: Link, where: Finding, url: str
) -> Finding | None:
    parts = urlsplit(url)
    fragment = unquote(parts.fragment)
    if parts.path.startswith("/"):
        base = site.base_path
        if not parts.path.startswith(base):
            return _finding(
                where,
                ABSOLUTE_PATH,
                f"absolute path: breaks when the site is served under {base} (its site_url)",
                "use a relative link, or a link to the .md file",
            )
        target = unquote(parts.path[len(base) :])
    elif parts.path == "":
        target = page.url
    else:
        directory = (
            page.url if page.url.endswith("/") or page.url == "" else posixpath.dirname(page.url)
        )
        joined = posixpath.normpath(posixpath.join("/" + directory, unquote(parts.path)))
        target = joined.lstrip("/")
        if parts.path.endswith("/") and target:
            target += "/"
    target_page = _page_for(site, folders, target)
    if target.split("/")[-1].endswith(".md"):
        return _finding(
            where,
            MARKDOWN_LINK,
            "link to a .md file was not rewritten (no such page in the build)",
            _suggest_page(site, target, where),
        )
    if target_page is None:
        if target in site.files:
            return None  # a file that is not a page (stylesheet, image, PDF...)
        folder = target.rstrip("/")
        if folder in folders and f"{folder}/index.html" not in site.files:
            return _finding(where, FOLDER_WITHOUT_INDEX, f"folder /{folder}/ has no index.html", "")
        return _finding(
            where, MISSING_TARGET, "target does not exist", _suggest_page(site, target, where)
        )
    if fragment and fragment not in target_page.ids:
        return _finding(
            where,
            MISSING_ANCHOR,
            f"no element with id {fragment!r} on /{target_page.url}",
            _suggest_id(fragment, target_page.ids),
        )
    if (
        link.origin == CONTENT
        and link.hreflang is None
        and page.lang
        and target_page.lang
        and target_page.lang != page.lang
        and page.lang in target_page.hreflang
    ):
        own = _internal_path(site, target_page.hreflang[page.lang])
        return _finding(
            where,
            CROSS_LANGUAGE,
            f"a {page.lang} page links to the {target_page.lang} version of /{target_page.url}",
            f"link the {page.lang} page /{own} instead, or mark the link with hreflang",
        )
    return None


def _page_for(site: BuiltSite, folders: set[str], target: str) -> PageLinks | None:
    for candidate in (target, target.rstrip("/") + "/" if target else ""):
        if candidate in site.pages:
            return site.pages[candidate]
    return None


def _internal_path(site: BuiltSite, url: str) -> str:
    if site.site_url and url.startswith(site.site_url):
        return url[len(site.site_url) :]
    return url.lstrip("/")


def _check_mailto(url: str, where: Finding) -> Finding | None:
    addresses = unquote(url[len("mailto:") :].split("?", 1)[0])
    bad = [address for address in addresses.split(",") if not _EMAIL.match(address.strip())]
    if addresses.strip() and not bad:
        return None
    return _finding(
        where,
        MAILTO,
        f"invalid e-mail address {', '.join(bad) or '(none)'!r}",
        "mailto:name@example.org",
    )


def _check_hreflang(site: BuiltSite, page: PageLinks, source: Source | None) -> list[Finding]:
    """Alternates point at pages that exist and that point back."""
    findings = []
    path = source.path if source else f"{site.site_dir_label}/{_html_file(page.url)}"
    for lang, href in sorted(page.hreflang.items()):
        target_url = _internal_path(site, href)
        target = site.pages.get(target_url)
        base = Finding("", page.url, href, "", path, emitter="theme: main.html (head)")
        if target is None:
            findings.append(
                _finding(base, HREFLANG_MISSING, f"hreflang={lang} alternate does not exist", "")
            )
            continue
        if lang == "x-default" or target_url == page.url:
            continue
        back = {
            _internal_path(site, url)
            for code, url in target.hreflang.items()
            if code != "x-default"
        }
        if page.url not in back:
            findings.append(
                _finding(
                    base,
                    HREFLANG_NOT_RECIPROCAL,
                    f"hreflang={lang} alternate /{target_url} does not link back to /{page.url}",
                    "",
                )
            )
    return findings


def _finding(where: Finding, kind: str, message: str, suggestion: str) -> Finding:
    return Finding(
        kind=kind,
        page=where.page,
        url=where.url,
        message=message,
        path=where.path,
        line=where.line,
        col=where.col,
        written=where.written,
        emitter=where.emitter,
        suggestion=suggestion,
    )


def _suggest_id(fragment: str, ids: Iterable[str]) -> str:
    candidates = [i for i in ids if not i.startswith("__")]
    close = difflib.get_close_matches(fragment, candidates, n=1, cutoff=0.5)
    return f"did you mean #{close[0]}?" if close else ""


def _suggest_page(site: BuiltSite, target: str, where: Finding) -> str:
    """The closest existing page, as a path to its Markdown file when known."""
    wanted = target.removesuffix(".md").rstrip("/")
    lang = site.pages[where.page].lang if where.page in site.pages else None
    pages = {
        url.rstrip("/"): url
        for url, page in site.pages.items()
        if url != where.page and (lang is None or page.lang == lang)
    }
    close = difflib.get_close_matches(wanted, list(pages), n=1, cutoff=0.6)
    if not close:
        return ""
    url = pages[close[0]]
    source = site.sources.get(url)
    here = site.sources.get(where.page)
    if source and here and where.emitter == CONTENT:
        relative = posixpath.relpath(source.path, posixpath.dirname(here.path))
        return f"did you mean {relative}?"
    return f"did you mean /{url}?"


def _folders(files: Iterable[str]) -> set[str]:
    folders: set[str] = set()
    for file in files:
        parent = posixpath.dirname(file)
        while parent and parent not in folders:
            folders.add(parent)
            parent = posixpath.dirname(parent)
    return folders
