"""Translation bookkeeping for authors, from any folder of the project.

    python -m hooks.translations status [DOCS_DIR]     # pending, stale, not stamped
    python -m hooks.translations stamp FILE [FILE ...]  # FILE translates the current original

A translation records which version of its original it translates (``translation.source_hash``).
Stamp it when the translation is complete and up to date; when the original changes
afterwards, the build warns and the translated page tells readers it may lag behind.

The project is the nearest folder above the current one (or above FILE / DOCS_DIR) holding
mkdocs.yml; paths are shown relative to it. Exit status: 0 when everything is fine, 1 when
`status` lists translations to look at, 2 when a file cannot be read or stamped (each such
file gets one ``file:line: what; what to do`` line, and the others are still handled).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.core.project import ProjectError, find_project
from hooks.core.stamps import StampError, read_markdown, stamp, state


def _stamp(files: list[Path]) -> int:
    failed = 0
    for file in files:
        try:
            project = find_project(file if file.exists() else file.parent)
            source_hash = stamp(file, project.docs, project.root)
            print(f"{project.display(file)}: stamped {source_hash}")
        except (StampError, ProjectError) as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
    return 2 if failed else 0


def _status(docs: Path | None) -> int:
    project = find_project(docs if docs is not None else Path.cwd())
    docs = docs.absolute() if docs is not None else project.docs
    if not docs.is_dir():
        raise ProjectError(f"{project.display(docs)}: no such folder; give the docs folder")
    needs_work = errors = translations = 0
    for file in sorted(docs.glob("*/**/*.md")):
        display = project.display(file)
        try:
            meta = read_markdown(file, display).meta()
            if "translation" not in meta.data:
                continue  # an original, whatever its body says about translations
            translations += 1
            found = state(file, docs, project.root)
        except StampError as error:
            print(f"error: {error}", file=sys.stderr)
            errors += 1
            continue
        if found.status != "up to date":
            needs_work += 1
            original = project.display(found.original)
            print(f"{display}:{found.line}: {found.status} (original: {original})")
    if errors:
        print(f"{errors} file(s) could not be read; fix the lines above.", file=sys.stderr)
    if needs_work:
        print(f"{needs_work} of {translations} translation(s) to look at.")
    elif not errors:
        print(f"All {translations} translation(s) are up to date.")
    return 2 if errors else 1 if needs_work else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.translations", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    status = commands.add_parser("status", help="list translations that need work")
    status.add_argument("docs", type=Path, nargs="?", default=None)
    stamping = commands.add_parser("stamp", help="record the original's current version")
    stamping.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    try:
        if args.command == "stamp":
            return _stamp(args.files)
        return _status(args.docs)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
