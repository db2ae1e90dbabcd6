"""The catalogue index: every project read once into a small view, grouped every way the site lists them.

Built once per build (linear in the number of projects); every page reads these groupings instead
of scanning all projects. `compact_data` is the facet data the catalogue page loads in the browser.

Public lists hold only what is a project: approved Best Service projects and records gathered from
public sources (content.holdings). A proposal the committee has not decided on keeps its own page
(the committee's card links to it, and it says it is a proposal) but no list, count, facet or feed
shows it: `projects` are the listed records, `records` all of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from bestservice.content import Content
from bestservice.content.document import Document
from bestservice.content.holdings import Tally, collection_of, collections, is_listed, standing, tally
from bestservice.content.reference import Reference
from bestservice.pages.kpi import project_achievement
from bestservice.render import script_data

STATUS_TH = {"proposed": "เสนอแล้ว", "approved": "อนุมัติแล้ว", "running": "กำลังดำเนินการ", "evaluated": "ประเมินผลแล้ว"}
NO_STATUS = "unknown"
STATUS_TH[NO_STATUS] = "ไม่ระบุสถานะ"
# Criteria that one flag of a project shows (the others are judged from its fields).
CRITERIA_PAGES = {7: "joint", 8: "big_idea", 9: "long_term", 12: "continues"}
SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,98}[a-z0-9]$")  # ids and keys become URL paths
FLAG_LONG, FLAG_JOINT, FLAG_ARCHIVE, FLAG_UNOFFICIAL, FLAG_CONTINUES = 1, 2, 4, 8, 16


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass
class ProjectView:
    """What lists and facets need from one project, read defensively (content may be invalid)."""

    doc: Document
    id: str
    title: str
    fiscal_year: int | None
    unit_id: str
    status: str
    partners: list[str]
    tools: list[str]
    policies: list[str]
    awards: list[dict]
    big_idea: str | None
    long_term: bool
    archive: bool
    standing: str  # proposal | rejected | approved | archive (content.holdings)
    collection: str  # what a listed record is counted as: approved | archive:<kind>
    official_title: bool
    continues: str | None
    achievement: float | None

    @property
    def joint(self) -> bool:
        return bool(self.partners)

    @property
    def award_kinds(self) -> list[str]:
        return sorted({a["kind"] for a in self.awards if isinstance(a.get("kind"), str)})

    @property
    def sort_key(self):
        return (-(self.fiscal_year or 0), self.title, self.id)


def project_view(doc: Document) -> ProjectView:
    data = doc.data
    title = data.get("title") if isinstance(data.get("title"), str) else doc.id
    partners = [p["unit"] for p in doc.entries("partners") if isinstance(p, dict) and isinstance(p.get("unit"), str)]
    return ProjectView(
        doc=doc,
        id=doc.id,
        title=title,
        fiscal_year=doc.fiscal_year,
        unit_id=doc.unit,
        status=data.get("status") if data.get("status") in STATUS_TH else NO_STATUS,
        partners=list(dict.fromkeys(partners)),
        tools=_strings(data.get("tools")),
        policies=_strings(data.get("policy_dimensions")),
        awards=[a for a in doc.entries("awards") if isinstance(a, dict)],
        big_idea=data.get("big_idea") if isinstance(data.get("big_idea"), str) and SAFE_ID.match(data["big_idea"]) else None,
        long_term=data.get("long_term") is True,
        archive=data.get("record") == "archive",
        standing=standing(data),
        collection=collection_of(data),
        official_title=data.get("title_is_official") is not False,
        continues=data.get("continues") if isinstance(data.get("continues"), str) else None,
        achievement=project_achievement(data),
    )


@dataclass
class Catalogue:
    content: Content
    reference: Reference
    projects: list[ProjectView] = field(default_factory=list)  # listed: approved projects and archive records
    records: list[ProjectView] = field(default_factory=list)  # every record with a page, proposals too
    # (template, url, reference) → (context, html) of earlier builds: a page is rendered again only
    # when its context changed (the site build keeps this between the builds of `mkdocs serve`)
    rendered: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        # Invalid or duplicate ids (validation reports them) get no page: an id becomes a path.
        seen: set[str] = set()
        views = []
        for doc in self.content.projects:
            if SAFE_ID.match(doc.id) and doc.id not in seen:
                seen.add(doc.id)
                views.append(project_view(doc))
        self.records = sorted(views, key=lambda p: p.sort_key)
        self.projects = [p for p in self.records if is_listed(p.doc.data)]

    @cached_property
    def by_id(self) -> dict[str, ProjectView]:
        return {p.id: p for p in self.records}

    def tally(self, projects: list[ProjectView] | None = None) -> Tally:
        """What `projects` (default: the whole knowledge base, proposals counted apart) hold, by collection."""
        return tally([p.doc.data for p in (self.records if projects is None else projects)], self.reference)

    def _group(self, keys) -> dict:
        index: dict = defaultdict(list)
        for project in self.projects:
            for key in keys(project):
                index[key].append(project)
        return dict(index)

    @cached_property
    def by_year(self) -> dict[int, list[ProjectView]]:
        return self._group(lambda p: [p.fiscal_year] if p.fiscal_year else [])

    @cached_property
    def years(self) -> list[int]:
        return sorted(self.by_year, reverse=True)

    @cached_property
    def by_unit(self) -> dict[str, list[ProjectView]]:
        return self._group(lambda p: [p.unit_id])

    @cached_property
    def by_partner(self) -> dict[str, list[ProjectView]]:
        return self._group(lambda p: p.partners)

    @cached_property
    def by_group(self) -> dict[str, list[ProjectView]]:
        """Projects led by a district of each district group."""
        return self._group(lambda p: [g] if (g := self.group_of(p.unit_id)) else [])

    @cached_property
    def by_tool(self) -> dict[str, list[ProjectView]]:
        return self._group(lambda p: p.tools)

    @cached_property
    def by_policy(self) -> dict[str, list[ProjectView]]:
        return self._group(lambda p: p.policies)

    @cached_property
    def by_big_idea(self) -> dict[str, list[ProjectView]]:
        return self._group(lambda p: [p.big_idea] if p.big_idea else [])

    @cached_property
    def by_criterion(self) -> dict[int, list[ProjectView]]:
        flags = {7: "joint", 8: "big_idea", 9: "long_term", 12: "continues"}
        return {n: [p for p in self.projects if getattr(p, attr)] for n, attr in flags.items()}

    @cached_property
    def awarded(self) -> list[ProjectView]:
        return [p for p in self.projects if p.awards]

    @cached_property
    def continued_by(self) -> dict[str, list[ProjectView]]:
        return self._group(lambda p: [p.continues] if p.continues else [])

    @cached_property
    def extended_by(self) -> dict[str, list[ProjectView]]:
        return self._group(lambda p: [e] if isinstance(e := p.doc.data.get("extends"), str) else [])

    # --- lessons -------------------------------------------------------------------------------
    @cached_property
    def lessons(self) -> list[Document]:
        unique = {d.id: d for d in reversed(self.content.lessons) if SAFE_ID.match(d.id)}
        return sorted(unique.values(), key=lambda d: (str(d.data.get("published") or ""), d.id), reverse=True)

    @cached_property
    def lesson_by_id(self) -> dict[str, Document]:
        return {lesson.id: lesson for lesson in self.lessons}

    @cached_property
    def reused_by(self) -> dict[str, list[ProjectView]]:
        """The later projects that say they reuse each lesson (`reuses_lessons`), by lesson id."""
        return self._group(lambda p: dict.fromkeys(_strings(p.doc.data.get("reuses_lessons"))))

    @cached_property
    def lessons_of_project(self) -> dict[str, list[Document]]:
        index: dict = defaultdict(list)
        for lesson in self.lessons:
            for project_id in dict.fromkeys(_strings(lesson.data.get("projects"))):
                index[project_id].append(lesson)
        return dict(index)

    @cached_property
    def lessons_by_tool(self) -> dict[str, list[Document]]:
        index: dict = defaultdict(list)
        for lesson in self.lessons:
            for tool in _strings(lesson.data.get("tools")):
                index[tool].append(lesson)
        return dict(index)

    @cached_property
    def lessons_by_criterion(self) -> dict[int, list[Document]]:
        index: dict = defaultdict(list)
        for lesson in self.lessons:
            for number in lesson.entries("criteria"):
                if _int(number):
                    index[number].append(lesson)
        return dict(index)

    @cached_property
    def lessons_by_unit(self) -> dict[str, list[Document]]:
        """Lessons a unit owns, or drawn from a project it led or joined."""
        index: dict = defaultdict(list)
        for lesson in self.lessons:
            units: set[str] = set(_strings([lesson.data.get("unit")]))
            for project_id in _strings(lesson.data.get("projects")):
                project = self.by_id.get(project_id)
                if project:
                    units.update([project.unit_id, *project.partners])
            for unit in sorted(units):
                index[unit].append(lesson)
        return dict(index)

    # --- reference look-ups ----------------------------------------------------------------------
    def group_of(self, unit_id: str) -> str | None:
        unit = self.reference.unit_by_id.get(unit_id)
        return unit.get("group") if unit and unit.get("type") == "district" else None


def compact_data(catalogue: Catalogue) -> dict:
    """The catalogue page's data: facet values listed once, projects as rows of small integers.

    Row: [id, title, year, unit, status, flags, tools, policies, awards, big idea (-1 none), partners, collection]
    where list fields hold indexes into `u` (units: [id, short name, type index, group index]),
    `t` (tools: [id, name]) and so on (ids appear once, for shareable URLs); flags is a bit set
    (1 long-term, 2 joint, 4 archive record, 8 title not official, 16 continues an earlier project);
    collection indexes `k` (what the record is counted as: content.holdings collections).
    """
    ref = catalogue.reference
    units = [u["id"] for u in ref.units]
    unit_index = {u: i for i, u in enumerate(units)}
    extra_units = sorted({p.unit_id for p in catalogue.projects if p.unit_id not in unit_index})
    for unit_id in extra_units:  # unknown ids still filter (validation reports them)
        unit_index[unit_id] = len(units)
        units.append(unit_id)
    types = [t["id"] for t in ref.unit_types]
    groups = [g["id"] for g in ref.groups]
    tools = [t["id"] for t in ref.tools] + sorted({t for p in catalogue.projects for t in p.tools} - set(ref.tool_by_id))
    policies = list(ref.dimension_by_id) + sorted({d for p in catalogue.projects for d in p.policies} - set(ref.dimension_by_id))
    awards = [a["id"] for a in ref.award_kinds] + sorted({k for p in catalogue.projects for k in p.award_kinds} - {a["id"] for a in ref.award_kinds})
    statuses = list(STATUS_TH)
    big_ideas = sorted(catalogue.by_big_idea)
    kinds = [[c.key, c.name_th if c.key == "approved" else f"{c.name_th} (จากแหล่งข้อมูลสาธารณะ)"] for c in collections(ref)]
    kinds += [[key, key.split(":", 1)[-1]] for key in sorted({p.collection for p in catalogue.projects} - {k[0] for k in kinds})]
    kind_index = {key: i for i, (key, _) in enumerate(kinds)}
    index = {name: {v: i for i, v in enumerate(values)} for name, values in (("t", tools), ("p", policies), ("a", awards), ("b", big_ideas))}
    rows = []
    for p in catalogue.projects:
        flags = (
            (FLAG_LONG if p.long_term else 0)
            | (FLAG_JOINT if p.joint else 0)
            | (FLAG_ARCHIVE if p.archive else 0)
            | (FLAG_UNOFFICIAL if not p.official_title else 0)
            | (FLAG_CONTINUES if p.continues else 0)
        )
        rows.append(
            [
                p.id,
                p.title,
                p.fiscal_year or 0,
                unit_index[p.unit_id],
                statuses.index(p.status),
                flags,
                [index["t"][t] for t in p.tools],
                [index["p"][d] for d in p.policies],
                [index["a"][k] for k in p.award_kinds],
                index["b"][p.big_idea] if p.big_idea else -1,
                [unit_index[u] for u in p.partners if u in unit_index],
                kind_index[p.collection],
            ]
        )

    def unit_row(unit_id: str) -> list:
        unit = ref.unit_by_id.get(unit_id) or {}
        kind = types.index(unit["type"]) if unit.get("type") in types else -1
        group = groups.index(unit["group"]) if unit.get("group") in groups else -1
        return [unit.get("short_th") or unit.get("name_th") or unit_id, kind, group]

    return {
        "v": 1,
        "y": catalogue.years,
        "u": [[u, *unit_row(u)] for u in units],
        "ut": [[t, ref.unit_type_by_id[t]["name_th"]] for t in types],
        "g": [[g, ref.group_by_id[g]["name_th"]] for g in groups],
        "t": [[t, ref.tool_by_id[t]["name_th"] if t in ref.tool_by_id else t] for t in tools],
        "p": [[d, ref.dimension_by_id[d]["name_th"] if d in ref.dimension_by_id else d] for d in policies],
        "a": [[k, next((a["name_th"] for a in ref.award_kinds if a["id"] == k), k)] for k in awards],
        "s": [[s, STATUS_TH[s]] for s in statuses],
        "b": big_ideas,
        "k": kinds,
        "r": rows,
    }


def compact_script(catalogue: Catalogue) -> str:
    """The facet data the catalogue page loads (`window.BS_CATALOGUE`)."""
    return script_data("BS_CATALOGUE", compact_data(catalogue))
