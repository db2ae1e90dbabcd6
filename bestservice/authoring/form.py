"""What the proposal form (propose/) and the lesson form (propose/lesson/) need: the published schema,
its layout and the pick-lists.

The browser builds every field from this data (labels and help from the schema's Thai `title` and
`x-help-th`, else `description`), so the forms, the CLI prompts and validation share one contract.
Dates are read in the browser by the rules the core reads them with (thai.dates.date_rules).
"""

from __future__ import annotations

import datetime as dt

from bestservice import fiscal
from bestservice.content import Content
from bestservice.content.load import REFUSED_CHARACTERS
from bestservice.content.reference import Reference
from bestservice.content.rules import Context, project_ran
from bestservice.content.schema import published_schema
from bestservice.thai.dates import date_rules

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
    ("ความต่อเนื่องและการขยายผล (เกณฑ์ข้อ 9 และ 12)", ["long_term", "end_fiscal_year", "yearly_targets", "continues", "whats_new", "extends", "reuses_lessons"]),
    ("คำรับรอง (เกณฑ์ข้อ 10 และ 11)", ["declarations.not_ordered", "declarations.not_service_center"]),
]
FIXED = {"record": "proposal", "kind": "best_service", "status": "proposed"}
# The lesson form: the after-action review first, as `bestservice new lesson` asks it.
LESSON_LAYOUT = [
    ("บทเรียนเรื่องอะไร", ["title", "projects", "unit", "contact_role", "published"]),
    ("ทบทวนหลังปฏิบัติ", ["expected", "happened", "why", "next_time"]),
    ("ผล ต้นทุน และสิ่งที่ต้องมีก่อน", ["results", "cost_baht", "effort", "preconditions"]),
    ("ได้ผล ไม่ได้ผล และเหมาะกับใคร", ["what_worked", "what_didnt", "for_whom"]),
    ("เครื่องมือและเกณฑ์ที่เกี่ยวข้อง", ["tools", "criteria"]),
    ("ผู้ถอดบทเรียนและแหล่งข้อมูล", ["author", "sources", "id"]),
]
# What the lesson form asks for before a download, beyond the schema's required fields (as `new lesson`).
LESSON_REQUIRED = ["unit", "published", "expected", "why"]


def big_ideas(content: Content, reference: Reference) -> list[dict]:
    """Big Idea keys already in the catalogue and the district group each belongs to (criterion 8)."""
    groups = Context(reference=reference, content=content, today=dt.date.today()).big_idea_groups
    return [
        {"key": key, "group": group, "group_name": reference.group_by_id[group]["name_th"], "count": counts.total()}
        for key, counts in sorted(groups.items())
        for group in [counts.most_common(1)[0][0]]
    ]


def form_data(content: Content, reference: Reference) -> dict:
    """The proposal form's data."""
    return shared_data(content, reference) | {
        "kind": "project",
        "schema": published_schema("project", reference),
        "layout": [{"title": title, "fields": fields} for title, fields in LAYOUT],
        "fixed": FIXED,
        "district_groups": {g["id"]: g["name_th"] for g in reference.groups},
        "big_ideas": big_ideas(content, reference),
        "policy_sets": [
            {
                "from": s["fiscal_years"]["from"],
                "to": s["fiscal_years"].get("to"),
                "name": s["name_th"],
                "dimensions": [{"id": d["id"], "name": d["name_th"]} for d in s["dimensions"]],
            }
            for s in reference.policy_sets
        ],
    }


def lesson_form_data(content: Content, reference: Reference) -> dict:
    """The lesson form's data."""
    schema = published_schema("lesson", reference)
    return shared_data(content, reference) | {
        "kind": "lesson",
        "schema": schema,
        "layout": [{"title": title, "fields": fields} for title, fields in LESSON_LAYOUT],
        "fixed": {},
        "required": [*schema["required"], *LESSON_REQUIRED],
        "criteria": [{"number": c["number"], "title": c["title_th"]} for c in reference.criteria],
    }


def shared_data(content: Content, reference: Reference) -> dict:
    """What both forms pick from: units, tools, the projects and lessons there are, and how dates are read."""
    current = fiscal.current_fiscal_year()
    return {
        "date_rules": date_rules(),
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
        "tools": [{"id": t["id"], "number": t["number"], "name": t["name_th"], "summary": t.get("summary_th", "")} for t in reference.tools],
        "projects": sorted(
            (
                {"id": d.id, "title": d.title, "fiscal_year": d.fiscal_year, "unit_name": reference.unit_name(d.unit), "ran": project_ran(d.data)}
                for d in content.projects
            ),
            key=lambda p: p["id"],
        ),
        "lessons": sorted(({"id": d.id, "title": d.title, "fiscal_year": first_year(d, content)} for d in content.lessons), key=lambda lesson: lesson["id"]),
    }


def first_year(lesson, content: Content) -> int | None:
    """The fiscal year of the earliest project a lesson comes from (a project reuses lessons of earlier years)."""
    years = [p.fiscal_year for i in lesson.entries("projects") if isinstance(i, str) and (p := content.project_by_id.get(i)) is not None and p.fiscal_year]
    return min(years) if years else None
