"""A reader opens a Spanish post, switches language, and lands on its English translation;
nothing is requested from any host but 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

SLUG = "un-gran-programa-anti-lealtad"


def test_switch_language_on_a_post(page, real_site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{real_site_url}posts/{SLUG}/", wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "es"
    assert "Anti-lealtad" in page.locator("article h1").inner_text()

    page.locator(".md-header .md-select").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{real_site_url}en/posts/{SLUG}/")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("article h1").inner_text() == (
        "Miércoles de Mekate: A Great Anti-Loyalty Program?"
    )

    page.locator(".md-header .md-select").hover()
    page.locator('a.md-select__link[hreflang="es"]').click()
    page.wait_for_url(f"{real_site_url}posts/{SLUG}/")

    hosts = {urlsplit(url).hostname for url in requested if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, requested
