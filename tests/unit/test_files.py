"""hooks/core/files.py: what may sit under docs/ (the repository's boundary for links)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hooks.core.files import check_tree
from hooks.core.problems import Problem


def _docs(folder: Path) -> Path:
    (folder / "es").mkdir(parents=True)
    (folder / "en").mkdir()
    (folder / "es" / "index.md").write_text("# Hola\n", encoding="utf-8")
    (folder / "en" / "index.md").write_text("# Hi\n", encoding="utf-8")
    return folder


def _refused(problems: list[Problem]) -> list[str]:
    return [problem.message.split(",")[0] for problem in problems]


@pytest.mark.parametrize("git", [False, True])
def test_a_config_kept_apart_from_its_docs_is_bounded_by_their_repository(
    tmp_path: Path, git: bool
) -> None:
    """A config outside the docs' folder (bench/hooks_overhead.py writes its variants in a
    temporary one): the boundary is the git work tree holding the docs, else the docs
    folder itself; a link out of it is refused either way."""
    repo = tmp_path / "repo"
    docs = _docs(repo / "docs")
    if git:
        (repo / ".git").mkdir()
    (repo / "shared.md").write_text("# Shared\n", encoding="utf-8")
    config_folder = tmp_path / "variants"
    config_folder.mkdir()
    assert check_tree(docs, config_folder, ["es", "en"]) == []
    os.symlink(repo / "shared.md", docs / "es" / "compartido.md")  # in the repository
    os.symlink("/etc/passwd", docs / "en" / "passwd")
    expected = {"is a symbolic link to /etc/passwd"}
    if not git:
        expected.add(f"is a symbolic link to {repo / 'shared.md'}")
    refused = _refused(check_tree(docs, config_folder, ["es", "en"]))
    assert sorted(refused) == sorted(expected)


def test_a_docs_folder_that_is_a_link_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    elsewhere = _docs(tmp_path / "elsewhere")
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink(elsewhere, repo / "docs")
    problems = check_tree(repo / "docs", repo, ["es", "en"])
    assert problems, "a docs folder linked out of the repository publishes what is outside"
    assert all("outside the repository" in problem.message for problem in problems)
