"""Import the committee's spreadsheets (.xlsx or .csv) into project files.

Columns are matched by a mapping: by default the Thai headers people use (ชื่อโครงการ, หน่วยงาน,
ปีงบประมาณ, สภาพปัญหา, ...), the schema's Thai titles, the English field names, and the headers of
our own projects.csv export. Every row is checked like `bestservice validate` before anything is
written; one bad row means nothing is written. Files are staged as temporary files and linked into
place, and an existing file is never replaced.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bestservice.authoring import compose
from bestservice.authoring.answers import AnswerError
from bestservice.content import Content
from bestservice.content.document import Document, display_path
from bestservice.content.load import parse_yaml, read_limited
from bestservice.content.problems import ContentError, Problem
from bestservice.content.reference import Reference
from bestservice.content.schema import load_schema, property_schema
from bestservice.data import cells
from bestservice.data.table import SheetLimit, read_table
from bestservice.files import write_files

PROGRESS_EVERY = 100
IGNORED = {"unit_name", "page", "ลำดับ", "ลำดับที่", "ที่", "no", "no.", "#", "หมายเหตุ", "note", "ชื่อหน่วยงาน"}
# Headers people write in the committee's lists, beyond the schema's own titles.
ALIASES = {
    "ชื่อโครงการ": "title",
    "โครงการ": "title",
    "รหัส": "id",
    "รหัสโครงการ": "id",
    "หน่วยงาน": "unit",
    "หน่วยงานที่เสนอ": "unit",
    "หน่วยงานเจ้าของโครงการ": "unit",
    "ส่วนราชการ": "unit",
    "ปีงบประมาณ": "fiscal_year",
    "ปี": "fiscal_year",
    "ปีงบ": "fiscal_year",
    "สรุป": "summary",
    "สรุปโครงการ": "summary",
    "ปัญหา": "problem",
    "สภาพปัญหา": "problem",
    "สาเหตุ": "root_cause",
    "ต้นเหตุ": "root_cause",
    "ต้นเหตุของปัญหา": "root_cause",
    "ผู้รับบริการ": "recipients.primary",
    "ผู้รับบริการหลัก": "recipients.primary",
    "ผู้รับบริการรอง": "recipients.secondary",
    "วัตถุประสงค์": "objectives",
    "วิธีดำเนินการ": "activities",
    "กิจกรรม": "activities",
    "ตัวชี้วัด": "kpis",
    "เครื่องมือ": "tools",
    "ด้านนโยบาย": "policy_dimensions",
    "นโยบาย": "policy_dimensions",
    "งบประมาณ": "budget.amount_baht",
    "วันเริ่ม": "timeline.start",
    "วันสิ้นสุด": "timeline.end",
    "สถานะ": "status",
    "หน่วยงานร่วม": "partners",
    "ภาคีเครือข่าย": "other_partners",
    "ความคืบหน้า": "progress",
    "รางวัล": "awards",
    "แหล่งข้อมูล": "sources",
    "ลิงก์": "sources",
    "url": "sources",
    "รายละเอียด": "body",
    "เนื้อหา": "body",
    "ร้อยละความสำเร็จ": "achievement_percent",
}


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def format(self, source: str) -> str:
        where = f"คอลัมน์ {self.column!r}" if self.column else "ทั้งแถว"
        return f"{source}: แถว {self.row}: {where}: {self.message}"


@dataclass
class ImportResult:
    planned: list[tuple[int, Path, str]] = field(default_factory=list)  # (row, path, file text)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0


def normalise_header(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def default_mapping() -> dict[str, str | None]:
    """Header → field path (None = ignore the column)."""
    mapping: dict[str, str | None] = {}
    for path in cells.CSV_FIELDS:
        key = cells.field_key(path)
        mapping[normalise_header(key)] = key
        mapping[normalise_header(cells.column_header(path))] = key
        mapping.setdefault(normalise_header(property_schema("project", path).get("title", "")), key)
    mapping[normalise_header("body")] = "body"
    for header, key in ALIASES.items():
        mapping[normalise_header(header)] = key
    for header in IGNORED:
        mapping[normalise_header(header)] = None
    mapping[normalise_header("ชื่อหน่วยงาน (unit_name)")] = None
    mapping[normalise_header("หน้าโครงการ (page)")] = None
    return mapping


def read_mapping(path: Path) -> tuple[dict, dict]:
    """A YAML file: `columns: {หัวคอลัมน์: field.path or null}` and optional `defaults: {field: value}`."""
    data, _ = parse_yaml(read_limited(Path(path)).decode("utf-8", "replace"), Path(path))
    columns = data.get("columns", data if "defaults" not in data else {})
    defaults = data.get("defaults") or {}
    if not isinstance(columns, dict) or not isinstance(defaults, dict):
        raise ContentError([_problem(path, "ไฟล์ mapping ต้องมี columns: ชุดของ หัวคอลัมน์: ชื่อฟิลด์")])
    known = {cells.field_key(p) for p in cells.CSV_FIELDS} | {"body"}
    for header, key in columns.items():
        if key is not None and key not in known:
            raise ContentError(
                [_problem(path, f"ไม่รู้จักฟิลด์ {key!r} ของคอลัมน์ {header!r} — ใช้ชื่อฟิลด์จาก data/project.schema.json เช่น title, unit, recipients.primary")]
            )
    return {normalise_header(h): k for h, k in columns.items()}, defaults


def _problem(path, message):
    return Problem(str(path), 1, "mapping", message, "column mapping", "แก้ไฟล์ mapping แล้วรันอีกครั้ง")


# --- one cell, one row ------------------------------------------------------------------------------


def _record_type(keys: set[str]) -> str:
    schema = load_schema("project")
    for rule in schema.get("allOf", []):
        if rule.get("if", {}).get("properties", {}).get("record"):
            needed = set(rule["else"]["required"]) - {"status", "declarations"}
            return "proposal" if needed <= {k.split(".")[0] for k in keys} else "archive"
    return "archive"


def plan_import(
    source: Path,
    projects_dir: Path,
    content: Content,
    reference: Reference,
    mapping: dict | None = None,
    defaults: dict | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check every row; return the files that would be written (none if any row is bad)."""
    result = ImportResult()
    table = read_table(source)
    result.warnings.extend(table.warnings)
    try:
        filled = [(number, row) for number, row in table.rows if any(_filled(c) for c in row)]
    except SheetLimit as limit:
        result.errors.append(RowError(limit.row, limit.column, limit.message))
        return result
    mapping = {**default_mapping(), **(mapping or {})}
    if not filled:
        result.errors.append(RowError(1, "", "ไม่พบหัวตาราง — แถวแรกที่มีข้อมูลต้องเป็นชื่อคอลัมน์ เช่น ชื่อโครงการ, หน่วยงาน, ปีงบประมาณ"))
        return result
    (header_row, headers), data_rows = filled[0], filled[1:]
    columns: list[tuple[int, str, str]] = []  # (index, header, field key)
    for index, header in enumerate(headers):
        name = cells.cell_text(header).strip() if header is not None else ""
        if not name:
            continue
        key = mapping.get(normalise_header(name), "?")
        if key == "?":
            inner = re.search(r"\(([a-z_.]+)\)\s*$", name)  # `ชื่อ (field)` headers
            key = mapping.get(inner.group(1), "?") if inner else "?"
        if key == "?":
            result.warnings.append(f"ข้ามคอลัมน์ {name!r} (ไม่รู้จัก) — ถ้าต้องการนำเข้า ให้ระบุใน --mapping")
        elif key is not None:
            if any(k == key for _, _, k in columns):
                result.errors.append(RowError(header_row, name, f"มีคอลัมน์ของฟิลด์ {key} มากกว่าหนึ่งคอลัมน์"))
            columns.append((index, name, key))
    keys = {key for _, _, key in columns} | set(defaults or {})
    for required in ("title", "unit", "fiscal_year"):
        if required not in keys:
            result.errors.append(RowError(header_row, "", f"ไม่มีคอลัมน์ของ {property_schema('project', (required,)).get('title')} ({required})"))
    if result.errors:
        return result
    record = (defaults or {}).get("record") or _record_type(keys)
    header_of = {key: name for _, name, key in columns}
    result.rows = len(data_rows)
    staged: list[tuple[int, Document]] = []
    taken: set[str] = {doc.id for doc in content.projects}
    for count, (number, row) in enumerate(data_rows, start=1):
        if progress and count % PROGRESS_EVERY == 0:
            progress(count, len(data_rows))
        data, body = _read_row(number, row, columns, {"record": record, "kind": "best_service"} | dict(defaults or {}), reference, result)
        if data is None:
            continue
        if not data.get("id"):
            base = compose.default_project_id(data)
            data["id"], suffix = base, 2
            while data["id"] in taken:
                data["id"], suffix = f"{base}-{suffix}", suffix + 1
        data = compose.ordered(data, compose.PROJECT_ORDER)
        path = compose.project_path(projects_dir, data)
        if data["id"] in taken:
            where = "มีไฟล์อยู่แล้ว" if path.exists() or data["id"] in content.project_by_id else "ซ้ำกับแถวก่อนหน้าในไฟล์นี้"
            result.errors.append(RowError(number, header_of.get("id", ""), f"รหัสโครงการ {data['id']} {where} — จะไม่เขียนทับ ตั้งรหัสใหม่ในคอลัมน์ id"))
            continue
        taken.add(data["id"])
        staged.append((number, Document(path=path, kind="project", data=data, body=body or _default_body(data, source, number), lines={(): 1})))
    # Every row is checked with all the others in place, so a row may continue a project further down.
    for (number, doc), problems in zip(staged, compose.check_documents([doc for _, doc in staged], reference, content), strict=True):
        for item in problems:
            column = header_of.get(item.field.split("[")[0]) or header_of.get(item.field.split(".")[0].split("[")[0]) or item.field
            entry = re.search(r"\[(\d+)\]", item.field)
            where = f"บรรทัดที่ {int(entry.group(1)) + 1} ของช่อง ({item.field}): " if entry else ""
            result.errors.append(RowError(number, column, f"{where}{item.message} — {item.fix}"))
        if not problems:
            result.planned.append((number, doc.path, compose.render(doc.data, doc.body, "project", 2)))
    if progress and data_rows:
        progress(len(data_rows), len(data_rows))
    if result.errors:
        result.planned = []
    return result


