"""The content model: posts and section pages in every language, validated in one place.

Layout (mkdocs-static-i18n, folder structure): ``<docs>/<lang>/posts/<slug>.md`` are posts,
every other ``<docs>/<lang>/**/*.md`` is a section page. A post and its translation share the
slug; section pages pair through ``translation_key`` (their slugs may differ per language).

Language-neutral facts (date, author, source, series) are written once, in the original, and
inherited by its translations; a translation that repeats one must agree with the original.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from hooks.core.collation import sorted_text
from hooks.core.dates import DateError, PostDate, Precision, parse_post_date
from hooks.core.frontmatter import FrontMatter, FrontMatterError, parse
from hooks.core.problems import ContentError, Problem
from hooks.core.publishing import publishing_problems
from hooks.core.urls import url_of

POSTS_DIR = "posts"
UNKNOWN = "unknown"
TRANSLATION_STATUSES = ("complete", "pending")

# Facts about the work itself: stated by the original, inherited by translations.
SHARED_FIELDS = (
    "date",
    "date_after",
    "date_before",
    "date_inferred",
    "author",
    "source",
    "series",
    "series_order",
)
# Words of one language version.
LANGUAGE_FIELDS = ("title", "description", "date_note", "tags", "draft", "translation")
# Material for MkDocs page options that authors may still use on any page.
THEME_FIELDS = ("hide", "icon", "status", "template", "search", "subtitle")
POST_FIELDS = SHARED_FIELDS + LANGUAGE_FIELDS + THEME_FIELDS
PAGE_FIELDS = ("title", "description", "translation_key", "tags", *THEME_FIELDS)
SOURCE_FIELDS = ("blog", "platform", "url", "position")
TRANSLATION_FIELDS = ("from", "status", "source_hash")
DESCRIPTION_MAX = 300
WORDS_PER_MINUTE = 200


def content_hash(title: str, description: str, body: str) -> str:
    """Fingerprint of what a translation translates (whitespace-insensitive)."""
    text = "\n".join(" ".join(part.split()) for part in (title, description, body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def count_words(markdown: str) -> int:
    """Words a reader reads: code, HTML tags, link targets and attribute lists left out."""
    text = re.sub(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1", " ", markdown, flags=re.S | re.M)
    text = re.sub(r"\]\([^)]*\)|<[^>]+>|\{:?[^}]*\}|^!!!.*$", " ", text, flags=re.M)
    return len(re.findall(r"\w+", text))


@dataclass(frozen=True)
class Source:
    """Where a republished post first appeared; None means unknown."""

    blog: str | None = None
    platform: str | None = None
    url: str | None = None
    position: int | None = None  # place in the source blog's listing, 1 = newest


@dataclass(frozen=True)
class Post:
    """One language version of a post, with inherited facts resolved."""

    path: str  # as shown to authors, e.g. docs/es/posts/slug.md
    lang: str
    rel_path: str  # relative to the language folder, e.g. posts/slug.md
    title: str
    description: str
    date: PostDate
    date_note: str | None = None
    author: str | None = None  # None: unknown
    source: Source | None = None
    tags: tuple[str, ...] = ()
    series: str | None = None
    series_order: int | None = None
    draft: bool = False
    translated_from: str | None = None  # language of the original; None for the original
    translation_status: str = "complete"
    words: int = 0
    content_hash: str = ""  # of what a translation translates: title, description, body
    source_hash: str | None = None  # a translation: content_hash of the original it translates
    stale: bool = False  # a translation whose original changed since it was stamped
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def slug(self) -> str:
        return PurePosixPath(self.rel_path).stem

    @cached_property
    def key(self) -> str:
        return f"{POSTS_DIR}/{self.slug}"

    @property
    def is_translation(self) -> bool:
        return self.translated_from is not None

    @property
    def reading_minutes(self) -> int:
        """Minutes to read at 200 words a minute, at least one."""
        return max(1, round(self.words / WORDS_PER_MINUTE))

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)

    @cached_property
    def order(self) -> tuple[Any, ...]:
        """Ascending = oldest first; ties broken by the source listing, then the slug."""
        position = self.source.position if self.source and self.source.position else 0
        return (self.date.sort_key(), -position, self.slug)


@dataclass(frozen=True)
class SectionPage:
    """A non-post page (home, tags, about the sources...)."""

    path: str
    lang: str
    rel_path: str
    key: str
    title: str | None = None


@dataclass
class Content:
    """Every page of every language, validated, with translation pairs resolved."""

    languages: tuple[str, ...]
    default_language: str
    posts: dict[str, dict[str, Post]]  # lang -> key -> post
    pages: dict[str, dict[str, SectionPage]]  # lang -> key -> page
    path_keys: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> rel_path -> key
    drafts_visible: bool = False  # `mkdocs serve` shows drafts; `mkdocs build` leaves them out
    _listed: dict[str, list[Post]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for lang in self.languages:
            keys = {post.rel_path: key for key, post in self.posts.get(lang, {}).items()}
            keys.update({page.rel_path: key for key, page in self.pages.get(lang, {}).items()})
            self.path_keys[lang] = keys

    def post_at(self, lang: str, rel_path: str) -> Post | None:
        """The post whose file is ``rel_path`` in ``lang``'s folder, if it is one."""
        return self.posts.get(lang, {}).get(self.path_keys.get(lang, {}).get(rel_path, ""))

    def add_page(self, lang: str, rel_path: str, key: str) -> None:
        """Register a generated page (series, listing...) so that it pairs like any page."""
        page = SectionPage(f"(generated) {lang}/{rel_path}", lang, rel_path, key)
        self.pages.setdefault(lang, {})[key] = page
        self.path_keys.setdefault(lang, {})[rel_path] = key

    def show_drafts(self, visible: bool) -> None:
        """Drafts readable (``mkdocs serve``) or not (``mkdocs build``)."""
        self.drafts_visible = visible
        self._listed.clear()

    def readable(self, post: Post) -> bool:
        """Whether readers get this version: translated, and published (or previewed)."""
        return post.translation_status == "complete" and (self.drafts_visible or not post.draft)

    def listed_posts(self, lang: str) -> list[Post]:
        """Posts readable in ``lang``, newest first (computed once per language: every page
        of a build asks)."""
        if lang not in self._listed:
            posts = [post for post in self.posts.get(lang, {}).values() if self.readable(post)]
            self._listed[lang] = sorted(posts, key=lambda post: post.order, reverse=True)
        return self._listed[lang]

    def counterpart(self, lang: str, rel_path: str, other: str) -> str | None:
        """Path (relative to ``other``'s folder) of the page translating ``rel_path``, if any.

        A pending translation is not a counterpart (readers must not land on it believing it
        translated), nor is an unpublished draft.
        """
        key = self.path_keys.get(lang, {}).get(rel_path)
        if key is None:
            return None
        post = self.posts.get(other, {}).get(key)
        if post is not None:
            return post.rel_path if self.readable(post) else None
        page = self.pages.get(other, {}).get(key)
        return page.rel_path if page else None

    def versions(self, lang: str, rel_path: str) -> dict[str, str]:
        """Every language in which the page ``rel_path`` of ``lang`` is readable -> its path."""
        found = {lang: rel_path}
        for other in self.languages:
            if other != lang and (path := self.counterpart(lang, rel_path, other)):
                found[other] = path
        return found

    def versions_of(self, key: str) -> list[Post]:
        """Every language version of the post ``key``, in the site's order of languages."""
        return [
            version
            for lang in self.languages
            if (version := self.posts.get(lang, {}).get(key)) is not None
        ]

    def original_of(self, post: Post) -> Post:
        if post.translated_from is None:
            return post
        return self.posts[post.translated_from][post.key]


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean X?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# ---------------------------------------------------------------------------------------
# Field validation


