"""Author-facing problems: one line each, ``file:line: field: what is wrong; expected ...``."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """Something an author must fix, located in a source file."""

    path: str
    line: int
    field: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        field = self.field if re.fullmatch(r"[\w. -]+", self.field) else repr(self.field)
        text = f"{_one_line(self.path)}:{self.line}: {field}: {_one_line(self.message)}"
        if self.expected:
            text += f"; expected {_one_line(self.expected)}"
        return text


MAX_LENGTH = 300  # of a message or an expectation: whatever was written, the line stays short


def _one_line(text: str) -> str:
    """Whatever an author wrote, a problem stays on one short line."""
    if len(text) > MAX_LENGTH:
        text = text[: MAX_LENGTH - 1] + "…"
    return re.sub(r"[\r\n\t\x00-\x1f]", lambda m: repr(m.group(0))[1:-1], text)


class ContentError(Exception):
    """Raised with every problem found, so authors see them all in one run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
