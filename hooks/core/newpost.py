"""Creating a post in every language: slug, front matter, next part of a series."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from hooks.core.frontmatter import FrontMatterError, parse
from hooks.core.posts import POSTS_DIR, suggest
from hooks.core.series import Registry, prefix_matches


class NewPostError(Exception):
    """Why the post cannot be created; the message says what to do."""


def slugify(title: str) -> str:
    """'Miércoles de Mekate: ¿Un gran programa?' -> 'miercoles-de-mekate-un-gran-programa'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def next_series_order(
    registry: Registry, series_id: str, originals: Sequence[Mapping[str, object]], lang: str
) -> int | None:
    """The order a new last part takes: max + 1 when the series numbers its parts
    explicitly; None when its parts are ordered by date (a new post is the newest)."""
    orders = []
    for meta in originals:
        title = str(meta.get("title", ""))
        member = meta.get("series") == series_id or prefix_matches(registry, title, lang) == [
            series_id
        ]
        if member and isinstance(meta.get("series_order"), int):
            orders.append(int(meta["series_order"]))  # type: ignore[arg-type]
    return max(orders) + 1 if orders else None


def front_matter(values: Mapping[str, object]) -> str:
    return "---\n" + yaml.safe_dump(dict(values), allow_unicode=True, sort_keys=False) + "---\n"


def plan(
    docs: Path,
    title: str,
    languages: Sequence[str],
    default: str,
    registry: Registry,
    series_id: str | None,
    today: dt.date,
    author: str,
) -> dict[Path, str]:
    """The files to write: the original in ``default``, a pending translation in every other
    language. Raises NewPostError on an empty title, a taken slug or an unknown series."""
    title = " ".join(title.split())
    if not title:
        raise NewPostError('the title is empty: make post TITLE="Mi nuevo artículo"')
    slug = slugify(title)
    if not slug:
        raise NewPostError(f"no slug can be made from {title!r}: use letters or digits")
    taken = [docs / lang / POSTS_DIR / f"{slug}.md" for lang in languages]
    if existing := [path for path in taken if path.exists()]:
        raise NewPostError(f"slug {slug!r} is taken: {existing[0]} exists; choose another title")
    if series_id is not None and series_id not in registry.series:
        hint = suggest(series_id, registry.series) or f" (declared: {', '.join(registry.series)})"
        raise NewPostError(f"unknown series {series_id!r}{hint}")
    original: dict[str, object] = {
        "title": title,
        "description": "TODO: una frase que resuma el artículo (listados, buscadores).",
        "date": today.isoformat(),
        "author": author,
        "tags": [],
    }
    if series_id is not None:
        original["series"] = series_id
        order = next_series_order(registry, series_id, _originals(docs / default), default)
        if order is not None:
            original["series_order"] = order
    original["draft"] = True  # previewed by `make serve`, published once this line goes
    files = {taken[languages.index(default)]: front_matter(original) + "\nEl texto.\n"}
    for lang in languages:
        if lang == default:
            continue
        translation = {
            "title": title,
            "description": "TODO: the description, translated.",
            "tags": [],
            "translation": {"from": default, "status": "pending"},
        }
        files[taken[languages.index(lang)]] = front_matter(translation)
    return files


def _originals(folder: Path) -> list[Mapping[str, object]]:
    metas = []
    for path in sorted((folder / POSTS_DIR).glob("*.md")):
        try:
            metas.append(parse(path.read_text(encoding="utf-8")).data)
        except (FrontMatterError, UnicodeDecodeError):
            continue  # the build reports it; it cannot take part in the numbering
    return metas
