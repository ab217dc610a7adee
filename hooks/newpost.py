"""Create a post in every language of the site (backs `make post`).

    python -m hooks.newpost "Mi nuevo artículo" [--series ID] [--date YYYY-MM-DD]
                            [--author NAME] [--config mkdocs.yml]

Writes the original (the default language) as a draft dated today, by the author git knows
(`git config user.name`, else 'unknown'), with the series and its next series_order when
the series numbers its parts (the series is inferred from a title that starts with its
title_prefix), and its counterpart in every other language marked
`translation: {status: pending}`.

`make post` hands TITLE and SERIES over in the environment (NEWPOST_TITLE, NEWPOST_SERIES),
never on a shell command line, so that the title arrives byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from hooks.core.frontmatter import parse
from hooks.core.newpost import NewPostError, plan
from hooks.core.problems import ContentError
from hooks.core.series import load_registry


def _languages(config: Path) -> tuple[list[str], str, Path]:
    from mkdocs.config import load_config

    loaded = load_config(str(config))
    i18n = loaded.plugins["i18n"]
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    return languages, i18n.default_language, Path(loaded.docs_dir)


def git_author(project_root: Path) -> str | None:
    """``git config user.name`` as seen from the project (None when git has none)."""
    try:
        name = subprocess.run(  # noqa: S603 - a fixed git command on our own folder
            ["git", "-C", str(project_root), "config", "user.name"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        name = ""
    return name or None


def _shown(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.newpost", description=__doc__)
    parser.add_argument("title", nargs="?", help="default: the NEWPOST_TITLE variable")
    parser.add_argument("--series", help="default: the NEWPOST_SERIES variable")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--author", default=None)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    title = args.title if args.title is not None else os.environ.get("NEWPOST_TITLE", "")
    series = args.series if args.series is not None else os.environ.get("NEWPOST_SERIES", "")
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    if not args.config.is_file():
        print(f"error: {args.config}: no such file; run this in the project", file=sys.stderr)
        return 2
    languages, default, docs = _languages(args.config)
    root = args.config.absolute().parent
    author = args.author or git_author(root)
    try:
        registry = load_registry(docs / "series.yml", "series.yml", languages)
        files = plan(
            docs,
            title,
            languages,
            default,
            registry,
            series.strip() or None,
            args.date,
            author or "unknown",
        )
    except NewPostError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ContentError as error:
        print(f"error: fix the series registry first:\n{error}", file=sys.stderr)
        return 2
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:  # never over a file made meanwhile
            out.write(text)
        print(f"created {_shown(path, root)}")
    original = parse(next(iter(files.values()))).data
    if "series" in original:
        order = original.get("series_order")
        print(f"series: {original['series']}" + (f", part {order}" if order else ""))
    if author is None:
        print("author: unknown (git has no user.name): write the author's name in 'author:'")
    else:
        print(f"author: {author} (from {'--author' if args.author else 'git config user.name'})")
    print("Write the text and the description, then remove 'draft: true' to publish.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
