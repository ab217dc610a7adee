"""Create a post in every language of the site (backs `make post`).

    python -m hooks.newpost "Mi nuevo artículo" [--series ID] [--date YYYY-MM-DD]
                            [--author NAME] [--config mkdocs.yml]

Writes the original (the default language) as a draft dated today, with the series and its
next series_order when the series numbers its parts, and its counterpart in every other
language marked `translation: {status: pending}`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

from hooks.core.newpost import NewPostError, plan
from hooks.core.problems import ContentError
from hooks.core.series import load_registry


def _languages(config: Path) -> tuple[list[str], str, Path]:
    from mkdocs.config import load_config

    loaded = load_config(str(config))
    i18n = loaded.plugins["i18n"]
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    return languages, i18n.default_language, Path(loaded.docs_dir)


def _git_author() -> str:
    try:
        name = subprocess.run(
            ["git", "config", "user.name"],  # noqa: S607 - git from PATH, as authors run it
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        name = ""
    return name or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.newpost", description=__doc__)
    parser.add_argument("title")
    parser.add_argument("--series")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--author", default=None)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    languages, default, docs = _languages(args.config)
    try:
        registry = load_registry(docs / "series.yml", "series.yml", languages)
        files = plan(
            docs,
            args.title,
            languages,
            default,
            registry,
            args.series or None,
            args.date,
            args.author or _git_author(),
        )
    except NewPostError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ContentError as error:
        print(f"error: fix the series registry first:\n{error}", file=sys.stderr)
        return 2
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"created {path}")
    print("Write the text and the description, then remove 'draft: true' to publish.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
