"""Where a `make serve` rebuild spends its time: the server's own build calls, in-process.

Generates the synthetic blog (bench/synthetic.py), runs the first build as `mkdocs serve
--dirty` does (the config loaded, ``on_startup(command="serve", dirty=True)``, then
``build(config, dirty=True)``), then for each edit loads the config again and rebuilds, as
the server does on a save; prints each rebuild's seconds and, with --profile, the
functions taking the most time over the edits (cumulative).

    python bench/serve_profile.py [--posts 1000] [--edits 3] [--edit body|title|add] [--profile]
                                   [--dump STATS_FILE]

On two cores or more the other languages are built in forked processes, as under `make
serve` (hooks/parallel.py): the profile is the server's side. ``PARALLEL_LANGUAGES=off``
profiles every language in this process.

The body edit adds a paragraph to the Spanish version only (a build: the parallel views stop
pairing; `make serve` renders a text edit that keeps them paired without a build); the title
edit changes a Spanish post's title (its listing, archive, tags and series pages too); the add
edit adds a new post in both languages (every listing page moves).
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs.commands.build import build
from mkdocs.config import load_config

from bench.synthetic import add_post, generate, slug


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--edit", choices=("body", "title", "add"), default="body")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--dump", type=Path, help="write the profile's stats to this file")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.argv[1:] = ["serve", "--dirty"]  # static-i18n reads it for the other languages' builds
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    for name in ("mkdocs.hooks.incremental", "mkdocs.hooks.links", "mkdocs.hooks.outputs"):
        logging.getLogger(name).setLevel(logging.INFO)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "blog"
        config_file = generate(root, args.posts)
        site = Path(work) / "site"
        os.chdir(root)

        def config() -> object:
            loaded = load_config(config_file=str(config_file), site_dir=str(site))
            loaded.site_url = "http://127.0.0.1:8000/"
            return loaded

        first = config()
        first.plugins.on_startup(command="serve", dirty=True)
        started = time.perf_counter()
        build(first, serve_url="http://127.0.0.1:8000/", dirty=True)
        print(f"first build: {time.perf_counter() - started:.2f} s", flush=True)
        post = root / "docs" / "es" / "posts" / f"{slug(3)}.md"
        profile = cProfile.Profile() if args.profile else None
        for number in range(args.edits):
            text = post.read_text(encoding="utf-8")
            if args.edit == "add":
                add_post(root / "docs", number)
            elif args.edit == "title":
                text = re.sub(r'^title: "', f'title: "Cambio {number} ', text, count=1, flags=re.M)
                post.write_text(text)
            else:
                text = text.replace("## Sección 1", f"Frase {number}.\n\n## Sección 1", 1)
                post.write_text(text)
            started = time.perf_counter()
            if profile:
                profile.enable()
            build(config(), serve_url="http://127.0.0.1:8000/", dirty=True)
            if profile:
                profile.disable()
            seconds = time.perf_counter() - started
            print(f"{args.edit} edit {number + 1}: {seconds:.2f} s", flush=True)
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
            if args.dump:
                profile.dump_stats(args.dump)


if __name__ == "__main__":
    main()
