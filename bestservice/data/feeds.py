"""Atom feeds of newly added projects and lessons: one for the site, one per unit.

An entry's date is when its file first entered git (one `git log` call for all files); files not
committed yet fall back to the dates in the record (progress, award, published, timeline start),
then to the first day of the fiscal year. Contributor text is XML-escaped by ElementTree and
characters XML cannot hold are dropped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from bestservice import fiscal, urls
from bestservice.content import Content
from bestservice.content.document import Document
from bestservice.content.gitdates import GitHistory
from bestservice.content.holdings import is_listed
from bestservice.content.reference import Reference

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
TAG_BASE = "tag:best-service.bangkok.go.th,2024:"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Entry:
    kind: str  # project | lesson
    id: str
    title: str
    summary: str
    path: str  # site path of the page, e.g. projects/x/
    units: list[str]
    date: dt.datetime


def clean(text) -> str:
    return NOT_XML.sub("", str(text or ""))


def record_date(doc: Document) -> dt.datetime:
    data = doc.data
    candidates = [data.get("published")]
    candidates += [p.get("date") for p in doc.entries("progress") if isinstance(p, dict)]
    candidates += [a.get("date") for a in doc.entries("awards") if isinstance(a, dict)]
    timeline = data.get("timeline") if isinstance(data.get("timeline"), dict) else {}
    days = []
    for value in candidates:
        try:
            days.append(dt.date.fromisoformat(str(value)[:10]))
        except ValueError:
            continue
    if not days and timeline.get("start"):
        with contextlib.suppress(ValueError):
            days.append(dt.date.fromisoformat(str(timeline["start"])[:10]))
    year = data.get("fiscal_year")
    if not days and isinstance(year, int) and year in fiscal.FISCAL_YEARS:
        days.append(fiscal.fiscal_year_start(year))
    day = max(days) if days else dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def entries(content: Content, history: GitHistory | None = None) -> list[Entry]:
    git_dates = (history or GitHistory()).first_added([doc.path for doc in content.documents])
    result = []
    for doc in (d for d in content.projects if is_listed(d.data)):  # a proposal is news once approved
        date = git_dates.get(doc.path) or record_date(doc)
        units = [doc.data.get("unit")] + [p.get("unit") for p in doc.entries("partners") if isinstance(p, dict)]
        result.append(
            Entry("project", doc.id, clean(doc.data.get("title", doc.id)), clean(doc.data.get("summary", "")), urls.project(doc.id), _ids(units), date)
        )
    for doc in content.lessons:
        date = git_dates.get(doc.path) or record_date(doc)
        units = []
        for project_id in doc.entries("projects"):
            project = content.project_by_id.get(project_id) if isinstance(project_id, str) else None
            if project:
                units.append(project.data.get("unit"))
        summary = " ".join(str(x) for x in doc.entries("what_worked"))
        result.append(Entry("lesson", doc.id, clean(doc.data.get("title", doc.id)), clean(summary), urls.lesson(doc.id), _ids(units), date))
    result.sort(key=lambda e: (e.date, e.id), reverse=True)
    return result


def _ids(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if isinstance(v, str)))


def atom(items: list[Entry], title: str, feed_path: str, page_path: str, reference: Reference, site_url: str = "") -> str:
    """An Atom document; links are relative to the feed's own location unless site_url is known."""
    ET.register_namespace("", ATOM)
    depth = feed_path.count("/")
    base = site_url.rstrip("/") + "/" if site_url else "../" * depth
    feed = ET.Element(f"{{{ATOM}}}feed")
    if site_url:
        feed.set("xml:base", base)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = TAG_BASE + feed_path
    ET.SubElement(feed, f"{{{ATOM}}}title").text = clean(title)
    updated = max((e.date for e in items), default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated.isoformat()
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "สำนักงานคณะกรรมการข้าราชการกรุงเทพมหานคร (สำนักงาน ก.ก.)"
    ET.SubElement(
        feed,
        f"{{{ATOM}}}link",
        rel="self",
        type="application/atom+xml",
        href=(base if site_url else "") + (feed_path if site_url else feed_path.rsplit("/", 1)[-1]),
    )
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=(base + page_path) or "./")
    for item in items[:MAX_ENTRIES]:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{TAG_BASE}{item.kind}/{item.id}"
        label = "โครงการ" if item.kind == "project" else "บทเรียน"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{label}: {item.title}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = item.date.isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}published").text = item.date.isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=base + item.path)
        for unit_id in item.units:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=unit_id, label=clean(reference.unit_name(unit_id)))
        if item.summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = item.summary[:1000]
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feed_files(content: Content, reference: Reference, site_name: str, site_url: str = "", history: GitHistory | None = None) -> dict[str, str]:
    """`feed.xml` and `units/<id>/feed.xml` for every unit in the reference data."""
    items = entries(content, history)
    files = {"feed.xml": atom(items, f"{site_name}: โครงการและบทเรียนใหม่", "feed.xml", "", reference, site_url)}
    for unit in reference.units:
        mine = [e for e in items if unit["id"] in e.units]
        path = f"{urls.unit(unit['id'])}feed.xml"
        files[path] = atom(mine, f"{unit['name_th']}: โครงการและบทเรียนใหม่", path, urls.unit(unit["id"]), reference, site_url)
    return files
