"""Recording in a translation's front matter which version of its original it translates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hooks.core.frontmatter import FrontMatterError, parse
from hooks.core.posts import content_hash


class StampError(Exception):
    """A translation file that cannot be stamped, with the reason."""


@dataclass(frozen=True)
class TranslationState:
    path: Path
    original: Path
    status: str  # "pending", "up to date", "stale", "not stamped"


def original_of(translation: Path, docs: Path) -> tuple[Path, dict]:
    """The original of a translation file (same path under the original's language)."""
    meta = parse(translation.read_text(encoding="utf-8"))
    info = meta.data.get("translation")
    if not isinstance(info, dict) or not info.get("from"):
        raise StampError(f"{translation}: not a translation (no 'translation: {{from: ...}}')")
    relative = translation.resolve().relative_to(docs.resolve())
    original = docs / str(info["from"]) / Path(*relative.parts[1:])
    if not original.exists():
        raise StampError(f"{translation}: its original {original} does not exist")
    return original, info


def hash_of(original: Path) -> str:
    meta = parse(original.read_text(encoding="utf-8"))
    return content_hash(
        str(meta.data.get("title", "")).strip(),
        str(meta.data.get("description", "")).strip(),
        meta.body,
    )


def state(translation: Path, docs: Path) -> TranslationState:
    original, info = original_of(translation, docs)
    if info.get("status") == "pending":
        return TranslationState(translation, original, "pending")
    recorded = info.get("source_hash")
    if recorded is None:
        return TranslationState(translation, original, "not stamped")
    current = hash_of(original)
    return TranslationState(translation, original, "up to date" if recorded == current else "stale")


def stamp_text(text: str, source_hash: str) -> str:
    """``text`` with ``translation.source_hash`` set (block-style ``translation:`` only)."""
    try:
        meta = parse(text)
    except FrontMatterError as error:
        raise StampError(f"line {error.line}: {error.message}") from None
    lines = text.split("\n")
    if "translation.source_hash" in meta.lines:
        index = meta.lines["translation.source_hash"] - 1
        lines[index] = re.sub(r"(source_hash:\s*).*$", rf"\g<1>{source_hash}", lines[index])
        return "\n".join(lines)
    if "translation.from" not in meta.lines:
        raise StampError("write 'translation:' as a block, with 'from:' on its own line")
    index = meta.lines["translation.from"] - 1
    indent = re.match(r"\s*", lines[index]).group(0)
    lines.insert(index + 1, f"{indent}source_hash: {source_hash}")
    return "\n".join(lines)


def stamp(translation: Path, docs: Path) -> str:
    """Record the original's current version in ``translation``; returns the hash."""
    original, _ = original_of(translation, docs)
    source_hash = hash_of(original)
    text = translation.read_text(encoding="utf-8")
    translation.write_text(stamp_text(text, source_hash), encoding="utf-8")
    return source_hash
