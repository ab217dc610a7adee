"""hooks/core/files.py: what may sit under docs/ (the repository's boundary for links)."""

from __future__ import annotations

import os
from pathlib import Path

from hooks.core.files import check_tree


def _docs(folder: Path) -> Path:
    (folder / "es").mkdir(parents=True)
    (folder / "en").mkdir()
    (folder / "es" / "index.md").write_text("# Hola\n", encoding="utf-8")
    (folder / "en" / "index.md").write_text("# Hi\n", encoding="utf-8")
    return folder


def test_a_config_kept_apart_from_its_docs_takes_the_docs_folder_as_the_boundary(
    tmp_path: Path,
) -> None:
    docs = _docs(tmp_path / "repo" / "docs")
    config_folder = tmp_path / "variants"  # as bench/hooks_overhead.py writes its configs
    config_folder.mkdir()
    assert check_tree(docs, config_folder, ["es", "en"]) == []
    # The boundary is still there: a link out of that docs folder is refused.
    os.symlink("/etc/passwd", docs / "es" / "passwd")
    problems = check_tree(docs, config_folder, ["es", "en"])
    assert [problem.message.split(",")[0] for problem in problems] == [
        "is a symbolic link to /etc/passwd"
    ]


def test_a_docs_folder_that_is_a_link_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    elsewhere = _docs(tmp_path / "elsewhere")
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink(elsewhere, repo / "docs")
    problems = check_tree(repo / "docs", repo, ["es", "en"])
    assert problems, "a docs folder linked out of the repository publishes what is outside"
    assert all("outside the repository" in problem.message for problem in problems)


def test_a_docs_folder_apart_from_its_config_may_link_within_its_git_repository(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    docs = _docs(repo / "docs")
    (repo / ".git").mkdir()
    (repo / "shared.md").write_text("# Shared\n", encoding="utf-8")
    os.symlink(repo / "shared.md", docs / "es" / "compartido.md")
    config_folder = tmp_path / "variants"
    config_folder.mkdir()
    assert check_tree(docs, config_folder, ["es", "en"]) == []
    os.symlink("/etc/hostname", docs / "en" / "host.md")
    problems = check_tree(docs, config_folder, ["es", "en"])
    assert [problem.message.split(",")[0] for problem in problems] == [
        "is a symbolic link to /etc/hostname"
    ]
