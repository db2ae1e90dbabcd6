"""Build a new project or lesson file from answers, check it like `validate` would, write it safely.

The questions come from the JSON Schema (title and description of each field) and every answer is
checked against the reference data as it is given (answers.py: unit id or Thai name, partner units,
fiscal year, tools, policy dimensions valid in that year, dates inside the fiscal year). Files are
written atomically and an existing file is never replaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from bestservice.authoring import answers, names
from bestservice.authoring.answers import AnswerError
from bestservice.content import Content
from bestservice.content.document import Document
from bestservice.content.load import REFUSED, field_label, refused_character
from bestservice.content.problems import Problem
from bestservice.content.reference import Reference
from bestservice.content.rules import Context, project_ran, rule_problems
from bestservice.content.schema import english_label, property_schema, schema_problems
from bestservice.thai.words import TO_ARABIC_DIGITS

# --- one question per field, described by the schema --------------------------------------------


@dataclass(frozen=True)
class Question:
    path: tuple  # where the answer goes, e.g. ("recipients", "primary")
    # text | list | fiscal_year | unit | partners | tools | policy | date | kpis | end_year | targets | slug | criteria
    # | project | projects (that ran) | lessons | results | number
    kind: str
    required: bool = True
    option: str = ""  # command-line option name without dashes
    ask: bool = True  # False: only taken from its option (rarely needed fields)

    def schema(self, document_kind: str) -> dict:
        return property_schema(document_kind, self.path)

    def flag(self) -> str:
        return self.option or self.path[-1].replace("_", "-")


PROJECT_QUESTIONS = [
    Question(("title",), "text"),
    Question(("unit",), "unit"),
    Question(("fiscal_year",), "fiscal_year"),
    Question(("id",), "slug", required=False, option="slug", ask=False),  # made from the unit and the year
    Question(("unit_detail",), "text", required=False),
    Question(("partners",), "partners", required=False),
    Question(("other_partners",), "list", required=False),
    Question(("summary",), "text"),
    Question(("recipients", "primary"), "list", option="primary-recipients"),
    Question(("recipients", "secondary"), "list", required=False, option="secondary-recipients"),
    Question(("problem",), "text"),
    Question(("root_cause",), "text"),
    Question(("needs_survey",), "text"),
    Question(("objectives",), "list"),
    Question(("activities",), "text"),
    Question(("service_standard",), "text"),
    Question(("kpis",), "kpis"),
    Question(("timeline", "start"), "date", option="start"),
    Question(("timeline", "end"), "date", option="end"),
    Question(("tools",), "tools"),
    Question(("policy_dimensions",), "policy", option="policy"),
    Question(("end_fiscal_year",), "end_year", required=False, ask=False),
    Question(("yearly_targets",), "targets", required=False, ask=False),
    Question(("big_idea",), "slug", required=False, ask=False),  # criterion 8: districts of one group, one key
    Question(("extends",), "project", required=False, ask=False),  # best practice 3: an idea taken to other areas
    Question(("reuses_lessons",), "lessons", required=False, option="reuses-lessons"),
]

# A lesson as the knowledge-management team publishes it: the after-action review, its numbers and cost,
# what a unit needs first, who owns it, and the projects (that ran) it comes from, all by name.
LESSON_QUESTIONS = [
    Question(("title",), "text"),
    Question(("projects",), "projects", option="from-projects"),
    Question(("unit",), "unit"),
    Question(("contact_role",), "text", required=False, option="contact-role"),
    Question(("published",), "date", option="date"),
    Question(("expected",), "text"),
    Question(("happened",), "text"),
    Question(("why",), "text"),
    Question(("next_time",), "text", option="next-time"),
    Question(("results",), "results", required=False),
    Question(("cost_baht",), "number", required=False, option="cost"),
    Question(("effort",), "text", required=False),
    Question(("preconditions",), "list", required=False),
    Question(("what_worked",), "list", required=False),
    Question(("what_didnt",), "list", required=False),
    Question(("for_whom",), "list", required=False),
    Question(("tools",), "tools", required=False),
    Question(("criteria",), "criteria", required=False),
    Question(("author",), "text", required=False),
    Question(("id",), "slug", required=False, option="slug", ask=False),  # made from the first project
]


# --- checking one answer -------------------------------------------------------------------------


def answer(question: Question, text, so_far: dict, reference: Reference, content: Content | None = None):
    """Check one answer and turn it into the value stored in the file (raises AnswerError)."""
    kind = question.kind
    if kind == "text":
        value = str(text).strip()
        if not value:
            raise AnswerError("ต้องกรอกข้อมูลนี้")
        return value
    if kind == "list":
        items = answers.parse_list(text)
        if not items:
            raise AnswerError("ต้องมีอย่างน้อย 1 รายการ (คั่นหลายรายการด้วย | )")
        return items
    if kind == "fiscal_year":
        return answers.parse_fiscal_year(text)
    if kind == "unit":
        return answers.resolve_unit(text, reference)
    if kind == "partners":
        return answers.parse_partners(text, so_far.get("unit"), reference)
    if kind == "slug":
        return answers.parse_slug(text)
    if kind == "tools":
        return answers.resolve_tools(text, reference)
    if kind == "policy":
        return answers.resolve_policy(text, so_far.get("fiscal_year"), reference)
    if kind == "date":
        return answers.parse_date(text, so_far.get("fiscal_year"))
    if kind == "kpis":
        return answers.parse_kpis(text)
    if kind == "end_year":
        year = answers.parse_fiscal_year(text) if str(text).strip().translate(TO_ARABIC_DIGITS) not in ("",) else None
        first = so_far.get("fiscal_year")
        if first and year and year < first:
            raise AnswerError(f"ปีสุดท้าย {year} มาก่อนปีเริ่ม {first}")
        return year
    if kind == "targets":
        targets = []
        for item in answers.parse_list(text):
            year, sep, target = item.partition("=")
            if not sep or not target.strip():
                raise AnswerError(f"เป้าหมาย {item!r} ไม่ครบ — เขียนแบบ ปีงบประมาณ = เป้าหมาย เช่น 2569 = ขยายไป 3 แขวง")
            targets.append({"fiscal_year": answers.parse_fiscal_year(year), "target": target.strip()})
        return targets
    if kind == "criteria":
        return names.resolve_criteria(text, reference)
    if kind == "project":
        return names.pick_record(str(text), project_records(content), "โครงการ")
    if kind == "projects":
        return projects_that_ran(text, content)
    if kind == "lessons":
        return list(dict.fromkeys(names.pick_record(item, lesson_records(content), "บทเรียน") for item in names.items_of(text)))
    if kind == "results":
        return answers.parse_results(text)
    if kind == "number":
        return answers.parse_amount(text)
    raise AnswerError(f"ไม่รู้จักชนิดคำถาม {kind}")


def project_records(content: Content | None) -> list[dict]:
    return [{"id": d.id, "title": d.title, "year": d.fiscal_year} for d in (content.projects if content else [])]


def lesson_records(content: Content | None) -> list[dict]:
    return [{"id": d.id, "title": d.title, "year": None} for d in (content.lessons if content else [])]


def projects_that_ran(text, content: Content | None) -> list[str]:
    """The projects a lesson comes from, by name; each must have run (content.rules.lesson_projects_ran)."""
    ids = list(dict.fromkeys(names.pick_record(item, project_records(content), "โครงการ") for item in names.items_of(text)))
    if not ids:
        raise AnswerError("ต้องระบุโครงการอย่างน้อย 1 โครงการ")
    for project_id in ids:
        project = content.project_by_id[project_id]
        if not project_ran(project.data):
            raise AnswerError(f"โครงการ «{project.title}» ยังไม่ได้ดำเนินการ — ถอดบทเรียนได้จากโครงการที่ดำเนินการแล้วเท่านั้น")
    return ids


def put(data: dict, path: tuple, value) -> None:
    node = data
    for step in path[:-1]:
        node = node.setdefault(step, {})
    node[path[-1]] = value


# --- whole documents ------------------------------------------------------------------------------

PROJECT_ORDER = list(property_schema("project", ()).get("properties", {}))
LESSON_ORDER = list(property_schema("lesson", ()).get("properties", {}))


def default_project_id(data: dict, taken=()) -> str:
    """`bang-khae-2570`: the lead unit (its English id, district- left off) and the fiscal year; `-2`, `-3`...
    when a project of that unit and year exists already. Readable, the same for the same answers, unique."""
    unit = str(data.get("unit", "project")).removeprefix("district-")
    return names.unique_id(f"{unit}-{data.get('fiscal_year', '')}".strip("-"), taken)


def default_lesson_id(data: dict, taken=()) -> str:
    """`bang-khae-2570-lesson`: the first project it comes from; `-2`... for that project's next lesson."""
    first = (data.get("projects") or ["lesson"])[0]
    return names.unique_id(f"{str(first)[: names.MAX_ID - len('-lesson')]}-lesson", taken)


