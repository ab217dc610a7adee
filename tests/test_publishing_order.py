"""Publishing order (original first, translations with it) and the switcher of an original
written in a language other than the default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hooks.core.posts import load_content
from hooks.core.problems import ContentError
from tests.support import SECTION_PAGES, fixture_site, post, run_mkdocs

ORIGINAL = "title: Uno\ndescription: d\ndate: 2020\nauthor: A\n"
TRANSLATION = "title: One\ndescription: d\ntranslation:\n  from: es\n"
OTHER = {
    "es/posts/y.md": post("title: Y\ndescription: d\ndate: 2021\nauthor: A"),
    "en/posts/y.md": post("title: Y\ndescription: d\ntranslation:\n  from: es"),
}
DRAFT_ORIGINAL = (
    "docs/en/posts/x.md:4: translation: the original docs/es/posts/x.md is a draft: this "
    "finished translation would be published alone; expected 'draft: true' here too until "
    "the original is published, or the original published (remove 'draft: true' from "
    "docs/es/posts/x.md)"
)
DRAFT_TRANSLATION = (
    "docs/en/posts/x.md:4: draft: this translation is a draft but its original "
    "docs/es/posts/x.md is published: its readers would be sent to a translation that is not "
    "there; expected 'status: pending' under translation: until it is finished (readers of "
    "the original then get a notice), or no 'draft: true'"
)


def site_files(es_extra: str, en_extra: str) -> dict[str, str]:
    return {
        **SECTION_PAGES,
        "series.yml": "{}\n",
        **OTHER,
        "es/posts/x.md": post(ORIGINAL + es_extra),
        "en/posts/x.md": post(
            TRANSLATION.replace("translation:", en_extra + "translation:")
            if en_extra
            else TRANSLATION
        ),
    }


def write(root: Path, files: dict[str, str]) -> Path:
    docs = root / "docs"
    for name, text in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return docs


@pytest.mark.parametrize(
    ("es_extra", "en_extra", "expected"),
    [
        ("draft: true\n", "", DRAFT_ORIGINAL),
        ("", "draft: true\n", DRAFT_TRANSLATION),
    ],
    ids=["draft-original", "draft-translation"],
)
def test_one_message_naming_both_files(
    tmp_path: Path, es_extra: str, en_extra: str, expected: str
) -> None:
    docs = write(tmp_path, site_files(es_extra, en_extra))
    with pytest.raises(ContentError) as raised:
        load_content(docs, ["es", "en"], "es")
    problems = [str(p) for p in raised.value.problems if "x.md" in p.path]
    # The translation is not stamped in this unit test: that problem is expected too.
    assert [p for p in problems if "source_hash" not in p] == [expected]


@pytest.mark.parametrize(
    ("es_extra", "en_extra"),
    [("draft: true\n", "draft: true\n"), ("", ""), ("draft: true\n", None)],
    ids=["both-drafts", "both-published", "pending-translation-of-a-draft"],
)
def test_orders_that_can_be_published(tmp_path: Path, es_extra: str, en_extra: str | None) -> None:
    files = site_files(es_extra, en_extra or "")
    if en_extra is None:
        files["en/posts/x.md"] = post(TRANSLATION + "  status: pending\n")
    docs = write(tmp_path, files)
    try:
        load_content(docs, ["es", "en"], "es")
    except ContentError as error:
        assert all("source_hash" in str(p) for p in error.problems), str(error)


def test_the_build_says_it_in_one_line(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, site_files("draft: true\n", ""))
    build = run_mkdocs(config, tmp_path / "site")
    assert build.returncode == 1
    problems = [line for line in build.output.splitlines() if "docs/en/posts/x.md" in line]
    assert problems == [f"ERROR   -  {DRAFT_ORIGINAL}"], build.output


def test_an_english_original_links_to_the_spanish_notice_not_to_itself(tmp_path: Path) -> None:
    files = {
        **SECTION_PAGES,
        "series.yml": "{}\n",
        "en/posts/x.md": post("title: One\ndescription: d\ndate: 2020\nauthor: A"),
        "es/posts/x.md": post(
            "title: Uno\ndescription: d\ntranslation:\n  from: en\n  status: pending"
        ),
    }
    config = fixture_site(tmp_path, files)
    build = run_mkdocs(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    switcher = re.findall(r'<a href="([^"]*)" hreflang="es"', build.html("en/posts/x/"))
    assert switcher == ["../../../#untranslated-x"]
    home = build.page("")
    notice = home.css_first("#untranslated-x")
    assert notice is not None and 'href="en/posts/x/"' in (notice.html or "")
