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
from dataclasses import dataclass, field, replace
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
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Source:
    """The Markdown file a page was built from; read only when a finding needs its lines."""

    path: str  # as shown to authors, e.g. docs/es/posts/x.md
    file: str = ""  # where to read it; empty when ``content`` is given
    content: str | None = None

    @property
    def text(self) -> str:
        """The whole file (front matter included, so lines match the file)."""
        if self.content is not None:
            return self.content
        with open(self.file, encoding="utf-8") as handle:
            return handle.read()


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
    """An external URL and one place it is used; located only if the URL proves dead."""

    url: str
    page: str
    link: Link

    def finding(self, site: BuiltSite, kind: str, message: str, suggestion: str) -> Finding:
        page = site.pages[self.page]
        source = site.sources.get(self.page)
        located = locate(page.links, scan(source.text)) if source else {}
        where = _where(site, page, self.link, source, located)
        return replace(where, kind=kind, message=message, suggestion=suggestion)


@dataclass(frozen=True)
class _Issue:
    kind: str
    message: str
    suggestion: str = ""


_EXTERNAL = _Issue(EXTERNAL, "")


def check(site: BuiltSite) -> tuple[list[Finding], list[ExternalUse]]:
    """All internal findings, and every external link with where it is used."""
    folders = _folders(site.files)
    findings: list[Finding] = []
    external: list[ExternalUse] = []
    for page_url in sorted(site.pages):
        page = site.pages[page_url]
        source = site.sources.get(page_url)
        located: dict[int, SourceLink] | None = None  # the Markdown is scanned only if needed
        for link in page.links:
            issue = _check_link(site, folders, page, link)
            if issue is None:
                continue
            if issue is _EXTERNAL:
                external.append(ExternalUse(link.url, page_url, link))
                continue
            if located is None:
                located = locate(page.links, scan(source.text)) if source else {}
            where = _where(site, page, link, source, located)
            findings.append(
                replace(where, kind=issue.kind, message=issue.message, suggestion=issue.suggestion)
            )
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
    emitter = link.origin
    if link.origin == CONTENT and written is None:
        emitter = "content (not found in the Markdown source)"
    return Finding(
        kind="",
        page=page.url,
        url=link.url,
        message="",
        path=path,
        line=written.line if written else 0,
        col=written.col if written else 0,
        written=written.url if written else "",
        emitter=emitter,
    )


