"""The page of each lesson learned, and the lessons' index (filtered by tool and criterion in the browser).

A lesson reads as an after-action review: what was expected, what happened, why, and what to do next
time; then its numbers, cost and effort, what a unit needs before reusing it, who owns it and whom to
ask, the projects it comes from and the later projects that reused it. It prints on one A4 page.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from bestservice import urls
from bestservice.content.document import Document
from bestservice.pages.base import Page, page
from bestservice.pages.catalogue import Catalogue
from bestservice.pages.project import kpi_value, safe_url
from bestservice.render import markdown_to_html
from bestservice.thai.dates import DateError, format_date, read_date

REVIEW = [  # the after-action review, in its order
    ("expected", "สิ่งที่คาดไว้"),
    ("happened", "สิ่งที่เกิดขึ้นจริง"),
    ("why", "เหตุที่เป็นเช่นนั้น"),
    ("next_time", "ครั้งหน้าควรทำอย่างไร"),
]


def _texts(value) -> list[str]:
    return [x for x in value if isinstance(x, str)] if isinstance(value, list) else []


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def thai_date_or_none(value) -> str | None:
    try:
        return format_date(read_date(value)) if isinstance(value, str) else None
    except DateError:
        return None


def lesson_results(lesson: Document) -> list[dict]:
    """Each measured result with its value as Thai readers write it (`33,693 ตัน`, `ร้อยละ 80`)."""
    return [{**r, "value_text": kpi_value(r.get("value"), r.get("unit"))} for r in lesson.entries("results") if isinstance(r, dict) and _text(r.get("name"))]


def criterion_numbers(lesson: Document, ref) -> list[int]:
    return [n for n in lesson.entries("criteria") if isinstance(n, int) and n in ref.criterion_by_number]


def cost_text(value) -> str | None:
    return f"{value:,.0f} บาท" if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def lesson_page(catalogue: Catalogue, lesson: Document, updated: dt.date | None) -> Page:
    d = lesson.data
    ref = catalogue.reference
    project_ids = _texts(d.get("projects"))
    return page(
        urls.lesson(lesson.id),
        lesson.title,
        "lesson.html",
        catalogue,
        lesson=lesson,
        projects=[catalogue.by_id[i] for i in project_ids if i in catalogue.by_id],
        missing=[i for i in project_ids if i not in catalogue.by_id],
        review=[(label, text) for key, label in REVIEW if (text := _text(d.get(key)))],
        results=lesson_results(lesson),
        cost=cost_text(d.get("cost_baht")),
        effort=_text(d.get("effort")),
        preconditions=_texts(d.get("preconditions")),
        unit=lesson.unit or None,
        contact_role=_text(d.get("contact_role")),
        tools=_texts(d.get("tools")),
        criteria=[ref.criterion_by_number[n] for n in criterion_numbers(lesson, ref)],
        what_worked=_texts(d.get("what_worked")),
        what_didnt=_texts(d.get("what_didnt")),
        for_whom=_texts(d.get("for_whom")),
        author=_text(d.get("author")),
        published=thai_date_or_none(d.get("published")),
        reused_by=catalogue.reused_by.get(lesson.id, []),
        sources=[{**s, "url": safe_url(s.get("url"))} for s in lesson.entries("sources") if isinstance(s, dict) and safe_url(s.get("url"))],
        body=Markup(markdown_to_html(lesson.body)),  # sanitized by nh3
        updated=format_date(updated) if updated else None,
    )


def lessons_index(catalogue: Catalogue) -> Page:
    """Every lesson, with what the browser filters them by: the tools and criteria each names (every tool and
    criterion is offered: a guide page links here for each criterion, and a choice with no lesson says so)."""
    ref = catalogue.reference
    rows = [
        {
            "id": lesson.id,
            "title": lesson.title,
            "next_time": _text(lesson.data.get("next_time")),
            "tools": " ".join(_texts(lesson.data.get("tools"))),
            "criteria": " ".join(str(n) for n in criterion_numbers(lesson, ref)),
        }
        for lesson in catalogue.lessons
    ]
    return page(
        urls.lessons_index(),
        "บทเรียนจากโครงการ",
        "lessons_index.html",
        catalogue,
        lessons=rows,
        tools=ref.tools,
        criteria=ref.criteria,
        used_tools=[t for t in ref.tools if any(t["id"] in row["tools"].split() for row in rows)],
    )


def lesson_pages(catalogue: Catalogue, dates: dict) -> list[Page]:
    pages = [lesson_page(catalogue, lesson, dates.get(lesson.path)) for lesson in catalogue.lessons]
    pages.append(lessons_index(catalogue))
    return pages
