"""Finding the project an author command works on: the folder holding mkdocs.yml.

Author commands (`python -m hooks.translations`, `make post`) may be run from any folder of
the project; they walk up to the nearest mkdocs.yml instead of trusting the current folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CONFIG_NAME = "mkdocs.yml"


class ProjectError(Exception):
    """No project found, or its mkdocs.yml cannot be read; the message says what to do."""


@dataclass(frozen=True)
class Project:
    root: Path  # the folder of mkdocs.yml
    docs: Path  # its docs_dir, absolute
    site: Path  # its site_dir, absolute

    def display(self, path: Path) -> str:
        """``path`` as authors see it in every message: relative to the project root."""
        try:
            return path.absolute().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for docs_dir only: MkDocs' own tags (!ENV, !relative) read as null."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def find_project(start: Path) -> Project:
    """The project whose mkdocs.yml is ``start``, or is in ``start`` or its nearest parent
    folder."""
    start = start.absolute()
    if start.name.endswith((".yml", ".yaml")) and start.is_file():
        docs, site = _folders(start)
        return Project(start.parent, start.parent / docs, start.parent / site)
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        config = candidate / CONFIG_NAME
        if config.is_file():
            docs, site = _folders(config)
            return Project(candidate, candidate / docs, candidate / site)
    raise ProjectError(
        f"no {CONFIG_NAME} in {folder} or any folder above it: run this inside the project"
    )


def _folders(config: Path) -> tuple[str, str]:
    """(docs_dir, site_dir) as mkdocs.yml sets them, else MkDocs' defaults."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        message = " ".join(str(error).split())
        raise ProjectError(f"{config}: cannot be read ({message})") from None
    data = data if isinstance(data, dict) else {}
    docs, site = data.get("docs_dir"), data.get("site_dir")
    return (
        docs if isinstance(docs, str) and docs else "docs",
        site if isinstance(site, str) and site else "site",
    )
