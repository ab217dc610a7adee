"""What the reader-visible fragments of the blog show, as plain data.

Each function here turns the site model (posts, series, URLs already resolved) into frozen
dataclasses of *raw* text: localized strings, titles and URLs, never HTML. The partials under
``overrides/partials/blog/`` lay them out (:mod:`hooks.core.render` renders them with Jinja's
autoescape on), so the look changes without touching Python, and a successor engine gets the
same data. Nothing here knows MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hooks.core.dates import PostDate, Precision, format_day, format_known
from hooks.core.posts import Post
from hooks.core.series import Part, SeriesRun, display_title
from hooks.core.ui import t, t_count

LinkTo = Callable[[str, str], str]  # (path in a language folder, language) -> href


@dataclass(frozen=True)
class Link:
    """A link; ``hreflang``/``lang`` when it leads to (and is written in) another language;
    ``note`` is said after it, e.g. "(solo en español)"."""

    text: str
    href: str
    rel: str | None = None
    hreflang: str | None = None
    lang: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class DateView:
    text: str
    iso: str | None  # None: no machine-readable date (unknown)
    approximate: bool


@dataclass(frozen=True)
class TranslationNote:
    text: str
    original: Link


@dataclass(frozen=True)
class SeriesNeighbour:
    label: str
    kind: str  # "previous" or "next"
    link: Link


@dataclass(frozen=True)
class SeriesBox:
    label: str  # names the navigation landmark
    position: str  # "Parte 2 de 3"
    name: str
    href: str
    neighbours: tuple[SeriesNeighbour, ...]


@dataclass(frozen=True)
class TocEntry:
    title: str
    href: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class PostHeader:
    title: str
    date: DateView
    author: str
    translation: TranslationNote | None
    series: SeriesBox | None
    reading: str = ""
    tags: tuple[Link, ...] = ()  # href "" when there is no tags page
    toc: tuple[TocEntry, ...] = ()  # for phones, where Material's sidebar table is absent
    title_id: str = ""  # the skip link's target


@dataclass(frozen=True)
class SeriesEnd:
    """The end of a part: previous and next parts with their titles, every part listed."""

    name: str
    href: str
    previous: Link | None
    next: Link | None
    parts: tuple[tuple[Link, bool], ...]  # (link, is this post)


@dataclass(frozen=True)
class PostEnd:
    """What follows a post: its series, its neighbours in the listing, the way back, the feed."""

    series: SeriesEnd | None
    older: Link | None  # the previous post of the language's listing (older)
    newer: Link | None
    listing: Link
    feed: Link


@dataclass(frozen=True)
class Notice:
    """An admonition: the untranslated notice on a home, the stale notice on a post."""

    kind: str  # "untranslated" or "stale"
    title: str
    text: str
    link: Link
    id: str | None = None


@dataclass(frozen=True)
class ProvenanceRow:
    name: str
    text: str | None = None
    date: DateView | None = None
    note: str | None = None  # after the date: why it is approximate
    link: Link | None = None  # after the text: the source's address


@dataclass(frozen=True)
class Provenance:
    title: str
    rows: tuple[ProvenanceRow, ...]
    sources: Link | None


@dataclass(frozen=True)
class Card:
    """One entry of a listing."""

    lang: str
    title: str
    href: str
    date: DateView
    reading: str
    series: Link | None
    description: str
    tags: tuple[Link, ...]  # href "" when there is no tags page
    tags_label: str
    draft: str | None  # the draft marker, for drafts shown by `mkdocs serve`


@dataclass(frozen=True)
class Listing:
    cards: tuple[Card, ...]
    empty: str
    feed: Link | None = None


@dataclass(frozen=True)
class Pager:
    label: str
    position: str
    newer: Link | None
    older: Link | None


@dataclass(frozen=True)
class ArchiveEntry:
    link: Link
    date: DateView


@dataclass(frozen=True)
class ArchiveGroup:
    heading: str
    entries: tuple[ArchiveEntry, ...]


@dataclass(frozen=True)
class SeriesPart:
    position: int
    link: Link
    meta: str  # "Parte 1 de 3"
    date: DateView
    description: str
    description_lang: str | None  # set when the description is the original's language


@dataclass(frozen=True)
class SeriesPage:
    name: str
    description: str
    count: str
    parts: tuple[SeriesPart, ...]
    feed: Link | None = None


@dataclass(frozen=True)
class SeriesEntry:
    name: str
    href: str
    description: str
    count: str


@dataclass(frozen=True)
class SeriesIndexView:
    title: str
    entries: tuple[SeriesEntry, ...]
    empty: str


# ---------------------------------------------------------------------------------------
# Texts


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


def date_view(date: PostDate, lang: str) -> DateView:
    return DateView(describe_date(date, lang), date.iso, date.is_approximate)


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


def untranslated_id(key: str) -> str:
    """Id of the home-page notice about a post not translated into the home's language."""
    return "untranslated-" + key.rsplit("/", 1)[-1]


