"""Validation rules that the JSON Schema cannot express: references, years, links between records.

Each rule is a small function named like a sentence; it yields located problems and never stops
the others. `validate.py` runs them all and fails once at the end.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from bestservice import fiscal
from bestservice.content import Content
from bestservice.content.cache import FileMemo
from bestservice.content.document import Document
from bestservice.content.problems import Problem
from bestservice.content.reference import Reference
from bestservice.content.schema import english_label, field_label, schema_problems
from bestservice.thai.dates import date_span, format_date

EARLIEST_FISCAL_YEAR = 2540
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")  # as in the schemas


@dataclass
class Context:
    reference: Reference
    content: Content
    today: dt.date
    features: FileMemo | None = None  # the similar check's features of unchanged files, from the last run
    vectors: FileMemo | None = None  # and their meaning vectors
    corpus: object | None = None  # the similar check's index, when the caller has made it already (similar.corpus.Corpus)
    schema: FileMemo | None = None  # the schema's findings of unchanged files, from the last build (they depend on nothing else)

    def schema_problems_of(self, doc) -> list:
        """What the schema finds in a file (from the memo, when the file did not change)."""
        return self.schema.of(doc, lambda: schema_problems(doc)) if self.schema is not None else schema_problems(doc)

    @cached_property
    def project_id_counts(self) -> Counter:
        return Counter(doc.id for doc in self.content.projects)

    @cached_property
    def lesson_id_counts(self) -> Counter:
        return Counter(doc.id for doc in self.content.lessons)

    @cached_property
    def big_idea_groups(self) -> dict[str, Counter]:
        """For each Big Idea key, how many of its projects sit in each district group."""
        groups: dict[str, Counter] = {}
        for doc in self.content.projects:
            key = doc.data.get("big_idea")
            unit = self.reference.unit_by_id.get(text_of(doc.data.get("unit")))
            if isinstance(key, str) and unit and unit["type"] == "district":
                groups.setdefault(key, Counter())[unit["group"]] += 1
        return groups


def text_of(value) -> str | None:
    """A value the rules can look up (an id, a key); any other shape is the schema's to explain."""
    return value if isinstance(value, str) else None


def problem(doc: Document, location: tuple, message: str, fix: str, severity: str = "error") -> Problem:
    return Problem(doc.display_path, doc.line_of(location), field_label(location), message, english_label(doc.kind, location), fix, severity)


def suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.5)
    return f"คุณหมายถึง {close[0]} หรือไม่? " if close else ""


def unit_hint(value: str, reference: Reference) -> str:
    """Suggest a unit id from a misspelt id or from a Thai name typed instead of the id."""
    for unit in reference.units:
        if value in (unit["name_th"], unit.get("short_th"), unit.get("abbr")):
            return f"ใช้รหัส {unit['id']} สำหรับ{unit['name_th']} "
    return suggest(value, reference.unit_by_id)


# --- rules for every record -------------------------------------------------------------------


def id_matches_file_name(doc: Document, ctx: Context):
    value = doc.data.get("id")
    if isinstance(value, str) and ID_PATTERN.match(value) and value != doc.path.stem:  # a malformed id is the schema's to explain
        yield problem(doc, ("id",), f"รหัส {value} ไม่ตรงกับชื่อไฟล์ {doc.path.name}", f"เปลี่ยนชื่อไฟล์เป็น {value}.md หรือแก้รหัสเป็น {doc.path.stem}")


def id_is_unique(doc: Document, ctx: Context):
    counts = ctx.project_id_counts if doc.kind == "project" else ctx.lesson_id_counts
    if counts[doc.id] > 1:
        others = [d.display_path for d in (ctx.content.projects if doc.kind == "project" else ctx.content.lessons) if d.id == doc.id and d is not doc]
        yield problem(doc, ("id",), f"รหัส {doc.id} ซ้ำกับไฟล์ {', '.join(others)}", "ตั้งรหัสใหม่ที่ไม่ซ้ำ (เช่น เติมปีงบประมาณหรือชื่อเขตต่อท้าย) แล้วเปลี่ยนชื่อไฟล์ตาม")


