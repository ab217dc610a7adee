from __future__ import annotations

import pytest

from hooks.core.frontmatter import FrontMatterError, parse


def test_values_lines_and_body() -> None:
    meta = parse("---\ntitle: Hola\nsource:\n  blog: X\ndate: 2008-07-16\n---\n\nCuerpo\n")
    assert meta.data == {"title": "Hola", "source": {"blog": "X"}, "date": "2008-07-16"}
    assert meta.lines == {"title": 2, "source": 3, "source.blog": 4, "date": 5}
    assert meta.body.strip() == "Cuerpo" and meta.body_line == 7
    assert meta.line_of("source.url") == 3 and meta.line_of("nothing") == 1


def test_dates_stay_text_even_when_impossible() -> None:
    assert parse("---\ndate: 2008-13-45\n---\n").data["date"] == "2008-13-45"


def test_no_front_matter() -> None:
    meta = parse("# Título\n")
    assert meta.data == {} and meta.body == "# Título\n"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("---\ntitle: a: b\n---\n", 2, "mapping values are not allowed"),
        ("---\ntitle: ok\n  bad: indent\n---\n", 3, "invalid YAML"),
        ("---\n- a\n- b\n---\n", 2, "not a mapping"),
        ("---\ntitle: a\n", 1, "not closed"),
        ("---\ntitle: a\ntitle: b\n---\n", 3, "appears twice"),
        ("---\nx: !!python/name:os.system\n---\n", 2, "invalid YAML"),
    ],
)
def test_unreadable_front_matter_names_its_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(FrontMatterError) as error:
        parse(text)
    assert error.value.line == line and fragment in error.value.message


def test_a_problem_is_always_one_line() -> None:
    from hooks.core.problems import Problem

    text = str(Problem("docs/es/a.md", 3, "ti\ntle", "bad\nvalue", "one\rline"))
    assert "\n" not in text and "\r" not in text
    assert text == "docs/es/a.md:3: 'ti\\ntle': bad\\nvalue; expected one\\rline"
