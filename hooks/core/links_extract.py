"""Links and ids of one built HTML page (selectolax's lexbor parser, no regexes).

Each link records which part of the page emitted it: the author's Markdown ("content"), one
of the site's hooks (identified by the classes they render with), or a theme template.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    "series-box": "hooks/blog.py (series box)",
    "post-header": "hooks/blog.py (post header)",
    "post-provenance": "hooks/blog.py (provenance box)",
    "translation-pending": "hooks/blog.py (pending translation notice)",
    "post-list": "hooks/blog.py (listing)",
    "series-parts": "hooks/series.py (series page)",
    "series-index": "hooks/series.py (series index)",
}
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
)


@dataclass(frozen=True)
class Link:
    """One reference from a page to a URL."""

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


def extract(html: str, url: str) -> PageLinks:
    """Parse ``html`` (the page at site URL ``url``) once, keeping ids and links."""
    tree = LexborHTMLParser(html)
    root = tree.css_first("html")
    page = PageLinks(url=url, lang=root.attributes.get("lang") if root else None)
    for node in tree.css("[id], a[name]"):
        for attribute in ("id", "name"):
            value = node.attributes.get(attribute)
            if value:
                page.ids.add(value)
    content = tree.css_first("article")
    content_index = 0
    selector = ", ".join(f"{tag}[{attribute}]" for tag, attribute in LINK_ATTRIBUTES)
    attributes = dict(LINK_ATTRIBUTES)
    for node in tree.css(selector):
        value = node.attributes.get(attributes[node.tag])
        if value is None:
            continue
        origin = _origin(node, content)
        rel = node.attributes.get("rel")
        hreflang = node.attributes.get("hreflang")
        if node.tag == "link" and rel == "alternate" and hreflang:
            page.hreflang[hreflang] = value
        index = -1
        if origin == CONTENT:
            index, content_index = content_index, content_index + 1
        page.links.append(Link(value, node.tag, origin, index, hreflang, rel))
    return page


def _origin(node: LexborNode, content: LexborNode | None) -> str:
    """Who put ``node`` on the page."""
    own = set((node.attributes.get("class") or "").split())
    if (node.attributes.get("href") or "").startswith("#__codelineno-"):
        return "extension: pymdownx.highlight (line anchors)"
    for css, name in EXTENSION_LINKS.items():
        if css in own:
            return name
    parent = node.parent
    while parent is not None and parent.tag != "-document":
        classes = set((parent.attributes.get("class") or "").split())
        for css in classes & HOOK_CONTAINERS.keys():
            return HOOK_CONTAINERS[css]
        for tag, css, name in THEME_REGIONS:
            if parent.tag == tag and (not css or css in classes):
                return name
        if parent.tag == "article":
            return CONTENT
        parent = parent.parent
    return "theme: main.html"
