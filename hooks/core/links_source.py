"""Where each link of a page was written in its Markdown source (line and column).

The built HTML says where a link points, not where the author wrote it. Here the Markdown
source is scanned for every URL it contains (inline links and images, reference definitions,
autolinks, raw HTML attributes), skipping code; the page's content links are then matched
to those occurrences in order, by target.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
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
    # <https://...> and <mailto:...>
    re.compile(r"<(?P<url>(?:https?|mailto|ftp):[^>\s]+)>"),
    # raw HTML: href="..." src='...'
    re.compile(r"\b(?:href|src)\s*=\s*(?P<quote>[\"'])(?P<url>.*?)(?P=quote)"),
)
_RAW = 3  # index in _PATTERNS of the raw HTML attribute pattern (not rewritten by MkDocs)
# Reference definitions ([id]: url) and uses ([text][id], [id][], [id]). A definition's URL
# is on its line or the next (not after a blank line, as Python-Markdown reads it), and it
# may be indented as the content of an admonition or a tab is (see _definitions).
_DEFINITION = re.compile(
    r"^[ \t]*\[(?P<label>[^\[\]\n]+)\]:[ \t]*(?:\n[ \t]*)?<?(?P<url>[^\s>]+)>?", re.M
)
# A line that opens a block whose content is indented: an admonition, details, a tab, a
# pymdownx.blocks block, a list item (a definition indented under one is its content).
_CONTAINER = re.compile(r"[ \t]*(?:!!!|\?\?\?\+?|===|///|[-*+][ \t]|\d+[.)][ \t])")
# (A use at a line's start followed by ":" and a URL is a definition: told apart where found.
# A use's text may wrap onto the next lines of its paragraph.)
_REFERENCE = re.compile(
    r"(?<![\\\]])\[(?P<text>(?:[^\[\]\n]|\n(?![ \t]*\n)|\[[^\[\]\n]*\])+)\]"
    r"(?:\[(?P<label>[^\[\]\n]*)\])?(?![(\[])"
)
_SRCSET = re.compile(r"\bsrcset\s*=\s*(?P<quote>[\"'])(?P<value>.*?)(?P=quote)")
_MARKUP_OPENERS = "<!-[{(`"  # characters a change can share with what it replaced
_BLOCK_DIRECTIVE = re.compile(r"^:::[ \t]+(?P<name>[^\s:]\S*)", re.M)
_PAIRINGS = 10_000  # lines compared at most to place a stretch a plugin rewrote
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")  # lines as scan() counts them (only \n ends one)
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
# #12 issue, !12 pull request, ?12 discussion (magiclink), optionally after user/repo.
# The repository before a shorthand: 'repo', 'user/repo', with a provider ('gitlab:user/repo').
# (A repository alone has no dot: 'page.md#9' is a link's fragment.)
_REPO = r"(?:(?:github|gitlab|bitbucket):)?(?:[\w.-]+/[\w.-]+|[\w-]+)"
_ISSUE = re.compile(rf"(?<![\w&/#!?@`:.])(?P<url>(?:{_REPO})?[#!?](?P<number>\d+))\b")
_MENTION = re.compile(
    r"(?<![\w/`@])@(?P<url>(?:(?:github|gitlab|bitbucket):)?"
    r"[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:/[\w.-]*\w)?)\b(?![.@]\w)"
)
# A commit's full hash, or two as a comparison, optionally after user/repo@ (magiclink).
_COMMIT = re.compile(
    rf"(?<![\w/@#.:-])(?P<url>(?:{_REPO}@)?[0-9a-f]{{40}}(?:\.\.\.[0-9a-f]{{40}})?)(?![\w-]|\.\w)"
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
    # pymdownx.superfences' custom fences ('mermaid', 'md-render'): a project's own format
    # may render a block as Markdown, with links (pymdown-extensions' demos do).
    custom_fences: tuple[str, ...] = ()

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


def link_targets(text: str) -> Iterator[str]:
    """The URLs the Markdown ``text`` writes in inline links and images and in reference
    definitions (not a footnote's): a quick reading, for deciding something of them all
    without placing them (code is not told apart, raw HTML is left out)."""
    for pattern in _PATTERNS[:2]:
        for match in pattern.finditer(text):
            yield match.group("url")
    for match in _DEFINITION.finditer(text):
        if not match.group("label").startswith("^"):
            yield match.group("url")


def scan(text: str, includes: Includes | None = None) -> list[SourceLink]:
    """Every URL written in the Markdown ``text``, in reading order, outside code; links of
    included snippets at their including line; references defined in appended snippets."""
    return _scan(text, includes, 0)


def _scan(text: str, includes: Includes | None, depth: int) -> list[SourceLink]:
    blanked = _blank_code(text)
    found: list[tuple[int, int, SourceLink]] = []  # (offset, order, link at offset 0)

    def add(offset: int, url: str, raw: bool = False, via: str = "", kind: str = "") -> None:
        found.append((offset, len(found), SourceLink(url, 0, 0, raw, via, kind)))

    definitions = _definitions(blanked)
    for match in definitions:
        add(match.start("url"), match.group("url"))
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
    for match in _COMMIT.finditer(blanked):
        add(match.start(), match.group("url"), via="commit shorthand", kind=SHORTHAND)
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
    for offset, url, via, kind in _reference_uses(text, blanked, definitions, appended):
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


def scan_rewritten(
    text: str, markdown: str, by: str, includes: Includes | None = None
) -> list[SourceLink]:
    """Every URL of ``markdown``, the page as its plugins and hooks handed it to Markdown
    (a shortcode hook has turned ``<!-- md:version 9.0 -->`` into a link), at its place in
    the file ``text``: a link the author wrote keeps its own line and column; a link a
    plugin wrote is at the start of what the plugin changed on that line, ``via`` naming
    the plugin (``by``)."""
    if not text:
        return []  # the file is gone: where anything was written is not known
    # (Lines compared without their ends: a plugin may join them again without the last.)
    written = [line.rstrip("\n") for line in _LINE.findall(text)]
    handed = [line.rstrip("\n") for line in _LINE.findall(markdown)]
    places = _places(written, handed)
    links = []
    for link in scan(markdown, includes):
        line, prefix, suffix = places[link.line - 1]
        shown = handed[link.line - 1]
        if prefix is None or link.col <= prefix:
            links.append(replace(link, line=line + 1))
        elif link.col > len(shown) - suffix:  # the file's own text after the change
            col = link.col - (len(shown) - len(written[line]))
            links.append(replace(link, line=line + 1, col=col))
        else:
            # (where the change starts: '<!-- md:…' and '<span…' share their '<')
            start = prefix
            while start and written[line][start - 1] in _MARKUP_OPENERS:
                start -= 1
            links.append(replace(link, line=line + 1, col=start + 1, via=by))
    return links


Place = tuple[int, int | None, int]  # file line; characters kept at the start (None: all), end


def _places(written: list[str], handed: list[str]) -> list[Place]:
    """Per line of ``handed`` (the Markdown as plugins handed it on): the line of the file
    (``written``) it stands for, and how many characters at its start and end are the
    file's own. The lines both share at the start and the end are the file's, and so are
    those difflib pairs in between (its junk heuristic keeps long pages fast: blank lines
    are common); the rest is paired stretch by stretch."""
    head = 0
    while head < min(len(written), len(handed)) and written[head] == handed[head]:
        head += 1
    tail = 0
    while tail < min(len(written), len(handed)) - head and written[-1 - tail] == handed[-1 - tail]:
        tail += 1
    places: list[Place] = [(number, None, 0) for number in range(head)]
    matcher = difflib.SequenceMatcher(
        None, written[head : len(written) - tail], handed[head : len(handed) - tail]
    )
    for tag, first, last, start, end in matcher.get_opcodes():
        first, last, start, end = first + head, last + head, start + head, end + head
        if tag == "equal":
            places.extend((first + number - start, None, 0) for number in range(start, end))
        else:
            places.extend(_stretch(written, handed, first, last, start, end))
    places.extend((len(written) - tail + number, None, 0) for number in range(tail))
    return places


def _stretch(
    written: list[str], handed: list[str], first: int, last: int, start: int, end: int
) -> list[Place]:
    """Places of the handed lines start..end, which replace the file's lines first..last:
    each is paired, in order, with the file line it keeps most of (the pairing that keeps
    most in all, found by dynamic programming; in a long stretch, none), the others in
    order with the file lines left between pairs; a handed line left over is one the
    plugin added, at the last file line before it."""
    files, lines = last - first, end - start
    paired: dict[int, int] = {}  # handed line -> file line
    if files and lines and files * lines <= _PAIRINGS:
        score = [
            [sum(_kept(written[first + i], handed[start + j])) for j in range(lines)]
            for i in range(files)
        ]
        best = [[0] * (lines + 1) for _ in range(files + 1)]
        for i in range(files - 1, -1, -1):
            for j in range(lines - 1, -1, -1):
                both = best[i + 1][j + 1] + score[i][j] if score[i][j] else -1
                best[i][j] = max(best[i + 1][j], best[i][j + 1], both)
        i = j = 0
        while i < files and j < lines:
            if score[i][j] and best[i][j] == best[i + 1][j + 1] + score[i][j]:
                paired[start + j] = first + i
                i, j = i + 1, j + 1
            elif best[i][j] == best[i + 1][j]:
                i += 1
            else:
                j += 1
    # The file line each handed line may stand in for at most: the next pair's, exclusive.
    limits: list[int] = []
    limit = last
    for number in range(end - 1, start - 1, -1):
        limit = paired.get(number, limit)
        limits.append(limit)
    limits.reverse()
    places: list[Place] = []
    free = first  # the first file line of the stretch not stood in for yet
    for number in range(start, end):
        line = paired.get(number)
        if line is None and free < limits[number - start]:
            line = free
        if line is None:  # added by the plugin
            places.append((max(min(free, len(written)) - 1, 0), 0, 0))
            continue
        places.append((line, *_kept(written[line], handed[number])))
        free = line + 1
    return places


def _kept(original: str, changed: str) -> tuple[int, int]:
    """How many characters ``changed`` keeps of ``original`` at its start and at its end."""
    prefix = 0
    limit = min(len(original), len(changed))
    while prefix < limit and original[prefix] == changed[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and original[-1 - suffix] == changed[-1 - suffix]:
        suffix += 1
    return prefix, suffix


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


def _reference_uses(
    text: str, blanked: str, definitions: list[re.Match[str]], appended: str = ""
) -> list[tuple[int, str, str, str]]:
    """Every use of a reference-style link, at the use, with its definition's URL (each
    use renders a link of its own; the definition is found too, as a fallback). A use
    without a definition whose label reads as an identifier is mkdocs-autorefs' link.
    Found outside code (``blanked``, whose ``definitions`` are given), labels read as
    written (``[`Runner`][]``)."""
    # Label -> (URL, whether an appended snippet defines it). Python-Markdown keeps the
    # last definition of a label, and appended snippets come after the page's text.
    defined: dict[str, tuple[str, bool]] = {}
    for source, matches_in, snippet in (
        (text, definitions, False),
        (appended, _definitions(_blank_code(appended)), True),
    ):
        for match in matches_in:
            label = source[match.start("label") : match.end("label")]
            defined[_label(label)] = (match.group("url"), snippet)
    uses = []
    for match in _REFERENCE.finditer(blanked):
        label = match.group("label")
        if label is not None:
            label = text[match.start("label") : match.end("label")]
        written = text[match.start("text") : match.end("text")]
        key = _label(label if label else written)
        if _DEFINITION.match(blanked, _line_start(blanked, match.start())):
            continue
        if key in defined:
            url, from_snippet = defined[key]
            uses.append((match.start(), url, "appended snippet" if from_snippet else "", ""))
        elif label is not None:
            identifier = (label or written).strip().strip("`")
            if identifier and " " not in identifier:
                uses.append((match.start(), identifier, "autorefs", AUTOREF))
    return uses


def _definitions(blanked: str) -> list[re.Match[str]]:
    """The reference definitions of ``blanked`` (code blanked) that stand as definitions."""
    starts = _definition_starts(blanked)
    return [match for match in _DEFINITION.finditer(blanked) if match.start() in starts]


def _definition_starts(text: str) -> set[int]:
    """The starts of the lines of ``text`` where a reference definition may stand: indented
    by less than four spaces, or more as the content of the block the nearest line above
    with less indentation opens (an admonition, a tab, a list item), not as an indented
    code example. (One pass: a stack of the lines above, by indentation.)"""
    starts: set[int] = set()
    above: list[tuple[int, bool]] = []  # (indent, opens a block), indents increasing
    position = 0
    for line in _LINE.findall(text):
        if line.strip():
            indent = _indent(line)
            while above and above[-1][0] >= indent:
                above.pop()
            if indent < 4 or (above and above[-1][1]):
                starts.add(position)
            above.append((indent, bool(_CONTAINER.match(line))))
        position += len(line)
    return starts


def _indent(line: str) -> int:
    stripped = line.lstrip(" \t")
    return len(line[: len(line) - len(stripped)].expandtabs(4))


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
    return "".join(
        re.sub(r"(`+)(.+?)\1", lambda m: " " * len(m.group(0)), line)
        if block is None
        else _spaces(line)
        for line, block in _fenced_lines(text)
    )


_MARKER = "\0"  # the opening or closing line of a fenced block


def _fenced_lines(text: str) -> Iterator[tuple[str, str | None]]:
    """Each line of ``text`` with the fenced block it is in: None outside any, _MARKER on a
    fence line, else the block's name, the first word of its info string ('md-render' for
    '```md-render' and '~~~{.md-render title="x"}'; '' without one)."""
    fence: str | None = None
    name = ""
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
            info = line[match.end() :].strip().lstrip("{").lstrip(".").split(None, 1)
            name = info[0].rstrip("}") if info else ""
            yield line, _MARKER
        elif fence is not None and line.strip().startswith(fence):
            fence = None
            yield line, _MARKER
        else:
            yield line, None if fence is None else name


def scan_fenced(text: str, fences: Collection[str]) -> list[SourceLink]:
    """Every URL written inside fenced blocks of the custom ``fences``, in reading order: a
    last resort for a link no other occurrence explains, which a fence the project renders
    as Markdown wrote (pymdown-extensions' docs show each example's output that way; the
    same text in a ``text`` block beside it is code)."""
    links = _scan(_fences_only(text, fences), None, 0)
    # (Only links that say where they lead: a bare '../' or 'index.md' names no page.)
    return [
        replace(link, via="fenced block")
        for link in links
        if urlsplit(link.url).scheme or _stem(urlsplit(link.url).path) or link.url[:1] == "#"
    ]


def block_directive(text: str) -> SourceLink | None:
    """The page's one ``::: name`` block (mkdocs-click, mkdocstrings and the like put what
    they generate there), as the place of the links it generated; None without exactly one
    (which of several wrote a link is not known)."""
    found = list(_BLOCK_DIRECTIVE.finditer(_blank_code(text)))
    if len(found) != 1:
        return None
    line = text.count("\n", 0, found[0].start()) + 1
    return SourceLink("", line, 1, via=f"::: {found[0].group('name')} block")


def _fences_only(text: str, fences: Collection[str]) -> str:
    """``text`` with everything but the inside of the ``fences``' blocks blanked (offsets
    kept)."""
    return "".join(
        line if block is not None and block != _MARKER and block in fences else _spaces(line)
        for line, block in _fenced_lines(text)
    )


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
        order = (*range(cursor, len(sources)), *range(cursor))
        # An occurrence written as rendered first (the identifier autorefs made the anchor
        # of, not another object of the same name), then any that can have produced it.
        found = next((p for p in order if not used[p] and _exactly(sources[p], link.url)), None)
        if found is None:
            found = next(
                (p for p in order if not used[p] and matches(sources[p], link.url, source_of)),
                None,
            )
        if found is not None:
            used[found] = True
            located[link.index] = sources[found]
            cursor = found + 1
    return located


def _exactly(written: SourceLink, rendered: str) -> bool:
    if written.kind == AUTOREF:
        return unquote(urlsplit(rendered).fragment) == written.url
    return written.url == rendered


def matches(
    written: SourceLink, rendered: str, source_of: Callable[[str], str | None] | None = None
) -> bool:
    """Whether ``written`` can have produced the link ``rendered``; ``source_of`` names the
    Markdown file a rendered link leads to, for pages whose URL is not their file's name
    (blog posts: 'posts/zensical.md' -> '2025/11/05/zensical/', slugs from titles)."""
    if written.kind == AUTOREF:
        return _same_object(written.url, unquote(urlsplit(rendered).fragment))
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


def _same_object(identifier: str, anchor: str) -> bool:
    """Whether autorefs can have turned ``identifier`` into ``#anchor``: the same, or an
    alias of it that mkdocstrings documents under its own path ('agents.MultiProvider' ->
    '#agents.models.multi_provider.MultiProvider': the package re-exports it)."""
    if identifier == anchor:
        return True
    written, rendered = identifier.split("."), anchor.split(".")
    # (Re-exports go anywhere: 'agents.run.RunHooks' is '#agents.lifecycle.RunHooks'. An
    # identifier written as the anchor is preferred: see locate.)
    return len(written) > 1 and written[0] == rendered[0] and written[-1] == rendered[-1]


def _shorthand_matches(written: str, rendered: str) -> bool:
    """'#12' and 'user/repo#12' -> …/issues/12 or …/pull/12; '@user' -> …/user; a commit's
    hash -> …/commit/<hash>."""
    parts = urlsplit(rendered)
    if not parts.netloc:
        return False
    path = parts.path.rstrip("/")
    if written.startswith("@"):  # @user -> …/user, @user/repo, @bitbucket:user/repo -> …/user/repo
        name = written[1:].lower().rpartition(":")[2]
        return path.lower().endswith("/" + name)
    segments = [segment for segment in path.split("/") if segment != "-"]  # (GitLab's /-/)
    commit = _COMMIT.fullmatch(written) is not None
    if commit:  # …/commit/<hash>, …/compare/<hash>...<hash>
        repo, _, last = written.rpartition("@")
        kinds = ("commit", "commits", "compare")
    else:
        repo, _, last = written.replace("!", "#").replace("?", "#").rpartition("#")
        kinds = ("issues", "pull", "pulls", "discussions", "merge_requests")
    if len(segments) < 3 or segments[-1] != last or segments[-2] not in kinds:
        return False
    provider, _, repo = repo.lower().rpartition(":")  # (the provider is the link's host)
    owner_and_repo = "/".join(segments[-4:-2]).lower()
    if not repo or owner_and_repo == repo or owner_and_repo.endswith("/" + repo):
        return True
    # mdx_gh_links knows 'user/repo#12' and '#12' only: in 'RTD#1480' the word is text, and
    # '#1480' an issue of the site's own repository.
    return not commit and "#" in written and not provider and "/" not in repo


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
