"""Links and ids of one built HTML page (selectolax's lexbor parser, no regexes).

Each link records which part of the page emitted it: the author's Markdown ("content"), one
of the site's hooks (identified by the classes they render with), or a theme template.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import marshal
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements and attributes that point at something.
LINK_ATTRIBUTES = (
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
)
CONTENT = "content"
# Containers rendered by our hooks (class -> who emits them), checked innermost first.
HOOK_CONTAINERS = {
    "post-end": "overrides/partials/blog/post-end.html (end of post)",
    "listing-feed": "overrides/partials/blog (feed link of a listing)",
    "series-box": "hooks/blog.py (series box)",
    "post-header": "hooks/blog.py (post header)",
    "post-provenance": "hooks/blog.py (provenance box)",
    "translation-pending": "hooks/blog.py (pending translation notice)",
    "post-list": "hooks/blog.py (listing)",
    "series-parts": "hooks/series.py (series page)",
    "series-index": "hooks/series.py (series index)",
    "parallel-text": "hooks/parallel_text.py (parallel view)",
    "parallel-switch": "overrides/partials/parallel-text-switch.html (text view switch)",
    "not-found": "overrides/404.html (page not found)",
}
# Copies of links checked where they were written (the parallel view repeats both versions
# of a post, whose links are checked, with their lines, on the posts): a template marks
# where they start and end, and the page is parsed without them (the parallel views are
# most of a bilingual blog's HTML), their ids too (a link into a view, which search engines
# do not index, with a fragment would be reported missing). Refused in the author's own
# HTML (hooks/core/unsafe.py), where it would hide links from the check.
COPIES_START = "<!-- links: copies, checked where they were written -->"
COPIES_END = "<!-- links: end of copies -->"
# Links that Markdown extensions add around the author's text (class -> extension).
EXTENSION_LINKS = {
    "headerlink": "extension: toc (permalink)",
    "toclink": "extension: toc (anchorlink)",  # (in a blog excerpt, to the post)
    "footnote-ref": "extension: footnotes",
    "footnote-backref": "extension: footnotes",
}
# Theme regions (tag, class) -> the Material template that renders them, innermost first.
THEME_REGIONS = (
    ("div", "md-select", "theme: partials/alternate.html (language switcher)"),
    ("nav", "md-tags", "theme: partials/tags.html"),
    ("header", "md-header", "theme: partials/header.html"),
    ("nav", "md-tabs", "theme: partials/tabs.html"),
    ("nav", "md-nav", "theme: partials/nav.html"),
    ("footer", "md-footer", "theme: partials/footer.html"),
    ("head", "", "theme: main.html (head)"),
    # MkDocs' own theme (mkdocs) and readthedocs: their navigation and table of contents.
    ("header", "md-post__header", "theme: partials/post.html (blog excerpt header)"),
    ("nav", "md-post__action", "theme: partials/post.html (continue reading)"),
    ("div", "md-sidebar", "theme: blog-post.html / main.html (sidebar)"),
    ("div", "navbar", "theme (mkdocs): base.html (navbar)"),
    ("div", "col-md-3", "theme (mkdocs): toc.html"),
    ("nav", "wy-nav-side", "theme (readthedocs): nav.html"),
    ("nav", "wy-nav-top", "theme (readthedocs): base.html (top bar)"),
    ("div", "rst-footer-buttons", "theme (readthedocs): footer.html"),
    ("footer", "", "theme: footer"),
)
# Where the page's own content sits in each theme: Material's article, MkDocs' own theme's
# main column, readthedocs' document.
CONTENT_REGIONS = (("article", ""), ("div", "col-md-9"), ("div", "document"))
# <link rel> values that name an origin or a hint, not a resource to check.
NOT_LINKS = frozenset({"preconnect", "dns-prefetch"})


class Link(NamedTuple):
    """One reference from a page to a URL (a tuple: pages hold tens of them, sites millions)."""

    url: str
    tag: str
    origin: str  # CONTENT, or the hook/template that emitted it
    index: int  # order among the page's content links (for source mapping); -1 otherwise
    hreflang: str | None = None
    rel: str | None = None


@dataclass
class PageLinks:
    """What the checker needs from one page."""

    url: str  # site-relative, e.g. "posts/x/" or "404.html"
    lang: str | None
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    hreflang: dict[str, str] = field(default_factory=dict)  # <link rel=alternate hreflang>


def packed(pages: Mapping[str, PageLinks]) -> bytes:
    """``pages`` as bytes for another process of the same build (a forked language's
    pages, handed to the one that checks the site): plain tuples in ``marshal``, about
    three times quicker both ways than pickling the objects (a million links at 1000 posts
    per language). Not a file format: both ends run the same interpreter."""
    return marshal.dumps(
        [
            (
                page.url,
                page.lang,
                page.ids,  # (marshal writes a set as it is)
                [tuple(link) for link in page.links],
                page.hreflang,
            )
            for page in pages.values()
        ]
    )


def unpacked(data: bytes) -> dict[str, PageLinks]:
    """The pages :func:`packed` wrote, equal to those it was given."""
    make = Link._make
    # A hundred thousand tuples at once into a large heap: the collector's passes (nothing
    # here is garbage) took 90 % of the time.
    with collector_paused():
        return {
            url: PageLinks(url, lang, ids, [make(link) for link in links], hreflang)
            for url, lang, ids, links, hreflang in marshal.loads(data)  # noqa: S302  # our fork
        }


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused meanwhile. The link check makes many
    short-lived objects (a page's parsed nodes, a link's resolved parts) in a build whose
    heap is large by then: counted as new objects, they set off collections of the whole
    heap that find nothing of theirs (freed as soon as unused): at 1000 posts per language,
    a fifth of the pages' reading (6.3 -> 4.9 s, both languages) and about a second of the
    check (2.1-3.3 -> 1.2-2.2 s)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


_ATTRIBUTE = dict(LINK_ATTRIBUTES)
# The URL standard removes every ASCII tab and newline from a URL before parsing it: a link
# wrapped over two lines of raw HTML works in a browser.
_URL_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_ANY_LINK_OR_SRCSET = "[href], [src], img[srcset], source[srcset]"
# Who owns which links, most specific first (a link takes the first match): links known by
# their own tag and class, then by their href (code line anchors), then containers whose
# links one emitter renders.
_OWN_CLASSES: tuple[tuple[str, str, str], ...] = (
    *(("a", css, name) for css, name in EXTENSION_LINKS.items()),
    ("img", "twemoji", "extension: pymdownx.emoji"),
    ("img", "emojione", "extension: pymdownx.emoji"),
    ("img", "gemoji", "extension: pymdownx.emoji"),
    ("a", "md-skip", "theme: main.html (skip link)"),
    ("a", "md-content__button", "theme: partials/actions.html (edit, view source)"),
)
_CSS_WHITESPACE = str.maketrans("\t\n\f\r", "    ")  # (to spaces, then split at " ")
_LINE_ANCHORS = ("#__codelineno-", "extension: pymdownx.highlight (line anchors)")
_CONTAINERS: tuple[tuple[str, str], ...] = (
    *((f".{css}", name) for css, name in HOOK_CONTAINERS.items()),
    *((f"{tag}.{css}" if css else tag, name) for tag, css, name in THEME_REGIONS),
    ("div.doc-contents", "plugin: mkdocstrings (API documentation)"),
    *((f"{tag}.{css}" if css else tag, CONTENT) for tag, css in CONTENT_REGIONS),
)


def _first_index(pairs: list[tuple[tuple[str, str], int]]) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for key, index in pairs:
        found.setdefault(key, index)
    return found


# (tag or "", class or "") -> the first rule naming it: a node's rule is found by a few
# dictionary lookups instead of matching every selector (pages hold tens of containers).
_OWN_INDEX = _first_index([((tag, css), i) for i, (tag, css, _) in enumerate(_OWN_CLASSES)])
_CONTAINER_INDEX = _first_index(
    [(tuple(selector.partition(".")[::2]), i) for i, (selector, _) in enumerate(_CONTAINERS)]
)


def _first_rule(index: dict[tuple[str, str], int], tag: str, classes: list[str]) -> int:
    """The first rule of ``index`` a node (``tag``, its classes) matches; -1: none."""
    found = index.get((tag, ""), -1)
    for css in classes:
        for key in ((tag, css), ("", css)):
            rule = index.get(key, -1)
            if rule != -1 and (found == -1 or rule < found):
                found = rule
    return found


@functools.lru_cache(maxsize=4096)  # (a site's pages share a few hundred tag and class pairs)
def _own_rule(tag: str, classes: str | None) -> int:
    return _first_rule(_OWN_INDEX, tag, (classes or "").split())


@functools.lru_cache(maxsize=4096)
def _container_rule(tag: str, classes: str | None) -> int:
    # As a class selector reads the attribute: split at ASCII whitespace only ('x\u00a0y'
    # is one class), the containers having been found by selectors before.
    tokens = [css for css in (classes or "").translate(_CSS_WHITESPACE).split(" ") if css]
    rule = _first_rule(_CONTAINER_INDEX, tag, tokens)
    return len(_CONTAINERS) if rule == -1 else rule


def without_copies(html: str) -> str:
    """``html`` without the regions marked as copies (COPIES_START ... COPIES_END)."""
    start = html.find(COPIES_START)
    while start != -1:
        end = html.find(COPIES_END, start)
        if end == -1:
            break
        html = html[:start] + html[end + len(COPIES_END) :]
        start = html.find(COPIES_START, start)
    return html


def extract(html: str, url: str) -> PageLinks:
    """Parse ``html`` (the page at site URL ``url``) once, keeping ids and links (but for
    the copies a template marked)."""
    with collector_paused():  # (hundreds of nodes a page, garbage a moment later)
        return _extract(html, url)


def _extract(html: str, url: str) -> PageLinks:
    tree = LexborHTMLParser(without_copies(html))
    root = tree.css_first("html")
    page = PageLinks(url=url, lang=root.attributes.get("lang") if root else None)
    for node in tree.css("[id], a[name]"):
        page.ids.add(node.id or "")
        if node.tag == "a":
            page.ids.add(node.attributes.get("name") or "")
    page.ids.discard("")
    links = tree.css(_ANY_LINK_OR_SRCSET)
    containers = _Containers()
    content_index = 0
    seen: set[int] = set()
    for node in links:
        if node.mem_id in seen:
            continue  # matched by two of the selectors
        seen.add(node.mem_id)
        attributes = node.attributes
        tag = node.tag or ""
        attribute = _ATTRIBUTE.get(tag)
        value = attributes.get(attribute) if attribute else None
        if value is not None and not value.isprintable():
            value = value.translate(_URL_TAB_OR_NEWLINE)  # as browsers read it
        rel = attributes.get("rel")
        if tag == "link" and rel and NOT_LINKS.intersection(rel.lower().split()):
            continue  # an origin to connect to early, not a page or file
        urls = [value] if value is not None else []
        srcset = attributes.get("srcset") if tag in ("img", "source") else None
        if srcset:
            urls += [url for url in srcset_urls(srcset) if url != value]
        if not urls:
            continue
        origin = (
            _own_origin(tag, attributes, value)
            or containers.name(node, tag, attributes.get("class"))
            or _THEME
        )
        hreflang = attributes.get("hreflang")
        if tag == "link" and rel == "alternate" and hreflang and value is not None:
            page.hreflang[hreflang] = value
        for url in urls:
            index = -1
            if origin == CONTENT:
                index, content_index = content_index, content_index + 1
            page.links.append(Link(url, tag, origin, index, hreflang, rel))
    return page


_THEME = "theme: main.html"


def _own_origin(tag: str, attributes: dict[str, str | None], value: str | None) -> str | None:
    """Who emitted a link known by its own tag and class (a permalink, an emoji), or its
    href (a code line anchor); None: its container says."""
    rule = _own_rule(tag, attributes.get("class"))
    if rule != -1:
        return _OWN_CLASSES[rule][2]
    if tag == "a" and value is not None and value.startswith(_LINE_ANCHORS[0]):
        return _LINE_ANCHORS[1]
    return None


class _Containers:
    """The emitter of a link that sits in a container of _CONTAINERS (or is one): the most
    specific container among the link and its ancestors. A walk up stops at the first node
    an earlier link's walk has seen, so each ancestor is looked at once per page: quicker
    than a query for the containers (thirty selectors matched against every element) and a
    search of each container's links (nested containers scanned again)."""

    def __init__(self) -> None:
        self.best_above: dict[int, int] = {}  # node -> the most specific rule, it and above

    def name(self, link: LexborNode, tag: str, classes: str | None) -> str | None:
        none = len(_CONTAINERS)
        chain: list[LexborNode] = []
        node = link.parent
        found = none
        while node is not None:
            known = self.best_above.get(node.mem_id)
            if known is not None:
                found = known
                break
            chain.append(node)
            node = node.parent
        for ancestor in reversed(chain):  # from the outermost one not seen yet, inwards
            if ancestor.is_element_node:
                rule = _container_rule(ancestor.tag or "", ancestor.attrs.get("class"))
                found = min(found, rule)
            self.best_above[ancestor.mem_id] = found
        found = min(found, _container_rule(tag, classes))  # (the link's own class)
        return None if found == none else _CONTAINERS[found][1]


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a ``srcset`` attribute ('a.png 1x, b.png 2x' -> ['a.png', 'b.png']);
    data: URLs are left out."""
    return [url for url, _ in srcset_candidates(srcset) if not url.startswith("data:")]


def srcset_candidates(srcset: str) -> list[tuple[str, str]]:
    """The (URL, descriptors) candidates of a ``srcset`` attribute, parsed as HTML does: a
    URL runs to whitespace (trailing commas end the candidate), then its descriptors run to
    the next comma ('a.png 1x, b.png 2x' -> [('a.png', '1x'), ('b.png', '2x')])."""
    candidates = []
    position, length = 0, len(srcset)
    while position < length:
        while position < length and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < length and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        descriptors = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            described = position
            while position < length and srcset[position] != ",":
                position += 1
            descriptors = srcset[described:position].strip()
        if url:
            candidates.append((url, descriptors))
    return candidates
