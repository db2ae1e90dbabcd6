"""Coverage for the committee: which units have no project yet in a fiscal year.

Every unit must submit at least one project per fiscal year (guide, scope). A unit counts as
covered when it leads a project of that year; being only a partner does not count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bestservice.content import Content
from bestservice.content.reference import Reference


@dataclass
class CoverageRow:
    """One unit type, or one district group, in one fiscal year."""

    id: str
    name_th: str
    units: list[dict]
    covered: list[dict] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)
    expected: int | None = None

    @property
    def percent(self) -> float:
        return round(len(self.covered) / len(self.units) * 100, 1) if self.units else 0.0


@dataclass
class Coverage:
    fiscal_year: int
    projects_by_unit: dict[str, int]
    by_type: list[CoverageRow]
    by_group: list[CoverageRow]

    @property
    def missing(self) -> list[dict]:
        return [u for row in self.by_type for u in row.missing]

    @property
    def units_total(self) -> int:
        return sum(len(row.units) for row in self.by_type)

    @property
    def covered_total(self) -> int:
        return sum(len(row.covered) for row in self.by_type)

    def as_dict(self) -> dict:
        def row(r: CoverageRow) -> dict:
            return {
                "id": r.id,
                "name_th": r.name_th,
                "units": len(r.units),
                "expected": r.expected,
                "covered": len(r.covered),
                "missing": [u["id"] for u in r.missing],
            }

        return {
            "fiscal_year": self.fiscal_year,
            "units": self.units_total,
            "covered": self.covered_total,
            "missing": [u["id"] for u in self.missing],
            "by_unit_type": [row(r) for r in self.by_type],
            "by_district_group": [row(r) for r in self.by_group],
        }


def projects_per_unit(content: Content, fiscal_year: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for doc in content.projects:
        unit = doc.data.get("unit")
        if doc.data.get("fiscal_year") == fiscal_year and isinstance(unit, str):
            counts[unit] = counts.get(unit, 0) + 1
    return counts


def _row(item_id: str, name: str, units: list[dict], counts: dict[str, int], expected: int | None = None) -> CoverageRow:
    row = CoverageRow(item_id, name, units, expected=expected)
    for unit in units:
        (row.covered if counts.get(unit["id"]) else row.missing).append(unit)
    return row


def coverage(content: Content, reference: Reference, fiscal_year: int, counts: dict[str, int] | None = None) -> Coverage:
    counts = projects_per_unit(content, fiscal_year) if counts is None else counts
    by_type = [_row(t["id"], t["name_th"], [u for u in reference.units if u["type"] == t["id"]], counts, t.get("expected_count")) for t in reference.unit_types]
    by_group = [_row(g["id"], g["name_th"], reference.districts_of(g["id"]), counts) for g in reference.groups]
    return Coverage(fiscal_year, counts, by_type, by_group)


def coverage_by_year(content: Content, reference: Reference, years: list[int]) -> dict[int, Coverage]:
    """Coverage for several years with one pass over the projects."""
    counts: dict[int, dict[str, int]] = {year: {} for year in years}
    for doc in content.projects:
        year, unit = doc.data.get("fiscal_year"), doc.data.get("unit")
        if year in counts and isinstance(unit, str):
            counts[year][unit] = counts[year].get(unit, 0) + 1
    return {year: coverage(content, reference, year, counts[year]) for year in years}
