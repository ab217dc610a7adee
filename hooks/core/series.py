"""Series: declared once in a registry file, joined by posts, validated as a whole.

Registry (``docs/series.yml``)::

    miercoles-de-mekate:
      name: {es: Miércoles de Mekate, en: Miércoles de Mekate}
      description: {es: ..., en: ...}
      title_prefix: "Miércoles de Mekate: "     # optional: a literal prefix, or {es: .., en: ..}

A post joins a series with ``series: <id>`` (optionally ``series_order: N``), or, when the
registry declares a title prefix, by a title starting with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hooks.core.frontmatter import FrontMatter, FrontMatterError, parse
from hooks.core.posts import Content, Post
from hooks.core.problems import ContentError, Problem

SERIES_FIELDS = ("name", "description", "title_prefix")
SERIES_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Series:
    id: str
    name: Mapping[str, str]
    description: Mapping[str, str]
    title_prefix: Mapping[str, str] = field(default_factory=dict)
    line: int = 1


@dataclass(frozen=True)
class Registry:
    path: str
    series: Mapping[str, Series]

    def get(self, series_id: str) -> Series | None:
        return self.series.get(series_id)


def load_registry(path: Path, display: str, languages: Sequence[str]) -> Registry:
    """Read and validate the registry; a missing file is an empty registry."""
    if not path.exists():
        return Registry(display, {})
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(
            [Problem(display, 1, "file", f"is not UTF-8 ({error.reason})", "UTF-8 text")]
        ) from None
    except OSError as error:
        raise ContentError(
            [Problem(display, 1, "file", f"cannot be read ({error.strerror})", "a YAML file")]
        ) from None
    try:
        meta = parse("---\n" + text + "\n---\n")
    except FrontMatterError as error:
        raise ContentError(
            [Problem(display, error.line - 1, "series", error.message, error.expected)]
        ) from None
    return _build(display, meta, languages)


def _build(display: str, meta: FrontMatter, languages: Sequence[str]) -> Registry:
    problems: list[Problem] = []

    def line(key: str) -> int:
        return meta.line_of(key) - 1  # the registry has no opening '---' line

    found: dict[str, Series] = {}
    for series_id, spec in meta.data.items():
        series_id = str(series_id)
        if not SERIES_ID.fullmatch(series_id):
            problems.append(
                Problem(
                    display,
                    line(series_id),
                    series_id,
                    "is not a series id",
                    "lowercase words joined by '-', e.g. 'mi-serie'",
                )
            )
            continue
        if not isinstance(spec, dict):
            problems.append(
                Problem(
                    display,
                    line(series_id),
                    series_id,
                    "is not a mapping",
                    "name:, description: and optionally title_prefix:",
                )
            )
            continue
        for key in spec:
            if key not in SERIES_FIELDS:
                problems.append(
                    Problem(
                        display,
                        line(f"{series_id}.{key}"),
                        f"{series_id}.{key}",
                        "unknown field",
                        "one of " + ", ".join(SERIES_FIELDS),
                    )
                )
        texts: dict[str, dict[str, str]] = {}
        for name in SERIES_FIELDS:
            value = spec.get(name)
            where = f"{series_id}.{name}"
            if value is None:
                if name != "title_prefix":
                    problems.append(
                        Problem(
                            display,
                            line(series_id),
                            where,
                            "is missing",
                            "one text per language: " + ", ".join(languages),
                        )
                    )
                texts[name] = {}
                continue
            if isinstance(value, str) and name == "title_prefix":
                value = {lang: value for lang in languages}
            if not isinstance(value, dict) or any(
                not isinstance(value.get(lang), str) or not value[lang].strip()
                for lang in languages
            ):
                problems.append(
                    Problem(
                        display,
                        line(where),
                        where,
                        "needs a non-empty text for every language",
                        "{" + ", ".join(f"{lang}: ..." for lang in languages) + "}",
                    )
                )
                texts[name] = {}
                continue
            texts[name] = {lang: value[lang] for lang in languages}
        found[series_id] = Series(
            series_id, texts["name"], texts["description"], texts["title_prefix"], line(series_id)
        )
    if problems:
        raise ContentError(problems)
    return Registry(display, found)


# ---------------------------------------------------------------------------------------
# Parts: which posts form each series, in which order


@dataclass(frozen=True)
class Part:
    """One post of a series, language-neutral: its position and its readable versions."""

    key: str  # posts/<slug>
    position: int  # 1-based
    original: Post
    versions: Mapping[str, Post]  # language -> version readers can read (complete, any draft)

    def version(self, lang: str) -> Post | None:
        return self.versions.get(lang)


@dataclass(frozen=True)
class SeriesRun:
    """A series with its parts in reading order."""

    series: Series
    parts: tuple[Part, ...]

    @property
    def count(self) -> int:
        return len(self.parts)

    def part(self, key: str) -> Part | None:
        return next((part for part in self.parts if part.key == key), None)

    def neighbours(self, part: Part) -> tuple[Part | None, Part | None]:
        index = part.position - 1
        previous = self.parts[index - 1] if index > 0 else None
        following = self.parts[index + 1] if index + 1 < len(self.parts) else None
        return previous, following


@dataclass(frozen=True)
class SeriesIndex:
    """Every series of the site with its parts, and the series of every post."""

    runs: Mapping[str, SeriesRun]
    of_post: Mapping[str, str]  # posts/<slug> -> series id

    def run_of(self, key: str) -> SeriesRun | None:
        """The series ``key`` is a published part of, if any."""
        run = self.runs.get(self.of_post.get(key, ""))
        return run if run is not None and run.part(key) is not None else None


def display_title(title: str, series: Series, lang: str) -> str:
    """The title shown inside a series (box, series page): without the series' prefix."""
    prefix = series.title_prefix.get(lang)
    if prefix and title.startswith(prefix) and title[len(prefix) :].strip():
        return title[len(prefix) :].strip()
    return title


