"""MkDocs glue for the blog: validated content, post pages, listings, language switcher.

All decisions live in :mod:`hooks.core`; this file reads MkDocs' objects and writes the
results back. With mkdocs-static-i18n every language is built in turn by the same process,
so the content of *all* languages is loaded and validated once, when the outer
(default-language) build starts, into :mod:`hooks.state`.
"""

from __future__ import annotations

import datetime as dt
import html as html_text
import logging
from typing import Any

from jinja2 import Environment
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from pymdownx.slugs import slugify

from hooks import serve_state, state
from hooks.core import jsonld, views
from hooks.core.posts import POSTS_DIR, Content, Post
from hooks.core.render import Renderer
from hooks.core.search import language_root
from hooks.core.site import (
    ARCHIVE_KEY,
    HOME_KEY,
    LISTING_PREFIX,
    SERIES_DIR,
    SERIES_INDEX_KEY,
    TAGS_KEY,
    listing_key,
    listing_page_count,
    series_page_path,
)
from hooks.core.text import as_text, escape
from hooks.core.ui import STRINGS, t
from hooks.core.urls import absolute_url, feed_url, relative_url, url_of

log = logging.getLogger("mkdocs.hooks.blog")

LISTING_MARKER = "<!-- blog:posts -->"
PAGE_MARKER = "<!-- blog:posts page={} -->"
ARCHIVE_MARKER = "<!-- blog:archive -->"
SOURCES_KEY = "sources"
TITLE_ID = "__title"  # a post's title: the skip link's target (no heading slug starts "__")

_tag_slug = slugify(case="lower")  # as Material's tags plugin makes tag anchors
_i18n_plugin: Any = None
_theme_dirs: tuple[str, ...] = ()  # where the partials are looked up (custom_dir first)
_clean_directory = mkdocs_utils.clean_directory


def on_startup(command: str, dirty: bool) -> None:
    state.command = command
    state.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _i18n_plugin, _theme_dirs
    _i18n_plugin = state.i18n(config)
    _theme_dirs = tuple(config.theme.dirs)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if state.inside_i18n_build(config):
        return
    model = state.load(config)
    for lang in model.content.languages:
        for number in range(2, listing_pages(model.content, lang, config) + 1):
            model.content.add_page(lang, listing_page_path(number), listing_key(number))
        model.content.add_page(lang, archive_path(lang), ARCHIVE_KEY)
    # A stale translation is a warning (so --strict stops it) unless the site decides to
    # publish it with its notice: extra.stale_translations: info.
    report = log.info if state.settings.stale_level == "info" else log.warning
    today = dt.date.today()
    for lang in model.content.languages:
        for post in model.content.posts.get(lang, {}).values():
            future = post.date.value is not None and post.date.value > today
            if future and not post.draft and post.translated_from is None:  # at the original
                log.warning(
                    f"{post.path}:{post.line_of('date')}: date: {post.date.iso} is in the "
                    "future; expected the date it was published (a post is not scheduled "
                    "here: keep draft: true until it is out)"
                )
            if post.stale:
                original = model.content.original_of(post)
                report(
                    f"{post.path}:{post.line_of('translation')}: translation.source_hash: "
                    f"{original.path} changed after this translation was stamped; update it, "
                    f"then run `python -m hooks.translations stamp {post.path}`"
                )


