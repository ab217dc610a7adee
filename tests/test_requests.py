"""No failed request anywhere, nothing deployed that nothing loads, the 404 page in the
language of the address, no English on Spanish pages, tags in each language's order."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.support import Build, serve_like_github_pages

SITE_URL = "https://ensayos-servicio.github.io/ensayos/"  # mkdocs.yml's, real_site's
# Files read by crawlers and feed readers rather than by pages.
FOR_CRAWLERS = {"sitemap.xml", "sitemap.xml.gz"}


def page_urls(build: Build) -> list[str]:
    """Site-relative URL of every page of the built site ('' for the home page)."""
    urls = []
    for path in build.site.rglob("index.html"):
        folder = path.relative_to(build.site).parent.as_posix()
        urls.append("" if folder == "." else folder + "/")
    return sorted(urls)


def watch(page) -> list[tuple[object, ...]]:
    """Failed requests and error responses of ``page``, as they happen."""
    problems: list[tuple[object, ...]] = []
    page.on("requestfailed", lambda request: problems.append((request.url, request.failure)))
    page.on(
        "response",
        lambda response: (
            problems.append((response.url, response.status)) if response.status >= 400 else None
        ),
    )
    return problems


@pytest.mark.browser
def test_no_failed_request_on_any_page(browser, real_site_url: str, real_site: Build) -> None:
    urls = page_urls(real_site)
    assert len(urls) >= 20 and "en/" in urls
    failing = {}
    for url in urls:
        # A context per page: a request cut short by leaving a page is not the page's fault.
        context = browser.new_context()
        try:
            page = context.new_page()
            problems = watch(page)
            page.goto(real_site_url + url, wait_until="networkidle")
            if url in ("", "en/"):  # Pagefind's files, both languages' (a query found nowhere)
                page.keyboard.press("/")
                page.locator(".pf-search .md-search__input").fill("zqxwvk cliente")
                page.wait_for_selector('.pf-search[data-state="ready"]', state="attached")
                page.wait_for_load_state("networkidle")
            if problems:
                failing[url] = list(problems)
        finally:
            context.close()
    assert not failing


def resolve(page_url: str, href: str) -> str:
    """Site-relative path of ``href`` on the page at ``page_url``."""
    return urlsplit(urljoin("http://site/" + page_url, href)).path.lstrip("/")


def referenced_files(build: Build) -> set[str]:
    """Site files named by a page (href, src, Pagefind's bundle) or by a stylesheet."""
    found: set[str] = set()
    site = build.site

    def add(base: str, reference: str) -> None:
        if reference.startswith(SITE_URL):  # absolute links (feeds, canonical): the site's
            reference = "/" + reference.removeprefix(SITE_URL)
        target = urlsplit(urljoin("http://site/" + base, reference))
        if target.netloc == "site":
            path = unquote(target.path).lstrip("/")
            found.add(path + "index.html" if path.endswith("/") or not path else path)

    for path in build.pages():
        base = path.relative_to(site).as_posix()
        tree = HTMLParser(path.read_text(encoding="utf-8"))
        for node in tree.css('meta[property="og:image"]'):
            add(base, node.attributes.get("content") or "")
        for node in tree.css("[href], [src], [data-bundle]"):
            for attribute in ("href", "src"):
                if node.attributes.get(attribute):
                    add(base, node.attributes[attribute] or "")
            if node.attributes.get("data-bundle"):
                bundle = node.attributes["data-bundle"] or ""
                add(base, bundle + "pagefind.js")
                add(base, bundle + "vocabulary.json")
    for css in site.rglob("*.css"):
        base = css.relative_to(site).as_posix()
        for reference in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if not reference.startswith("data:"):
                add(base, reference)
    return found


def test_every_deployed_file_is_loaded_by_something(real_site: Build) -> None:
    site = real_site.site
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    bundles = {f.rsplit("pagefind/", 1)[0] for f in files if f.endswith("pagefind/pagefind.js")}
    assert bundles == {"", "en/"}
    # Inside a bundle, pagefind.js loads the rest (its entry file names them by hash).
    loose = {
        f
        for f in files - referenced_files(real_site) - FOR_CRAWLERS
        if not f.endswith(".html") and not any(f.startswith(b + "pagefind/") for b in bundles)
    }
    assert not loose
    unused_files = ("tags.json", "wasm.unknown.pagefind", "pagefind-worker.js", ".map", "lunr")
    for unused in (*unused_files, "workers/search"):
        assert not [f for f in files if unused in f], unused


def test_pages_speak_their_language(real_site: Build) -> None:
    for path in real_site.pages():
        html = path.read_text(encoding="utf-8")
        spanish = '<html lang="es"' in html
        assert '<meta name="author" content="unknown"' not in html, path
        if spanish:
            assert "Made with" not in html and 'title="Permanent link"' not in html, path
            assert "Hecho con" in html, path
        else:
            assert "Hecho con" not in html and 'title="Enlace permanente"' not in html, path
    assert 'title="Enlace permanente"' in real_site.html("fuentes/")
    # A side-by-side page shows both languages' headings, each with the page's tooltip.
    both = real_site.html("en/posts/oximoron-mad-men-customer-care/parallel/")
    assert both.count('title="Permanent link"') >= 2


def test_tags_in_the_language_order_and_posts_newest_first(real_site: Build) -> None:
    from hooks.core.collation import sort_key

    for lang, url, home in (("es", "etiquetas/", ""), ("en", "en/tags/", "en/")):
        tree = real_site.page(url)
        names = [h.text(deep=True).replace("¶", "").strip() for h in tree.css("h2[id^='tag:']")]
        assert names == sorted(names, key=lambda name: sort_key(name, lang)) and names
        assert names != sorted(names)  # the plain code-point order differs ("Mad Men" first)
        listing = [
            resolve(home, a.attributes["href"] or "")
            for a in real_site.page(home).css("article a[href*='posts/']")
        ]
        listing = list(dict.fromkeys(listing))
        for heading in tree.css("h2[id^='tag:']"):
            items = []
            node = heading.next
            while node is not None and node.tag != "h2":
                items += [a.attributes["href"] or "" for a in node.css("a[href*='posts/']")]
                node = node.next
            posts = [resolve(url, href) for href in items]
            expected = [u for u in listing if u in posts]
            assert posts == expected, heading.attributes["id"]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("address", "lang", "title"),
    [
        ("en/no-such-page/", "en", "Page not found - Customer service essays"),
        ("en/posts/gone", "en", "Page not found - Customer service essays"),
        ("no-existe/", "es", "Página no encontrada - Ensayos sobre servicio al cliente"),
        ("posts/en/", "es", "Página no encontrada - Ensayos sobre servicio al cliente"),
    ],
)
def test_404_page_in_the_language_of_the_address(
    browser, real_site: Build, tmp_path: Path, address: str, lang: str, title: str
) -> None:
    with serve_like_github_pages(real_site.site, "ensayos", tmp_path) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            problems = watch(page)
            response = page.goto(url + address)
            assert response is not None and response.status == 404
            page.wait_for_function(
                f"document.documentElement.lang === {lang!r} && document.title === {title!r}"
            )
            page.wait_for_load_state("networkidle")
            heading = page.locator("article h1").inner_text()
            assert heading == ("Page not found" if lang == "en" else "Página no encontrada")
            home = page.get_by_role(
                "link", name="Go to the home page" if lang == "en" else "Ir al inicio"
            )
            assert home.get_attribute("href") == ("/ensayos/en/" if lang == "en" else "/ensayos/")
            assert (
                page.evaluate("getComputedStyle(document.documentElement).visibility") == "visible"
            )
            # Material's script runs on the page shown (its palette switch works).
            page.wait_for_function("document.body.getAttribute('data-md-color-scheme') !== null")
            assert [p for p in problems if p[0] != url + address] == []
        finally:
            context.close()


