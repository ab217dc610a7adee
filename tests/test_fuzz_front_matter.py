"""Fuzzing (Hypothesis) the front matter an author can write.

Whatever the YAML, loading the site either succeeds or fails with problems that are each one
line `file:line: field: ...`; never another exception. A few full builds check the same at
the MkDocs level: no traceback, and a failed build writes no page. The number of cases run
is written to test-artifacts/fuzz-cases.txt.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hooks.core.posts import POST_FIELDS
from hooks.core.problems import ContentError
from hooks.core.site import load_site
from tests.support import REPO, SECTION_PAGES, fixture_site, post, run_mkdocs

# Every fuzz test here and in test_fuzz_inputs.py: no example database (no .hypothesis
# folder in a clone; runs independent of each other), no deadline (a busy CI box is slow).
FUZZ = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_CASES = settings(FUZZ, max_examples=400)

ARTIFACTS = REPO / "test-artifacts"
ONE_LINE = re.compile(r"^docs/[^\s:]+\.(md|yml):\d+: [^\n]+$")
TRANSLATION = post("title: T\ndescription: d\ntranslation:\n  from: es")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "unknown",
            "2008-07-16",
            "2008-13-45",
            "2008-07",
            "2008",
            "0000-00-00",
            "miercoles-de-mekate",
            "es",
            "en",
            "pending",
            "complete",
            "true",
        ]
    ),
    st.dates().map(str),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
keys = st.one_of(st.sampled_from(POST_FIELDS), st.text(min_size=1, max_size=12))
front_matters = st.dictionaries(keys, values, max_size=12)
yaml_alphabet = st.sampled_from([*"ab1 :-[]{}'\"\n#!&*|>,?%@`\t\\", "title", "date", "é"])
raw_yaml = st.lists(yaml_alphabet, max_size=80).map("".join)

_counts: dict[str, int] = {}


def _record(name: str, count: int) -> None:
    _counts[name] = count
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{key}: {value} cases" for key, value in sorted(_counts.items())]
    (ARTIFACTS / "fuzz-cases.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    for name, text in {**SECTION_PAGES, "en/posts/fuzz.md": TRANSLATION}.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    shutil.copy(REPO / "docs" / "series.yml", docs / "series.yml")
    (docs / "es" / "posts").mkdir(parents=True, exist_ok=True)
    (docs / "es" / "posts" / "parte.md").write_text(
        post("title: 'Miércoles de Mekate: x'\ndescription: d\ndate: 2008\nauthor: A"), "utf-8"
    )
    (docs / "en" / "posts" / "parte.md").write_text(TRANSLATION, "utf-8")
    return docs


def _load(docs: Path, text: str) -> None:
    (docs / "es" / "posts" / "fuzz.md").write_text(text, encoding="utf-8")
    try:
        load_site(docs, ["es", "en"], "es", docs.parent)
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert ONE_LINE.match(str(problem)), str(problem)


def test_any_front_matter_mapping(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    count = 0

    @FUZZ_CASES
    @given(front_matters)
    def check(meta: dict) -> None:
        nonlocal count
        count += 1
        text = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
        _load(docs, f"---\n{text}---\n\nCuerpo.\n")

    check()
    _record("front-matter mappings", count)
    assert count >= 300


def test_any_yaml_text(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    count = 0

    @FUZZ_CASES
    @given(raw_yaml, st.booleans())
    def check(text: str, closed: bool) -> None:
        nonlocal count
        count += 1
        _load(docs, f"---\n{text}\n" + ("---\n\nCuerpo.\n" if closed else ""))

    check()
    _record("raw YAML texts", count)
    assert count >= 300


def test_builds_fail_cleanly(tmp_path_factory) -> None:
    count = 0

    @settings(
        max_examples=6,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(front_matters.filter(bool))
    def check(meta: dict) -> None:
        nonlocal count
        count += 1
        root = tmp_path_factory.mktemp("fuzz-build")
        text = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\nCuerpo.\n"
        files = {**SECTION_PAGES, "es/posts/fuzz.md": text, "en/posts/fuzz.md": TRANSLATION}
        build = run_mkdocs(fixture_site(root, files), root / "site")
        assert "Traceback" not in build.output, build.output
        if build.returncode != 0:
            assert not list((root / "site").rglob("*.html")), "a failed build wrote pages"
            errors = [line for line in build.output.splitlines() if line.startswith("ERROR")]
            assert errors, build.output

    check()
    _record("full builds", count)
    assert count == 6
