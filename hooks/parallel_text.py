"""MkDocs glue for the parallel text view: a post beside its other version, block by block.

What pairs and how is :mod:`hooks.core.parallel_text`; the markup is
``overrides/partials/parallel-text.html`` (the view) and
``overrides/partials/parallel-text-switch.html`` (the control on both pages).

- Every post readable in two languages gets, in each, a generated page
  ``posts/<slug>/<paralelo|parallel>/``: real HTML (readable without JavaScript), kept out
  of the nav, of Pagefind, of the sitemap and of hreflang clusters, ``noindex``. Its
  language switcher leads to the other language's parallel page, so the view survives
  the switch.
- At the start of the build, each translation is paired with its original; where they stop
  pairing, a warning names both files and the line of the first unpaired block (so
  ``--strict`` stops).
- Each version's Markdown is converted once per build, for its own page; both parallel
  pages show that HTML. The other language's comes from its build: from this process when
  it was built first, else from the file its process writes once its Markdown is rendered
  (hooks/parallel.py builds the languages side by side). Where there is none (that language
  built after this one, or not this page under `make serve --dirty`), or its source has
  changed since, the version's Markdown is converted here, to the same HTML.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from hooks import state
from hooks.core import parallel_text as pt
from hooks.core import views
from hooks.core.exchange import Exchange
from hooks.core.links_extract import COPIES_END, COPIES_START
from hooks.core.posts import Post
from hooks.core.search import language_root
from hooks.core.ui import t
from hooks.core.unsafe import problems_in
from hooks.core.urls import relative_url, url_of

log = logging.getLogger("mkdocs.hooks.parallel_text")

MARKER = "<!-- parallel-text -->"
VIEW_TEMPLATE = "partials/parallel-text.html"


@dataclass(frozen=True)
class _Rendered:
    """A version's Markdown as the site renders it, split into blocks (before the ids and
    links are fitted to the page showing it)."""

    blocks: list[pt.HtmlBlock]
    footnotes: list[str]
    paired: bool  # its HTML split into the blocks its source has (it always should)
    # The URL of the post page whose HTML this is (its links are page URLs already), or None
    # for the Markdown converted here (its links are as written).
    page_url: str | None = None


_env: Environment | None = None
# Page language -> its parser: the Markdown settings are per language (the headings' "¶"
# tooltip is in the page's).
_converters: dict[str, markdown.Markdown] = {}
_pages: dict[str, tuple[Post, Post]] = {}  # this language's parallel page path -> (own, other)
# A post's own HTML, as Markdown gave it for its page in this language's build: its parallel
# page shows it again instead of converting its Markdown a second time. Post path -> HTML.
_post_html: dict[str, str] = {}
_shown: set[str] = set()  # this language's posts that have a parallel page
# Digest of the Markdown each of _post_html was rendered from (the other languages' builds
# tell by it whether that HTML is still their version's), for the posts whose page HTML a
# view may show (pt.page_html_reusable).
_post_digests: dict[str, str] = {}
# The other languages' posts' HTML from their own builds: language -> post path -> (digest,
# HTML). From this process's earlier language, or received through _exchange.
_handed: dict[str, dict[str, tuple[str, str]]] = {}
_exchange: Exchange | None = None  # this build's, where the languages' processes hand it
_building = ""  # the language this process is building
_published = False  # its posts' HTML handed on (or its build failed: nothing handed)
WAIT = 120.0  # seconds a language's HTML is waited for, at most, before converting here
_page_urls: dict[str, frozenset[str]] = {}  # language -> its pages' site URLs
# (language of the view, "handed" or "converted") -> other languages' versions shown.
_versions: Counter[tuple[str, str]] = Counter()


# Which posts get a parallel page, and where: pure, shared with hooks/core/dependents.py.
partner = pt.partner
parallel_path = pt.parallel_path


def _source(config: MkDocsConfig, post: Post) -> Path:
    return Path(config.docs_dir) / post.lang / post.rel_path


def on_pre_build(config: MkDocsConfig) -> None:
    """Pair every readable translation with its original, once per build."""
    if state.inside_i18n_build(config):
        return  # the pairing is checked once, for every language
    global _exchange
    _converters.clear()
    _handed.clear()
    _versions.clear()
    _remove_exchange()
    _exchange = Exchange.create("parallel-text-")  # (None: each view converts the other)
    content = state.site().content
    with state.timed("parallel text"):
        for lang in content.languages:
            for post in content.posts.get(lang, {}).values():
                original = partner(content, post) if post.translated_from else None
                if original is None:
                    continue
                own_text = _source(config, post).read_text(encoding="utf-8")
                other_text = _source(config, original).read_text(encoding="utf-8")
                mismatch = pt.pairing_of(own_text, other_text)
                if mismatch is not None:
                    # A stale translation is expected not to pair: reported as the site
                    # reports stale translations (extra.stale_translations).
                    stale_ok = post.stale and config.extra.get("stale_translations") == "info"
                    (log.info if stale_ok else log.warning)(
                        mismatch.describe(
                            post.path,
                            original.path,
                            other_end=len(other_text.splitlines()),
                            own_end=len(own_text.splitlines()),
                        )
                    )


@event_priority(-110)  # after static-i18n (-100) has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _building, _published
    content = state.site().content
    lang = state.current_language(config)
    _building, _published = lang, False
    if state.worker and _exchange is not None:
        # A language's own process (hooks/parallel.py), as its build starts: the processes
        # forked before it, not told its id, know by this lock whether it still lives.
        _exchange.note_process(lang)
    _pages.clear()
    _post_html.clear()
    _post_digests.clear()
    _shown.clear()
    _page_urls.clear()
    for post in content.posts.get(lang, {}).values():
        other = partner(content, post)
        if other is None:
            continue
        rel_path = parallel_path(post)
        meta = {
            "title": t(lang, "parallel.title", title=post.title),
            "description": post.description,
            "search": {"exclude": True},
            "hide": ["navigation", "toc"],
        }
        files.append(state.generated_page(config, lang, rel_path, meta, MARKER))  # not in nav
        _pages[rel_path] = (post, other)
        _shown.add(post.rel_path)
    return files


@event_priority(10000)  # the Markdown as MkDocs read it, before any handler changes it
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A post whose page HTML a view may show (once, here, for every view of it)."""
    rel_path = state.page_rel_path(page)
    lang = state.page_language(page)
    if rel_path in _shown and lang == state.current_language(config):
        docs = Path(config.docs_dir)

        def exists(path: str) -> bool:
            return (docs / path).is_file()

        if pt.page_html_reusable(markdown, f"{lang}/{rel_path}", exists):
            _post_digests[rel_path] = _digest(markdown)
    return markdown


