"""Checks every internal link of a built site; collects external ones for the HTTP checker.

Input: every page's links and ids (:mod:`links_extract`), the set of files in the site, the
site URL, and for pages built from Markdown their source text (for line numbers). One pass
over pages and links: linear in both.
"""

from __future__ import annotations

import contextlib
import difflib
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from hooks.core.links_extract import CONTENT, Link, PageLinks
from hooks.core.links_source import (
    Includes,
    SourceLink,
    block_directive,
    locate,
    scan,
    scan_fenced,
    scan_rewritten,
)

# Kinds of findings (also the keys of the JSON report).
MISSING_TARGET = "missing-target"
MISSING_ANCHOR = "missing-anchor"
FOLDER_WITHOUT_INDEX = "folder-without-index"
ABSOLUTE_PATH = "absolute-path"
MARKDOWN_LINK = "unrewritten-md-link"
HREFLANG_MISSING = "hreflang-target-missing"
HREFLANG_NOT_RECIPROCAL = "hreflang-not-reciprocal"
HREFLANG_LANG_MISMATCH = "hreflang-lang-mismatch"  # the page named as X says <html lang=Y>
ALTERNATE_SETTING = "extra.alternate"  # the mkdocs.yml setting of the language switcher
CROSS_LANGUAGE = "cross-language-link"
MAILTO = "invalid-mailto"
EXTERNAL = "external-link"
UNREACHABLE = "external-unreachable"  # no answer (DNS, refused, timeout): not known dead
PAGE_OVERWRITTEN = "page-overwritten"  # two sources built to one URL: the last one wins
SITE_URL_MISSING = "site-url-missing"  # absolute links assume a path that site_url omits

_EMAIL = re.compile(r"^[^@\s,;<>()]+@[^@\s,;<>()]+\.[^@\s,;<>()]+$")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Source:
    """The Markdown file a page was built from; read only when a finding needs its lines."""

    path: str  # as shown to authors, e.g. docs/es/posts/x.md
    file: str = ""  # where to read it; empty when ``content`` is given
    content: str | None = None
    includes: Includes | None = None  # where its snippets are found (pymdownx.snippets)
    # The Markdown as plugins and hooks handed it to the converter, when they changed it
    # (a shortcode expanded into a link), and who changed it ("hook shortcodes.py").
    rewritten: str | None = None
    rewritten_by: str = ""

    def links(self, text: str | None = None) -> list[SourceLink]:
        """Every link written in the source (``text``, when already read), snippets
        included, in reading order; with ``rewritten``, every link of what was converted,
        at the file's line."""
        text = self.text if text is None else text
        if self.rewritten is not None:
            return scan_rewritten(text, self.rewritten, self.rewritten_by, self.includes)
        return scan(text, self.includes)

    @property
    def text(self) -> str:
        """The whole file (front matter included, so lines match the file)."""
        if self.content is not None:
            return self.content
        try:
            with open(self.file, encoding="utf-8", errors="replace") as handle:
                return handle.read()
        except OSError:
            return ""  # gone since the build (a generated page's temporary file)


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
    target: str = ""  # the site path the link resolves to ('' when it does not resolve)
    pages: tuple[str, ...] = ()  # every page showing this defect (one finding per defect)
    languages: tuple[str, ...] = ()  # the languages of those pages, when known

    @property
    def page_count(self) -> int:
        return len(self.pages) or 1

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
        if len(self.languages) > 1:
            text += f" (shown in {', '.join(self.languages)})"
        elif len(self.pages) > 1:
            text += f" (on {len(self.pages)} pages)"
        return one_line(f"{text}; {self.suggestion}" if self.suggestion else text)


