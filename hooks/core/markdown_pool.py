"""One Markdown parser per configuration, reset between documents instead of rebuilt.

Building a parser imports, instantiates and configures every extension (pymdownx.highlight
deep-copies its defaults each time): MkDocs does it for every page, about 7% of a build's
CPU at 1000 posts per language. Python-Markdown supports reuse: ``Markdown.reset()`` clears
the parser's state and calls each extension's ``reset()`` (footnotes, abbreviations, the
table of contents, superfences' stash...), so a reset parser converts a document exactly as
a new one would.

A pooled parser must not be asked for again while it is converting: nothing in a
Markdown conversion builds a page's parser, so one process never does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import markdown


class MarkdownPool:
    """Hands out one parser per (extensions, extension configs, options), reset each time."""

    def __init__(self) -> None:
        self._parsers: dict[str, markdown.Markdown] = {}
        self.reused = 0  # conversions that got a reset parser instead of a new one

    def parser(
        self,
        extensions: Sequence[Any] = (),
        extension_configs: Mapping[str, Mapping[str, Any]] | None = None,
        **options: Any,
    ) -> markdown.Markdown:
        """``markdown.Markdown(extensions=…, extension_configs=…, **options)``, reused."""
        # repr keys the configuration by value (extension objects by identity, which is
        # right: another instance may be configured differently).
        key = repr((list(extensions), dict(extension_configs or {}), sorted(options.items())))
        found = self._parsers.get(key)
        if found is not None:
            self.reused += 1
            return found.reset()
        made = markdown.Markdown(
            extensions=list(extensions), extension_configs=dict(extension_configs or {}), **options
        )
        self._parsers[key] = made
        return made

    def __len__(self) -> int:
        return len(self._parsers)

    def clear(self) -> None:
        self._parsers.clear()
        self.reused = 0
