"""Numbers for the statistics page, computed in one pass over the catalogue's listed records.

They count what the knowledge base holds (Best Service projects and other records from public
sources, kept apart in `tally`), not every project of the BMA: no share of a mixed, partial sample
is given as if it described the programme."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bestservice.content.holdings import Tally, is_best_service
from bestservice.pages.catalogue import Catalogue


@dataclass
class Statistics:
    tally: Tally
    per_year: list[tuple[str, int]]
    per_year_kinds: list[tuple[str, int, int]]  # (year, Best Service projects, other records)
    per_group: list[tuple[str, int]]
    per_unit_type: list[tuple[str, int]]
    tool_usage: list[tuple[str, int]]
    long_term: int
    joint: int
    big_idea: int
    awarded: int
    achievement_count: int
    achievement_mean: float | None
    achievement_per_year: list[tuple[str, float, int]]


def statistics(cat: Catalogue) -> Statistics:
    ref = cat.reference
    years, best, groups, types, tools = Counter(), Counter(), Counter(), Counter(), Counter()
    long_term = joint = big_idea = awarded = 0
    achieved: dict[int, list[float]] = {}
    for p in cat.projects:
        years[p.fiscal_year or 0] += 1
        best[p.fiscal_year or 0] += is_best_service(p.doc.data)
        unit = ref.unit_by_id.get(p.unit_id) or {}
        types[unit.get("type")] += 1
        if unit.get("type") == "district" and unit.get("group"):
            groups[unit["group"]] += 1
        tools.update(p.tools)
        long_term += p.long_term
        joint += p.joint
        big_idea += bool(p.big_idea)
        awarded += bool(p.awards)
        if p.achievement is not None:
            achieved.setdefault(p.fiscal_year or 0, []).append(p.achievement)
    all_achieved = [v for values in achieved.values() for v in values]
    return Statistics(
        tally=cat.tally(cat.projects),
        per_year=[(str(y), years[y]) for y in sorted(years) if y],
        per_year_kinds=[(str(y), best[y], years[y] - best[y]) for y in sorted(years) if y],
        per_group=[(g["name_th"], groups[g["id"]]) for g in ref.groups],
        per_unit_type=[(t["name_th"], types[t["id"]]) for t in ref.unit_types],
        tool_usage=sorted(((t["name_th"], tools[t["id"]]) for t in ref.tools), key=lambda x: -x[1]),
        long_term=long_term,
        joint=joint,
        big_idea=big_idea,
        awarded=awarded,
        achievement_count=len(all_achieved),
        achievement_mean=round(sum(all_achieved) / len(all_achieved), 1) if all_achieved else None,
        achievement_per_year=[(str(y), round(sum(v) / len(v), 1), len(v)) for y, v in sorted(achieved.items()) if y],
    )