class _Fields:
    """Validates the raw front matter of one file, collecting problems."""

    def __init__(self, path: str, meta: FrontMatter, problems: list[Problem]) -> None:
        self.path = path
        self.meta = meta
        self.data = meta.data
        self.problems = problems

    def problem(self, name: str, message: str, expected: str = "") -> None:
        self.problems.append(Problem(self.path, self.meta.line_of(name), name, message, expected))

    def unknown_keys(self, allowed: Sequence[str], prefix: str = "", data: Any = None) -> None:
        data = self.data if data is None else data
        for key in data:
            if str(key) not in allowed:
                name = f"{prefix}{key}"
                self.problem(
                    name,
                    f"unknown field{suggest(str(key), allowed)}",
                    "one of " + ", ".join(allowed),
                )

    def text(self, name: str, required: bool, max_length: int | None = None) -> str | None:
        value = self.data.get(name)
        if value is None:
            if required:
                self.problem(name, "is missing", "a non-empty text")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(name, f"{value!r} is not a non-empty text", "a non-empty text")
            return None
        if "\n" in value.strip():
            self.problem(name, "spans several lines", "a single line of text")
            return None
        if max_length is not None and len(value) > max_length:
            self.problem(name, f"is {len(value)} characters long", f"at most {max_length}")
            return None
        return value.strip()

    def boolean(self, name: str) -> bool | None:
        value = self.data.get(name)
        if value is not None and not isinstance(value, bool):
            self.problem(name, f"{value!r} is not true or false", "true or false")
            return None
        return value

    def positive_int(self, name: str) -> int | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problem(name, f"{value!r} is not a whole number from 1 up", "1, 2, 3, ...")
            return None
        return value

    def tags(self) -> tuple[str, ...] | None:
        value = self.data.get("tags")
        if value is None:
            return None
        if not isinstance(value, list):
            self.problem("tags", f"{value!r} is not a list", "a list, e.g. [marketing, lealtad]")
            return None
        tags: list[str] = []
        for tag in value:
            if not isinstance(tag, str) or not tag.strip():
                self.problem("tags", f"{tag!r} is not a non-empty text", "text tags")
            elif tag.strip() in tags:
                self.problem("tags", f"{tag!r} appears twice", "each tag once")
            else:
                tags.append(tag.strip())
        return tuple(tags)

    def author(self, required: bool) -> tuple[bool, str | None]:
        """(present, name); a name of None means 'unknown'."""
        if "author" not in self.data:
            if required:
                self.problem("author", "is missing", "the author's name, or 'unknown'")
            return False, None
        name = self.text("author", required=True)
        return True, (None if name is None or name.lower() == UNKNOWN else name)

    def source(self) -> Source | None:
        value = self.data.get("source")
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(
                "source", f"{value!r} is not a mapping", "blog:, platform:, url:, position:"
            )
            return None
        self.unknown_keys(SOURCE_FIELDS, "source.", value)
        sub = _Fields(self.path, replace(self.meta, data=value), self.problems)
        sub_values: dict[str, Any] = {}
        for name in ("blog", "platform", "url"):
            if name in value:
                text = sub.text(name, required=True)
                if text is not None and text.lower() != UNKNOWN:
                    sub_values[name] = text
        url = sub_values.get("url")
        if url and not re.match(r"https?://[^\s/]+\.[^\s]+$", url):
            self.problem("source.url", f"{url!r} is not a web address", "http(s)://host/path")
        position = sub.positive_int("position")
        return Source(position=position, **sub_values)

    def translation(
        self, languages: Sequence[str], lang: str
    ) -> tuple[str | None, str, str | None]:
        """(language of the original, status, source_hash) of a translation."""
        value = self.data.get("translation")
        if value is None:
            return None, "complete", None
        if not isinstance(value, dict):
            self.problem("translation", f"{value!r} is not a mapping", "from: <language>")
            return None, "complete", None
        self.unknown_keys(TRANSLATION_FIELDS, "translation.", value)
        origin = value.get("from")
        others = [other for other in languages if other != lang]
        if origin not in others:
            self.problem(
                "translation.from",
                f"{origin!r} is not another language of the site",
                "one of " + ", ".join(others),
            )
            origin = None
        status = value.get("status", "complete")
        if status not in TRANSLATION_STATUSES:
            self.problem(
                "translation.status",
                f"{status!r} is not a status",
                " or ".join(TRANSLATION_STATUSES),
            )
            status = "complete"
        source_hash = value.get("source_hash")
        if source_hash is not None and not isinstance(source_hash, str):
            # An all-digit hash written without quotes is read by YAML as a number (and as
            # octal when it starts with 0): it can never match, so every build would call
            # the translation stale.
            self.problem(
                "translation.source_hash",
                f"{source_hash!r} was read as a number, not as the hash's text",
                "the hash in quotes, as `python -m hooks.translations stamp` writes it",
            )
            source_hash = None
        elif source_hash is not None and not re.fullmatch(r"[0-9a-f]{16}", source_hash):
            self.problem(
                "translation.source_hash",
                f"{source_hash!r} is not a content hash",
                "16 hex digits, written by `python -m hooks.translations stamp`",
            )
            source_hash = None
        return origin, status, source_hash