# ---------------------------------------------------------------------------------------
# Sharing


def meta_of(tree: HTMLParser) -> dict[str, str]:
    return {
        (m.attributes.get("property") or m.attributes.get("name") or ""): m.attributes.get(
            "content"
        )
        or ""
        for m in tree.css("head meta[content]")
    }


def test_every_page_has_its_sharing_image(real_site: Build) -> None:
    from PIL import Image

    seen: dict[str, str] = {}
    for url in page_urls(real_site):
        tree = real_site.page(url)
        meta = meta_of(tree)
        image = meta["og:image"]
        assert image.startswith(SITE_URL + "assets/social/"), url
        path = real_site.site / image.removeprefix(SITE_URL)
        with Image.open(path) as opened:
            assert opened.size == (1200, 630) and opened.format == "JPEG", url
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert meta["twitter:card"] == "summary_large_image" and meta["twitter:image"] == image
        if meta["og:type"] == "article":  # a post (not its side-by-side view)
            title = tree.css_first("h1").text(deep=True).replace("¶", "").strip()
            assert meta["og:image:alt"] == meta["og:title"] == title, url
            seen[url] = image
    # A card per post and per language.
    assert len(set(seen.values())) == len(seen) >= 10
    assert (
        seen["posts/un-gran-programa-anti-lealtad/"]
        != seen["en/posts/un-gran-programa-anti-lealtad/"]
    )


def test_homes_and_404_pages_have_their_titles(real_site: Build) -> None:
    assert meta_of(real_site.page(""))["og:title"] == "Ensayos sobre servicio al cliente"
    assert meta_of(real_site.page("en/"))["og:title"] == "Customer service essays"
    spanish = HTMLParser((real_site.site / "404.html").read_text(encoding="utf-8"))
    english = HTMLParser((real_site.site / "en" / "404.html").read_text(encoding="utf-8"))
    assert spanish.css_first("title").text() == (
        "Página no encontrada - Ensayos sobre servicio al cliente"
    )
    assert english.css_first("title").text() == "Page not found - Customer service essays"


@pytest.mark.browser
def test_sharing_image_loads_at_its_size(page, real_site_url: str) -> None:
    page.goto(f"{real_site_url}en/posts/un-gran-programa-anti-lealtad/")
    size = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const url = document.querySelector('meta[property="og:image"]').content;
            const image = new Image();
            image.onload = () => resolve([image.naturalWidth, image.naturalHeight]);
            image.onerror = reject;
            image.src = url;
        })"""
    )
    assert size == [1200, 630]
