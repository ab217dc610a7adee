"""The blog's look as a reader meets it in Chromium: what ends a post, the post header, the
measure, the tabs, the phone's table of contents, the copy-link button, logo and favicon."""

from __future__ import annotations

import urllib.request

import pytest

pytestmark = pytest.mark.browser

PART = "posts/un-gran-programa-anti-lealtad/"  # part 2 of 3 of "Miércoles de Mekate"
FIRST = "posts/10-errores-comunmente-cometidos-por-los-publicistas/"
LAST = "posts/miercoles-de-mekate-en-jueves/"
ALONE = "posts/oximoron-mad-men-customer-care/"  # in no series, newest of the listing
SECOND = "posts/una-idea-sobre-el-servicio-a-clientes/"


def end_of(page, url: str) -> dict[str, object]:
    page.goto(url)
    end = page.locator("nav.post-end")
    assert end.count() == 1

    def link(selector: str) -> tuple[str, str] | None:
        found = end.locator(selector)
        if found.count() == 0:
            return None
        return found.inner_text(), found.evaluate("a => a.href")

    return {
        "series_previous": link(".post-end__series .post-end__previous a"),
        "series_next": link(".post-end__series .post-end__next a"),
        "parts": end.locator(".post-end__parts li").all_inner_texts(),
        "current": end.locator('.post-end__parts li[aria-current="page"]').all_inner_texts(),
        "older": link(".post-end__listing .post-end__previous a"),
        "newer": link(".post-end__listing .post-end__next a"),
        "back": link("a.post-end__back"),
        "feed": link("a.post-end__feed"),
        "label": end.get_attribute("aria-label"),
    }


