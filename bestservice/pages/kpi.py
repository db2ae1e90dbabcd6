"""KPI arithmetic: how much of its target a KPI met, and a project's overall achievement."""

from __future__ import annotations

import re

NUMBER = re.compile(r"^\s*[-+]?\d[\d,]*(\.\d+)?\s*%?\s*$")


def number(value) -> float | None:
    """A KPI value as a number: 80, 80.5, "1,200", "80%"; anything else (text) is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and NUMBER.match(value):
        return float(value.replace(",", "").replace("%", "").strip())
    return None


def kpi_achievement(kpi: dict) -> float | None:
    """Percent of the target met (100 = target reached), None when it cannot be computed.

    With a baseline it measures the improvement achieved against the improvement planned;
    without one, result against target. `lower_is_better` turns both around (waiting times).
    """
    if not isinstance(kpi, dict):
        return None
    target, result, baseline = number(kpi.get("target")), number(kpi.get("result")), number(kpi.get("baseline"))
    if target is None or result is None:
        return None
    lower = kpi.get("lower_is_better") is True
    if baseline is not None and baseline != target:
        planned = (baseline - target) if lower else (target - baseline)
        achieved = (baseline - result) if lower else (result - baseline)
        return round(achieved / planned * 100, 1)
    if lower:
        if result <= 0:
            return 100.0 if target >= result else None
        return round(target / result * 100, 1)
    if target == 0:
        return None
    return round(result / target * 100, 1)


def project_achievement(data: dict) -> float | None:
    """The evaluated `achievement_percent` when given, else the mean of its KPIs (each capped at 100)."""
    given = data.get("achievement_percent")
    if isinstance(given, (int, float)) and not isinstance(given, bool):
        return float(given)
    kpis = data.get("kpis")
    values = [kpi_achievement(k) for k in (kpis if isinstance(kpis, list) else []) if isinstance(k, dict)]
    values = [min(max(v, 0.0), 100.0) for v in values if v is not None]
    return round(sum(values) / len(values), 1) if values else None