def _html_file(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


def _scheme(url: str) -> str:
    """The URL's scheme, lowercased ('' for a relative reference)."""
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else ""


def _check_link(site: BuiltSite, folders: set[str], page: PageLinks, link: Link) -> _Issue | None:
    url = link.url.strip()
    scheme = _scheme(url)
    if scheme == "mailto":
        return _check_mailto(url)
    if scheme in ("http", "https") or url.startswith("//"):
        root = site.site_url.rstrip("/") + "/"
        if site.site_url and url.startswith(root):
            # Our own absolute URL: check it as the path under site_url it stands for.
            return _check_internal(site, folders, page, link, site.base_path + url[len(root) :])
        return _EXTERNAL
    if scheme or url in ("", "#"):
        return None  # javascript:, data:, tel:... and the bare "#" are not links to check
    return _check_internal(site, folders, page, link, url)


def _check_internal(
    site: BuiltSite, folders: set[str], page: PageLinks, link: Link, url: str
) -> _Issue | None:
    path, _, fragment = url.partition("#")
    path = path.partition("?")[0]
    if "%" in path:
        path = unquote(path)
    if "%" in fragment:
        fragment = unquote(fragment)
    if path.startswith("/"):
        base = site.base_path
        if not path.startswith(base):
            return _Issue(
                ABSOLUTE_PATH,
                f"absolute path: breaks when the site is served under {base} (its site_url)",
                "use a relative link, or a link to the .md file",
            )
        target = _normalize(path[len(base) :])
    elif path == "":
        target = page.url
    else:
        directory = (
            page.url if page.url.endswith("/") or page.url == "" else posixpath.dirname(page.url)
        )
        target = _normalize(posixpath.join(directory, path))
    if target.endswith(".md") or ".md/" in target:
        return _Issue(
            MARKDOWN_LINK,
            "link to a .md file was not rewritten (no such page in the build)",
            _suggest_page(site, target, page, link),
        )
    target_page = _page_for(site, target)
    if target_page is None:
        if target in site.files:
            return None  # a file that is not a page (stylesheet, image, PDF...)
        folder = target.rstrip("/")
        if folder in folders and f"{folder}/index.html" not in site.files:
            return _Issue(FOLDER_WITHOUT_INDEX, f"folder /{folder}/ has no index.html")
        return _Issue(
            MISSING_TARGET, "target does not exist", _suggest_page(site, target, page, link)
        )
    if fragment and fragment not in target_page.ids:
        return _Issue(
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
        return _Issue(
            CROSS_LANGUAGE,
            f"a {page.lang} page links to the {target_page.lang} version of /{target_page.url}",
            f"link the {page.lang} page /{own} instead, or mark the link with hreflang",
        )
    return None


def _normalize(path: str) -> str:
    """A site path without dot segments, as browsers resolve it: 'a/./b/../' -> 'a/',
    '.' -> '' (the root); a trailing slash (or dot segment) keeps it a folder."""
    folder = path.endswith(("/", "/.", "/..")) or path in (".", "..")
    target = posixpath.normpath("/" + path).lstrip("/")
    return target + "/" if folder and target else target


def _page_for(site: BuiltSite, target: str) -> PageLinks | None:
    page = site.pages.get(target)
    if page is None and target and not target.endswith("/"):
        page = site.pages.get(target + "/")
    return page


def _internal_path(site: BuiltSite, url: str) -> str:
    if site.site_url and url.startswith(site.site_url):
        return url[len(site.site_url) :]
    return url.lstrip("/")


def _check_mailto(url: str) -> _Issue | None:
    addresses = unquote(url[len("mailto:") :].split("?", 1)[0])
    bad = [address for address in addresses.split(",") if not _EMAIL.match(address.strip())]
    if addresses.strip() and not bad:
        return None
    return _Issue(
        MAILTO, f"invalid e-mail address {', '.join(bad) or '(none)'!r}", "mailto:name@example.org"
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
            message = f"hreflang={lang} alternate does not exist"
            findings.append(replace(base, kind=HREFLANG_MISSING, message=message))
            continue
        if lang == "x-default" or target_url == page.url:
            continue
        back = {
            _internal_path(site, url)
            for code, url in target.hreflang.items()
            if code != "x-default"
        }
        if page.url not in back:
            message = f"hreflang={lang} alternate /{target_url} does not link back to /{page.url}"
            findings.append(replace(base, kind=HREFLANG_NOT_RECIPROCAL, message=message))
    return findings


def _suggest_id(fragment: str, ids: Iterable[str]) -> str:
    candidates = [i for i in ids if not i.startswith("__")]
    close = difflib.get_close_matches(fragment, candidates, n=1, cutoff=0.5)
    return f"did you mean #{close[0]}?" if close else ""


def _suggest_page(site: BuiltSite, target: str, page: PageLinks, link: Link) -> str:
    """The closest existing page in the page's language, as a path to its Markdown file
    when the link was written by the author."""
    wanted = target.removesuffix(".md").rstrip("/")
    pages = {
        url.rstrip("/"): url
        for url, other in site.pages.items()
        if url != page.url and (page.lang is None or other.lang == page.lang)
    }
    close: list[str] = []
    if link.origin == CONTENT:
        # The author wrote the link: a page with a Markdown file first (generated pages,
        # such as a post's parallel view under its URL, only when none is close).
        written = [key for key, url in pages.items() if url in site.sources]
        close = difflib.get_close_matches(wanted, written, n=1, cutoff=0.6)
    close = close or difflib.get_close_matches(wanted, list(pages), n=1, cutoff=0.6)
    if not close:
        return ""
    url = pages[close[0]]
    source = site.sources.get(url)
    here = site.sources.get(page.url)
    if source and here and link.origin == CONTENT:
        return f"did you mean {posixpath.relpath(source.path, posixpath.dirname(here.path))}?"
    return f"did you mean /{url}?"


def _folders(files: Iterable[str]) -> set[str]:
    folders: set[str] = set()
    for file in files:
        parent = posixpath.dirname(file)
        while parent and parent not in folders:
            folders.add(parent)
            parent = posixpath.dirname(parent)
    return folders
