"""Turn what a person typed (a `new` answer or a spreadsheet cell) into the value the schema wants.

Each parser accepts the forms people actually write (Thai names, Thai digits, numbers instead of
ids) and raises `AnswerError` with a Thai message that says how to fix the answer, so the command
line and the import can re-ask or locate the problem instead of failing later in validation.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata

from bestservice import fiscal
from bestservice.content.reference import Reference
from bestservice.content.rules import ID_PATTERN
from bestservice.thai.dates import DateError, date_span, format_date, read_date
from bestservice.thai.words import TO_ARABIC_DIGITS

LIST_SPLIT = re.compile(r"\s*(?:\||\n)\s*")


class AnswerError(ValueError):
    """An answer that cannot be used; the message is Thai and says how to fix it."""


def parse_fiscal_year(text) -> int:
    raw = str(text).strip().translate(TO_ARABIC_DIGITS)
    if not raw.isdigit() or len(raw) > 6:
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
    hint = "; ".join(u["name_th"] for u in candidates)
    raise AnswerError(f"ไม่พบหน่วยงาน {value!r}" + (f" — คุณหมายถึง: {hint} ?" if hint else " — พิมพ์ชื่อหน่วยงาน เช่น สำนักงานเขตบางแค หรือ เขตบางแค"))


def _core_name(name: str) -> str:
    """`สำนักงานเขตบางแค` → `บางแค`: compare the distinctive part of a Thai unit name."""
    for prefix in ("สำนักงานเขต", "สำนักงาน", "สำนัก", "เขต"):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def parse_partners(text, lead: str | None, reference: Reference) -> list[dict]:
    """`หน่วยงาน = หน้าที่ [= ตัวชี้วัด]` items separated by `|`; units before `=` may be a comma list sharing one duty."""
    example = "เช่น สำนักอนามัย = ตรวจสุขภาพผู้สูงอายุ"
    partners: list[dict] = []
    for item in parse_list(text):
        units, sep, rest = item.partition("=")
        responsibility, _, measure = (part.strip() for part in rest.partition("="))
        names = [name.strip() for name in units.split(",") if name.strip()]
        if not names:
            raise AnswerError(f"หน่วยงานร่วม {item!r} ไม่มีชื่อหน่วยงาน — เขียนแบบ หน่วยงาน = หน้าที่ความรับผิดชอบ {example}")
        if not sep or not responsibility:
            raise AnswerError(f"ยังไม่ได้ระบุหน้าที่ของ {units.strip()} — เขียนแบบ หน่วยงาน = หน้าที่ความรับผิดชอบ {example} (เกณฑ์ข้อ 7)")
        for name in names:
            try:
                unit = resolve_unit(name, reference)
            except AnswerError as err:
                raise AnswerError(f"หน่วยงานร่วม (partner unit): {err}") from None
            if unit == lead:
                raise AnswerError(f"{reference.unit_name(unit)} เป็นหน่วยงานเจ้าของโครงการอยู่แล้ว — ไม่ต้องระบุเป็นหน่วยงานร่วม (เกณฑ์ข้อ 7)")
            if any(p["unit"] == unit for p in partners):
                raise AnswerError(f"ระบุ{reference.unit_name(unit)}ซ้ำ — รวมหน้าที่ของหน่วยงานนี้ไว้ในรายการเดียว")
            partners.append({"unit": unit, "responsibility": responsibility} | ({"measure": measure} if measure else {}))
    return partners


def resolve_tools(text, reference: Reference) -> list[str]:
    """Tool ids from ids, numbers (1-12), Thai names or aliases, separated by commas or spaces."""
    items = text if isinstance(text, list) else [t for t in re.split(r"\s*[,|;\n]\s*", str(text)) if t.strip()]
    result = []
    for item in items:
        item = str(item).strip().translate(TO_ARABIC_DIGITS)
        found = None
        for tool in reference.tools:
            names = {tool["id"], str(tool["number"]), tool["name_th"], tool["name_en"], *map(str, tool.get("aliases") or [])}
            if item in names or item.lower() in {n.lower() for n in names}:
                found = tool["id"]
                break
        if not found:
            names = {t["name_th"]: t for t in reference.tools} | {t["id"]: t for t in reference.tools}
            close = difflib.get_close_matches(item, list(names), n=1, cutoff=0.5)
            hint = f"คุณหมายถึง {names[close[0]]['name_th']} หรือไม่? " if close else ""
            choices = ", ".join(f"{t['number']} {t['name_th']}" for t in reference.tools)
            raise AnswerError(f"ไม่รู้จักเครื่องมือ {item!r} — {hint}ใช้หมายเลขหรือชื่อ: {choices}")
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
        item = str(item).strip().translate(TO_ARABIC_DIGITS)
        found = None
        for number, (dim_id, dim) in enumerate(valid.items(), start=1):
            if item in (dim_id, dim["name_th"], str(number)) or item.lower() == dim.get("name_en", "").lower():
                found = dim_id
        if not found:
            choices = ", ".join(f"{n} {d['name_th']}" for n, (d_id, d) in enumerate(valid.items(), start=1))
            raise AnswerError(f"ด้านนโยบาย {item!r} ไม่ได้ใช้ในปีงบประมาณ {fiscal_year} ({policy_set['name_th']}) — ใช้หนึ่งใน: {choices}")
        if found not in result:
            result.append(found)
    return result


def parse_date(text, fiscal_year: int | None) -> str:
    """A date written the Thai way (thai.dates.read_date), inside the fiscal year; ISO and C.E. as files keep it."""
    try:
        day = read_date(text)
    except DateError as err:
        raise AnswerError(str(err)) from None
    if fiscal_year:
        opens, closes = fiscal.fiscal_year_start(fiscal_year), fiscal.fiscal_year_end(fiscal_year)
        if not opens <= day <= closes:
            raise AnswerError(f"วันที่ {format_date(day, short=True)} อยู่นอกปีงบประมาณ {fiscal_year} — ใช้วันที่ระหว่าง {date_span(opens, closes)}")
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


RESULT = re.compile(r"^([+-]?[\d๐-๙][\d๐-๙,]*(?:\.[\d๐-๙]+)?)\s*([^()]*?)\s*(?:\((.+)\))?$")


def parse_results(text) -> list[dict]:
    """`สิ่งที่วัด = ค่า หน่วย (หมายเหตุ)` items separated by `|`: `เวลารอ = ๑๕ นาที (หลังเปิดคิวออนไลน์)`."""
    results = []
    for item in parse_list(text):
        name, sep, measured = item.rpartition("=")
        found = RESULT.match(measured.strip())
        if not sep or not name.strip() or not found:
            raise AnswerError(f"ผล {item!r} ไม่มีค่าเป็นตัวเลข — เขียนแบบ สิ่งที่วัด = ค่า หน่วย เช่น เวลารอ = 15 นาที หรือ ผู้ใช้บริการ = ๑,๒๐๐ ราย (ปี 2568)")
        value, unit, note = found.groups()
        results.append({"name": name.strip(), "value": number_or_text(value)} | ({"unit": unit} if unit else {}) | ({"note": note.strip()} if note else {}))
    return results


def parse_amount(text) -> int | float:
    """`๑๒,๕๐๐ บาท` → 12500: an amount of money or a count, in Thai or Arabic digits."""
    value = number_or_text(str(text).replace("บาท", "").strip())
    if isinstance(value, str) or value < 0:
        raise AnswerError(f"{str(text)!r} ไม่ใช่จำนวนเงินหรือตัวเลข — พิมพ์ตัวเลข เช่น 12,500 หรือ ๑๒,๕๐๐")
    return value


def number_or_text(value: str):
    """`1,500` → 1500 and `85.5` → 85.5 (whole numbers stay exact); anything else, `inf` too, stays text."""
    raw = value.replace(",", "").translate(TO_ARABIC_DIGITS).strip()
    if re.fullmatch(r"[+-]?\d{1,4300}", raw):  # Python reads no more digits than that as a number
        return int(raw)
    if re.fullmatch(r"[+-]?\d+", raw):
        return value
    try:
        number = float(raw)
    except ValueError:
        return value
    return number if math.isfinite(number) else value


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", text)).strip("-")[:80].strip("-")


def parse_slug(text) -> str:
    slug = slugify(text)
    if not ID_PATTERN.match(slug):
        raise AnswerError(f"รหัส {text!r} ใช้ไม่ได้ — ใช้ตัวอักษรภาษาอังกฤษ (ทับศัพท์) ตัวเลข และขีดกลาง อย่างน้อย 3 ตัว เช่น queue-online")
    return slug
