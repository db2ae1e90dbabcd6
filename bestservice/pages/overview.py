"""Overview pages: award winners, coverage for the committee, statistics."""

from __future__ import annotations

from markupsafe import Markup

from bestservice import urls
from bestservice.pages.base import Page, page
from bestservice.pages.catalogue import Catalogue
from bestservice.pages.charts import bar_chart
from bestservice.pages.project import safe_url
from bestservice.pages.stats import statistics

WIDE = {"hide": ["navigation"]}


def awards_page(cat: Catalogue) -> Page:
    """Winners by fiscal year of the award (else of the project), then by award kind."""
    ref = cat.reference
    kinds = {k["id"]: k for k in ref.award_kinds}
    order = {k["id"]: i for i, k in enumerate(ref.award_kinds)}
    entries: dict[int, dict[str, list]] = {}
    for p in cat.awarded:
        for award in p.awards:
            year = award.get("fiscal_year") if isinstance(award.get("fiscal_year"), int) else (p.fiscal_year or 0)
            kind = award.get("kind") if isinstance(award.get("kind"), str) else "other"
            entries.setdefault(year, {}).setdefault(kind, []).append({"p": p, "name": award.get("name"), "source": safe_url(award.get("source"))})
    years = [
        (year, [(kinds.get(kind, {"id": kind, "name_th": kind}), items) for kind, items in sorted(entries[year].items(), key=lambda kv: order.get(kv[0], 99))])
        for year in sorted(entries, reverse=True)
    ]
    return page(urls.awards(), "โครงการที่ได้รับรางวัล", "awards.html", cat, years=years, total=len(cat.awarded))


def coverage_pages(cat: Catalogue, coverages: dict, current: int) -> list[Page]:
    pages = []
    years = sorted(coverages, reverse=True)
    for year in years:
        pages.append(
            page(urls.coverage(year), f"การเสนอโครงการปีงบประมาณ {year}", "coverage.html", cat, meta=WIDE, cov=coverages[year], years=years, current=current)
        )
    pages.append(
        page(
            urls.coverage(),
            f"การเสนอโครงการปีงบประมาณ {current} (ปีปัจจุบัน)",
            "coverage.html",
            cat,
            meta=WIDE,
            cov=coverages[current],
            years=years,
            current=current,
        )
    )
    return pages


def stats_page(cat: Catalogue) -> Page:
    s = statistics(cat)
    charts = {
        "year": bar_chart("bs-chart-year", "จำนวนโครงการต่อปีงบประมาณ", s.per_year),
        "group": bar_chart("bs-chart-group", "จำนวนโครงการของสำนักงานเขตตามกลุ่มเขต", s.per_group),
        "type": bar_chart("bs-chart-type", "จำนวนโครงการตามประเภทหน่วยงาน", s.per_unit_type),
        "tools": bar_chart("bs-chart-tools", "จำนวนโครงการที่ใช้แต่ละเครื่องมือ", s.tool_usage),
        "achievement": bar_chart(
            "bs-chart-achievement", "ร้อยละความสำเร็จเฉลี่ยต่อปีงบประมาณ", [(y, v) for y, v, _ in s.achievement_per_year], unit="%", max_value=100
        ),
    }
    return page(urls.statistics(), "สถิติโครงการ", "stats.html", cat, s=s, charts={k: Markup(v) for k, v in charts.items()})  # SVG built from escaped text


def overview_pages(cat: Catalogue, coverages: dict, current: int) -> list[Page]:
    return [awards_page(cat), *coverage_pages(cat, coverages, current), stats_page(cat)]