def tools_exist(doc: Document, ctx: Context):
    for index, tool in enumerate(doc.entries("tools")):
        if isinstance(tool, str) and tool not in ctx.reference.tool_by_id:
            yield problem(
                doc,
                ("tools", index),
                f"ไม่รู้จักเครื่องมือ {tool}",
                f"{suggest(tool, ctx.reference.tool_by_id)}ใช้รหัสจาก reference/tools.yaml: {', '.join(ctx.reference.tool_by_id)}",
            )


# --- rules for projects -----------------------------------------------------------------------


def file_is_in_its_fiscal_year_folder(doc: Document, ctx: Context):
    year = plausible_fiscal_year(doc.data.get("fiscal_year"))  # a C.E. year is the schema's to explain
    folder = doc.path.parent.name
    if year and folder.isdigit() and folder != str(year):
        yield problem(doc, ("fiscal_year",), f"ไฟล์อยู่ในโฟลเดอร์ปี {folder} แต่ปีงบประมาณคือ {year}", f"ย้ายไฟล์ไปไว้ที่ projects/{year}/ หรือแก้ปีงบประมาณให้ถูกต้อง")


def fiscal_year_is_not_in_the_future(doc: Document, ctx: Context):
    year = plausible_fiscal_year(doc.data.get("fiscal_year"))
    latest = fiscal.current_fiscal_year(ctx.today) + 1
    if year and not EARLIEST_FISCAL_YEAR <= year <= latest:
        yield problem(doc, ("fiscal_year",), f"ปีงบประมาณ {year} อยู่นอกช่วง {EARLIEST_FISCAL_YEAR}–{latest}", f"ใช้ปีงบประมาณ พ.ศ. ที่ไม่เกินปีงบประมาณถัดไป ({latest})")


def unit_exists(doc: Document, ctx: Context):
    unit = doc.data.get("unit")
    if isinstance(unit, str) and unit not in ctx.reference.unit_by_id:
        yield problem(doc, ("unit",), f"ไม่พบหน่วยงาน {unit} ในข้อมูลอ้างอิง", f"{unit_hint(unit, ctx.reference)}ใช้รหัสหน่วยงานจาก reference/units.yaml")


def partners_exist_and_differ_from_the_lead(doc: Document, ctx: Context):
    lead = doc.data.get("unit")
    seen = set()
    for index, partner in enumerate(doc.entries("partners")):
        unit = partner.get("unit") if isinstance(partner, dict) else None
        if not isinstance(unit, str):
            continue
        where = ("partners", index, "unit")
        if unit not in ctx.reference.unit_by_id:
            yield problem(doc, where, f"ไม่พบหน่วยงานร่วม {unit} ในข้อมูลอ้างอิง", f"{unit_hint(unit, ctx.reference)}ใช้รหัสหน่วยงานจาก reference/units.yaml")
        elif unit == lead:
            yield problem(doc, where, "หน่วยงานร่วมเป็นหน่วยงานเดียวกับหน่วยงานหลัก", "ลบรายการนี้ออก หน่วยงานหลักไม่ต้องระบุเป็นหน่วยงานร่วม (เกณฑ์ข้อ 7)")
        elif unit in seen:
            yield problem(doc, where, f"หน่วยงานร่วม {unit} ซ้ำ", "รวมหน้าที่ของหน่วยงานนี้ไว้ในรายการเดียว")
        seen.add(unit)


def big_idea_units_are_districts_of_one_group(doc: Document, ctx: Context):
    key = doc.data.get("big_idea")
    if not isinstance(key, str):
        return
    unit = ctx.reference.unit_by_id.get(text_of(doc.data.get("unit")))
    if unit is None:
        return
    if unit["type"] != "district":
        yield problem(
            doc,
            ("big_idea",),
            f"Big Idea ใช้ได้กับสำนักงานเขตเท่านั้น แต่ {unit['name_th']} ไม่ใช่สำนักงานเขต",
            "ลบ big_idea ออก หรือถ้าเป็นโครงการร่วม ให้ใช้ partners (เกณฑ์ข้อ 8)",
        )
        return
    groups = ctx.big_idea_groups.get(key, Counter())
    if len(groups) > 1:
        main_group = groups.most_common(1)[0][0]
        if unit["group"] != main_group:
            main = ctx.reference.group_by_id[main_group]["name_th"]
            mine = ctx.reference.group_by_id[unit["group"]]["name_th"]
            yield problem(
                doc,
                ("big_idea",),
                f"Big Idea {key} เป็นของ{main} แต่{unit['name_th']}อยู่ใน{mine}",
                "โครงการ Big Idea เดียวกันต้องเป็นเขตในกลุ่มเขตเดียวกัน ตั้งคีย์ Big Idea ใหม่สำหรับกลุ่มเขตนี้ (เกณฑ์ข้อ 8)",
            )


