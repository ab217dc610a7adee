"""MkDocs glue for the blog: validated content, post headers, listings, language switcher.

All decisions live in :mod:`hooks.core`; this file only reads MkDocs' objects and writes
the results back. With mkdocs-static-i18n every language is built in turn by the same
process, so the content of *all* languages is loaded and validated once, at the start of
the outer (default-language) build.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hooks.core import render
from hooks.core.posts import Content, Post, load_content
from hooks.core.problems import ContentError, Problem
from hooks.core.series import Registry, load_registry
from hooks.core.ui import STRINGS, t
from hooks.core.urls import absolute_url, relative_url, url_of

log = logging.getLogger("mkdocs.hooks.blog")

LISTING_MARKER = "<!-- blog:posts -->"
SERIES_FILE = "series.yml"
SOURCES_KEY = "sources"


@dataclass
class Site:
    """What one build knows about the whole bilingual site."""

    content: Content
    registry: Registry

    @property
    def default_language(self) -> str:
        return self.content.default_language


_site: Site | None = None


def site() -> Site:
    assert _site is not None, "content is loaded in on_pre_build"
    return _site


def i18n_languages(config: MkDocsConfig) -> tuple[list[str], str]:
    """(languages built, default language) from the mkdocs-static-i18n configuration."""
    plugin = config.plugins["i18n"]
    languages = [lang.locale for lang in plugin.config.languages if lang.build]
    return languages, plugin.default_language


def inside_i18n_build(config: MkDocsConfig) -> bool:
    """True while static-i18n builds a non-default language inside the outer build."""
    return bool(config.plugins["i18n"].building)


def page_language(page: Page) -> str:
    return page.file.src_uri.split("/", 1)[0]


def page_rel_path(page: Page) -> str:
    return page.file.src_uri.split("/", 1)[1]


def fail(problems: list[Problem]) -> None:
    """Report every problem as its own line, then stop the build without a traceback."""
    for problem in problems:
        log.error(str(problem))
    raise PluginError(f"{len(problems)} content problem(s); see the lines above")


# ---------------------------------------------------------------------------------------
# Events


def on_pre_build(config: MkDocsConfig) -> None:
    global _site
    if inside_i18n_build(config):
        return
    languages, default = i18n_languages(config)
    docs = Path(config.docs_dir)
    root = Path(config.config_file_path).parent
    try:
        registry = load_registry(docs / SERIES_FILE, _display(docs / SERIES_FILE, root), languages)
        content = load_content(
            docs,
            languages,
            default,
            root,
            series_ids=registry.series,
            series_file=registry.path,
        )
    except ContentError as error:
        _site = None
        fail(error.problems)
        return
    _site = Site(content, registry)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    lang = config.plugins["i18n"].current_language
    env.globals["ui"] = STRINGS[lang]
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The theme prints title and description without escaping: hand it escaped text.
    for name in ("title", "description"):
        value = page.meta.get(name)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[name] = escape(value)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang, rel_path = page_language(page), page_rel_path(page)
    current = site()
    post = current.content.posts.get(lang, {}).get(
        current.content.path_keys[lang].get(rel_path, "")
    )
    if post is not None:
        html = render_post(post, page.url, html)
    if LISTING_MARKER in html:
        html = html.replace(LISTING_MARKER, render_listing(lang, page.url))
    return html


@event_priority(-50)  # after static-i18n (50), which resets extra.alternate per page
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Point the language switcher (and hreflang links) at this page's translation, or at
    the other language's home when there is none."""
    lang, rel_path = page_language(page), page_rel_path(page)
    current = site()
    # static-i18n sets extra.alternate as an attribute (which Jinja reads before the item).
    alternates = [dict(a) for a in getattr(config.extra, "alternate", config.extra["alternate"])]
    for alternate in alternates:
        other = alternate["lang"]
        target = rel_path if other == lang else current.content.counterpart(lang, rel_path, other)
        url = url_of(target or "index.md", other, current.default_language)
        alternate["link"] = url or "./"  # site-relative: the theme's `url` filter relativizes
    config.extra.alternate = config.extra["alternate"] = alternates
    context["hreflang_links"] = hreflang_links(lang, rel_path, config.site_url or "")
    return context


def hreflang_links(lang: str, rel_path: str, site_url: str) -> list[dict[str, str]]:
    """Absolute alternates to the versions that exist, plus x-default (the default
    language's version, else this page)."""
    content = site().content
    versions = content.versions(lang, rel_path)
    links = [
        {
            "lang": other,
            "href": absolute_url(site_url, url_of(path, other, content.default_language)),
        }
        for other, path in sorted(versions.items())
    ]
    default = content.default_language if content.default_language in versions else lang
    href = absolute_url(site_url, url_of(versions[default], default, content.default_language))
    return [*links, {"lang": "x-default", "href": href}]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _i18n_plugin
    _i18n_plugin = config.plugins["i18n"]
    return config


def on_build_error(error: Exception) -> None:
    # static-i18n leaves its 'building' flag set and mkdocs.utils.clean_directory patched
    # when a nested build fails, so every later rebuild of `mkdocs serve` would skip the
    # other languages and keep stale files.
    if _i18n_plugin is not None:
        _i18n_plugin.building = False
    mkdocs_utils.clean_directory = _clean_directory


_i18n_plugin = None
_clean_directory = mkdocs_utils.clean_directory


# ---------------------------------------------------------------------------------------
# Rendering


def render_post(post: Post, page_url: str, body: str) -> str:
    content = site().content
    original_link = None
    if post.translated_from:
        original = content.original_of(post)
        original_link = render.Link(
            t(post.lang, "translation.read_original"),
            relative_url(
                url_of(original.rel_path, original.lang, content.default_language), page_url
            ),
        )
    sources = content.pages.get(post.lang, {}).get(SOURCES_KEY)
    sources_link = (
        render.Link(
            t(post.lang, "source.more"),
            relative_url(url_of(sources.rel_path, post.lang, content.default_language), page_url),
        )
        if sources
        else None
    )
    header = render.post_header(post, post.lang, original_link)
    return f"{header}\n{body}\n{render.provenance(post, post.lang, sources_link)}"


def render_listing(lang: str, page_url: str) -> str:
    content = site().content
    cards = []
    for post in content.listed_posts(lang):
        href = relative_url(url_of(post.rel_path, lang, content.default_language), page_url)
        badges = []
        if post.series and (series := site().registry.get(post.series)):
            badges.append(render.tag("span", series.name[lang], class_="post-card__series"))
        cards.append(render.post_card(post, lang, href, badges))
    return str(render.post_list(cards, lang))


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
