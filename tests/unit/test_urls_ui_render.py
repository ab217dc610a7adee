from __future__ import annotations

import pytest

from hooks.core.dates import parse_post_date
from hooks.core.posts import Post, Source
from hooks.core.render import post_card, post_header, provenance, tag
from hooks.core.ui import STRINGS
from hooks.core.urls import relative_url, url_of


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


EVIL = '<img src=x onerror=alert(1)>"&'


def evil_post() -> Post:
    return Post(
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


def test_front_matter_reaches_html_as_text() -> None:
    post = evil_post()
    for html in (
        post_header(post, "es"),
        provenance(post, "es", None),
        post_card(post, "es", 'x" onclick="alert(1)'),
    ):
        assert "<img" not in html and 'onclick="' not in html
        assert "&lt;img src=x onerror=alert(1)&gt;&#34;&amp;" in html


def test_tag_refuses_a_bad_name() -> None:
    with pytest.raises(ValueError):
        tag("img src=x", "")