@event_priority(100)  # before any hook adds to the HTML Markdown gave
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    rel_path = state.page_rel_path(page)
    if rel_path in _post_digests and state.page_language(page) == state.current_language(config):
        _post_html[rel_path] = html
    return html


def _digest(markdown: str) -> str:
    """Of a page's Markdown as MkDocs reads it from its file (front matter taken off)."""
    return hashlib.blake2b(markdown.encode("utf-8"), digest_size=16).hexdigest()


def _read_as_mkdocs_does(text: str) -> str:
    """The Markdown MkDocs reads from a file holding ``text`` (read as UTF-8, BOM and all)."""
    return get_data(text.removeprefix("\ufeff"))[0]


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page's Markdown of this language is rendered by now: its posts' HTML handed on
    to the other languages' parallel pages."""
    global _env
    _env = env
    with state.timed("parallel text"):
        _publish({path: (_post_digests[path], html) for path, html in _post_html.items()})
    return env


def _publish(posts: dict[str, tuple[str, str]]) -> None:
    global _published
    if _published:
        return
    _published = True
    _handed[_building] = posts  # for a language built after this one, in this process
    shared = _exchange if _building in state.side_by_side else None
    if shared is not None and not shared.publish(_building, posts):  # (a full disk)
        log.debug(f"Parallel text: the {_building} HTML could not be handed over")


