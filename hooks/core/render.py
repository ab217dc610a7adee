"""HTML fragments the hooks add to pages, built so that every value is escaped.

``Markup`` marks trusted HTML; anything else passed to :func:`tag` or ``{}``-formatted into
a Markup template is escaped. Front matter therefore always reaches the page as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from hooks.core.dates import PostDate, Precision, format_day, format_known
from hooks.core.posts import Post
from hooks.core.ui import t

_TAG_NAME = re.compile(r"[a-z][a-z0-9]*")


def tag(name: str, content: object = "", **attrs: object) -> Markup:
    """``<name attrs>content</name>``; attribute names use ``_`` for ``-``, ``class_`` for
    ``class``; attributes whose value is None are left out."""
    if not _TAG_NAME.fullmatch(name):
        raise ValueError(f"not a tag name: {name!r}")
    rendered = Markup("").join(
        Markup(' {}="{}"').format(key.rstrip("_").replace("_", "-"), value)
        for key, value in attrs.items()
        if value is not None
    )
    # The name is checked above; attributes and content were escaped by Markup.format.
    opening = Markup(f"<{name}") + rendered + Markup(">")  # noqa: S704
    return opening + escape(content) + Markup(f"</{name}>")  # noqa: S704


def join(parts: Iterable[object], separator: str = "") -> Markup:
    return escape(separator).join(escape(part) for part in parts)


def describe_date(date: PostDate, lang: str) -> str:
    """What readers see: '16 de julio de 2008 (fecha aproximada)', 'Date unknown (after ...)'."""
    if date.precision is Precision.UNKNOWN:
        if date.after and date.before:
            return t(
                lang,
                "date.unknown_between",
                after=format_day(date.after, lang),
                before=format_day(date.before, lang),
            )
        if date.after:
            return t(lang, "date.unknown_after", date=format_day(date.after, lang))
        if date.before:
            return t(lang, "date.unknown_before", date=format_day(date.before, lang))
        return t(lang, "date.unknown")
    known = format_known(date, lang)
    return t(lang, "date.approximate", date=known) if date.inferred else known


def date_element(date: PostDate, lang: str) -> Markup:
    """``<time>`` for a known date (machine-readable at its precision), else a span."""
    text = describe_date(date, lang)
    css = "post-date post-date--approximate" if date.is_approximate else "post-date"
    if date.iso is None:
        return tag("span", text, class_=css)
    return tag("time", text, class_=css, datetime=date.iso)


def describe_author(post: Post, lang: str) -> str:
    return t(lang, "author.by", author=post.author) if post.author else t(lang, "author.unknown")


def describe_source(post: Post, lang: str) -> str | None:
    source = post.source
    if source is None:
        return None
    platform = source.platform
    if source.blog:
        key = "source.blog_platform" if platform else "source.blog"
        return t(lang, key, blog=source.blog, platform=platform or "")
    key = "source.unknown_blog_platform" if platform else "source.unknown_blog"
    return t(lang, key, platform=platform or "")


@dataclass(frozen=True)
class Link:
    text: str
    href: str


def post_header(
    post: Post, lang: str, original_link: Link | None = None, series_line: Markup | None = None
) -> Markup:
    """Title, date, author, and for a translation a link to its original."""
    meta = [
        date_element(post.date, lang),
        tag("span", describe_author(post, lang), class_="post-author"),
    ]
    parts = [
        tag("h1", post.title),
        tag("p", join(meta, " · "), class_="post-meta"),
    ]
    if original_link is not None and post.translated_from:
        language = t(lang, f"lang.{post.translated_from}")
        parts.append(
            tag(
                "p",
                join(
                    [
                        t(lang, "translation.ours", language=language),
                        " ",
                        tag(
                            "a",
                            original_link.text,
                            href=original_link.href,
                            hreflang=post.translated_from,
                            lang=post.translated_from,
                        ),
                    ]
                ),
                class_="post-translation",
            )
        )
    if series_line is not None:
        parts.append(series_line)
    return tag("header", join(parts, "\n"), class_="post-header")


def provenance(post: Post, lang: str, sources_link: Link | None) -> Markup:
    """The 'About this text' box: date (with the reason if approximate), author, source."""
    rows = [
        (
            t(lang, "provenance.date"),
            join(
                [date_element(post.date, lang), *([". ", post.date_note] if post.date_note else [])]
            ),
        )
    ]
    rows.append((t(lang, "provenance.author"), describe_author(post, lang)))
    source = describe_source(post, lang)
    if source:
        if post.source and post.source.url:
            source_html = join([source, " ", tag("a", post.source.url, href=post.source.url)])
        else:
            source_html = escape(source)
        rows.append((t(lang, "provenance.source"), source_html))
    items = join((tag("dt", name) + tag("dd", value) for name, value in rows), "\n")
    body = [
        tag("h2", t(lang, "provenance.title"), class_="post-provenance__title"),
        tag("dl", items),
    ]
    if sources_link is not None:
        body.append(tag("p", tag("a", sources_link.text, href=sources_link.href)))
    return tag("aside", join(body, "\n"), class_="post-provenance")


def post_card(post: Post, lang: str, href: str, badges: Sequence[Markup] = ()) -> Markup:
    """One entry of a listing."""
    meta = [date_element(post.date, lang), *badges]
    parts = [
        tag("h2", tag("a", post.title, href=href), class_="post-card__title"),
        tag("p", join(meta, " · "), class_="post-card__meta"),
        tag("p", post.description, class_="post-card__description"),
    ]
    if post.tags:
        tags = join((tag("li", name) for name in post.tags), "")
        parts.append(tag("ul", tags, class_="post-card__tags", aria_label=t(lang, "tags.label")))
    return tag("article", join(parts, "\n"), class_="post-card", lang=lang)


def post_list(cards: Sequence[Markup], lang: str) -> Markup:
    if not cards:
        return tag("p", t(lang, "listing.empty"), class_="post-list post-list--empty")
    return tag("div", join(cards, "\n"), class_="post-list")
