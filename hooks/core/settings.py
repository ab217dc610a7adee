"""The site's own settings under ``extra:`` in mkdocs.yml, validated in one place.

The hooks own ``extra.blog``, ``extra.stale_translations``, ``extra.allow_scripts`` and
``extra.linkcheck``; a wrong value or a misspelt key there is an author's mistake reported at
its line of mkdocs.yml, never a traceback or a silently ignored setting. Other ``extra`` keys
belong to the theme or to other plugins and are left alone, unless one is a near miss of a key
of ours (``stale_translation``), which is then reported with the right spelling.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hooks.core.problems import ContentError, Problem

DEFAULT_PER_PAGE = 10
STALE_LEVELS = ("warning", "info")

# Keys Material for MkDocs (9.x) and mkdocs-static-i18n read under `extra`.
THEME_KEYS = (
    "alternate",
    "analytics",
    "annotate",
    "consent",
    "generator",
    "homepage",
    "polyfills",
    "scope",
    "social",
    "status",
    "tags",
    "version",
)


def _is_int(value: object, low: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= low


def _is_number(value: object, low: float) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= low


def _is_path(value: object) -> bool:
    return value is None or (isinstance(value, str) and bool(value.strip()))


# name -> (check, what is expected)
_Check = tuple[Callable[[object], bool], str]
BLOG_KEYS: dict[str, _Check] = {
    "per_page": (lambda v: _is_int(v, 1), "a whole number of posts per listing page, 1 or more"),
}
LINKCHECK_KEYS: dict[str, _Check] = {
    "external": (lambda v: isinstance(v, bool), "true or false"),
    "exclude": (
        lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "a list of URL patterns",
    ),
    "timeout": (lambda v: _is_number(v, 0.1), "seconds, a number above 0"),
    "retries": (lambda v: _is_int(v, 0), "a whole number, 0 or more"),
    "backoff": (lambda v: _is_number(v, 0), "seconds, 0 or more"),
    "max_retry_after": (lambda v: _is_number(v, 0), "seconds, 0 or more"),
    "workers": (lambda v: _is_int(v, 1), "a whole number, 1 or more"),
    "per_host": (lambda v: _is_int(v, 1), "a whole number, 1 or more"),
    "cache_max_age_hours": (lambda v: _is_number(v, 0), "hours, 0 or more"),
    "report": (_is_path, "a file path, or null for none"),
    "cache": (_is_path, "a file path, or null for none"),
}
TOP_KEYS: dict[str, _Check] = {
    "blog": (lambda v: isinstance(v, dict), "a mapping, e.g. blog: {per_page: 10}"),
    "stale_translations": (lambda v: v in STALE_LEVELS, " or ".join(STALE_LEVELS)),
    "allow_scripts": (lambda v: isinstance(v, bool), "true or false"),
    "linkcheck": (lambda v: isinstance(v, dict), "a mapping of link-check options"),
}
SECTIONS = {"blog": BLOG_KEYS, "linkcheck": LINKCHECK_KEYS}


@dataclass(frozen=True)
class Settings:
    per_page: int = DEFAULT_PER_PAGE
    stale_level: str = "warning"  # how a stale translation is reported
    allow_scripts: bool = False  # a trusted site lets posts carry <script> and handlers


def read_settings(
    extra: Mapping[str, Any], config_path: Path | None = None, display: str = "mkdocs.yml"
) -> Settings:
    """Validate the hooks' keys of ``extra``; raise ContentError listing every problem."""
    lines = _key_lines(config_path) if config_path else {}
    problems: list[Problem] = []

    def problem(key: str, message: str, expected: str) -> None:
        line = lines.get(key) or lines.get(key.rpartition(".")[0]) or lines.get("extra") or 1
        problems.append(Problem(display, line, key, message, expected))

    ours = {**TOP_KEYS}
    for key, value in extra.items():
        name = f"extra.{key}"
        if key in ours:
            check, expected = ours[key]
            if not check(value):
                problem(name, f"{value!r} is not valid", expected)
            elif key in SECTIONS:
                _section(name, value, SECTIONS[key], problem)
        elif key not in THEME_KEYS:
            close = difflib.get_close_matches(str(key), list(ours), n=1, cutoff=0.8)
            if close:
                problem(
                    name,
                    f"unknown setting (did you mean {close[0]!r}?)",
                    f"extra.{close[0]}: {TOP_KEYS[close[0]][1]}",
                )
    if problems:
        raise ContentError(problems)
    blog = extra.get("blog") or {}
    return Settings(
        per_page=blog.get("per_page", DEFAULT_PER_PAGE),
        stale_level=extra.get("stale_translations", "warning"),
        allow_scripts=extra.get("allow_scripts", False),
    )


def _section(
    name: str,
    values: Mapping[str, Any],
    keys: Mapping[str, _Check],
    problem: Callable[[str, str, str], None],
) -> None:
    for key, value in values.items():
        if key not in keys:
            close = difflib.get_close_matches(str(key), list(keys), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problem(f"{name}.{key}", f"unknown setting{hint}", "one of " + ", ".join(keys))
            continue
        check, expected = keys[key]
        if not check(value):
            problem(f"{name}.{key}", f"{value!r} is not valid", expected)


def _key_lines(path: Path) -> dict[str, int]:
    """1-based line of every key under ``extra`` in ``path`` ('extra.blog.per_page': 42).
    Composed, not loaded: MkDocs' custom tags (!ENV, !relative) need no constructor."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[str, int] = {}

    def walk(node: yaml.Node, prefix: str, depth: int) -> None:
        if not isinstance(node, yaml.MappingNode) or depth > 3:
            return
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            if prefix or key == "extra":
                lines[key] = key_node.start_mark.line + 1
                walk(value_node, f"{key}.", depth + 1)

    if root is not None:
        walk(root, "", 0)
    return lines
