"""The JSON Schemas as data (schema/*.schema.json): read once, walked by field location.

This module imports nothing of the content package, so that reading a file (load) can already
read its values the way the schema says they are meant (values) without an import cycle.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

# the package's own (bestservice.kb.DEFAULTS_DIR / "schema"): its rules are written for this contract
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "defaults" / "schema"
KINDS = ("project", "lesson")


@cache
def load_schema(kind: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


def property_schema(kind: str, location: tuple) -> dict:
    """The schema of the field at a location (list indexes step into `items`)."""
    node = load_schema(kind)
    for step in location:
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step, {})
    return node


# How a JSON type is named to a person (a value of the wrong type, in a content file or a reference file).
TYPE_NAMES = {
    "string": "ข้อความ",
    "integer": "จำนวนเต็ม",
    "number": "ตัวเลข",
    "boolean": "true หรือ false",
    "array": "รายการ (ขึ้นบรรทัดใหม่ด้วย - )",
    "object": "ชุดฟิลด์ย่อย",
}
