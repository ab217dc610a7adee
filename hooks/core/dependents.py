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

A post page also shows other posts: its versions (switcher, original link, parallel-text
switch), its series' parts with their titles, and its neighbours in its language's listing
and the listing page it is on (the end of the post). :func:`post_context` is all of that as
data, compared before and after for every post, so a reordering, an insertion or a
neighbour's new title reaches exactly the pages that show it. A parallel-text page shows
both versions of a post whole: it is rebuilt whenever a page of that post is.

Every page kind has a rule here (:func:`page_kind`); the glue rebuilds a page of a kind
this module does not know on every save (never stale) and says so, and the edit-loop test
fails on that line, so a new kind of page gets its rule.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from hooks.core.parallel_text import parallel_path, partner
from hooks.core.posts import POSTS_DIR, Post
from hooks.core.site import (
    ARCHIVE_KEY,
    HOME_KEY,
    LISTING_PREFIX,
    SERIES_DIR,
    SERIES_INDEX_KEY,
    TAGS_KEY,
    SiteModel,
    listing_key,
    listing_page_count,
    series_page_path,
)

GENERATED = "(generated)"  # how Content.add_page marks the pages hooks generate

# The kinds of page a site has (page_kind); each has a rule in dependents().
POST, PARALLEL, HOME, LISTING, ARCHIVE, TAGS, SERIES, SERIES_INDEX, SECTION = (
    "post",
    "parallel",
    "home",
    "listing",
    "archive",
    "tags",
    "series",
    "series index",
    "section",
)
KINDS = (POST, PARALLEL, HOME, LISTING, ARCHIVE, TAGS, SERIES, SERIES_INDEX, SECTION)


class Listed(NamedTuple):
    """Where a post stands in its language's listing (what the end of its page shows)."""

    page: int  # the listing page it is on, numbered from 0
    newer: tuple[Any, ...] | None  # the view of the post before it, if any
    older: tuple[Any, ...] | None  # and after it


class PostContext(NamedTuple):
    """What a post's page shows of other posts (:func:`post_context`)."""

    versions: tuple[Any, ...]
    series: tuple[Any, ...] | None
    listed: Listed | None


@dataclass
class Rebuild:
    """What to rebuild: everything (``full``, with the reason), or the ``pages``
    ((language, path in the language folder) pairs) and the feeds of ``feeds``' languages."""

    full: bool = False
    reason: str = ""
    pages: set[tuple[str, str]] = field(default_factory=set)
    feeds: set[str] = field(default_factory=set)
    # Posts whose page changes only in its way back to the listing (a post added or removed
    # moves every tenth post to the next or previous listing page): (language, path) -> the
    # listing page it was on and the one it is on now (numbered from 1). The glue may
    # update that link in the written page instead of rebuilding it; never one in ``pages``.
    relisted: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def everything(cls, reason: str) -> Rebuild:
        return cls(full=True, reason=reason)