def one_line(text: str) -> str:
    """``text`` with line breaks and other unprintable characters escaped ('\\n'): a finding
    is one log line, whatever a page's attributes held (a line starting with '::' in a
    GitHub Actions log is a workflow command)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


@dataclass(frozen=True)
class Overwritten:
    """A page written, then overwritten by another page with the same URL: two Markdown
    files that MkDocs builds to one HTML file (``x.md`` and ``x/index.md``), the one built
    last being what the site shows. What it had is kept to tell the findings it causes."""

    url: str
    source: str  # the overwritten page's file, as shown to authors
    ids: frozenset[str]
    hreflang: tuple[tuple[str, str], ...]
    # False: told from the docs folder (an already built site, ``--site``), the lost page
    # never seen, so neither which file the site shows nor what the other had is known.
    seen: bool = True


@dataclass
class BuiltSite:
    """A built site, as the checker sees it."""

    pages: dict[str, PageLinks]  # site URL -> links and ids
    files: set[str]  # every file in the site folder, site-relative POSIX paths
    site_url: str = ""
    sources: Mapping[str, Source] = field(default_factory=dict)  # page URL -> source
    site_dir_label: str = "site"
    # Site paths that mkdocs.yml names (favicon, logo, extra_css...) -> the setting, so a
    # broken one is one finding naming the config file, not one per page.
    config_paths: Mapping[str, str] = field(default_factory=dict)
    config_label: str = "mkdocs.yml"
    overwritten: Sequence[Overwritten] = ()
    # Without site_url: the path the site's absolute links assume (assumed_base), and
    # repo_url, for the site_url to suggest.
    assumed_base: str = ""
    repo_url: str = ""

    @property
    def base_path(self) -> str:
        if not self.site_url and self.assumed_base:
            return self.assumed_base
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
        located = located_in(site, page, source) if source else {}
        where = _where(site, page, self.link, source, located)
        return replace(where, kind=kind, message=message, suggestion=suggestion)


@dataclass(frozen=True)
class _Issue:
    kind: str
    message: str
    suggestion: str = ""
    target: str = ""
    raw_suggestion: str = ""  # the same suggestion as a URL, for links written in raw HTML


_EXTERNAL = _Issue(EXTERNAL, "")
_UNLOCATED = "content (not found in the Markdown source)"


def check(
    site: BuiltSite, only: Collection[str] | None = None
) -> tuple[list[Finding], list[ExternalUse]]:
    """All internal findings, and every external link with where it is used; ``only``: of
    these pages (``mkdocs serve`` checks the pages it rebuilt), against the whole site."""
    folders = _folders(site.files)
    findings: list[Finding] = []
    external: list[ExternalUse] = []
    # Links found fine, by what they resolve from (_reuse_key): the theme's and the hooks'
    # are nine in ten of a blog's links, the same few on every page; the author's often
    # name the same post from many pages. An author's link is keyed with its page's language
    # and whether it carries hreflang too: the cross-language rule depends on both.
    fine: set[tuple[str, ...]] = set()
    for page_url in sorted(site.pages if only is None else set(only) & site.pages.keys()):
        page = site.pages[page_url]
        source = site.sources.get(page_url)
        ancestors = _ancestors(_folder_of(page_url))
        located: dict[int, SourceLink] | None = None  # the Markdown is scanned only if needed
        for link in page.links:
            key: tuple[str, ...] = _reuse_key(page_url, ancestors, link.url)
            if link.origin == CONTENT:
                key = (*key, page.lang or "", "" if link.hreflang is None else "hreflang")
            if key in fine:
                continue
            alternate = link.tag == "link" and link.rel == "alternate" and link.hreflang
            if alternate and resolve(site, page_url, link.url) is not None:
                # An hreflang alternate inside the site: _check_hreflang says what is wrong,
                # once (not checked here, where a missing page would look for suggestions).
                continue
            issue = _check_link(site, folders, page, link)
            if issue is None:
                fine.add(key)
                continue
            if issue is _EXTERNAL:
                external.append(ExternalUse(link.url, page_url, link))
                continue
            if located is None:
                located = located_in(site, page, source) if source else {}
            if issue.kind == CROSS_LANGUAGE and link.index not in located:
                continue  # generated (autorefs, a plugin): not the author's to change
            where = _where(site, page, link, source, located)
            findings.append(
                replace(
                    where,
                    kind=issue.kind,
                    message=issue.message,
                    suggestion=_suggestion_for(issue, where, located.get(link.index)),
                    target=issue.target,
                )
            )
        findings.extend(_check_hreflang(site, page, source))
    if only is None:  # (a whole-site defect: told by whole checks, not by `mkdocs serve`'s)
        findings = _site_url_missing(site, findings)
    return merge(site, _overwritten(site, findings)), external


def assumed_base(site: BuiltSite) -> str:
    """For a site without site_url: the path its absolute links assume it is served under,
    when they name one ('/proj/ja/' where the site has 'ja/' and no 'proj/'), else ''.

    A project site on GitHub Pages lives at /proj/ and works without site_url, but nothing
    in its config says so: its '/proj/...' links would all look broken. Two different
    targets are required, one of them not the home page, so that one mistyped '/x/' to
    the home page is not taken for the site's path."""
    if site.site_url:
        return ""
    tops = {name.partition("/")[0] for name in site.files}
    targets: dict[str, set[str]] = {}
    for _, href in _absolute_paths(site):
        path = unquote(href.partition("#")[0].partition("?")[0])[1:]
        first, _, rest = path.partition("/")
        if first and first not in tops and _exists(site, _normalize(rest)):
            targets.setdefault(first, set()).add(rest)
    named = [(len(rests), first) for first, rests in targets.items() if len(rests) >= 2]
    return f"/{max(named)[1]}/" if named else ""


def _absolute_paths(site: BuiltSite) -> Iterable[tuple[str, str]]:
    """(page URL, href) for every '/path' link and alternate of the site, stripped."""
    for page in site.pages.values():
        for href in [*(link.url for link in page.links), *page.hreflang.values()]:
            href = href.strip()
            if href.startswith("/") and not href.startswith("//"):
                yield page.url, href


def _exists(site: BuiltSite, target: str) -> bool:
    return _page_for(site, target) is not None or target in site.files


