"""The parallel view in Chromium: the control from the keyboard, blocks side by side on a
desktop and stacked on a phone, the URL form, the language switch, no JavaScript needed,
each column in its language, axe-core clean in both palettes."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

SLUG = "oximoron-mad-men-customer-care"
ES_VIEW = f"posts/{SLUG}/paralelo/"
EN_VIEW = f"en/posts/{SLUG}/parallel/"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
FIRST = ".parallel-text__row--paragraph >> nth=0"


def first_paragraphs(page) -> tuple[dict, dict]:
    row = page.locator(FIRST)
    own = row.locator(".parallel-text__cell--own p").first.bounding_box()
    other = row.locator(".parallel-text__cell--other p").first.bounding_box()
    assert own and other
    return own, other


def test_control_from_the_keyboard_opens_the_view_side_by_side(browser, real_site_url) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"{real_site_url}posts/{SLUG}/")
        single = page.locator(".parallel-switch__option--single")
        beside = page.locator(".parallel-switch__option--parallel")
        assert single.get_attribute("aria-current") == "page"
        assert beside.get_attribute("aria-current") is None
        assert page.locator("nav.parallel-switch").get_attribute("aria-label") == "Vista del texto"
        # Reached with Tab (from the link before it) and opened with Enter.
        single.focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == (
            "Junto a la traducción al inglés"
        )
        page.keyboard.press("Enter")
        page.wait_for_url(real_site_url + ES_VIEW)
        assert beside.get_attribute("aria-current") == "page"
        own, other = first_paragraphs(page)
        assert abs(own["y"] - other["y"]) < 1  # the pair starts on the same line
        assert other["x"] >= own["x"] + own["width"]  # in the next column
        assert page.locator(FIRST).locator(".parallel-text__cell--own").get_attribute("lang") == (
            "es"
        )
        langs = page.evaluate(
            """() => [...document.querySelectorAll('.parallel-text__row--paragraph p')]
                .slice(0, 2).map(p => p.closest('[lang]').lang)"""
        )
        assert langs == ["es", "en"]
    finally:
        context.close()


def test_phone_stacks_each_pair_and_tells_the_versions_apart(browser, real_site_url) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(real_site_url + EN_VIEW)  # the URL form opens the view directly
        own, other = first_paragraphs(page)
        assert other["y"] >= own["y"] + own["height"]  # the other version under
        assert abs(other["x"] - own["x"]) < 40  # in the same column
        assert other["x"] + other["width"] <= PHONE["width"]
        label = page.evaluate(
            """() => getComputedStyle(document.querySelector(
                '.parallel-text__row--paragraph .parallel-text__cell--other'),
                '::before').content"""
        )
        assert '"ES"' in label
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]  # nothing overflows sideways
    finally:
        context.close()


def test_language_switch_keeps_the_view(page, real_site_url) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(real_site_url + ES_VIEW)
    page.locator(".md-header .md-select").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(real_site_url + EN_VIEW)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".parallel-switch__option--parallel").get_attribute("aria-current")
    own, other = first_paragraphs(page)
    assert abs(own["y"] - other["y"]) < 1
    page.locator(".md-header .md-select").hover()
    page.locator('a.md-select__link[hreflang="es"]').click()
    page.wait_for_url(real_site_url + ES_VIEW)


def test_the_view_reads_without_javascript(browser, real_site_url) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{real_site_url}posts/{SLUG}/")
        page.locator(".parallel-switch__option--parallel").click()
        page.wait_for_url(real_site_url + ES_VIEW)
        own, other = first_paragraphs(page)
        assert abs(own["y"] - other["y"]) < 1 and other["x"] > own["x"]
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(browser, real_site_url, scheme: str) -> None:
    found = []
    # (The control on a post page is checked with the posts in test_accessibility.py.)
    for viewport, paths in ((DESKTOP, (ES_VIEW, EN_VIEW)), (PHONE, (ES_VIEW,))):
        context = browser.new_context(color_scheme=scheme, viewport=viewport)
        try:
            page = context.new_page()
            for path in paths:
                page.goto(real_site_url + path, wait_until="networkidle")
                for violation in Axe().run(page).response["violations"]:
                    if violation["impact"] in ("serious", "critical"):
                        targets = [node["target"] for node in violation["nodes"][:3]]
                        found.append((path, viewport["width"], violation["id"], targets))
        finally:
            context.close()
    assert not found, found
