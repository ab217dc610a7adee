"""sitemap.xml with xhtml:link alternates between the language versions of each page."""

from __future__ import annotations

import gzip
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import quoteattr

from hooks.core.dates import PostDate

# Theme files nothing loads on this site: Material's lunr search and its worker (Pagefind
# replaces them) and source maps (no page names them; only a browser's developer tools would).
_UNUSED_THEME_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
# The theme's default favicon, which no page names once the site has a favicon of its own.
_THEME_FAVICON = "assets/images/favicon.png"


def unused_theme_file(src_uri: str, favicon: str | None = None) -> bool:
    """Whether a theme file is one no page of the site loads, given the site's favicon."""
    if src_uri == _THEME_FAVICON:
        return favicon not in (None, _THEME_FAVICON)
    return src_uri.startswith(_UNUSED_THEME_PREFIXES) or src_uri.endswith(".map")


# (absolute URL, language -> absolute URL incl. x-default, lastmod or None)
Entry = tuple[str, Mapping[str, str], str | None]


def sitemap(entries: Sequence[Entry]) -> bytes:
    """The XML, entries in the given order; a ``lastmod`` (W3C date at the precision known:
    2008, 2008-07, 2008-07-16) only where the content states a date."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url, alternates, lastmod in entries:
        lines.append(f"  <url>\n    <loc>{_text(url)}</loc>")
        if lastmod:
            lines.append(f"    <lastmod>{_text(lastmod)}</lastmod>")
        for lang, href in alternates.items():
            attributes = f"hreflang={quoteattr(lang)} href={quoteattr(href)}"
            lines.append(f'    <xhtml:link rel="alternate" {attributes}/>')
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def lastmod(date: PostDate) -> str | None:
    """A post's date for ``<lastmod>``: only a date the source states (an inferred one is
    not a fact to give search engines), at its precision."""
    return None if date.inferred else date.iso


def gzipped(data: bytes) -> bytes:
    """gzip with a fixed timestamp, so that identical input gives identical bytes."""
    return gzip.compress(data, mtime=0)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
