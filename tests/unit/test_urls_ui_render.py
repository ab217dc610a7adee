from __future__ import annotations

from pathlib import Path

import pytest

from hooks.core import views
from hooks.core.dates import parse_post_date
from hooks.core.posts import Post, Source
from hooks.core.render import Renderer, tag
from hooks.core.series import Part, Series, SeriesRun
from hooks.core.ui import STRINGS
from hooks.core.urls import relative_url, url_of
from tests.support import REPO


@pytest.mark.parametrize(
    ("rel_path", "lang", "url"),
    [
        ("index.md", "es", ""),
        ("index.md", "en", "en/"),
        ("posts/x.md", "es", "posts/x/"),
        ("posts/x.md", "en", "en/posts/x/"),
        ("a/index.md", "en", "en/a/"),
    ],
)
def test_url_of(rel_path: str, lang: str, url: str) -> None:
    assert url_of(rel_path, lang, "es") == url


@pytest.mark.parametrize(
    ("target", "start", "link"),
    [
        ("en/", "posts/a/", "../../en/"),
        ("", "posts/a/", "../../"),
        ("", "", "./"),
        ("posts/b/", "posts/a/", "../b/"),
        ("en/posts/a/", "en/", "posts/a/"),
    ],
)
def test_relative_url(target: str, start: str, link: str) -> None:
    assert relative_url(target, start) == link


def test_every_language_has_every_string() -> None:
    keys = [set(table) for table in STRINGS.values()]
    assert all(k == keys[0] for k in keys)
    for table in STRINGS.values():
        assert all(value.strip() for value in table.values())


EVIL = '"><script>alert(1)</script><img src=x onerror=alert(1)>&'
ESCAPED = "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;"
EVIL_HREF = 'x" onclick="alert(1)'


def evil_post(**changes: object) -> Post:
    fields: dict[str, object] = dict(
        path="docs/es/posts/x.md",
        lang="es",
        rel_path="posts/x.md",
        title=EVIL,
        description=EVIL,
        date=parse_post_date("unknown", after="2008-07-16"),
        date_note=EVIL,
        author=EVIL,
        source=Source(blog=EVIL, platform=EVIL, url="https://e.org/?a=1&b=<"),
        tags=(EVIL,),
    )
    return Post(**{**fields, **changes})  # type: ignore[arg-type]


def evil_run() -> SeriesRun:
    series = Series("s", {"es": EVIL, "en": EVIL}, {"es": EVIL, "en": EVIL})
    first, second = evil_post(), evil_post(rel_path="posts/y.md", path="docs/es/posts/y.md")
    return SeriesRun(
        series, (Part("posts/x", 1, first, {"es": first}), Part("posts/y", 2, second, {}))
    )


def evil_link_to(rel_path: str, lang: str) -> str:
    return EVIL_HREF


def theme() -> Renderer:
    """The partials as the build finds them: the site's overrides, then Material's."""
    import material

    templates = Path(material.__file__).parent / "templates"
    return Renderer.for_theme((str(REPO / "overrides"), str(templates)))


def every_partial() -> dict[str, str]:
    """Every blog partial rendered from data in which every author-written field (and every
    URL) holds markup."""
    partials = theme()
    post = evil_post(translated_from="en", stale=True)
    run = evil_run()
    link = views.Link(EVIL, EVIL_HREF)
    box = views.series_box(run, run.parts[0], "es", EVIL_HREF, evil_link_to)
    card = views.card(post, "es", EVIL_HREF, link, lambda name: EVIL_HREF)
    groups = views.archive([(EVIL, [(post, EVIL_HREF)])], "es")
    return {
        "post-header": partials.render(
            "post-header.html",
            "es",
            header=views.post_header(
                post,
                "es",
                link,
                box,
                lambda name: EVIL_HREF,
                [views.TocEntry(EVIL, EVIL_HREF, (views.TocEntry(EVIL, EVIL_HREF),))],
                "__title",
            ),
            post={"key": "posts/x", "lang": "es", "alternates": {"en": EVIL_HREF}},
        ),
        "post-end": partials.render(
            "post-end.html",
            "es",
            end=views.post_end(
                post,
                [evil_post(rel_path="posts/y.md"), post, evil_post(rel_path="posts/z.md")],
                "es",
                lambda other: EVIL_HREF,
                EVIL_HREF,
                EVIL_HREF,
                views.series_end(run, run.parts[0], "es", EVIL_HREF, evil_link_to),
            ),
        ),
        "provenance": partials.render(
            "provenance.html", "es", provenance=views.provenance(post, "es", link)
        ),
        "stale": partials.render("notice.html", "es", notice=views.stale_notice(post, EVIL_HREF)),
        "untranslated": partials.render(
            "notice.html", "es", notice=views.untranslated_notice("posts/x", post, EVIL_HREF, "es")
        ),
        "card": partials.render(
            "listing.html",
            "es",
            listing=views.listing([card], "es", EVIL_HREF),
            pager=views.pager("es", 2, 3, lambda number: EVIL_HREF),
        ),
        "archive": partials.render("archive.html", "es", groups=groups),
        "series-page": partials.render(
            "series-page.html",
            "es",
            series=views.series_page(run, "es", evil_link_to, EVIL_HREF),
        ),
        "series-index": partials.render(
            "series-index.html", "es", index=views.series_index([run], "es", evil_link_to)
        ),
    }


@pytest.mark.parametrize("name", sorted(every_partial()))
def test_front_matter_reaches_html_as_text(name: str) -> None:
    html = every_partial()[name]
    assert "<script" not in html and "<img" not in html and 'onclick="' not in html
    if name != "stale":  # the stale notice says nothing the author wrote, only links
        assert ESCAPED in html
    assert "x&#34; onclick=&#34;alert(1)" in html


def test_partials_escape_even_without_the_view_helpers() -> None:
    """Autoescape is on in the partials' environment itself, not left to the data."""
    partials = theme()
    html = partials.render(
        "notice.html", "es", notice=views.Notice("stale", EVIL, EVIL, views.Link(EVIL, EVIL))
    )
    assert "<script" not in html and html.count(ESCAPED) == 4


def test_tag_refuses_a_bad_name() -> None:
    with pytest.raises(ValueError):
        tag("img src=x", "")


def test_post_actions_slot_renders_nothing_by_default() -> None:
    """overrides/partials/post-actions.html is the slot issue 17 fills; empty, the header
    holds only the copy-link button there."""
    source = (REPO / "overrides" / "partials" / "post-actions.html").read_text(encoding="utf-8")
    assert theme().environment.from_string(source).render().strip() == ""
    header = every_partial()["post-header"]
    actions = header.split('<div class="post-actions"', 1)[1].split("</div>", 1)[0]
    assert actions.count("<button") == 1 and "post-copy" in actions


def test_post_end_links_neighbours_in_listing_order() -> None:
    older, newer = (
        evil_post(rel_path="posts/old.md", title="old"),
        evil_post(rel_path="posts/new.md", title="new"),
    )
    post = evil_post()
    end = views.post_end(post, [newer, post, older], "en", lambda p: p.slug, "../", "feed.xml")
    assert end.newer == views.Link("new", "new", rel="next")
    assert end.older == views.Link("old", "old", rel="prev")
    assert end.feed.text == "Subscribe via RSS" and end.series is None
    alone = views.post_end(post, [post], "en", lambda p: p.slug, "../", "feed.xml")
    assert alone.newer is None and alone.older is None