def _site_url_missing(site: BuiltSite, findings: list[Finding]) -> list[Finding]:
    """``findings`` and one more at mkdocs.yml when the links were checked under an
    assumed base. It takes in the 404 pages' absolute links: without site_url, MkDocs
    writes them from '/' (the theme's stylesheets, scripts and alternates), which setting
    site_url mends."""
    base = site.assumed_base
    if site.site_url or not base:
        return findings
    from_root = [f for f in findings if f.kind == ABSOLUTE_PATH and _is_404(f.page)]
    findings = [f for f in findings if f not in from_root]
    uses: dict[str, set[str]] = {}
    for page_url, href in _absolute_paths(site):
        if href.startswith(base):
            uses.setdefault(href, set()).add(page_url)
    example = max(uses, key=lambda href: (len(uses[href]), href)) if uses else base
    pages = tuple(sorted({page for shown in uses.values() for page in shown}))
    address = _github_pages_url(site.repo_url, base)
    broken_404 = ""
    if from_root:
        count = len({f.url for f in from_root})
        shown = sorted({f.page for f in from_root})
        broken_404 = (
            f"; and the 404 page's {count} links written from / (its stylesheets, scripts and"
            f" alternates) break under {base}, leaving it unstyled ({', '.join(shown)})"
        )
    return [
        *findings,
        Finding(
            SITE_URL_MISSING,
            pages[0] if pages else "",
            base,
            f"site_url is not set, yet {len(uses)} absolute links (such as {example}) assume"
            f" the site is served under {base}: they were checked as if it were{broken_404}",
            site.config_label,
            emitter="site_url in mkdocs.yml",
            suggestion=f"set site_url to the site's address{address}; MkDocs needs it"
            " for sitemap.xml and canonical links too",
            target=base,
            pages=pages,
        ),
    ]


def _github_pages_url(repo_url: str, base: str) -> str:
    """' (https://owner.github.io/proj/, the GitHub Pages address of repo_url)' when
    repo_url is github.com/owner/proj and proj is the assumed base; else ''."""
    parts = urlsplit(repo_url.strip())
    owner, _, name = parts.path.strip("/").partition("/")
    name = name.removesuffix(".git")
    if parts.netloc.lower() != "github.com" or not owner or f"/{name}/" != base:
        return ""
    return f" (https://{owner.lower()}.github.io{base}, the GitHub Pages address of repo_url)"


def _overwritten(site: BuiltSite, findings: list[Finding]) -> list[Finding]:
    """``findings`` with one finding per overwritten page, which takes in those it causes:
    links to ids only the overwritten page had, and hreflang findings on or about it."""
    if not site.overwritten:
        return findings
    by_url: dict[str, list[Overwritten]] = {}
    for lost in site.overwritten:
        by_url.setdefault(lost.url, []).append(lost)
    caused: dict[str, list[Finding]] = {url: [] for url in by_url}
    kept = []
    for finding in findings:
        cause = _caused_by(site, finding, by_url)
        if cause is None:
            kept.append(finding)
        else:
            caused[cause].append(finding)
    for url, losts in sorted(by_url.items()):
        source = site.sources.get(url)
        shown = source.path if source else f"{site.site_dir_label}/{_html_file(url)}"
        others = ", ".join(dict.fromkeys(lost.source for lost in losts))
        message = (
            f"{others} and {shown} are both built to /{url}: the site shows {shown}'s page,"
            f" built last, and {others}'s is lost"
        )
        if not all(lost.seen for lost in losts):
            message = (
                f"{others} and {shown} are both built to /{url}: the site shows the page of"
                " whichever MkDocs built last, and the other's is lost"
            )
        # (a fallback copy's link is the same written link: counted once)
        places = sorted(
            {f.location for f in caused[url] if f.line}
            | {f"{f.kind} on /{f.page}" for f in caused[url] if not f.line}
        )
        if places:
            message += f"; {len(places)} links break because of it ({', '.join(places)})"
        kept.append(
            Finding(
                PAGE_OVERWRITTEN,
                url,
                f"/{url}",
                message,
                shown,
                emitter=CONTENT,
                suggestion="remove the stale file, or rename one of them",
                target=url,
            )
        )
    return kept


def _caused_by(
    site: BuiltSite, finding: Finding, by_url: Mapping[str, list[Overwritten]]
) -> str | None:
    """The overwritten page's URL when ``finding`` would not be, with the lost page shown:
    a link to an id only it had, its own alternates (the shown page's differ from its), an
    alternate it links back to and the shown page does not. (A lost page not seen has no
    ids nor alternates: its page's alternate findings are its, and those about it.)"""
    if finding.kind == MISSING_ANCHOR and finding.target in by_url:
        resolved = resolve(site, finding.page, finding.url)  # (the fragment, decoded)
        fragment = resolved[1] if isinstance(resolved, tuple) else ""
        if any(fragment in lost.ids for lost in by_url[finding.target]):
            return finding.target
    if not finding.kind.startswith("hreflang"):
        return None
    shown = site.pages.get(finding.page)
    for lost in by_url.get(finding.page, ()):
        if shown is not None and dict(lost.hreflang) != shown.hreflang:
            return finding.page
    for lost in by_url.get(finding.target, ()):
        if not lost.seen:  # (its alternates unknown: ``--site``)
            return finding.target
        for _, href in lost.hreflang:
            back = resolve(site, lost.url, href)
            if isinstance(back, tuple) and back[0] == finding.page:
                return finding.target
    return None


