"""Values as people write them, read as the schema means them.

A date may be written the Thai way (`1 พ.ย. 2569`, `01/11/2569`, `2569-11-01`: a year of 2400 or later
is Buddhist Era) and a number in Thai digits (`๒๕๖๙`, `๑,๕๐๐`). Every file is read into one canonical
form: ISO dates of the Common Era and real numbers. So the schema, the rules, the pages and the open
data see `2026-11-01` and `2569` whatever the file says, and the file itself is never rewritten.
A value that cannot be read stays as it was written, for the schema to explain with its line.
"""

from __future__ import annotations

import re

from bestservice.content.contract import load_schema
from bestservice.thai.dates import DateError, read_date
from bestservice.thai.words import TO_ARABIC_DIGITS

THAI_DIGIT = re.compile("[๐-๙]")
WHOLE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})*$|^[+-]?\d{1,18}$")
DECIMAL = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})*|\d+)\.\d+$")


def canonical_values(kind: str, data: dict) -> dict:
    """The front matter of a file with its dates and numbers in their one canonical form."""
    return _canonical(data, load_schema(kind))


def _canonical(value, schema: dict):
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return {key: _canonical(item, properties.get(key, {})) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item, schema.get("items", {})) for item in value]
    if schema.get("format") == "date" and isinstance(value, str):
        return iso_date(value)
    types = schema.get("type") if isinstance(schema.get("type"), list) else [schema.get("type")]
    numeric = "integer" in types or "number" in types
    # a field that takes text too (a KPI value) keeps a number quoted as text: only Thai digits make it a number
    if isinstance(value, str) and numeric and ("string" not in types or THAI_DIGIT.search(value)):
        return number_value(value)
    return value


def iso_date(text: str) -> str:
    """`1 พ.ย. 2569` → `2026-11-01`; a text that is not a date stays as it is."""
    try:
        return read_date(text).isoformat()
    except DateError:
        return text


def number_value(text: str):
    """`๒๕๖๙` → 2569, `๑,๕๐๐.๕` → 1500.5; any other text stays as it is."""
    plain = text.strip().translate(TO_ARABIC_DIGITS)
    if WHOLE.match(plain):
        return int(plain.replace(",", ""))
    if DECIMAL.match(plain):
        return float(plain.replace(",", ""))
    return text
