"""Links and ids of one built HTML page (selectolax's lexbor parser, no regexes).

Each link records which part of the page emitted it: the author's Markdown ("content"), one
of the site's hooks (identified by the classes they render with), or a theme template.
"""

from __future__ import annotations

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
}
# Copies of links checked where they were written (the parallel view repeats both versions
# of a post, whose links are checked, with their lines, on the posts): a template marks
# where they start and end, and the page is parsed without them (the parallel views are
# most of a bilingual blog's HTML). Refused in the author's own HTML (hooks/core/unsafe.py),
# where it would hide links from the check.
COPIES_START = "<!-- links: copies, checked where they were written -->"
COPIES_END = "<!-- links: end of copies -->"
# Links that Markdown extensions add around the author's text (class -> extension).
EXTENSION_LINKS = {
    "headerlink": "extension: toc (permalink)",
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


_ATTRIBUTE = dict(LINK_ATTRIBUTES)
_ANY_LINK = "[href], [src]"
_ANY_LINK_OR_SRCSET = "[href], [src], img[srcset], source[srcset]"
# Who owns which links, most specific first (a link takes the first match): links matched
# directly, then containers whose links one emitter renders.
_OWN_LINKS: tuple[tuple[str, str], ...] = (
    *((f"a.{css}", name) for css, name in EXTENSION_LINKS.items()),
    ('a[href^="#__codelineno-"]', "extension: pymdownx.highlight (line anchors)"),
    ("img.twemoji", "extension: pymdownx.emoji"),
    ("img.emojione", "extension: pymdownx.emoji"),
    ("img.gemoji", "extension: pymdownx.emoji"),
    ("a.md-skip", "theme: main.html (skip link)"),
    ("a.md-content__button", "theme: partials/actions.html (edit, view source)"),
)
_CONTAINERS: tuple[tuple[str, str], ...] = (
    *((f".{css}", name) for css, name in HOOK_CONTAINERS.items()),
    *((f"{tag}.{css}" if css else tag, name) for tag, css, name in THEME_REGIONS),
    ("div.doc-contents", "plugin: mkdocstrings (API documentation)"),
    *((f"{tag}.{css}" if css else tag, CONTENT) for tag, css in CONTENT_REGIONS),
)


_ANY_CONTAINER = ", ".join(selector for selector, _ in _CONTAINERS)


def _priority(node: LexborNode) -> int:
    """Index in _CONTAINERS of the first container selector ``node`` matches."""
    classes = (node.attributes.get("class") or "").split()
    for index, (selector, _) in enumerate(_CONTAINERS):
        tag, _, css = selector.partition(".")
        if (not tag or tag == node.tag) and (not css or css in classes):
            return index
    return len(_CONTAINERS)


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
    tree = LexborHTMLParser(without_copies(html))
    root = tree.css_first("html")
    page = PageLinks(url=url, lang=root.attributes.get("lang") if root else None)
    page.ids.update(node.id for node in tree.css("[id]"))
    page.ids.update(node.attrs.get("name") or "" for node in tree.css("a[name]"))
    page.ids.discard("")
    origins: dict[int, str] = {}
    for selector, name in _OWN_LINKS:
        for node in tree.css(selector):
            origins[node.mem_id] = name
    # The few containers of a page, found in one query, each searched once, most specific
    # first: much cheaper than descendant selectors over the whole tree.
    containers = sorted(
        ((_priority(container), container) for container in tree.css(_ANY_CONTAINER)),
        key=lambda item: item[0],
    )
    for priority, container in containers:
        name = _CONTAINERS[priority][1]
        for node in container.css(_ANY_LINK_OR_SRCSET):
            origins.setdefault(node.mem_id, name)
    content_index = 0
    seen: set[int] = set()
    for node in tree.css(_ANY_LINK_OR_SRCSET):
        if node.mem_id in seen:
            continue  # matched by two of the selectors
        seen.add(node.mem_id)
        attributes = node.attributes
        attribute = _ATTRIBUTE.get(node.tag)
        value = attributes.get(attribute) if attribute else None
        rel = attributes.get("rel")
        if node.tag == "link" and rel and NOT_LINKS.intersection(rel.lower().split()):
            continue  # an origin to connect to early, not a page or file
        urls = [value] if value is not None else []
        srcset = attributes.get("srcset") if node.tag in ("img", "source") else None
        if srcset:
            urls += [url for url in srcset_urls(srcset) if url != value]
        if not urls:
            continue
        origin = origins.get(node.mem_id, "theme: main.html")
        hreflang = attributes.get("hreflang")
        if node.tag == "link" and rel == "alternate" and hreflang and value is not None:
            page.hreflang[hreflang] = value
        for url in urls:
            index = -1
            if origin == CONTENT:
                index, content_index = content_index, content_index + 1
            page.links.append(Link(url, node.tag, origin, index, hreflang, rel))
    return page


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a ``srcset`` attribute ('a.png 1x, b.png 2x' -> ['a.png', 'b.png']), parsed
    as HTML does: a URL runs to whitespace (trailing commas end the candidate), then its
    descriptors run to the next comma. data: URLs are left out."""
    urls = []
    position, length = 0, len(srcset)
    while position < length:
        while position < length and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < length and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while position < length and srcset[position] != ",":
                position += 1
        if url and not url.startswith("data:"):
            urls.append(url)
    return urls
