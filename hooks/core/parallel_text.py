"""Parallel text: a post and its translation, block beside block.

Two readings of the same Markdown file agree on its blocks:

- :func:`markdown_blocks` reads the source (kind and line of every top-level block), so the
  build can say where two versions stop pairing;
- :func:`html_blocks` splits the HTML the site's Markdown makes of it into the same blocks,
  so the parallel view can set them side by side.

Blocks are headings (by level), paragraphs, quotes, list items (each item of a top-level
list), boxes (admonitions, details), code, tables, rules and raw HTML. Link, footnote and
abbreviation definitions are not blocks; footnotes are shown after the pairs.

A block that deliberately has no counterpart (a translator's note) carries the class
``unpaired``: ``{: .unpaired }`` after a paragraph, list item or quote line, at the end of a
heading, or ``!!! note unpaired "…"`` on a box. It gets a row of its own.

Nothing here knows MkDocs.
"""

from __future__ import annotations

import functools
import html as html_module
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from hooks.core.links_extract import srcset_candidates
from hooks.core.links_source import link_targets
from hooks.core.posts import Content, Post
from hooks.core.ui import t

UNPAIRED_CLASS = "unpaired"
MARKER_HELP = (
    'mark a block that has no counterpart with `{: .unpaired }` (a box: `!!! note unpaired "…"`)'
)

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>")
_ITEM = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])[ \t]+\S")
_BOX = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]+(.*)$")
_TABLE = re.compile(r"^ {0,3}\|")
_HTML = re.compile(r"^ {0,3}<[A-Za-z/!]")
_COMMENT = re.compile(r"^ {0,3}<!--.*-->\s*$")
_DEFINITION = re.compile(r"^ {0,3}(?:\[\^[^\]]+\]:|\[[^\]^][^\]]*\]:|\*\[[^\]]+\]:)")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_ATTR_UNPAIRED = re.compile(r"\{:?[^}\n]*\.unpaired(?![\w-])[^}\n]*\}[ \t#]*$")  # a heading's
# attr_list gives a block its attributes from a line of their own ending it ('>' in a quote).
_ATTR_LINE = re.compile(r"^[ \t>]*\{:?[^}\n]*\.unpaired(?![\w-])[^}\n]*\}[ \t]*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Block:
    """A top-level block of a Markdown file: its kind and first line (1-based)."""

    kind: str
    line: int
    unpaired: bool = False

    def describe(self) -> str:
        if self.kind.startswith("heading-"):
            return f"a level-{self.kind.removeprefix('heading-')} heading"
        return {
            "paragraph": "a paragraph",
            "quote": "a quote",
            "item": "a list item",
            "box": "a box (admonition)",
            "code": "a code block",
            "table": "a table",
            "rule": "a horizontal rule",
            "html": "a raw HTML block",
            "footnotes": "footnotes",
        }.get(self.kind, self.kind)


def body_start(text: str) -> int:
    """Index (0-based) of the first line after the front matter."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index + 1
    return 0


def markdown_blocks(text: str) -> list[Block]:
    """The top-level blocks of a Markdown file (front matter included in ``text``)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    index = body_start(text)

    def blank(i: int) -> bool:
        return i >= len(lines) or not lines[i].strip()

    def marked(start: int, end: int) -> bool:
        return _marked(lines, start, end)

    def paragraph_end(i: int) -> int:
        """The first blank line (or the end) from ``i``."""
        while not blank(i):
            i += 1
        return i

    def continues_after_blank(i: int) -> bool:
        """Whether the lines from ``i`` (after blank lines) are indented into the block."""
        while i < len(lines) and not lines[i].strip():
            i += 1
        return i < len(lines) and bool(_INDENTED.match(lines[i]))

    def starts_block(line: str) -> bool:
        return bool(
            _FENCE.match(line)
            or _ATX.match(line)
            or _QUOTE.match(line)
            or _ITEM.match(line)
            or _BOX.match(line)
            or _RULE.match(line)
        )

    while index < len(lines):
        line = lines[index]
        number = index + 1
        if not line.strip() or _COMMENT.match(line):
            index += 1
            continue
        if fence := _FENCE.match(line):
            mark = fence.group(1)
            end = index + 1
            while end < len(lines) and not lines[end].lstrip().startswith(mark):
                end += 1
            blocks.append(Block("code", number))
            index = end + 1
            continue
        if heading := _ATX.match(line):
            level = len(heading.group(1))
            blocks.append(Block(f"heading-{level}", number, bool(_ATTR_UNPAIRED.search(line))))
            index += 1
            continue
        if _RULE.match(line):
            blocks.append(Block("rule", number))
            index += 1
            continue
        if _DEFINITION.match(line):
            index += 1  # a definition and its indented continuation are not blocks
            while index < len(lines) and (
                _INDENTED.match(lines[index]) or (blank(index) and continues_after_blank(index + 1))
            ):
                index += 1
            continue
        if box := _BOX.match(line):
            end = index + 1
            while end < len(lines) and (
                _INDENTED.match(lines[end]) or (blank(end) and continues_after_blank(end + 1))
            ):
                end += 1
            words = box.group(1).split('"', 1)[0].split()
            blocks.append(Block("box", number, UNPAIRED_CLASS in words[1:]))
            index = end
            continue
        if _QUOTE.match(line):
            end = index
            while True:
                end = paragraph_end(end)
                # Python-Markdown joins a quote that follows a quote after a blank line.
                after = end
                while after < len(lines) and blank(after):
                    after += 1
                if after < len(lines) and _QUOTE.match(lines[after]):
                    end = after
                    continue
                break
            blocks.append(Block("quote", number, marked(index, end)))
            index = end
            continue
        if item := _ITEM.match(line):
            index = _list_items(lines, index, len(item.group(1)), blocks)
            continue
        if kind := "table" if _TABLE.match(line) else "html" if _HTML.match(line) else None:
            blocks.append(Block(kind, number))  # a table or raw HTML runs to a blank line
            index = paragraph_end(index)
            continue
        # A paragraph: up to a blank line or a line that starts another block.
        end = index + 1
        kind = "paragraph"
        while end < len(lines) and not blank(end) and not starts_block(lines[end]):
            if _SETEXT.match(lines[end]):
                kind = "heading-1" if lines[end].strip().startswith("=") else "heading-2"
                end += 1
                break
            end += 1
        blocks.append(Block(kind, number, marked(index, end)))
        index = end
    return blocks


def _marked(lines: list[str], start: int, end: int) -> bool:
    """Whether lines ``start``..``end`` hold ``{: .unpaired }`` on a line of its own that
    follows a line of text (after a blank line it would be a paragraph of its own)."""
    return any(
        _ATTR_LINE.match(lines[i]) and lines[i - 1].strip(" \t>") for i in range(start + 1, end)
    )


def _list_items(lines: list[str], index: int, indent: int, blocks: list[Block]) -> int:
    """Append the items of the list starting at ``index``; return the line after it."""
    # Python-Markdown continues a list with any item marker (1. then -), even after blank
    # lines: so does this.
    start = index
    end = index + 1
    while end <= len(lines):
        at_end = end == len(lines)
        line = "" if at_end else lines[end]
        item = None if at_end else _ITEM.match(line)
        if at_end or (item is not None and len(item.group(1)) <= indent):
            blocks.append(Block("item", start + 1, _marked(lines, start, end)))
            if at_end:
                return end
            start = end
        elif not line.strip():
            following = end + 1
            while following < len(lines) and not lines[following].strip():
                following += 1
            if following >= len(lines):
                end = following
                continue
            nxt = lines[following]
            next_item = _ITEM.match(nxt)
            if _INDENTED.match(nxt) or (
                next_item is not None and len(next_item.group(1)) <= indent
            ):
                end = following
                continue
            blocks.append(Block("item", start + 1, _marked(lines, start, end)))
            return end
        elif (
            not line.startswith(" ")
            and not line.startswith("\t")
            and (_ATX.match(line) or _FENCE.match(line) or _BOX.match(line) or _RULE.match(line))
        ):
            blocks.append(Block("item", start + 1, _marked(lines, start, end)))
            return end
        end += 1
    return end


# ---------------------------------------------------------------------------------------
# Pairing


@dataclass(frozen=True)
class Mismatch:
    """Where two versions stop pairing: the first block of each that does not pair (None:
    that version has no block left), and the line to report when it has none."""

    own: Block | None
    other: Block | None

    def describe(self, own_path: str, other_path: str, other_end: int, own_end: int) -> str:
        """One line: the file and line of the first unpaired block, the other file's, the fix."""
        if self.own is not None and self.other is not None:
            where, line = own_path, self.own.line
            what = (
                f"{self.own.describe()} here, {self.other.describe()} at "
                f"{other_path}:{self.other.line}"
            )
        elif self.own is not None:
            where, line = own_path, self.own.line
            what = (
                f"{self.own.describe()} here, nothing left in {other_path} "
                f"(ends at line {other_end})"
            )
        else:
            assert self.other is not None
            where, line = own_path, own_end
            what = (
                f"this version ends, {self.other.describe()} remains at "
                f"{other_path}:{self.other.line}"
            )
        return (
            f"{where}:{line}: parallel text: the versions stop pairing: {what}; give both "
            f"versions the same blocks in the same order, or {MARKER_HELP}"
        )


def _paired(blocks: Sequence[Block]) -> list[Block]:
    return [block for block in blocks if not block.unpaired]


@functools.lru_cache(maxsize=8192)
def pairing_of(own_text: str, other_text: str) -> Mismatch | None:
    """:func:`check_pairing` of two Markdown sources, remembered: `mkdocs serve` checks
    every pair on every save, and most have not changed."""
    return check_pairing(markdown_blocks(own_text), markdown_blocks(other_text))


def check_pairing(own: Sequence[Block], other: Sequence[Block]) -> Mismatch | None:
    """None when the blocks not marked unpaired pair one to one, kind by kind."""
    mine, theirs = _paired(own), _paired(other)
    for position in range(max(len(mine), len(theirs))):
        a = mine[position] if position < len(mine) else None
        b = theirs[position] if position < len(theirs) else None
        if a is None or b is None or a.kind != b.kind:
            return Mismatch(a, b)
    return None


T = TypeVar("T")


@dataclass(frozen=True)
class Row(Generic[T]):
    """One row of the parallel view: a block of each version, or of one only."""

    own: T | None
    other: T | None


def pair_rows(own: Sequence[T], other: Sequence[T], unpaired: Callable[[T], bool]) -> list[Row[T]]:
    """Rows in reading order: paired blocks side by side, an unpaired block on a row of
    its own where it stands. When the versions do not pair (reported by the build), blocks
    are still set side by side in order, and what is left over gets rows of its own."""
    rows: list[Row[T]] = []
    i = j = 0
    while i < len(own) or j < len(other):
        if i < len(own) and unpaired(own[i]):
            rows.append(Row(own[i], None))
            i += 1
        elif j < len(other) and unpaired(other[j]):
            rows.append(Row(None, other[j]))
            j += 1
        else:
            rows.append(Row(own[i] if i < len(own) else None, other[j] if j < len(other) else None))
            i, j = i + 1, j + 1
    return rows


# ---------------------------------------------------------------------------------------
# HTML


@dataclass(frozen=True)
class HtmlBlock:
    """A top-level block of rendered HTML. List items keep their list (``ol``/``ul``) and,
    in an ordered list, their number, so that each can be shown on its own."""

    kind: str
    html: str
    unpaired: bool = False
    list_tag: str | None = None
    number: int | None = None


_KINDS = {
    "p": "paragraph",
    "blockquote": "quote",
    "table": "table",
    "hr": "rule",
    "pre": "code",
    "details": "box",
}


def _classes(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


def _has_unpaired(node: LexborNode) -> bool:
    if UNPAIRED_CLASS in _classes(node):
        return True
    return any(UNPAIRED_CLASS in _classes(inner) for inner in node.css(f".{UNPAIRED_CLASS}"))


def _elements(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        if child.tag not in ("-text", "_text", "-comment", "_comment", "!comment"):
            yield child
        child = child.next


def html_blocks(html: str) -> tuple[list[HtmlBlock], list[str]]:
    """(blocks, footnotes) of a rendered document: footnote sections are kept apart."""
    tree = LexborHTMLParser(f"<!DOCTYPE html><html><body>{html}</body></html>")
    body = tree.body
    blocks: list[HtmlBlock] = []
    footnotes: list[str] = []
    if body is None:
        return blocks, footnotes
    for node in _elements(body):
        tag = node.tag
        classes = _classes(node)
        if tag in ("ol", "ul"):
            start = int(node.attributes.get("start") or 1) if tag == "ol" else None
            items = [child for child in _elements(node) if child.tag == "li"]
            for offset, item in enumerate(items):
                blocks.append(
                    HtmlBlock(
                        "item",
                        item.html or "",
                        _has_unpaired(item),
                        tag,
                        None if start is None else start + offset,
                    )
                )
            continue
        if tag == "div" and "footnote" in classes:
            footnotes.append(node.html or "")
            continue
        if tag is not None and re.fullmatch(r"h[1-6]", tag):
            kind = f"heading-{tag[1]}"
        elif tag == "div" and ("admonition" in classes):
            kind = "box"
        elif tag == "div" and ("highlight" in classes):
            kind = "code"
        else:
            kind = _KINDS.get(tag or "", "html")
        blocks.append(HtmlBlock(kind, node.html or "", _has_unpaired(node)))
    return blocks, footnotes


# A start tag, its attribute values quoted or not (Python-Markdown quotes with '"'; an
# author's raw HTML may not), and one attribute with a value: only attributes are
# rewritten, never text that reads like one (`<code>srcset="b.png 2x"</code>` in a post
# about HTML, where '"' is not escaped). Each attribute is matched once, never tried again
# shorter (atomic, possessive): `b=c/` is a value 'c/' or 'c' then '/', and trying both for
# every attribute of a tag that never ends took time doubling with each one.
_TAG = re.compile(
    r"""<[A-Za-z][^\s/>]*+(?>\s+[^\s"'=<>`/]++(?>\s*=\s*(?>"[^"]*+"|'[^']*+'|[^\s"'=<>`]++))?|\s*/)*+\s*>"""
)
_ATTRIBUTE = re.compile(r"""(\s)([^\s"'=<>`/]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
# (value as written, attributes to add after it) or None: the attribute as it was
Rewrite = Callable[[str, str], "tuple[str, str] | None"]


def rewrite_attributes(html: str, *rewrites: Rewrite) -> str:
    """``html`` with every start tag's attributes passed to each of ``rewrites`` in turn,
    as ``rewrite(name, value)`` (the name in lower case, the value as written between its
    quotes, entities and all; each sees the value the one before made): one pass for all."""

    def in_tag(tag: re.Match[str]) -> str:
        def attribute(match: re.Match[str]) -> str:
            double, single, bare = match.group(4, 5, 6)
            value = double if double is not None else single if single is not None else bare
            name = match.group(2).lower()
            added, changed = "", False
            for rewrite in rewrites:
                new = rewrite(name, value)
                if new is not None:
                    (value, extra), changed = new, True
                    added += extra
            if not changed:
                return match.group(0)
            quote = "'" if single is not None else '"'
            lead, written_name, equals = match.group(1, 2, 3)
            return f"{lead}{written_name}{equals}{quote}{value}{quote}{added}"

        return _ATTRIBUTE.sub(attribute, tag.group(0))

    return _TAG.sub(in_tag, html)


_LINKS = ("href", "src")


def id_prefixer(prefix: str) -> Rewrite:
    """Every ``id`` and in-page ``#link`` of one version given ``prefix``: both versions
    share the page, and their ids (footnotes, headings) could clash."""

    def prefixed(name: str, value: str) -> tuple[str, str] | None:
        if name == "id":
            return prefix + value, ""
        if name in _LINKS and value.startswith("#") and len(value) > 1:
            return f"#{prefix}{value[1:]}", ""
        return None

    return prefixed


def _relative_parts(value: str) -> tuple[str, str] | None:
    """(path, its ?query and #fragment) of a relative link; None for what is left alone:
    nothing, an in-page anchor, an absolute path, a URL with a scheme."""
    if not value or value.startswith(("#", "/")) or _SCHEME.match(value):
        return None
    path, hash_mark, fragment = value.partition("#")
    path, question, query = path.partition("?")
    return path, question + query + hash_mark + fragment


def links_rebaser(
    source_dir: str,
    page_url: str,
    url_of_page: Callable[[str], str | None],
    url_of_file: Callable[[str], str],
    relative: Callable[[str, str], str],
    hreflang: str | None = None,
) -> Rewrite:
    """Relative links of a document written in the folder ``source_dir`` (of its language
    folder) made to work from the page at ``page_url``: a ``.md`` target becomes its
    page's URL (``url_of_page``: None when no such page, the link is then left as
    written for the link checker to report), anything else the file it names
    (``url_of_file``). Absolute URLs, schemes and in-page anchors are left alone.
    ``hreflang``: added to links to pages, when the document is shown on a page in
    another language."""

    def rebase(name: str, value: str) -> tuple[str, str] | None:
        parts = _relative_parts(value) if name in _LINKS else None
        if parts is None:
            return None
        path, rest = parts
        target = posixpath.normpath(posixpath.join(source_dir, path)) if path else ""
        if target.endswith(".md"):
            url = url_of_page(target)
            if url is None:
                return None
        else:
            url = url_of_file(target)
        marked = hreflang and target.endswith(".md") and name == "href"
        return relative(url, page_url) + rest, f' hreflang="{hreflang}"' if marked else ""

    return rebase


def page_links_rebaser(
    from_url: str,
    page_url: str,
    relative: Callable[[str, str], str],
    hreflang: str | None = None,
    is_page: Callable[[str], bool] | None = None,
) -> Rewrite:
    """Relative links of HTML rendered for the page at site URL ``from_url`` (where MkDocs
    has already turned ``.md`` targets into page URLs) made to work from the page at
    ``page_url``: what :func:`links_rebaser` gives for the Markdown's own HTML, srcset
    candidates included. A ``.md`` target MkDocs could not resolve stays as written, as
    there. ``hreflang``: added to links to pages (``is_page`` of their site URL, without
    query or fragment), when the HTML is shown on a page in another language."""
    rebase = _page_rebaser(from_url, page_url, relative)
    rebase_srcset = srcset_rebaser(from_url, page_url, relative)

    def rebased(name: str, value: str) -> tuple[str, str] | None:
        if name not in _LINKS:
            return rebase_srcset(name, value)
        target, written = rebase(value)
        marked = hreflang and is_page and name == "href" and target is not None
        return written, f' hreflang="{hreflang}"' if marked and is_page(target) else ""

    return rebased


def srcset_rebaser(from_url: str, page_url: str, relative: Callable[[str, str], str]) -> Rewrite:
    """The ``srcset`` candidates of HTML written for the page at site URL ``from_url`` made
    to work from the page at ``page_url``: MkDocs rewrites no srcset, so its URLs are
    relative to the page they were written for, in the Markdown's HTML too."""
    rebase = _page_rebaser(from_url, page_url, relative)

    def rebased(name: str, value: str) -> tuple[str, str] | None:
        if name != "srcset":
            return None
        candidates = srcset_candidates(html_module.unescape(value))
        if all(rebase(url)[1] == url for url, _ in candidates):
            return None  # nothing relative: as written
        value = ", ".join(
            f"{rebase(url)[1]} {descriptors}".rstrip() for url, descriptors in candidates
        )
        return html_module.escape(value), ""  # (quotes too: the value may be in either)

    return rebased


def _page_rebaser(
    from_url: str, page_url: str, relative: Callable[[str, str], str]
) -> Callable[[str], tuple[str | None, str]]:
    """(the site URL it leads to, without query or fragment; how it must be written on
    ``page_url``) of a URL written on the page at ``from_url``. What is not relative, or
    an unresolved ``.md`` target, leads to None and stays as written."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)

    def rebase(value: str) -> tuple[str | None, str]:
        parts = _relative_parts(value)
        if parts is None or not parts[0] or parts[0].endswith(".md"):
            return None, value
        path, rest = parts
        target = posixpath.normpath(posixpath.join(base, path))
        target = "" if target == "." else target + ("/" if path.endswith("/") else "")
        return target, relative(target, page_url) + rest

    return rebase


def titles_in_language(html: str, own: Mapping[str, str], page: Mapping[str, str]) -> str:
    """``html`` with the titles the extensions gave its headings' permalinks and its
    footnotes' way back (``own``: those titles in its language, "{}" for a footnote's
    number) given in ``page``'s instead: a version rendered for its own language's page,
    shown on a page in another language, where such tooltips are in that page's."""
    for key, opening in _TITLED.items():
        written = re.escape(html_module.escape(own[key])).replace(r"\{\}", r"(?P<number>\d+)")
        shown = html_module.escape(page[key])

        def retitled(match: re.Match[str], shown: str = shown) -> str:
            return f'{match[1]}{shown.replace("{}", match.groupdict().get("number") or "")}"'

        html = re.sub(f'({opening} title="){written}"', retitled, html)
    return html


# What the toc and footnotes extensions write before such a title.
_TITLED = {
    "toc.permalink": r'<a class="headerlink" href="#[^"<>]*"',
    "footnote.backlink": r'<a class="footnote-backref" href="#[^"<>]*"',
}


# Characters str.splitlines() breaks a line at, besides "\n" and "\r": static-i18n rejoins a
# page's Markdown line by line before it is converted (so they become line breaks there).
_LINE_BREAKERS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LINK_ATTRIBUTE = re.compile(r"\b(?:href|src)\s*=", re.IGNORECASE)  # raw HTML, attr_list


def page_html_reusable(text: str, source_path: str, exists: Callable[[str], bool]) -> bool:
    """Whether a version's page HTML (its own build's, from the Markdown ``text`` of the
    file at ``source_path`` in the docs folder), once fitted, is what converting its Markdown for
    a view gives: so where a view's version comes from never shows in the page. True of
    Markdown whose relative links name ``.md`` pages, or files that ``exists`` (a path in
    the docs folder); not of links MkDocs leaves as written (no dot in their last part, a
    query alone, a file that is not there: the browser reads them from the post's page),
    raw HTML's links (MkDocs rewrites none), or what is changed before it is converted
    (line breaks, Material's markers). Those versions are converted for every view."""
    if _LINE_BREAKERS.search(text) or _LINK_ATTRIBUTE.search(text) or "<!-- material/" in text:
        return False
    source_dir = posixpath.dirname(source_path)
    for written in link_targets(text):
        parts = urlsplit(written)
        if parts.scheme or parts.netloc or written.startswith(("/", "#")):
            continue
        path = unquote(parts.path)
        if not path:
            return False  # a query alone
        if path.endswith(".md"):
            continue
        if "." not in path.rstrip("/").rpartition("/")[2]:
            return False
        if not exists(posixpath.normpath(posixpath.join(source_dir, path))):
            return False
    return True


# ---------------------------------------------------------------------------------------
# Which posts get a parallel page


def partner(content: Content, post: Post) -> Post | None:
    """The version shown beside ``post``: its original, or for an original its first
    readable translation (in the site's order of languages); None without one."""
    if not content.readable(post):
        return None
    if post.translated_from:
        original = content.posts.get(post.translated_from, {}).get(post.key)
        return original if original is not None and content.readable(original) else None
    for lang in content.languages:
        other = content.posts.get(lang, {}).get(post.key)
        if (
            lang != post.lang
            and other is not None
            and other.translated_from == post.lang
            and content.readable(other)
        ):
            return other
    return None


def parallel_path(post: Post) -> str:
    """Path, in ``post``'s language folder, of its parallel page: posts/<slug>/<word>.md."""
    return f"{posixpath.splitext(post.rel_path)[0]}/{t(post.lang, 'parallel.slug')}.md"
