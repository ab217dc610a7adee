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
        meta = parse("---\n" + path.read_text(encoding="utf-8") + "\n---\n")
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
