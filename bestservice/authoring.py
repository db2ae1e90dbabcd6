"""Build a new project or lesson file from answers, check it like `validate` would, write it safely.

The questions come from the JSON Schema (title and description of each field) and every answer is
checked against the reference data as it is given (unit id or Thai name, fiscal year, tools, policy
dimensions valid in that year, dates inside the fiscal year). Files are written atomically and an
existing file is never replaced.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from bestservice import fiscal
from bestservice.content import Content
from bestservice.load import Document
from bestservice.problems import Problem
from bestservice.reference import Reference
from bestservice.rules import Context, rule_problems
from bestservice.schema import property_schema, schema_problems

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
LIST_SPLIT = re.compile(r"\s*(?:\||\n)\s*")
CODE_SPLIT = re.compile(r"[\s,|;]+")


class AnswerError(ValueError):
    """An answer that cannot be used; the message is Thai and says how to fix it."""


# --- one question per field, described by the schema --------------------------------------------


@dataclass(frozen=True)
class Question:
    path: tuple  # where the answer goes, e.g. ("recipients", "primary")
    kind: str  # text | list | fiscal_year | unit | tools | policy | date | kpis | units | slug | criteria
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
    Question(("id",), "slug", required=False, option="slug"),
    Question(("unit_detail",), "text", required=False),
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
]

LESSON_QUESTIONS = [
    Question(("title",), "text"),
    Question(("id",), "slug", option="slug"),
    Question(("projects",), "projects", option="project-ids"),
    Question(("what_worked",), "list"),
    Question(("what_didnt",), "list", required=False),
    Question(("for_whom",), "list"),
    Question(("tools",), "tools", required=False),
    Question(("criteria",), "criteria", required=False),
    Question(("author",), "text", required=False),
]


# --- checking one answer -------------------------------------------------------------------------


def parse_fiscal_year(text) -> int:
    raw = str(text).strip().translate(THAI_DIGITS)
    if not raw.isdigit():
        raise AnswerError(f"ปีงบประมาณ {text!r} ไม่ใช่ตัวเลข — พิมพ์ปี พ.ศ. 4 หลัก เช่น {fiscal.current_fiscal_year()}")
    year = int(raw)
    if 1900 <= year <= 2200:
        raise AnswerError(f"{year} ดูเหมือนเป็นปี ค.ศ. — ปีงบประมาณต้องเป็นปี พ.ศ. เช่น {year + 543}")
    latest = fiscal.current_fiscal_year() + 1
    if not 2540 <= year <= latest:
        raise AnswerError(f"ปีงบประมาณ {year} อยู่นอกช่วง 2540–{latest}")
    return year


def resolve_unit(text, reference: Reference) -> str:
    """A unit id from an id, a Thai name, a short name or an abbreviation; suggestions otherwise."""
    value = unicodedata.normalize("NFC", str(text).strip())
    if value in reference.unit_by_id:
        return value
    for unit in reference.units:
        names = {unit["name_th"], unit.get("short_th"), unit.get("abbr"), unit.get("name_en")}
        if value in names or value.lower() in {str(n).lower() for n in names if n}:
            return unit["id"]
    partial = [u for u in reference.units if value and (value in u["name_th"] or value in u["id"])]
    if len(partial) == 1:
        return partial[0]["id"]
    core = {_core_name(u["name_th"]): u for u in reference.units} | {u["id"]: u for u in reference.units}
    close = difflib.get_close_matches(_core_name(value), list(core), n=3, cutoff=0.6)
    candidates = partial[:5] or [core[name] for name in close]
    hint = "; ".join(f"{u['id']} ({u['name_th']})" for u in candidates)
    raise AnswerError(
        f"ไม่พบหน่วยงาน {value!r}" + (f" — คุณหมายถึง: {hint} ?" if hint else " — ใช้รหัสหรือชื่อเต็มจาก reference/units.yaml เช่น district-bang-khae หรือ สำนักงานเขตบางแค")
    )


def _core_name(name: str) -> str:
    """`สำนักงานเขตบางแค` → `บางแค`: compare the distinctive part of a Thai unit name."""
    for prefix in ("สำนักงานเขต", "สำนักงาน", "สำนัก", "เขต"):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def resolve_tools(text, reference: Reference) -> list[str]:
    """Tool ids from ids, numbers (1-12), Thai names or aliases, separated by commas or spaces."""
    items = text if isinstance(text, list) else [t for t in re.split(r"\s*[,|;\n]\s*", str(text)) if t.strip()]
    result = []
    for item in items:
        item = str(item).strip().translate(THAI_DIGITS)
        found = None
        for tool in reference.tools:
            names = {tool["id"], str(tool["number"]), tool["name_th"], tool["name_en"], *map(str, tool.get("aliases") or [])}
            if item in names or item.lower() in {n.lower() for n in names}:
                found = tool["id"]
                break
        if not found:
            close = difflib.get_close_matches(item, list(reference.tool_by_id), n=1, cutoff=0.5)
            hint = f"คุณหมายถึง {close[0]} หรือไม่? " if close else ""
            choices = ", ".join(f"{t['number']}={t['id']}" for t in reference.tools)
            raise AnswerError(f"ไม่รู้จักเครื่องมือ {item!r} — {hint}ใช้หมายเลขหรือรหัส: {choices}")
        if found not in result:
            result.append(found)
    return result


def resolve_policy(text, fiscal_year: int | None, reference: Reference) -> list[str]:
    if not fiscal_year:
        raise AnswerError("ระบุปีงบประมาณที่ถูกต้องก่อน แล้วจึงเลือกด้านนโยบายของปีนั้น")
    policy_set = reference.policy_set_for(fiscal_year)
    if policy_set is None:
        raise AnswerError(f"ยังไม่มีข้อมูลนโยบายผู้ว่าฯ ของปีงบประมาณ {fiscal_year} — ให้ทีมดูแลข้อมูลเพิ่มใน reference/policies.yaml")
    valid = {d["id"]: d for d in policy_set["dimensions"]}
    items = text if isinstance(text, list) else [t for t in re.split(r"\s*[,|;\n]\s*", str(text)) if t.strip()]
    result = []
    for item in items:
        item = str(item).strip().translate(THAI_DIGITS)
        found = None
        for number, (dim_id, dim) in enumerate(valid.items(), start=1):
            if item in (dim_id, dim["name_th"], str(number)) or item.lower() == dim.get("name_en", "").lower():
                found = dim_id
        if not found:
            choices = ", ".join(f"{n}={d_id} ({d['name_th']})" for n, (d_id, d) in enumerate(valid.items(), start=1))
            raise AnswerError(f"ด้านนโยบาย {item!r} ไม่ได้ใช้ในปีงบประมาณ {fiscal_year} ({policy_set['name_th']}) — ใช้หนึ่งใน: {choices}")
        if found not in result:
            result.append(found)
    return result


def parse_date(text, fiscal_year: int | None) -> str:
    raw = str(text).strip().translate(THAI_DIGITS)
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise AnswerError(f"วันที่ {text!r} ไม่ถูกต้อง — เขียนแบบ ค.ศ. YYYY-MM-DD เช่น 2024-10-01") from None
    if day.year > 2400:
        raise AnswerError(f"วันที่ {raw} ใช้ปี พ.ศ. — เขียนเป็นปี ค.ศ. เช่น {day.year - 543}{raw[4:]}")
    if fiscal_year:
        opens, closes = fiscal.fiscal_year_start(fiscal_year), fiscal.fiscal_year_end(fiscal_year)
        if not opens <= day <= closes:
            raise AnswerError(f"วันที่ {raw} อยู่นอกปีงบประมาณ {fiscal_year} — ใช้วันที่ระหว่าง {opens} ถึง {closes}")
    return day.isoformat()


def parse_list(text) -> list[str]:
    items = text if isinstance(text, list) else LIST_SPLIT.split(str(text))
    return [str(item).strip() for item in items if str(item).strip()]


def parse_kpis(text) -> list[dict]:
    """`ชื่อตัวชี้วัด = ค่าเป้าหมาย` items separated by `|` (a number target stays a number)."""
    kpis = []
    for item in parse_list(text):
        name, sep, target = item.rpartition("=")
        if not sep or not name.strip() or not target.strip():
            raise AnswerError(f"ตัวชี้วัด {item!r} ไม่มีค่าเป้าหมาย — เขียนแบบ ชื่อตัวชี้วัด = ค่าเป้าหมาย เช่น ระยะเวลารอรับบริการ (นาที) = 15")
        kpis.append({"name": name.strip(), "target": number_or_text(target.strip())})
    if not kpis:
        raise AnswerError("ต้องมีตัวชี้วัดอย่างน้อย 1 รายการ")
    return kpis


def number_or_text(value: str):
    raw = value.replace(",", "").translate(THAI_DIGITS)
    try:
        number = float(raw)
    except ValueError:
        return value
    return int(number) if number.is_integer() and "." not in raw else number


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", text)).strip("-")[:80].strip("-")


def parse_slug(text) -> str:
    slug = slugify(text)
    if not ID_PATTERN.match(slug):
        raise AnswerError(f"รหัส {text!r} ใช้ไม่ได้ — ใช้ตัวอักษรภาษาอังกฤษ (ทับศัพท์) ตัวเลข และขีดกลาง อย่างน้อย 3 ตัว เช่น queue-online")
    return slug


def answer(question: Question, text, so_far: dict, reference: Reference, content: Content | None = None):
    """Check one answer and turn it into the value stored in the file (raises AnswerError)."""
    kind = question.kind
    if kind == "text":
        value = str(text).strip()
        if not value:
            raise AnswerError("ต้องกรอกข้อมูลนี้")
        return value
    if kind == "list":
        items = parse_list(text)
        if not items:
            raise AnswerError("ต้องมีอย่างน้อย 1 รายการ (คั่นหลายรายการด้วย | )")
        return items
    if kind == "fiscal_year":
        return parse_fiscal_year(text)
    if kind == "unit":
        return resolve_unit(text, reference)
    if kind == "slug":
        return parse_slug(text)
    if kind == "tools":
        return resolve_tools(text, reference)
    if kind == "policy":
        return resolve_policy(text, so_far.get("fiscal_year"), reference)
    if kind == "date":
        return parse_date(text, so_far.get("fiscal_year"))
    if kind == "kpis":
        return parse_kpis(text)
    if kind == "end_year":
        year = parse_fiscal_year(text) if str(text).strip().translate(THAI_DIGITS) not in ("",) else None
        first = so_far.get("fiscal_year")
        if first and year and year < first:
            raise AnswerError(f"ปีสุดท้าย {year} มาก่อนปีเริ่ม {first}")
        return year
    if kind == "targets":
        targets = []
        for item in parse_list(text):
            year, sep, target = item.partition("=")
            if not sep or not target.strip():
                raise AnswerError(f"เป้าหมาย {item!r} ไม่ครบ — เขียนแบบ ปีงบประมาณ = เป้าหมาย เช่น 2569 = ขยายไป 3 แขวง")
            targets.append({"fiscal_year": parse_fiscal_year(year), "target": target.strip()})
        return targets
    if kind == "criteria":
        numbers = [number_or_text(t) for t in CODE_SPLIT.split(str(text)) if t]
        if not all(isinstance(n, int) and 1 <= n <= 12 for n in numbers):
            raise AnswerError("เกณฑ์ต้องเป็นหมายเลข 1-12 คั่นด้วยจุลภาค เช่น 1, 7")
        return numbers
    if kind == "projects":
        ids = [t for t in CODE_SPLIT.split(str(text)) if t]
        known = content.project_by_id if content else {}
        for project_id in ids:
            if project_id not in known:
                close = difflib.get_close_matches(project_id, list(known), n=1, cutoff=0.5)
                raise AnswerError(f"ไม่พบโครงการ {project_id!r}" + (f" — คุณหมายถึง {close[0]} หรือไม่?" if close else " — ใช้รหัสโครงการจากไฟล์ใน projects/"))
        if not ids:
            raise AnswerError("ต้องระบุรหัสโครงการอย่างน้อย 1 โครงการ")
        return ids
    raise AnswerError(f"ไม่รู้จักชนิดคำถาม {kind}")


def put(data: dict, path: tuple, value) -> None:
    node = data
    for step in path[:-1]:
        node = node.setdefault(step, {})
    node[path[-1]] = value


def get(data: dict, path: tuple):
    node = data
    for step in path:
        if not isinstance(node, dict) or step not in node:
            return None
        node = node[step]
    return node


# --- whole documents ------------------------------------------------------------------------------

PROJECT_ORDER = list(property_schema("project", ()).get("properties", {}))
LESSON_ORDER = list(property_schema("lesson", ()).get("properties", {}))


def default_project_id(data: dict) -> str:
    unit = str(data.get("unit", "project")).removeprefix("district-")
    return f"{unit}-{data.get('fiscal_year', '')}".strip("-")


def complete_project(answers: dict) -> dict:
    """Fill what a proposal always has (record, kind, status, id) and order fields as in the schema."""
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
        data["id"] = default_project_id(data)
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


def default_body(data: dict, kind: str) -> str:
    if kind == "lesson":
        return f"## {data.get('title', '')}\n\nบทเรียนจากโครงการ {', '.join(data.get('projects', []))}\n"
    parts = [f"## ความเป็นมา\n\n{data.get('problem', '')}", f"## วิธีดำเนินการ\n\n{data.get('activities', '')}"]
    return "\n\n".join(parts)


def check(data: dict, body: str, kind: str, path: Path, reference: Reference, content: Content) -> list[Problem]:
    """The problems `bestservice validate` would report for this document at this path."""
    document = Document(path=Path(path), kind=kind, data=data, body=body or "x", lines={(): 1})
    if kind == "project":
        content = Content(projects=[*content.projects, document], lessons=content.lessons)
    else:
        content = Content(projects=content.projects, lessons=[*content.lessons, document])
    ctx = Context(reference=reference, content=content, today=dt.date.today())
    return [p for p in schema_problems(document) + rule_problems(document, ctx) if p.severity == "error"]


def write_new_file(path: Path, text: str) -> Path:
    """Write atomically (temporary file, then link into place); refuse if the file already exists."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp, path)  # fails with FileExistsError instead of replacing a file created meanwhile
    finally:
        os.unlink(tmp)
    return path
