"""Recording in a translation's front matter which version of its original it translates.

The front matter is edited with a round-trip YAML library (ruamel.yaml), so block or flow
style, quotes and comments stay as the author wrote them; an edit that would change any
line outside ``translation:`` is refused instead of written. Line endings (LF or CRLF) and
a byte-order mark are kept. Every refusal is a StampError whose text is one line,
``file:line: what is wrong; what to do``.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.tokens import CommentToken

from hooks.core.files import replace_whole
from hooks.core.frontmatter import _FRONT_MATTER, FrontMatter, FrontMatterError, parse
from hooks.core.posts import content_hash

BOM = "\ufeff"


class StampError(Exception):
    """A file that cannot be read or stamped; ``str()`` is one ``file:line: ...`` line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        # One line whatever the message carries (an author's value, a YAML error...).
        flat = re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group(0))[1:-1], message)
        super().__init__(f"{where}: {flat}")


def display_path(path: Path, root: Path | None) -> str:
    """``path`` as messages show it: relative to the project root when inside it."""
    if root is not None:
        try:
            return path.absolute().relative_to(root.absolute()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


@dataclass(frozen=True)
class MarkdownFile:
    """A Markdown file as read: text with LF newlines, and how to write it back."""

    path: Path
    display: str  # as shown in messages (relative to the project root)
    text: str
    newline: str  # "\n" or "\r\n", as the file had it
    bom: bool

    def meta(self) -> FrontMatter:
        try:
            return parse(self.text)
        except FrontMatterError as error:
            expected = f"; expected {error.expected}" if error.expected else ""
            raise StampError(self.display, error.line, error.message + expected) from None

    def write(self, text: str) -> None:
        """Replace the file's content atomically, with its own newlines and BOM."""
        data = ((BOM if self.bom else "") + text).replace("\n", self.newline).encode("utf-8")
        replace_whole(self.path, data)


def read_markdown(path: Path, display: str) -> MarkdownFile:
    """Read ``path``; StampError (never a traceback) when missing, a folder or not UTF-8."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StampError(display, 0, "no such file; check the path") from None
    except IsADirectoryError:
        raise StampError(display, 0, "is a folder; give a Markdown file") from None
    except OSError as error:
        raise StampError(display, 0, f"cannot be read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start : error.start + 1].hex()
        raise StampError(
            display, line, f"is not UTF-8 (byte 0x{byte}); save the file as UTF-8"
        ) from None
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in text else "\n"
    return MarkdownFile(path, display, text.replace("\r\n", "\n"), newline, bom)


@dataclass(frozen=True)
class TranslationState:
    path: Path
    original: Path
    status: str  # "pending", "up to date", "stale", "not stamped"
    line: int = 1  # of 'translation:' in the translation


@dataclass(frozen=True)
class _Translation:
    file: MarkdownFile
    meta: FrontMatter
    info: dict[str, Any]
    original: Path
    original_display: str


def _translation(file: MarkdownFile, docs: Path, root: Path | None) -> _Translation:
    meta = file.meta()
    if "translation" not in meta.data:
        raise StampError(
            file.display,
            1,
            "is not a translation (its front matter has no 'translation:'); "
            "stamp the translated version, e.g. the one under docs/en/",
        )
    info = meta.data["translation"]
    line = meta.line_of("translation")
    if not isinstance(info, dict) or not isinstance(info.get("from"), str) or not info["from"]:
        raise StampError(
            file.display,
            line,
            f"translation: {info!r} does not say the original's language; "
            "expected translation: {from: es} (or a block with 'from: es')",
        )
    try:
        relative = file.path.absolute().relative_to(docs.absolute())
    except ValueError:
        raise StampError(file.display, 0, f"is not under the docs folder {docs}") from None
    if len(relative.parts) < 2:
        raise StampError(file.display, 0, "is not inside a language folder such as docs/en/")
    original = docs / info["from"] / Path(*relative.parts[1:])
    original_display = display_path(original, root)
    if relative.parts[0] == info["from"]:
        raise StampError(
            file.display,
            meta.line_of("translation.from"),
            f"translation.from: {info['from']!r} is this file's own language; "
            "expected the language of the original",
        )
    if not original.is_file():
        raise StampError(
            file.display,
            meta.line_of("translation.from"),
            f"its original {original_display} does not exist; "
            f"create it, or correct translation.from",
        )
    return _Translation(file, meta, info, original, original_display)


def _original_hash(translation: _Translation) -> str:
    original = read_markdown(translation.original, translation.original_display)
    meta = original.meta()
    if "translation" in meta.data:
        raise StampError(
            translation.file.display,
            translation.meta.line_of("translation.from"),
            f"its original {original.display} is itself a translation; "
            "expected translation.from to name the language of the original",
        )
    return content_hash(
        str(meta.data.get("title", "")).strip(),
        str(meta.data.get("description", "")).strip(),
        meta.body,
    )


def hash_of(original: Path) -> str:
    """The content hash of an original, as a translation records it."""
    meta = read_markdown(original, str(original)).meta()
    return content_hash(
        str(meta.data.get("title", "")).strip(),
        str(meta.data.get("description", "")).strip(),
        meta.body,
    )


def state(translation: Path, docs: Path, root: Path | None = None) -> TranslationState:
    """Whether ``translation`` is pending, not stamped, stale or up to date; paths in
    errors are shown relative to ``root`` (the project root)."""
    file = read_markdown(translation, display_path(translation, root))
    found = _translation(file, docs, root)
    line = found.meta.line_of("translation")
    if found.info.get("status") == "pending":
        return TranslationState(translation, found.original, "pending", line)
    recorded = found.info.get("source_hash")
    if recorded is None:
        return TranslationState(translation, found.original, "not stamped", line)
    current = _original_hash(found)
    status = "up to date" if recorded == current else "stale"
    return TranslationState(translation, found.original, status, line)


# ---------------------------------------------------------------------------------------
# Editing the front matter


def _round_trip(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never re-wrap an author's long line
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


# Ways authors indent lists under a key ("tags:\n- a", "tags:\n  - a", "tags:\n    - a").
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4))


def _outside(yaml_text: str, key: str) -> list[str]:
    """The lines of ``yaml_text`` outside the top-level entry ``key``."""
    data = YAML(typ="rt").load(yaml_text)
    lines = yaml_text.split("\n")
    keys = list(data)
    start = data.lc.key(key)[0]
    following = keys[keys.index(key) + 1 :]
    end = data.lc.key(following[0])[0] if following else len(lines)
    while end < len(lines) and end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines before the next key are not the entry's
    return lines[:start] + lines[end:]


def _set(info: CommentedMap, key: str, value: str) -> None:
    """``info[key] = value``; a new key goes last but before the comment lines and blank
    lines that ruamel.yaml keeps attached to the previous last value."""
    if key in info or not info:
        info[key] = value
        return
    last = list(info)[-1]
    info[key] = value
    tokens = info.ca.items.get(last)
    if tokens and len(tokens) > 2 and isinstance(tokens[2], CommentToken):
        comment = tokens[2]
        first, _, rest = comment.value.partition("\n")
        if rest:
            comment.value = first + "\n"
            info.ca.items[key] = [None, None, CommentToken("\n" + rest, comment.start_mark), None]


def _changed_lines(old: str, new: str) -> int:
    matcher = difflib.SequenceMatcher(None, old.split("\n"), new.split("\n"), autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


def stamp_text(text: str, source_hash: str, display: str = "front matter") -> str:
    """``text`` (LF newlines) with ``translation.source_hash`` set, every line outside
    ``translation:`` kept as it was (else StampError, saying what to add by hand)."""
    match = _FRONT_MATTER.match(text)
    if match is None or match.group("yaml") is None:
        raise StampError(display, 1, "has no front matter; expected a translation's front matter")
    yaml_text = match.group("yaml")
    start, end = match.span("yaml")
    first_line = text.count("\n", 0, start) + 1
    try:
        before = parse(text)
        data = YAML(typ="rt").load(yaml_text)
    except FrontMatterError as error:
        raise StampError(display, error.line, error.message) from None
    except YAMLError as error:
        message = " ".join(str(error).split())
        raise StampError(display, first_line, f"YAML this tool cannot edit ({message})") from None
    info = data.get("translation") if isinstance(data, CommentedMap) else None
    if not isinstance(info, CommentedMap):
        raise StampError(display, first_line, "has no 'translation:' mapping to stamp")
    if info.get("source_hash") == source_hash:
        return text
    expected = dict(before.data)
    expected["translation"] = {**before.data["translation"], "source_hash": source_hash}
    kept = _outside(yaml_text, "translation")
    candidates = []
    for indent in _INDENTS:
        data = _round_trip(indent).load(yaml_text)
        _set(data["translation"], "source_hash", source_hash)
        buffer = io.StringIO()
        try:
            _round_trip(indent).dump(data, buffer)
            new_yaml = buffer.getvalue()
            candidate = text[:start] + new_yaml + text[end:]
            if parse(candidate).data == expected and _outside(new_yaml, "translation") == kept:
                candidates.append(candidate)
        except (FrontMatterError, YAMLError, KeyError, ValueError):
            continue
    if candidates:
        return min(candidates, key=lambda candidate: _changed_lines(text, candidate))
    raise StampError(
        display,
        before.line_of("translation"),
        "cannot add source_hash without rewriting other lines of this front matter; "
        f"add 'source_hash: {source_hash}' under translation: by hand",
    )


def stamp(translation: Path, docs: Path, root: Path | None = None) -> str:
    """Record the original's current version in ``translation``; returns the hash.

    Refuses a pending translation (it is not finished), anything that is not a translation,
    and front matter it cannot edit without touching other lines."""
    file = read_markdown(translation, display_path(translation, root))
    found = _translation(file, docs, root)
    if found.info.get("status") == "pending":
        raise StampError(
            file.display,
            found.meta.line_of("translation.status"),
            "translation.status: pending: this translation is not finished; once it is, "
            "remove 'status: pending', then stamp it",
        )
    source_hash = _original_hash(found)
    edited = stamp_text(file.text, source_hash, file.display)
    if edited != file.text:
        file.write(edited)
    return source_hash
