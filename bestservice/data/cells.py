"""One spreadsheet cell per field: how projects.csv writes a value and how `bestservice import` reads it.

Both directions live here so that export → import → export keeps every field of the schema:

- one column per field, in the schema's order; an object's fields (`budget.source`) get one each;
- a list has one item per line of the cell;
- a list of objects has one entry per line: `first = second | key: value | ...`, its first two
  required fields up front (`ชื่อตัวชี้วัด = ค่าเป้าหมาย`), the others by their field name;
- a value that would not read back the same (it holds `|`, `=`, `"` or a line break where those
  separate values, looks like a number where text is meant, starts or ends with a space) is
  written as a JSON string in double quotes, and read back exactly;
- a cell that a spreadsheet could run as a formula starts with an apostrophe, removed on import.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re

from bestservice.authoring import answers
from bestservice.authoring.answers import AnswerError
from bestservice.content.reference import Reference
from bestservice.content.schema import load_schema, property_schema

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARDED = (*FORMULA_STARTS, "'")  # an apostrophe is doubled too, so the guard is undone exactly
EMPTY_LIST = "[]"
BOOL_WORDS = {"true": True, "yes": True, "y": True, "1": True, "ใช่": True, "รับรอง": True, "false": False, "no": False, "n": False, "0": False, "ไม่ใช่": False}
LINE, PIPE, SPACED_EQUALS, EQUALS = (re.compile(p) for p in (r"\n", r"\|", r"\s=\s", r"="))
KEYED = re.compile(r"^\s*([^\s:=|\"]+)\s*:(?!//)\s*(.*)$", re.DOTALL)  # `key: value`, not `https://`
FIELD_NAME = re.compile(r"[A-Za-z_]+")
_DECODER = json.JSONDecoder()


def csv_fields() -> list[tuple]:
    fields: list[tuple] = []
    for name, node in load_schema("project")["properties"].items():
        fields.extend(((name, sub) for sub in node["properties"]) if node.get("type") == "object" else [(name,)])
    return fields


CSV_FIELDS = csv_fields()


def field_key(path: tuple) -> str:
    return ".".join(path)


def column_header(path: tuple) -> str:
    """`ชื่อโครงการ (title)`: Thai for people, the field name for programs and the import."""
    return f"{property_schema('project', path).get('title', path[-1])} ({field_key(path)})"


def head_fields(item_schema: dict) -> list[str]:
    """The two sub-fields written up front: the required ones, else the first required and the next."""
    required = list(item_schema.get("required", []))
    others = [name for name in item_schema.get("properties", {}) if name not in required]
    return (required + others)[:2]


def entry_guide() -> str:
    """Markdown list items: how one line of each list-of-objects column reads, from the schema."""
    lines = []
    for path in CSV_FIELDS:
        node = property_schema("project", path)
        items = node.get("items", {})
        if items.get("type") != "object":
            continue
        first, second = head_fields(items)
        rest = [f" | {key}: {items['properties'][key].get('title', key)}" for key in items["properties"] if key not in (first, second)]
        example = f"{items['properties'][first]['title']} = {items['properties'][second]['title']}{''.join(rest)}"
        lines.append(f"    - {column_header(path)}: `{example}`")
    return "\n".join(lines)


# --- writing -------------------------------------------------------------------------------------


def guard(text: str) -> str:
    """Keep spreadsheets from running contributor text as a formula."""
    return "'" + text if text.startswith(GUARDED) else text


def write_cell(data: dict, path: tuple, reference: Reference) -> str:
    """The cell of one field of a record ("" when the record does not have it)."""
    value = data
    for step in path:
        value = value.get(step) if isinstance(value, dict) else None
    if value is None:
        return ""
    schema = property_schema("project", path)
    if not isinstance(value, list):
        return guard(_encode(value, schema, reference, "cell"))
    if not value:
        return EMPTY_LIST
    items = schema.get("items", {})
    return guard(
        "\n".join(_write_entry(v, items, reference) if isinstance(v, dict) and "properties" in items else _encode(v, items, reference, "item") for v in value)
    )


def _write_entry(entry: dict, schema: dict, reference: Reference) -> str:
    properties = schema.get("properties", {})
    first, second = head_fields(schema)
    parts, up_front = [], ()
    if first in entry:
        up_front = (first, second)
        parts.append(_encode(entry[first], properties[first], reference, "head"))
        if second in entry:
            parts[0] += " = " + _encode(entry[second], properties[second], reference, "value")
    keyed = [key for key in dict.fromkeys([*properties, *entry]) if key in entry and key not in up_front]
    return " | ".join(parts + [f"{key}: {_encode(entry[key], properties.get(key, {}), reference, 'value')}" for key in keyed])


def _encode(value, schema: dict, reference: Reference, where: str) -> str:
    """The value as text; in double quotes when the plain text would not read back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):  # a shape the schema does not allow here (validate says so): kept whole, as JSON
        return json.dumps(value, ensure_ascii=False)
    if not isinstance(value, str):
        return str(value)
    risky = value != value.strip() or value.startswith('"') or "\r" in value or not _reads_back(value, schema, reference)
    if where != "cell":
        risky = risky or value == EMPTY_LIST or any(c in value for c in '|"\n\r')
    if where == "head":
        risky = risky or ("=" in value and "pattern" not in schema) or KEYED.match(value) is not None
    return json.dumps(value, ensure_ascii=False) if risky else value


def _reads_back(text: str, schema: dict, reference: Reference) -> bool:
    try:
        value = _typed(text, schema, reference)
    except AnswerError:
        return False
    return value == text and isinstance(value, str)


