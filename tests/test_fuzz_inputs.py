"""Fuzzing (Hypothesis) everything else an author writes: the series registry, the hooks' own
`extra` settings, file names and file encodings. Each is either accepted or refused with
problems that are one line each (`file:line: what; expected ...`), never another exception.
Counts are added to test-artifacts/fuzz-cases.txt."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hooks.core.files import check_tree
from hooks.core.problems import ContentError
from hooks.core.settings import LINKCHECK_KEYS, TOP_KEYS, read_settings
from hooks.core.site import load_site
from tests.test_fuzz_front_matter import FUZZ, _docs, _record, raw_yaml, values

ONE_LINE = re.compile(r"^[^\n]+:\d+: [^\n]+$")
CASES = settings(FUZZ, max_examples=150)


def _assert_one_line_problems(error: ContentError) -> None:
    assert error.problems
    for problem in error.problems:
        text = str(problem)
        assert ONE_LINE.match(text) and len(text) < 1000, text


def _load(docs: Path) -> None:
    try:
        load_site(docs, ["es", "en"], "es", docs.parent)
    except ContentError as error:
        _assert_one_line_problems(error)


registries = st.dictionaries(
    st.one_of(st.sampled_from(["miercoles-de-mekate", "x", "Mal Id"]), st.text(max_size=8)),
    st.one_of(
        values,
        st.fixed_dictionaries(
            {},
            optional={
                "name": values,
                "description": values,
                "title_prefix": values,
                "otro": values,
            },
        ),
    ),
    max_size=4,
)


def test_any_series_registry(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    count = 0

    @CASES
    @given(st.one_of(registries.map(lambda r: yaml.safe_dump(r, allow_unicode=True)), raw_yaml))
    def check(text: str) -> None:
        nonlocal count
        count += 1
        (docs / "series.yml").write_text(text, encoding="utf-8")
        _load(docs)

    check()
    _record("series registries", count)
    assert count >= 120


def test_any_bytes_in_any_encoding(tmp_path: Path) -> None:
    """A post or the registry in Latin-1, UTF-16, with a BOM, NULs or invalid bytes."""
    docs = _docs(tmp_path)
    post = docs / "es" / "posts" / "fuzz.md"
    count = 0
    texts = st.text(max_size=40).map(lambda t: "---\ntitle: " + t + "\n---\n")

    @CASES
    @given(
        st.one_of(
            st.binary(max_size=60),
            st.tuples(texts, st.sampled_from(["latin-1", "utf-16", "utf-8-sig", "cp1252"])).map(
                lambda pair: pair[0].encode(pair[1], errors="replace")
            ),
        ),
        st.booleans(),
    )
    def check(data: bytes, registry: bool) -> None:
        nonlocal count
        count += 1
        (docs / "series.yml" if registry else post).write_bytes(data)
        _load(docs)
        _docs(tmp_path)  # restore both

    check()
    _record("file encodings", count)
    assert count >= 120


def test_any_extra_settings() -> None:
    count = 0
    keys = st.one_of(
        st.sampled_from([*TOP_KEYS, "stale_translation", "social"]), st.text(max_size=8)
    )
    section = st.dictionaries(
        st.one_of(st.sampled_from([*LINKCHECK_KEYS, "per_page", "perpage"]), st.text(max_size=6)),
        values,
        max_size=4,
    )

    @CASES
    @given(st.dictionaries(keys, st.one_of(values, section), max_size=5))
    def check(extra: dict) -> None:
        nonlocal count
        count += 1
        try:
            found = read_settings(extra)
        except ContentError as error:
            _assert_one_line_problems(error)
        else:
            assert found.per_page >= 1

    check()
    _record("extra settings", count)
    assert count >= 120


def test_any_file_name(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    count = 0
    names = st.text(
        st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]),
        min_size=1,
        max_size=20,
    )

    @CASES
    @given(names, st.sampled_from(["es/posts", "es", "", "assets"]), st.booleans())
    def check(name: str, folder: str, link: bool) -> None:
        nonlocal count
        path = docs / folder / f"{name}.md"
        if name in (".", "..") or len(os.fsencode(path.name)) > 255:
            return
        count += 1
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            if link:
                os.symlink(tmp_path.parent, path)
            else:
                path.write_text("---\ntitle: x\n---\n", encoding="utf-8")
            for problem in check_tree(docs, tmp_path, ["es", "en"]):
                assert ONE_LINE.match(str(problem)), str(problem)
        finally:
            path.unlink(missing_ok=True)

    check()
    _record("file names", count)
    assert count >= 120