def _reuse_key(page_url: str, ancestors: list[str], url: str) -> tuple[str, str]:
    """(folder, URL relative to it) that ``url`` on the page ``page_url`` resolves from
    (``ancestors``: the page's folder, then each folder above it, up to the root ''): two
    links with the same key point at the same place, so that what _check_link says of a
    link not the author's (the cross-language rule aside, which only content links meet)
    holds for the other. A '../' link is keyed from the folder it climbs to
    ('../../assets/x.css' from posts/a/ and from posts/b/: ('', './assets/x.css')); a
    fragment or query alone, from the page itself."""
    if url.lstrip()[:1] in ("", "#", "?"):  # (' #x' is '#x': the URL is stripped first)
        return page_url, url
    if url.startswith("../") and "%" not in url:  # (an escaped '/' could make a segment)
        ups = 1
        while url.startswith("../", 3 * ups):
            ups += 1
        if ups < len(ancestors):
            # Always './' before the rest: '../' names the folder, which '' does not; and
            # '..//e.org/x' stays a path, which '//e.org/x' alone is not.
            return ancestors[ups], "./" + url[3 * ups :]
    return ancestors[0], url


def _ancestors(folder: str) -> list[str]:
    """'posts/a/' -> ['posts/a/', 'posts/', '']; '' -> ['']."""
    parts = folder.split("/")[:-1]
    return ["".join(part + "/" for part in parts[:kept]) for kept in range(len(parts), -1, -1)]


def linking_to(
    site: BuiltSite, before: Mapping[str, PageLinks | None], now: Mapping[str, PageLinks]
) -> set[str]:
    """The other pages of ``site`` that link to an id the pages in ``now`` no longer have
    (``before``: their last reading): `mkdocs serve` checks those pages' links again with
    the rebuilt ones, so that a heading renamed in one post is reported where another links
    to it. Only links with a fragment are resolved."""
    lost = {url for url, page in now.items() if (old := before.get(url)) and old.ids - page.ids}
    if not lost:
        return set()

    def points_into_lost(page_url: str, link: Link) -> bool:
        if "#" not in link.url:
            return False
        resolved = resolve(site, page_url, link.url)
        if not isinstance(resolved, tuple):
            return False
        target = _page_for(site, resolved[0])
        return target is not None and target.url in lost

    return {
        url
        for url, page in site.pages.items()
        if url not in now and any(points_into_lost(url, link) for link in page.links)
    }


def merge(site: BuiltSite, findings: Iterable[Finding]) -> list[Finding]:
    """One finding per defect, listing the pages that show it.

    The same written link seen on several pages (a static-i18n fallback copy in every
    language, a blog excerpt on index and archive pages) is one defect at its source line;
    a broken link a template emits on every page is one defect, at mkdocs.yml when the
    setting is there (a favicon path); the 404 page's alternates, which static-i18n points
    at whatever page was built last, are one defect per language's 404 page at most."""
    groups: dict[tuple[object, ...], list[Finding]] = {}
    for finding in findings:
        groups.setdefault(_defect_key(site, finding), []).append(finding)
    # A copy of the author's link on another page (a blog excerpt on the index, archive and
    # category pages) is not in that page's Markdown: it is the same defect as the located
    # one with the same target, reported once at the post's line.
    # (A link MkDocs left as written, like an unrewritten .md link, is the same text on
    # every copy but resolves elsewhere on each: matched by its text then.)
    located: dict[tuple[str, str, str], tuple[object, ...]] = {}
    for key, group in groups.items():
        first = group[0]
        if first.line:
            located.setdefault((first.kind, "target", first.target + "\0" + first.message), key)
            located.setdefault((first.kind, "url", first.url), key)
    for key in list(groups):
        first = groups[key][0]
        if first.emitter != _UNLOCATED:
            continue
        home = located.get((first.kind, "target", first.target + "\0" + first.message))
        if home is None and first.kind == MARKDOWN_LINK:
            home = located.get((first.kind, "url", first.url))
        if home is not None:
            groups[home].extend(groups.pop(key))
    merged = []
    for group in groups.values():
        first = min(group, key=lambda f: (not f.line, len(f.page), f.page))
        pages = tuple(sorted({page for f in group for page in (f.pages or (f.page,))}))
        languages = tuple(
            sorted({lang for page in pages if (lang := _lang_of(site, page)) is not None})
        )
        emitted = not first.emitter.startswith(CONTENT)
        # (a language's pages naming the config's language homes: theme.language's defect)
        language = first.kind == HREFLANG_LANG_MISMATCH
        # (a target of '' is the home page for an alternate, else a link not resolved)
        named = first.target or first.kind.startswith("hreflang")
        setting = (
            site.config_paths.get(first.target) if emitted and named and not language else None
        )
        if setting:
            first = replace(
                first, path=site.config_label, line=0, col=0, emitter=f"{setting} in mkdocs.yml"
            )
        if language:
            # One alternate as the example, told after grouping (a site writing each page's
            # alternates has hundreds of them) and kept out of the defect's name (written).
            count = len({f.url for f in group})
            if count > 1:
                example = f" (e.g. {first.url}, one of {count} alternates)"
                first = replace(first, message=first.message + example)
        elif setting == ALTERNATE_SETTING and first.kind.startswith("hreflang"):
            links = sorted({f.url for f in group})
            if first.kind == HREFLANG_NOT_RECIPROCAL:
                message = (
                    "these hreflang alternates are the same links on every page, so each page"
                    " claims the language homes as its translations and they do not link back"
                )
                suggestion = (
                    "give each page its own alternates (mkdocs-static-i18n writes them with"
                    " reconfigure_material: true), or remove extra.alternate"
                )
            else:
                message, suggestion = first.message, first.suggestion
            first = replace(
                first, url=", ".join(links), written="", message=message, suggestion=suggestion
            )
        elif first.kind.startswith("hreflang") and _is_404(first.page):
            first = replace(
                first,
                message=first.message.split(" alternate")[0]
                + " alternate of the 404 page points at another page (the theme's or"
                " static-i18n's alternates on 404.html)",
                emitter="theme/static-i18n: 404.html alternates",
            )
        merged.append(replace(first, pages=pages, languages=languages))
    return merged


