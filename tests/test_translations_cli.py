"""`python -m hooks.translations stamp/status`: round-trip edits, refusals, any folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from hooks.core.frontmatter import parse
from hooks.core.posts import content_hash
from hooks.core.stamps import StampError, stamp_text
from tests.support import SECTION_PAGES, fixture_site, post, run_mkdocs, run_module

ORIGINAL = post("title: Uno\ndescription: d\ndate: 2020\nauthor: A", "Texto.\n")
HASH = content_hash("Uno", "d", "\nTexto.\n")


def project(tmp_path: Path, translation: str | bytes, name: str = "x") -> Path:
    """A minimal project (mkdocs.yml, docs/es original, docs/en translation)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\n", encoding="utf-8")
    (tmp_path / "docs/es/posts").mkdir(parents=True)
    (tmp_path / "docs/en/posts").mkdir(parents=True)
    (tmp_path / f"docs/es/posts/{name}.md").write_text(ORIGINAL, encoding="utf-8")
    target = tmp_path / f"docs/en/posts/{name}.md"
    if isinstance(translation, bytes):
        target.write_bytes(translation)
    else:
        target.write_text(translation, encoding="utf-8")
    return target


def translations(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_module("hooks.translations", *args, cwd=cwd)


def assert_one_clear_line(done: subprocess.CompletedProcess[str], expected: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: {expected}"], done.stderr


def test_flow_style_translation_is_stamped_inside_the_mapping(tmp_path: Path) -> None:
    file = project(
        tmp_path, "---\ntitle: One\ndescription: d\ntranslation: {from: es}\n---\n\nT.\n"
    )
    done = translations("stamp", "docs/en/posts/x.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"docs/en/posts/x.md: stamped {HASH}\n"
    text = file.read_text(encoding="utf-8")
    assert text == (
        f"---\ntitle: One\ndescription: d\ntranslation: {{from: es, source_hash: {HASH}}}\n"
        "---\n\nT.\n"
    )
    assert parse(text).data["translation"] == {"from": "es", "source_hash": HASH}


def test_block_style_keeps_quotes_comments_and_blank_lines(tmp_path: Path) -> None:
    before = (
        "---\ntitle: 'One: two'  # quoted\ndescription: \"d\"\ntags:\n  - a\n"
        "translation:\n  from: es  # the original\n\n# the date comes from the original\n"
        "date_note: n\n---\n\nBody with translation: in it.\n"
    )
    file = project(tmp_path, before)
    assert translations("stamp", str(file), cwd=tmp_path).returncode == 0
    after = file.read_text(encoding="utf-8")
    assert after == before.replace(
        "  from: es  # the original\n", f"  from: es  # the original\n  source_hash: {HASH}\n"
    )
    # Stamping again after the original changed replaces the hash in place.
    original = tmp_path / "docs/es/posts/x.md"
    original.write_text(ORIGINAL.replace("Texto.", "Texto nuevo."), encoding="utf-8")
    assert translations("stamp", str(file), cwd=tmp_path).returncode == 0
    newer = content_hash("Uno", "d", "\nTexto nuevo.\n")
    assert file.read_text(encoding="utf-8") == after.replace(HASH, newer)


def test_crlf_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    lines = ["---", "title: One", "description: d", "translation:", "  from: es", "---", "", "T."]
    file = project(tmp_path, ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    assert translations("stamp", str(file), cwd=tmp_path).returncode == 0
    lines.insert(5, f"  source_hash: {HASH}")
    assert file.read_bytes() == ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def test_a_style_it_cannot_edit_is_refused_untouched(tmp_path: Path) -> None:
    # ruamel.yaml would rewrite the list's spacing: refuse rather than reformat the file.
    before = "---\ntitle: One\ntags: [a,   b]\ntranslation:\n  from: es\n---\n"
    file = project(tmp_path, before)
    done = translations("stamp", str(file), cwd=tmp_path)
    assert_one_clear_line(
        done,
        "docs/en/posts/x.md:4: cannot add source_hash without rewriting other lines of this "
        f"front matter; add 'source_hash: {HASH}' under translation: by hand",
    )
    assert file.read_text(encoding="utf-8") == before


def test_pending_translations_are_not_stamped(tmp_path: Path) -> None:
    before = "---\ntitle: One\ntranslation:\n  from: es\n  status: pending\n---\n"
    file = project(tmp_path, before)
    assert_one_clear_line(
        translations("stamp", str(file), cwd=tmp_path),
        "docs/en/posts/x.md:5: translation.status: pending: this translation is not "
        "finished; once it is, remove 'status: pending', then stamp it",
    )
    assert file.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "---\ntitle: One: two\ntranslation: {from: es}\n---\n",
            "docs/en/posts/x.md:2: invalid YAML: mapping values are not allowed in this context; "
            "expected 'key: value' lines; quote values containing ': '",
        ),
        (
            "---\ntitle: One\ntranslation: {from: es}\n",
            "docs/en/posts/x.md:1: front matter is not closed; "
            "expected a line '---' after the YAML block",
        ),
        (
            "---\ntitle: caf\xe9\ntranslation: {from: es}\n---\n".encode("latin-1"),
            "docs/en/posts/x.md:2: is not UTF-8 (byte 0xe9); save the file as UTF-8",
        ),
        (
            "---\ntitle: One\ntranslation: es\n---\n",
            "docs/en/posts/x.md:3: translation: 'es' does not say the original's language; "
            "expected translation: {from: es} (or a block with 'from: es')",
        ),
        (
            "---\ntitle: One\ntranslation: {from: fr}\n---\n",
            "docs/en/posts/x.md:3: its original docs/fr/posts/x.md does not exist; "
            "create it, or correct translation.from",
        ),
    ],
    ids=["bad-yaml", "unclosed", "latin-1", "not-a-mapping", "no-original"],
)
def test_unreadable_files_get_one_line_and_no_traceback(
    tmp_path: Path, content: str | bytes, expected: str
) -> None:
    file = project(tmp_path, content)
    before = file.read_bytes()
    assert_one_clear_line(translations("stamp", str(file), cwd=tmp_path), expected)
    assert file.read_bytes() == before


def test_missing_files_folders_and_originals_are_refused(tmp_path: Path) -> None:
    project(tmp_path, "---\ntitle: One\ntranslation: {from: es}\n---\n")
    assert_one_clear_line(
        translations("stamp", "docs/en/posts/nada.md", cwd=tmp_path),
        "docs/en/posts/nada.md: no such file; check the path",
    )
    assert_one_clear_line(
        translations("stamp", "docs/en/posts", cwd=tmp_path),
        "docs/en/posts: is a folder; give a Markdown file",
    )
    assert_one_clear_line(
        translations("stamp", "docs/es/posts/x.md", cwd=tmp_path),
        "docs/es/posts/x.md:1: is not a translation (its front matter has no 'translation:'); "
        "stamp the translated version, e.g. the one under docs/en/",
    )


def test_every_file_is_handled_even_after_a_failure(tmp_path: Path) -> None:
    good = project(tmp_path, "---\ntitle: One\ntranslation: {from: es}\n---\n")
    done = translations("stamp", "docs/en/posts/nada.md", str(good), cwd=tmp_path)
    assert done.returncode == 2 and f"docs/en/posts/x.md: stamped {HASH}" in done.stdout
    assert "source_hash" in good.read_text(encoding="utf-8")


def test_works_from_any_folder_and_says_when_there_is_no_project(tmp_path: Path) -> None:
    file = project(tmp_path / "blog", "---\ntitle: One\ntranslation: {from: es}\n---\n")
    done = translations("stamp", "x.md", cwd=file.parent)
    assert done.returncode == 0 and done.stdout == f"docs/en/posts/x.md: stamped {HASH}\n"
    status = translations("status", cwd=file.parent)
    assert status.returncode == 0, status.stdout + status.stderr
    assert status.stdout == "All 1 translation(s) are up to date.\n"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    assert_one_clear_line(
        translations("status", cwd=outside),
        f"no mkdocs.yml in {outside} or any folder above it: run this inside the project",
    )


def test_status_lists_what_needs_work_and_reads_every_file(tmp_path: Path) -> None:
    project(tmp_path, "---\ntitle: One\ntranslation:\n  from: es\n  status: pending\n---\n")
    # An original whose body talks about translations is still an original.
    (tmp_path / "docs/es/posts/y.md").write_text(
        post("title: Y\ndescription: d", "translation: in the body\n"), encoding="utf-8"
    )
    (tmp_path / "docs/en/posts/y.md").write_text(
        "---\ntitle: Y\ntranslation: {from: es}\n---\n", encoding="utf-8"
    )
    (tmp_path / "docs/en/posts/z.md").write_bytes(b"---\ntitle: \xff\n---\n")
    (tmp_path / "docs/es/posts/w.md").write_text(ORIGINAL, encoding="utf-8")
    (tmp_path / "docs/en/posts/w.md").write_text(
        "---\ntitle: W\ntranslation: {from: es, source_hash: 0000}\n---\n", encoding="utf-8"
    )
    done = translations("status", cwd=tmp_path / "docs")
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        "docs/en/posts/w.md:3: stale (original: docs/es/posts/w.md)",
        "docs/en/posts/x.md:3: pending (original: docs/es/posts/x.md)",
        "docs/en/posts/y.md:3: not stamped (original: docs/es/posts/y.md)",
        "3 of 3 translation(s) to look at.",
    ]
    assert done.stderr.splitlines() == [
        "error: docs/en/posts/z.md:2: is not UTF-8 (byte 0xff); save the file as UTF-8",
        "1 file(s) could not be read; fix the lines above.",
    ]


def test_a_stamped_flow_style_translation_builds_strictly(tmp_path: Path) -> None:
    files = {
        **SECTION_PAGES,
        "series.yml": "{}\n",
        "es/posts/x.md": ORIGINAL,
        "en/posts/x.md": "---\ntitle: One\ndescription: d\ntranslation: {from: es}\n---\n\nT.\n",
    }
    config = fixture_site(tmp_path, files)  # stamps it through hooks.core.stamps.stamp
    assert "translation: {from: es, source_hash: " in (tmp_path / "docs/en/posts/x.md").read_text(
        encoding="utf-8"
    )
    build = run_mkdocs(config, tmp_path / "site")
    assert build.returncode == 0, build.output


def test_stamp_text_refuses_what_it_cannot_read() -> None:
    with pytest.raises(StampError, match=r"x.md:2: has no 'translation:' mapping"):
        stamp_text("---\ntranslation: es\n---\n", HASH, "x.md")
    aliased = "---\ntitle: x\ntranslation: &t\n  from: es\nother: *t\n---\n"
    with pytest.raises(StampError, match="by hand"):
        stamp_text(aliased, HASH, "x.md")  # the alias would carry the hash into 'other'
