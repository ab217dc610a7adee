"""What a page's own HTML may not carry: URLs that run code, and (unless the site trusts its
authors) scripts, event handlers and frames.

Checked on the HTML that Markdown produced from the author's text (links written in Markdown
and raw HTML alike), before the hooks add their own markup. Browsers decode character
references and drop tabs, newlines and leading control characters before reading a URL's
scheme (``jav&#x61;script:``, ``java\\tscript:``, `` JavaScript:``): so does this check.

Policy: ``javascript:``, ``vbscript:`` and ``data:`` URLs are never published. ``<script>``,
``on…=`` handlers, ``<iframe>``, ``<object>``, ``<embed>``, ``<frame>``, ``<base>`` and
``<meta http-equiv>`` in a page are refused too, unless the site sets
``extra.allow_scripts: true`` (a site whose every author is trusted, e.g. to embed a video).
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from hooks.core.links_extract import COPIES_END, COPIES_START
from hooks.core.problems import Problem

DANGEROUS_SCHEMES = ("javascript", "vbscript", "data")
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "data",
        "cite",
        "background",
        "xlink:href",
        "srcset",
        "longdesc",
        "manifest",
        "ping",
    }
)
ANIMATED = frozenset({"set", "animate"})  # SVG: <set attributeName="href" to="javascript:...">
ACTIVE_ELEMENTS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "base"})
_IGNORED = re.compile(r"[\t\n\r]")  # removed from URLs by browsers wherever they appear
_LEADING = re.compile(r"^[\x00-\x20]+")  # C0 controls and space, stripped at the start


@dataclass(frozen=True)
class Unsafe:
    """Something refused: ``what`` for the author, ``needle`` to find it in the Markdown."""

    what: str
    needle: str  # lowercase text to look for in the normalised source lines
    fix: str


def _normalised(text: str) -> str:
    """``text`` as a browser reads a URL's scheme from it (decoded, lowercase)."""
    return _LEADING.sub("", _IGNORED.sub("", html_module.unescape(text))).lower()


def scheme_of(url: str) -> str | None:
    """The dangerous scheme ``url`` would run as in a browser, if any."""
    normalised = _normalised(url)
    for scheme in DANGEROUS_SCHEMES:
        if normalised.startswith(scheme + ":"):
            return scheme
    return None


def find_unsafe(page_html: str, allow_scripts: bool = False) -> list[Unsafe]:
    """Everything refused in ``page_html``, in document order."""
    found: list[Unsafe] = []
    for marker in (COPIES_START, COPIES_END):
        if marker in page_html:  # would hide the links after it from the link check
            found.append(
                Unsafe(
                    "the link checker's marker of copied links, in the page's own HTML",
                    marker,  # (lowercase already, as the Markdown lines are read)
                    "remove that HTML comment (only the parallel view's template writes it)",
                )
            )
    tree = LexborHTMLParser(page_html)
    root = tree.body or tree.root
    if root is None:
        return found
    for node in root.traverse(include_text=False):
        tag = node.tag or ""
        attributes = node.attributes
        for name, value in attributes.items():
            name = name.lower()
            urls: list[str] = []
            if name in URL_ATTRIBUTES and value:
                urls = (
                    [part.strip().split(" ")[0] for part in value.split(",")]
                    if name
                    in (
                        "srcset",
                        "ping",
                    )
                    else [value]
                )
            elif tag in ANIMATED and name in ("to", "values", "from") and value:
                urls = value.split(";")
            for url in urls:
                if scheme := scheme_of(url):
                    found.append(
                        Unsafe(
                            f"{scheme}: URL in <{tag} {name}> ({url.strip()[:60]!r})",
                            _normalised(url)[:60],
                            "an http(s) address or a link to a page or file of the site",
                        )
                    )
            if not allow_scripts and name.startswith("on"):
                found.append(
                    Unsafe(
                        f"event handler {name}= on <{tag}>",
                        f"{name}=",
                        "no script in pages (or extra.allow_scripts: true for a trusted site)",
                    )
                )
        if allow_scripts:
            continue
        if tag in ACTIVE_ELEMENTS or (tag == "meta" and "http-equiv" in attributes):
            found.append(
                Unsafe(
                    f"raw <{tag}> element",
                    f"<{tag}",
                    "text and images only (or extra.allow_scripts: true for a trusted site)",
                )
            )
    return found


def problems_in(
    html: str, markdown: str, display: str, first_line: int, allow_scripts: bool = False
) -> list[Problem]:
    """Everything refused in ``html`` (rendered from ``markdown``, the body of the file
    shown as ``display``, starting at ``first_line``), each at its line."""
    return at_lines(find_unsafe(html, allow_scripts), markdown, display, first_line)


def at_lines(found: list[Unsafe], markdown: str, display: str, first_line: int) -> list[Problem]:
    """What ``find_unsafe`` found in the HTML of ``markdown``, as problems at their lines."""
    return [
        Problem(
            display, line_of(unsafe.needle, markdown, first_line), "unsafe", unsafe.what, unsafe.fix
        )
        for unsafe in found
    ]


def line_of(needle: str, markdown: str, first_line: int) -> int:
    """Line (1-based, ``first_line`` for the first line of ``markdown``) where ``needle``
    appears once character references and ignored characters are decoded; else the first."""
    for number, line in enumerate(markdown.splitlines(), start=first_line):
        if needle in _IGNORED.sub("", html_module.unescape(line)).lower():
            return number
    for number, line in enumerate(markdown.splitlines(), start=first_line):
        if needle in re.sub(r"\s", "", html_module.unescape(line)).lower():
            return number
    return first_line
