"""MkDocs glue: MkDocs renders every page with a reused Markdown parser.

MkDocs' ``Page.render`` builds a new ``markdown.Markdown`` for every page; for the duration
of a command, the name ``markdown`` in ``mkdocs.structure.pages`` is given a
``Markdown`` that hands out a parser from :class:`hooks.core.markdown_pool.MarkdownPool`,
reset. The pages written are byte-identical (tests/test_markdown_reuse.py).
``MARKDOWN_REUSE=off`` turns it off, for an extension that would keep state across pages
without a ``reset()``.
"""

from __future__ import annotations

import logging
import types
from typing import Any

import markdown
import mkdocs.structure.pages as mkdocs_pages
from mkdocs.config.defaults import MkDocsConfig

from hooks import state
from hooks.core.markdown_pool import MarkdownPool

log = logging.getLogger("mkdocs.hooks.markdown_reuse")

_pool = MarkdownPool()


class _PooledMarkdownModule(types.ModuleType):
    """The ``markdown`` module as MkDocs' pages see it: the same, but for ``Markdown``."""

    def __init__(self) -> None:
        super().__init__(markdown.__name__, markdown.__doc__)
        self.Markdown = _pool.parser

    def __getattr__(self, name: str) -> Any:
        return getattr(markdown, name)


def on_startup(command: str, dirty: bool) -> None:
    if not state.turned_off("MARKDOWN_REUSE"):
        mkdocs_pages.markdown = _PooledMarkdownModule()  # type: ignore[assignment]


def on_post_build(config: MkDocsConfig) -> None:
    """Once per language (static-i18n runs it for each): how much was reused."""
    if isinstance(mkdocs_pages.markdown, _PooledMarkdownModule):
        log.debug(f"Markdown parsers: {len(_pool)} built, reused {_pool.reused} times")


def on_shutdown() -> None:
    mkdocs_pages.markdown = markdown
    _pool.clear()
