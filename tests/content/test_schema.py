"""The JSON Schema as contributors meet it: each kind of schema error becomes one Thai, located message.

Each case is a folder under tests/fixtures/schema/<case>/ with one small file that breaks one thing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURES, REFERENCE, REFERENCE_DIR

from bestservice.content.reference import load_reference
from bestservice.content.schema import KINDS, english_label, field_label, load_schema, published_schema
from bestservice.content.validate import validate

PROPOSAL = "projects/2568/khlong-toei-queue-online.md"
ARCHIVE = "projects/2568/bang-rak-canal.md"
ID_RULE = "ตัวอักษรภาษาอังกฤษพิมพ์เล็ก ตัวเลข และขีดกลาง ต้องตรงกับชื่อไฟล์ (ไม่รวม .md)"


def problems_in(case: str, monkeypatch) -> list[str]:
    monkeypatch.chdir(FIXTURES / "schema" / case)
    monkeypatch.setattr("bestservice.content.validate.CORPUS_CHECKS", [])  # one rule per fixture; the similar check has its own tests
    report = validate(projects_dir=Path("projects"), lessons_dir=Path("lessons"), today=dt.date(2025, 6, 1), reference=REFERENCE)
    return [problem.format() for problem in report.problems]


CASES = {
    # required: a proposal needs every field of the guide; the line is the start of the front matter
    "proposal-without-problem": [
        f"{PROPOSAL}:2: problem: ขาดฟิลด์ที่ต้องกรอก: สภาพปัญหา (เกณฑ์ข้อ 1) (problem)"
        " — เพิ่มบรรทัด problem: ... (ปัญหาที่เกิดขึ้นจริงในการให้บริการ เช่น ปัญหาที่เกิดซ้ำหรือถูกร้องเรียนบ่อย)",
    ],
    "archive-without-sources": [
        f"{ARCHIVE}:2: sources: ขาดฟิลด์ที่ต้องกรอก: แหล่งข้อมูล (sources) — เพิ่มบรรทัด sources: ... (URL ของแหล่งข้อมูลสำหรับระเบียนโครงการจริง)",
    ],
    "continues-without-whats-new": [
        f"{ARCHIVE}:2: whats_new: ขาดฟิลด์ที่ต้องกรอก: ประเด็นที่พัฒนาต่างจากเดิม (what is new)"
        " — เพิ่มบรรทัด whats_new: ... (สิ่งที่ใหม่หรือดีขึ้นจากโครงการเดิม และประโยชน์ที่ผู้รับบริการได้เพิ่ม)",
    ],
    # unknown key: a typo gets the closest field name
    "unknown-key-with-suggestion": [
        f"{PROPOSAL}:2: summary: ขาดฟิลด์ที่ต้องกรอก: สรุปโครงการ (summary) — เพิ่มบรรทัด summary: ... (สรุปสั้น ๆ ว่าโครงการทำอะไร ให้ใคร)",
        f"{PROPOSAL}:12: sumary: ไม่รู้จักฟิลด์ sumary (sumary) — คุณหมายถึง summary หรือไม่? แก้ชื่อฟิลด์",
    ],
    "kpi-field-misspelt": [  # inside a list item, too
        f"{PROPOSAL}:24: kpis[0].target: ขาดฟิลด์ที่ต้องกรอก: ค่าเป้าหมาย (target) — เพิ่มบรรทัด target: ... (ค่าที่ตั้งเป้า)",
        f"{PROPOSAL}:28: kpis[0].targe: ไม่รู้จักฟิลด์ targe (targe) — คุณหมายถึง target หรือไม่? แก้ชื่อฟิลด์",
    ],
    "fiscal-year-as-text": [
        f"{PROPOSAL}:4: fiscal_year: ค่าต้องเป็นจำนวนเต็ม (fiscal year) — แก้ค่าให้เป็นจำนวนเต็ม (ปีงบประมาณที่เสนอโครงการ นับ 1 ต.ค. ถึง 30 ก.ย. และเรียกตามปี พ.ศ. ที่สิ้นสุด)",
    ],
    "fiscal-year-in-ce": [
        f"{PROPOSAL}:4: fiscal_year: ค่า 2025 อยู่นอกช่วงที่รับได้ (fiscal year) — ดูเหมือนเป็นปี ค.ศ. ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568 — ใช้ค่าระหว่าง 2500 ถึง 2700",
    ],
    "percent-over-100": [
        f"{PROPOSAL}:12: achievement_percent: ค่า 120 อยู่นอกช่วงที่รับได้ (achievement percent) — ใช้ค่าระหว่าง 0 ถึง 100",
    ],
    "status-not-in-list": [
        f"{PROPOSAL}:11: status: ค่า 'done' ไม่อยู่ในรายการที่กำหนด (status) — ใช้หนึ่งใน: proposed, approved, running, evaluated",
    ],
    "kpi-type-misspelt": [
        f"{PROPOSAL}:25: kpis[0].type: ค่า 'outcom' ไม่อยู่ในรายการที่กำหนด (KPI type) — คุณหมายถึง outcome หรือไม่? ใช้หนึ่งใน: output, outcome",
    ],
    "declaration-not-given": [
        f"{PROPOSAL}:36: declarations.not_ordered: หน่วยงานยังไม่ได้รับรองข้อนี้ (criterion 10 declaration)"
        " — ตรวจสอบว่าโครงการเป็นไปตามเกณฑ์ แล้วใส่ค่า true (true = โครงการไม่ได้เกิดจากนโยบายหรือการสั่งการโดยตรงของผู้บริหาร กทม. หรือสำนักทะเบียนกลาง)",
    ],
    "id-with-parent-folder": [
        f"{ARCHIVE}:2: id: รูปแบบของค่า '../bang-rak-canal' ไม่ถูกต้อง (project id) — {ID_RULE}",
    ],
    "id-with-spaces": [
        f"{ARCHIVE}:2: id: รูปแบบของค่า 'bang rak canal' ไม่ถูกต้อง (project id) — {ID_RULE}",
    ],
    "source-not-a-url": [
        f"{ARCHIVE}:9: sources[0].url: รูปแบบของค่า 'www.bangkok.go.th' ไม่ถูกต้อง (source URL) — ที่อยู่ของแหล่งข้อมูล (http หรือ https)",
    ],
    "date-that-does-not-exist": [
        f"{PROPOSAL}:31: timeline.start: ค่า '2024-13-01' ไม่ใช่วันที่ที่ถูกต้อง (start date) — วันที่ '2024-13-01' ไม่มีเดือนที่ 13"
        " — เขียนวันที่แบบ วัน เดือน ปี พ.ศ. เช่น 1 ต.ค. 2569 หรือ 1/10/2569 (ปี ค.ศ. ก็ได้ เช่น 2026-10-01)",
    ],
    # a fiscal year in Thai digits, dates with B.E. years (written three ways), a KPI value in Thai digits: all read
    "thai-digits-and-be-dates": [],
    "empty-kpis": [
        f"{PROPOSAL}:23: kpis: ต้องมีอย่างน้อย 1 รายการ (KPIs) — เพิ่มรายการตัวชี้วัด (ผลผลิตและผลลัพธ์) ขึ้นบรรทัดใหม่ด้วย - ",
    ],
    "empty-summary": [
        f"{ARCHIVE}:7: summary: ค่าว่างเปล่า (summary) — กรอกสรุปโครงการ หรือลบฟิลด์นี้ถ้าไม่มีข้อมูล",
    ],
    "title-too-long": [
        f"{ARCHIVE}:3: title: ข้อความยาวเกิน 300 ตัวอักษร (title) — ย่อให้สั้นลง แล้วใส่รายละเอียดในเนื้อหาหลังส่วนหัว",
    ],
    "tool-listed-twice": [
        f"{PROPOSAL}:33: tools: มีค่าซ้ำในรายการ (tools) — ลบรายการที่ซ้ำออก",
    ],
    "lesson-without-projects": [
        "lessons/clean-canal-lesson.md:4: projects: ต้องมีอย่างน้อย 1 รายการ (projects) — เพิ่มรายการโครงการที่มาของบทเรียน ขึ้นบรรทัดใหม่ด้วย - ",
        "lessons/clean-canal-lesson.md:7: criteria[0]: ค่า 13 อยู่นอกช่วงที่รับได้ (criteria) — ใช้ค่าระหว่าง 1 ถึง 12",
    ],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_schema_error_becomes_one_exact_thai_message(case, monkeypatch):
    assert problems_in(case, monkeypatch) == CASES[case]


def test_every_schema_fixture_has_an_expected_message():
    assert sorted(p.name for p in (FIXTURES / "schema").iterdir()) == sorted(CASES)


def test_list_items_are_named_after_their_list():
    assert field_label(("kpis", 0, "target")) == "kpis[0].target"
    assert english_label("project", ("policy_dimensions", 2)) == "policy dimensions"
    assert english_label("project", ("kpis", 0, "target")) == "target"
    assert english_label("project", ("no_such_field",)) == "no_such_field"


def test_published_schema_offers_the_reference_ids_as_choices():
    reference = load_reference(REFERENCE_DIR)
    schema = published_schema("project", reference)
    assert "district-bang-khae" in schema["properties"]["unit"]["enum"]
    assert schema["properties"]["partners"]["items"]["properties"]["unit"]["enum"] == schema["properties"]["unit"]["enum"]
    assert schema["properties"]["tools"]["items"]["enum"] == [tool["id"] for tool in reference.tools]
    assert "clean" in schema["properties"]["policy_dimensions"]["items"]["enum"]
    assert "enum" not in load_schema("project")["properties"]["unit"], "the file on disk keeps ids out: reference data is the one list"


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_thai_title_and_an_english_label(kind):
    """Messages quote both: a field without them would print a bare key."""

    def walk(properties, where):
        for name, node in properties.items():
            assert node.get("title") and node.get("x-label-en"), f"{kind}: {where}{name}"
            items = node.get("items", {})
            walk(node.get("properties", {}), f"{where}{name}.")
            walk(items.get("properties", {}), f"{where}{name}[].")

    walk(load_schema(kind)["properties"], "")