# ---------------------------------------------------------------------------------------
# Post pages


def post_header(
    post: Post,
    lang: str,
    original_link: Link | None = None,
    series: SeriesBox | None = None,
    tag_href: Callable[[str], str] | None = None,
    toc: Sequence[TocEntry] = (),
    title_id: str = "",
) -> PostHeader:
    """Title, date, author, reading time, tags, and for a translation a link to its
    original."""
    translation = None
    if original_link is not None and post.translated_from:
        language = t(lang, f"lang.{post.translated_from}")
        translation = TranslationNote(
            t(lang, "translation.ours", language=language),
            Link(
                original_link.text,
                original_link.href,
                hreflang=post.translated_from,
                lang=post.translated_from,
            ),
        )
    return PostHeader(
        post.title,
        date_view(post.date, lang),
        describe_author(post, lang),
        translation,
        series,
        reading=t(lang, "listing.reading", minutes=str(post.reading_minutes)),
        tags=tuple(Link(name, tag_href(name) if tag_href else "") for name in post.tags),
        toc=tuple(toc),
        title_id=title_id,
    )


def series_end(
    run: SeriesRun, part: Part, lang: str, series_href: str, link_to: LinkTo
) -> SeriesEnd:
    """Previous and next parts (titles) and the whole series, this part marked."""
    previous, following = run.neighbours(part)
    return SeriesEnd(
        run.series.name[lang],
        series_href,
        series_part_link(previous, run, lang, link_to, "prev") if previous else None,
        series_part_link(following, run, lang, link_to, "next") if following else None,
        tuple(
            (series_part_link(other, run, lang, link_to, None), other.key == part.key)
            for other in run.parts
        ),
    )


def post_end(
    post: Post,
    listed: Sequence[Post],
    lang: str,
    href_of: Callable[[Post], str],
    listing_href: str,
    feed_href: str,
    series: SeriesEnd | None = None,
) -> PostEnd:
    """The neighbours of ``post`` in ``listed`` (the language's listing, newest first), the
    listing page to go back to and the feed to subscribe to (the series' for a part)."""
    index = next((i for i, other in enumerate(listed) if other.key == post.key), None)
    newer = older = None
    if index is not None:
        if index > 0:
            newer = Link(listed[index - 1].title, href_of(listed[index - 1]), rel="next")
        if index + 1 < len(listed):
            older = Link(listed[index + 1].title, href_of(listed[index + 1]), rel="prev")
    feed_text = (
        t(lang, "end.subscribe_series", series=series.name) if series else t(lang, "end.subscribe")
    )
    return PostEnd(
        series,
        older,
        newer,
        Link(t(lang, "end.listing"), listing_href),
        Link(feed_text, feed_href),
    )


def untranslated_notice(key: str, original: Post, href: str, lang: str) -> Notice:
    """Shown on ``lang``'s home when it is opened at #untranslated-<slug> (the language
    switcher of a post without translation leads there); hidden otherwise (CSS :target)."""
    text = t(
        lang,
        "translation.untranslated",
        title=original.title,
        language=t(lang, f"lang.{lang}"),
        original=t(lang, f"lang.{original.lang}"),
    )
    link = Link(t(lang, "translation.read_original"), href, hreflang=original.lang)
    return Notice(
        "untranslated", t(lang, "translation.untranslated_title"), text, link, untranslated_id(key)
    )


def stale_notice(post: Post, original_href: str) -> Notice:
    """On a translation whose original changed after it was translated."""
    lang = post.lang
    original = t(lang, f"lang.{post.translated_from or lang}")
    link = Link(t(lang, "translation.read_original"), original_href, hreflang=post.translated_from)
    return Notice(
        "stale",
        t(lang, "translation.stale_title"),
        t(lang, "translation.stale", original=original),
        link,
    )


def provenance(post: Post, lang: str, sources_link: Link | None) -> Provenance:
    """The 'About this text' box: date (with the reason if approximate), author, source."""
    rows = [
        ProvenanceRow(
            t(lang, "provenance.date"), date=date_view(post.date, lang), note=post.date_note
        ),
        ProvenanceRow(t(lang, "provenance.author"), describe_author(post, lang)),
    ]
    source = describe_source(post, lang)
    if source:
        url = post.source.url if post.source else None
        rows.append(
            ProvenanceRow(
                t(lang, "provenance.source"), source, link=Link(url, url) if url else None
            )
        )
    return Provenance(t(lang, "provenance.title"), tuple(rows), sources_link)