# --- reading -------------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as text: dates and whole numbers as a person reads them, the export's formula guard undone."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return text[1:] if text[:1] == "'" and text[1:2] in GUARDED else text


def read_cell(path: tuple, raw, data: dict, reference: Reference):
    """A cell as the value the schema wants; raises AnswerError with a Thai message."""
    text = cell_text(raw)
    schema = property_schema("project", path)
    if path == ("fiscal_year",):
        return answers.parse_fiscal_year(text)
    if schema.get("type") != "array":
        return _decode(text, schema, reference)
    if text.strip() == EMPTY_LIST:
        return []
    items = schema.get("items", {})
    lines = [line for line in _split(text, LINE) if line.strip()]
    if items.get("type") == "object":
        entries = []
        for number, line in enumerate(lines, start=1):
            try:
                entries += _read_entries(line, items, reference)
            except AnswerError as err:
                raise AnswerError(f"บรรทัดที่ {number} ของช่อง: {err}" if len(lines) > 1 else str(err)) from None
        return entries
    values = [_decode(piece, items, reference) for line in lines for piece in _split(line, PIPE) if piece.strip()]
    if items.get("x-reference") == "tools":
        return answers.resolve_tools(values, reference)
    if items.get("x-reference") == "policy_dimensions":
        return answers.resolve_policy(values, data.get("fiscal_year"), reference)
    return values


def _read_entries(line: str, schema: dict, reference: Reference) -> list[dict]:
    """One line; a part without `key:` starts another entry (older exports put them all on one line)."""
    properties = schema.get("properties", {})
    names = {key: key for key in properties} | {node.get("title"): key for key, node in properties.items() if node.get("title")}
    entries: list[dict] = []
    for part in (p for p in _split(line, PIPE) if p.strip()):
        keyed = KEYED.match(part)
        if keyed and keyed.group(1) not in names and FIELD_NAME.fullmatch(keyed.group(1)):
            close = difflib.get_close_matches(keyed.group(1), list(properties), n=1, cutoff=0.6)
            hint = f"คุณหมายถึง {close[0]} หรือไม่? " if close else ""
            raise AnswerError(f"ไม่รู้จักฟิลด์ย่อย {keyed.group(1)!r} — {hint}ใช้: {', '.join(properties)}")
        if keyed and keyed.group(1) in names:
            key = names[keyed.group(1)]
            if not entries:
                entries.append({})
            if key in entries[-1]:
                raise AnswerError(f"ฟิลด์ย่อย {key} ซ้ำในรายการเดียวกัน — ลบอันที่ไม่ใช้ออก")
            entries[-1][key] = _decode(keyed.group(2), properties[key], reference, key)
        else:
            entries.append(_read_head(part, schema, reference))
    return [{key: entry[key] for key in properties if key in entry} for entry in entries]


def _read_head(part: str, schema: dict, reference: Reference) -> dict:
    properties = schema.get("properties", {})
    first, second = head_fields(schema)
    pieces = _split(part, SPACED_EQUALS, limit=1)
    if len(pieces) == 1 and "pattern" not in properties[first]:
        pieces = _split(part, EQUALS, limit=1)
    if properties[first].get("x-reference") == "award_kinds" and len(pieces) == 1:
        known = {k["id"] for k in reference.award_kinds}
        if pieces[0].strip() not in known:
            return {first: "other", second: _decode(pieces[0], properties[second], reference, second)}  # a bare award name
    entry = {first: _decode(pieces[0], properties[first], reference, first)}
    if len(pieces) > 1 and pieces[1].strip():
        entry[second] = _decode(pieces[1], properties[second], reference, second)
    return entry


def _decode(raw: str, schema: dict, reference: Reference, name: str = ""):
    text = raw.strip()
    if text.startswith('"'):
        try:
            value = json.loads(text)
        except ValueError:
            value = None  # not a whole quoted value: the text as typed
        if isinstance(value, str):
            return value
    try:
        return _typed(text, schema, reference)
    except AnswerError as err:
        raise AnswerError(f"{name}: {err}" if name else str(err)) from None


def _typed(text: str, schema: dict, reference: Reference):
    kind = schema.get("type")
    if schema.get("x-reference") == "units":
        return answers.resolve_unit(text, reference)
    if kind in ("integer", "number", ["number", "string"]):
        value = answers.number_or_text(text)
        if kind == "integer" and not isinstance(value, int):
            raise AnswerError(f"ค่า {text!r} ต้องเป็นจำนวนเต็ม")
        if kind == "number" and not isinstance(value, int | float):
            raise AnswerError(f"ค่า {text!r} ต้องเป็นตัวเลข")
        return value
    if kind == "boolean":
        if text.lower() not in BOOL_WORDS:
            raise AnswerError(f"ค่า {text!r} ต้องเป็น ใช่/ไม่ใช่ (true/false)")
        return BOOL_WORDS[text.lower()]
    if schema.get("format") == "date":
        return answers.parse_date(text, None)
    return text


def _split(text: str, separator: re.Pattern, limit: int | None = None) -> list[str]:
    """Split at a separator, except inside a value written in double quotes."""
    pieces, start, pos = [], 0, 0
    while pos < len(text):
        if text[pos] == '"' and text[:pos].rstrip(" \t")[-1:] in ("", "|", "=", ":", "\n"):
            try:
                pos = _DECODER.raw_decode(text, pos)[1]
                continue
            except ValueError:
                pass  # an unmatched quote is plain text
        found = separator.match(text, pos)
        if found and (limit is None or len(pieces) < limit):
            pieces.append(text[start:pos])
            start = pos = found.end()
            continue
        pos += 1
    return [*pieces, text[start:]]