# ---------------------------------------------------------------------------------------
# Loading


@dataclass
class _Draft:
    """A post's validated fields before inheritance from its original."""

    path: str
    lang: str
    rel_path: str
    lines: dict[str, int]
    values: dict[str, Any]
    shared: dict[str, Any]  # shared fields this file states
    translated_from: str | None
    translation_status: str
    source_hash: str | None
    content_hash: str
    words: int


def decoded(raw: bytes) -> str:
    """A file's text as ``read_text`` gives it: UTF-8 (UnicodeDecodeError if not), universal
    newlines."""
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _read(
    path: Path, display: str, problems: list[Problem], raw: bytes | None = None
) -> FrontMatter | None:
    try:
        if raw is None:
            return parse(path.read_text(encoding="utf-8"))
        return parse(decoded(raw))
    except UnicodeDecodeError as error:
        problems.append(Problem(display, 1, "file", f"is not UTF-8 ({error.reason})", "UTF-8 text"))
    except FrontMatterError as error:
        problems.append(Problem(display, error.line, "front matter", error.message, error.expected))
    return None


def _draft_post(
    path: str,
    lang: str,
    rel_path: str,
    meta: FrontMatter,
    languages: Sequence[str],
    problems: list[Problem],
) -> _Draft:
    fields = _Fields(path, meta, problems)
    fields.unknown_keys(POST_FIELDS)
    translated_from, status, source_hash = fields.translation(languages, lang)
    is_original = "translation" not in meta.data
    values: dict[str, Any] = {
        "title": fields.text("title", required=True),
        "description": fields.text("description", required=True, max_length=DESCRIPTION_MAX),
        "date_note": fields.text("date_note", required=False),
        "tags": fields.tags() or (),
        "draft": bool(fields.boolean("draft")),
    }
    shared: dict[str, Any] = {}
    if is_original or any(name.startswith("date") and name != "date_note" for name in meta.data):
        if is_original or "date" in meta.data:
            try:
                shared["date"] = parse_post_date(
                    meta.data.get("date"),
                    after=meta.data.get("date_after"),
                    before=meta.data.get("date_before"),
                    inferred=meta.data.get("date_inferred", False),
                )
            except DateError as error:
                fields.problem(error.field, error.message, error.expected)
        else:
            fields.problem("date", "date_* fields without a date", "date: with them, or none")
    present, author = fields.author(required=is_original)
    if present:
        shared["author"] = author
    if "source" in meta.data:
        shared["source"] = fields.source()
    if "series" in meta.data:
        series = fields.text("series", required=True)
        if series is not None and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", series):
            fields.problem("series", f"{series!r} is not a series id", "an id like 'mi-serie'")
        shared["series"] = series
    if "series_order" in meta.data:
        shared["series_order"] = fields.positive_int("series_order")
    fingerprint = content_hash(values["title"] or "", values["description"] or "", meta.body)
    return _Draft(
        path,
        lang,
        rel_path,
        dict(meta.lines),
        values,
        shared,
        translated_from,
        status,
        source_hash,
        fingerprint,
        count_words(meta.body),
    )


