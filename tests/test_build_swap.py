"""`make build`: strict, into a temporary folder, swapped in only when it succeeds."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hooks.build import build_env
from hooks.core.swap import build_then_swap
from tests.support import REPO, fixture_site, project_env
from tests.test_authoring import FILES


def make_build(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`make build` itself, on the project in ``root``."""
    return subprocess.run(
        ["make", "-s", "-C", str(REPO), "build", f"CONFIG={root / 'mkdocs.yml'}"],
        capture_output=True,
        text=True,
        env=project_env(**env),
        cwd=root,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    fixture_site(tmp_path, FILES)
    # An empty SITE_URL is what CI passes on a pull request (the Pages step is skipped).
    good = make_build(tmp_path, SITE_URL="")
    assert good.returncode == 0, good.stdout + good.stderr
    site = tmp_path / "site"
    assert (site / "index.html").is_file() and (site / "en/index.html").is_file()
    # ... and falls back to mkdocs.yml's site_url: canonical links and sitemap are absolute.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://ensayos-servicio.github.io/ensayos/">' in home
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://ensayos-servicio.github.io/ensayos/</loc>" in sitemap
    (site / "deployed-marker.txt").write_text("from the previous build", encoding="utf-8")
    before = snapshot(site)
    # A content error: the strict build fails (MkDocs would have emptied site/ first).
    broken = tmp_path / "docs/es/posts/l2.md"
    broken.write_text(FILES["es/posts/l2.md"].replace("date: 2021", "date: 2021-13"), "utf-8")
    failed = make_build(tmp_path)
    assert failed.returncode != 0
    assert "docs/es/posts/l2.md:4: date: '2021-13' has no month 13" in failed.stdout + failed.stderr
    assert "The build failed: site/ is left as it was." in failed.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_a_warning_under_strict_also_keeps_the_previous_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")

    def half_written_build(folder: Path) -> int:
        folder.mkdir()
        (folder / "index.html").write_text("new but broken", encoding="utf-8")
        return 1  # as `mkdocs build --strict` exits after a warning

    assert build_then_swap(site, half_written_build) == 1
    assert snapshot(site) == {"index.html": b"old"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]

    def good_build(folder: Path) -> int:
        folder.mkdir()
        (folder / "index.html").write_text("new", encoding="utf-8")
        return 0

    assert build_then_swap(site, good_build) == 0
    assert snapshot(site) == {"index.html": b"new"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_an_empty_site_url_is_unset_for_the_build() -> None:
    assert "SITE_URL" not in build_env({"SITE_URL": "", "PATH": "/bin"})
    assert "SITE_URL" not in build_env({"SITE_URL": "  "})
    assert build_env({"SITE_URL": "https://x.example/"})["SITE_URL"] == "https://x.example/"