def long_term_projects_have_a_target_for_every_year(doc: Document, ctx: Context):
    first, last = plausible_fiscal_year(doc.data.get("fiscal_year")), plausible_fiscal_year(doc.data.get("end_fiscal_year"))
    if not first or not last:
        return
    if not doc.data.get("long_term"):
        if last != first:
            yield problem(doc, ("end_fiscal_year",), "โครงการหลายปีต้องระบุเป็นโครงการระยะยาว", "เพิ่ม long_term: true และเป้าหมายรายปีใน yearly_targets (เกณฑ์ข้อ 9)")
        return
    if last < first:
        yield problem(doc, ("end_fiscal_year",), f"ปีสุดท้าย {last} มาก่อนปีเริ่ม {first}", "แก้ end_fiscal_year ให้ไม่น้อยกว่า fiscal_year")
        return
    targets = doc.entries("yearly_targets")
    covered = {plausible_fiscal_year(t.get("fiscal_year")) for t in targets if isinstance(t, dict)}
    missing = [year for year in fiscal.fiscal_years_between(first, last) if year not in covered]
    if missing:
        yield problem(
            doc,
            ("yearly_targets",),
            f"ไม่มีเป้าหมายของปีงบประมาณ {', '.join(map(str, missing))}",
            "เพิ่มรายการ - fiscal_year: <ปี> target: <เป้าหมาย> ให้ครบทุกปี (เกณฑ์ข้อ 9)",
        )
    for index, target in enumerate(targets):
        year = target.get("fiscal_year") if isinstance(target, dict) else None
        if isinstance(year, int) and not first <= year <= last:
            yield problem(doc, ("yearly_targets", index, "fiscal_year"), f"ปี {year} อยู่นอกช่วงของโครงการ {first}–{last}", "แก้ปีให้อยู่ในช่วง หรือขยาย end_fiscal_year")