def _resolve(drafts: list[_Draft], languages: Sequence[str], problems: list[Problem]) -> list[Post]:
    """Pair the language versions of one post, check them, inherit shared facts."""
    originals = [draft for draft in drafts if draft.translated_from is None]
    if len(originals) != 1:
        for draft in originals[1:] if originals else drafts:
            problems.append(
                Problem(
                    draft.path,
                    draft.lines.get("translation", 1),
                    "translation",
                    (
                        f"{len(originals)} versions of this post claim to be the original"
                        if originals
                        else "every version says it is a translation; none is the original"
                    ),
                    "exactly one version without 'translation:', the others with "
                    "'translation: {from: <language of the original>}'",
                ),
            )
        return []
    original = originals[0]
    by_lang = {draft.lang: draft for draft in drafts}
    for lang in languages:
        if lang not in by_lang:
            missing = str(
                PurePosixPath(original.path).parent.parent.parent / lang / original.rel_path
            )
            problems.append(
                Problem(
                    original.path,
                    1,
                    "translation",
                    f"missing translation: there is no {missing}",
                    f"a file {missing} with 'translation: {{from: {original.lang}}}' "
                    "(add 'status: pending' until it is translated)",
                ),
            )
    problems.extend(publishing_problems(original, [d for d in drafts if d is not original]))
    posts: list[Post] = []
    for draft in drafts:
        if draft.translated_from is not None and draft.translated_from != original.lang:
            problems.append(
                Problem(
                    draft.path,
                    draft.lines.get("translation.from", 1),
                    "translation.from",
                    f"says {draft.translated_from!r} but the original is {original.path}",
                    f"from: {original.lang}",
                ),
            )
        for name, value in draft.shared.items():
            if draft is original or name not in original.shared:
                continue
            if value != original.shared[name]:
                problems.append(
                    Problem(
                        draft.path,
                        draft.lines.get(name, 1),
                        name,
                        f"differs from the original "
                        f"({original.path}:{original.lines.get(name, 1)})",
                        "the original's value, or no such line (translations inherit it)",
                    ),
                )
        if draft is not original and any(
            name in draft.shared and name not in original.shared for name in SHARED_FIELDS
        ):
            name = next(n for n in SHARED_FIELDS if n in draft.shared and n not in original.shared)
            problems.append(
                Problem(
                    draft.path,
                    draft.lines.get(name, 1),
                    name,
                    "is stated by a translation but not by the original",
                    f"the line in the original {original.path}, not here",
                ),
            )
        if (
            draft is not original
            and draft.translation_status == "complete"
            and draft.source_hash is None
            and not any(
                p.path == draft.path and p.field.startswith("translation") for p in problems
            )
        ):
            problems.append(
                Problem(
                    draft.path,
                    draft.lines.get("translation", 1),
                    "translation.source_hash",
                    "is missing: nothing records which version of the original this translates",
                    f"run `python -m hooks.translations stamp {draft.path}` once it is up to date",
                ),
            )
        shared = {**original.shared, **draft.shared}
        values = draft.values
        if values["title"] is None or values["description"] is None or "date" not in shared:
            continue  # already reported
        date: PostDate = shared["date"]
        if (date.inferred or date.after or date.before) and values["date_note"] is None:
            problems.append(
                Problem(
                    draft.path,
                    draft.lines.get("date", 1) if draft is original else 1,
                    "date_note",
                    "is missing: the date is inferred or bounded, readers need to know why",
                    "date_note: one sentence on where the date comes from",
                ),
            )
        if shared.get("series_order") is not None and shared.get("series") is None:
            problems.append(
                Problem(
                    draft.path,
                    draft.lines.get("series_order", 1),
                    "series_order",
                    "is set but the post names no series",
                    "series: <id> with it",
                ),
            )
        posts.append(
            Post(
                path=draft.path,
                lang=draft.lang,
                rel_path=draft.rel_path,
                title=values["title"],
                description=values["description"],
                date=date,
                date_note=values["date_note"],
                author=shared.get("author"),
                source=shared.get("source"),
                tags=tuple(sorted_text(values["tags"], draft.lang)),  # one order everywhere
                series=shared.get("series"),
                series_order=shared.get("series_order"),
                draft=values["draft"],
                translated_from=draft.translated_from,
                translation_status=draft.translation_status,
                words=draft.words,
                content_hash=draft.content_hash,
                source_hash=draft.source_hash,
                stale=(
                    draft is not original
                    and draft.source_hash is not None
                    and draft.source_hash != original.content_hash
                ),
                lines=draft.lines,
            ),
        )
    return posts


