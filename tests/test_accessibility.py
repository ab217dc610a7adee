"""axe-core in Chromium: no serious or critical violation on the kinds of pages readers see,
in both languages and both palettes."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "es": [
        "",
        "posts/un-gran-programa-anti-lealtad/",  # a series part
        "posts/oximoron-mad-men-customer-care/",  # a post in no series, with headings
        "series/miercoles-de-mekate/",
        "series/",
        "etiquetas/",
        "buscar/?q=cliente",
        "archivo/",
        "404.html",
    ],
    "en": [
        "en/",
        "en/posts/un-gran-programa-anti-lealtad/",
        "en/posts/oximoron-mad-men-customer-care/",
        "en/series/miercoles-de-mekate/",
        "en/series/",
        "en/tags/",
        "en/search/?q=client",
        "en/archive/",
        "en/404.html",
    ],
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_serious_violation(browser, real_site_url: str, lang: str, scheme: str) -> None:
    axe = Axe()
    context = browser.new_context(color_scheme=scheme)
    found = []
    try:
        page = context.new_page()
        for path in PAGES[lang]:
            page.goto(real_site_url + path, wait_until="networkidle")
            if "?q=" in path:  # results rendered before checking them
                page.wait_for_selector('.pf-page[data-state="ready"]', state="attached")
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
                "slate" if scheme == "dark" else "default"
            )
            for violation in axe.run(page).response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"][:3]]
                    found.append((path, violation["id"], violation["impact"], targets))
    finally:
        context.close()
    assert not found, found


def test_open_search_has_no_serious_violation(page, real_site_url: str) -> None:
    page.goto(real_site_url)
    page.keyboard.press("/")
    page.keyboard.type("cliente")
    page.wait_for_selector('.pf-search[data-state="ready"]', state="attached")
    violations = [
        v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not violations, [(v["id"], v["nodes"][0]["target"]) for v in violations]