def _defect_key(site: BuiltSite, finding: Finding) -> tuple[object, ...]:
    if finding.kind == HREFLANG_LANG_MISMATCH:
        # (written names the language claimed, the message the one declared)
        return ("language", finding.kind, finding.written, finding.message)
    emitted = not finding.emitter.startswith(CONTENT)
    if emitted and finding.kind.startswith("hreflang"):
        if site.config_paths.get(finding.target) == ALTERNATE_SETTING:
            # Fixed links in mkdocs.yml's extra.alternate (no plugin writes each page's):
            # every page's alternates are the same homes, one defect in the config.
            return ("config", finding.kind, ALTERNATE_SETTING)
        if _is_404(finding.page):
            return ("404", finding.kind)
    if finding.line:
        return (finding.path, finding.line, finding.col, finding.kind, finding.written)
    if emitted and finding.target and not finding.kind.startswith("hreflang"):
        return ("emitted", finding.kind, finding.emitter, finding.target, finding.message)
    return ("page", finding.page, finding.kind, finding.url, finding.path, finding.emitter)


def site_path(link: str, site_url: str) -> str | None:
    """The site path an absolute link in mkdocs.yml names ('/docs/pt/' -> 'pt/' when the
    site lives at /docs/); None for another site's URL, a relative link, or one outside."""
    parts = urlsplit(site_url)
    base = parts.path if parts.path.endswith("/") else parts.path + "/"
    if "://" in link:
        if not site_url or not link.startswith(f"{parts.scheme}://{parts.netloc}"):
            return None
        link = urlsplit(link).path or "/"
    if not link.startswith(base):
        return None
    return link[len(base) :]


def _is_404(url: str) -> bool:
    return url == "404.html" or url.endswith("/404.html")


def _lang_of(site: BuiltSite, url: str) -> str | None:
    page = site.pages.get(url)
    return page.lang if page is not None else None


def _suggestion_for(issue: _Issue, where: Finding, written: SourceLink | None) -> str:
    """A page suggestion is a path to its .md file for Markdown links; for a link in raw
    HTML (not rewritten by MkDocs) it is the URL the author must write."""
    if issue.raw_suggestion and written is not None and written.raw:
        return issue.raw_suggestion
    return issue.suggestion


def _source_of(site: BuiltSite, page_url: str) -> Callable[[str], str | None]:
    """For a link on ``page_url``: the path of the Markdown file of the page it leads to."""

    def source_of(rendered: str) -> str | None:
        resolved = resolve(site, page_url, rendered)
        if not isinstance(resolved, tuple):
            return None
        target = _page_for(site, resolved[0])
        source = site.sources.get(target.url) if target is not None else None
        return source.path if source is not None else None

    return source_of


def located_in(site: BuiltSite, page: PageLinks, source: Source) -> dict[int, SourceLink]:
    """Each content link of ``page`` at the occurrence in ``source`` that produced it: the
    links written outside code first; then, for the rest, those written inside the blocks
    of custom fences (which the project may render as Markdown); then the page's one
    ``::: name`` block, which generated them."""
    source_of = _source_of(site, page.url)
    text = source.text  # (read once: the file, for each of the three)
    located = locate(page.links, source.links(text), source_of)
    rest = [link for link in page.links if link.index >= 0 and link.index not in located]
    fences = source.includes.custom_fences if source.includes else ()
    if rest and fences:
        located.update(locate(rest, scan_fenced(text, fences), source_of))
        rest = [link for link in rest if link.index not in located]
    if rest and (block := block_directive(text)) is not None:
        located.update({link.index: replace(block, url=link.url) for link in rest})
    return located


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
        emitter = _UNLOCATED
    elif written is not None and written.via:
        emitter = f"{CONTENT} via {written.via}"
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
        return _check_mailto(link.url)
    resolved = resolve(site, page.url, url)
    if resolved is None:
        if scheme in ("http", "https") or url.startswith("//"):
            return _EXTERNAL
        return None  # javascript:, data:, tel:... and the bare "#" are not links to check
    if isinstance(resolved, _Issue):
        return resolved
    return _check_internal(site, folders, page, link, *resolved)