def load_content(
    docs_dir: Path,
    languages: Sequence[str],
    default_language: str,
    display_root: Path | None = None,
    series_ids: Collection[str] | None = None,
    series_file: str = "series.yml",
    cache: ParseCache | None = None,
) -> Content:
    """Read and validate every Markdown page under ``docs_dir/<lang>/``.

    Raises ContentError listing every problem. ``display_root`` is the folder file paths are
    shown relative to (the project root). ``series_ids``, when given, are the series a post
    may name (declared in ``series_file``). ``cache``: files whose bytes are unchanged since
    the cache read them are not parsed nor validated again (``mkdocs serve``).
    """
    display_root = display_root or docs_dir.parent
    problems: list[Problem] = []
    post_drafts: dict[str, list[_Draft]] = {}
    unreadable: set[str] = set()  # pairing checks would only echo their reported problem
    pages: dict[str, dict[str, SectionPage]] = {lang: {} for lang in languages}
    for lang in languages:
        root = docs_dir / lang
        for file in sorted(root.rglob("*.md")):
            rel_path = file.relative_to(root).as_posix()
            display = _display(file, display_root)
            if cache is None:
                meta = _read(file, display, problems)
            else:
                meta = cache.read(file, display, problems)
            if meta is None:
                unreadable.add(f"{POSTS_DIR}/{file.stem}")
                continue
            if rel_path.startswith(f"{POSTS_DIR}/"):
                draft = (cache.draft if cache else _draft_post)(
                    display, lang, rel_path, meta, languages, problems
                )
                series = draft.shared.get("series")
                if series is not None and series_ids is not None and series not in series_ids:
                    problems.append(
                        Problem(
                            display,
                            meta.line_of("series"),
                            "series",
                            f"unknown series {series!r}{suggest(series, series_ids)}",
                            f"an id declared in {series_file}: "
                            + (", ".join(sorted(series_ids)) or "none yet"),
                        )
                    )
                post_drafts.setdefault(f"{POSTS_DIR}/{file.stem}", []).append(draft)
            else:
                page = _section_page(display, lang, rel_path, meta, problems)
                if page.key in pages[lang]:
                    problems.append(
                        Problem(
                            display,
                            meta.line_of("translation_key"),
                            "translation_key",
                            f"{page.key!r} is already used by {pages[lang][page.key].path}",
                            "a key unique within the language",
                        ),
                    )
                pages[lang][page.key] = page
    posts: dict[str, dict[str, Post]] = {lang: {} for lang in languages}
    for key, drafts in sorted(post_drafts.items()):
        if key in unreadable:
            continue
        for post in _resolve(drafts, languages, problems):
            posts[post.lang][key] = post
    problems += _tag_spellings(posts)
    for lang in languages:
        for key, page in pages[lang].items():
            for other in languages:
                if key not in pages[other]:
                    problems.append(
                        Problem(
                            page.path,
                            1,
                            "translation",
                            f"missing translation: no page in '{other}' "
                            f"has translation_key {key!r}",
                            f"a page under {other}/ with 'translation_key: {key}'",
                        ),
                    )
    if problems:
        raise ContentError(problems)
    return Content(tuple(languages), default_language, posts, pages)


