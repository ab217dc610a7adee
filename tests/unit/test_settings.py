"""The hooks' own `extra` settings: every wrong value or misspelt key is one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.core.problems import ContentError
from hooks.core.settings import Settings, read_settings

CONFIG = """site_name: x
site_url: !ENV [SITE_URL, "https://example.org/"]
extra:
  blog:
    per_page: {per_page}
  stale_translations: warning
"""


def problems(extra: dict, config: Path | None = None) -> list[str]:
    with pytest.raises(ContentError) as caught:
        read_settings(extra, config)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("per_page", [0, -1, "ten", "10", 2.5, True, None])
def test_per_page_must_be_a_whole_number_from_one(tmp_path: Path, per_page: object) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG.format(per_page=per_page), encoding="utf-8")
    [line] = problems({"blog": {"per_page": per_page}}, config)
    assert line.startswith(f"mkdocs.yml:5: extra.blog.per_page: {per_page!r} is not valid")
    assert "a whole number of posts per listing page, 1 or more" in line


@pytest.mark.parametrize("blog", [5, "x", ["per_page"]])
def test_blog_must_be_a_mapping(blog: object) -> None:
    [line] = problems({"blog": blog})
    assert "extra.blog:" in line and "a mapping" in line


def test_misspelt_keys_get_the_right_spelling() -> None:
    found = problems(
        {"stale_translation": "info", "blog": {"perpage": 3}, "linkcheck": {"timout": 3}}
    )
    assert any(
        "extra.stale_translation: unknown setting (did you mean 'stale_translations'?)" in p
        for p in found
    )
    assert any("extra.blog.perpage: unknown setting (did you mean 'per_page'?)" in p for p in found)
    assert any(
        "extra.linkcheck.timout: unknown setting (did you mean 'timeout'?)" in p for p in found
    )


def test_wrong_values() -> None:
    found = problems(
        {"stale_translations": "loud", "allow_scripts": "yes", "linkcheck": {"workers": 0}}
    )
    assert len(found) == 3, found


def test_theme_and_other_keys_pass_and_defaults_hold() -> None:
    assert read_settings({"social": [], "alternate": [], "analytics": {}, "my_theme_x": 1}) == (
        Settings()
    )
    assert read_settings({"blog": {"per_page": 3}, "allow_scripts": True}) == Settings(
        per_page=3, allow_scripts=True
    )
