"""Where each link of a page was written in its Markdown source (line and column).

The built HTML says where a link points, not where the author wrote it. Here the Markdown
source is scanned for every URL it contains (inline links and images, reference definitions,
autolinks, raw HTML attributes), skipping code; the page's content links are then matched
to those occurrences in order, by target.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
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


def scan(text: str) -> list[SourceLink]:
    """Every URL written in the Markdown ``text``, in reading order, outside code."""
    blanked = _blank_code(text)
    found: list[tuple[int, str, bool]] = []
    for number, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(blanked):
            found.append((match.start("url"), match.group("url"), number == _RAW))
    found += _reference_uses(blanked)
    for match in _SRCSET.finditer(blanked):
        value, start = match.group("value"), match.start("value")
        position = 0
        for url in srcset_urls(value):
            position = value.index(url, position)
            found.append((start + position, url, True))
            position += len(url)
    found.sort()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    links = []
    for offset, url, raw in found:
        line = _line_of(line_starts, offset)
        links.append(SourceLink(url, line + 1, offset - line_starts[line] + 1, raw))
    return links


def _reference_uses(text: str) -> list[tuple[int, str, bool]]:
    """Every use of a reference-style link, at the use, with its definition's URL (each
    use renders a link of its own; the definition is found too, as a fallback)."""
    definitions: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        definitions.setdefault(_label(match.group("label")), match.group("url"))
    if not definitions:
        return []
    uses = []
    for match in _REFERENCE.finditer(text):
        label = match.group("label")
        key = _label(label if label else match.group("text"))
        if key in definitions and not _DEFINITION.match(text, _line_start(text, match.start())):
            uses.append((match.start(), definitions[key], False))
    return uses


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


def locate(links: Sequence[Link], sources: Sequence[SourceLink]) -> dict[int, SourceLink]:
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
        order = list(range(cursor, len(sources))) + list(range(cursor))
        for position in order:
            if not used[position] and same_target(sources[position].url, link.url):
                used[position] = True
                located[link.index] = sources[position]
                cursor = position + 1
                break
    return located


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
