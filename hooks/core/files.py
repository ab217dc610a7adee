"""The files under docs/ before anything reads them: where they may be, how they may be named,
and that none reaches outside the repository.

MkDocs follows symbolic links and copies whatever they point at into the published site (a
link to /etc/passwd in docs/assets/ is published); a link that stays inside the repository is
fine. Pages live in a language folder (``docs/<lang>/``); their names become URLs, so they are
lowercase ASCII (a name with a space, an accent or an emoji would need percent-encoding in
every link, could be stored as NFC or NFD, and two names differing only in case collide on
case-insensitive disks): anything else is refused with the name to use instead. And how a
file is replaced (an author's, a built one) without a reader ever seeing half of it.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from hooks.core.problems import Problem

PAGE_NAME = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")


def replace_whole(path: Path, data: bytes) -> None:
    """Replace the file ``path`` by ``data`` atomically, keeping its permissions: written
    beside it, then renamed over it; nothing is left behind when that fails."""
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def suggested_name(name: str) -> str:
    """'Mi Café ☕.md' -> 'mi-cafe.md'."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-") or "page"
    return f"{slug}.{suffix.lower()}" if suffix else slug


def check_tree(docs_dir: Path, root: Path, languages: Sequence[str]) -> list[Problem]:
    """Every problem with the files under ``docs_dir`` (paths shown relative to ``root``,
    the repository, which symbolic links may not leave)."""
    problems: list[Problem] = []
    real_root = root.resolve()
    written_docs = Path(os.path.abspath(docs_dir))
    if not written_docs.is_relative_to(os.path.abspath(root)):
        # The config names a docs folder outside its own (docs_dir: ../docs, or a benchmark's
        # variant config in a temporary folder): the boundary is then the git repository
        # that holds that folder, or the folder itself. A docs folder inside the config's
        # folder that is a link out of it is still refused.
        real_root = _repository_of(written_docs.resolve())
    seen_dirs: set[Path] = set()

    def display(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    root_prefix = os.path.join(str(real_root), "")

    def escapes(path: Path, real_folder: Path) -> Path | None:
        """Where ``path`` (in the folder that really is ``real_folder``) really is, when that
        is outside the repository. Only a link needs resolving: one lstat for the others, at
        every save under `make serve` for thousands of files."""
        real = path.resolve() if os.path.islink(path) else real_folder / path.name
        return None if real == real_root or str(real).startswith(root_prefix) else real

    # os.walk follows links to folders as MkDocs does; each real folder is walked once, so a
    # link loop ends.
    for folder, dirs, names in os.walk(docs_dir, followlinks=True):
        here = Path(folder)
        real = here.resolve()
        if real in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add(real)
        for name in sorted(dirs):
            target = escapes(here / name, real)
            if target is not None:
                problems.append(_outside(display(here / name), target))
                dirs.remove(name)
        dirs.sort()
        for name in sorted(names):
            path = here / name
            target = escapes(path, real)
            if target is not None:
                problems.append(_outside(display(path), target))
                continue
            if os.path.islink(path) and not path.exists():
                problems.append(
                    Problem(
                        display(path),
                        1,
                        "file",
                        f"is a symbolic link to {os.readlink(path)}, which does not exist",
                        "a link to an existing file, or no link",
                    )
                )
                continue
            if not name.endswith(".md"):
                continue
            relative = PurePosixPath(path.relative_to(docs_dir).as_posix())
            if len(relative.parts) == 1 or relative.parts[0] not in languages:
                problems.append(
                    Problem(
                        display(path),
                        1,
                        "file",
                        "is outside the language folders, so it belongs to no language",
                        "pages under docs/<language>/ ("
                        + ", ".join(f"docs/{lang}/" for lang in languages)
                        + ")",
                    )
                )
                continue
            for part in relative.parts[1:]:
                stem = part.removesuffix(".md")
                if not PAGE_NAME.fullmatch(stem):
                    problems.append(
                        Problem(
                            display(path),
                            1,
                            "file",
                            f"the name {part!r} is not lowercase letters, digits and '-' "
                            "(it becomes the page's URL)",
                            f"rename it to {suggested_name(part)!r}",
                        )
                    )
                    break
    return problems


def _repository_of(folder: Path) -> Path:
    """The git work tree holding ``folder`` (the nearest with a ``.git``), else ``folder``."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _outside(display: str, target: Path) -> Problem:
    return Problem(
        display,
        1,
        "file",
        f"is a symbolic link to {target.as_posix()}, outside the repository "
        "(it would be published)",
        "a real file inside the repository, or a link that stays inside it",
    )
