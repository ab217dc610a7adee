"""A reader meets a post that is not translated yet: the switcher opens the other language's
home at a notice that links the original."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import fixture_site, free_port, run_mkdocs, serve
from tests.test_blog_build import FILES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def blog_url(tmp_path_factory: pytest.TempPathFactory):
    root: Path = tmp_path_factory.mktemp("blog-browser")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    config = fixture_site(root, FILES, "extra:\n  stale_translations: info\n")
    original = root / "docs" / "es" / "posts" / "cambiado.md"  # changes after its translation
    original.write_text(original.read_text(encoding="utf-8") + "\nOtro párrafo.\n", "utf-8")
    build = run_mkdocs(config, root / "site", site_url=url)  # strict, as `make build`
    assert build.returncode == 0, build.output
    with serve(root / "site", port):
        yield url


def test_switcher_on_untranslated_post_lands_on_notice(page, blog_url: str) -> None:
    page.goto(f"{blog_url}posts/pendiente/")
    page.locator(".md-header .md-select").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{blog_url}en/#untranslated-pendiente")
    notice = page.locator("#untranslated-pendiente")
    assert notice.is_visible()
    assert "has not been translated into English yet" in notice.inner_text()
    assert not page.locator("#untranslated-other").count()
    page.goto(f"{blog_url}en/")
    assert not notice.is_visible()  # only shown when the switcher leads there
    page.goto(f"{blog_url}en/#untranslated-pendiente")
    notice.locator("a").click()
    page.wait_for_url(f"{blog_url}posts/pendiente/")
    assert page.locator("html").get_attribute("lang") == "es"


def test_stale_translation_notice_is_shown(page, blog_url: str) -> None:
    page.goto(f"{blog_url}en/posts/cambiado/")
    notice = page.locator(".translation-stale")
    assert notice.is_visible() and "out of date" in notice.inner_text()
