"""Translation bookkeeping for authors.

    python -m hooks.translations status [DOCS_DIR]     # pending, stale, not stamped
    python -m hooks.translations stamp FILE [FILE ...]  # FILE translates the current original

A translation records which version of its original it translates (``translation.source_hash``).
Stamp it when the translation is complete and up to date; when the original changes
afterwards, the build warns and the translated page tells readers it may lag behind.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.core.stamps import StampError, stamp, state


def _docs_of(path: Path) -> Path:
    """The docs folder holding a file: the parent of its language folder."""
    for parent in path.resolve().parents:
        if parent.name == "docs":
            return parent
    raise StampError(f"{path}: not under a docs/ folder")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.translations", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    status = commands.add_parser("status", help="list translations that need work")
    status.add_argument("docs", type=Path, nargs="?", default=Path("docs"))
    stamping = commands.add_parser("stamp", help="record the original's current version")
    stamping.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    try:
        if args.command == "stamp":
            for file in args.files:
                print(f"{file}: stamped {stamp(file, _docs_of(file))}")
            return 0
        needs_work = 0
        for file in sorted(args.docs.glob("*/**/*.md")):
            if "translation:" not in file.read_text(encoding="utf-8"):
                continue
            found = state(file, args.docs)
            if found.status != "up to date":
                needs_work += 1
                print(f"{file}: {found.status} (original: {found.original})")
        print("All translations are up to date." if not needs_work else f"{needs_work} to look at.")
        return 1 if needs_work else 0
    except StampError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
