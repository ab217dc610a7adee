"""Renders the blog's partials (``overrides/partials/blog/``) from the data of
:mod:`hooks.core.views`.

The partials are found through the theme's own template loader (so a site's ``custom_dir``
overrides them like any Material partial) but rendered by an environment of their own with
**autoescape on**: every value a view carries is raw text and reaches the page escaped,
whatever the partial does with it. Material's environment has autoescape off (its templates
print pre-rendered HTML), which is why the partials are not included from its templates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from hooks.core.ui import STRINGS
from hooks.core.views import describe_date, untranslated_id

__all__ = ["Renderer", "describe_date", "join", "tag", "untranslated_id"]

PARTIALS = "partials/blog/"
_TAG_NAME = re.compile(r"[a-z][a-z0-9]*")
_VOID = {"input", "img", "br", "meta", "link"}


class Renderer:
    """``render("post-header.html", lang, header=...)`` -> escaped HTML (Markup)."""

    def __init__(self, loader: BaseLoader) -> None:
        self.environment = Environment(
            loader=loader,
            autoescape=True,
            undefined=StrictUndefined,  # a misspelt field fails the build, not the page
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=True,  # `mkdocs serve` keeps this renderer: an edited partial shows
        )

    @classmethod
    @functools.cache
    def for_theme(cls, dirs: tuple[str, ...]) -> Renderer:
        """Partials looked up in the theme's folders in the theme's order (``custom_dir``
        first, as MkDocs' own loader does), one renderer (and template cache) per theme."""
        return cls(FileSystemLoader(list(dirs)))

    def render(self, name: str, lang: str, **data: Any) -> Markup:
        template = self.environment.get_template(PARTIALS + name)
        context: Mapping[str, Any] = {"ui": STRINGS[lang], "lang": lang, **data}
        # Autoescape is on: the output is escaped HTML.
        return Markup(template.render(context))  # noqa: S704


# ---------------------------------------------------------------------------------------
# Small machine-facing fragments built in Python (Pagefind's hidden metadata, the search
# form of hooks/core/search.py): the same escaping, for HTML that is not the blog's look.


def tag(element: str, content: object = "", /, **attrs: object) -> Markup:
    """``<element attrs>content</element>``; attribute names use ``_`` for ``-``, ``class_`` for
    ``class``; attributes whose value is None are left out. Values and content are escaped
    (Markup passes through as it is)."""
    if not _TAG_NAME.fullmatch(element):
        raise ValueError(f"not a tag name: {element!r}")
    parts = [f"<{element}"]
    for key, value in attrs.items():
        if value is not None:
            parts.append(f' {_attribute_name(key)}="{escape(value)}"')
    parts.append(">")
    if element not in _VOID:
        parts.append(f"{escape(content)}</{element}>")
    # The element name is checked above and every value went through escape().
    return Markup("".join(parts))  # noqa: S704


@functools.cache
def _attribute_name(key: str) -> str:
    return key.rstrip("_").replace("_", "-")


def join(parts: Iterable[object], separator: str = "") -> Markup:
    return escape(separator).join(escape(part) for part in parts)
