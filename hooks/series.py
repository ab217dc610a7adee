"""MkDocs glue for series: generated series pages, series as tags.

The series model (registry, membership, order, validation) is :mod:`hooks.core.series`,
loaded with the rest of the site by ``hooks/blog.py``; the series box on each part is added
by ``hooks/blog.py`` with the other parts of a post page. Here: one landing page per series
and an index of all series, per language, generated (never hand-written); and each part
tagged with its series so that series appear on Material's tags index.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hooks import state
from hooks.core import views
from hooks.core.render import Renderer
from hooks.core.site import series_page_path
from hooks.core.ui import t
from hooks.core.urls import feed_url, relative_url, url_of

MARKER = "<!-- series:{} -->"
MARKER_ID = re.compile(r"<!-- series:([a-z0-9-]+) -->")
INDEX = "index"
_theme_dirs: tuple[str, ...] = ()  # where the partials are looked up (custom_dir first)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _theme_dirs
    _theme_dirs = tuple(config.theme.dirs)
    return config


def renderer() -> Renderer:
    return Renderer.for_theme(_theme_dirs)


@event_priority(-110)  # after static-i18n (-100) has reduced the files to one language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    model = state.site()
    lang = state.current_language(config)
    pages = {INDEX: (t(lang, "series.index_title"), t(lang, "series.index_description"))}
    for series_id, run in model.series.runs.items():
        pages[series_id] = (run.series.name[lang], run.series.description[lang])
    for series_id, (title, description) in pages.items():
        rel_path = series_page_path(None if series_id == INDEX else series_id)
        # Listings: kept out of search.
        meta = {"title": title, "description": description, "search": {"exclude": True}}
        files.append(state.generated_page(config, lang, rel_path, meta, MARKER.format(series_id)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Series act as tags (before Material's tags plugin reads them, at priority -50)."""
    model = state.site()
    lang, rel_path = state.page_language(page), state.page_rel_path(page)
    key = model.content.path_keys.get(lang, {}).get(rel_path)
    run = model.series.run_of(key) if key else None
    if run is not None:
        tags = list(page.meta.get("tags") or [])
        name = run.series.name[lang]
        if name not in tags:
            page.meta["tags"] = [name, *tags]
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    with state.timed("series pages"):
        return _page_content(html, page)


def _page_content(html: str, page: Page) -> str:
    model = state.site()
    lang = state.page_language(page)

    def link_to(rel_path: str, target_lang: str) -> str:
        return relative_url(url_of(rel_path, target_lang, model.default_language), page.url)

    if "<!-- series:" not in html:  # most pages: no series page marker to look for
        return html
    if MARKER.format(INDEX) in html:
        runs = [model.series.runs[series_id] for series_id in sorted(model.series.runs)]
        index = views.series_index(runs, lang, link_to)
        rendered = renderer().render("series-index.html", lang, index=index)
        return html.replace(MARKER.format(INDEX), str(rendered))
    for series_id in MARKER_ID.findall(html):
        if run := model.series.runs.get(series_id):
            feed = relative_url(feed_url(lang, model.default_language, series_id), page.url)
            series = views.series_page(run, lang, link_to, feed)
            rendered = renderer().render("series-page.html", lang, series=series)
            html = html.replace(MARKER.format(series_id), str(rendered))
    return html