def status_of(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status


def test_a_series_part_ends_with_its_series_its_neighbours_and_the_series_feed(
    page, real_site_url: str
) -> None:
    base = real_site_url
    end = end_of(page, base + PART)
    assert end["label"] == "Seguir leyendo"
    assert end["series_previous"] == (
        "10 errores comunmente cometidos por los publicistas",
        base + FIRST,
    )
    assert end["series_next"] == ("Miércoles de Mekate en Jueves!", base + LAST)
    assert len(end["parts"]) == 3
    assert end["current"] and "¿Un gran programa Anti-lealtad?" in end["current"][0]
    # Its neighbours in the Spanish listing (newest first: ALONE, SECOND, LAST, PART, FIRST).
    assert end["newer"] == ("Miércoles de Mekate en Jueves!", base + LAST)
    assert end["older"] == (
        "Miércoles de Mekate: 10 errores comunmente cometidos por los publicistas",
        base + FIRST,
    )
    assert end["back"] == ("Todos los artículos", base)
    text, feed = end["feed"]
    assert text == "Suscribirse a la serie «Miércoles de Mekate» por RSS"
    assert feed == base + "series/miercoles-de-mekate/feed.xml"
    assert status_of(feed) == 200


def test_a_post_in_no_series_ends_with_the_language_listing_and_feed(
    page, real_site_url: str
) -> None:
    base = real_site_url
    end = end_of(page, base + "en/" + ALONE)
    assert end["label"] == "Keep reading"
    assert end["series_previous"] is None and end["series_next"] is None and not end["parts"]
    assert end["newer"] is None  # the newest post
    assert end["older"] is not None and end["older"][1] == base + "en/" + SECOND
    assert end["back"] == ("All posts", base + "en/")
    assert end["feed"] == ("Subscribe via RSS", base + "en/feed.xml")
    assert status_of(base + "en/feed.xml") == 200
    oldest = end_of(page, base + "en/" + FIRST)
    assert oldest["older"] is None and oldest["newer"] is not None


def test_the_series_page_and_home_offer_their_feeds(page, real_site_url: str) -> None:
    page.goto(real_site_url + "en/series/miercoles-de-mekate/")
    feed = page.locator(".listing-feed a")
    assert feed.inner_text() == "Subscribe to the series “Miércoles de Mekate” via RSS"
    assert feed.evaluate("a => a.href") == real_site_url + "en/series/miercoles-de-mekate/feed.xml"
    page.goto(real_site_url)
    assert page.locator(".listing-feed a").evaluate("a => a.href") == real_site_url + "feed.xml"


def test_listing_entries_look_alike_and_link_their_series(page, real_site_url: str) -> None:
    page.goto(real_site_url)
    series = page.locator("article.post-card a.post-card__series").first
    assert series.evaluate("a => a.href") == real_site_url + "series/miercoles-de-mekate/"
    style = "a => [getComputedStyle(a).color, getComputedStyle(a).fontWeight]"
    home = page.locator(".post-card__title a").first.evaluate(style)
    page.goto(real_site_url + "series/miercoles-de-mekate/")
    assert page.locator(".post-card__title a").first.evaluate(style) == home
    page.goto(real_site_url + "series/")
    assert page.locator(".post-card__title a").first.evaluate(style) == home


def test_post_header(page, real_site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(real_site_url + ALONE)
    title, section = page.locator(".post-header h1"), page.locator("article h2").first
    colour = "e => getComputedStyle(e).color"
    assert title.evaluate(colour) == section.evaluate(colour)
    assert int(title.evaluate("e => getComputedStyle(e).fontWeight")) >= 700
    tags = page.locator(".post-header ul.post-tags")
    assert tags.locator("li").all_inner_texts() == ["atención al cliente", "Mad Men", "marketing"]
    assert tags.bounding_box()["y"] > title.bounding_box()["y"] + title.bounding_box()["height"]
    assert page.locator("nav.md-tags").is_hidden()  # Material's chips above the title
    assert "3 min de lectura" in page.locator(".post-header .post-meta").inner_text()
    # No empty column: the navigation sidebar is not shown on a desktop.
    assert page.locator(".md-sidebar--primary").is_hidden()
    # The section the post belongs to (the listing) is the highlighted tab.
    active = page.locator(".md-tabs__item--active")
    assert active.count() == 1 and active.inner_text().strip() == "Inicio"
    page.goto(real_site_url + "en/series/miercoles-de-mekate/")
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "Series"


def test_skip_link_lands_on_the_title(page, real_site_url: str) -> None:
    for url in (PART, "en/" + ALONE):
        page.goto(real_site_url + url)
        target = page.locator("a.md-skip").get_attribute("href")
        assert target == "#__title"
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.matches('.post-header h1')")


WRAPPED = """meta => {
  const box = meta.getBoundingClientRect();
  return [...meta.querySelectorAll('.meta-item')].map(item => {
    const rect = item.getBoundingClientRect();
    const dot = parseFloat(getComputedStyle(item, '::before').width);
    return {top: Math.round(rect.top), dotRight: rect.left + dot, boxLeft: box.left};
  });
}"""


def test_no_dangling_dot_when_the_date_line_wraps(browser, real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(real_site_url + ALONE)
        meta = page.locator(".post-header .post-meta")
        assert meta.evaluate("m => getComputedStyle(m).overflow") == "hidden"
        items = meta.evaluate(WRAPPED)
        lines = sorted({item["top"] for item in items})
        assert len(lines) >= 2, "the phone must wrap this date line for the test to mean much"
        for line in lines:
            first = next(item for item in items if item["top"] == line)
            # The dot before the first fact of each line lies left of the clipping box.
            assert first["dotRight"] <= first["boxLeft"] + 0.5, items
    finally:
        context.close()


def test_phone_table_of_contents(browser, real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(real_site_url + "en/" + ALONE)
        toc = page.locator("details.post-toc")
        assert toc.is_visible()
        toc.locator("summary").click()
        links = toc.locator("a")
        assert links.count() == len(page.locator("article h2[id]").all())
        links.first.click()
        assert page.evaluate("location.hash") == links.first.get_attribute("href")
    finally:
        context.close()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(real_site_url + "en/" + ALONE)
        assert page.locator("details.post-toc").is_hidden()  # the sidebar's table serves
        assert page.locator(".md-sidebar--secondary").is_visible()
    finally:
        page.close()


MEASURE = """p => {
  const range = document.createRange();
  range.selectNodeContents(p);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  return p.textContent.length / lines;
}"""


def test_home_reads_at_about_seventy_characters(browser, real_site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        for url in ("", "en/", ALONE):
            page.goto(real_site_url + url)
            paragraphs = page.locator("article p")
            longest = max(p.evaluate(MEASURE) for p in paragraphs.all()[:12])
            assert 55 <= longest <= 80, (url, longest)
    finally:
        page.close()


def test_copy_link_button(browser, real_site_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        for url, name, done in (
            (PART, "Copiar enlace", "Enlace copiado"),
            ("en/" + PART, "Copy link", "Link copied"),
        ):
            page.goto(real_site_url + url + "#fn:1")
            button = page.get_by_role("button", name=name)
            assert button.is_visible()
            button.focus()
            page.keyboard.press("Enter")
            status = page.locator(".post-copy__status")
            page.wait_for_function("s => s.textContent !== ''", arg=status.element_handle())
            assert status.get_attribute("role") == "status" and status.inner_text() == done
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == real_site_url + url  # the canonical address, no fragment
        page.goto(real_site_url)
        assert page.locator(".post-copy").count() == 0  # posts only
    finally:
        context.close()


def test_logo_and_favicon_are_the_sites_own(page, real_site_url: str) -> None:
    for url in ("", "en/" + PART):
        page.goto(real_site_url + url)
        logo = page.locator(".md-header__button.md-logo img")
        assert logo.get_attribute("src").endswith("assets/images/logo.svg")
        assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
        icon = page.locator('link[rel="icon"]').evaluate("l => l.href")
        assert icon.endswith("assets/images/favicon.svg") and status_of(icon) == 200
