"""Where each link of a page was written in its Markdown source (line and column).

The built HTML says where a link points, not where the author wrote it. Here the Markdown
source is scanned for every URL it contains (inline links and images, reference definitions,
autolinks, raw HTML attributes), skipping code; the page's content links are then matched
to those occurrences in order, by target.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from hooks.core.links_extract import Link, srcset_urls

_PATTERNS = (
    # [text](<url with spaces>): the angle-bracket form CommonMark and Python-Markdown allow.
    re.compile(r"\]\(\s*<(?P<url>[^>\n]*\s[^>\n]*)>"),
    # [text](url "title") and ![alt](url): the URL after "](".
    # (Python-Markdown keeps spaces inside the URL when no quoted title follows them.)
    re.compile(
        r"\]\((?!\s*<[^>\n]*\s[^>\n]*>)\s*<?(?P<url>[^)\s>]+(?:[ \t]+(?![\"'(])[^)\s>]+)*)>?"
    ),
    # [id]: url  (reference definition)
    re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<url>[^\s>]+)>?", re.M),
    # <https://...> and <mailto:...>
    re.compile(r"<(?P<url>(?:https?|mailto|ftp):[^>\s]+)>"),
    # raw HTML: href="..." src='...'
    re.compile(r"\b(?:href|src)\s*=\s*(?P<quote>[\"'])(?P<url>.*?)(?P=quote)"),
)
_RAW = 4  # index in _PATTERNS of the raw HTML attribute pattern (not rewritten by MkDocs)
# Reference definitions ([id]: url) and uses ([text][id], [id][], [id]).
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<url>[^\s>]+)>?", re.M)
_REFERENCE = re.compile(
    r"(?<![\\\]])\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\](?:\[(?P<label>[^\[\]\n]*)\])?(?![(:\[])"
)
_SRCSET = re.compile(r"\bsrcset\s*=\s*(?P<quote>[\"'])(?P<value>.*?)(?P=quote)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class SourceLink:
    url: str
    line: int  # 1-based, in the file
    col: int  # 1-based
    raw: bool = False  # written in raw HTML: MkDocs leaves it as written
    via: str = ""  # what made the link from the text: "autorefs", "snippet a.md:3"...
    kind: str = ""  # how to match it: "" (a URL), AUTOREF (an identifier), SHORTHAND


AUTOREF = "autoref"  # [title][identifier] with no definition: mkdocs-autorefs' link
SHORTHAND = "shorthand"  # #123, user/repo#123, @user: an issue/user link of an extension
# Bare URLs that magiclink (pymdownx) and similar extensions turn into links.
_BARE_URL = re.compile(
    r"(?<![\w/<(\"'=\]:@.])(?P<url>(?:https?://|ftp://|www\.)[^\s<>\"'`\[\]()]+)"
)
_TRAILING = ".,:;!?*_~"
# <name@example.org>: Python-Markdown's e-mail autolink (rendered as an obfuscated mailto:).
_BARE_EMAIL = re.compile(r"(?<![\w.<:/@+-])(?P<url>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})\b")
_AUTOMAIL = re.compile(r"<(?P<url>[^\s<>@:/]+@[^\s<>@/]+\.[^\s<>@/]+)>")
_ISSUE = re.compile(r"(?<![\w&/#!@`])(?P<url>(?:[\w.-]+/[\w.-]+)?[#!](?P<number>\d+))\b")
_MENTION = re.compile(
    r"(?<![\w/`@])@(?P<url>[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:/[\w.-]*\w)?)\b(?![.@]\w)"
)
# pymdownx.snippets: `--8<-- "file"` on a line, or a block of file names between markers.
_SNIPPET_LINE = re.compile(
    r"^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+(?P<quote>[\"'])(?P<name>[^\"'\n]+)(?P=quote)", re.M
)
_SNIPPET_BLOCK = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]*$", re.M)


@dataclass(frozen=True)
class Includes:
    """Where pymdownx.snippets looks for included files, and what it appends to every page
    (both from mkdocs.yml, read by the MkDocs glue; absolute folders)."""

    base_paths: tuple[str, ...] = ()
    auto_append: tuple[str, ...] = ()
    root: str = ""  # the project folder, for showing paths

    def find(self, name: str) -> str | None:
        """The file a snippet name stands for ('a.md', 'a.md:3:5', 'a.md:section')."""
        if "://" in name:
            return None  # a URL snippet: fetched by the extension, not in the project
        name = name.strip().split(":", 1)[0]
        for base in self.base_paths:
            if os.path.isfile(base):
                if os.path.basename(base) == name:
                    return base
                continue
            candidate = os.path.join(base, name)
            if os.path.isfile(candidate):
                return candidate
        return None

    def show(self, path: str) -> str:
        relative = os.path.relpath(path, self.root) if self.root else path
        return path if relative.startswith("..") else relative.replace(os.sep, "/")


def scan(text: str, includes: Includes | None = None) -> list[SourceLink]:
    """Every URL written in the Markdown ``text``, in reading order, outside code; links of
    included snippets at their including line; references defined in appended snippets."""
    return _scan(text, includes, 0)


def _scan(text: str, includes: Includes | None, depth: int) -> list[SourceLink]:
    blanked = _blank_code(text)
    found: list[tuple[int, int, SourceLink]] = []  # (offset, order, link at offset 0)

    def add(offset: int, url: str, raw: bool = False, via: str = "", kind: str = "") -> None:
        found.append((offset, len(found), SourceLink(url, 0, 0, raw, via, kind)))

    for number, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(blanked):
            add(match.start("url"), match.group("url"), number == _RAW)
    taken = {offset for offset, _, _ in found}
    for match in _BARE_URL.finditer(blanked):
        url = match.group("url").rstrip(_TRAILING)
        if match.start("url") not in taken:
            add(match.start("url"), url, via="bare URL")
    for match in _AUTOMAIL.finditer(blanked):
        add(match.start("url"), "mailto:" + match.group("url"))
        taken.add(match.start("url"))
    for match in _BARE_EMAIL.finditer(blanked):
        if match.start("url") not in taken:
            add(match.start("url"), "mailto:" + match.group("url"), via="bare e-mail")
    for match in _ISSUE.finditer(blanked):
        add(match.start("url"), match.group("url"), via="issue shorthand", kind=SHORTHAND)
    for match in _MENTION.finditer(blanked):
        add(match.start(), "@" + match.group("url"), via="user shorthand", kind=SHORTHAND)
    appended = ""
    if includes is not None and depth < 3:
        for name in includes.auto_append:
            appended += _definitions_text(name, includes, depth)
        for offset, name in _snippets(blanked):
            path = includes.find(name)
            if path is None:
                continue
            with open(path, encoding="utf-8", errors="replace") as handle:
                included = handle.read()
            for link in _scan(included, includes, depth + 1):
                origin = f"snippet {includes.show(path)}:{link.line}"
                add(offset, link.url, link.raw, link.via or origin, link.kind)
    for offset, url, via, kind in _reference_uses(blanked, _blank_code(appended)):
        add(offset, url, via=via, kind=kind)
    for match in _SRCSET.finditer(blanked):
        value, start = match.group("value"), match.start("value")
        position = 0
        for url in srcset_urls(value):
            position = value.index(url, position)
            add(start + position, url, True)
            position += len(url)
    found.sort(key=lambda item: (item[0], item[1]))
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    links = []
    for offset, _, link in found:
        line = _line_of(line_starts, offset)
        links.append(
            SourceLink(
                link.url, line + 1, offset - line_starts[line] + 1, link.raw, link.via, link.kind
            )
        )
    return links


def _definitions_text(name: str, includes: Includes, depth: int) -> str:
    """The text of snippet ``name`` and of the snippets it includes (for the reference
    definitions an appended snippet brings: 'refs.md' including 'links.md')."""
    path = includes.find(name)
    if path is None or depth >= 3:
        return ""
    with open(path, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    nested = "".join(_definitions_text(inner, includes, depth + 1) for _, inner in _snippets(text))
    return "\n" + text + nested


def _snippets(text: str) -> list[tuple[int, str]]:
    """(offset, file name) of every snippet inclusion, single-line or block form."""
    found = [
        (m.start() + len(m.group("indent")), m.group("name")) for m in _SNIPPET_LINE.finditer(text)
    ]
    markers = list(_SNIPPET_BLOCK.finditer(text))
    for opening, closing in zip(markers[::2], markers[1::2], strict=False):
        block = text[opening.end() : closing.start()]
        position = opening.end()
        for line in block.splitlines(keepends=True):
            name = line.strip()
            if name and not name.startswith(";"):
                found.append((position + len(line) - len(line.lstrip()), name))
            position += len(line)
    return found


def _reference_uses(text: str, appended: str = "") -> list[tuple[int, str, str, str]]:
    """Every use of a reference-style link, at the use, with its definition's URL (each
    use renders a link of its own; the definition is found too, as a fallback). A use
    without a definition whose label reads as an identifier is mkdocs-autorefs' link."""
    definitions: dict[str, str] = {}
    for source in (text, appended):
        for match in _DEFINITION.finditer(source):
            definitions.setdefault(_label(match.group("label")), match.group("url"))
    uses = []
    for match in _REFERENCE.finditer(text):
        label = match.group("label")
        key = _label(label if label else match.group("text"))
        if _DEFINITION.match(text, _line_start(text, match.start())):
            continue
        if key in definitions:
            via = "" if _label_defined_in(key, text) else "appended snippet"
            uses.append((match.start(), definitions[key], via, ""))
        elif label is not None:
            identifier = (label or match.group("text")).strip().strip("`")
            if identifier and " " not in identifier:
                uses.append((match.start(), identifier, "autorefs", AUTOREF))
    return uses


