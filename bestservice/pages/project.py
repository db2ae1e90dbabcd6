"""The page of each project (lessons: pages.lesson)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from markupsafe import Markup

from bestservice import urls
from bestservice.pages.base import Page, page
from bestservice.pages.catalogue import STATUS_TH, Catalogue, ProjectView
from bestservice.pages.kpi import kpi_achievement
from bestservice.render import markdown_to_html
from bestservice.thai.dates import format_date

PROBLEM_FIELDS = [
    ("problem", "สภาพปัญหา (เกณฑ์ข้อ 1)"),
    ("root_cause", "ต้นเหตุของปัญหา"),
    ("needs_survey", "การสำรวจความต้องการ"),
    ("potential_analysis", "การวิเคราะห์ศักยภาพ"),
    ("gap_analysis", "การวิเคราะห์ช่องว่าง"),
]
DONE_FIELDS = [("activities", "วิธีดำเนินการ"), ("service_standard", "มาตรฐานงานบริการ")]


def safe_url(value) -> str | None:
    return value if isinstance(value, str) and value.lower().startswith(("http://", "https://")) else None


def kpi_value(value, unit) -> str:
    """`45 นาที`, `ร้อยละ 80` (Thai puts ร้อยละ first); empty when there is no value."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    if not isinstance(unit, str) or not unit.strip() or unit.strip() in text:
        return text
    return f"{unit.strip()} {text}" if unit.strip() == "ร้อยละ" else f"{text} {unit.strip()}"


def _texts(data: dict, fields) -> list[tuple[str, str]]:
    return [(label, data[key]) for key, label in fields if isinstance(data.get(key), str) and data[key].strip()]


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dicts(value) -> list[dict]:
    return [v for v in _list(value) if isinstance(v, dict)]


def _link(catalogue: Catalogue, project_id) -> dict | None:
    if not isinstance(project_id, str):
        return None
    return {"id": project_id, "view": catalogue.by_id.get(project_id)}


def _timeline(value) -> str:
    if not isinstance(value, dict):
        return ""
    try:
        return f"{format_date(value['start'])} ถึง {format_date(value['end'])}"
    except (KeyError, ValueError, TypeError):
        return ""


def project_page(catalogue: Catalogue, p: ProjectView, updated: dt.date | None) -> Page:
    ref = catalogue.reference
    d = p.doc.data
    kpis = [
        {**k, "pct": kpi_achievement(k), **{f"{key}_text": kpi_value(k.get(key), k.get("unit")) for key in ("baseline", "target", "result")}}
        for k in _dicts(d.get("kpis"))
    ]
    awards = [{**a, "source": safe_url(a.get("source"))} for a in p.awards]
    sources = [{**s, "url": safe_url(s.get("url"))} for s in _dicts(d.get("sources")) if safe_url(s.get("url"))]
    kind = next((k["name_th"] for k in ref.record_kinds if k["id"] == d.get("kind")), None)
    return page(
        urls.project(p.id),
        p.title,
        "project.html",
        catalogue,
        p=p,
        d={k: d.get(k) for k in ("summary", "confidence", "fiscal_year_note", "unit_detail", "end_fiscal_year", "whats_new")},
        partners=_dicts(d.get("partners")),
        other_partners=[x for x in _list(d.get("other_partners")) if isinstance(x, str)],
        status_th=STATUS_TH[p.status],
        kind_th=kind,
        yearly_targets=_dicts(d.get("yearly_targets")),
        recipients=d.get("recipients") if isinstance(d.get("recipients"), dict) else {},
        budget=d.get("budget") if isinstance(d.get("budget"), dict) else None,
        timeline=_timeline(d.get("timeline")),
        problem_fields=_texts(d, PROBLEM_FIELDS),
        done_fields=_texts(d, DONE_FIELDS),
        objectives=[x for x in _list(d.get("objectives")) if isinstance(x, str)],
        risks=[x for x in _list(d.get("risks")) if isinstance(x, str)],
        kpis=kpis,
        achievement_given=isinstance(d.get("achievement_percent"), (int, float)),
        progress=_dicts(d.get("progress")),
        body=Markup(markdown_to_html(p.doc.body)),  # sanitized by nh3
        lessons=catalogue.lessons_of_project.get(p.id, []),
        reused_lessons=[lesson for i in _list(d.get("reuses_lessons")) if isinstance(i, str) and (lesson := catalogue.lesson_by_id.get(i))],
        continues=_link(catalogue, p.continues),
        continued_by=catalogue.continued_by.get(p.id, []),
        extends=_link(catalogue, d.get("extends")),
        extended_by=catalogue.extended_by.get(p.id, []),
        awards=awards,
        sources=sources,
        updated=format_date(updated) if updated else None,
    )


def project_pages(catalogue: Catalogue, dates: dict) -> Iterator[Page]:
    """Every record's page: a proposal's too (labelled as one; no list leads to it but the committee's card)."""
    return (project_page(catalogue, p, dates.get(p.doc.path)) for p in catalogue.records)