def complete_lesson(answers: dict, taken=()) -> dict:
    """The lesson's id when none was given, and its fields in the schema's order."""
    data = dict(answers)
    data["id"] = data.get("id") or default_lesson_id(data, taken)
    return ordered(data, LESSON_ORDER)


def complete_project(answers: dict, taken=()) -> dict:
    """Fill what a proposal always has (record, kind, status, id) and order fields as in the schema.
    `taken`: the ids of the projects there are (a made id is never one of them)."""
    data = {"record": "proposal", "kind": "best_service", "status": "proposed", **answers}
    if data.get("end_fiscal_year") and data["end_fiscal_year"] != data.get("fiscal_year"):
        data["long_term"] = True  # criterion 9: a multi-year project, with yearly targets
    elif "end_fiscal_year" in data and "yearly_targets" not in data:
        del data["end_fiscal_year"]
    if data.get("id"):
        year = str(data.get("fiscal_year", ""))
        if year and not data["id"].endswith(year):
            data["id"] = f"{data['id']}-{year}"
    else:
        data["id"] = default_project_id(data, taken)
    return ordered(data, PROJECT_ORDER)


def ordered(data: dict, order: list[str]) -> dict:
    return {key: data[key] for key in order if key in data} | {k: v for k, v in data.items() if k not in order}


