"""Thai fiscal years: 1 October to 30 September, named by the Buddhist-Era year in which they end."""

from __future__ import annotations

import datetime as dt

BE_OFFSET = 543
FIRST_MONTH = 10  # October
FISCAL_YEARS = range(2500, 2701)  # the years a project may name (the schema's minimum and maximum of fiscal_year)


def to_be(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def to_ce(year_be: int) -> int:
    return year_be - BE_OFFSET


def fiscal_year_of(day: dt.date) -> int:
    """B.E. fiscal year of a date: 1 Oct 2024 .. 30 Sep 2025 is fiscal year 2568."""
    return to_be(day.year) + (1 if day.month >= FIRST_MONTH else 0)


def current_fiscal_year(today: dt.date | None = None) -> int:
    return fiscal_year_of(today or dt.date.today())


def fiscal_year_start(fiscal_year: int) -> dt.date:
    return dt.date(to_ce(fiscal_year) - 1, FIRST_MONTH, 1)


def fiscal_year_end(fiscal_year: int) -> dt.date:
    return dt.date(to_ce(fiscal_year), 9, 30)


def fiscal_years_between(first: int, last: int) -> list[int]:
    return list(range(first, last + 1))
