"""The site's own stylesheets are well formed.

A browser closes an unclosed block at the end of the file without a word, so a `@media`
block left open (as a merge once did) silently moves every later rule to phones only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STYLESHEETS = sorted((ROOT / "docs").rglob("*.css")) + sorted((ROOT / "overrides").rglob("*.css"))
COMMENTS_AND_STRINGS = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", re.S)


def unbalanced_braces(css: str) -> str | None:
    """Where the blocks of a stylesheet do not close, or None when they all do."""
    depth = 0
    code = COMMENTS_AND_STRINGS.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), css)
    for number, line in enumerate(code.splitlines(), 1):
        for char in line:
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth < 0:
                return f"line {number}: a '}}' closes nothing"
    return f"{depth} block(s) left open at the end" if depth else None


def test_the_check_finds_an_open_block() -> None:
    assert unbalanced_braces("@media (max-width: 30em) {\n  a { color: red; }\n") is not None
    assert unbalanced_braces("a { color: red; }\n}\n") == "line 2: a '}' closes nothing"
    assert unbalanced_braces('a::before { content: "{"; } /* } */\n') is None


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_every_block_is_closed(path: Path) -> None:
    assert unbalanced_braces(path.read_text(encoding="utf-8")) is None
