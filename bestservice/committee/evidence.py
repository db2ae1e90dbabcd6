"""What the committee reads in a cell: a field's value as one short text, names rather than ids."""

from __future__ import annotations

import re

from bestservice.content.reference import Reference
from bestservice.content.schema import property_schema

EMPTY = (None, "", [], {})


def evidence(name: str, value) -> str:
    """A field's value as one short text: KPIs with their baseline and target, the budget with its source."""
    if value in EMPTY:
        return "— (ไม่ได้ระบุ)"
    if name == "kpis" and isinstance(value, list):
        return "; ".join(_kpi(k) for k in value if isinstance(k, dict)) or "— (ไม่ได้ระบุ)"
    if name == "budget" and isinstance(value, dict):
        amount = value.get("amount_baht")
        parts = [f"{amount:,.0f} บาท" if isinstance(amount, (int, float)) and not isinstance(amount, bool) else "", text(value.get("source"))]
        return " · ".join(p for p in parts if p) or "— (ไม่ได้ระบุ)"
    if isinstance(value, dict):
        return "; ".join(f"{evidence(key, item)}" for key, item in value.items())
    if isinstance(value, list):
        return "; ".join(evidence(name, item) for item in value)
    return " ".join(str(value).split())


def _kpi(kpi: dict) -> str:
    unit = f" {kpi['unit']}" if kpi.get("unit") else ""
    baseline = f"ฐาน {kpi['baseline']}{unit}" if kpi.get("baseline") is not None else "ไม่มีค่าฐาน"
    target = f"เป้า {kpi['target']}{unit}" if kpi.get("target") is not None else "ไม่มีค่าเป้าหมาย"
    return f"{text(kpi.get('name')) or 'ตัวชี้วัด'} ({baseline} → {target})"


WHOLE_FILE = {"file": "ไฟล์", "body": "เนื้อหา", "front matter": "ส่วนหัว"}


def field_title(name: str) -> str:
    """A field's Thai name, from the schema: `kpis[0].target` → the name of the target of a KPI."""
    if name in WHOLE_FILE:
        return WHOLE_FILE[name]
    location = tuple(part for part in re.split(r"\.|\[\d+\]", name) if part)
    return property_schema("project", location).get("title") or property_schema("project", location[:1]).get("title") or name


def committee_message(problem) -> str:
    """A problem as the committee reads it: what is wrong with the proposal. A file that cannot be read is
    said to be so (what to change in it is the proposer's business, in validate's words)."""
    if problem.field == "file":
        return f"อ่านไม่ได้ (บรรทัดที่ {problem.line}) ผู้เสนอต้องแก้ไฟล์ให้อ่านได้ก่อน จึงพิจารณาได้"
    return problem.message


def value_at(data: dict, dotted: str):
    value = data
    for step in dotted.split("."):
        value = value.get(step) if isinstance(value, dict) else None
    return value


def span(data: dict) -> str:
    start, end = data.get("fiscal_year"), data.get("end_fiscal_year")
    return f"{start}–{end}" if isinstance(end, int) else "ระยะยาว"


def dimension_name(reference: Reference, dimension_id: str) -> str:
    for policy_set in reference.policy_sets:
        for dimension in policy_set["dimensions"]:
            if dimension["id"] == dimension_id:
                return dimension["name_th"]
    return dimension_id


def text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def as_list(value) -> list:
    return value if isinstance(value, list) else []


def shown(name: str, value, reference: Reference) -> str:
    """A field's value as the committee reads it: names rather than ids, a declaration as a declaration."""
    if value is True and name.startswith("declarations."):
        return "ผู้เสนอรับรองไว้ในแบบเสนอโครงการ"
    if name == "partners" and isinstance(value, list):
        return "; ".join(partner_duty(reference, p) for p in partners_of({"partners": value})) or evidence(name, value)
    if name == "policy_dimensions" and isinstance(value, list):
        return ", ".join(dimension_name(reference, d) for d in value if isinstance(d, str)) or evidence(name, value)
    return evidence(name, value)


def partner_duty(reference: Reference, partner: dict) -> str:
    """A partner unit as criterion 7 asks for it: who, what it does, how its part is measured."""
    parts = [reference.unit_name(partner["unit"])]
    if text(partner.get("responsibility")):
        parts.append(f"หน้าที่: {text(partner['responsibility'])}")
    if text(partner.get("measure")):
        parts.append(f"ตัวชี้วัด: {text(partner['measure'])}")
    return " — ".join(parts)


def partners_of(data: dict) -> list[dict]:
    return [p for p in as_list(data.get("partners")) if isinstance(p, dict) and isinstance(p.get("unit"), str)]
