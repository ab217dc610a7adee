"""HTML fragments the hooks add to pages, built so that every value is escaped.

``Markup`` marks trusted HTML; anything else passed to :func:`tag` or ``{}``-formatted into
a Markup template is escaped. Front matter therefore always reaches the page as text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from hooks.core.dates import PostDate, Precision, format_day, format_known
from hooks.core.posts import Post
from hooks.core.series import Part, SeriesRun, display_title
from hooks.core.ui import t, t_count

_TAG_NAME = re.compile(r"[a-z][a-z0-9]*")
_VOID = {"input", "img", "br", "meta", "link"}


def tag(element: str, content: object = "", /, **attrs: object) -> Markup:
    """``<element attrs>content</element>``; attribute names use ``_`` for ``-``, ``class_`` for
    ``class``; attributes whose value is None are left out. Values and content are escaped
    (Markup passes through as it is)."""
    if not _TAG_NAME.fullmatch(element):
        raise ValueError(f"not a tag name: {element!r}")
    parts = [f"<{element}"]
    for key, value in attrs.items():
        if value is not None:
            parts.append(f' {_attribute_name(key)}="{escape(value)}"')
    parts.append(">")
    if element not in _VOID:
        parts.append(f"{escape(content)}</{element}>")
    # The element name is checked above and every value went through escape().
    return Markup("".join(parts))  # noqa: S704


@functools.cache
def _attribute_name(key: str) -> str:
    return key.rstrip("_").replace("_", "-")


def join(parts: Iterable[object], separator: str = "") -> Markup:
    return escape(separator).join(escape(part) for part in parts)


def describe_date(date: PostDate, lang: str) -> str:
    """What readers see: '16 de julio de 2008 (año inferido)', 'circa 2012', 'Date unknown (on or
    after ...)'."""
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
    if date.inferred_year_only:
        return t(lang, "date.year_inferred", date=known)
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
        tag("p", join(meta, " · "), class_="post-meta", data_pagefind_ignore=""),
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
                data_pagefind_ignore="",
            )
        )
    if series_line is not None:
        parts.append(series_line)
    return tag("header", join(parts, "\n"), class_="post-header")


def untranslated_id(key: str) -> str:
    """Id of the home-page notice about a post not translated into the home's language."""
    return "untranslated-" + key.rsplit("/", 1)[-1]


def untranslated_notice(key: str, original: Post, href: str, lang: str) -> Markup:
    """Shown on ``lang``'s home when it is opened at #untranslated-<slug> (the language
    switcher of a post without translation leads there); hidden otherwise (CSS :target)."""
    text = t(
        lang,
        "translation.untranslated",
        title=original.title,
        language=t(lang, f"lang.{lang}"),
        original=t(lang, f"lang.{original.lang}"),
    )
    link = tag("a", t(lang, "translation.read_original"), href=href, hreflang=original.lang)
    return tag(
        "div",
        join(
            [
                tag("p", t(lang, "translation.untranslated_title"), class_="admonition-title"),
                tag("p", join([text, " ", link])),
            ],
            "\n",
        ),
        id=untranslated_id(key),
        class_="admonition note untranslated-notice",
        role="note",
    )


def stale_notice(post: Post, original_href: str) -> Markup:
    """On a translation whose original changed after it was translated."""
    lang = post.lang
    original = t(lang, f"lang.{post.translated_from or lang}")
    link = tag(
        "a", t(lang, "translation.read_original"), href=original_href, hreflang=post.translated_from
    )
    return tag(
        "div",
        join(
            [
                tag("p", t(lang, "translation.stale_title"), class_="admonition-title"),
                tag("p", join([t(lang, "translation.stale", original=original), " ", link])),
            ],
            "\n",
        ),
        class_="admonition warning translation-stale",
        data_pagefind_ignore="",
        role="note",
    )


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
    return tag("aside", join(body, "\n"), class_="post-provenance", data_pagefind_ignore="")


def post_card(
    post: Post,
    lang: str,
    href: str,
    badges: Sequence[Markup] = (),
    tag_href: Callable[[str], str] | None = None,
) -> Markup:
    """One entry of a listing: title, date, reading time, series, description, tags."""
    reading = tag(
        "span",
        t(lang, "listing.reading", minutes=str(post.reading_minutes)),
        class_="post-card__reading",
    )
    meta = [date_element(post.date, lang), reading, *badges]
    parts = [
        tag("h2", tag("a", post.title, href=href), class_="post-card__title"),
        tag("p", join(meta, " · "), class_="post-card__meta"),
        tag("p", post.description, class_="post-card__description"),
    ]
    if post.tags:
        tags = join(
            (
                tag("li", tag("a", name, href=tag_href(name)) if tag_href else name)
                for name in post.tags
            ),
            "",
        )
        parts.append(tag("ul", tags, class_="post-card__tags", aria_label=t(lang, "tags.label")))
    if post.draft:
        parts.insert(0, tag("p", t(lang, "listing.draft"), class_="post-card__draft"))
    return tag("article", join(parts, "\n"), class_="post-card", lang=lang)


def pager(lang: str, current: int, total: int, href_of: Callable[[int], str]) -> Markup:
    """Links between the pages of a listing (newest posts on page 1)."""
    if total <= 1:
        return Markup("")
    items = []
    if current > 1:
        items.append(
            tag(
                "a",
                t(lang, "listing.newer"),
                href=href_of(current - 1),
                rel="prev",
                class_="pager__newer",
            )
        )
    items.append(
        tag(
            "span",
            t(lang, "listing.page", page=str(current), total=str(total)),
            class_="pager__position",
        )
    )
    if current < total:
        items.append(
            tag(
                "a",
                t(lang, "listing.older"),
                href=href_of(current + 1),
                rel="next",
                class_="pager__older",
            )
        )
    return tag("nav", join(items, "\n"), class_="pager", aria_label=t(lang, "listing.pager"))


