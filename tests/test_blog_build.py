"""The blog around the posts, on a fixture site: listings and pagination, archive, drafts,
untranslated and stale translations, feeds, sitemap, 404 pages, social metadata."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from tests.support import (
    SECTION_PAGES,
    Build,
    fetch,
    fixture_site,
    mkdocs_serve,
    post,
    run_mkdocs,
    text_of,
)

SITE = "https://ensayos-servicio.github.io/ensayos/"


def es(slug: str, date: str, extra: str = "", words: int = 40) -> tuple[str, str]:
    body = " ".join(["palabra"] * words) + "\n"
    return f"es/posts/{slug}.md", post(
        f'title: "Título {slug}"\ndescription: "Resumen {slug}"\ndate: {date}\nauthor: Ana\n'
        f"tags: [tema uno, tema dos]\n{extra}",
        body,
    )


def en(slug: str, extra: str = "", status: str = "") -> tuple[str, str]:
    translation = "translation:\n  from: es\n" + (f"  status: {status}\n" if status else "")
    return f"en/posts/{slug}.md", post(
        f'title: "Title {slug}"\ndescription: "Summary {slug}"\ntags: [topic one]\n{extra}'
        + translation,
        "Text of the translation.\n",
    )


POSTS = [
    (es("dia", "2010-03-05", words=1000), en("dia")),
    (es("mes", "2009-07"), en("mes")),
    (es("anio", "2012", "date_inferred: true\ndate_note: nota\n"), en("anio", "date_note: note\n")),
    (
        es("antes", "unknown", "date_before: 2009-01-01\ndate_note: nota\n"),
        en("antes", "date_note: note\n"),
    ),
    (es("sin-fecha", "unknown"), en("sin-fecha")),
    (es("borrador", "2011-01-01", "draft: true\n"), en("borrador", "draft: true\n")),
    (es("pendiente", "2008-01-01"), en("pendiente", status="pending")),
    (es("cambiado", "2007-01-01"), en("cambiado")),
]
FILES = {**SECTION_PAGES, "series.yml": "# none\n"}
for (es_path, es_text), (en_path, en_text) in POSTS:
    FILES[es_path] = es_text
    FILES[en_path] = en_text
# Newest first, honest about unknown dates ("antes" just before its bound, "sin-fecha" last);
# the draft is left out, and the post not yet translated only from the English listing.
ORDER = {
    "es": ["anio", "dia", "mes", "antes", "pendiente", "cambiado", "sin-fecha"],
    "en": ["anio", "dia", "mes", "antes", "cambiado", "sin-fecha"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("blog")
    # Strict, as `make build`; the stale translation is published with its notice (its
    # warning, which stops a strict build by default, is tested below).
    extra = "extra:\n  blog:\n    per_page: 4\n  stale_translations: info\n"
    config = fixture_site(root, FILES, extra)
    # The original of "cambiado" changes after its translation was stamped.
    original = root / "docs" / "es" / "posts" / "cambiado.md"
    original.write_text(original.read_text(encoding="utf-8") + "\nUn párrafo nuevo.\n", "utf-8")
    build = run_mkdocs(config, root / "site")
    assert build.returncode == 0, build.output
    return build


def slugs(build: Build, url: str) -> list[str]:
    links = build.page(url).css("article.post-card h2 a")
    return [link.attributes["href"].rstrip("/").rsplit("/", 1)[-1] for link in links]


def test_home_pages_newest_first_with_pagination(built: Build) -> None:
    for prefix, lang in (("", "es"), ("en/", "en")):
        assert slugs(built, prefix) + slugs(built, f"{prefix}page/2/") == ORDER[lang]
        assert not (built.site / prefix / "page" / "3").exists()
    pager = built.page("").css_first("nav.pager")
    assert text_of(pager.css_first(".pager__position")) == "Página 1 de 2"
    assert pager.css_first('a[rel="next"]').attributes["href"] == "page/2/"
    back = built.page("en/page/2/").css_first('nav.pager a[rel="prev"]')
    assert back.attributes["href"] == "../../" and text_of(back) == "← Newer posts"


def test_cards_show_precise_dates_reading_time_and_linked_tags(built: Build) -> None:
    cards = {
        card.css_first("h2 a").attributes["href"].rstrip("/").rsplit("/", 1)[-1]: card
        for url in ("", "page/2/")
        for card in built.page(url).css("article.post-card")
    }
    # The dots between the facts are drawn by CSS (so that a wrapped line never ends on one).
    meta = {
        slug: " · ".join(text_of(item) for item in card.css(".post-card__meta .meta-item"))
        for slug, card in cards.items()
    }
    assert meta["dia"].startswith("5 de marzo de 2010 · 5 min de lectura")
    assert meta["mes"].startswith("julio de 2009")
    assert meta["anio"].startswith("2012 (fecha aproximada)")
    assert meta["antes"].startswith("Fecha desconocida (no posterior al 1 de enero de 2009)")
    assert meta["sin-fecha"].startswith("Fecha desconocida · 1 min de lectura")
    tag = cards["dia"].css_first(".post-card__tags a")
    assert tag.attributes["href"] == "etiquetas/#tag:tema-dos"  # tags in collation order
    english = text_of(built.page("en/").css_first("article.post-card .post-card__meta"))
    assert english.startswith("circa 2012")


def test_archive_by_year(built: Build) -> None:
    page = built.page("archivo/")
    years = [text_of(h) for h in page.css("article h2")]
    assert years == ["2012", "2010", "2009", "2008", "2007", "Fecha desconocida"]
    english = built.page("en/archive/")
    assert [text_of(h) for h in english.css("article h2")][-1] == "Date unknown"


def test_drafts_stay_out_of_the_build(built: Build) -> None:
    assert not (built.site / "posts" / "borrador").exists()
    assert not (built.site / "en" / "posts" / "borrador").exists()
    assert "borrador" not in built.html("") + built.html("page/2/")
    assert "borrador" not in (built.site / "feed.xml").read_text(encoding="utf-8")
    assert "borrador" not in (built.site / "sitemap.xml").read_text(encoding="utf-8")


def test_untranslated_post_sends_readers_to_the_original(built: Build) -> None:
    assert not (built.site / "en" / "posts" / "pendiente").exists()
    switch = built.page("posts/pendiente/").css_first('a.md-select__link[hreflang="en"]')
    assert switch.attributes["href"] == "../../en/#untranslated-pendiente"
    hreflang = built.page("posts/pendiente/").css('link[rel="alternate"][hreflang]')
    assert sorted(link.attributes["hreflang"] for link in hreflang) == ["es", "x-default"]
    notice = built.page("en/").css_first("#untranslated-pendiente")
    assert "“Título pendiente” has not been translated into English yet." in text_of(notice)
    assert "pendiente" not in (built.site / "en" / "feed.xml").read_text(encoding="utf-8")


def test_stale_translation_is_reported_and_tells_readers(built: Build, tmp_path: Path) -> None:
    assert re.search(
        r"INFO    -  docs/en/posts/cambiado\.md:\d+: translation\.source_hash: "
        r"docs/es/posts/cambiado\.md changed after this translation was stamped",
        built.output,
    )
    notice = built.page("en/posts/cambiado/").css_first(".translation-stale")
    assert "may not include the latest changes" in text_of(notice)
    assert built.page("en/posts/dia/").css_first(".translation-stale") is None


def test_feeds_are_valid_with_precise_dates(built: Build) -> None:
    for prefix, lang in (("", "es"), ("en/", "en")):
        feed = feedparser.parse((built.site / prefix / "feed.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.language == lang and feed.feed.link == SITE + prefix
        links = [entry.link for entry in feed.entries]
        assert links == [f"{SITE}{prefix}posts/{slug}/" for slug in ORDER[lang]]
        dated = {
            entry.link.rstrip("/").rsplit("/", 1)[-1]: entry.get("published_parsed")
            for entry in feed.entries
        }
        assert tuple(dated["dia"][:3]) == (2010, 3, 5)
        assert dated["mes"] is None and dated["anio"] is None and dated["sin-fecha"] is None
    head = built.page("posts/dia/").css('link[rel="alternate"][type="application/rss+xml"]')
    assert [link.attributes["href"] for link in head] == [f"{SITE}feed.xml"]


def test_sitemap_lists_pages_with_alternates(built: Build) -> None:
    data = (built.site / "sitemap.xml").read_bytes()
    assert gzip.decompress((built.site / "sitemap.xml.gz").read_bytes()) == data
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    urls = {
        url.findtext("s:loc", namespaces=namespaces): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)
        }
        for url in ET.fromstring(data).findall("s:url", namespaces)  # noqa: S314 - our own output
    }
    assert urls[f"{SITE}fuentes/"] == {
        "en": f"{SITE}en/sources/",
        "es": f"{SITE}fuentes/",
        "x-default": f"{SITE}fuentes/",
    }
    assert urls[f"{SITE}posts/pendiente/"] == {
        "es": f"{SITE}posts/pendiente/",
        "x-default": f"{SITE}posts/pendiente/",
    }
    assert f"{SITE}en/posts/pendiente/" not in urls and f"{SITE}404.html" not in urls
    assert f"{SITE}en/archive/" in urls and f"{SITE}page/2/" in urls


def test_a_404_page_per_language(built: Build) -> None:
    spanish, english = built.page("404.html"), built.page("en/404.html")
    assert spanish.css_first("html").attributes["lang"] == "es"
    assert english.css_first("html").attributes["lang"] == "en"
    assert text_of(spanish.css_first("article h1")) == "Página no encontrada"
    assert text_of(english.css_first("article h1")) == "Page not found"
    home = english.css_first("article a").attributes["href"]
    assert home == "/ensayos/en/"  # absolute: served for any missing address
    # Its search box searches its own language (a per-language setting, not a page's).
    for page, lang_root, search in ((spanish, "", "buscar/"), (english, "en/", "search/")):
        box = page.css_first("[data-pagefind-ui]")
        assert box.attributes["data-bundle"] == f"/ensayos/{lang_root}pagefind/"
        assert page.css_first(".pf-search form").attributes["action"] == (
            f"/ensayos/{lang_root}{search}"
        )


def test_social_metadata(built: Build) -> None:
    head = built.page("posts/dia/").head
    meta = {
        (m.attributes.get("property") or m.attributes.get("name")): m.attributes["content"]
        for m in head.css("meta[content]")
    }
    assert meta["og:type"] == "article" and meta["og:locale"] == "es_ES"
    assert meta["og:locale:alternate"] == "en_US"
    assert meta["og:url"] == f"{SITE}posts/dia/"
    assert meta["article:published_time"] == "2010-03-05"
    assert meta["twitter:card"] == "summary_large_image" and meta["og:title"] == "Título dia"
    month = {
        m.attributes.get("property"): m.attributes["content"]
        for m in built.page("posts/mes/").head.css("meta[property]")
    }
    assert "article:published_time" not in month  # known only to the month
    data = json.loads(
        built.page("posts/dia/").css_first('script[type="application/ld+json"]').text()
    )
    assert data["@type"] == "BlogPosting" and data["datePublished"] == "2010-03-05"


def test_strict_build_stops_on_a_stale_translation(tmp_path: Path) -> None:
    files = {**SECTION_PAGES, "series.yml": "# none\n", **dict([es("a", "2020"), en("a")])}
    config = fixture_site(tmp_path, files)
    original = tmp_path / "docs" / "es" / "posts" / "a.md"
    original.write_text(original.read_text(encoding="utf-8").replace("palabra", "otra"), "utf-8")
    assert run_mkdocs(config, tmp_path / "site").returncode != 0
    config.write_text(
        config.read_text(encoding="utf-8") + "extra:\n  stale_translations: info\n",
        encoding="utf-8",
    )
    assert run_mkdocs(config, tmp_path / "site").returncode == 0


def test_serve_shows_drafts(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, FILES)
    with mkdocs_serve(config, tmp_path / "serve.log") as base:
        home = fetch(base) or ""
        assert "posts/borrador/" in home and "Borrador (solo visible en la vista previa)" in home
        draft = fetch(base + "posts/borrador/") or ""
        assert '<meta name="robots" content="noindex">' in draft
