"""Search in the reader's language (Pagefind inside Material), in a real browser.

Expected results are computed from the built pages themselves: the text Pagefind indexes
(the data-pagefind-body element minus data-pagefind-ignore parts), accents folded.
"""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support import REPO, Build, article, text_of

ARTIFACTS = REPO / "test-artifacts"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def indexed_pages(build: Build, lang: str) -> dict[str, set[str]]:
    """URL path -> words Pagefind indexes on that page, for pages of ``lang``."""
    pages = {}
    for path in build.pages():
        tree = build.page(path.relative_to(build.site).parent.as_posix() + "/")
        body = tree.css_first("[data-pagefind-body]")
        if body is None or tree.css_first("html").attributes.get("lang") != lang:
            continue
        for ignored in body.css("[data-pagefind-ignore], script, style"):
            ignored.decompose()
        url = "/" + path.relative_to(build.site).parent.as_posix() + "/"
        pages[url.replace("/./", "/")] = set(re.findall(r"\w+", fold(text_of(body))))
    return pages


def expected(build: Build, lang: str, *words: str) -> set[str]:
    return {
        url for url, found in indexed_pages(build, lang).items() if any(w in found for w in words)
    }


def settled_results(page, scope: str = ".pf-search") -> list[str]:
    """Result links once the search has settled: state 'ready' and two reads that agree."""
    page.wait_for_selector(f'{scope}[data-state="ready"]', state="attached")
    previous = None
    for _ in range(20):
        links = page.eval_on_selector_all(
            f"{scope} a.md-search-result__link, {scope} a.pf-result__link",
            "nodes => nodes.map(n => n.getAttribute('href'))",
        )
        if links == previous:
            return [urlsplit(link).path for link in links if "?q=" not in link]
        previous = links
        time.sleep(0.1)
    raise AssertionError("search results did not settle")


def search_box(page, url: str, query: str) -> list[str]:
    page.goto(url)
    page.keyboard.press("/")
    page.locator(".pf-search .md-search__input").fill(query)
    return settled_results(page)


pytestmark = pytest.mark.browser


def test_accents_optional_and_only_spanish(page, real_site_url: str, real_site: Build) -> None:
    found = search_box(page, f"{real_site_url}posts/miercoles-de-mekate-en-jueves/", "atencion")
    assert set(found) == expected(real_site, "es", "atencion") and found
    assert not [url for url in found if url.startswith("/en/")]
    meta = page.locator(".pf-search .md-search-result__meta").inner_text()
    assert meta == f"{len(found)} resultados"


def test_languages_stay_apart(page, real_site_url: str, real_site: Build) -> None:
    english = search_box(page, f"{real_site_url}en/", "loyalty")
    assert set(english) == expected(real_site, "en", "loyalty") and english
    assert all(url.startswith("/en/") for url in english)
    spanish = search_box(page, real_site_url, "lealtad")
    assert set(spanish) == expected(real_site, "es", "lealtad") and spanish
    assert not [url for url in spanish if url.startswith("/en/")]
    # English pages quoting the Spanish title may match; Spanish pages never do.
    english = search_box(page, f"{real_site_url}en/", "lealtad")
    assert set(english) == expected(real_site, "en", "lealtad")
    assert all(url.startswith("/en/") for url in english)


@pytest.mark.parametrize(
    ("start", "query", "only_other_form"),
    [
        ("", "campañas", "/posts/un-gran-programa-anti-lealtad/"),  # says only "campaña"
        ("", "campana", "/posts/10-errores-comunmente-cometidos-por-los-publicistas/"),
        ("en/", "customers", "/en/posts/oximoron-mad-men-customer-care/"),  # only "customer"
        ("en/", "campaigns", "/en/posts/un-gran-programa-anti-lealtad/"),  # only "campaign"
    ],
)
def test_singular_and_plural_match(
    page, real_site_url: str, start: str, query: str, only_other_form: str
) -> None:
    assert only_other_form in search_box(page, real_site_url + start, query)


INDEXED_CONTENT = """async (query) => {
    const bundle = document.querySelector("[data-pagefind-ui]").getAttribute("data-bundle");
    const pagefind = await import(new URL(bundle + "pagefind.js", document.baseURI).href);
    await pagefind.init();
    const search = await pagefind.search(query);
    return Promise.all(search.results.map(async (r) => {
        const data = await r.data();
        return {url: data.url, title: data.meta.title, content: data.content};
    }));
}"""