def archive(groups: Sequence[tuple[str, Sequence[tuple[Post, str]]]], lang: str) -> Markup:
    """Posts by year: (heading, [(post, href)]) groups, newest first."""
    sections = []
    for heading, posts in groups:
        items = join(
            (
                tag(
                    "li",
                    join([tag("a", post.title, href=href), " · ", date_element(post.date, lang)]),
                )
                for post, href in posts
            ),
            "\n",
        )
        sections.append(join([tag("h2", heading), tag("ul", items, class_="archive__list")], "\n"))
    return join(sections, "\n")


def post_list(cards: Sequence[Markup], lang: str) -> Markup:
    if not cards:
        return tag("p", t(lang, "listing.empty"), class_="post-list post-list--empty")
    return tag("div", join(cards, "\n"), class_="post-list")


# ---------------------------------------------------------------------------------------
# Series


LinkTo = Callable[[str, str], str]  # (path in a language folder, language) -> href


def _part_link(part: Part, run: SeriesRun, lang: str, link_to: LinkTo, rel: str | None) -> Markup:
    """Link to a part in ``lang``, or to its original (marked as such) when untranslated."""
    version = part.version(lang)
    if version is not None:
        title = display_title(version.title, run.series, lang)
        return tag("a", title, href=link_to(version.rel_path, lang), rel=rel)
    original = part.original
    title = display_title(original.title, run.series, original.lang)
    only_in = t(lang, "series.only_in", language=t(lang, f"lang.{original.lang}"))
    anchor = tag(
        "a",
        title,
        href=link_to(original.rel_path, original.lang),
        rel=rel,
        hreflang=original.lang,
        lang=original.lang,
    )
    return join([anchor, " ", tag("span", only_in, class_="series-untranslated")])


def series_box(run: SeriesRun, part: Part, lang: str, series_href: str, link_to: LinkTo) -> Markup:
    """'Parte 2 de 3 · Miércoles de Mekate', with the previous and next parts."""
    name = run.series.name[lang]
    position = t(lang, "series.part", position=str(part.position), count=str(run.count))
    heading = tag(
        "p",
        join([position, " · ", tag("a", name, href=series_href)]),
        class_="series-box__position",
    )
    items = []
    for neighbour, rel, label in zip(
        run.neighbours(part), ("prev", "next"), ("previous", "next"), strict=True
    ):
        if neighbour is not None:
            caption = tag("span", t(lang, f"series.{label}"), class_="series-box__label")
            link = _part_link(neighbour, run, lang, link_to, rel)
            items.append(tag("li", join([caption, " ", link]), class_=f"series-box__{label}"))
    parts = [heading]
    if items:
        parts.append(tag("ul", join(items, "\n"), class_="series-box__nav"))
    return tag(
        "nav",
        join(parts, "\n"),
        class_="series-box",
        aria_label=t(lang, "series.box_label", name=name),
        data_pagefind_ignore="",
    )


def series_page(run: SeriesRun, lang: str, link_to: LinkTo) -> Markup:
    """A series' landing page: name, description, parts in order; untranslated parts said so."""
    missing = sum(1 for part in run.parts if part.version(lang) is None)
    count = t_count(lang, "series.count", run.count)
    if missing:
        count += " " + t(
            lang,
            "series.count_untranslated",
            missing=str(missing),
            language=t(lang, f"lang.{lang}"),
        )
    items = []
    for part in run.parts:
        version = part.version(lang) or part.original
        meta = join(
            [
                t(lang, "series.part", position=str(part.position), count=str(run.count)),
                " · ",
                date_element(version.date, lang),
            ]
        )
        items.append(
            tag(
                "li",
                join(
                    [
                        tag(
                            "h2",
                            _part_link(part, run, lang, link_to, None),
                            class_="series-part__title",
                        ),
                        tag("p", meta, class_="series-part__meta"),
                        tag(
                            "p",
                            version.description,
                            class_="series-part__description",
                            lang=None if version.lang == lang else version.lang,
                        ),
                    ],
                    "\n",
                ),
                class_="series-part",
                value=str(part.position),
            )
        )
    return join(
        [
            tag("h1", run.series.name[lang]),
            tag("p", run.series.description[lang], class_="series-description"),
            tag("p", count, class_="series-count"),
            tag("ol", join(items, "\n"), class_="series-parts"),
        ],
        "\n",
    )


def series_index(runs: Sequence[SeriesRun], lang: str, link_to: LinkTo) -> Markup:
    """Every series of the site, with its description and number of parts."""
    items = [
        tag(
            "li",
            join(
                [
                    tag(
                        "h2",
                        tag(
                            "a",
                            run.series.name[lang],
                            href=link_to(f"series/{run.series.id}.md", lang),
                        ),
                    ),
                    tag("p", run.series.description[lang]),
                    tag("p", t_count(lang, "series.count", run.count), class_="series-count"),
                ],
                "\n",
            ),
            class_="series-index__item",
        )
        for run in runs
    ]
    return join(
        [
            tag("h1", t(lang, "series.index_title")),
            tag("ul", join(items, "\n"), class_="series-index")
            if items
            else tag("p", t(lang, "series.none")),
        ],
        "\n",
    )
