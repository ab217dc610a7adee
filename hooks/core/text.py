"""Author-written text is text: the one place it is escaped for templates that do not escape.

MkDocs renders Material's templates with Jinja's autoescape off, so every value a template
prints from a page's front matter (title, description, author, tags, subtitle, status...) or
from a generated page's metadata (series names from docs/series.yml) reaches the HTML as it
is. The hooks therefore hand the templates front matter in which every string is escaped
``Markup``: printed as text by templates that do not escape, and not escaped twice by those
that do (Markup is already safe). The model (:mod:`hooks.core.posts`) keeps the raw text,
which feeds, JSON-LD and the hooks' own partials escape on their way out.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

__all__ = ["as_text", "escape"]


def as_text(value: Any) -> Any:
    """``value`` with every string in it (at any depth of lists and mappings) escaped;
    numbers, booleans, dates and Markup (already escaped) are left as they are."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {key: as_text(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(as_text(item) for item in value)
    return value