def prefix_matches(registry: Registry, title: str, lang: str) -> list[str]:
    return [
        series.id
        for series in registry.series.values()
        if series.title_prefix.get(lang) and title.startswith(series.title_prefix[lang])
    ]


def build_index(registry: Registry, content: Content) -> SeriesIndex:
    """Resolve membership (explicit or by title prefix) and order of every series.

    Raises ContentError with every inconsistency, each located in a Markdown file (or in
    the registry, for a series nobody joins). Linear in posts (plus a sort per series).
    """
    problems: list[Problem] = _registry_overlaps(registry)
    members: dict[str, list[Post]] = {series_id: [] for series_id in registry.series}
    of_post: dict[str, str] = {}
    for lang in content.languages:
        for key, post in sorted(content.posts.get(lang, {}).items()):
            if post.is_translation:
                continue
            series_id = _membership(registry, content, post, problems)
            if series_id is not None:
                members[series_id].append(post)
                of_post[key] = series_id
    runs: dict[str, SeriesRun] = {}
    for series_id, posts in members.items():
        series = registry.series[series_id]
        if not posts:
            problems.append(
                Problem(
                    registry.path,
                    series.line,
                    series_id,
                    "series is declared but no post joins it",
                    "remove it, or add 'series: " + series_id + "' to a post",
                )
            )
            continue
        # Validated with every part; numbered with the parts readers get (a draft is not
        # published by `mkdocs build`, so it takes no number there).
        ordered = [post for post in _order(series_id, posts, problems) if content.readable(post)]
        parts = tuple(
            Part(
                key=post.key,
                position=position,
                original=post,
                versions={
                    lang: version
                    for lang in content.languages
                    if (version := content.posts.get(lang, {}).get(post.key)) is not None
                    and content.readable(version)
                },
            )
            for position, post in enumerate(ordered, start=1)
        )
        if parts:
            runs[series_id] = SeriesRun(series, parts)
    if problems:
        raise ContentError(problems)
    return SeriesIndex(runs, of_post)