def series_part_link(
    part: Part, run: SeriesRun, lang: str, link_to: LinkTo, rel: str | None
) -> Link:
    """Link to a part in ``lang``, or to its original (marked as such) when untranslated."""
    version = part.version(lang)
    if version is not None:
        title = display_title(version.title, run.series, lang)
        return Link(title, link_to(version.rel_path, lang), rel=rel)
    original = part.original
    return Link(
        display_title(original.title, run.series, original.lang),
        link_to(original.rel_path, original.lang),
        rel=rel,
        hreflang=original.lang,
        lang=original.lang,
        note=t(lang, "series.only_in", language=t(lang, f"lang.{original.lang}")),
    )


def series_box(
    run: SeriesRun, part: Part, lang: str, series_href: str, link_to: LinkTo
) -> SeriesBox:
    """'Parte 2 de 3 · Miércoles de Mekate', with the previous and next parts."""
    name = run.series.name[lang]
    neighbours = tuple(
        SeriesNeighbour(
            t(lang, f"series.{label}"), label, series_part_link(neighbour, run, lang, link_to, rel)
        )
        for neighbour, rel, label in zip(
            run.neighbours(part), ("prev", "next"), ("previous", "next"), strict=True
        )
        if neighbour is not None
    )
    return SeriesBox(
        t(lang, "series.box_label", name=name),
        t(lang, "series.part", position=str(part.position), count=str(run.count)),
        name,
        series_href,
        neighbours,
    )


# ---------------------------------------------------------------------------------------
# Listings


def card(
    post: Post,
    lang: str,
    href: str,
    series: Link | None = None,
    tag_href: Callable[[str], str] | None = None,
) -> Card:
    """One entry of a listing: title, date, reading time, series, description, tags."""
    return Card(
        lang=lang,
        title=post.title,
        href=href,
        date=date_view(post.date, lang),
        reading=t(lang, "listing.reading", minutes=str(post.reading_minutes)),
        series=series,
        description=post.description,
        tags=tuple(Link(name, tag_href(name) if tag_href else "") for name in post.tags),
        tags_label=t(lang, "tags.label"),
        draft=t(lang, "listing.draft") if post.draft else None,
    )


def listing(cards: Sequence[Card], lang: str, feed_href: str | None = None) -> Listing:
    feed = Link(t(lang, "end.subscribe"), feed_href) if feed_href else None
    return Listing(tuple(cards), t(lang, "listing.empty"), feed)


def pager(lang: str, current: int, total: int, href_of: Callable[[int], str]) -> Pager | None:
    """Links between the pages of a listing (newest posts on page 1); None for one page."""
    if total <= 1:
        return None
    newer = (
        Link(t(lang, "listing.newer"), href_of(current - 1), rel="prev") if current > 1 else None
    )
    older = (
        Link(t(lang, "listing.older"), href_of(current + 1), rel="next")
        if current < total
        else None
    )
    return Pager(
        t(lang, "listing.pager"),
        t(lang, "listing.page", page=str(current), total=str(total)),
        newer,
        older,
    )


def archive(
    groups: Sequence[tuple[str, Sequence[tuple[Post, str]]]], lang: str
) -> tuple[ArchiveGroup, ...]:
    """Posts by year: (heading, [(post, href)]) groups, newest first."""
    return tuple(
        ArchiveGroup(
            heading,
            tuple(
                ArchiveEntry(Link(post.title, href), date_view(post.date, lang))
                for post, href in posts
            ),
        )
        for heading, posts in groups
    )


# ---------------------------------------------------------------------------------------
# Series pages


def series_page(
    run: SeriesRun, lang: str, link_to: LinkTo, feed_href: str | None = None
) -> SeriesPage:
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
    parts = []
    for part in run.parts:
        version = part.version(lang) or part.original
        parts.append(
            SeriesPart(
                part.position,
                series_part_link(part, run, lang, link_to, None),
                t(lang, "series.part", position=str(part.position), count=str(run.count)),
                date_view(version.date, lang),
                version.description,
                None if version.lang == lang else version.lang,
            )
        )
    feed = (
        Link(t(lang, "end.subscribe_series", series=run.series.name[lang]), feed_href)
        if feed_href
        else None
    )
    return SeriesPage(
        run.series.name[lang], run.series.description[lang], count, tuple(parts), feed
    )


def series_index(runs: Sequence[SeriesRun], lang: str, link_to: LinkTo) -> SeriesIndexView:
    """Every series of the site, with its description and number of parts."""
    entries = tuple(
        SeriesEntry(
            run.series.name[lang],
            link_to(f"series/{run.series.id}.md", lang),
            run.series.description[lang],
            t_count(lang, "series.count", run.count),
        )
        for run in runs
    )
    return SeriesIndexView(t(lang, "series.index_title"), entries, t(lang, "series.none"))
