"""`mkdocs serve` recovers after an author's mistake: once fixed, every language rebuilds.

(Content problems stop the build before mkdocs-static-i18n starts its nested builds; what a
failure *inside* a nested build leaves behind is reset by hooks/blog.py, tested in
test_build_error_resets_static_i18n.)"""

from __future__ import annotations

from pathlib import Path

from tests.support import SECTION_PAGES, fetch, fixture_site, mkdocs_serve, post, wait_for

FILES = {
    **SECTION_PAGES,
    "series.yml": "# none\n",
    "es/posts/uno.md": post("title: Uno\ndescription: d\ndate: 2020-01-01\nauthor: A"),
    "en/posts/uno.md": post("title: One\ndescription: d\ntranslation:\n  from: es"),
}


def test_serve_rebuilds_every_language_after_a_fixed_error(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, FILES)
    log = tmp_path / "serve.log"
    with mkdocs_serve(config, log) as base:
        english = f"{base}en/posts/uno/"
        wait_for(lambda: fetch(english) is not None)
        original = tmp_path / "docs" / "es" / "posts" / "uno.md"
        good = original.read_text(encoding="utf-8")
        original.write_text(good.replace("date: 2020-01-01", "date: 2020-13-01"), "utf-8")
        wait_for(lambda: "'2020-13-01' is not a valid date" in log.read_text(encoding="utf-8"))
        original.write_text(good.replace("Texto.", "Texto corregido."), "utf-8")
        spanish = f"{base}posts/uno/"
        wait_for(lambda: "Texto corregido." in (fetch(spanish) or ""))
        translation = tmp_path / "docs" / "en" / "posts" / "uno.md"
        translation.write_text(
            translation.read_text("utf-8").replace("Texto.", "Fixed text."), "utf-8"
        )
        wait_for(lambda: "Fixed text." in (fetch(english) or ""))  # English rebuilt too
        assert "Traceback" not in log.read_text(encoding="utf-8")


def test_build_error_resets_static_i18n(monkeypatch) -> None:
    """A failure inside static-i18n's nested build leaves its `building` flag set and
    mkdocs.utils.clean_directory patched; the next `mkdocs serve` rebuild would then skip the
    other languages. hooks/blog.py's on_build_error puts both back."""
    from types import SimpleNamespace

    from mkdocs import utils

    import hooks.blog as blog

    plugin = SimpleNamespace(building=True)
    monkeypatch.setattr(blog, "_i18n_plugin", plugin)
    original = utils.clean_directory
    monkeypatch.setattr(utils, "clean_directory", lambda directory: directory)  # as i18n does
    blog.on_build_error(RuntimeError("failed inside the English build"))
    assert plugin.building is False
    assert utils.clean_directory is original
