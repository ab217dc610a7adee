"""Structured data (schema.org JSON-LD) for posts: one BlogPosting per page, combining the
post, its series part and its translations."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from hooks.core.posts import Post
from hooks.core.series import Part, SeriesRun

LOCALES = {"es": "es-ES", "en": "en-US"}


def blog_posting(
    post: Post,
    url: str,
    version_urls: Mapping[str, str],
    series: tuple[SeriesRun, Part, str] | None = None,
) -> dict[str, Any]:
    """BlogPosting for ``post`` at absolute ``url``.

    ``version_urls`` maps each other readable language to its absolute URL; ``series`` is
    (run, part, absolute URL of the series page in this language).
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "@id": url,
        "url": url,
        "headline": post.title,
        "description": post.description,
        "inLanguage": LOCALES.get(post.lang, post.lang),
    }
    if post.date.iso:  # an unknown date is left out rather than guessed
        data["datePublished"] = post.date.iso
    if post.author:
        data["author"] = {"@type": "Person", "name": post.author}
    if post.tags:
        data["keywords"] = list(post.tags)
    if post.translated_from is None and version_urls:
        data["workTranslation"] = [{"@id": version_urls[lang]} for lang in sorted(version_urls)]
    elif post.translated_from in version_urls:
        data["translationOfWork"] = {"@id": version_urls[post.translated_from]}
    if series is not None:
        run, part, series_url = series
        data["position"] = part.position
        data["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "@id": series_url,
            "url": series_url,
            "name": run.series.name[post.lang],
            "description": run.series.description[post.lang],
        }
    return data


def script(data: Mapping[str, Any]) -> Markup:
    """``<script type="application/ld+json">`` whose content cannot close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/ld+json">') + Markup(text) + Markup("</script>")  # noqa: S704 - JSON with <, >, & escaped
