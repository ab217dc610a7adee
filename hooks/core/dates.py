"""Post dates with a precision, honest about what is unknown or inferred.

A date is written in front matter as ``YYYY-MM-DD`` (day), ``YYYY-MM`` (month), ``YYYY`` (year)
or ``unknown``. An unknown date may carry bounds (``date_after`` / ``date_before``) deduced from
the source (inclusive: the post is from that day or later / earlier), and any date may be marked
``date_inferred: true`` when part of it is our inference, or ``date_inferred: year`` when only its
year is (the day and month are the source's, as in a "16Jul" stamp without a year).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from babel.dates import format_date, format_skeleton

UNKNOWN = "unknown"
DATE_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY or 'unknown'"
INFERRED_YEAR = "year"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PostDate:
    """When a post was published, as far as we know."""

    precision: Precision
    value: dt.date | None = None  # first day of the month/year for coarser precisions
    after: dt.date | None = None
    before: dt.date | None = None
    inferred: bool = False
    inferred_year_only: bool = False  # the source gives the day/month; only the year is ours

    @property
    def iso(self) -> str | None:
        """ISO 8601 at the known precision (for ``<time datetime>``, feeds); None if unknown."""
        if self.value is None:
            return None
        return {
            Precision.DAY: self.value.isoformat(),
            Precision.MONTH: self.value.strftime("%Y-%m"),
            Precision.YEAR: f"{self.value.year:04d}",
        }[self.precision]

    @property
    def is_approximate(self) -> bool:
        return self.inferred or self.precision is Precision.UNKNOWN

    def sort_key(self) -> tuple[int, int]:
        """Ascending = oldest first. Bounded unknown dates sit just beside their bound;
        unbounded unknown dates sort before everything (last in newest-first listings)."""
        if self.value is not None:
            return (self.value.toordinal(), 0)
        if self.after is not None:
            return (self.after.toordinal(), 1)
        if self.before is not None:
            return (self.before.toordinal(), -1)
        return (0, 0)


class DateError(ValueError):
    """A date field that cannot be understood; ``field`` names it."""

    def __init__(self, field: str, message: str, expected: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.expected = expected


def _parse_day(field: str, raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        raise DateError(field, f"{raw.isoformat()} has a time of day", "a plain date YYYY-MM-DD")
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise DateError(field, f"{text!r} is not a valid date", "a real date YYYY-MM-DD")


def parse_post_date(
    raw: Any, after: Any = None, before: Any = None, inferred: Any = False
) -> PostDate:
    """Build a PostDate from the front-matter values; raise DateError naming the bad field."""
    date = _parse_post_date(raw, after, before, True if inferred == INFERRED_YEAR else inferred)
    if inferred == INFERRED_YEAR:
        if date.precision not in (Precision.DAY, Precision.MONTH):
            raise DateError(
                "date_inferred",
                f"'{INFERRED_YEAR}' says only the year is inferred, "
                "but this date has no day or month",
                "date: YYYY-MM-DD or YYYY-MM with it, or date_inferred: true",
            )
        return dataclasses.replace(date, inferred_year_only=True)
    return date


def _parse_post_date(raw: Any, after: Any, before: Any, inferred: Any) -> PostDate:
    if not isinstance(inferred, bool):
        raise DateError(
            "date_inferred",
            f"{inferred!r} is not true, false or '{INFERRED_YEAR}'",
            f"true (part of the date is inferred), '{INFERRED_YEAR}' (only the year) or false",
        )
    if raw is None:
        raise DateError("date", "is missing", DATE_FORMS)
    bounds = {
        name: _parse_day(name, value)
        for name, value in (("date_after", after), ("date_before", before))
        if value is not None
    }
    if isinstance(raw, str) and raw.strip().lower() == UNKNOWN:
        low, high = bounds.get("date_after"), bounds.get("date_before")
        if low and high and low >= high:
            raise DateError(
                "date_before",
                f"{high} is not after date_after {low}",
                "a later date than date_after",
            )
        return PostDate(Precision.UNKNOWN, after=low, before=high, inferred=inferred)
    if bounds:
        name = next(iter(bounds))
        raise DateError(
            name, "only applies when the date is unknown", "date: unknown, or no " + name
        )
    if isinstance(raw, (dt.date, dt.datetime)):
        return PostDate(Precision.DAY, _parse_day("date", raw), inferred=inferred)
    text = str(raw).strip()
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text) and int(text[:4]) < 1:
        raise DateError("date", f"{text!r} is in year 0, which does not exist", "a year from 0001")
    if re.fullmatch(r"\d{4}", text):
        return PostDate(Precision.YEAR, dt.date(int(text), 1, 1), inferred=inferred)
    month = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        if not 1 <= number <= 12:
            raise DateError("date", f"{text!r} has no month {number}", "a month 01-12")
        return PostDate(Precision.MONTH, dt.date(year, number, 1), inferred=inferred)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return PostDate(Precision.DAY, _parse_day("date", text), inferred=inferred)
    raise DateError("date", f"{text!r} is not a date", DATE_FORMS)


@functools.lru_cache(maxsize=1 << 14)  # Babel's formatting is slow; posts share dates
def format_day(value: dt.date, lang: str) -> str:
    """A full date in the reader's language: '16 de julio de 2008', 'July 16, 2008'."""
    return format_date(value, format="long", locale=lang)


def format_known(date: PostDate, lang: str) -> str:
    """The date at its precision, without approximation wording."""
    assert date.value is not None
    if date.precision is Precision.DAY:
        return format_day(date.value, lang)
    if date.precision is Precision.MONTH:
        return format_skeleton("yMMMM", date.value, locale=lang)
    return str(date.value.year)
