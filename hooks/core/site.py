"""The whole site as one model: registry, posts and pages of every language, series."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hooks.core.posts import Content, ParseCache, load_content
from hooks.core.problems import ContentError, Problem
from hooks.core.series import Registry, SeriesIndex, build_index, load_registry

SERIES_FILE = "series.yml"
SERIES_DIR = "series"  # generated series pages: <lang>/series/<id>.md and series/index.md
# translation_key of the archive (generated) and the tags page in every language.
ARCHIVE_KEY = "archive"
TAGS_KEY = "tags"
HOME_KEY = "index"
LISTING_PREFIX = "page/"  # translation_key of listing page N (from 2): page/N
SERIES_INDEX_KEY = f"{SERIES_DIR}/index"


def listing_key(number: int) -> str:
    """translation_key of a language's listing page ``number`` (1: the home page)."""
    return HOME_KEY if number == 1 else f"{LISTING_PREFIX}{number}"


def listing_page_count(posts: int, per_page: int) -> int:
    """Listing pages for ``posts`` posts (one, even for none: the home page)."""
    return max(1, math.ceil(posts / per_page))


@dataclass(frozen=True)
class SiteModel:
    content: Content
    registry: Registry
    series: SeriesIndex

    @property
    def default_language(self) -> str:
        return self.content.default_language


def load_site(
    docs_dir: Path,
    languages: Sequence[str],
    default_language: str,
    root: Path,
    drafts_visible: bool = False,
    cache: ParseCache | None = None,
) -> SiteModel:
    """Read and validate everything; raise ContentError listing every problem.

    ``drafts_visible``: drafts are shown (``mkdocs serve``) rather than left out;
    ``cache``: see :class:`hooks.core.posts.ParseCache`."""
    registry_path = docs_dir / SERIES_FILE
    registry = load_registry(registry_path, _display(registry_path, root), languages)
    content = load_content(
        docs_dir,
        languages,
        default_language,
        root,
        series_ids=registry.series,
        series_file=registry.path,
        cache=cache,
    )
    content.show_drafts(drafts_visible)
    index = build_index(registry, content)
    _register_series_pages(content, index, docs_dir, root)
    return SiteModel(content, registry, index)


def series_page_path(series_id: str | None) -> str:
    """Path (in a language folder) of a generated series page, or of the series index."""
    return f"{SERIES_DIR}/{series_id or 'index'}.md"


def _register_series_pages(content: Content, index: SeriesIndex, docs: Path, root: Path) -> None:
    """Generated series pages take part in pairing like any page; a hand-written page at
    the same path would be silently replaced, so it is an error."""
    problems = []
    for lang in content.languages:
        for series_id in [None, *index.runs]:
            rel_path = series_page_path(series_id)
            if (docs / lang / rel_path).exists():
                problems.append(
                    Problem(
                        _display(docs / lang / rel_path, root),
                        1,
                        "file",
                        "this path is generated for the series pages",
                        f"no file under {lang}/{SERIES_DIR}/",
                    )
                )
            content.add_page(lang, rel_path, rel_path.removesuffix(".md"))
    if problems:
        raise ContentError(problems)


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
