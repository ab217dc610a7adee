"""A reader follows "Miércoles de Mekate" part by part, then switches to English."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PARTS = [
    "10-errores-comunmente-cometidos-por-los-publicistas",
    "un-gran-programa-anti-lealtad",
    "miercoles-de-mekate-en-jueves",
]


def test_follow_the_series_then_switch_language(page, real_site_url: str) -> None:
    page.goto(f"{real_site_url}series/miercoles-de-mekate/")
    page.locator("li.series-part").first.locator("h2 a").click()
    page.wait_for_url(f"{real_site_url}posts/{PARTS[0]}/")
    for number, slug in enumerate(PARTS, start=1):
        position = page.locator(".series-box__position")
        assert position.inner_text() == f"Parte {number} de 3 · Miércoles de Mekate"
        assert page.url == f"{real_site_url}posts/{slug}/"
        following = page.locator('.series-box a[rel="next"]')
        if number < len(PARTS):
            following.click()
            page.wait_for_url(f"{real_site_url}posts/{PARTS[number]}/")
        else:
            assert following.count() == 0
    page.locator(".md-header .md-select").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{real_site_url}en/posts/{PARTS[-1]}/")
    assert page.locator(".series-box__position").inner_text() == "Part 3 of 3 · Miércoles de Mekate"
    assert page.locator("html").get_attribute("lang") == "en"