def _filled(value) -> bool:
    return value is not None and bool(cells.cell_text(value).strip())


def _read_row(number: int, row: list, columns: list, data: dict, reference: Reference, result: ImportResult) -> tuple[dict | None, str]:
    """One row's cells as a record and a body; None (with located errors) when a cell cannot be read."""
    body, ok = "", True
    for index, name, key in sorted(columns, key=lambda c: c[2] != "fiscal_year"):  # the year first: policies depend on it
        value = row[index] if index < len(row) else None
        if not _filled(value):
            continue
        if key == "body":
            body = cells.cell_text(value).strip()
            continue
        try:
            compose.put(data, tuple(key.split(".")), cells.read_cell(tuple(key.split(".")), value, data, reference))
        except AnswerError as err:
            result.errors.append(RowError(number, name, str(err)))
            ok = False
    if ok and not isinstance(data.get("fiscal_year"), int):
        column = next((name for _, name, key in columns if key == "fiscal_year"), "")
        result.errors.append(RowError(number, column, "ไม่มีปีงบประมาณ (fiscal year) — กรอกปี พ.ศ. เช่น 2568"))
        ok = False
    if ok and data.get("record") == "proposal":
        data.setdefault("status", "proposed")
    return (data if ok else None), body


def _default_body(data: dict, source: Path, number: int) -> str:
    text = data.get("summary") or data.get("problem") or data.get("title", "")
    return f"{text}\n\n(นำเข้าจากตาราง {Path(source).name} แถว {number})"


NEW_ID = "ตั้งรหัสใหม่ในคอลัมน์ id ของแถวนี้ หรือลบไฟล์เดิมก่อนถ้าต้องการแทนที่"


def write_all(planned: list[tuple[int, Path, str]], projects_dir: Path) -> list[RowError]:
    """Write every planned file or none (bestservice.files: never over a file, never through a link);
    each refusal is the row's error, naming the real file."""
    try:
        write_files(projects_dir, {path: text for _, path, text in planned}, exists_fix=NEW_ID)
    except ContentError as err:
        return [RowError(_first_row_under(p.path, planned), "", f"{p.path}: {p.message} — {p.fix}") for p in dict.fromkeys(err.problems)]
    return []


def _first_row_under(shown: str, planned: list[tuple[int, Path, str]]) -> int:
    """The first row whose file is `shown`, or lies in the folder `shown` (a link on the way)."""
    return next(row for row, path, _ in planned if display_path(path) == shown or display_path(path).startswith(shown + os.sep))
