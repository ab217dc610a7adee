"""Session fixtures: the real site built once, served on 127.0.0.1, and Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from hooks.parallel import usable_cores
from tests.support import CHROMIUM, CHROMIUM_ARGS, REPO, Build, free_port, run_mkdocs, serve


@pytest.fixture
def two_cores() -> None:
    """The forked build needs two cores: skipped without them locally, a failure in CI."""
    if usable_cores() < 2:
        if os.environ.get("CI"):
            pytest.fail("CI must run the parallel build: this machine has one usable core")
        pytest.skip("the forked build needs two cores")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once with --strict into a temporary folder."""
    build = run_mkdocs(REPO / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def real_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site built for, and served at, http://127.0.0.1:<port>/ (so that its
    absolute URLs, like the hreflang links Material's script follows, stay local)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build = run_mkdocs(
        REPO / "mkdocs.yml", tmp_path_factory.mktemp("served") / "site", site_url=url
    )
    assert build.returncode == 0, build.output
    with serve(build.site, port) as served:
        assert served == url
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright. Outside CI a missing Chromium skips the
    browser tests (saying so); in CI (CI=true) it fails them: they must run there."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        yield context.new_page()
    finally:
        context.close()
