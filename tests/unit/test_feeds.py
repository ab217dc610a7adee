"""RSS feeds (hooks/core/feeds.py): what `mkdocs serve` compares to keep a feed undrawn."""

from __future__ import annotations

from dataclasses import replace

from hooks.core.dates import parse_post_date
from hooks.core.feeds import FeedItem, rss, rss_inputs
from hooks.core.posts import Post


def post(slug: str, **changes: object) -> Post:
    fields: dict[str, object] = dict(
        path=f"docs/es/posts/{slug}.md",
        lang="es",
        rel_path=f"posts/{slug}.md",
        title=f"Título {slug}",
        description="Una descripción.",
        date=parse_post_date("2020-01-02"),
        tags=("servicio",),
    )
    return Post(**{**fields, **changes})  # type: ignore[arg-type]


CHANNEL = ("Blog", "Ensayos.", "https://e.org/", "https://e.org/feed.xml", "es")


def items(*posts: Post) -> list[FeedItem]:
    return [FeedItem(p, f"https://e.org/posts/{p.slug}/") for p in posts]


def test_the_inputs_differ_whenever_the_document_does() -> None:
    base = [post("a"), post("b", date=parse_post_date("2019-05"))]
    variants = {
        "title": [replace(base[0], title="Otro"), base[1]],
        "description": [replace(base[0], description="Otra."), base[1]],
        "tags": [replace(base[0], tags=("servicio", "marca")), base[1]],
        "date": [replace(base[0], date=parse_post_date("2020-01-03")), base[1]],
        "precision": [replace(base[0], date=parse_post_date("2020-01")), base[1]],
        "order": [base[1], base[0]],
        "one fewer": [base[0]],
    }
    document, inputs = rss(*CHANNEL, items(*base)), rss_inputs(*CHANNEL, items(*base))
    assert rss(*CHANNEL, items(*base)) == document  # reproducible
    for name, posts in variants.items():
        assert rss(*CHANNEL, items(*posts)) != document, name
        assert rss_inputs(*CHANNEL, items(*posts)) != inputs, name
    for index in range(len(CHANNEL)):
        channel = list(CHANNEL)
        channel[index] += "x"
        assert rss(*channel, items(*base)) != document, index
        assert rss_inputs(*channel, items(*base)) != inputs, index
    moved = [FeedItem(base[0], "https://e.org/posts/z/"), *items(base[1])]
    assert rss(*CHANNEL, moved) != document
    assert rss_inputs(*CHANNEL, moved) != inputs
    # What a feed does not show (the words, the author) leaves the inputs as they were.
    unshown = [replace(base[0], words=900, author="Otra persona"), base[1]]
    assert rss(*CHANNEL, items(*unshown)) == document
    assert rss_inputs(*CHANNEL, items(*unshown)) == inputs