def test_only_article_content_is_indexed(page, real_site_url: str) -> None:
    page.goto(f"{real_site_url}posts/un-gran-programa-anti-lealtad/")
    results = page.evaluate(INDEXED_CONTENT, "iPhone")
    post = next(r for r in results if r["url"].endswith("/posts/un-gran-programa-anti-lealtad/"))
    content = post["content"]
    assert post["title"] == "Miércoles de Mekate: ¿Un gran programa Anti-lealtad?"
    assert "La fiebre pre-iPhone sí que causó revuelo" in content  # the essay
    for outside in (
        "Parte 2 de 3",  # series box
        "Sobre este texto",  # provenance box
        "Autor desconocido",  # date line of the header
        "Inicio",  # nav
        "MkDocs",  # footer
        "lealtad redes sociales",  # the theme's tag list
        "¶",  # permalink anchors of headings
    ):
        assert outside not in content, outside
    assert search_box(page, real_site_url, "MkDocs") == []
    titles = [r["title"] for r in page.evaluate(INDEXED_CONTENT, "fuentes")]
    assert "Sobre las fuentes" in titles
    urls = {urlsplit(r["url"]).path for r in page.evaluate(INDEXED_CONTENT, "Mekate")}
    assert "/series/miercoles-de-mekate/" not in urls and "/" not in urls  # listings are not


def test_result_shows_title_date_and_series(page, real_site_url: str) -> None:
    search_box(page, real_site_url, "publicistas")
    first = page.locator(".pf-search .md-search-result__item").first
    assert "10 errores comunmente cometidos" in first.locator("h1").inner_text()
    assert first.locator(".pf-result__meta").inner_text() == (
        "Fecha desconocida (no posterior al 16 de julio de 2008) · Miércoles de Mekate"
    )


def test_keyboard_only(page, real_site_url: str) -> None:
    page.goto(f"{real_site_url}en/")
    assert page.locator(".pf-search .md-search__input").get_attribute("placeholder") == "Search"
    for key in ("s", "f", "/"):
        page.keyboard.press("Escape")
        page.locator("body").focus()
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')"), key
    page.keyboard.type("Draper")
    results = settled_results(page)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") is not None
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(results[0]) + "$"))
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_search_page_filters_by_series(page, real_site_url: str, real_site: Build) -> None:
    page.goto(f"{real_site_url}buscar/?q=cliente")
    everything = settled_results(page, ".pf-page")
    page.get_by_label(re.compile(r"^Miércoles de Mekate \(\d+\)$")).check()
    filtered = settled_results(page, ".pf-page")
    assert filtered and set(filtered) < set(everything)
    parts = {
        "/posts/10-errores-comunmente-cometidos-por-los-publicistas/",
        "/posts/un-gran-programa-anti-lealtad/",
        "/posts/miercoles-de-mekate-en-jueves/",
    }
    assert set(filtered) <= parts
    assert "series=Mi%C3%A9rcoles+de+Mekate" in page.url
    english = page.context.new_page()
    english.goto(f"{real_site_url}en/search/?q=client&tag=advertising")
    assert settled_results(english, ".pf-page") == [
        "/en/posts/10-errores-comunmente-cometidos-por-los-publicistas/"
    ]
    assert english.locator(".pf-page__filter legend").all_inner_texts() == ["Series", "Tag"]


def test_all_results_link_and_form_without_script(page, real_site_url: str) -> None:
    page.goto(real_site_url)
    form = page.locator(".pf-search form")
    assert form.get_attribute("action") == "buscar/"
    page.goto(f"{real_site_url}en/posts/una-idea-sobre-el-servicio-a-clientes/")
    assert page.locator(".pf-search form").get_attribute("action") == "../../search/"


