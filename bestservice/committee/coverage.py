"""Coverage for the committee: which units have not proposed a Best Service project in a fiscal year.

Every unit must submit at least one project per fiscal year (guide, scope). A unit counts as
covered when it leads a Best Service record of that year (a proposal, decided or not, or one found
in public sources); being only a partner, or a record of another kind, does not count.

Who has NOT proposed can only be said for a year whose every proposal the knowledge base holds:
reference/holdings.yaml names those years (`complete`). For any other year a unit without a record
may well have proposed, so the coverage carries no missing units, only what the knowledge base holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bestservice.content import Content
from bestservice.content.holdings import is_best_service
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
    complete: bool = False  # the knowledge base holds every proposal of the year (reference/holdings.yaml)
    complete_note: str = ""

    @property
    def missing(self) -> list[dict]:
        """The units that have not proposed: known only for a complete year (else empty)."""
        return [u for row in self.by_type for u in row.missing]

    @property
    def covered(self) -> list[dict]:
        return [u for row in self.by_type for u in row.covered]

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
                "missing": [u["id"] for u in r.missing] if self.complete else None,
            }

        return {
            "fiscal_year": self.fiscal_year,
            "proposals_complete": self.complete,
            "units": self.units_total,
            "covered": self.covered_total,
            "missing": [u["id"] for u in self.missing] if self.complete else None,
            "by_unit_type": [row(r) for r in self.by_type],
            "by_district_group": [row(r) for r in self.by_group],
        }


def projects_per_unit(content: Content, fiscal_year: int) -> dict[str, int]:
    """How many Best Service records each unit leads in the year."""
    return _counts(content, [fiscal_year])[fiscal_year]


def _counts(content: Content, years: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {year: {} for year in years}
    for doc in content.projects:
        year, unit = doc.fiscal_year, doc.data.get("unit")
        if year in counts and isinstance(unit, str) and is_best_service(doc.data):
            counts[year][unit] = counts[year].get(unit, 0) + 1
    return counts


def _row(item_id: str, name: str, units: list[dict], counts: dict[str, int], complete: bool, expected: int | None = None) -> CoverageRow:
    """Units with a record are covered; the others are missing only when the year is complete."""
    row = CoverageRow(item_id, name, units, expected=expected)
    for unit in units:
        if counts.get(unit["id"]):
            row.covered.append(unit)
        elif complete:
            row.missing.append(unit)
    return row


def coverage(content: Content, reference: Reference, fiscal_year: int, counts: dict[str, int] | None = None) -> Coverage:
    counts = projects_per_unit(content, fiscal_year) if counts is None else counts
    complete = fiscal_year in reference.complete_fiscal_years
    by_type = [
        _row(t["id"], t["name_th"], [u for u in reference.units if u["type"] == t["id"]], counts, complete, t.get("expected_count"))
        for t in reference.unit_types
    ]
    by_group = [_row(g["id"], g["name_th"], reference.districts_of(g["id"]), counts, complete) for g in reference.groups]
    return Coverage(fiscal_year, counts, by_type, by_group, complete, reference.complete_fiscal_years.get(fiscal_year, ""))


def coverage_by_year(content: Content, reference: Reference, years: list[int]) -> dict[int, Coverage]:
    """Coverage for several years with one pass over the projects."""
    counts = _counts(content, years)
    return {year: coverage(content, reference, year, counts[year]) for year in years}
