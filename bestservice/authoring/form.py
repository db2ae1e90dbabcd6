"""What the proposal form page (propose/) needs: the published schema, its layout and the pick-lists.

The browser builds every field from this data (labels and help from the schema's Thai `title`
and `description`), so the form, the CLI prompts and validation share one contract.
"""

from __future__ import annotations

import datetime as dt

from bestservice import fiscal
from bestservice.content import Content
from bestservice.content.load import REFUSED_CHARACTERS
from bestservice.content.reference import Reference
from bestservice.content.rules import Context
from bestservice.content.schema import published_schema

# Sections of the form, in the order of the guide's stages; each name is a field path in the schema.
LAYOUT = [
    ("ข้อมูลทั่วไป", ["title", "unit", "fiscal_year", "id", "unit_detail", "summary"]),
    ("หน่วยงานร่วมและ Big Idea (เกณฑ์ข้อ 7 และ 8)", ["partners", "other_partners", "big_idea"]),
    (
        "ปัญหาและความต้องการ (เกณฑ์ข้อ 1)",
        ["recipients.primary", "recipients.secondary", "problem", "root_cause", "needs_survey", "potential_analysis", "gap_analysis"],
    ),
    (
        "แนวทางดำเนินการ",
        ["objectives", "activities", "service_standard", "kpis", "budget.amount_baht", "budget.source", "timeline.start", "timeline.end", "risks"],
    ),
    ("นโยบายและเครื่องมือ (เกณฑ์ข้อ 2)", ["policy_dimensions", "tools"]),
    ("ความต่อเนื่องและการขยายผล (เกณฑ์ข้อ 9 และ 12)", ["long_term", "end_fiscal_year", "yearly_targets", "continues", "whats_new", "extends"]),
    ("คำรับรอง (เกณฑ์ข้อ 10 และ 11)", ["declarations.not_ordered", "declarations.not_service_center"]),
]
FIXED = {"record": "proposal", "kind": "best_service", "status": "proposed"}


def big_ideas(content: Content, reference: Reference) -> list[dict]:
    """Big Idea keys already in the catalogue and the district group each belongs to (criterion 8)."""
    groups = Context(reference=reference, content=content, today=dt.date.today()).big_idea_groups
    return [
        {"key": key, "group": group, "group_name": reference.group_by_id[group]["name_th"], "count": counts.total()}
        for key, counts in sorted(groups.items())
        for group in [counts.most_common(1)[0][0]]
    ]


def form_data(content: Content, reference: Reference) -> dict:
    current = fiscal.current_fiscal_year()
    return {
        "schema": published_schema("project", reference),
        "layout": [{"title": title, "fields": fields} for title, fields in LAYOUT],
        "fixed": FIXED,
        "refused_characters": [list(pair) for pair in REFUSED_CHARACTERS],  # what validate refuses in a file, refused at the field
        "current_fiscal_year": current,
        "max_fiscal_year": current + 1,
        "unit_groups": [
            {
                "label": kind["name_th"],
                "units": [
                    {"id": u["id"], "name": u["name_th"]} | ({"group": u["group"]} if u["type"] == "district" else {})
                    for u in reference.units
                    if u["type"] == kind["id"]
                ],
            }
            for kind in reference.unit_types
        ],
        "district_groups": {g["id"]: g["name_th"] for g in reference.groups},
        "big_ideas": big_ideas(content, reference),
        "tools": [{"id": t["id"], "number": t["number"], "name": t["name_th"], "summary": t.get("summary_th", "")} for t in reference.tools],
        "policy_sets": [
            {
                "from": s["fiscal_years"]["from"],
                "to": s["fiscal_years"].get("to"),
                "name": s["name_th"],
                "dimensions": [{"id": d["id"], "name": d["name_th"]} for d in s["dimensions"]],
            }
            for s in reference.policy_sets
        ],
        "projects": sorted(
            ({"id": d.id, "title": str(d.data.get("title", "")), "fiscal_year": d.data.get("fiscal_year")} for d in content.projects),
            key=lambda p: p["id"],
        ),
    }
