"""Which pages an author's edit changes, from the site model before and after it.

``mkdocs serve`` (hooks/incremental.py) rebuilds only these pages. What a post shows on
other pages is everything the model holds about it but its words (title, description, date,
tags, series, order, draft, translation status, staleness, reading time): when that
:func:`view` changes, the pages that show it change too (both language versions, listings,
archive, tags page, the other language's home and its notices, the series' pages and parts,
feeds). A change to the body alone changes that version's page (and, through the view,
its listing card's reading time), and a translation's stale notice. Anything else the model
cannot follow (a section page's front matter, ``series.yml``, an asset, a file neither
``.md`` nor under a language folder) asks for a whole rebuild: slower, never stale.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from hooks.core.posts import POSTS_DIR, Post
from hooks.core.site import SERIES_DIR, SiteModel, series_page_path

GENERATED = "(generated)"  # how Content.add_page marks the pages hooks generate
HOME_KEY = "index"
TAGS_KEY = "tags"
ARCHIVE_KEY = "archive"
SERIES_INDEX_KEY = f"{SERIES_DIR}/index"


@dataclass
class Rebuild:
    """What to rebuild: everything (``full``, with the reason), or the ``pages``
    ((language, path in the language folder) pairs) and the feeds of ``feeds``' languages."""

    full: bool = False
    reason: str = ""
    pages: set[tuple[str, str]] = field(default_factory=set)
    feeds: set[str] = field(default_factory=set)

    @classmethod
    def everything(cls, reason: str) -> Rebuild:
        return cls(full=True, reason=reason)


def view(post: Post) -> tuple[Any, ...]:
    """What other pages show of a post version: its words left out, its reading time in, and
    its staleness out (only its own page says it may lag behind its original)."""
    plain = replace(post, words=0, content_hash="", source_hash=None, stale=False)
    return (plain, post.reading_minutes)


def listing_key(number: int) -> str:
    return HOME_KEY if number == 1 else f"page/{number}"


def dependents(
    before: SiteModel,
    after: SiteModel,
    changed: Collection[str],
    sources: Mapping[str, bytes],
    per_page: int,
) -> Rebuild:
    """Pages to rebuild after the files ``changed`` (paths relative to the docs folder, e.g.
    ``es/posts/uno.md``; edited, added or removed) turned ``before`` into ``after``.
    ``sources``: every Markdown file's bytes now (pages linking an added or removed post are
    rebuilt: their links are resolved differently)."""
    languages = after.content.languages
    if before.content.languages != languages or before.registry != after.registry:
        return Rebuild.everything("the languages or the series registry changed")
    rebuild = Rebuild()
    for path in sorted(changed):
        lang, _, rel_path = path.partition("/")
        if lang not in languages or not rel_path.endswith(".md"):
            return Rebuild.everything(f"{path} is not a page")
        section = not rel_path.startswith(f"{POSTS_DIR}/")
        if section and _written_pages(before, lang) != _written_pages(after, lang):
            return Rebuild.everything(f"{path}: a section page's front matter changed")
        rebuild.pages.add((lang, rel_path))
    keys = set()
    for model in (before, after):
        for lang in languages:
            keys.update(model.content.posts.get(lang, {}))
    for key in sorted(keys):  # an original's words changed: its translation's notice
        for lang in languages:
            old = before.content.posts.get(lang, {}).get(key)
            new = after.content.posts.get(lang, {}).get(key)
            if old is not None and new is not None and old.stale != new.stale:
                rebuild.pages.add((lang, new.rel_path))
    changed_keys = sorted(key for key in keys if _views(before, key) != _views(after, key))
    if not changed_keys:
        return rebuild
    series: set[str] = set()
    relinked: set[str] = set()  # slugs whose pages appeared, went or changed inclusion
    for key in changed_keys:
        for model in (before, after):
            for lang in languages:
                post = model.content.posts.get(lang, {}).get(key)
                if post is not None:
                    rebuild.pages.add((lang, post.rel_path))
            if series_id := model.series.of_post.get(key):
                series.add(series_id)
        if _inclusion(before, key) != _inclusion(after, key):
            relinked.add(key.removeprefix(f"{POSTS_DIR}/"))
    for series_id in sorted(series):
        for model in (before, after):
            for key, of in model.series.of_post.items():
                if of == series_id:
                    for lang in languages:
                        if post := model.content.posts.get(lang, {}).get(key):
                            rebuild.pages.add((lang, post.rel_path))
    for lang in languages:
        rebuild.pages.update(_language_pages(before, after, lang, per_page, sorted(series)))
        if _listed(before, lang) != _listed(after, lang):
            rebuild.feeds.add(lang)
    rebuild.pages.update(_mentioning(sources, relinked, languages))
    return rebuild


def _written_pages(model: SiteModel, lang: str) -> dict[str, Any]:
    """The section pages an author wrote (generated ones come and go with the posts)."""
    pages = model.content.pages.get(lang, {})
    return {key: page for key, page in pages.items() if not page.path.startswith(GENERATED)}


def _views(model: SiteModel, key: str) -> dict[str, tuple[Any, ...]]:
    found = {}
    for lang in model.content.languages:
        post = model.content.posts.get(lang, {}).get(key)
        if post is not None:
            found[lang] = (view(post), model.content.readable(post), model.series.of_post.get(key))
    return found


def _inclusion(model: SiteModel, key: str) -> dict[str, tuple[str, bool]]:
    found = {}
    for lang in model.content.languages:
        if post := model.content.posts.get(lang, {}).get(key):
            found[lang] = (post.translation_status, post.draft)
    return found


def _listed(model: SiteModel, lang: str) -> list[tuple[Any, ...]]:
    return [view(post) for post in model.content.listed_posts(lang)]


def _language_pages(
    before: SiteModel, after: SiteModel, lang: str, per_page: int, series: Iterable[str]
) -> set[tuple[str, str]]:
    """The listing pages whose slice changed (all when their number did), the archive, the
    tags page, the home (its notices of untranslated posts), the series pages."""
    pages: set[tuple[str, str]] = set()

    def add(model: SiteModel, key: str) -> None:
        page = model.content.pages.get(lang, {}).get(key)
        if page is not None:
            pages.add((lang, page.rel_path))

    old, new = _listed(before, lang), _listed(after, lang)
    counts = [max(1, math.ceil(len(listed) / per_page)) for listed in (old, new)]
    for number in range(1, max(counts) + 1):
        window = slice((number - 1) * per_page, number * per_page)
        if counts[0] != counts[1] or old[window] != new[window]:
            for model in (before, after):
                add(model, listing_key(number))
    for model in (before, after):
        for key in (HOME_KEY, TAGS_KEY, SERIES_INDEX_KEY):
            add(model, key)
        if old != new:
            add(model, ARCHIVE_KEY)
        for series_id in series:
            add(model, series_page_path(series_id).removesuffix(".md"))
    return pages


def _mentioning(
    sources: Mapping[str, bytes], slugs: Collection[str], languages: Iterable[str]
) -> set[tuple[str, str]]:
    """Pages whose Markdown names one of ``slugs`` (a link to it resolves differently)."""
    if not slugs:
        return set()
    needles = [f"{slug}.md".encode() for slug in slugs]  # MkDocs resolves links to files
    found = set()
    for path, text in sources.items():
        lang, _, rel_path = path.partition("/")
        if lang in languages and rel_path.endswith(".md") and any(n in text for n in needles):
            found.add((lang, rel_path))
    return found
