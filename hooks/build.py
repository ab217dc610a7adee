"""`make build`: a strict build into a temporary folder, swapped in only when it succeeds.

    python -m hooks.build [--config mkdocs.yml] [MKDOCS_BUILD_OPTION ...]

A failed build (a warning under --strict, a content error, a crash) leaves the previous
site/ exactly as it was, so nothing half-built is ever deployed. The new site is built in a
sibling folder (same file system) and exchanged with site/ in one atomic rename where the
system offers it (Linux renameat2 RENAME_EXCHANGE), else in two renames.

An empty SITE_URL (what CI passes on pull requests, where Pages is not configured) is
treated as unset, so the build uses site_url from mkdocs.yml: absolute links, the sitemap
and the feeds are then checked on pull requests as on main.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from hooks.core.project import ProjectError, find_project
from hooks.core.swap import SwapError, build_then_swap


def build_env(environ: dict[str, str]) -> dict[str, str]:
    """The build's environment: an empty SITE_URL falls back to mkdocs.yml's site_url."""
    env = {**environ, "NO_MKDOCS_2_WARNING": "1"}
    if not env.get("SITE_URL", "").strip():
        env.pop("SITE_URL", None)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.build", description=__doc__)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args, extra = parser.parse_known_args(argv)
    if not args.config.is_file():
        print(f"error: {args.config}: no such file; run this in the project", file=sys.stderr)
        return 2
    try:
        project = find_project(args.config)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    env = build_env(dict(os.environ))

    def build(site_dir: Path) -> int:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(args.config)]
        command += ["-d", str(site_dir), *extra]
        # Findings name the folder readers get, not the temporary one.
        env_with_label = {**env, "SITE_DIR_LABEL": project.display(project.site)}
        return subprocess.run(command, env=env_with_label, check=False).returncode  # noqa: S603

    try:
        code = build_then_swap(project.site, build)
    except SwapError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    shown = project.display(project.site)
    if code != 0:
        print(f"The build failed: {shown}/ is left as it was.", file=sys.stderr)
        return code
    print(f"Built {shown}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