def on_build_error(error: Exception) -> None:
    """The other languages' processes wait for this one's HTML no longer."""
    if _exchange is not None and _exchange.folder.is_dir():
        _publish({})
    _remove_exchange()


@event_priority(-2000)  # after static-i18n (-100) and hooks/parallel.py (-1000)
def on_post_build(config: MkDocsConfig) -> None:
    """A language's pages are written: where its views' other versions came from (in
    ``--verbose``). The outer build is over, every language's pages written: the folder
    goes."""
    for lang in sorted({lang for lang, _ in _versions}):
        log.debug(
            f"Parallel text ({lang}): other languages' versions shown from their own "
            f"build {_versions[lang, 'handed']}, converted here {_versions[lang, 'converted']}"
        )
    _versions.clear()
    if not state.inside_i18n_build(config):
        _remove_exchange()


def on_shutdown() -> None:
    _remove_exchange()


def _remove_exchange() -> None:
    global _exchange
    if _exchange is not None and not state.worker:  # (the process that made it removes it)
        _exchange.remove()
    _exchange = None


def _handed_html(lang: str) -> dict[str, tuple[str, str]]:
    """``lang``'s posts' HTML from its own build, once it is there (waited for while its
    process renders its Markdown); empty when there is none."""
    found = _handed.get(lang)
    if found is None:
        received = None
        if _exchange is not None and lang in state.side_by_side:
            pid = state.side_by_side[lang]  # (0: forked after this process, not known here)
            shared = _exchange
            received = shared.receive(lang, lambda: shared.writer_alive(lang, pid), WAIT)
        found = {key: (digest, html) for key, (digest, html) in (received or {}).items()}
        _handed[lang] = found
    return found


@event_priority(-60)  # after hooks/blog.py (-50) has pointed the switcher at translations
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    content = state.site().content
    default = content.default_language
    lang, rel_path = state.page_language(page), state.page_rel_path(page)
    pair = _pages.get(rel_path)
    if pair is not None:
        own, other = pair
        if page.content and MARKER in page.content:
            # Here rather than in on_page_content: MkDocs makes its Jinja environment after
            # rendering every page's Markdown.
            with state.timed("parallel text"):
                assert _env is not None
                view = _view(config, page.url, own, other)
                page.content = page.content.replace(
                    MARKER, _env.get_template(VIEW_TEMPLATE).render(view=view)
                )
        context["parallel_switch"] = _switch(own, other, page.url, parallel=True)
        # Not a second copy of either text for search engines: see README, "Parallel text".
        context["noindex"] = True
        context["hreflang_links"] = []
        page.canonical_url = None
        # The language switcher leads to the same view in the other language.
        alternates = [dict(a) for a in config.extra["alternate"]]
        for alternate in alternates:
            version = own if alternate["lang"] == lang else None
            if alternate["lang"] == other.lang:
                version = other
            if version is not None:
                alternate["link"] = url_of(parallel_path(version), version.lang, default)
        config.extra.alternate = config.extra["alternate"] = alternates
        return context
    post = content.post_at(lang, rel_path)
    other = partner(content, post) if post is not None else None
    context["parallel_switch"] = (
        _switch(post, other, page.url, parallel=False) if post and other else None
    )
    return context


def _switch(own: Post, other: Post, page_url: str, parallel: bool) -> dict[str, Any]:
    """The control on a post and on its parallel page: two views, the current one marked."""
    default = state.site().default_language
    single_url = url_of(own.rel_path, own.lang, default)
    parallel_url = url_of(parallel_path(own), own.lang, default)
    beside = "parallel.beside_translation" if other.translated_from else "parallel.beside_original"
    return {
        "label": t(own.lang, "parallel.label"),
        "options": [
            {
                "text": t(own.lang, "parallel.single", language=t(own.lang, f"lang.{own.lang}")),
                "href": relative_url(single_url, page_url),
                "current": not parallel,
                "view": "single",
            },
            {
                "text": t(own.lang, beside, language=t(own.lang, f"lang.{other.lang}")),
                "href": relative_url(parallel_url, page_url),
                "current": parallel,
                "view": "parallel",
            },
        ],
    }