def view(post: Post) -> tuple[Any, ...]:
    """What other pages show of a post version: its words left out, its reading time in, and
    its staleness out (only its own page says it may lag behind its original)."""
    plain = replace(post, words=0, content_hash="", source_hash=None, stale=False)
    return (plain, post.reading_minutes)


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
    shown = set(rebuild.pages)  # the pages whose Markdown changed (parallel pages show it)
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
    # What a post page shows of other posts (neighbours, series parts, versions).
    contexts = (_Contexts.of_model(before, per_page), _Contexts.of_model(after, per_page))
    changed_posts = _changed_posts(before, after)  # (once a save: every version compared)
    for key in sorted(_contexts_to_compare(before, after, keys, changed_posts)):
        for lang in languages:
            old_context, new_context = contexts[0].of(lang, key), contexts[1].of(lang, key)
            if old_context == new_context:
                continue
            moved = _listing_page_moved(old_context, new_context)
            post = after.content.posts.get(lang, {}).get(key)
            if moved is not None and post is not None:
                rebuild.relisted[(lang, post.rel_path)] = moved
                continue
            for model in (before, after):
                if post := model.content.posts.get(lang, {}).get(key):
                    rebuild.pages.add((lang, post.rel_path))
    changed_keys = sorted(
        key for key in keys if _views(contexts[0], key) != _views(contexts[1], key)
    )
    if not changed_keys:
        _add_parallel_pages(rebuild, before, after, shown, changed_posts)
        return _relisted_only(rebuild)
    series: set[str] = set()
    relinked: set[str] = set()  # slugs whose pages appeared, went or changed inclusion
    for key in changed_keys:
        for model in (before, after):
            for post in model.content.versions_of(key):
                rebuild.pages.add((post.lang, post.rel_path))
            if series_id := model.series.of_post.get(key):
                series.add(series_id)
        if _inclusion(before, key) != _inclusion(after, key):
            relinked.add(key.removeprefix(f"{POSTS_DIR}/"))
    for series_id in sorted(series):
        for model in (before, after):
            for key, of in model.series.of_post.items():
                if of == series_id:
                    for post in model.content.versions_of(key):
                        rebuild.pages.add((post.lang, post.rel_path))
    for lang in languages:
        rebuild.pages.update(_language_pages(contexts, lang, per_page, sorted(series)))
        if contexts[0].listed(lang) != contexts[1].listed(lang):
            rebuild.feeds.add(lang)
    mentioning = _mentioning(sources, relinked, languages)
    rebuild.pages.update(mentioning)
    _add_parallel_pages(rebuild, before, after, shown | mentioning, changed_posts)
    return _relisted_only(rebuild)


def _listing_page_moved(
    before: PostContext | None, after: PostContext | None
) -> tuple[int, int] | None:
    """(listing page before, after), numbered from 1, when two :func:`post_context` differ
    in that page alone; else None."""
    if before is None or after is None:
        return None
    if (before.versions, before.series) != (after.versions, after.series):
        return None
    old, new = before.listed, after.listed
    if old is None or new is None or (old.newer, old.older) != (new.newer, new.older):
        return None
    return old.page + 1, new.page + 1


def _relisted_only(rebuild: Rebuild) -> Rebuild:
    """A page rebuilt anyway shows its new listing page: nothing to update in it."""
    for page in rebuild.pages:
        rebuild.relisted.pop(page, None)
    return rebuild


def _contexts_to_compare(
    before: SiteModel, after: SiteModel, keys: set[str], changed: set[str]
) -> set[str]:
    """The posts whose :func:`post_context` may differ: all of ``keys``, unless every
    listing keeps its order and every series its parts, when only a changed post's own
    context, its series' parts' and its listing neighbours' can (the rest are made of the
    same posts; ``changed``: the posts whose data changed). At 1000 posts a language,
    comparing every context cost a second a save."""
    content_before, content_after = before.content, after.content
    if content_before.drafts_visible != content_after.drafts_visible:
        return keys
    for lang in content_after.languages:
        listed = [post.key for post in content_before.listed_posts(lang)]
        if listed != [post.key for post in content_after.listed_posts(lang)]:
            return keys
    if _series_shape(before) != _series_shape(after):
        return keys
    found = set(changed)
    for key in changed:
        if run := after.series.run_of(key):
            found.update(part.key for part in run.parts)
    for lang in content_after.languages:
        listed = content_after.listed_posts(lang)
        positions = {post.key: index for index, post in enumerate(listed)}
        for key in changed:
            if (index := positions.get(key)) is not None:
                found.update(listed[i].key for i in (index - 1, index + 1) if 0 <= i < len(listed))
    return found


