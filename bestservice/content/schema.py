"""The JSON Schemas (schema/*.schema.json): the one contract for a project and a lesson.

The validator, editors (yaml-language-server), the web form and the open-data exports all read
these files. Schema errors become Thai, located problems with a suggestion for the fix.
"""

from __future__ import annotations

import copy
import difflib
import json
from functools import cache

from bestservice.content.contract import KINDS, SCHEMA_DIR, TYPE_NAMES, load_schema, property_schema
from bestservice.content.document import Document
from bestservice.content.load import field_label
from bestservice.content.problems import Problem
from bestservice.content.reference import Reference
from bestservice.thai.dates import HOW_TO_WRITE, DateError, read_date

__all__ = ["KINDS", "SCHEMA_DIR", "load_schema", "property_schema", "published_schema", "help_text", "english_label", "schema_problems"]


@cache
def _validator(kind: str):
    # imported when content is validated: the site build reads the schemas but never validates,
    # and the import is a tenth of a second of every build
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(load_schema(kind), format_checker=FormatChecker())


def published_schema(kind: str, reference: Reference) -> dict:
    """The schema with pick-lists filled from the reference data, for editors, the form and exports."""
    schema = copy.deepcopy(load_schema(kind))

    def fill(node):
        if isinstance(node, dict):
            if "x-reference" in node and node.get("type") == "string":
                node["enum"] = reference.ids(node["x-reference"])
            for value in node.values():
                fill(value)
        elif isinstance(node, list):
            for value in node:
                fill(value)

    fill(schema)
    return schema


def help_text(node: dict) -> str:
    """What a field wants, as the form and `new` say it to a person (`x-help-th`, without the file and id
    talk an editor's description may hold), else its description."""
    return node.get("x-help-th") or node.get("description", "")


def english_label(kind: str, location: tuple) -> str:
    """The English name of a field; a list item (`tools[1]`) takes the name of its list."""
    for end in range(len(location), 0, -1):
        label = property_schema(kind, location[:end]).get("x-label-en")
        if label:
            return label
        if not isinstance(location[end - 1], int):
            return str(location[end - 1])
    return "front matter"


def schema_problems(document: Document) -> list[Problem]:
    kind = document.kind
    problems = []
    for error in sorted(_validator(kind).iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path))):
        problems.extend(_explain(kind, document, error))
    return problems


def _explain(kind: str, document: Document, error) -> list[Problem]:
    location = tuple(error.absolute_path)
    keyword = error.validator
    schema = property_schema(kind, location)

    def problem(loc: tuple, message: str, fix: str) -> Problem:
        return Problem(document.display_path, document.line_of(loc), field_label(loc), message, english_label(kind, loc), fix)

    if keyword == "required":
        missing = error.message.split("'")[1]
        loc = location + (missing,)
        description = property_schema(kind, loc).get("description", "")
        title = property_schema(kind, loc).get("title", missing)
        return [problem(loc, f"ขาดฟิลด์ที่ต้องกรอก: {title}", f"เพิ่มบรรทัด {missing}: ... ({description})")]
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        out = []
        for key in document_keys(document, location):
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            fix = f"คุณหมายถึง {close[0]} หรือไม่? แก้ชื่อฟิลด์" if close else f"ลบฟิลด์นี้ หรือใช้ฟิลด์ที่มีในสคีมา: {', '.join(allowed)}"
            out.append(problem(location + (key,), f"ไม่รู้จักฟิลด์ {key}", fix))
        return out
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " หรือ ".join(TYPE_NAMES.get(t, t) for t in expected)
        return [problem(location, f"ค่าต้องเป็น{names}", f"แก้ค่าให้เป็น{names} ({schema.get('description', '')})")]
    if keyword == "enum":
        choices = [str(c) for c in error.validator_value]
        close = difflib.get_close_matches(str(error.instance), choices, n=1, cutoff=0.5)
        hint = f"คุณหมายถึง {close[0]} หรือไม่? " if close else ""
        return [problem(location, f"ค่า {error.instance!r} ไม่อยู่ในรายการที่กำหนด", f"{hint}ใช้หนึ่งใน: {', '.join(choices)}")]
    if keyword == "const":
        return [
            problem(
                location, "หน่วยงานยังไม่ได้รับรองข้อนี้", f"ตรวจสอบว่าโครงการเป็นไปตามเกณฑ์ แล้วใส่ค่า {json.dumps(error.validator_value)} ({schema.get('description', '')})"
            )
        ]
    if keyword == "pattern":
        return [problem(location, f"รูปแบบของค่า {error.instance!r} ไม่ถูกต้อง", schema.get("description") or f"ค่าต้องตรงกับรูปแบบ {error.validator_value}")]
    if keyword == "format":
        return [problem(location, f"ค่า {error.instance!r} ไม่ใช่วันที่ที่ถูกต้อง", why_not_a_date(error.instance))]
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        hint = ""
        if schema.get("x-label-en") == "fiscal year" and isinstance(error.instance, int) and 1900 <= error.instance <= 2200:
            hint = f"ดูเหมือนเป็นปี ค.ศ. ปีงบประมาณต้องเป็นปี พ.ศ. เช่น {error.instance + 543} — "
        return [problem(location, f"ค่า {error.instance} อยู่นอกช่วงที่รับได้", f"{hint}ใช้ค่าระหว่าง {low} ถึง {high}")]
    if keyword == "minLength":
        return [problem(location, "ค่าว่างเปล่า", f"กรอก{schema.get('title', 'ค่า')} หรือลบฟิลด์นี้ถ้าไม่มีข้อมูล")]
    if keyword == "maxLength":
        return [problem(location, f"ข้อความยาวเกิน {error.validator_value} ตัวอักษร", "ย่อให้สั้นลง แล้วใส่รายละเอียดในเนื้อหาหลังส่วนหัว")]
    if keyword == "minItems":
        return [problem(location, f"ต้องมีอย่างน้อย {error.validator_value} รายการ", f"เพิ่มรายการ{schema.get('title', '')} ขึ้นบรรทัดใหม่ด้วย - ")]
    if keyword == "minProperties":
        fields = ", ".join(schema.get("properties", {}))
        return [problem(location, f"{schema.get('title', location[-1])} ไม่มีข้อมูล", f"กรอกอย่างน้อยหนึ่งฟิลด์ ({fields}) หรือลบฟิลด์ {location[-1]} ออกถ้าไม่มีข้อมูล")]
    if keyword == "uniqueItems":
        return [problem(location, "มีค่าซ้ำในรายการ", "ลบรายการที่ซ้ำออก")]
    return [problem(location, f"ค่าไม่ผ่านสคีมา ({keyword})", schema.get("description") or "ตรวจค่าตามสคีมา")]


def why_not_a_date(value) -> str:
    try:
        read_date(value)
    except DateError as err:
        return str(err)
    return HOW_TO_WRITE


def document_keys(document: Document, location: tuple) -> list[str]:
    node = document.data
    for step in location:
        node = node[step]
    return list(node) if isinstance(node, dict) else []
