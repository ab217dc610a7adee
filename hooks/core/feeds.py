"""RSS 2.0 feeds (feedgen): one per language and one per series and language.

Item dates follow the post's precision: a day-precision date becomes the item's pubDate; a
month, a year or an unknown date gives no pubDate rather than a made-up day. Output is
reproducible: the channel's lastBuildDate is the newest date the content states, not "now".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from hooks.core.dates import Precision
from hooks.core.posts import Post

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class FeedItem:
    post: Post
    url: str  # absolute


def item_date(post: Post) -> dt.datetime | None:
    """The pubDate of a post, only when its date is known to the day."""
    if post.date.precision is Precision.DAY and post.date.value is not None:
        value = post.date.value
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return None


def newest_stated_date(posts: Sequence[Post]) -> dt.datetime:
    """The newest date the content states (a date or a bound), for lastBuildDate."""
    days = [d for post in posts for d in (post.date.value, post.date.after, post.date.before) if d]
    if not days:
        return EPOCH  # no dated post: a fixed value keeps builds reproducible
    newest = max(days)
    return dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC)


def rss_inputs(
    title: str, description: str, home: str, self_url: str, lang: str, items: Sequence[FeedItem]
) -> tuple[object, ...]:
    """Everything :func:`rss` reads, as one comparable value: the same inputs, the same
    document (`mkdocs serve` keeps a feed whose inputs did not change)."""
    posts = tuple(
        (item.url, item.post.title, item.post.description, tuple(item.post.tags), item.post.date)
        for item in items
    )
    return (title, description, home, self_url, lang, posts)


def rss(
    title: str, description: str, home: str, self_url: str, lang: str, items: Sequence[FeedItem]
) -> bytes:
    """An RSS 2.0 document; ``items`` newest first."""
    feed = FeedGenerator()
    feed.title(title)
    feed.description(description)
    feed.link(href=self_url, rel="self")
    feed.link(href=home, rel="alternate")  # set last: RSS's channel <link> is the last link
    feed.language(lang)
    feed.generator("ensayos-servicio (feedgen)")
    feed.lastBuildDate(newest_stated_date([item.post for item in items]))
    # feedgen prepends entries: add the oldest first so the newest comes first.
    for item in reversed(items):
        post = item.post
        entry = feed.add_entry()
        entry.title(post.title)
        entry.link(href=item.url)
        entry.guid(item.url, permalink=True)
        entry.description(post.description)
        for tag in post.tags:
            entry.category(term=tag)
        published = item_date(post)
        if published is not None:
            entry.pubDate(published)
    return feed.rss_str(pretty=True)
