"""Site URLs of pages, and links between them that survive being served under a subpath."""

from __future__ import annotations

import functools
import posixpath
from pathlib import PurePosixPath

# Pure functions of a few strings, asked for the same pages over and over (every listing,
# series box and hreflang link): cached, as they are a measurable share of a large build.
_CACHE_SIZE = 1 << 16


@functools.lru_cache(maxsize=_CACHE_SIZE)
def url_of(rel_path: str, lang: str, default_language: str) -> str:
    """Site-relative URL (no leading slash) of the page at ``<lang>/<rel_path>``.

    As MkDocs writes it with ``use_directory_urls``, with mkdocs-static-i18n putting the
    default language at the root and every other one under ``<lang>/``.
    """
    path = PurePosixPath(rel_path)
    parts = list(path.parent.parts)
    if path.stem not in ("index", "README"):
        parts.append(path.stem)
    prefix = [] if lang == default_language else [lang]
    url = "/".join(prefix + parts)
    return f"{url}/" if url else ""


@functools.lru_cache(maxsize=_CACHE_SIZE)
def relative_url(target: str, from_url: str) -> str:
    """Link from the page at site URL ``from_url`` to site URL ``target`` (both without a
    leading slash, directories ending in '/'), e.g. ('en/', 'posts/a/') -> '../../en/'."""
    start = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    path = posixpath.relpath("/" + target, "/" + start)
    if target.endswith("/") or not target:
        path = path.rstrip("/") + "/"
    return "./" if path in ("./", "/") else path


def absolute_url(site_url: str, url: str) -> str:
    """``url`` (site-relative) under ``site_url``, e.g. ('https://x.org/a/', 'en/') ->
    'https://x.org/a/en/'."""
    return site_url.rstrip("/") + "/" + url


FEED = "feed.xml"


def feed_url(lang: str, default_language: str, series_id: str | None = None) -> str:
    """Site-relative URL of a language's feed, or of a series' feed in that language, as
    hooks/outputs.py writes them: ``[<lang>/][series/<id>/]feed.xml``."""
    folder = f"series/{series_id}/index.md" if series_id else "index.md"
    return url_of(folder, lang, default_language) + FEED
