"""Read a Markdown file's YAML front matter, keeping the line of every key.

MkDocs parses front matter too, but silently ignores YAML it cannot read and keeps no line
numbers; authors need both, so the site validates from this reader instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

# Same delimiters as MkDocs (mkdocs.utils.meta): '---' then YAML then '---' or '...'.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.S)


# What front matter may hold. Real front matter is a few lines deep and a few dozen values;
# the caps stop a YAML "alias bomb" (a few hundred bytes expanding to millions of values) or
# a list nested thousands deep before anything (the site's checks, MkDocs, the theme) walks it.
MAX_BYTES = 64 * 1024
MAX_DEPTH = 16
MAX_VALUES = 10_000

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader that leaves dates as text: the site's date parser owns them, and YAML's
    own timestamp parsing raises bare ValueErrors on dates like 2008-13-01."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(Exception):
    """Front matter that cannot be read at all; ``line`` is 1-based in the Markdown file."""

    def __init__(self, line: int, message: str, expected: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.expected = expected


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter: values, the 1-based line of each key, and the body after it."""

    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_of(self, key: str) -> int:
        """Line of ``key`` (dotted for nested keys), else of its parent, else line 1."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return 1


def parse(text: str) -> FrontMatter:
    """Split ``text`` into front matter and body; raise FrontMatterError if unreadable."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not re.match(r"-{3}[ \t]*\n", text):
        return FrontMatter(data={}, body=text, body_line=1)
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise FrontMatterError(1, "front matter is not closed", "a line '---' after the YAML block")
    yaml_text = match.group("yaml") or ""
    body = text[match.end() :]
    body_line = text.count("\n", 0, match.end()) + 1
    if len(yaml_text.encode("utf-8")) > MAX_BYTES:
        raise FrontMatterError(
            2, f"front matter is {len(yaml_text) // 1024} KiB", f"at most {MAX_BYTES // 1024} KiB"
        )
    try:
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()  # once: values and the line of every key
            if node is not None:
                _check_size(node)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 2) if mark else 1  # +1 for the opening '---', +1 for 1-based
        problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
        raise FrontMatterError(
            line, f"invalid YAML: {problem}", "'key: value' lines; quote values containing ': '"
        ) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        raise FrontMatterError(2, f"invalid YAML: {error}", "plain 'key: value' lines") from None
    if data is None:
        return FrontMatter(data={}, body=body, body_line=body_line)
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(2, "front matter is not a mapping", "'key: value' lines")
    lines: dict[str, int] = {}
    _record_lines(node, "", lines)
    return FrontMatter(data=data, lines=lines, body=body, body_line=body_line)


def _check_size(root: yaml.Node) -> None:
    """Refuse front matter nested deeper than MAX_DEPTH or expanding (aliases counted each
    time they are used) to more than MAX_VALUES values; walked without recursion."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    values = 0
    while stack:
        node, depth = stack.pop()
        values += 1
        line = node.start_mark.line + 2
        if values > MAX_VALUES:
            raise FrontMatterError(
                line,
                f"front matter expands to more than {MAX_VALUES} values (YAML aliases?)",
                "plain values, without '&anchors' and '*aliases' repeated",
            )
        if depth > MAX_DEPTH:
            raise FrontMatterError(
                line, f"values nested more than {MAX_DEPTH} levels deep", "flat lists of text"
            )
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))


def _record_lines(node: yaml.MappingNode, prefix: str, lines: dict[str, int]) -> None:
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = f"{prefix}{key_node.value}"
        if key in seen:
            raise FrontMatterError(
                key_node.start_mark.line + 2, f"{key}: appears twice", "each key once"
            )
        seen.add(key)
        lines[key] = key_node.start_mark.line + 2
        if isinstance(value_node, yaml.MappingNode):
            _record_lines(value_node, f"{key}.", lines)
