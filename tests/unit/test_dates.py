from __future__ import annotations

import datetime as dt

import pytest

from hooks.core.dates import DateError, Precision, parse_post_date
from hooks.core.render import describe_date


@pytest.mark.parametrize(
    ("raw", "precision", "iso"),
    [
        ("2008-07-16", Precision.DAY, "2008-07-16"),
        (dt.date(2008, 7, 16), Precision.DAY, "2008-07-16"),
        ("2008-07", Precision.MONTH, "2008-07"),
        (2008, Precision.YEAR, "2008"),
        ("unknown", Precision.UNKNOWN, None),
    ],
)
def test_precisions(raw: object, precision: Precision, iso: str | None) -> None:
    date = parse_post_date(raw)
    assert date.precision is precision and date.iso == iso


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"raw": "2008-13-01"}, "date"),
        ({"raw": "2008-02-30"}, "date"),
        ({"raw": "2008-00"}, "date"),
        ({"raw": "julio"}, "date"),
        ({"raw": None}, "date"),
        ({"raw": "2008-07-16", "after": "2008-01-01"}, "date_after"),
        ({"raw": "unknown", "after": "2009-01-01", "before": "2008-01-01"}, "date_before"),
        ({"raw": "unknown", "before": "ayer"}, "date_before"),
        ({"raw": "2008", "inferred": "yes"}, "date_inferred"),
        ({"raw": "2008-07-16", "inferred": "Year"}, "date_inferred"),
        ({"raw": "2008-07-16", "inferred": "month"}, "date_inferred"),
        ({"raw": "2008", "inferred": "year"}, "date_inferred"),  # a year alone: use true
        ({"raw": "unknown", "after": "2008-07-16", "inferred": "year"}, "date_inferred"),
        ({"raw": "2008-02-30", "inferred": "year"}, "date"),  # the date's own error first
        ({"raw": dt.datetime(2008, 7, 16, 10, 0)}, "date"),
    ],
)
def test_bad_dates_name_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(DateError) as error:
        parse_post_date(**kwargs)
    assert error.value.field == field


def test_honest_ordering() -> None:
    known = parse_post_date("2008-07-16", inferred=True)
    after = parse_post_date("unknown", after="2008-07-16")
    before = parse_post_date("unknown", before="2008-07-16")
    unbounded = parse_post_date("unknown")
    ordered = sorted([after, unbounded, known, before], key=lambda d: d.sort_key())
    assert ordered == [unbounded, before, known, after]


@pytest.mark.parametrize(
    ("kwargs", "es", "en"),
    [
        ({"raw": "2008-07-16"}, "16 de julio de 2008", "July 16, 2008"),
        (
            {"raw": "2008-07-16", "inferred": True},
            "16 de julio de 2008 (fecha aproximada)",
            "circa July 16, 2008",
        ),
        (
            {"raw": "2008-07-16", "inferred": "year"},
            "16 de julio de 2008 (año inferido)",
            "July 16, 2008 (year inferred)",
        ),
        (
            {"raw": "2008-07", "inferred": "year"},
            "julio de 2008 (año inferido)",
            "July 2008 (year inferred)",
        ),
        ({"raw": "2008-07"}, "julio de 2008", "July 2008"),
        ({"raw": "2012", "inferred": True}, "2012 (fecha aproximada)", "circa 2012"),
        ({"raw": "unknown"}, "Fecha desconocida", "Date unknown"),
        (
            {"raw": "unknown", "before": "2008-07-16"},
            "Fecha desconocida (no posterior al 16 de julio de 2008)",
            "Date unknown (on or before July 16, 2008)",
        ),
        (
            {"raw": "unknown", "after": "2007-07-19"},
            "Fecha desconocida (no anterior al 19 de julio de 2007)",
            "Date unknown (on or after July 19, 2007)",
        ),
        (
            {"raw": "unknown", "after": "2007-07-19", "before": "2008-01-01"},
            "Fecha desconocida (entre el 19 de julio de 2007 y el 1 de enero de 2008)",
            "Date unknown (between July 19, 2007 and January 1, 2008)",
        ),
    ],
)
def test_readers_see_precision_and_approximation(kwargs: dict, es: str, en: str) -> None:
    date = parse_post_date(**kwargs)
    assert describe_date(date, "es") == es
    assert describe_date(date, "en") == en


def test_only_the_year_inferred() -> None:
    """``date_inferred: year``: the day and month are the source's, the year is ours. The date
    is as approximate as any inferred one (style, date_note required) and sorts by its value."""
    year_only = parse_post_date("2008-07-16", inferred="year")
    assert year_only.inferred and year_only.inferred_year_only and year_only.is_approximate
    assert year_only.precision is Precision.DAY and year_only.iso == "2008-07-16"
    assert year_only.sort_key() == parse_post_date("2008-07-16", inferred=True).sort_key()
    whole = parse_post_date("2008-07-16", inferred=True)
    assert not whole.inferred_year_only
    assert not parse_post_date("2008-07-16").inferred_year_only