def resolve(site: BuiltSite, page_url: str, url: str) -> tuple[str, str] | _Issue | None:
    """Where ``url``, found on the page at ``page_url``, points in the site: (site path,
    fragment) as a browser resolves it against the page URL and site_url's path; an issue
    for an absolute path outside site_url's path; None for external and non-links.

    The one resolver for every link: anchors, images, hreflang alternates alike."""
    url = url.strip()
    scheme = _scheme(url)
    if scheme in ("http", "https") or url.startswith("//"):
        root = site.site_url.rstrip("/") + "/"
        bare_root = root.split(":", 1)[-1] if site.site_url else ""
        if site.site_url and url.startswith(root):
            url = site.base_path + url[len(root) :]  # our own absolute URL: its path here
        elif site.site_url and url.startswith("//") and url.startswith(bare_root):
            url = site.base_path + url[len(bare_root) :]
        else:
            return None
    elif scheme or url in ("", "#"):
        return None
    path, _, fragment = url.partition("#")
    path = path.partition("?")[0]
    if "%" in path:
        path = unquote(path)
    if "%" in fragment:
        fragment = unquote(fragment)
    if path.startswith("/"):
        base = site.base_path
        if not path.startswith(base) and path + "/" != base:
            whose = "its site_url" if site.site_url else "as its other absolute links assume"
            return _Issue(
                ABSOLUTE_PATH,
                f"absolute path: breaks when the site is served under {base} ({whose})",
                "use a relative link, or a link to the .md file",
            )
        return _normalize(path[len(base) :]), fragment
    if path == "":
        return page_url, fragment
    return _normalize(posixpath.join(_folder_of(page_url), path)), fragment


def _check_internal(
    site: BuiltSite, folders: set[str], page: PageLinks, link: Link, target: str, fragment: str
) -> _Issue | None:
    if target.endswith(".md") or ".md/" in target:
        message = "link to a .md file was not rewritten (no such page in the build)"
        return _with_suggestion(_Issue(MARKDOWN_LINK, message, target=target), site, target, page)
    target_page = _page_for(site, target)
    if target_page is None:
        if target in site.files:
            return None  # a file that is not a page (stylesheet, image, PDF...)
        folder = target.rstrip("/")
        if folder in folders and f"{folder}/index.html" not in site.files:
            message = f"folder /{folder}/ has no index.html"
            return _Issue(FOLDER_WITHOUT_INDEX, message, target=target)
        return _with_suggestion(
            _Issue(MISSING_TARGET, "target does not exist", target=target), site, target, page
        )
    if fragment and fragment not in target_page.ids:
        return _Issue(
            MISSING_ANCHOR,
            f"no element with id {fragment!r} on /{target_page.url}",
            _kept_id(site, target_page, fragment) or _suggest_id(fragment, target_page.ids),
            target=target_page.url,
        )
    if (
        link.origin == CONTENT
        and link.hreflang is None
        and page.lang
        and target_page.lang
        and target_page.lang != page.lang
        and page.lang in target_page.hreflang
    ):
        own = _real_translation(site, target_page, page.lang)
        if own is None:
            return None
        return _Issue(
            CROSS_LANGUAGE,
            f"a {page.lang} page links to the {target_page.lang} version of /{target_page.url}",
            f"link the {page.lang} page /{own} instead, or mark the link with hreflang",
            target=target_page.url,
        )
    return None


def _kept_id(site: BuiltSite, target: PageLinks, fragment: str) -> str:
    """When the default language's version of ``target`` (its URL without the language
    folder: /pt/x/ -> /x/) has the id, the translation's heading lost it: the fix is there
    (links in fallback copies and translations then all work), not in the link."""
    folder, _, rest = target.url.partition("/")
    original = site.pages.get(rest) if rest else None
    if original is None or fragment not in original.ids:
        return ""
    source, theirs = site.sources.get(target.url), site.sources.get(original.url)
    # The same page in two languages: docs/pt/x.md and docs/en/x.md, x.fr.md and x.md.
    if source is None or theirs is None or source.path == theirs.path:
        return ""
    stems = {PurePosixPath(path).name.split(".")[0] for path in (source.path, theirs.path)}
    mine, other = PurePosixPath(source.path).parts, PurePosixPath(theirs.path).parts
    differing = [i for i, (a, b) in enumerate(zip(mine, other, strict=False)) if a != b]
    # Only the language folder differs (docs/pt/x.md, docs/en/x.md), or only the file name
    # (x.fr.md, x.md): not docs/es/posts/uno.md beside docs/es/uno.md.
    same_place = len(mine) == len(other) and len(differing) == 1
    if len(stems) != 1 or not (
        same_place and (mine[differing[0]] == folder or differing[0] == len(mine) - 1)
    ):
        return ""
    where = f" in {source.path}"
    return (
        f"/{original.url} has it: give the translated heading the same id ({{#{fragment}}}){where}"
    )


