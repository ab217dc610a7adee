"""MkDocs glue for the blog: validated content, post pages, listings, language switcher.

All decisions live in :mod:`hooks.core`; this file reads MkDocs' objects and writes the
results back. With mkdocs-static-i18n every language is built in turn by the same process,
so the content of *all* languages is loaded and validated once, when the outer
(default-language) build starts, into :mod:`hooks.state`.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hooks import state
from hooks.core import jsonld, render
from hooks.core.posts import Post
from hooks.core.site import series_page_path
from hooks.core.ui import STRINGS, t
from hooks.core.urls import absolute_url, relative_url, url_of

LISTING_MARKER = "<!-- blog:posts -->"
SOURCES_KEY = "sources"

_i18n_plugin: Any = None
_clean_directory = mkdocs_utils.clean_directory


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _i18n_plugin
    _i18n_plugin = state.i18n(config)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if not state.inside_i18n_build(config):
        state.load(config)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["ui"] = STRINGS[state.current_language(config)]
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The theme prints title and description without escaping: hand it escaped text.
    for name in ("title", "description"):
        value = page.meta.get(name)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[name] = escape(value)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang, rel_path = state.page_language(page), state.page_rel_path(page)
    content = state.site().content
    post = content.posts.get(lang, {}).get(content.path_keys[lang].get(rel_path, ""))
    if post is not None:
        html = render_post(post, page.url, html, config.site_url or "")
    if LISTING_MARKER in html:
        html = html.replace(LISTING_MARKER, render_listing(lang, page.url))
    return html


@event_priority(-50)  # after static-i18n (50), which resets extra.alternate per page
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Point the language switcher at this page's translation, or at the other language's
    home when there is none; give the head absolute hreflang links."""
    lang, rel_path = state.page_language(page), state.page_rel_path(page)
    content = state.site().content
    # static-i18n sets extra.alternate as an attribute (which Jinja reads before the item).
    alternates = [dict(a) for a in getattr(config.extra, "alternate", config.extra["alternate"])]
    for alternate in alternates:
        other = alternate["lang"]
        target = rel_path if other == lang else content.counterpart(lang, rel_path, other)
        url = url_of(target or "index.md", other, content.default_language)
        alternate["link"] = url or "./"  # site-relative: the theme's `url` filter relativizes
    config.extra.alternate = config.extra["alternate"] = alternates
    context["hreflang_links"] = hreflang_links(lang, rel_path, config.site_url or "")
    post = content.posts.get(lang, {}).get(content.path_keys[lang].get(rel_path, ""))
    context["noindex"] = post is not None and (post.translation_status == "pending" or post.draft)
    return context


def on_build_error(error: Exception) -> None:
    # static-i18n leaves its 'building' flag set and mkdocs.utils.clean_directory patched
    # when a nested build fails, so every later rebuild of `mkdocs serve` would skip the
    # other languages and keep stale files.
    if _i18n_plugin is not None:
        _i18n_plugin.building = False
    mkdocs_utils.clean_directory = _clean_directory


# ---------------------------------------------------------------------------------------


def hreflang_links(lang: str, rel_path: str, site_url: str) -> list[dict[str, str]]:
    """Absolute alternates to the versions that exist, plus x-default (the default
    language's version, else this page)."""
    content = state.site().content
    post = content.posts.get(lang, {}).get(content.path_keys[lang].get(rel_path, ""))
    if post is not None and post.translation_status == "pending":
        return []  # a notice page (noindex) belongs to no language cluster
    versions = content.versions(lang, rel_path)
    default = content.default_language

    def href(other: str) -> str:
        return absolute_url(site_url, url_of(versions[other], other, default))

    links = [{"lang": other, "href": href(other)} for other in sorted(versions)]
    return [*links, {"lang": "x-default", "href": href(default if default in versions else lang)}]


def render_post(post: Post, page_url: str, body: str, site_url: str) -> str:
    model = state.site()
    content, default = model.content, model.default_language

    def link_to(rel_path: str, lang: str) -> str:
        return relative_url(url_of(rel_path, lang, default), page_url)

    original_link = None
    if post.translated_from:
        original = content.original_of(post)
        original_link = render.Link(
            t(post.lang, "translation.read_original"), link_to(original.rel_path, original.lang)
        )
    sources = content.pages.get(post.lang, {}).get(SOURCES_KEY)
    sources_link = (
        render.Link(t(post.lang, "source.more"), link_to(sources.rel_path, post.lang))
        if sources
        else None
    )
    series_box = None
    series_data = None
    run = model.series.run_of(post.key)
    part = run.part(post.key) if run else None
    if run and part:
        series_url = link_to(series_page_path(run.series.id), post.lang)
        series_box = render.series_box(run, part, post.lang, series_url, link_to)
        series_data = (
            run,
            part,
            absolute_url(site_url, url_of(series_page_path(run.series.id), post.lang, default)),
        )
    versions = {
        lang: absolute_url(site_url, url_of(path, lang, default))
        for lang, path in content.versions(post.lang, post.rel_path).items()
        if lang != post.lang
    }
    own_url = absolute_url(site_url, url_of(post.rel_path, post.lang, default))
    structured = jsonld.script(jsonld.blog_posting(post, own_url, versions, series_data))
    if post.translation_status == "pending":
        # Not translated yet: say so and link the original, never show stand-in text.
        original = content.original_of(post)
        notice = render.pending_notice(
            post,
            render.Link(original.title, link_to(original.rel_path, original.lang)),
            original.lang,
        )
        return f"{render.post_header(post, post.lang, None, series_box)}\n{notice}"
    header = render.post_header(post, post.lang, original_link, series_box)
    footer = render.provenance(post, post.lang, sources_link)
    return f"{header}\n{body}\n{footer}\n{structured}"


def render_listing(lang: str, page_url: str) -> str:
    model = state.site()
    cards = []
    for post in model.content.listed_posts(lang):
        href = relative_url(url_of(post.rel_path, lang, model.default_language), page_url)
        badges = []
        if run := model.series.run_of(post.key):
            badges.append(render.tag("span", run.series.name[lang], class_="post-card__series"))
        cards.append(render.post_card(post, lang, href, badges))
    return str(render.post_list(cards, lang))