def tag_key(tag: str) -> str:
    """What two spellings of one tag share: 'Atención' and 'atencion' -> 'atencion'."""
    decomposed = unicodedata.normalize("NFKD", tag)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _tag_spellings(posts: Mapping[str, Mapping[str, Post]]) -> list[Problem]:
    """Tags of one language that differ only in case or accents: they would share a tags
    page entry (and an anchor) while showing two spellings."""
    problems = []
    for lang_posts in posts.values():
        first: dict[str, tuple[str, Post]] = {}
        for _, post in sorted(lang_posts.items()):
            for tag in post.tags:
                seen = first.setdefault(tag_key(tag), (tag, post))
                if seen[0] != tag:
                    problems.append(
                        Problem(
                            post.path,
                            post.line_of("tags"),
                            "tags",
                            f"{tag!r} differs only in case or accents from {seen[0]!r} "
                            f"({seen[1].path}:{seen[1].line_of('tags')})",
                            f"one spelling of the tag everywhere: {seen[0]!r}",
                        )
                    )
    return problems


class ParseCache:
    """What reading and validating each file gave, reused while the file's bytes stay the
    same: `mkdocs serve` (hooks/incremental.py) re-reads every file on each rebuild but parses
    only the ones an author changed. Checks across files are never cached."""

    def __init__(self) -> None:
        self._read: dict[str, tuple[bytes, FrontMatter | None, tuple[Problem, ...]]] = {}
        self._drafts: dict[tuple[Any, ...], tuple[FrontMatter, _Draft, tuple[Problem, ...]]] = {}
        self._given: dict[str, bytes] = {}

    def give(self, files: Mapping[str, bytes]) -> None:
        """The bytes of files just read (path -> bytes), used once instead of reading them
        again (the server has just read every file to see what changed)."""
        self._given = dict(files)

    def read(self, path: Path, display: str, problems: list[Problem]) -> FrontMatter | None:
        raw = self._given.pop(str(path), None)
        if raw is None:
            raw = path.read_bytes()
        hit = self._read.get(display)
        if hit is not None and hit[0] == raw:
            problems.extend(hit[2])
            return hit[1]
        found: list[Problem] = []
        meta = _read(path, display, found, raw)
        self._read[display] = (raw, meta, tuple(found))
        problems.extend(found)
        return meta

    def draft(
        self,
        path: str,
        lang: str,
        rel_path: str,
        meta: FrontMatter,
        languages: Sequence[str],
        problems: list[Problem],
    ) -> _Draft:
        key = (path, lang, rel_path, tuple(languages))
        hit = self._drafts.get(key)
        if hit is not None and hit[0] is meta:  # the very parse read() kept: same bytes
            problems.extend(hit[2])
            return hit[1]
        found: list[Problem] = []
        draft = _draft_post(path, lang, rel_path, meta, languages, found)
        self._drafts[key] = (meta, draft, tuple(found))
        problems.extend(found)
        return draft


def _section_page(
    path: str, lang: str, rel_path: str, meta: FrontMatter, problems: list[Problem]
) -> SectionPage:
    fields = _Fields(path, meta, problems)
    fields.unknown_keys(PAGE_FIELDS)
    title = fields.text("title", required=False)
    explicit = fields.text("translation_key", required=False)
    key = explicit or str(PurePosixPath(rel_path).with_suffix(""))
    return SectionPage(path, lang, rel_path, key, title)


def _display(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


__all__ = [
    "Content",
    "ParseCache",
    "Post",
    "Precision",
    "SectionPage",
    "Source",
    "load_content",
    "suggest",
    "url_of",
]
