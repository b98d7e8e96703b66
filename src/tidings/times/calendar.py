"""Calendar arithmetic on ISO 8601 (TimeML) values: build them, shift them, read their extent.

Values are partial on purpose ("2019-11", "2019-W48", "199"): a text that says "in November"
does not give a day, and inventing one would be false precision. `interval` turns any such value
back into the first and last day it covers, which is what range checks and event dating need.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re

Interval = tuple[dt.date, dt.date]

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def shift_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (clamped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _cal.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift_years(day: dt.date, years: int) -> dt.date:
    return shift_months(day, 12 * years)


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_interval(year: int, month: int) -> Interval:
    return dt.date(year, month, 1), dt.date(year, month, _cal.monthrange(year, month)[1])


def week_value(day: dt.date) -> str:
    """The ISO week holding ``day``: ``2019-W48``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_interval(day: dt.date) -> Interval:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def weekend_of(day: dt.date) -> Interval:
    """The Saturday and Sunday of the ISO week holding ``day``."""
    saturday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5)
    return saturday, saturday + dt.timedelta(days=1)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_interval(year: int, quarter: int) -> Interval:
    first = dt.date(year, 3 * quarter - 2, 1)
    return first, month_interval(year, 3 * quarter)[1]


def season_interval(year: int, code: str) -> Interval:
    """Northern seasons; winter ``YYYY-WI`` runs from December of YYYY into the next year."""
    first, last = _SEASON_MONTHS[code]
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), month_interval(end_year, last)[1]


def decade_value(year: int) -> str:
    """TimeML decade: the first three digits (``199`` for the 1990s)."""
    return f"{year // 10:03d}"


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def interval(value: str | None) -> Interval | None:
    """First and last day a value covers, or None for what is no calendar value (``PAST_REF``)."""
    if not value:
        return None
    if "/" in value:
        left, _, right = value.partition("/")
        a, b = interval(left), interval(right)
        return (a[0], b[1]) if a and b else None
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            return month_interval(int(m[1]), int(m[2]))
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return weekend_of(monday)
            return monday, monday + dt.timedelta(days=6)
        if m := _QUARTER.match(value):
            return quarter_interval(int(m[1]), int(m[2]))
        if m := _HALF.match(value):
            year, half = int(m[1]), int(m[2])
            return dt.date(year, 6 * half - 5, 1), month_interval(year, 6 * half)[1]
        if m := _SEASON.match(value):
            return season_interval(int(m[1]), m[2])
        if m := _DECADE.match(value):
            start = int(m[1]) * 10
            return dt.date(start, 1, 1), dt.date(start + 9, 12, 31)
        if m := _CENTURY.match(value):
            start = int(m[1]) * 100
            return dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31)
    except ValueError:
        return None
    return None


def part_of(span: Interval, fraction: tuple[float, float]) -> Interval:
    """The early/middle/late part of an interval ("early June" -> 1..10 June)."""
    first, last = span
    days = (last - first).days + 1
    start = first + dt.timedelta(days=int(days * fraction[0]))
    end = first + dt.timedelta(days=max(int(round(days * fraction[1])) - 1, 0))
    return start, max(start, end)


def contains(outer: Interval, inner: Interval) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def iso_range(span: Interval) -> tuple[str, str]:
    return span[0].isoformat(), span[1].isoformat()
