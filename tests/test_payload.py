"""Author-written text is text wherever it lands: one site with a script payload in every field
an author writes (front matter of posts and section pages, docs/series.yml), built strictly;
nothing of it becomes markup in any built file, and no page runs it in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.support import (
    SECTION_PAGES,
    Build,
    fixture_site,
    free_port,
    post,
    run_mkdocs,
    serve,
)

# Breaks out of an attribute, of an element, of a JSON string and of a CDATA section.
PAYLOAD = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>]]>"
YAML_PAYLOAD = json.dumps(PAYLOAD)  # a YAML double-quoted scalar
SERIES = f"""
serie-x:
  name: {{es: {json.dumps("Serie " + PAYLOAD)}, en: {json.dumps("Series " + PAYLOAD)}}}
  description: {{es: {YAML_PAYLOAD}, en: {YAML_PAYLOAD}}}
  title_prefix: {json.dumps("X" + PAYLOAD + ": ")}
"""


def fields(title: str) -> str:
    return f"""
title: {json.dumps(title)}
description: {YAML_PAYLOAD}
date_note: {YAML_PAYLOAD}
tags: [{YAML_PAYLOAD}, {json.dumps("t " + PAYLOAD)}, normal]
"""


ORIGINAL = f"""
date: 2020-05-01
date_inferred: true
author: {YAML_PAYLOAD}
source:
  blog: {YAML_PAYLOAD}
  platform: {YAML_PAYLOAD}
  url: "https://example.org/{PAYLOAD.replace('"', "%22").replace(" ", "%20")}"
"""
FILES = {
    **SECTION_PAGES,
    "series.yml": SERIES,
    "es/posts/uno.md": post(fields("Uno " + PAYLOAD) + ORIGINAL + "series: serie-x\n"),
    "en/posts/uno.md": post(fields("One " + PAYLOAD) + "translation:\n  from: es\n"),
    # Joins the series by its prefix.
    "es/posts/dos.md": post(fields("X" + PAYLOAD + ": dos") + ORIGINAL.replace("05", "06")),
    "en/posts/dos.md": post(fields("X" + PAYLOAD + ": two") + "translation:\n  from: es\n"),
    "es/fuentes.md": post(
        f"title: {json.dumps('Fuentes ' + PAYLOAD)}\ndescription: {YAML_PAYLOAD}\n"
        f"subtitle: {YAML_PAYLOAD}\ntranslation_key: sources\ntags: [{YAML_PAYLOAD}]",
        "# Fuentes\n",
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("payload")
    port = free_port()
    build = run_mkdocs(
        fixture_site(root, FILES), root / "site", site_url=f"http://127.0.0.1:{port}/"
    )
    assert build.returncode == 0, build.output
    build.port = port  # type: ignore[attr-defined]
    return build


def markup_of_payload(path: Path) -> list[str]:
    """Where the payload became markup in the file at ``path`` (not text)."""
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"<script>alert|<img src=x", text)  # raw, in any kind of file
    if path.suffix == ".html":
        tree = HTMLParser(text)
        for node in tree.css("*"):
            found += [f"{node.tag} {name}" for name in node.attributes if name.startswith("on")]
            if node.tag == "img" and node.attributes.get("src") == "x":
                found.append("img src=x")
        found += [
            "script running alert"
            for node in tree.css("script")
            if "alert(" in node.text() and node.attributes.get("type") != "application/ld+json"
        ]
        found += [
            "JSON-LD with raw <"
            for node in tree.css('script[type="application/ld+json"]')
            if "<" in node.text()
        ]
    return found


def test_no_built_file_carries_the_payload_as_markup(built: Build) -> None:
    checked = 0
    for path in sorted(built.site.rglob("*")):
        if path.suffix not in {".html", ".xml", ".json", ".txt"} or "pagefind" in path.parts:
            continue
        assert not markup_of_payload(path), path.relative_to(built.site)
        checked += 1
    assert checked > 20
    # The payload is there, as text: the field reached the page, escaped.
    home = built.html("")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in home
    post_page = built.html("posts/uno/")
    assert post_page.count("&lt;script&gt;alert(1)") >= 5  # title, description, tags, author...
    assert '<meta name="author" content="&#34;&#39;&gt;&lt;script&gt;' in post_page
    fuentes = built.html("fuentes/")
    assert "&lt;script&gt;" in fuentes
    assert not (built.site / "tags.json").exists()  # not deployed: nothing loads it


def test_no_page_runs_the_payload_in_chromium(built: Build, page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(built.site, built.port) as base:  # type: ignore[attr-defined]
        pages = built.pages()
        assert len(pages) > 15
        for path in pages:
            url = base + path.relative_to(built.site).as_posix().removesuffix("index.html")
            page.goto(url)
            page.wait_for_load_state("load")
        # Search shows the texts too: results for a word of the payload.
        page.goto(base + "buscar/?q=alert")
        page.wait_for_timeout(1500)
        page.goto(base + "en/search/?q=script")
        page.wait_for_timeout(1500)
    assert dialogs == []
