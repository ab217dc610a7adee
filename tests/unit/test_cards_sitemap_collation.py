from __future__ import annotations

import io

from PIL import Image

from hooks.core.cards import HEIGHT, WIDTH, Card, render
from hooks.core.collation import sort_key, sorted_text
from hooks.core.dates import parse_post_date
from hooks.core.sitemap import lastmod, sitemap, unused_theme_file
from hooks.core.social import Image as SharingImage
from hooks.core.social import social_meta

CARD = Card(
    title="Miércoles de Mekate: ¿Un gran programa Anti-lealtad?",
    site_name="Ensayos sobre servicio al cliente",
    lang="es",
    kicker="Miércoles de Mekate · Parte 2 de 3",
    footer="Español",
)


def test_card_is_a_1200_by_630_jpeg_with_the_same_bytes_each_time() -> None:
    data = render(CARD)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (WIDTH, HEIGHT) == (1200, 630) and image.format == "JPEG"
    assert render(CARD) == data


def test_card_name_is_the_hash_of_what_it_shows() -> None:
    assert CARD.name() == Card(**{**CARD.__dict__}).name()
    assert CARD.name() != Card(**{**CARD.__dict__, "lang": "en"}).name()
    assert CARD.name() != Card(**{**CARD.__dict__, "title": CARD.title + "!"}).name()
    assert CARD.name().endswith(".jpg") and len(CARD.name()) == 20


def test_a_very_long_title_still_fits() -> None:
    long = Card(title=" ".join(["Anticonstitucionalmente"] * 40), site_name="S", lang="es")
    with Image.open(io.BytesIO(render(long))) as image:
        assert image.size == (1200, 630)


def test_sharing_meta() -> None:
    image = SharingImage("https://x.org/assets/social/a.jpg", 1200, 630, "Título")
    meta = social_meta(
        title="T", description="D", url="u", lang="es", site_name="S", versions={}, image=image
    )
    assert ("property", "og:image", image.url) in meta
    assert ("property", "og:image:width", "1200") in meta
    assert ("name", "twitter:card", "summary_large_image") in meta
    plain = social_meta(title="T", description="D", url="u", lang="es", site_name="S", versions={})
    assert ("name", "twitter:card", "summary") in plain


def test_lastmod_only_where_the_source_states_a_date() -> None:
    assert lastmod(parse_post_date("2008-07-16")) == "2008-07-16"
    assert lastmod(parse_post_date("2008-07")) == "2008-07"
    assert lastmod(parse_post_date("2008-07-16", inferred=True)) is None
    assert lastmod(parse_post_date("unknown", after="2008-07-16")) is None
    document = sitemap(
        [("https://x.org/a/", {"es": "https://x.org/a/"}, "2008-07"), ("https://x.org/", {}, None)]
    ).decode()
    assert document.count("<lastmod>") == 1
    assert "<loc>https://x.org/a/</loc>\n    <lastmod>2008-07</lastmod>" in document


def test_collation_is_case_and_accent_insensitive_and_spanish_has_its_n_tilde() -> None:
    tags = ["Mad Men", "agencias", "Ética", "ñandú", "nube", "oso", "Árbol", "Zeta", "etapa"]
    assert sorted_text(tags, "es") == [
        "agencias",
        "Árbol",
        "etapa",
        "Ética",
        "Mad Men",
        "nube",
        "ñandú",
        "oso",
        "Zeta",
    ]
    assert sorted_text(["nube", "ñandú", "nandu"], "en") == ["nandu", "ñandú", "nube"]
    # Ties: accents, then lower case first.
    assert sorted_text(["Peru", "perú", "peru"], "es") == ["peru", "Peru", "perú"]
    assert sort_key("A", "es")[0] == sort_key("á", "es")[0]


def test_theme_files_no_page_loads() -> None:
    assert unused_theme_file("assets/javascripts/lunr/min/lunr.es.min.js")
    assert unused_theme_file("assets/javascripts/workers/search.f8cc74c7.min.js")
    assert unused_theme_file("assets/javascripts/bundle.js.map")
    assert not unused_theme_file("assets/javascripts/bundle.min.js")
    # The theme's favicon goes only when the site names one of its own.
    assert unused_theme_file("assets/images/favicon.png", "assets/images/favicon.svg")
    assert not unused_theme_file("assets/images/favicon.png", None)
    assert not unused_theme_file("assets/images/favicon.png", "assets/images/favicon.png")