def _with_suggestion(issue: _Issue, site: BuiltSite, target: str, page: PageLinks) -> _Issue:
    markdown, url = _suggest_page(site, target, page)
    return replace(issue, suggestion=markdown, raw_suggestion=url)


def _real_translation(site: BuiltSite, target: PageLinks, lang: str) -> str | None:
    """The site path of ``target``'s version in ``lang`` if that is a translation of its
    own: not the same source shown again (a static-i18n ``fallback_to_default`` copy) and
    not a page without a source while the site has them (generated)."""
    resolved = resolve(site, target.url, target.hreflang[lang])
    if not isinstance(resolved, tuple):
        return None
    own_url = resolved[0]
    own = _page_for(site, own_url)
    if own is None or own.url == target.url:
        return None
    if site.sources:
        own_source, target_source = site.sources.get(own.url), site.sources.get(target.url)
        if own_source is None or target_source is None or own_source.path == target_source.path:
            return None
    return own.url


def _normalize(path: str) -> str:
    """A site path without dot segments, as browsers resolve it: 'a/./b/../' -> 'a/',
    '.' -> '' (the root); a trailing slash (or dot segment) keeps it a folder."""
    folder = path.endswith(("/", "/.", "/..")) or path in (".", "..") or path == ""
    target = posixpath.normpath("/" + path).lstrip("/")
    return target + "/" if folder and target else target


def _page_for(site: BuiltSite, target: str) -> PageLinks | None:
    page = site.pages.get(target)
    if page is None and target and not target.endswith("/"):
        if target == "index.html" or target.endswith("/index.html"):
            page = site.pages.get(target[: -len("index.html")])  # page/index.html#anchor
        else:
            page = site.pages.get(target + "/")
    return page


def _check_mailto(url: str) -> _Issue | None:
    addresses = unquote(url[len("mailto:") :].split("?", 1)[0])
    bad = [address for address in addresses.split(",") if not _EMAIL.match(address.strip())]
    if addresses.strip() and not bad:
        return None
    return _Issue(
        MAILTO, f"invalid e-mail address {', '.join(bad) or '(none)'!r}", "mailto:name@example.org"
    )


def _check_hreflang(site: BuiltSite, page: PageLinks, source: Source | None) -> list[Finding]:
    """Alternates point at pages that exist and that point back (resolved like every link:
    './', '../../changelog/', '/base/fr/' and absolute URLs alike)."""
    findings = []
    path = source.path if source else f"{site.site_dir_label}/{_html_file(page.url)}"
    for lang, href in sorted(page.hreflang.items()):
        resolved = resolve(site, page.url, href)
        if resolved is None:
            continue  # another site's page: an external link, checked as such
        base = Finding("", page.url, href, "", path, emitter="theme: main.html (head)")
        if isinstance(resolved, _Issue):
            findings.append(replace(base, kind=resolved.kind, message=resolved.message))
            continue
        target = _page_for(site, resolved[0])
        if target is None:
            message = f"hreflang={lang} alternate does not exist"
            findings.append(
                replace(base, kind=HREFLANG_MISSING, message=message, target=resolved[0])
            )
            continue
        default = _is_x_default(lang)
        if not default and not _is_404(page.url) and not _same_language(lang, target.lang):
            # Every page of a language built with the wrong theme.language: fixed in the
            # config, one finding per language (merge groups them by this message). (A 404
            # page's alternates name whatever page was built last: not a language's.)
            declared = f'<html lang="{target.lang}">' if target.lang else "no <html lang>"
            findings.append(
                replace(
                    base,
                    kind=HREFLANG_LANG_MISMATCH,
                    written=f"hreflang={lang}",  # (as the theme wrote it: the defect's name)
                    message=f"the pages these alternates name have {declared}:"
                    " browsers, screen readers and search engines take them for"
                    f" {target.lang or 'an unknown language'}",
                    suggestion=f"build that language with theme.language {lang}"
                    " (mkdocs-static-i18n sets it from the locale with reconfigure_material:"
                    f" true, or give the language a theme override: {{language: {lang}}})",
                    target=target.url,
                    path=site.config_label,
                    emitter="theme.language in mkdocs.yml",
                )
            )
        if default or target.url == page.url:
            continue
        back = set()
        for code, url in target.hreflang.items():
            there = resolve(site, target.url, url) if not _is_x_default(code) else None
            if isinstance(there, tuple):
                back.add(there[0])
        if page.url not in back and _page_for(site, page.url) is not None:
            back_pages = {other.url for url in back if (other := _page_for(site, url))}
            if page.url in back_pages:
                continue
            message = f"hreflang={lang} alternate /{target.url} does not link back to /{page.url}"
            findings.append(
                replace(base, kind=HREFLANG_NOT_RECIPROCAL, message=message, target=target.url)
            )
    return findings


def _is_x_default(hreflang: str) -> bool:
    """The alternate for readers of no listed language: it names no language (hreflang
    values are case-insensitive)."""
    return hreflang.strip().lower() == "x-default"


