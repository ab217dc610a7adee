"""The real site: strict build, languages, parity of translations, switcher, no third parties."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

import pytest

from tests.support import REPO, Build, structure, text_of

SPANISH_POSTS = sorted(p.stem for p in (REPO / "docs" / "es" / "posts").glob("*.md"))


def site_url_of(page_path: str) -> str:
    """'posts/x/index.html' -> 'posts/x/'."""
    return page_path.removesuffix("index.html")


def resolve(page_url: str, href: str) -> str:
    """Site URL that ``href`` on the page at ``page_url`` points to."""
    joined = posixpath.normpath(posixpath.join("/" + page_url, urlsplit(href).path))
    url = joined.lstrip("/")
    if href.endswith("/") and url:
        url += "/"
    return "" if url == "." else url


def all_pages(build: Build) -> list[str]:
    return [p.relative_to(build.site).as_posix() for p in build.pages() if p.name == "index.html"]


def test_five_posts_in_each_language(real_site: Build) -> None:
    assert len(SPANISH_POSTS) == 5
    for slug in SPANISH_POSTS:
        assert (real_site.site / "posts" / slug / "index.html").exists()
        assert (real_site.site / "en" / "posts" / slug / "index.html").exists()


def test_html_lang_matches_language_of_every_page(real_site: Build) -> None:
    for path in all_pages(real_site):
        lang = "en" if path.startswith("en/") else "es"
        html = real_site.html(site_url_of(path))
        assert re.search(rf'<html lang="{lang}"', html), path


@pytest.mark.parametrize("slug", SPANISH_POSTS)
def test_translation_has_the_same_structure(real_site: Build, slug: str) -> None:
    spanish = structure(real_site.page(f"posts/{slug}/"))
    english = structure(real_site.page(f"en/posts/{slug}/"))
    assert spanish == english
    assert sum(spanish.values()) > 0 or slug in {
        "una-idea-sobre-el-servicio-a-clientes",
        "miercoles-de-mekate-en-jueves",
    }


def test_every_switcher_lands_on_the_counterpart_and_back(real_site: Build) -> None:
    for path in all_pages(real_site):
        if path == "404.html":
            continue
        url = site_url_of(path)
        lang = "en" if url.startswith("en/") else "es"
        other = "es" if lang == "en" else "en"
        tree = real_site.page(url)
        switch = tree.css_first(f'a.md-select__link[hreflang="{other}"]')
        assert switch is not None, f"no switcher on {url}"
        target = resolve(url, switch.attributes["href"])
        assert (real_site.site / target / "index.html").exists(), f"{url} -> {target} missing"
        if url.startswith(("posts/", "en/posts/")):
            # A post and its translation share the slug (their parallel views end in a word
            # of their own language: posts/<slug>/paralelo/, en/posts/<slug>/parallel/).
            views = re.compile(r"(paralelo|parallel)/$")
            assert views.sub("", target.removeprefix("en/")) == views.sub(
                "", url.removeprefix("en/")
            ), (url, target)
        back = real_site.page(target).css_first(f'a.md-select__link[hreflang="{lang}"]')
        assert back is not None and resolve(target, back.attributes["href"]) == url, (url, target)
        own = tree.css_first(f'a.md-select__link[hreflang="{lang}"]')
        assert own is not None and resolve(url, own.attributes["href"]) == url


def test_section_pages_pair_across_slugs(real_site: Build) -> None:
    switch = real_site.page("fuentes/").css_first('a.md-select__link[hreflang="en"]')
    assert resolve("fuentes/", switch.attributes["href"]) == "en/sources/"


def test_nav_lists_sections_not_posts(real_site: Build) -> None:
    for url in ("", "en/", "posts/miercoles-de-mekate-en-jueves/"):
        nav = real_site.page(url).css_first("nav.md-nav--primary")
        links = [a.attributes.get("href", "") for a in nav.css("a")]
        assert links and not [href for href in links if "posts/" in href], (url, links)


def test_home_lists_every_post_newest_first(real_site: Build) -> None:
    for lang, prefix in (("es", ""), ("en", "en/")):
        cards = real_site.page(prefix).css("article.post-card h2 a")
        slugs = [card.attributes["href"].rstrip("/").split("/")[-1] for card in cards]
        # Bounded unknown dates sit beside their bound. The Mad Men essay quotes an episode
        # first aired on 12 Sep 2010, so its bound is the latest and it comes first; the
        # other blog's posts follow its (assumed) newest-first order around "16Jul" 2008.
        assert slugs == [
            "oximoron-mad-men-customer-care",  # on or after 12 Sep 2010
            "una-idea-sobre-el-servicio-a-clientes",  # on or after 16 Jul 2008, newest there
            "miercoles-de-mekate-en-jueves",  # on or after 16 Jul 2008, next in the blog
            "un-gran-programa-anti-lealtad",  # 16 Jul 2008 (only the year inferred)
            "10-errores-comunmente-cometidos-por-los-publicistas",  # on or before 16 Jul 2008
        ], lang


def test_dates_and_unknowns_are_shown_honestly(real_site: Build) -> None:
    page = real_site.page("posts/un-gran-programa-anti-lealtad/")
    date = page.css_first("header.post-header time")
    assert date.attributes["datetime"] == "2008-07-16"
    assert text_of(date) == "16 de julio de 2008 (año inferido)"
    english = real_site.page("en/posts/un-gran-programa-anti-lealtad/")
    assert text_of(english.css_first("header.post-header time")) == "July 16, 2008 (year inferred)"
    unknown = real_site.page("posts/10-errores-comunmente-cometidos-por-los-publicistas/")
    meta = text_of(unknown.css_first("header.post-header .post-meta"))
    assert "Fecha desconocida (no posterior al 16 de julio de 2008)" in meta
    assert "Autor desconocido" in meta
    box = text_of(unknown.css_first("aside.post-provenance"))
    assert "De lo cotidiano... y lo no tanto #DLC" in box
    mad_men = text_of(real_site.page("en/posts/oximoron-mad-men-customer-care/").body)
    assert "Date unknown (on or after September 12, 2010)" in mad_men
    assert "WordPress blog whose name we do not know" in mad_men


def test_translations_link_their_original(real_site: Build) -> None:
    for slug in SPANISH_POSTS:
        url = f"en/posts/{slug}/"
        link = real_site.page(url).css_first("header.post-header .post-translation a")
        assert link is not None and link.attributes["hreflang"] == "es"
        assert resolve(url, link.attributes["href"]) == f"posts/{slug}/"


def test_sources_page_explains_each_essay(real_site: Build) -> None:
    for url in ("fuentes/", "en/sources/"):
        page = real_site.page(url)
        linked = {resolve(url, a.attributes["href"]) for a in page.css("article a[href]")}
        prefix = "en/" if url.startswith("en/") else ""
        for slug in SPANISH_POSTS:
            assert f"{prefix}posts/{slug}/" in linked, (url, slug)


def test_no_reference_to_a_third_party_host(real_site: Build) -> None:
    """Everything a page loads (scripts, styles, fonts, images, frames) is on the site."""
    loads = re.compile(
        r'<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc="([^"]+)"'
        r'|<link\b(?=[^>]*\brel="(?:stylesheet|preload|preconnect|icon|modulepreload)")'
        r'[^>]*\bhref="([^"]+)"'
    )
    for page in real_site.pages():
        for match in loads.finditer(page.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            assert not re.match(r"(https?:)?//", url), f"{page}: loads {url}"
    for css in real_site.site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert not re.match(r"(https?:)?//", url), f"{css}: loads {url}"


def test_site_url_is_set() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r'^site_url: !ENV \[SITE_URL, "https://\S+/"\]$', config, re.M)
    assert "navigation.instant" not in config


def test_head_keeps_materials_meta_and_has_absolute_hreflang(real_site: Build) -> None:
    """overrides/main.html copies Material's site_meta block: it must still render it all."""
    site_url = "https://ensayos-servicio.github.io/ensayos/"
    page = real_site.page("posts/miercoles-de-mekate-en-jueves/")
    head = page.head
    assert (
        head.css_first('meta[name="description"]').attributes["content"].startswith("Las últimas")
    )
    assert head.css_first('link[rel="canonical"]').attributes["href"] == (
        f"{site_url}posts/miercoles-de-mekate-en-jueves/"
    )
    assert head.css_first('link[rel="icon"]') is not None
    assert "mkdocs-material" in head.css_first('meta[name="generator"]').attributes["content"]
    links = {
        link.attributes["hreflang"]: link.attributes["href"]
        for link in head.css('link[rel="alternate"][hreflang]')
    }
    assert links == {
        "es": f"{site_url}posts/miercoles-de-mekate-en-jueves/",
        "en": f"{site_url}en/posts/miercoles-de-mekate-en-jueves/",
        "x-default": f"{site_url}posts/miercoles-de-mekate-en-jueves/",
    }
    english = real_site.page("en/sources/").head
    links = {
        link.attributes["hreflang"]: link.attributes["href"]
        for link in english.css('link[rel="alternate"][hreflang]')
    }
    assert links["es"] == f"{site_url}fuentes/" and links["en"] == f"{site_url}en/sources/"
