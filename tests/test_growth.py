"""The blog grows: the real configuration, with posts made by `make post`'s own command, builds
strictly at 1, 10, 11 and 25 published posts (1000 is benchmarked, bench/scale.py)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from tests.support import SECTION_PAGES, fixture_site, run_mkdocs, run_module, stamp_all

PER_PAGE = 10  # the real mkdocs.yml's extra.blog.per_page


def publish(root: Path, count: int) -> list[str]:
    """``count`` posts created as an author does (`make post`), then written, translated,
    published and stamped; returns their slugs. Every seventh joins the real series."""
    slugs = []
    for number in range(1, count + 1):
        done = run_module(
            "hooks.newpost",
            f"Entrada número {number}",
            "--date",
            f"2020-{1 + number // 28:02d}-{1 + number % 28:02d}",
            "--author",
            "Ana",
            *(["--series", "miercoles-de-mekate"] if number % 7 == 1 else []),  # a series too
            "--config",
            str(root / "mkdocs.yml"),
            cwd=root,
        )
        assert done.returncode == 0, done.stderr
        slug = f"entrada-numero-{number}"
        spanish = root / "docs/es/posts" / f"{slug}.md"
        text = spanish.read_text(encoding="utf-8").replace("draft: true\n", "")
        spanish.write_text(text.replace("TODO: una frase", "Una frase"), encoding="utf-8")
        english = root / "docs/en/posts" / f"{slug}.md"
        text = english.read_text(encoding="utf-8").replace("  status: pending\n", "")
        text = text.replace("TODO: the description", "The description")
        english.write_text(text + "\nThe text.\n", encoding="utf-8")
        slugs.append(slug)
    stamp_all(root / "docs")
    return slugs


@pytest.mark.parametrize("count", [1, 10, 11, 25])
def test_the_blog_builds_strictly_as_it_grows(tmp_path: Path, count: int) -> None:
    config = fixture_site(tmp_path, SECTION_PAGES)
    slugs = publish(tmp_path, count)
    build = run_mkdocs(config, tmp_path / "site")  # strict, as `make build`
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    pages = math.ceil(count / PER_PAGE)
    for prefix in ("", "en/"):
        listed: list[str] = []
        for number in range(1, pages + 1):
            url = prefix if number == 1 else f"{prefix}page/{number}/"
            html = build.html(url)
            listed += re.findall(r'<h2 class="post-card__title"><a href="[^"]*?([\w-]+)/"', html)
        assert sorted(listed) == sorted(slugs)
        assert not (build.site / prefix / "page" / str(pages + 1)).exists()
