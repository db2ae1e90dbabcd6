"""List pages: the catalogue, units, district groups, tools, criteria, policy dimensions, years, Big Ideas."""

from __future__ import annotations

from bestservice import urls
from bestservice.pages.base import Page, page
from bestservice.pages.catalogue import CRITERIA_PAGES, Catalogue

WIDE = {"hide": ["navigation"]}


def catalogue_page(cat: Catalogue) -> Page:
    return page(urls.catalogue(), "คลังโครงการ", "catalogue.html", cat, meta=WIDE, tally=cat.tally(), years=cat.years, by_year=cat.by_year)


def unit_pages(cat: Catalogue) -> list[Page]:
    ref = cat.reference
    pages = []
    for unit in ref.units:
        group = ref.group_by_id.get(unit.get("group")) if unit["type"] == "district" else None
        pages.append(
            page(
                urls.unit(unit["id"]),
                unit["name_th"],
                "unit.html",
                cat,
                unit=unit,
                unit_type=ref.unit_type_by_id.get(unit["type"]),
                group=group,
                projects=cat.by_unit.get(unit["id"], []),
                tally=cat.tally(cat.by_unit.get(unit["id"], [])),
                partnerships=cat.by_partner.get(unit["id"], []),
                lessons=cat.lessons_by_unit.get(unit["id"], []),
            )
        )
    counts = {u["id"]: len(cat.by_unit.get(u["id"], [])) for u in ref.units}
    sections = [(t, [u for u in ref.units if u["type"] == t["id"]]) for t in ref.unit_types]
    pages.append(page(urls.units_index(), "หน่วยงาน", "units_index.html", cat, sections=sections, counts=counts))
    return pages


def group_pages(cat: Catalogue, coverage_by_year: dict) -> list[Page]:
    ref = cat.reference
    pages = []
    for group in ref.groups:
        districts = ref.districts_of(group["id"])
        projects = cat.by_group.get(group["id"], [])
        big_ideas = sorted({p.big_idea for p in projects if p.big_idea})
        # who has not proposed is known only for the years the knowledge base holds completely
        rows = [(year, next(r for r in cov.by_group if r.id == group["id"])) for year, cov in coverage_by_year.items() if cov.complete]
        pages.append(
            page(
                urls.group(group["id"]),
                group["name_th"],
                "group.html",
                cat,
                group=group,
                districts=districts,
                counts={d["id"]: len(cat.by_unit.get(d["id"], [])) for d in districts},
                big_ideas=[(key, len(cat.by_big_idea[key])) for key in big_ideas],
                coverage_rows=rows,
                projects=projects,
            )
        )
    return pages


def groups_index(cat: Catalogue) -> Page:
    """The six district groups, each with its districts and how many projects they led."""
    ref = cat.reference
    groups = [(g, ref.districts_of(g["id"]), len(cat.by_group.get(g["id"], []))) for g in ref.groups]
    return page(urls.groups_index(), "กลุ่มเขต", "groups_index.html", cat, groups=groups)


def years_index(cat: Catalogue) -> Page:
    """Every fiscal year with projects, newest first, with how many and how many won an award."""
    years = [(year, len(cat.by_year[year]), sum(1 for p in cat.by_year[year] if p.awards)) for year in sorted(cat.years, reverse=True)]
    return page(urls.fiscal_years_index(), "โครงการตามปีงบประมาณ", "years_index.html", cat, years=years)


def tool_pages(cat: Catalogue) -> list[Page]:
    return [
        page(
            urls.tool_projects(tool["id"]),
            f"โครงการที่ใช้{tool['name_th']}",
            "tool.html",
            cat,
            tool=tool,
            projects=cat.by_tool.get(tool["id"], []),
            lessons=cat.lessons_by_tool.get(tool["id"], []),
        )
        for tool in cat.reference.tools
    ]


def criterion_pages(cat: Catalogue) -> list[Page]:
    pages = []
    for number in CRITERIA_PAGES:
        criterion = cat.reference.criterion_by_number.get(number)
        if not criterion:
            continue
        pages.append(
            page(
                urls.criterion_projects(number),
                f"เกณฑ์ข้อ {number}: {criterion['title_th']}",
                "criterion.html",
                cat,
                criterion=criterion,
                projects=cat.by_criterion.get(number, []),
                lessons=cat.lessons_by_criterion.get(number, []),
            )
        )
    return pages


def policy_pages(cat: Catalogue) -> list[Page]:
    ref = cat.reference
    pages = []
    for dim_id, dim in ref.dimension_by_id.items():
        policy_set = next(s for s in ref.policy_sets if s["id"] == dim["set"])
        pages.append(
            page(
                urls.policy_dimension(dim_id),
                f"นโยบาย{dim['name_th']}" if not dim["name_th"].startswith("นโยบาย") else dim["name_th"],
                "policy.html",
                cat,
                dim=dim,
                policy_set=policy_set,
                projects=cat.by_policy.get(dim_id, []),
            )
        )
    return pages


def year_pages(cat: Catalogue) -> list[Page]:
    return [
        page(
            urls.fiscal_year(year),
            f"โครงการปีงบประมาณ {year}",
            "year.html",
            cat,
            year=year,
            projects=cat.by_year[year],
            tally=cat.tally(cat.by_year[year]),
            complete=year in cat.reference.complete_fiscal_years,
            awarded=[p for p in cat.by_year[year] if p.awards],
        )
        for year in cat.years
    ]


def big_idea_pages(cat: Catalogue) -> list[Page]:
    pages = []
    for key, projects in sorted(cat.by_big_idea.items()):
        groups = sorted({g for p in projects if (g := cat.group_of(p.unit_id))})
        pages.append(
            page(
                urls.big_idea(key),
                f"Big Idea: {key}",
                "big_idea.html",
                cat,
                key=key,
                groups=[cat.reference.group_by_id[g] for g in groups if g in cat.reference.group_by_id],
                projects=projects,
            )
        )
    return pages


def list_pages(cat: Catalogue, coverage_by_year: dict) -> list[Page]:
    return [
        catalogue_page(cat),
        *unit_pages(cat),
        *group_pages(cat, coverage_by_year),
        groups_index(cat),
        *tool_pages(cat),
        *criterion_pages(cat),
        *policy_pages(cat),
        *year_pages(cat),
        years_index(cat),
        *big_idea_pages(cat),
    ]
