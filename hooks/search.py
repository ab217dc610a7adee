"""MkDocs glue for search: what Pagefind indexes, the search pages, and the index itself.

Pagefind builds one index per language (from ``<html lang>``), with Spanish and English
stemming and accent-insensitive matching. It runs once, after the last language is built:
mkdocs-static-i18n builds the other languages inside the default language's
``on_post_build`` (priority -100), so this hook's ``on_post_build`` runs at -200 and returns
early while static-i18n is still building.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hooks import state
from hooks.core import search
from hooks.core.urls import relative_url, url_of

log = logging.getLogger("mkdocs.hooks.search")

# Pagefind writes several ready-made UIs; the site drives its own (assets/search.js).
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """The header's search form submits to this language's search page."""
    content = state.site().content
    lang = state.page_language(page)
    search_page = content.pages.get(lang, {}).get(search.SEARCH_KEY)
    if search_page is not None:
        context["search_page_url"] = url_of(search_page.rel_path, lang, content.default_language)
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    model = state.site()
    content = model.content
    lang, rel_path = state.page_language(page), state.page_rel_path(page)
    if search.PAGE_MARKER in html:
        bundle = relative_url("pagefind/", page.url)
        return html.replace(search.PAGE_MARKER, str(search.search_page(lang, bundle)))
    key = content.path_keys.get(lang, {}).get(rel_path)
    post = content.posts.get(lang, {}).get(key or "")
    if post is not None:
        if post.draft or post.translation_status != "complete":
            return html  # drafts and pending translations stay out of search
        run = model.series.run_of(post.key)
        meta, filters = search.post_fields(post, run.series.name[lang] if run else None)
        return search.indexed(html, meta, filters)
    if key in content.pages.get(lang, {}) and not _excluded(page):
        return search.indexed(html, {}, {})
    return html


def _excluded(page: Page) -> bool:
    """Material's own front-matter switch: ``search: {exclude: true}``."""
    options = page.meta.get("search")
    return isinstance(options, dict) and bool(options.get("exclude"))


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if state.inside_i18n_build(config):
        return
    started = time.perf_counter()
    site_dir = Path(config.site_dir)
    output = site_dir / "pagefind"
    pages = asyncio.run(_index(site_dir, output))
    for name in UNUSED_BUNDLE_FILES:
        (output / name).unlink(missing_ok=True)
    log.info(f"Search index: {pages} pages in {time.perf_counter() - started:.2f} s")


async def _index(site_dir: Path, output: Path) -> int:
    from pagefind.index import PagefindIndex

    if output.exists():
        shutil.rmtree(output)  # a stale bundle of a previous build must not survive
    # Permalink anchors ("¶") added by the toc extension are not text.
    config = {"output_path": str(output), "exclude_selectors": [".headerlink"]}
    async with PagefindIndex(config=config) as index:  # files are written on exit
        result = await index.add_directory(str(site_dir))
    return int(result.get("page_count", 0))