def _render(config: MkDocsConfig, post: Post) -> _Rendered:
    """``post``'s HTML split into blocks: its page's, when that page is in this build or
    its language's build handed it on, rendered from the same source; else its Markdown
    rendered with the site's extensions (in the language of the page showing it: the
    headings' tooltip). Each is shown by one parallel page per language."""
    page_lang = state.current_language(config)
    default = state.site().default_language
    page_url = url_of(post.rel_path, post.lang, default)
    text = _source(config, post).read_text(encoding="utf-8")
    digest = _digest(_read_as_mkdocs_does(text))
    if post.lang == page_lang:
        html = _post_html.get(post.rel_path)
        if html is not None and _post_digests[post.rel_path] == digest:
            # Its page was rendered in this build, from this text: the same HTML, reused.
            return _split(config, post, html, page_url, text)
    lines = text.replace("\r\n", "\n").split("\n")
    start = pt.body_start(text)
    body = "\n".join(lines[start:])
    handed = _handed_html(post.lang).get(post.rel_path) if post.lang != page_lang else None
    from_its_page = handed is not None and handed[0] == digest  # made from this text
    if handed is not None and from_its_page:
        html = pt.titles_in_language(handed[1], _tooltips(post.lang), _tooltips(page_lang))
        _versions[page_lang, "handed"] += 1
    else:
        if post.lang != page_lang:
            _versions[page_lang, "converted"] += 1
        converter = _converters.get(page_lang)
        if converter is None:
            converter = _converters[page_lang] = markdown.Markdown(
                extensions=config.markdown_extensions, extension_configs=config.mdx_configs
            )
        html = converter.reset().convert(body)
    if state.command == "serve":
        # Under `mkdocs serve` this language's pages are written before the other one's are
        # checked (hooks/safety.py): refused here, before this page is written. (`make
        # build` writes nothing anywhere when any language is refused.)
        problems = problems_in(html, body, post.path, start + 1, state.settings.allow_scripts)
        if problems:
            state.fail(problems)
    return _split(config, post, html, page_url if from_its_page else None, text)


def _split(
    config: MkDocsConfig, post: Post, html: str, page_url: str | None, text: str | None = None
) -> _Rendered:
    """``post``'s HTML in blocks, checked against the blocks of its Markdown ``text``."""
    if text is None:
        text = _source(config, post).read_text(encoding="utf-8")
    blocks, footnotes = pt.html_blocks(html)
    kinds = [block.kind for block in pt.markdown_blocks(text)]
    paired = kinds == [block.kind for block in blocks]
    if not paired:
        log.info(f"{post.path}: parallel text: its HTML has other blocks than its source")
    return _Rendered(blocks, footnotes, paired, page_url)


def _fitted(html: str, post: Post, rendered: _Rendered, page_url: str, page_lang: str) -> Markup:
    """A block of ``post`` as shown on the page at ``page_url``: its ids prefixed with its
    language, its relative links pointing where they pointed from the post (to pages in
    its language: marked with hreflang on a page in the other one)."""
    content = state.site().content
    default = content.default_language
    root = language_root(post.lang, default)

    def page_of(target: str) -> str | None:
        known = target in content.path_keys.get(post.lang, {})
        return url_of(target, post.lang, default) if known else None

    if rendered.page_url is not None:  # the post page's HTML: links already page URLs
        rebasers = [
            pt.page_links_rebaser(
                rendered.page_url,
                page_url,
                relative_url,
                hreflang=None if post.lang == page_lang else post.lang,
                is_page=_page_urls_of(post.lang).__contains__,
            )
        ]
    else:
        rebasers = [
            pt.links_rebaser(
                posixpath.dirname(post.rel_path),
                page_url,
                page_of,
                lambda target: root + target,
                relative_url,
                hreflang=None if post.lang == page_lang else post.lang,
            ),
            # srcset is not MkDocs' to rewrite: written for the post's own page, as there.
            pt.srcset_rebaser(url_of(post.rel_path, post.lang, default), page_url, relative_url),
        ]
    # One pass over the block's tags: its links rebased, then its ids and in-page links
    # prefixed (Python-Markdown's HTML of the post's own Markdown, as on the post page).
    html = pt.rewrite_attributes(html, *rebasers, pt.id_prefixer(f"{post.lang}-"))
    return Markup(html)  # noqa: S704


