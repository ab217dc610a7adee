"""Publishing order: an original and its translations go public together, original first.

A post is published when its original is (no ``draft: true``); a translation is published
with it once finished (no ``status: pending``). Two orders cannot be built sensibly and are
refused with one message naming both files:

- a finished translation of a draft original would be published alone (its "read the
  original" link and language switcher would point at a page that is not there);
- a draft translation of a published original would leave readers of the original without
  the notice that says the translation is still to come (only ``status: pending`` gets one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from hooks.core.problems import Problem


class Version(Protocol):
    """One language version of a post, as read from its front matter."""

    path: str
    lang: str
    lines: Mapping[str, int]
    values: Mapping[str, Any]  # validated language fields: "draft" among them
    translated_from: str | None
    translation_status: str


def publishing_problems(original: Version, translations: Iterable[Version]) -> list[Problem]:
    """Problems with the order in which ``original`` and its ``translations`` go public."""
    problems = []
    original_draft = bool(original.values.get("draft"))
    for version in translations:
        if version.translation_status == "pending":
            continue  # never published, whatever the original is
        draft = bool(version.values.get("draft"))
        if original_draft and not draft:
            problems.append(
                Problem(
                    version.path,
                    version.lines.get("translation", 1),
                    "translation",
                    f"the original {original.path} is a draft: this finished translation "
                    "would be published alone",
                    "'draft: true' here too until the original is published, or the original "
                    f"published (remove 'draft: true' from {original.path})",
                )
            )
        elif draft and not original_draft:
            problems.append(
                Problem(
                    version.path,
                    version.lines.get("draft", 1),
                    "draft",
                    f"this translation is a draft but its original {original.path} is "
                    "published: its readers would be sent to a translation that is not there",
                    "'status: pending' under translation: until it is finished (readers of the "
                    "original then get a notice), or no 'draft: true'",
                )
            )
    return problems
