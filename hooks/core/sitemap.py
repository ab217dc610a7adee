"""sitemap.xml with xhtml:link alternates between the language versions of each page."""

from __future__ import annotations

import gzip
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import quoteattr

Entry = tuple[str, Mapping[str, str]]  # (absolute URL, language -> absolute URL incl. x-default)


def sitemap(entries: Sequence[Entry]) -> bytes:
    """The XML, entries in the given order; no lastmod (the content does not state one)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url, alternates in entries:
        lines.append(f"  <url>\n    <loc>{_text(url)}</loc>")
        for lang, href in alternates.items():
            attributes = f"hreflang={quoteattr(lang)} href={quoteattr(href)}"
            lines.append(f'    <xhtml:link rel="alternate" {attributes}/>')
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def gzipped(data: bytes) -> bytes:
    """gzip with a fixed timestamp, so that identical input gives identical bytes."""
    return gzip.compress(data, mtime=0)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