def _tooltips(lang: str) -> dict[str, str]:
    """The extensions' titles in ``lang`` (hooks/outputs.py sets them per language)."""
    return {
        "toc.permalink": t(lang, "toc.permalink"),
        "footnote.backlink": t(lang, "footnote.backlink", number="{}"),
    }


def _page_urls_of(lang: str) -> frozenset[str]:
    """The site URLs of ``lang``'s pages (those a ``.md`` link of its posts resolves to)."""
    urls = _page_urls.get(lang)
    if urls is None:
        content = state.site().content
        paths = content.path_keys.get(lang, {})
        urls = frozenset(url_of(path, lang, content.default_language) for path in paths)
        _page_urls[lang] = urls
    return urls


def _view(config: MkDocsConfig, page_url: str, own: Post, other: Post) -> dict[str, Any]:
    """What the view's partial shows: both titles, the columns, the rows of blocks."""
    content = state.site().content
    default = content.default_language
    lang = own.lang
    mine, theirs = _render(config, own), _render(config, other)
    rows = []
    for row in pt.pair_rows(mine.blocks, theirs.blocks, lambda block: block.unpaired):
        first = row.own or row.other
        assert first is not None
        rows.append(
            {
                "kind": first.kind,
                "own": _cell(row.own, own, mine, page_url, lang),
                "other": _cell(row.other, other, theirs, page_url, lang),
            }
        )
    translation = own if own.translated_from else other
    original = other if own.translated_from else own
    stale = None
    if translation.stale:  # the notice of the translation's own page, in its column
        href = relative_url(url_of(original.rel_path, original.lang, default), page_url)
        stale = {"own": translation is own, "notice": views.stale_notice(translation, href)}

    def column(post: Post) -> dict[str, str]:
        role = "parallel.column_translation" if post.translated_from else "parallel.column_original"
        return {
            "lang": post.lang,
            "label": t(lang, role, language=t(lang, f"lang.{post.lang}")),
            "tag": post.lang.upper(),
            "href": relative_url(url_of(post.rel_path, post.lang, default), page_url),
        }

    return {
        "lang": lang,
        "own": column(own),
        "other": column(other),
        "title": {"own": own.title, "other": other.title},
        "rows": rows,
        "stale": stale,
        "footnotes": {
            "own": Markup("").join(
                _fitted(html, own, mine, page_url, lang) for html in mine.footnotes
            ),
            "other": Markup("").join(
                _fitted(html, other, theirs, page_url, lang) for html in theirs.footnotes
            ),
        },
        "only_here": t(lang, "parallel.only_here"),
        # The rows repeat links checked on the posts: the link check skips them.
        "copies": {"start": Markup(COPIES_START), "end": Markup(COPIES_END)},  # noqa: S704 (constants)
        "notes_title": t(lang, "parallel.footnotes"),
    }


def _cell(
    block: pt.HtmlBlock | None, post: Post, rendered: _Rendered, page_url: str, page_lang: str
) -> dict[str, Any] | None:
    if block is None:
        return None
    return {
        "html": _fitted(block.html, post, rendered, page_url, page_lang),
        "list_tag": block.list_tag,
        "number": block.number,
        "unpaired": block.unpaired,
    }
