"""Author-facing problems: one line each, ``file:line: field: what is wrong; expected ...``."""

from __future__ import annotations

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
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class ContentError(Exception):
    """Raised with every problem found, so authors see them all in one run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