@event_priority(-110)  # after static-i18n (-100) has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Drafts are built by `mkdocs serve` only; a pending translation gets no page at all
    (readers are sent to the original from the other language's home)."""
    content = state.site().content
    for file in files.documentation_pages():
        lang, _, rel_path = file.src_uri.partition("/")
        post = content.post_at(lang, rel_path)
        if post is None:
            continue
        if post.translation_status == "pending":
            file.inclusion = InclusionLevel.EXCLUDED
        elif post.draft:
            file.inclusion = InclusionLevel.DRAFT
    lang = state.current_language(config)
    generated = {
        archive_path(lang): (
            t(lang, "archive.title"),
            t(lang, "archive.description"),
            ARCHIVE_MARKER,
        )
    }
    for number in range(2, listing_pages(content, lang, config) + 1):
        title = t(lang, "listing.page_title", page=str(number))
        generated[listing_page_path(number)] = (title, title, PAGE_MARKER.format(number))
    for rel_path, (title, description, marker) in generated.items():
        meta = {"title": title, "description": description, "search": {"exclude": True}}
        # Later listing pages are reached through the pager, not the nav.
        in_nav = rel_path == archive_path(lang)
        files.append(state.generated_page(config, lang, rel_path, meta, marker, in_nav=in_nav))
    return files


def posts_per_page(config: MkDocsConfig) -> int:
    return state.settings.per_page  # validated (a whole number from 1) with the site model


def listing_pages(content: Content, lang: str, config: MkDocsConfig) -> int:
    return listing_page_count(len(content.listed_posts(lang)), posts_per_page(config))


def listing_page_path(number: int) -> str:
    return f"{LISTING_PREFIX}{number}.md"


def archive_path(lang: str) -> str:
    return f"{t(lang, 'archive.slug')}.md"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """What templates without a page (the 404 page) need to know of the language."""
    lang = state.current_language(config)
    content = state.site().content
    # static-i18n resets the item for each language; the attribute on_page_context also sets
    # (read first by Jinja) would carry the last page of the previous language into this
    # language's 404 page.
    if "alternate" in config.extra:
        config.extra.alternate = config.extra["alternate"]
    env.globals["ui"] = STRINGS[lang]
    env.globals["lang_root"] = language_root(lang, content.default_language)
    env.globals["other_languages"] = [
        {
            "lang": other,
            "root": language_root(other, content.default_language),
            "name": t(other, f"lang.{other}").capitalize(),
        }
        for other in content.languages
        if other != lang
    ]
    return env


# After hooks/series.py adds series names as tags (priority 0), before Material's tags
# plugin reads the tags (-50).
@event_priority(-40)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The theme prints front matter without escaping: hand it text (hooks/core/text.py).
    page.meta = as_text(page.meta)
    lang, rel_path = state.page_language(page), state.page_rel_path(page)
    content = state.site().content
    if content.path_keys.get(lang, {}).get(rel_path, "") in content.posts.get(lang, {}):
        # The post header shows the tags under the title: Material's chips above it go.
        page.meta["hide"] = [*(page.meta.get("hide") or []), "tags"]
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    with state.timed("posts and listings"):
        return _page_content(html, page, config)


def _page_content(html: str, page: Page, config: MkDocsConfig) -> str:
    lang, rel_path = state.page_language(page), state.page_rel_path(page)
    content = state.site().content
    post = content.post_at(lang, rel_path)
    if post is not None:
        html, page.toc = render_post(post, page, html, config)
    if LISTING_MARKER in html:
        notices = render_untranslated_notices(lang, page.url)
        html = html.replace(LISTING_MARKER, notices + render_listing(lang, page.url, 1, config))
    for number in (
        range(2, listing_pages(content, lang, config) + 1) if "<!-- blog:" in html else ()
    ):
        if PAGE_MARKER.format(number) in html:
            html = html.replace(
                PAGE_MARKER.format(number), render_listing(lang, page.url, number, config)
            )
    if ARCHIVE_MARKER in html:
        html = html.replace(ARCHIVE_MARKER, render_archive(lang, page.url))
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
    key = content.path_keys[lang].get(rel_path, "")
    for alternate in alternates:
        other = alternate["lang"]
        target = rel_path if other == lang else content.counterpart(lang, rel_path, other)
        url = url_of(target or "index.md", other, content.default_language)
        if target is None and key in content.posts.get(lang, {}):
            # No translation yet: the other home, opened on its notice about this post
            # ("./" first: the default language's home is the empty URL, and a bare
            # "#fragment" would point at this very page).
            url = (url or "./") + "#" + views.untranslated_id(key)
        alternate["link"] = url or "./"  # site-relative: the theme's `url` filter relativizes
    config.extra.alternate = config.extra["alternate"] = alternates
    context["hreflang_links"] = hreflang_links(lang, rel_path, config.site_url or "")
    post = content.post_at(lang, rel_path)
    context["noindex"] = post is not None and (post.translation_status == "pending" or post.draft)
    _highlight_section(page, nav, lang, key)
    items = list(page.toc)
    if not items or (len(items) == 1 and not items[0].children):
        # A table of contents that is empty or only the title: no empty column for it.
        page.meta["hide"] = [*(page.meta.get("hide") or []), "toc"]
    return context


_highlighted: list[Page] = []  # nav entries marked active for the page being rendered


def section_of(key: str) -> str | None:
    """The nav page a page out of the nav belongs to: posts and listing pages to the home,
    series pages to the series index."""
    if key.startswith((f"{POSTS_DIR}/", LISTING_PREFIX)):
        return HOME_KEY
    if key.startswith(f"{SERIES_DIR}/"):
        return SERIES_INDEX_KEY
    return None


def _highlight_section(page: Page, nav: Navigation, lang: str, key: str) -> None:
    """Material highlights the tab of the active page: a page out of the nav (a post, a
    series) lights up the tab of its section instead."""
    section = section_of(key)
    if section is None or section == key:
        return
    content = state.site().content
    target = content.pages.get(lang, {}).get(section)
    for item in nav.pages:
        if target is not None and state.page_rel_path(item) == target.rel_path:
            item.active = True
            _highlighted.append(item)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    while _highlighted:
        _highlighted.pop().active = False
    return output


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
    post = content.post_at(lang, rel_path)
    if post is not None and post.translation_status == "pending":
        return []  # a notice page (noindex) belongs to no language cluster
    versions = content.versions(lang, rel_path)
    default = content.default_language

    def href(other: str) -> str:
        return absolute_url(site_url, url_of(versions[other], other, default))

    links = [{"lang": other, "href": href(other)} for other in sorted(versions)]
    return [*links, {"lang": "x-default", "href": href(default if default in versions else lang)}]


def renderer() -> Renderer:
    """The partials, found in the theme's folders (a site's custom_dir overrides them)."""
    return Renderer.for_theme(_theme_dirs)


def feed_href(lang: str, page_url: str, series_id: str | None = None) -> str:
    """Link from ``page_url`` to the language's feed, or to a series' feed in it."""
    return relative_url(feed_url(lang, state.site().default_language, series_id), page_url)


def toc_entries(items: Any) -> tuple[views.TocEntry, ...]:
    """MkDocs' table of contents as plain data (its titles are HTML: made text again)."""
    return tuple(
        views.TocEntry(html_text.unescape(item.title), item.url, toc_entries(item.children))
        for item in items
    )


def render_post(
    post: Post, page: Page, body: str, config: MkDocsConfig
) -> tuple[str, TableOfContents]:
    """The post page's content (header, notices, body, provenance, what follows) and its
    table of contents, now led by the title (so that the skip link lands on it)."""
    model = state.site()
    content, default = model.content, model.default_language
    lang, page_url, site_url = post.lang, page.url, config.site_url or ""
    partials = renderer()

    def link_to(rel_path: str, lang: str) -> str:
        return relative_url(url_of(rel_path, lang, default), page_url)

    original_link = None
    if post.translated_from:
        original = content.original_of(post)
        original_link = views.Link(
            t(lang, "translation.read_original"), link_to(original.rel_path, original.lang)
        )
    sources = content.pages.get(lang, {}).get(SOURCES_KEY)
    sources_link = (
        views.Link(t(lang, "source.more"), link_to(sources.rel_path, lang)) if sources else None
    )
    series_box = series_end = None
    series_data = None
    run = model.series.run_of(post.key)
    part = run.part(post.key) if run else None
    if run and part:
        series_url = link_to(series_page_path(run.series.id), lang)
        series_box = views.series_box(run, part, lang, series_url, link_to)
        series_end = series_end_of(post, page_url)
        series_data = (
            run,
            part,
            absolute_url(site_url, url_of(series_page_path(run.series.id), lang, default)),
        )
    versions = {
        other: absolute_url(site_url, url_of(path, other, default))
        for other, path in content.versions(lang, post.rel_path).items()
        if other != lang
    }
    own_url = absolute_url(site_url, url_of(post.rel_path, lang, default))
    structured = jsonld.script(jsonld.blog_posting(post, own_url, versions, series_data))
    if post.stale and original_link is not None:
        notice = views.stale_notice(post, original_link.href)
        body = f"{partials.render('notice.html', lang, notice=notice)}\n{body}"
    toc = toc_entries(page.toc)
    header = views.post_header(
        post, lang, original_link, series_box, tag_link(lang, page_url), toc, TITLE_ID
    )
    alternates = {
        other: link_to(path, other)
        for other, path in content.versions(lang, post.rel_path).items()
        if other != lang
    }
    slot = {"key": post.key, "lang": lang, "alternates": alternates}
    parts = [
        partials.render("post-header.html", lang, header=header, post=slot),
        body,
        partials.render(
            "provenance.html", lang, provenance=views.provenance(post, lang, sources_link)
        ),
        post_end(post, page_url, listing_page_of(post, config), series_end),
        structured,
    ]
    title = AnchorLink(escape(post.title), TITLE_ID, 1)  # the theme prints it as HTML
    title.children = list(page.toc)
    return "\n".join(str(part) for part in parts), TableOfContents([title])


def listing_page_of(post: Post, config: MkDocsConfig) -> int:
    """The page of its language's listing that shows ``post`` (numbered from 1)."""
    listed = state.site().content.listed_posts(post.lang)
    position = next((i for i, other in enumerate(listed) if other.key == post.key), 0)
    return position // posts_per_page(config) + 1


def series_end_of(post: Post, page_url: str) -> views.SeriesEnd | None:
    """The series part of what follows ``post`` on its page, if it is a part of one."""
    model = state.site()
    run = model.series.run_of(post.key)
    part = run.part(post.key) if run else None
    if not run or not part:
        return None
    default = model.default_language

    def link_to(rel_path: str, lang: str) -> str:
        return relative_url(url_of(rel_path, lang, default), page_url)

    series_url = link_to(series_page_path(run.series.id), post.lang)
    return views.series_end(run, part, post.lang, series_url, link_to)


def post_end(
    post: Post, page_url: str, listing_page: int, series_end: views.SeriesEnd | None
) -> str:
    """What follows a post (partials/blog/post-end.html), its way back to ``listing_page``."""
    model = state.site()
    lang, default = post.lang, model.default_language
    run = model.series.run_of(post.key)

    def link_to(rel_path: str) -> str:
        return relative_url(url_of(rel_path, lang, default), page_url)

    back = "index.md" if listing_page == 1 else listing_page_path(listing_page)
    end = views.post_end(
        post,
        model.content.listed_posts(lang),
        lang,
        lambda other: link_to(other.rel_path),
        link_to(back),
        feed_href(lang, page_url, run.series.id if run and run.part(post.key) else None),
        series_end,
    )
    return str(renderer().render("post-end.html", lang, end=end))


def relisted_page(
    html: str, lang: str, rel_path: str, page_url: str, moved: tuple[int, int]
) -> str | None:
    """The written page ``html`` of a post that moved from listing page ``moved[0]`` to
    ``moved[1]`` and changed in nothing else (hooks/core/dependents.py): its end, rendered
    for each page, swapped; None when the old end is not in it exactly once (a template
    that shows it otherwise: the page is rebuilt)."""
    content = state.site().content
    post = content.post_at(lang, rel_path)
    if post is None:
        return None
    series_end = series_end_of(post, page_url)
    old, new = (post_end(post, page_url, number, series_end) for number in moved)
    if html.count(old) != 1:
        return None
    return html.replace(old, new)


serve_state.services["relisted page"] = relisted_page


def tag_link(lang: str, page_url: str) -> Any:
    """href of a tag's entry on the language's tags page, or None without a tags page."""
    model = state.site()
    tags_page = model.content.pages.get(lang, {}).get(TAGS_KEY)
    if tags_page is None:
        return None
    url = relative_url(url_of(tags_page.rel_path, lang, model.default_language), page_url)
    # Material makes the anchor from the tag as the templates get it: escaped text.
    return lambda name: url + "#tag:" + _tag_slug(escape(name), "-")


def render_listing(lang: str, page_url: str, number: int, config: MkDocsConfig) -> str:
    """Page ``number`` of the listing of ``lang`` (newest first), with its pager."""
    model = state.site()
    content, default = model.content, model.default_language
    per_page = posts_per_page(config)
    posts = content.listed_posts(lang)[(number - 1) * per_page : number * per_page]
    tag_href = tag_link(lang, page_url)
    cards = []
    for post in posts:
        href = relative_url(url_of(post.rel_path, lang, default), page_url)
        series = None
        if run := model.series.run_of(post.key):
            series_url = url_of(series_page_path(run.series.id), lang, default)
            series = views.Link(run.series.name[lang], relative_url(series_url, page_url))
        cards.append(views.card(post, lang, href, series, tag_href))

    def page_href(target: int) -> str:
        path = "index.md" if target == 1 else listing_page_path(target)
        return relative_url(url_of(path, lang, default), page_url)

    total = listing_pages(content, lang, config)
    return str(
        renderer().render(
            "listing.html",
            lang,
            listing=views.listing(cards, lang, feed_href(lang, page_url)),
            pager=views.pager(lang, number, total, page_href),
        )
    )


def render_archive(lang: str, page_url: str) -> str:
    """Every readable post of ``lang`` by year; unknown years last."""
    model = state.site()
    groups: dict[str, list[tuple[Post, str]]] = {}
    unknown = t(lang, "archive.unknown")
    for post in model.content.listed_posts(lang):
        year = str(post.date.value.year) if post.date.value else unknown
        href = relative_url(url_of(post.rel_path, lang, model.default_language), page_url)
        groups.setdefault(year, []).append((post, href))
    ordered = sorted((year for year in groups if year != unknown), reverse=True)
    if unknown in groups:
        ordered.append(unknown)
    archive = views.archive([(year, groups[year]) for year in ordered], lang)
    return str(renderer().render("archive.html", lang, groups=archive))


def render_untranslated_notices(lang: str, page_url: str) -> str:
    """Hidden notices on the home of ``lang``, one per post not translated into it yet;
    the switcher of such a post opens this home at its notice."""
    model = state.site()
    notices = []
    for key, post in sorted(model.content.posts.get(lang, {}).items()):
        if post.translation_status != "pending":
            continue
        original = model.content.original_of(post)
        if not model.content.readable(original):
            continue
        href = relative_url(
            url_of(original.rel_path, original.lang, model.default_language), page_url
        )
        notice = views.untranslated_notice(key, original, href, lang)
        notices.append(renderer().render("notice.html", lang, notice=notice))
    return "\n".join(notices) + ("\n" if notices else "")