def plausible_fiscal_year(value) -> int | None:
    """The fiscal year if it is a B.E. year the schema accepts; other rules skip the rest."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value in fiscal.FISCAL_YEARS else None


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def dates_fall_inside_the_fiscal_years(doc: Document, ctx: Context):
    first = plausible_fiscal_year(doc.data.get("fiscal_year"))
    if not first:
        return
    last = plausible_fiscal_year(doc.data.get("end_fiscal_year")) or first
    opens, closes = fiscal.fiscal_year_start(first), fiscal.fiscal_year_end(max(first, last))
    span = f"{date_span(opens, closes)} (ปีงบประมาณ {first}{'' if last == first else f'–{last}'})"
    timeline = doc.data.get("timeline") if isinstance(doc.data.get("timeline"), dict) else {}
    start, end = _date(timeline.get("start")), _date(timeline.get("end"))
    for name, day in (("start", start), ("end", end)):
        if day and not opens <= day <= closes:
            yield problem(doc, ("timeline", name), f"วันที่ {format_date(day, short=True)} อยู่นอกปีงบประมาณของโครงการ", f"ใช้วันที่ระหว่าง {span}")
    if start and end and end < start:
        yield problem(doc, ("timeline", "end"), "วันสิ้นสุดมาก่อนวันเริ่ม", "สลับหรือแก้วันที่ให้ถูกต้อง")
    for index, entry in enumerate(doc.entries("progress")):
        day = _date(entry.get("date")) if isinstance(entry, dict) else None
        if day and not opens <= day <= closes + dt.timedelta(days=365):
            yield problem(
                doc,
                ("progress", index, "date"),
                f"วันที่ {format_date(day, short=True)} อยู่นอกช่วงของโครงการ",
                f"บันทึกความคืบหน้าต้องอยู่ระหว่าง {span} หรือภายในหนึ่งปีหลังจากนั้น",
            )


def continues_names_an_earlier_project(doc: Document, ctx: Context):
    earlier_id = doc.data.get("continues")
    if not isinstance(earlier_id, str):
        return
    earlier = ctx.content.project_by_id.get(earlier_id)
    if earlier is None:
        yield problem(doc, ("continues",), f"ไม่พบโครงการ {earlier_id} ที่อ้างว่าต่อยอด", f"{suggest(earlier_id, ctx.content.project_by_id)}ใช้รหัสโครงการเดิมที่มีอยู่ในคลัง")
        return
    year, earlier_year = doc.data.get("fiscal_year"), earlier.data.get("fiscal_year")
    if isinstance(year, int) and isinstance(earlier_year, int) and earlier_year >= year:
        yield problem(
            doc,
            ("continues",),
            f"โครงการ {earlier_id} อยู่ในปีงบประมาณ {earlier_year} ซึ่งไม่ได้มาก่อนปี {year}",
            "continues ต้องอ้างถึงโครงการของปีงบประมาณก่อนหน้า (เกณฑ์ข้อ 12)",
        )


def extends_names_an_existing_project(doc: Document, ctx: Context):
    other = doc.data.get("extends")
    if isinstance(other, str) and other not in ctx.content.project_by_id:
        yield problem(doc, ("extends",), f"ไม่พบโครงการ {other} ที่อ้างว่าขยายผล", f"{suggest(other, ctx.content.project_by_id)}ใช้รหัสโครงการที่มีอยู่ในคลัง")


def policy_dimensions_apply_to_the_fiscal_year(doc: Document, ctx: Context):
    dimensions = doc.entries("policy_dimensions")
    year = plausible_fiscal_year(doc.data.get("fiscal_year"))
    if not dimensions or not year:
        return
    policy_set = ctx.reference.policy_set_for(year)
    if policy_set is None:
        yield problem(doc, ("policy_dimensions",), f"ยังไม่มีข้อมูลนโยบายผู้ว่าฯ ของปีงบประมาณ {year}", "ให้ทีมดูแลข้อมูลเพิ่มชุดนโยบายของปีนี้ใน reference/policies.yaml")
        return
    valid = {d["id"]: d for d in policy_set["dimensions"]}
    for index, dimension in enumerate(dimensions):
        if isinstance(dimension, str) and dimension not in valid:
            choices = ", ".join(f"{d_id} ({d['name_th']})" for d_id, d in valid.items())
            yield problem(
                doc,
                ("policy_dimensions", index),
                f"ด้านนโยบาย {dimension} ไม่ได้ใช้ในปีงบประมาณ {year} ({policy_set['name_th']})",
                f"{suggest(dimension, valid)}ใช้หนึ่งใน: {choices}",
            )


def kinds_and_awards_exist(doc: Document, ctx: Context):
    kinds = [k["id"] for k in ctx.reference.record_kinds]
    kind = doc.data.get("kind")
    if isinstance(kind, str) and kind not in kinds:
        yield problem(doc, ("kind",), f"ไม่รู้จักประเภทผลงาน {kind}", f"{suggest(kind, kinds)}ใช้หนึ่งใน: {', '.join(kinds)}")
    award_kinds = [k["id"] for k in ctx.reference.award_kinds]
    for index, award in enumerate(doc.entries("awards")):
        value = award.get("kind") if isinstance(award, dict) else None
        if isinstance(value, str) and value not in award_kinds:
            yield problem(doc, ("awards", index, "kind"), f"ไม่รู้จักประเภทรางวัล {value}", f"{suggest(value, award_kinds)}ใช้หนึ่งใน: {', '.join(award_kinds)}")


def reused_lessons_exist_and_come_from_earlier_years(doc: Document, ctx: Context):
    """A project that reuses a lesson names one that exists, learnt from a project of an earlier fiscal year."""
    year = plausible_fiscal_year(doc.data.get("fiscal_year"))
    lessons = ctx.content.lesson_by_id  # once for all files (a dict per file made the check of 5,000 projects quadratic: 1.4 s)
    for index, lesson_id in enumerate(doc.entries("reuses_lessons")):
        if not isinstance(lesson_id, str):
            continue
        lesson = lessons.get(lesson_id)
        if lesson is None:
            yield problem(doc, ("reuses_lessons", index), f"ไม่พบบทเรียน {lesson_id}", f"{suggest(lesson_id, lessons)}ใช้รหัสบทเรียนจากไฟล์ใน lessons/")
            continue
        years = [y for p in lesson.entries("projects") if (y := _year_of(ctx, p))]
        if year and years and min(years) >= year:
            yield problem(
                doc,
                ("reuses_lessons", index),
                f"บทเรียน {lesson_id} มาจากโครงการปีงบประมาณ {min(years)} ซึ่งไม่ได้มาก่อนปี {year}",
                "โครงการนำบทเรียนของโครงการในปีงบประมาณก่อนหน้ามาใช้ได้เท่านั้น ลบรายการนี้ หรือเลือกบทเรียนอื่น",
            )


def _year_of(ctx: Context, project_id) -> int | None:
    project = ctx.content.project_by_id.get(project_id) if isinstance(project_id, str) else None
    return plausible_fiscal_year(project.data.get("fiscal_year")) if project else None


# --- rules for lessons ------------------------------------------------------------------------


def lesson_projects_exist(doc: Document, ctx: Context):
    for index, project_id in enumerate(doc.entries("projects")):
        if isinstance(project_id, str) and project_id not in ctx.content.project_by_id:
            yield problem(
                doc, ("projects", index), f"ไม่พบโครงการ {project_id}", f"{suggest(project_id, ctx.content.project_by_id)}ใช้รหัสโครงการจากไฟล์ใน projects/"
            )


RAN = {"running": "กำลังดำเนินการ", "evaluated": "ประเมินผลแล้ว"}
NOT_RUN = {"proposed": "เสนอแล้ว", "approved": "อนุมัติแล้วแต่ยังไม่เริ่ม"}


def project_ran(data: dict) -> bool:
    """A project a lesson can come from: running or evaluated, or a record of a past project (an archive
    record, from its sources); never one only proposed or approved, nor one the committee turned down."""
    if _rejected(data):
        return False
    return data.get("status") in RAN or (data.get("status") is None and data.get("record") == "archive")


def _rejected(data: dict) -> bool:
    return isinstance(data.get("decision"), dict) and data["decision"].get("status") == "rejected"


def lesson_projects_ran(doc: Document, ctx: Context):
    for index, project_id in enumerate(doc.entries("projects")):
        project = ctx.content.project_by_id.get(project_id) if isinstance(project_id, str) else None
        if project is not None and not project_ran(project.data):
            status = project.data.get("status")
            why = "คณะกรรมการไม่อนุมัติ" if _rejected(project.data) else f"สถานะ: {NOT_RUN.get(status, 'ยังไม่ได้ระบุ')}"
            yield problem(
                doc,
                ("projects", index),
                f"โครงการ {project_id} ยังไม่ได้ดำเนินการ ({why}) จึงยังถอดบทเรียนไม่ได้",
                "ถอดบทเรียนจากโครงการที่ดำเนินการแล้ว (สถานะ running หรือ evaluated) หรือรอให้โครงการเริ่มแล้วแก้สถานะในไฟล์โครงการ",
            )


Rule = Callable[[Document, Context], Iterable[Problem]]

PROJECT_RULES: list[Rule] = [
    id_matches_file_name,
    id_is_unique,
    file_is_in_its_fiscal_year_folder,
    fiscal_year_is_not_in_the_future,
    unit_exists,
    partners_exist_and_differ_from_the_lead,
    big_idea_units_are_districts_of_one_group,
    long_term_projects_have_a_target_for_every_year,
    dates_fall_inside_the_fiscal_years,
    continues_names_an_earlier_project,
    extends_names_an_existing_project,
    reused_lessons_exist_and_come_from_earlier_years,
    tools_exist,
    policy_dimensions_apply_to_the_fiscal_year,
    kinds_and_awards_exist,
]
LESSON_RULES: list[Rule] = [id_matches_file_name, id_is_unique, lesson_projects_exist, lesson_projects_ran, unit_exists, tools_exist]


def rule_problems(doc: Document, ctx: Context) -> list[Problem]:
    return [p for _, p in problems_by_rule(doc, ctx)]


def problems_by_rule(doc: Document, ctx: Context) -> list[tuple[str, Problem]]:
    """Every rule's problems with the rule's name: the screening board files them by criterion."""
    rules = PROJECT_RULES if doc.kind == "project" else LESSON_RULES
    return [(rule.__name__, p) for rule in rules for p in rule(doc, ctx)]
