"""MkDocs glue for what the site publishes besides pages: feeds, the sitemap, a 404 page per
language, and the head's feed links and social metadata.

Feeds are written during each language's build (whose config carries that language's site
name); the sitemap and the 404 pages once every language is built (mkdocs-static-i18n builds
the other languages inside the default language's on_post_build at priority -100, and every
language's build writes its own 404.html at the site root: each is kept and put in place).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hooks import serve_state, state
from hooks.core import cards, collation, feeds, sitemap, social, urls
from hooks.core.search import language_root
from hooks.core.site import SERIES_DIR
from hooks.core.sitemap import unused_theme_file
from hooks.core.social import social_meta
from hooks.core.ui import t
from hooks.core.urls import absolute_url, url_of

log = logging.getLogger("mkdocs.hooks.outputs")

NOT_FOUND = "404.html"
CARDS_DIR = "assets/social"  # the sharing images, named by the hash of what they show
CARDS_CACHE = cards.CACHE_DIR
_cards: dict[str, cards.Card] = {}  # file name -> card, of the language being built
_not_found: dict[str, str] = {}  # language -> its rendered 404 page


def _merge_not_found(pages: object) -> None:
    _not_found.update(pages)  # type: ignore[arg-type]  # a language -> page mapping


state.hand_off("outputs", lambda: dict(_not_found), _merge_not_found)


@event_priority(-110)  # after static-i18n (-100) has made this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """What no page loads is not deployed: Material's lunr search (its plugin is off:
    Pagefind replaces it) and its worker, the theme's source maps, and the theme's favicon
    when the site has its own."""
    favicon = config.theme.get("favicon")
    for file in list(files):
        if not unused_theme_file(file.src_uri, favicon):
            continue  # the cheap test first: ~14,500 theme files a language
        if file.abs_src_path and not _from_docs(file.abs_src_path, config.docs_dir):
            files.remove(file)  # an author's file of the same name is theirs to publish
    return files


def _from_docs(path: str, docs_dir: str) -> bool:
    return os.path.commonpath([os.path.abspath(path), os.path.abspath(docs_dir)]) == (
        os.path.abspath(docs_dir)
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The sitemap is written once from the site model (pairs with different slugs included).
    config.theme.static_templates.discard("sitemap.xml")
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if not state.inside_i18n_build(config):
        _not_found.clear()
    _cards.clear()
    # This language's: the order Material's tags plugin lists tags and posts in (its sort
    # options are functions of a tag alone), and the headings' "¶" tooltip (the toc
    # extension's setting is one for all languages), and the footnotes' way back.
    model = state.site()
    lang, default = state.current_language(config), model.default_language
    listing = model.content.listed_posts(lang)
    collation.use_language(
        lang, {url_of(post.rel_path, lang, default): i for i, post in enumerate(listing)}
    )
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = t(lang, "toc.permalink")
    if "footnotes" in config.markdown_extensions:  # (its "{}": the footnote's number)
        backlink = t(lang, "footnote.backlink", number="{}")
        config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = backlink


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == NOT_FOUND:
        _not_found[state.current_language(config)] = output
    return output


def feed_url(site_url: str, lang: str, default: str, series_id: str | None = None) -> str:
    """The absolute URL of a feed (hooks/core/urls.py says where each one is)."""
    return absolute_url(site_url, urls.feed_url(lang, default, series_id))


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    model = state.site()
    content, default = model.content, model.default_language
    site_url = config.site_url or ""
    lang, rel_path = state.page_language(page), state.page_rel_path(page)
    key = content.path_keys.get(lang, {}).get(rel_path, "")
    post = content.posts.get(lang, {}).get(key)
    links = [
        {
            "title": t(lang, "feed.title", site=config.site_name),
            "href": feed_url(site_url, lang, default),
        }
    ]
    series_id = model.series.of_post.get(key) or (
        key.removeprefix(f"{SERIES_DIR}/") if key.startswith(f"{SERIES_DIR}/") else None
    )
    if series_id in model.series.runs:
        name = model.series.runs[series_id].series.name[lang]
        links.append(
            {
                "title": t(lang, "feed.series_title", series=name),
                "href": feed_url(site_url, lang, default, series_id),
            }
        )
    context["feed_links"] = links
    if post is not None:
        context["post_author"] = post.author  # None when unknown: no <meta name="author">
    versions = {
        other: absolute_url(site_url, url_of(path, other, default))
        for other, path in content.versions(lang, rel_path).items()
    }
    card = _card(post, lang, config)
    _cards[card.name()] = card
    serve_state.remember_card(page.file.dest_uri, card.name())
    title = post.title if post else _plain(page.title)
    context["social_meta"] = social_meta(
        # A home is the site itself: its og:title is the site's name, not "Inicio".
        title=config.site_name if rel_path == "index.md" else title,
        description=post.description if post else _plain(page.meta.get("description") or ""),
        url=absolute_url(site_url, url_of(rel_path, lang, default)),
        lang=lang,
        site_name=config.site_name,
        versions=versions,
        post=post,
        image=social.Image(
            absolute_url(site_url, f"{CARDS_DIR}/{card.name()}"),
            cards.WIDTH,
            cards.HEIGHT,
            card.title,
        ),
    )
    return context


def _card(post: Any, lang: str, config: MkDocsConfig) -> cards.Card:
    """A post's sharing image (its title, series and part), or the language's for pages."""
    language = t(lang, f"lang.{lang}").capitalize()
    if post is None:
        return cards.Card(
            title=config.site_description or config.site_name,
            site_name="",
            lang=lang,
            kicker=config.site_name,
            footer=language,
        )
    model = state.site()
    run = model.series.run_of(post.key)
    part = run.part(post.key) if run else None
    kicker = ""
    if run and part:
        position = t(lang, "series.part", position=str(part.position), count=str(run.count))
        kicker = f"{run.series.name[lang]} · {position}"
    return cards.Card(
        title=post.title, site_name=config.site_name, lang=lang, kicker=kicker, footer=language
    )


def _plain(value: object) -> str:
    """Page titles reach the theme escaped (hooks/blog.py); social metadata wants the text."""
    return value.unescape() if isinstance(value, Markup) else str(value or "")


@event_priority(-50)  # this language's pages are written; static-i18n (-100) not yet on
def _language_feeds(config: MkDocsConfig) -> None:
    with state.timed("feeds, sitemap, 404"):
        _write_language_feeds(config)
    with state.timed("sharing images"):
        _write_cards(config)


def _write_cards(config: MkDocsConfig) -> None:
    """This language's sharing images: from the cache when drawn before, else drawn (and
    cached). The cache is the folder CARDS_CACHE beside mkdocs.yml."""
    cache = Path(config.config_file_path).parent / CARDS_CACHE
    folder = Path(config.site_dir) / CARDS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    drawn = 0
    for name, card in sorted(_cards.items()):
        cached = cache / name
        if not cached.is_file():
            cache.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(cards.render(card))
            temporary.replace(cached)  # whole, even with another build drawing it too
            drawn += 1
        shutil.copyfile(cached, folder / name)
    if drawn:
        log.info(f"Sharing images: {drawn} drawn, {len(_cards) - drawn} from the cache")
    _cards.clear()


def _write_language_feeds(config: MkDocsConfig) -> None:
    model = state.site()
    content, default = model.content, model.default_language
    lang = state.current_language(config)
    if not serve_state.feeds_needed(lang):  # `mkdocs serve --dirty`: no listing changed
        return
    site_url = config.site_url or ""
    site_dir = Path(config.site_dir)
    posts = [post for post in content.listed_posts(lang) if not post.draft]  # never in feeds

    def item(post: Any) -> feeds.FeedItem:
        return feeds.FeedItem(post, absolute_url(site_url, url_of(post.rel_path, lang, default)))

    home = absolute_url(site_url, language_root(lang, default))
    own = feed_url(site_url, lang, default)
    _write_feed(
        site_dir / urls.feed_url(lang, default),
        config.site_name,
        config.site_description or "",
        home,
        own,
        lang,
        [item(post) for post in posts],
    )
    parts_of: dict[str, list[Any]] = {}
    for post in posts:
        if (series_id := model.series.of_post.get(post.key)) is not None:
            parts_of.setdefault(series_id, []).append(post)
    for series_id, run in model.series.runs.items():
        page = absolute_url(site_url, url_of(f"{SERIES_DIR}/{series_id}.md", lang, default))
        _write_feed(
            site_dir / urls.feed_url(lang, default, series_id),
            t(lang, "feed.series_title", series=run.series.name[lang]),
            run.series.description[lang],
            page,
            feed_url(site_url, lang, default, series_id),
            lang,
            [item(post) for post in parts_of.get(series_id, [])],
        )


def _write_feed(path: Path, *inputs: Any) -> None:
    """One feed, drawn again only if what it shows changed (`mkdocs serve` keeps each
    feed's inputs and bytes between builds: at 1000 posts, drawing them all took a second)."""
    key = feeds.rss_inputs(*inputs)
    kept = serve_state.memory.feeds.get(str(path)) if serve_state.active() else None
    if kept is not None and kept[0] == key and path.is_file():
        return  # the file on disk is the one drawn from the same inputs
    document = feeds.rss(*inputs)
    if serve_state.active():
        serve_state.memory.feeds[str(path)] = (key, document)
    _write(path, document)


@event_priority(-150)  # after static-i18n (-100) built every language, before the link check
def _site_files(config: MkDocsConfig) -> None:
    if state.inside_i18n_build(config):
        return
    with state.timed("feeds, sitemap, 404"):
        _write_site_files(config)
    areas = ", ".join(f"{area} {seconds:.2f} s" for area, seconds in state.timings.items())
    log.info(f"Blog hooks: {areas}")


def _write_site_files(config: MkDocsConfig) -> None:
    model = state.site()
    content, default = model.content, model.default_language
    site_url = config.site_url or ""
    site_dir = Path(config.site_dir)
    for lang, html in _not_found.items():
        _write(site_dir / language_root(lang, default) / NOT_FOUND, html.encode("utf-8"))
    cards_dir = site_dir / CARDS_DIR
    if cards_dir.is_dir():  # `mkdocs serve --dirty`: the images no page shows any more
        for name in serve_state.unused_cards(sorted(os.listdir(cards_dir))):
            (cards_dir / name).unlink(missing_ok=True)
    if not serve_state.site_files_needed():  # `mkdocs serve --dirty`: no listing changed
        return
    entries = []
    for lang in content.languages:
        dated = {
            post.rel_path: sitemap.lastmod(post.date)
            for post in content.posts.get(lang, {}).values()
            if content.readable(post) and not post.draft
        }
        paths = [*dated, *(page.rel_path for page in content.pages.get(lang, {}).values())]
        for rel_path in sorted(paths, key=lambda p: url_of(p, lang, default)):
            versions = content.versions(lang, rel_path)
            alternates = {
                other: absolute_url(site_url, url_of(path, other, default))
                for other, path in sorted(versions.items())
            }
            first = default if default in versions else lang
            alternates["x-default"] = alternates[first]
            url = absolute_url(site_url, url_of(rel_path, lang, default))
            entries.append((url, alternates, dated.get(rel_path)))
    document = sitemap.sitemap(entries)
    _write(site_dir / "sitemap.xml", document)
    _write(site_dir / "sitemap.xml.gz", sitemap.gzipped(document))


on_post_build = CombinedEvent(_language_feeds, _site_files)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