def _changed_posts(before: SiteModel, after: SiteModel) -> set[str]:
    """The posts with a version whose data (any of it) differs, or that came or went."""
    changed = set()
    for lang in after.content.languages:
        old, new = before.content.posts.get(lang, {}), after.content.posts.get(lang, {})
        changed.update(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    return changed


def _series_shape(model: SiteModel) -> tuple[Any, ...]:
    """Which post is which part of which series (not the parts' data)."""
    return (
        tuple(sorted(model.series.of_post.items())),
        tuple(
            (series_id, tuple((part.key, part.position) for part in run.parts))
            for series_id, run in sorted(model.series.runs.items())
        ),
    )


def page_kinds(model: SiteModel, lang: str) -> dict[str, str]:
    """Every page of ``lang`` the rules here know (path in the language folder) -> which of
    :data:`KINDS` it is. A page missing from it has no rule (the glue then rebuilds it on
    every save)."""
    content = model.content
    kinds = {}
    for key, page in content.pages.get(lang, {}).items():
        kind = None
        if not page.path.startswith(GENERATED):
            kind = {HOME_KEY: HOME, TAGS_KEY: TAGS}.get(key, SECTION)
        elif key == ARCHIVE_KEY:
            kind = ARCHIVE
        elif key == SERIES_INDEX_KEY:
            kind = SERIES_INDEX
        elif key.startswith(f"{SERIES_DIR}/") and key[len(SERIES_DIR) + 1 :] in model.series.runs:
            kind = SERIES
        elif key.startswith(LISTING_PREFIX) and key[len(LISTING_PREFIX) :].isdigit():
            kind = LISTING
        if kind is not None:
            kinds[page.rel_path] = kind
    for post in content.posts.get(lang, {}).values():
        kinds[post.rel_path] = POST
    for rel_path in parallel_pages(model, lang):
        kinds[rel_path] = PARALLEL
    return kinds


def page_kind(model: SiteModel, lang: str, rel_path: str) -> str | None:
    """Which of :data:`KINDS` the page at ``rel_path`` of ``lang`` is; None: no rule."""
    return page_kinds(model, lang).get(rel_path)


def parallel_pages(model: SiteModel, lang: str) -> dict[str, str]:
    """Path of every parallel-text page of ``lang`` -> its post's key."""
    content = model.content
    return {
        parallel_path(post): key
        for key, post in content.posts.get(lang, {}).items()
        if partner(content, post) is not None
    }


def _add_parallel_pages(
    rebuild: Rebuild,
    before: SiteModel,
    after: SiteModel,
    shown: Collection[tuple[str, str]],
    changed: set[str],
) -> None:
    """The parallel pages, in every language, of every post one of whose versions changed
    (``changed``: any of its data) or is in ``shown`` (its Markdown changed, or a page it
    links to came or went): each shows both versions whole (words, titles, staleness, body
    links)."""
    keys = set()
    for model in (before, after):
        for lang, rel_path in shown:
            key = model.content.path_keys.get(lang, {}).get(rel_path)
            if key is not None and key in model.content.posts.get(lang, {}):
                keys.add(key)
    keys.update(changed)
    for model in (before, after):
        content = model.content
        for key in keys:
            for post in content.versions_of(key):
                if partner(content, post) is not None:
                    rebuild.pages.add((post.lang, parallel_path(post)))


class _Contexts:
    """:func:`post_context` of the posts of one model, and their views, each computed once.
    The model after one save is the model before the next: the last one is kept."""

    _last: _Contexts | None = None

    def __init__(self, model: SiteModel, per_page: int) -> None:
        self.model = model
        self.per_page = per_page
        self.views: dict[int, tuple[Any, ...]] = {}
        self.partnered: dict[int, bool] = {}
        self.positions: dict[str, dict[str, int]] = {}
        self.contexts: dict[tuple[str, str], PostContext | None] = {}
        self.listings: dict[str, list[tuple[Any, ...]]] = {}
        self.keep: list[Post] = []  # the posts whose id() keys the caches

    @classmethod
    def of_model(cls, model: SiteModel, per_page: int) -> _Contexts:
        last = cls._last
        if last is not None and last.model is model and last.per_page == per_page:
            return last
        cls._last = found = cls(model, per_page)
        return found

    def view(self, post: Post) -> tuple[Any, ...]:
        found = self.views.get(id(post))
        if found is None:
            found = self.views[id(post)] = view(post)
            self.keep.append(post)
        return found

    def has_partner(self, post: Post) -> bool:
        found = self.partnered.get(id(post))
        if found is None:
            found = self.partnered[id(post)] = partner(self.model.content, post) is not None
            self.keep.append(post)
        return found

    def listed(self, lang: str) -> list[tuple[Any, ...]]:
        if lang not in self.listings:
            posts = self.model.content.listed_posts(lang)
            self.listings[lang] = [self.view(post) for post in posts]
        return self.listings[lang]

    def of(self, lang: str, key: str) -> PostContext | None:
        if (lang, key) not in self.contexts:
            self.contexts[lang, key] = post_context(self.model, lang, key, self.per_page, self)
        return self.contexts[lang, key]


def post_context(
    model: SiteModel,
    lang: str,
    key: str,
    per_page: int,
    cache: _Contexts | None = None,
) -> PostContext | None:
    """What the page of post ``key`` in ``lang`` shows of other posts: every version (its
    language switcher, original link, parallel-text switch and JSON-LD), its series' parts
    in every language (series box, end of the post), its neighbours in the language's
    listing and the listing page it is on (end of the post). None: no such page."""
    content = model.content
    post = content.posts.get(lang, {}).get(key)
    if post is None:
        return None
    see = cache.view if cache is not None else view

    def partnered(post: Post) -> bool:
        return cache.has_partner(post) if cache is not None else partner(content, post) is not None

    versions = tuple(
        (version.lang, see(version), content.readable(version), partnered(version))
        for version in content.versions_of(key)
    )
    run = model.series.run_of(key)
    series = None
    if run is not None:
        series = (
            run.series.id,
            tuple(
                (
                    part.key,
                    part.position,
                    see(part.original),
                    tuple(
                        (other, see(version)) for other, version in sorted(part.versions.items())
                    ),
                )
                for part in run.parts
            ),
        )
    listed = content.listed_posts(lang)
    if cache is not None:
        if lang not in cache.positions:
            cache.positions[lang] = {other.key: i for i, other in enumerate(listed)}
        index = cache.positions[lang].get(key)
    else:
        index = next((i for i, other in enumerate(listed) if other.key == key), None)
    where = None
    if index is not None:
        newer = see(listed[index - 1]) if index > 0 else None
        older = see(listed[index + 1]) if index + 1 < len(listed) else None
        where = Listed(index // per_page, newer, older)
    return PostContext(versions, series, where)


def _written_pages(model: SiteModel, lang: str) -> dict[str, Any]:
    """The section pages an author wrote (generated ones come and go with the posts)."""
    pages = model.content.pages.get(lang, {})
    return {key: page for key, page in pages.items() if not page.path.startswith(GENERATED)}


def _views(cache: _Contexts, key: str) -> dict[str, tuple[Any, ...]]:
    model = cache.model
    of = model.series.of_post.get(key)
    return {
        post.lang: (cache.view(post), model.content.readable(post), of)
        for post in model.content.versions_of(key)
    }


def _inclusion(model: SiteModel, key: str) -> dict[str, tuple[str, bool]]:
    return {
        post.lang: (post.translation_status, post.draft) for post in model.content.versions_of(key)
    }


def _language_pages(
    contexts: tuple[_Contexts, _Contexts], lang: str, per_page: int, series: Iterable[str]
) -> set[tuple[str, str]]:
    """The listing pages whose slice changed (all when their number did), the archive, the
    tags page, the home (its notices of untranslated posts), the series pages."""
    pages: set[tuple[str, str]] = set()

    def add(model: SiteModel, key: str) -> None:
        page = model.content.pages.get(lang, {}).get(key)
        if page is not None:
            pages.add((lang, page.rel_path))

    before, after = contexts[0].model, contexts[1].model
    old, new = contexts[0].listed(lang), contexts[1].listed(lang)
    counts = [listing_page_count(len(listed), per_page) for listed in (old, new)]
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
