"""The Spanish pages publish the seed texts verbatim; scrape debris appears nowhere.

The two seed texts are kept in tests/seeds/ (copies of the raw scrapes). Each seed paragraph
is assigned below to a post, to metadata, or to debris; the only transformations allowed are
the structural ones documented on the sources page:

- a lesson "Name: text" becomes a heading "Name" followed by the paragraph "text";
- a quote "“…” – Author." becomes a blockquote (quote and attribution joined by a space);
- an item "N- text" becomes item N of an ordered list;
- paragraph 31 + 32 of the second seed (one sentence cut by the scrape) become one item.
"""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.support import REPO, Build, article, normalize, text_of

SEEDS = REPO / "tests" / "seeds"


def paragraphs(name: str) -> list[str]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return [normalize(p) for p in re.split(r"\n\s*\n", text) if normalize(p)]


MAD_MEN = paragraphs("000_512fd331ca56ffa7.txt")
DLC = paragraphs("002_1c8450add3f825d1.txt")

# slug -> (title paragraph, body paragraphs), as they appear in the seeds.
POSTS = {
    "oximoron-mad-men-customer-care": (MAD_MEN[0], MAD_MEN[1:12]),
    "una-idea-sobre-el-servicio-a-clientes": (DLC[1], DLC[2:11]),
    "miercoles-de-mekate-en-jueves": (DLC[11], DLC[12:15]),
    "un-gran-programa-anti-lealtad": (DLC[15], [DLC[17], DLC[19]]),
    "10-errores-comunmente-cometidos-por-los-publicistas": (
        DLC[20],
        [*DLC[21:31], f"{DLC[31]} {DLC[32]}", DLC[33]],
    ),
}
LOST_IMAGE = ("un-gran-programa-anti-lealtad", DLC[18])
METADATA = {DLC[0]: "blog name", DLC[16]: "date badge + repeated title"}
COMMENT_FORM = MAD_MEN[12:]


def test_every_seed_paragraph_is_accounted_for() -> None:
    """The assignment above covers each seed paragraph exactly once."""
    used = [title for title, _ in POSTS.values()]
    for _, body in POSTS.values():
        used.extend(body)
    used += [LOST_IMAGE[1], *METADATA, *COMMENT_FORM]
    joined = f"{DLC[31]} {DLC[32]}"
    expected = [*MAD_MEN, *DLC]
    expected.remove(DLC[31])
    expected.remove(DLC[32])
    expected.append(joined)
    assert sorted(used) == sorted(expected)
    assert COMMENT_FORM[0] == "Responder"  # the scraped comment form starts here
    assert len(MAD_MEN) == 23 and len(DLC) == 34


def candidates(tree: HTMLParser) -> set[str]:
    """Every text a seed paragraph may legitimately have become on the page."""
    body = article(tree)
    found: set[str] = set()
    blocks = body.css("h1, h2, h3, p, li, blockquote")
    for block in blocks:
        found.add(text_of(block))
    for heading in body.css("h2"):
        following = heading.next
        while following is not None and following.tag == "-text":
            following = following.next
        if following is not None and following.tag == "p":
            found.add(f"{text_of(heading)}: {text_of(following)}")
    for ordered in body.css("ol"):
        for number, item in enumerate(ordered.css("li"), start=1):
            found.add(f"{number}- {text_of(item)}")
    return found


@pytest.mark.parametrize("slug", sorted(POSTS))
def test_spanish_post_is_verbatim(real_site: Build, slug: str) -> None:
    tree = real_site.page(f"posts/{slug}/")
    title, body = POSTS[slug]
    heading = article(tree).css_first("header.post-header h1")
    assert heading is not None and text_of(heading) == title
    texts = candidates(tree)
    missing = [paragraph for paragraph in body if paragraph not in texts]
    assert not missing, f"not verbatim on /posts/{slug}/: {missing}"


def test_lost_image_is_shown_as_lost(real_site: Build) -> None:
    slug, name = LOST_IMAGE
    tree = real_site.page(f"posts/{slug}/")
    notice = article(tree).css_first(".admonition.missing-image")
    assert notice is not None and name in text_of(notice)
    assert not article(tree).css("img"), "no image may stand in for the lost one"
    english = real_site.page(f"en/posts/{slug}/")
    notice = article(english).css_first(".admonition.missing-image")
    assert notice is not None and name in text_of(notice)


def test_comment_form_debris_appears_nowhere(real_site: Build) -> None:
    for page in real_site.pages():
        text = normalize(HTMLParser(page.read_text(encoding="utf-8")).body.text(separator=" "))
        for line in COMMENT_FORM:
            if line == "Responder":
                assert not re.search(r"\bResponder\b", text), page
            else:
                assert line not in text, f"{line!r} in {page}"


def test_urls_given_by_the_text_are_links(real_site: Build) -> None:
    links = {
        "un-gran-programa-anti-lealtad": "http://www.mekate.com/?p=642",
        "10-errores-comunmente-cometidos-por-los-publicistas": "http://www.mekate.com",
    }
    for slug, href in links.items():
        for prefix in ("", "en/"):
            anchors = article(real_site.page(f"{prefix}posts/{slug}/")).css(f'a[href="{href}"]')
            assert anchors, f"{prefix}posts/{slug}/ does not link {href}"