def _label_defined_in(key: str, text: str) -> bool:
    return any(_label(m.group("label")) == key for m in _DEFINITION.finditer(text))


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_of(starts: Sequence[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _blank_code(text: str) -> str:
    """``text`` with fenced code blocks and inline code replaced by spaces (offsets kept)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
            out.append(_spaces(line))
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            out.append(_spaces(line))
        else:
            out.append(re.sub(r"(`+)(.+?)\1", lambda m: " " * len(m.group(0)), line))
    return "".join(out)


def _spaces(line: str) -> str:
    return re.sub(r"[^\n]", " ", line)


def locate(
    links: Sequence[Link],
    sources: Sequence[SourceLink],
    source_of: Callable[[str], str | None] | None = None,
) -> dict[int, SourceLink]:
    """Match each content link (by its ``index``) to the occurrence that produced it.

    Occurrences are consumed in order; a link takes the first unused one after the previous
    match that points at the same target, else the first unused one anywhere (a reference
    definition sits after its uses).
    """
    used = [False] * len(sources)
    located: dict[int, SourceLink] = {}
    cursor = 0
    for link in links:
        if link.index < 0:
            continue
        for position in (*range(cursor, len(sources)), *range(cursor)):
            if not used[position] and matches(sources[position], link.url, source_of):
                used[position] = True
                located[link.index] = sources[position]
                cursor = position + 1
                break
    return located


def matches(
    written: SourceLink, rendered: str, source_of: Callable[[str], str | None] | None = None
) -> bool:
    """Whether ``written`` can have produced the link ``rendered``; ``source_of`` names the
    Markdown file a rendered link leads to, for pages whose URL is not their file's name
    (blog posts: 'posts/zensical.md' -> '2025/11/05/zensical/', slugs from titles)."""
    if written.kind == AUTOREF:
        return unquote(urlsplit(rendered).fragment) == written.url
    if written.kind == SHORTHAND:
        return _shorthand_matches(written.url, rendered)
    url = written.url
    if written.via == "bare URL" and url.startswith("www."):
        url = "http://" + url
    if same_target(url, rendered):
        return True
    if source_of is None or ".md" not in url or urlsplit(url).scheme:
        return False
    target = source_of(rendered)
    written_parts = urlsplit(url)
    return (
        target is not None
        and posixpath.basename(unquote(written_parts.path)) == posixpath.basename(target)
        and unquote(written_parts.fragment) == unquote(urlsplit(rendered).fragment)
    )


def _shorthand_matches(written: str, rendered: str) -> bool:
    """'#12' and 'user/repo#12' -> …/issues/12 or …/pull/12; '@user' -> …/user."""
    parts = urlsplit(rendered)
    if not parts.netloc:
        return False
    path = parts.path.rstrip("/")
    if written.startswith("@"):
        name = written[1:].lower()
        return path.lower().endswith("/" + name)  # @user -> …/user, @user/repo -> …/user/repo
    repo, _, number = written.replace("!", "#").rpartition("#")
    segments = path.split("/")
    if len(segments) < 3 or segments[-1] != number:
        return False
    if segments[-2] not in ("issues", "pull", "pulls", "discussions", "merge_requests"):
        return False
    return not repo or "/".join(segments[-4:-2]).lower() == repo.lower()


def same_target(written: str, rendered: str) -> bool:
    """Whether the URL an author ``written`` can have become ``rendered`` once MkDocs
    rewrote it (``../a.md#x`` -> ``../../a/#x``, ``img.png`` -> ``../img.png``)."""
    if written == rendered:
        return True
    a, b = urlsplit(written), urlsplit(rendered)
    if a.scheme or b.scheme or a.netloc or b.netloc:
        return (a.scheme, a.netloc, a.path.rstrip("/"), a.query, a.fragment) == (
            b.scheme,
            b.netloc,
            b.path.rstrip("/"),
            b.query,
            b.fragment,
        )
    if unquote(a.fragment) != unquote(b.fragment):
        return False
    return _stem(a.path) == _stem(b.path)


def _stem(path: str) -> str:
    """The name a link targets: 'posts/a.md' -> 'a', '../../a/' -> 'a', 'x.png' -> 'x.png'."""
    parts = [part for part in unquote(path).split("/") if part not in ("", ".")]
    if parts and parts[-1] in ("index.md", "README.md", "index.html"):
        parts.pop()
    if not parts or parts[-1] == "..":
        return ""  # a folder index: which one is not recoverable from the name alone
    name = parts[-1]
    return posixpath.splitext(name)[0] if name.endswith(".md") else name