def project_path(projects_dir: Path, data: dict) -> Path:
    return Path(projects_dir) / str(data["fiscal_year"]) / f"{data['id']}.md"


def lesson_path(lessons_dir: Path, data: dict) -> Path:
    return Path(lessons_dir) / f"{data['id']}.md"


def render(data: dict, body: str, kind: str, depth: int) -> str:
    """The file text: front matter with the schema comment first, then a non-empty Markdown body."""
    schema = "../" * depth + f"schema/{kind}.schema.json"
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    body = body.strip() or "(รายละเอียดโครงการ: เขียนเพิ่มเติมที่นี่)"
    return f"---\n# yaml-language-server: $schema={schema}\n{front}---\n\n{body}\n"


def default_body(data: dict, kind: str, content: Content | None = None, reference: Reference | None = None) -> str:
    if kind == "lesson":
        return lesson_origin(data, content, reference)
    parts = [f"## ความเป็นมา\n\n{data.get('problem', '')}", f"## วิธีดำเนินการ\n\n{data.get('activities', '')}"]
    return "\n\n".join(parts)


def lesson_origin(data: dict, content: Content | None, reference: Reference | None) -> str:
    """Where a lesson comes from, in words: each project's Thai title, year and unit (the lesson's own
    text is in its fields, which its page shows)."""
    projects = content.project_by_id if content else {}
    lines = []
    for project_id in data.get("projects", []):
        project = projects.get(project_id)
        if project is not None:
            unit = reference.unit_name(project.unit) if reference else project.unit
            lines.append(f"- โครงการ «{project.title}» ปีงบประมาณ {project.fiscal_year} ของ{unit}")
    return "ถอดบทเรียนจากการดำเนินงานจริงของ\n\n" + "\n".join(lines) + "\n"


def check(data: dict, body: str, kind: str, path: Path, reference: Reference, content: Content) -> list[Problem]:
    """The problems `bestservice validate` would report for this document at this path."""
    document = Document(path=Path(path), kind=kind, data=data, body=body or "x", lines={(): 1})
    return check_documents([document], reference, content)[0]


def check_documents(documents: list[Document], reference: Reference, content: Content) -> list[list[Problem]]:
    """The errors of each new document, checked with all of them added to the content at once."""
    projects = [doc for doc in documents if doc.kind == "project"]
    lessons = [doc for doc in documents if doc.kind == "lesson"]
    ctx = Context(reference=reference, content=Content(projects=[*content.projects, *projects], lessons=[*content.lessons, *lessons]), today=dt.date.today())
    return [refused_characters(doc) + [p for p in schema_problems(doc) + rule_problems(doc, ctx) if p.severity == "error"] for doc in documents]


def refused_characters(doc: Document) -> list[Problem]:
    """A character validate refuses in a file (a control character, U+FFFE...), in an answer or a cell:
    the file written would be refused when read back, so it is not written."""
    found = [(location, REFUSED.search(text)) for location, text in _texts(doc.data)] + [(("body",), REFUSED.search(doc.body))]
    return [
        Problem(doc.display_path, 1, field_label(location), refused_character(hit.group()), english_label(doc.kind, location), "ลบอักขระนี้ออก แล้วพิมพ์ข้อความใหม่")
        for location, hit in found
        if hit
    ]


def _texts(value, location: tuple = ()):
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*location, index))
