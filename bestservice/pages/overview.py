"""Overview pages: award winners, coverage for the committee, statistics."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from markupsafe import Markup

from bestservice import urls
from bestservice.pages.base import Page, page
from bestservice.pages.catalogue import Catalogue
from bestservice.pages.charts import bar_chart
from bestservice.pages.project import safe_url
from bestservice.pages.stats import statistics

WIDE = {"hide": ["navigation"]}


@dataclass(frozen=True)
class AwardRound:
    """One award in one year: the winners the knowledge base holds, and what a source says of them all."""

    year: int
    winners: tuple  # ({"p": ProjectView, "name": str, "source": url}, ...)
    stated: int | None = None  # how many winners a source states (reference/awards.yaml award_rounds)
    note_th: str = ""
    sources: tuple = ()  # ((title, url), ...)


@dataclass(frozen=True)
class AwardGroup:
    kind: dict
    sources: tuple
    rounds: tuple

    @property
    def held(self) -> int:
        return sum(len(r.winners) for r in self.rounds)


def source_links(reference, source_id) -> tuple:
    """A reference/sources.yaml entry as (site, url) links (none when it has no address)."""
    source = reference.sources.get(source_id) if isinstance(source_id, str) else None
    return tuple((urlparse(url).hostname or url, url) for url in source.get("urls", []) if safe_url(url)) if source else ()


def award_groups(cat: Catalogue) -> list[AwardGroup]:
    """Winners grouped by award, then by fiscal year of the award (else of the project), with the
    rounds sources speak of even where no winner is held."""
    ref = cat.reference
    found: dict[str, dict[int, list]] = {}
    for p in cat.awarded:
        for award in p.awards:
            year = award.get("fiscal_year") if isinstance(award.get("fiscal_year"), int) else (p.fiscal_year or 0)
            kind = award.get("kind") if isinstance(award.get("kind"), str) else "other"
            found.setdefault(kind, {}).setdefault(year, []).append({"p": p, "name": award.get("name"), "source": safe_url(award.get("source"))})
    stated = {(r["award"], r["fiscal_year"]): r for r in ref.award_rounds}
    for award, year in stated:
        found.setdefault(award, {}).setdefault(year, [])
    kinds = {k["id"]: k for k in ref.award_kinds}
    order = [k["id"] for k in ref.award_kinds] + sorted(set(found) - set(kinds))
    groups = []
    for kind in (k for k in order if k in found):
        rounds = []
        for year in sorted(found[kind], reverse=True):
            known = stated.get((kind, year), {})
            rounds.append(AwardRound(year, tuple(found[kind][year]), known.get("winners"), known.get("note_th", ""), source_links(ref, known.get("source"))))
        info = kinds.get(kind, {"id": kind, "name_th": kind})
        groups.append(AwardGroup(info, source_links(ref, info.get("source")), tuple(rounds)))
    return groups


def awards_page(cat: Catalogue) -> Page:
    return page(urls.awards(), "ผลงานที่ได้รับรางวัล", "awards.html", cat, groups=award_groups(cat), total=len(cat.awarded))


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
        "year": bar_chart("bs-chart-year", "จำนวนรายการในคลังต่อปีงบประมาณ (ทุกประเภท)", s.per_year),
        "group": bar_chart("bs-chart-group", "จำนวนรายการในคลังของสำนักงานเขตตามกลุ่มเขต (ทุกประเภท)", s.per_group),
        "type": bar_chart("bs-chart-type", "จำนวนรายการในคลังตามประเภทหน่วยงาน (ทุกประเภท)", s.per_unit_type),
        "tools": bar_chart("bs-chart-tools", "จำนวนรายการที่ระบุว่าใช้แต่ละเครื่องมือ", s.tool_usage),
        "achievement": bar_chart(
            "bs-chart-achievement", "ร้อยละความสำเร็จเฉลี่ยต่อปีงบประมาณ", [(y, v) for y, v, _ in s.achievement_per_year], unit="%", max_value=100
        ),
    }
    return page(urls.statistics(), "สถิติคลังโครงการ", "stats.html", cat, s=s, charts={k: Markup(v) for k, v in charts.items()})  # SVG built from escaped text


def overview_pages(cat: Catalogue, coverages: dict, current: int) -> list[Page]:
    return [awards_page(cat), *coverage_pages(cat, coverages, current), stats_page(cat)]