def _membership(
    registry: Registry, content: Content, original: Post, problems: list[Problem]
) -> str | None:
    """The series an original joins; checks its translations' titles agree."""
    by_prefix = prefix_matches(registry, original.title, original.lang)
    if len(by_prefix) > 1:
        problems.append(
            Problem(
                original.path,
                original.line_of("title"),
                "title",
                "matches the title_prefix of several series: " + ", ".join(by_prefix),
                f"prefixes in {registry.path} that do not overlap, or an explicit series:",
            )
        )
        return None
    explicit = original.series
    if explicit and by_prefix and by_prefix[0] != explicit:
        problems.append(
            Problem(
                original.path,
                original.line_of("series"),
                "series",
                f"is {explicit!r} but the title starts with the prefix of {by_prefix[0]!r}",
                "one series: change series: or the title",
            )
        )
        return None
    series_id = explicit or (by_prefix[0] if by_prefix else None)
    for lang in content.languages:
        version = content.posts.get(lang, {}).get(original.key)
        if version is None or version is original:
            continue
        claimed = prefix_matches(registry, version.title, lang)
        if claimed and claimed[0] != series_id:
            problems.append(
                Problem(
                    version.path,
                    version.line_of("title"),
                    "title",
                    f"starts with the prefix of series {claimed[0]!r} but the original "
                    f"{original.path} is in " + (repr(series_id) if series_id else "no series"),
                    "the same series as the original",
                )
            )
    return series_id


def _order(series_id: str, posts: list[Post], problems: list[Problem]) -> list[Post]:
    """Explicit series_order on every part, or on none (then by date)."""
    explicit = [post for post in posts if post.series_order is not None]
    if not explicit:
        return sorted(posts, key=lambda post: post.order)
    for post in posts:
        if post.series_order is None:
            problems.append(
                Problem(
                    post.path,
                    post.line_of("title"),
                    "series_order",
                    f"is missing while other parts of {series_id!r} have one",
                    "series_order on every part of the series, or on none",
                )
            )
    seen: dict[int, Post] = {}
    for post in sorted(explicit, key=lambda p: (p.series_order, p.path)):
        order = post.series_order
        assert order is not None
        if order in seen:
            problems.append(
                Problem(
                    post.path,
                    post.line_of("series_order"),
                    "series_order",
                    f"{order} is also the order of {seen[order].path} in {series_id!r}",
                    "a different number for each part",
                )
            )
        else:
            seen[order] = post
    expected = 1
    for order in sorted(seen):
        if order != expected:
            post = seen[order]
            missing = (
                f"part {expected}" if order == expected + 1 else f"parts {expected}-{order - 1}"
            )
            problems.append(
                Problem(
                    post.path,
                    post.line_of("series_order"),
                    "series_order",
                    f"{order} leaves a gap in {series_id!r}: no {missing}",
                    "orders 1, 2, 3, ... without gaps",
                )
            )
        expected = order + 1
    return sorted(posts, key=lambda post: (post.series_order or 0, post.order))


def _registry_overlaps(registry: Registry) -> list[Problem]:
    """Two series whose prefixes could match the same title (one starts the other)."""
    problems: list[Problem] = []
    declared = list(registry.series.values())
    for index, first in enumerate(declared):
        for second in declared[index + 1 :]:
            for lang, prefix in first.title_prefix.items():
                other = second.title_prefix.get(lang)
                if other and (prefix.startswith(other) or other.startswith(prefix)):
                    problems.append(
                        Problem(
                            registry.path,
                            second.line,
                            f"{second.id}.title_prefix",
                            f"{other!r} overlaps the prefix {prefix!r} of {first.id!r} ({lang})",
                            "prefixes that cannot match the same title",
                        )
                    )
    return problems