def _same_language(hreflang: str, declared: str | None) -> bool:
    """Whether a page declaring ``declared`` is in the language ``hreflang`` names: the same
    primary subtag ('pt-BR' and 'pt_br' are 'pt'; 'en' and 'en-GB' agree)."""
    if not declared:
        return False

    def primary(tag: str) -> str:
        return tag.strip().lower().replace("_", "-").split("-", 1)[0]

    return primary(hreflang) == primary(declared)


def _suggest_id(fragment: str, ids: Iterable[str]) -> str:
    candidates = [i for i in ids if not i.startswith("__")]
    close = difflib.get_close_matches(fragment, candidates, n=1, cutoff=0.7)
    return f"did you mean #{close[0]}?" if close else ""


def _suggest_page(site: BuiltSite, target: str, page: PageLinks) -> tuple[str, str]:
    """The existing page in the page's language whose name is close to the missing one (and
    only when close), as (a path to its Markdown file, the URL to write in raw HTML)."""
    wanted = _name(target)
    if not wanted:
        return "", ""
    by_name: dict[str, list[str]] = {}
    for url, other in site.pages.items():
        if url != page.url and (page.lang is None or other.lang == page.lang):
            by_name.setdefault(_name(url), []).append(url)
    # A page with a Markdown file first (generated pages, such as a post's parallel view
    # under its URL, only when none is close).
    written = [n for n, urls in by_name.items() if n and any(u in site.sources for u in urls)]
    close = difflib.get_close_matches(wanted, written, n=1, cutoff=0.75)
    close = close or difflib.get_close_matches(wanted, [n for n in by_name if n], n=1, cutoff=0.75)
    if not close:
        return "", ""
    # Among the pages of that name, the one whose folder is closest to the wanted one.
    url = max(by_name[close[0]], key=lambda u: difflib.SequenceMatcher(None, u, target).ratio())
    relative = posixpath.relpath("/" + url, "/" + _folder_of(page.url))
    raw = relative + ("/" if url.endswith("/") and not relative.endswith("/") else "")
    raw = "./" if raw in ("./", "./.") else raw
    markdown = f"did you mean /{url}?"
    source, here = site.sources.get(url), site.sources.get(page.url)
    if source and here:
        markdown = f"did you mean {posixpath.relpath(source.path, posixpath.dirname(here.path))}?"
    return markdown, f"did you mean {raw}?"


def _name(path: str) -> str:
    """The last segment of a site path or .md file, without extension: 'a/b.md' -> 'b'."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if last.endswith((".md", ".html")):
        last = last.rsplit(".", 1)[0]
    return last


def _folder_of(url: str) -> str:
    """The folder of a site path: 'a/' -> 'a/', 'a/b.html' -> 'a/', 'x.html' -> ''."""
    if url.endswith("/") or url == "":
        return url
    folder = posixpath.dirname(url)
    return folder + "/" if folder else ""


def _folders(files: Iterable[str]) -> set[str]:
    folders: set[str] = set()
    for file in files:
        parent = posixpath.dirname(file)
        while parent and parent not in folders:
            folders.add(parent)
            parent = posixpath.dirname(parent)
    return folders


@dataclass(frozen=True)
class Coverage:
    """How many links the checker saw, and how many of the content links it maps back to
    a Markdown line (the rest are the theme's and plugins', named by their emitter)."""

    pages: int
    links: int
    content: int
    mapped: int  # copies included
    by_emitter: Mapping[str, int]
    # Content links shown again on a page that has none of them in its Markdown (a blog
    # excerpt on the index, archive and category pages), mapped as the link they copy.
    copies: int = 0

    def __str__(self) -> str:
        share = f"{100 * self.mapped / self.content:.1f} %" if self.content else "-"
        copies = f", {self.copies} of them copies of a mapped link" if self.copies else ""
        return (
            f"{self.links} links on {self.pages} pages; {self.content} in page content, "
            f"{self.mapped} of them mapped to their Markdown line ({share}{copies})"
        )


def coverage(site: BuiltSite) -> Coverage:
    """Every page's content links matched to its source (one scan per page); a link not in
    its page's source counts as mapped when it points where a mapped link on another page
    does, as findings do (``merge``: an excerpt's link is reported at the post's line)."""
    links = content = mapped = 0
    by_emitter: dict[str, int] = {}
    mapped_targets: set[object] = set()
    unmapped: list[object] = []
    for url, page in site.pages.items():
        links += len(page.links)
        for link in page.links:
            by_emitter[link.origin] = by_emitter.get(link.origin, 0) + 1
        own = [link for link in page.links if link.index >= 0]
        if not own:
            continue
        content += len(own)
        located: Mapping[int, SourceLink] = {}
        source = site.sources.get(url)
        if source is not None:
            with contextlib.suppress(OSError):
                located = located_in(site, page, source)
        mapped += len(located)
        for link in own:
            resolved = resolve(site, page.url, link.url)
            target = resolved if isinstance(resolved, tuple) else link.url
            if link.index in located:
                mapped_targets.add(target)
            else:
                unmapped.append(target)
    copies = sum(1 for target in unmapped if target in mapped_targets)
    return Coverage(len(site.pages), links, content, mapped + copies, by_emitter, copies)
