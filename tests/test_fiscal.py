"""Fiscal years run 1 October to 30 September and are named by the B.E. year in which they end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bestservice import fiscal


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (dt.date(2024, 9, 30), 2567),
        (dt.date(2024, 10, 1), 2568),
        (dt.date(2025, 1, 1), 2568),
        (dt.date(2025, 9, 30), 2568),
        (dt.date(2025, 10, 1), 2569),
        (dt.date(2019, 11, 19), 2563),  # a Q1 date in the guide's sense
    ],
)
def test_fiscal_year_changes_on_the_first_of_october(day, fiscal_year):
    assert fiscal.fiscal_year_of(day) == fiscal_year


def test_fiscal_year_2565_is_october_2021_to_september_2022():
    """The worked example of the Budget Procedures Act explainer (sources: S-ITAX-FY)."""
    assert fiscal.fiscal_year_start(2565) == dt.date(2021, 10, 1)
    assert fiscal.fiscal_year_end(2565) == dt.date(2022, 9, 30)


def test_start_and_end_belong_to_their_own_fiscal_year():
    for year in (2560, 2568, 2570):
        assert fiscal.fiscal_year_of(fiscal.fiscal_year_start(year)) == year
        assert fiscal.fiscal_year_of(fiscal.fiscal_year_end(year)) == year
        assert fiscal.fiscal_year_start(year + 1) - fiscal.fiscal_year_end(year) == dt.timedelta(days=1)


def test_buddhist_and_common_era_differ_by_543():
    assert fiscal.to_be(2025) == 2568
    assert fiscal.to_ce(2568) == 2025
    assert fiscal.to_ce(fiscal.to_be(1997)) == 1997


def test_current_fiscal_year_on_a_given_date():
    assert fiscal.current_fiscal_year(dt.date(2025, 9, 30)) == 2568
    assert fiscal.current_fiscal_year(dt.date(2025, 10, 1)) == 2569
    assert fiscal.current_fiscal_year() == fiscal.fiscal_year_of(dt.date.today())


def test_years_between_include_both_ends():
    assert fiscal.fiscal_years_between(2567, 2569) == [2567, 2568, 2569]
    assert fiscal.fiscal_years_between(2568, 2568) == [2568]


def test_the_years_commands_accept_are_the_ones_the_schema_allows():
    schema = json.loads((Path(fiscal.__file__).parent / "defaults" / "schema" / "project.schema.json").read_text(encoding="utf-8"))
    limits = schema["properties"]["fiscal_year"]
    assert (fiscal.FISCAL_YEARS[0], fiscal.FISCAL_YEARS[-1]) == (limits["minimum"], limits["maximum"]), "update fiscal.FISCAL_YEARS with the schema"
