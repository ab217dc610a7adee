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

TITLE_MAX = 255  # characters: a title is a line, not a paragraph
NAME_MAX = 255  # bytes in a file name on the file systems authors use (ext4, APFS, NTFS)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
    # A wide line: a long title stays on its own line instead of being folded.
    data = yaml.safe_dump(dict(values), allow_unicode=True, sort_keys=False, width=1_000_000)
    return "---\n" + data + "---\n"


def check_title(title: str) -> tuple[str, str]:
    """(title, slug) for a new post, or NewPostError saying how to fix the title.
    The title is kept exactly as given, less surrounding spaces."""
    title = title.strip()
    if not title:
        raise NewPostError("the title is empty: make post TITLE='Mi nuevo artículo'")
    if match := _CONTROL.search(title):
        raise NewPostError(
            f"the title contains the control character {match.group(0)!r} (a line break or "
            "tab?): write the title on one line"
        )
    if len(title) > TITLE_MAX:
        raise NewPostError(
            f"the title is {len(title)} characters long; at most {TITLE_MAX}: shorten it"
        )
    slug = slugify(title)
    if not slug:
        raise NewPostError(f"no slug can be made from {title!r}: use letters or digits")
    name = f"{slug}.md"
    if len(name.encode("utf-8")) > NAME_MAX:
        raise NewPostError(
            f"the file name made from the title ({len(name)} characters) is longer than a "
            f"file name may be ({NAME_MAX}): shorten the title"
        )
    return title, slug


def infer_series(registry: Registry, title: str, lang: str) -> str | None:
    """The series whose title_prefix ``title`` starts with (None: no series)."""
    matches = prefix_matches(registry, title, lang)
    if len(matches) > 1:
        raise NewPostError(
            "the title starts with the title_prefix of several series "
            f"({', '.join(matches)}): choose one with SERIES=<id>"
        )
    return matches[0] if matches else None


def translated_title(
    registry: Registry, series_id: str | None, title: str, default: str, lang: str
) -> str:
    """The title a pending translation starts with: the original's, with the series'
    prefix in ``lang`` when the series has one."""
    series = registry.series.get(series_id) if series_id else None
    if series is None:
        return title
    source, target = series.title_prefix.get(default), series.title_prefix.get(lang)
    if source and target and title.startswith(source):
        return target + title[len(source) :]
    return title


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
    language. Raises NewPostError on an empty or unusable title, a taken slug or an unknown
    series. Without ``series_id``, a title starting with a series' title_prefix joins it."""
    title, slug = check_title(title)
    if series_id is None:
        series_id = infer_series(registry, title, default)
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
            "title": translated_title(registry, series_id, title, default, lang),
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