def test_pagefind_loads_only_on_first_use(page, real_site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(real_site_url, wait_until="networkidle")
    assert not [url for url in requested if "/pagefind/" in url]
    script = page.locator('script[src$="assets/search.js"]')
    assert script.get_attribute("defer") is not None
    page.keyboard.press("/")
    page.wait_for_function(
        "() => performance.getEntriesByType('resource')"
        ".some(e => e.name.includes('/pagefind/pagefind.js'))"
    )


def test_phone_opens_full_width_search(browser, real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(real_site_url)
        box = phone.locator(".pf-search .md-search__inner")
        assert box.bounding_box()["width"] < 10  # closed: only the header icon shows
        phone.locator('label.md-header__button[for="__search"]').click()
        phone.wait_for_function(
            "() => document.activeElement.classList.contains('md-search__input')"
        )
        assert box.bounding_box()["width"] >= 380
        phone.keyboard.type("Draper")
        assert settled_results(phone)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_open_search(browser, real_site_url: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    try:
        shot = context.new_page()
        shot.goto(real_site_url)
        shot.keyboard.press("/")
        shot.keyboard.type("cliente")
        settled_results(shot)
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"search-{scheme}.png"
        shot.screenshot(path=str(path))
        assert Path(path).stat().st_size > 10_000
        palette = shot.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert palette == ("slate" if scheme == "dark" else "default")
        background = shot.evaluate("getComputedStyle(document.body).backgroundColor")
        dark = sum(int(v) for v in re.findall(r"\d+", background)[:3]) < 300
        assert dark is (scheme == "dark"), background
    finally:
        context.close()


# ---------------------------------------------------------------------------------------
# Search never invents results


def vocabulary_of(build: Build, lang: str) -> set[str]:
    """Every word Pagefind indexes on the pages of ``lang`` (accents folded)."""
    return set().union(*indexed_pages(build, lang).values())


def absent_words(build: Build, lang: str, count: int = 4) -> list[str]:
    """Words of the other language's pages that no page of ``lang`` holds or begins with."""
    here = vocabulary_of(build, lang)
    other = vocabulary_of(build, "en" if lang == "es" else "es")
    candidates = sorted(
        w for w in other if len(w) >= 7 and w.isalpha() and not any(h.startswith(w) for h in here)
    )
    assert len(candidates) >= count
    return candidates[:: len(candidates) // count][:count]


def box_meta(page) -> str:
    return page.locator(".pf-search .md-search-result__meta").inner_text()


@pytest.mark.parametrize(
    ("start", "query"),
    [
        ("", "advertisers"),  # gave 6 results on "a"
        ("", "loyalty"),  # 5 on "lo"
        ("en/", "atencion"),  # 4 on "at"
        ("en/", "publicistas"),  # matched "public"
        ("", "<img src=x onerror=alert(1)>"),
        ("en/", "<img src=x onerror=alert(1)>"),
    ],
)
def test_a_word_on_no_page_finds_nothing(
    page, real_site_url: str, real_site: Build, start: str, query: str
) -> None:
    lang = "en" if start else "es"
    words = re.findall(r"\w+", fold(query))
    assert not all(any(w.startswith(q) for w in vocabulary_of(real_site, lang)) for q in words)
    assert search_box(page, real_site_url + start, query) == []
    expected_meta = "No results for “{}”" if lang == "en" else "Ningún resultado para «{}»"
    assert box_meta(page) == expected_meta.format(query)
    assert not page.locator(".pf-search .pf-result__excerpt").count()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_words_of_the_other_language_find_nothing(
    page, real_site_url: str, real_site: Build, lang: str
) -> None:
    start = real_site_url + ("en/" if lang == "en" else "")
    for word in absent_words(real_site, lang):
        assert search_box(page, start, word) == [], word


def test_accents_and_plurals_still_match(page, real_site_url: str, real_site: Build) -> None:
    assert set(search_box(page, real_site_url, "atencion")) == expected(real_site, "es", "atencion")
    found = set(search_box(page, real_site_url, "clientes"))
    assert found >= expected(real_site, "es", "cliente", "clientes") and found
    # While typing, a word's beginning finds the pages holding the word.
    assert set(search_box(page, real_site_url, "clien")) >= found


def test_no_result_offers_the_other_language(page, real_site_url: str) -> None:
    english = search_box(page, f"{real_site_url}en/", "loyalty")
    assert search_box(page, real_site_url, "loyalty") == []
    offer = page.locator(".pf-search .pf-search__help a[hreflang=en]")
    assert offer.inner_text() == f"{len(english)} resultados"
    assert offer.get_attribute("href") == "en/search/?q=loyalty"
    assert page.locator(".pf-search .pf-search__help").inner_text() == (
        f"En inglés: {len(english)} resultados para «loyalty»"
    )
    offer.click()
    page.wait_for_url(re.compile(r"/en/search/\?q=loyalty$"))
    assert settled_results(page, ".pf-page") and set(settled_results(page, ".pf-page")) == set(
        english
    )


def test_no_result_suggests_a_close_spelling(page, real_site_url: str) -> None:
    clientes = search_box(page, real_site_url, "clientes")
    assert search_box(page, real_site_url, "cleintes") == []
    suggestion = page.locator(".pf-search [data-suggestion]")
    assert suggestion.inner_text() == "clientes"
    help_text = page.locator(".pf-search .pf-search__help").first.inner_text()
    assert help_text == f"¿Quisiste decir clientes? ({len(clientes)} resultados)"
    # A suggestion is written as on the pages (accents), and only when it finds something.
    assert search_box(page, real_site_url, "atencon") == []
    assert page.locator(".pf-search [data-suggestion]").inner_text() == "atención"
    assert search_box(page, real_site_url, "zqxwvk") == []
    assert not page.locator(".pf-search .pf-search__help").count()


def test_a_query_fetches_only_the_words_of_its_first_two_letters(
    page, real_site_url: str, real_site: Build
) -> None:
    """A grown blog's whole vocabulary outweighs the rest of a first search: a query reads
    the list of its words' first two letters and the words starting with them; the whole
    list waits for a word on no page (to suggest a spelling)."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    clientes = search_box(page, real_site_url, "Clientes atención")
    assert clientes
    vocabulary = sorted(url for url in requested if "vocabulary" in url)
    clientes_file = "/pagefind/vocabulary/" + b"cl".hex() + ".json"
    atencion_file = "/pagefind/vocabulary/" + b"at".hex() + ".json"
    assert vocabulary == sorted(
        ["/pagefind/vocabulary/prefixes.json", clientes_file, atencion_file]
    )
    for url in vocabulary:
        size = (real_site.site / url.lstrip("/")).stat().st_size
        assert size < (real_site.site / "pagefind/vocabulary.json").stat().st_size / 10
    requested.clear()
    page.locator(".pf-search .md-search__input").fill("cleintes")
    page.wait_for_selector(".pf-search [data-suggestion]")
    assert "/pagefind/vocabulary.json" in requested


def test_the_box_fetches_the_results_below_the_fold_when_they_come_into_view(
    page, tmp_path: Path
) -> None:
    """A query found on a dozen posts: the box fetches five results' texts at once (about
    what it shows unscrolled), three more once the list's end is in view, then links the
    search page for the rest."""
    from bench.synthetic import generate
    from tests.support import free_port, run_mkdocs, serve

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build = run_mkdocs(generate(tmp_path / "blog", 12), tmp_path / "site", site_url=url)
    assert build.returncode == 0, build.output
    with serve(build.site, port):
        fragments: list[str] = []
        page.on("request", lambda r: fragments.append(r.url) if "/fragment/" in r.url else None)
        page.set_viewport_size({"width": 1280, "height": 720})
        shown = search_box(page, url, "cliente")  # (the synthetic text has it on every page)
        assert len(shown) == 5 and len(set(fragments)) == 5
        assert page.locator(".pf-search .md-search-result__meta").inner_text() == "12 resultados"
        page.locator(".pf-search .pf-search__all").scroll_into_view_if_needed()
        page.wait_for_function(
            "() => document.querySelectorAll('.pf-search .md-search-result__item"
            ":not(.pf-search__all) a').length === 8"
        )
        assert len(set(fragments)) == 8 and not page.locator(".pf-search__later").count()
        links = settled_results(page)
        assert len(links) == len(set(links)) == 8
        assert (
            page.locator(".pf-search .pf-search__all a")
            .get_attribute("href")
            .endswith("buscar/?q=cliente")
        )


# ---------------------------------------------------------------------------------------
# The search page


def search_page_state(page) -> dict[str, object]:
    settled_results(page, ".pf-page")
    return {
        "status": page.locator(".pf-page__status").inner_text(),
        "more": page.locator(".pf-page__more").is_visible(),
        "filters": page.locator(".pf-page__filter label").all_inner_texts(),
    }


def test_more_results_button_only_when_there_are_more(page, real_site_url: str) -> None:
    page.goto(f"{real_site_url}buscar/")
    assert search_page_state(page)["more"] is False  # empty query
    page.goto(f"{real_site_url}buscar/?q=advertisers")
    assert search_page_state(page)["more"] is False  # no result
    page.goto(f"{real_site_url}buscar/?q=iphone")
    assert search_page_state(page)["more"] is False  # everything listed
    page.goto(f"{real_site_url}buscar/?q=a")
    results = settled_results(page, ".pf-page")
    total = int(re.match(r"\d+", page.locator(".pf-page__status").inner_text()).group())
    if total > 10:  # only when the site has more pages holding a word starting with "a"
        assert len(results) == 10 and page.locator(".pf-page__more").is_visible()
        page.locator(".pf-page__more").click()
        page.wait_for_function(f"document.querySelectorAll('.pf-result').length === {total}")
        assert not page.locator(".pf-page__more").is_visible()


def test_filter_counts_are_within_the_results(page, real_site_url: str, real_site: Build) -> None:
    page.goto(f"{real_site_url}buscar/?q=iphone")
    state = search_page_state(page)
    results = settled_results(page, ".pf-page")
    counts = {
        label.rsplit(" (", 1)[0]: int(label.rsplit(" (", 1)[1].rstrip(")"))
        for label in state["filters"]
    }
    tagged = {}
    for url in results:
        tree = real_site.page(url.lstrip("/"))
        for node in tree.css('[data-pagefind-filter="tag"]'):
            tagged[node.text()] = tagged.get(node.text(), 0) + 1
    assert {tag: n for tag, n in counts.items() if n and tag in tagged} == tagged
    assert counts["Mad Men"] == 0  # a tag of no result: 0, and not to be ticked
    assert page.get_by_label(re.compile(r"^Mad Men \(0\)$")).is_disabled()


def test_series_filter_lists_parts_in_order(page, real_site_url: str, real_site: Build) -> None:
    series_page = real_site.page("series/miercoles-de-mekate/")
    parts = [
        "/" + urlsplit(a.attributes["href"]).path.replace("../", "")
        for a in article(series_page).css("a[href*='posts/']")
    ]
    parts = list(dict.fromkeys(parts))
    page.goto(f"{real_site_url}buscar/")
    settled_results(page, ".pf-page")
    page.get_by_label(re.compile(r"^Miércoles de Mekate \(\d+\)$")).check()
    assert settled_results(page, ".pf-page") == parts
    page.goto(f"{real_site_url}buscar/?q=cliente&series=Mi%C3%A9rcoles+de+Mekate")
    found = settled_results(page, ".pf-page")
    assert found == [url for url in parts if url in found]


def test_language_switch_keeps_the_query(page, real_site_url: str) -> None:
    page.goto(f"{real_site_url}buscar/?q=cliente")
    settled_results(page, ".pf-page")
    page.locator("#pf-page-input").fill("lealtad")
    page.locator("#pf-page-input").press("Enter")
    settled_results(page, ".pf-page")
    page.locator(".md-select").hover()
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/en/search/\?q=lealtad$"))
    assert page.locator("#pf-page-input").input_value() == "lealtad"


def test_a_bundle_is_finished_as_soon_as_pagefind_ends_and_a_failure_is_told(
    tmp_path: Path,
) -> None:
    """hooks/search.py runs Pagefind in the background; a thread waits for it and then
    compresses the bundle's files harder (beside the link check). The build waits for both
    at its end, and a Pagefind that fails fails the build with its output."""
    import gzip
    import sys

    from mkdocs.exceptions import PluginError

    from hooks import search as search_hook

    bundle = tmp_path / "pagefind"
    (bundle / "index").mkdir(parents=True)
    inner = b"pagefind_dcd" + b" ".join(b"palabra%d" % (n % 97) for n in range(20000))
    writer = (
        "import gzip, pathlib, sys; pathlib.Path(sys.argv[1]).write_bytes("
        "gzip.compress(pathlib.Path(sys.argv[2]).read_bytes(), 6))"
    )
    (tmp_path / "inner").write_bytes(inner)
    chunk = bundle / "index" / "es_1.pf_index"
    search_hook._start(
        "es", bundle, [sys.executable, "-c", writer, str(chunk), str(tmp_path / "inner")]
    )
    runs = list(search_hook._runs)
    search_hook._runs.clear()
    search_hook._finished(runs)
    assert chunk.read_bytes()[4:8] == b"\0\0\0\0"  # compressed again, with no time in it
    assert gzip.decompress(chunk.read_bytes()) == inner
    assert len(chunk.read_bytes()) < len(gzip.compress(inner, 6))
    search_hook._start("en", bundle, [sys.executable, "-c", "print('no pages'); exit(3)"])
    slow = tmp_path / "fr" / "index" / "fr_1.pf_index"  # a run that ends after the failure
    slow.parent.mkdir(parents=True)
    later = f"import time; time.sleep(0.5); {writer}"
    search_hook._start(
        "fr", slow.parents[1], [sys.executable, "-c", later, str(slow), str(tmp_path / "inner")]
    )
    runs = list(search_hook._runs)
    search_hook._runs.clear()
    with pytest.raises(PluginError, match="Pagefind failed on the 'en' pages:\nno pages"):
        search_hook._finished(runs)
    assert not any(run.finishing.is_alive() for run in runs)  # none left running
    assert slow.read_bytes()[4:8] == b"\0\0\0\0"
