"""Series on a fixture site: two series, one part untranslated, one joined by title prefix,
and a title that tries to inject HTML."""

from __future__ import annotations

import json

import pytest

from tests.support import (
    SECTION_PAGES,
    SERIES_BUILD_REGISTRY,
    Build,
    fixture_site,
    post,
    run_mkdocs,
    text_of,
)

EVIL = "<img src=x onerror=alert(1)>"


def es(title: str, date: str, extra: str = "") -> str:
    return post(
        f'title: "{title}"\ndescription: "Resumen de {title}"\ndate: {date}\nauthor: Ana\n{extra}',
        "Texto del artículo.\n",
    )


def en(title: str, extra: str = "") -> str:
    return post(
        f'title: "{title}"\ndescription: "Summary of {title}"\n{extra}translation:\n  from: es\n',
        f"Text of {title}.\n",
    )


FILES = {
    **SECTION_PAGES,
    "series.yml": SERIES_BUILD_REGISTRY,
    # la-columna: part 1 by prefix, part 2 explicit and untranslated, part 3 by prefix.
    "es/posts/uno.md": es("La Columna: Uno", "2020-01-01"),
    "en/posts/uno.md": en("La Columna: One"),
    "es/posts/dos.md": es("Dos", "2020-02-01", "series: la-columna\n"),
    "en/posts/dos.md": en("Two").replace("  from: es\n", "  from: es\n  status: pending\n"),
    "es/posts/tres.md": es("La Columna: " + EVIL.replace('"', ""), "2020-03-01"),
    "en/posts/tres.md": en("La Columna: Three"),
    # lecciones: explicit orders.
    "es/posts/l1.md": es("Lección A", "2019", "series: lecciones\nseries_order: 2\n"),
    "en/posts/l1.md": en("Lesson A"),
    "es/posts/l2.md": es("Lección B", "2018", "series: lecciones\nseries_order: 1\n"),
    "en/posts/l2.md": en("Lesson B"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("series")
    build = run_mkdocs(fixture_site(root, FILES), root / "site")
    assert build.returncode == 0, build.output
    return build


def box(build: Build, url: str):
    node = build.page(url).css_first("nav.series-box")
    assert node is not None, url
    return node


def test_box_position_and_neighbours(built: Build) -> None:
    node = box(built, "posts/dos/")
    assert text_of(node.css_first(".series-box__position")) == "Parte 2 de 3 · La Columna"
    assert node.css_first('a[rel="prev"]').attributes["href"] == "../uno/"
    assert node.css_first('a[rel="next"]').attributes["href"] == "../tres/"
    assert (
        node.css_first(".series-box__position a").attributes["href"] == "../../series/la-columna/"
    )
    # Inside the box the series prefix is dropped from titles.
    assert text_of(node.css_first('a[rel="prev"]')) == "Uno"


def test_first_and_last_parts(built: Build) -> None:
    first = box(built, "posts/uno/")
    assert first.css_first('a[rel="prev"]') is None and first.css_first('a[rel="next"]')
    last = box(built, "en/posts/tres/")
    assert text_of(last.css_first(".series-box__position")) == "Part 3 of 3 · The Column"
    assert last.css_first('a[rel="next"]') is None


def test_untranslated_part_is_linked_as_original(built: Build) -> None:
    node = box(built, "en/posts/uno/")
    following = node.css_first('a[rel="next"]')
    assert following.attributes["href"] == "../../../posts/dos/"
    assert following.attributes["hreflang"] == "es"
    assert "(only in Spanish)" in text_of(node)
    page = built.page("en/series/la-columna/")
    assert "3 parts. 1 not yet translated into English: we link the original." in text_of(page.body)
    titles = [text_of(h) for h in page.css("li.series-part h2")]
    assert titles == ["One", "Dos (only in Spanish)", "Three"]
    numbers = [li.attributes["value"] for li in page.css("li.series-part")]
    assert numbers == ["1", "2", "3"]


def test_pending_translation_has_no_page_but_a_notice_on_the_home(built: Build) -> None:
    assert not (built.site / "en" / "posts" / "dos").exists()  # nothing pretends to translate it
    switch = built.page("posts/dos/").css_first('a.md-select__link[hreflang="en"]')
    assert switch.attributes["href"] == "../../en/#untranslated-dos"
    assert not built.page("posts/dos/").css('link[rel="alternate"][hreflang="en"]')
    notice = built.page("en/").css_first("#untranslated-dos")
    assert "untranslated-notice" in notice.attributes["class"]
    assert "“Dos” has not been translated into English yet." in text_of(notice)
    link = notice.css_first("a")
    assert link.attributes["href"] == "../posts/dos/" and link.attributes["hreflang"] == "es"
    listed = [a.attributes["href"] for a in built.page("en/").css("article.post-card h2 a")]
    assert "posts/dos/" not in listed


def test_series_pages_and_index(built: Build) -> None:
    lessons = built.page("series/lecciones/")
    assert [text_of(h) for h in lessons.css("li.series-part h2")] == ["Lección B", "Lección A"]
    index = built.page("en/series/")
    assert [text_of(a) for a in index.css("ul.series-index h2 a")] == ["The Column", "Lessons"]
    switch = built.page("series/la-columna/").css_first('a.md-select__link[hreflang="en"]')
    assert switch.attributes["href"] == "../../en/series/la-columna/"


def test_series_appear_on_the_tags_index(built: Build) -> None:
    assert "La Columna" in text_of(built.page("etiquetas/").body)
    assert "The Column" in text_of(built.page("en/tags/").body)
    assert "Lessons" in text_of(built.page("en/tags/").body)


def test_structured_data(built: Build) -> None:
    scripts = built.page("en/posts/uno/").css('script[type="application/ld+json"]')
    data = json.loads(scripts[0].text())
    assert data["@type"] == "BlogPosting" and data["inLanguage"] == "en-US"
    assert data["position"] == 1
    assert data["isPartOf"]["@type"] == "CreativeWorkSeries"
    assert data["isPartOf"]["name"] == "The Column"
    assert data["isPartOf"]["url"].endswith("/en/series/la-columna/")
    assert data["translationOfWork"]["@id"].endswith("/posts/uno/")
    original = json.loads(
        built.page("posts/uno/").css_first('script[type="application/ld+json"]').text()
    )
    assert [t["@id"] for t in original["workTranslation"]] == [data["@id"]]
    assert original["datePublished"] == "2020-01-01" and original["inLanguage"] == "es-ES"


def test_html_in_a_title_renders_as_text(built: Build) -> None:
    for url in ("posts/tres/", "posts/dos/", "", "series/la-columna/", "etiquetas/"):
        page = built.page(url)
        injected = [
            img
            for img in page.css("img")
            if "md-logo" not in (img.parent.attributes.get("class") or "")
        ]
        assert not injected, f"an <img> element was injected on /{url}"
        assert EVIL.replace('"', "") in text_of(page.body) or url == "etiquetas/", url
    html = built.html("posts/tres/")
    assert "<title>La Columna: &lt;img src=x onerror=alert(1)&gt;" in html
    data = built.page("posts/tres/").css_first('script[type="application/ld+json"]')
    assert "<img" not in data.html and json.loads(data.text())["headline"].endswith(EVIL)
