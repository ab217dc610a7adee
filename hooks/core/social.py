"""OpenGraph and Twitter card metadata of a page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hooks.core.dates import Precision
from hooks.core.posts import Post

OG_LOCALES = {"es": "es_ES", "en": "en_US"}


@dataclass(frozen=True)
class Image:
    """A page's sharing image: absolute URL, size in pixels, text alternative."""

    url: str
    width: int
    height: int
    alt: str


def social_meta(
    *,
    title: str,
    description: str,
    url: str,
    lang: str,
    site_name: str,
    versions: Mapping[str, str],
    post: Post | None = None,
    image: Image | None = None,
) -> list[tuple[str, str, str]]:
    """(attribute, name, content) triples: ``<meta {attribute}="{name}" content="...">``."""
    meta = [
        ("property", "og:type", "article" if post else "website"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", OG_LOCALES.get(lang, lang)),
    ]
    meta += [
        ("property", "og:locale:alternate", OG_LOCALES.get(other, other))
        for other in sorted(versions)
        if other != lang
    ]
    if post is not None:
        date = post.date
        if date.precision is Precision.DAY and date.value is not None:
            meta.append(("property", "article:published_time", date.value.isoformat()))
        meta += [("property", "article:tag", tag) for tag in post.tags]
    if image is not None:
        meta += [
            ("property", "og:image", image.url),
            ("property", "og:image:type", "image/jpeg"),
            ("property", "og:image:width", str(image.width)),
            ("property", "og:image:height", str(image.height)),
            ("property", "og:image:alt", image.alt),
        ]
    meta += [
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    if image is not None:
        meta += [("name", "twitter:image", image.url), ("name", "twitter:image:alt", image.alt)]
    return meta
