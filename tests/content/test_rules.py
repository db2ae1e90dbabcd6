"""One failing fixture per validation rule, with the exact message a contributor sees.

Each case is a folder under tests/fixtures/rules/<case>/ holding a tiny `projects/` (and
`lessons/`) tree; validation runs from inside it so paths read as they would in the repo.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURES, REFERENCE

from bestservice.content.validate import validate

TODAY = dt.date(2025, 6, 1)  # fiscal year 2568: the latest allowed fiscal year is 2569
TOOL_IDS = "marketing-strategy, imc, lean, reengineering, process-redesign, tqm, customer-driven, self-managing-teams, performance-metrics, incentive-systems, learning-organization, e-service"
SPAN_2568 = "1 ต.ค. 2567 ถึง 30 ก.ย. 2568 (ปีงบประมาณ 2568)"


def problems_in(case: Path, monkeypatch) -> list[str]:
    monkeypatch.chdir(case)
    monkeypatch.setattr("bestservice.content.validate.CORPUS_CHECKS", [])  # one rule per fixture; the similar check has its own tests
    report = validate(projects_dir=Path("projects"), lessons_dir=Path("lessons"), today=TODAY, reference=REFERENCE)
    return [problem.format() for problem in report.problems]


CASES = {
    "id-not-file-name": [
        "projects/2568/bang-rak-canal.md:2: id: รหัส bang-rak-kanal ไม่ตรงกับชื่อไฟล์ bang-rak-canal.md (project id)"
        " — เปลี่ยนชื่อไฟล์เป็น bang-rak-kanal.md หรือแก้รหัสเป็น bang-rak-canal",
    ],
    "duplicate-id": [
        "projects/2567/bang-rak-canal.md:2: id: รหัส bang-rak-canal ซ้ำกับไฟล์ projects/2568/bang-rak-canal.md (project id)"
        " — ตั้งรหัสใหม่ที่ไม่ซ้ำ (เช่น เติมปีงบประมาณหรือชื่อเขตต่อท้าย) แล้วเปลี่ยนชื่อไฟล์ตาม",
        "projects/2568/bang-rak-canal.md:2: id: รหัส bang-rak-canal ซ้ำกับไฟล์ projects/2567/bang-rak-canal.md (project id)"
        " — ตั้งรหัสใหม่ที่ไม่ซ้ำ (เช่น เติมปีงบประมาณหรือชื่อเขตต่อท้าย) แล้วเปลี่ยนชื่อไฟล์ตาม",
    ],
    "unknown-tool": [
        f"projects/2568/bang-rak-canal.md:8: tools[1]: ไม่รู้จักเครื่องมือ leen (tools) — คุณหมายถึง lean หรือไม่? ใช้รหัสจาก reference/tools.yaml: {TOOL_IDS}",
    ],
    "wrong-year-folder": [
        "projects/2567/bang-rak-canal.md:5: fiscal_year: ไฟล์อยู่ในโฟลเดอร์ปี 2567 แต่ปีงบประมาณคือ 2568 (fiscal year)"
        " — ย้ายไฟล์ไปไว้ที่ projects/2568/ หรือแก้ปีงบประมาณให้ถูกต้อง",
    ],
    "future-fiscal-year": [
        "projects/2571/bang-rak-canal.md:5: fiscal_year: ปีงบประมาณ 2571 อยู่นอกช่วง 2540–2569 (fiscal year) — ใช้ปีงบประมาณ พ.ศ. ที่ไม่เกินปีงบประมาณถัดไป (2569)",
    ],
    "unit-typed-as-thai-name": [
        "projects/2568/bang-rak-canal.md:6: unit: ไม่พบหน่วยงาน สำนักงานเขตบางรัก ในข้อมูลอ้างอิง (lead unit)"
        " — ใช้รหัส district-bang-rak สำหรับสำนักงานเขตบางรัก ใช้รหัสหน่วยงานจาก reference/units.yaml",
    ],
    "unit-misspelt": [
        "projects/2568/bang-rak-canal.md:6: unit: ไม่พบหน่วยงาน district-bangrak ในข้อมูลอ้างอิง (lead unit)"
        " — คุณหมายถึง district-bang-rak หรือไม่? ใช้รหัสหน่วยงานจาก reference/units.yaml",
    ],
    "partner-unknown": [
        "projects/2568/bang-rak-canal.md:8: partners[0].unit: ไม่พบหน่วยงานร่วม drainage ในข้อมูลอ้างอิง (partner unit)"
        " — คุณหมายถึง drainage-sewerage หรือไม่? ใช้รหัสหน่วยงานจาก reference/units.yaml",
    ],
    "partner-same-as-lead": [
        "projects/2568/bang-rak-canal.md:8: partners[0].unit: หน่วยงานร่วมเป็นหน่วยงานเดียวกับหน่วยงานหลัก (partner unit)"
        " — ลบรายการนี้ออก หน่วยงานหลักไม่ต้องระบุเป็นหน่วยงานร่วม (เกณฑ์ข้อ 7)",
    ],
    "partner-twice": [
        "projects/2568/bang-rak-canal.md:10: partners[1].unit: หน่วยงานร่วม drainage-sewerage ซ้ำ (partner unit) — รวมหน้าที่ของหน่วยงานนี้ไว้ในรายการเดียว",
    ],
    "big-idea-not-district": [
        "projects/2568/drainage-canal.md:7: big_idea: Big Idea ใช้ได้กับสำนักงานเขตเท่านั้น แต่ สำนักการระบายน้ำ ไม่ใช่สำนักงานเขต (Big Idea key)"
        " — ลบ big_idea ออก หรือถ้าเป็นโครงการร่วม ให้ใช้ partners (เกณฑ์ข้อ 8)",
    ],
    "big-idea-two-groups": [  # Bang Rak and Sathon are Krung Thep Tai; Bang Khae is Krung Thon Tai
        "projects/2568/bang-khae-canal.md:7: big_idea: Big Idea clean-canal เป็นของกลุ่มเขตกรุงเทพใต้ แต่สำนักงานเขตบางแคอยู่ในกลุ่มเขตกรุงธนใต้ (Big Idea key)"
        " — โครงการ Big Idea เดียวกันต้องเป็นเขตในกลุ่มเขตเดียวกัน ตั้งคีย์ Big Idea ใหม่สำหรับกลุ่มเขตนี้ (เกณฑ์ข้อ 8)",
    ],
    "multi-year-not-long-term": [
        "projects/2567/bang-rak-canal.md:6: end_fiscal_year: โครงการหลายปีต้องระบุเป็นโครงการระยะยาว (end fiscal year)"
        " — เพิ่ม long_term: true และเป้าหมายรายปีใน yearly_targets (เกณฑ์ข้อ 9)",
    ],
    "long-term-ends-before-start": [
        "projects/2568/bang-rak-canal.md:7: end_fiscal_year: ปีสุดท้าย 2567 มาก่อนปีเริ่ม 2568 (end fiscal year) — แก้ end_fiscal_year ให้ไม่น้อยกว่า fiscal_year",
    ],
    "long-term-missing-year-target": [
        "projects/2567/bang-rak-canal.md:8: yearly_targets: ไม่มีเป้าหมายของปีงบประมาณ 2568, 2569 (yearly targets)"
        " — เพิ่มรายการ - fiscal_year: <ปี> target: <เป้าหมาย> ให้ครบทุกปี (เกณฑ์ข้อ 9)",
        "projects/2567/bang-rak-canal.md:11: yearly_targets[1].fiscal_year: ปี 2570 อยู่นอกช่วงของโครงการ 2567–2569 (fiscal year)"
        " — แก้ปีให้อยู่ในช่วง หรือขยาย end_fiscal_year",
    ],
    "timeline-outside-fiscal-year": [
        f"projects/2568/bang-rak-canal.md:8: timeline.start: วันที่ 30 ก.ย. 2567 อยู่นอกปีงบประมาณของโครงการ (start date) — ใช้วันที่ระหว่าง {SPAN_2568}",
        f"projects/2568/bang-rak-canal.md:9: timeline.end: วันที่ 1 ก.ย. 2567 อยู่นอกปีงบประมาณของโครงการ (end date) — ใช้วันที่ระหว่าง {SPAN_2568}",
        "projects/2568/bang-rak-canal.md:9: timeline.end: วันสิ้นสุดมาก่อนวันเริ่ม (end date) — สลับหรือแก้วันที่ให้ถูกต้อง",
        "projects/2568/bang-rak-canal.md:11: progress[0].date: วันที่ 1 ต.ค. 2569 อยู่นอกช่วงของโครงการ (progress date)"
        f" — บันทึกความคืบหน้าต้องอยู่ระหว่าง {SPAN_2568} หรือภายในหนึ่งปีหลังจากนั้น",
    ],
    "continues-missing": [
        "projects/2568/bang-rak-canal.md:7: continues: ไม่พบโครงการ bang-rak-canal-2566 ที่อ้างว่าต่อยอด (continues)"
        " — คุณหมายถึง bang-rak-canal-2567 หรือไม่? ใช้รหัสโครงการเดิมที่มีอยู่ในคลัง",
    ],
    "continues-not-earlier": [
        "projects/2567/bang-rak-canal.md:7: continues: โครงการ bang-rak-canal-2568 อยู่ในปีงบประมาณ 2568 ซึ่งไม่ได้มาก่อนปี 2567 (continues)"
        " — continues ต้องอ้างถึงโครงการของปีงบประมาณก่อนหน้า (เกณฑ์ข้อ 12)",
    ],
    "extends-missing": [
        "projects/2568/sathon-canal.md:7: extends: ไม่พบโครงการ bang-rak-kanal ที่อ้างว่าขยายผล (extends) — คุณหมายถึง bang-rak-canal หรือไม่? ใช้รหัสโครงการที่มีอยู่ในคลัง",
    ],
    "policy-of-another-governor": [
        "projects/2568/bang-rak-canal.md:7: policy_dimensions[1]: ด้านนโยบาย clean ไม่ได้ใช้ในปีงบประมาณ 2568 (นโยบาย 9 ด้าน 9 ดี) (policy dimensions)"
        " — ใช้หนึ่งใน: travel (เดินทางดี), safety (ปลอดภัยดี), transparency (โปร่งใสดี), environment (สิ่งแวดล้อมดี), health (สุขภาพดี),"
        " education (เรียนดี), economy (เศรษฐกิจดี), society (สังคมดี), management (บริหารจัดการดี)",
    ],
    "policy-year-without-data": [
        "projects/2555/bang-rak-canal.md:7: policy_dimensions: ยังไม่มีข้อมูลนโยบายผู้ว่าฯ ของปีงบประมาณ 2555 (policy dimensions)"
        " — ให้ทีมดูแลข้อมูลเพิ่มชุดนโยบายของปีนี้ใน reference/policies.yaml",
    ],
    "unknown-record-kind": [
        "projects/2568/bang-rak-canal.md:5: kind: ไม่รู้จักประเภทผลงาน best-service (record kind)"
        " — คุณหมายถึง best_service หรือไม่? ใช้หนึ่งใน: best_service, bma_service_quality, opdc_lertrat, other_award, contest, service_innovation",
        "projects/2568/bang-rak-canal.md:10: awards[0].kind: ไม่รู้จักประเภทรางวัล lertrat (award kind)"
        " — คุณหมายถึง opdc_lertrat หรือไม่? ใช้หนึ่งใน: best_service_outstanding, bma_service_quality, opdc_lertrat, other",
    ],
    "lesson-project-missing": [
        "lessons/clean-canal-lesson.md:4: projects[1]: ไม่พบโครงการ bang-rak-kanal (projects) — คุณหมายถึง bang-rak-canal หรือไม่? ใช้รหัสโครงการจากไฟล์ใน projects/",
    ],
    # a lesson comes only from a project that ran; its owning unit is checked like a project's
    "lesson-from-a-project-not-run": [
        "lessons/clean-canal-lesson.md:4: projects[0]: โครงการ bang-rak-canal ยังไม่ได้ดำเนินการ (สถานะ: เสนอแล้ว) จึงยังถอดบทเรียนไม่ได้ (projects)"
        " — ถอดบทเรียนจากโครงการที่ดำเนินการแล้ว (สถานะ running หรือ evaluated) หรือรอให้โครงการเริ่มแล้วแก้สถานะในไฟล์โครงการ",
        "lessons/clean-canal-lesson.md:5: unit: ไม่พบหน่วยงาน เขตบางรัก ในข้อมูลอ้างอิง (owning unit) — ใช้รหัส district-bang-rak สำหรับสำนักงานเขตบางรัก"
        " ใช้รหัสหน่วยงานจาก reference/units.yaml",
    ],
    # a later project says which lessons it reuses: they exist and come from an earlier year
    "reuses-a-lesson-of-the-same-year": [
        "projects/2568/sathon-canal.md:8: reuses_lessons[0]: บทเรียน clean-canal-lesson มาจากโครงการปีงบประมาณ 2568 ซึ่งไม่ได้มาก่อนปี 2568 (lessons reused)"
        " — โครงการนำบทเรียนของโครงการในปีงบประมาณก่อนหน้ามาใช้ได้เท่านั้น ลบรายการนี้ หรือเลือกบทเรียนอื่น",
        "projects/2568/sathon-canal.md:8: reuses_lessons[1]: ไม่พบบทเรียน clean-canal-lessons (lessons reused)"
        " — คุณหมายถึง clean-canal-lesson หรือไม่? ใช้รหัสบทเรียนจากไฟล์ใน lessons/",
    ],
    "lesson-id-not-file-name": [
        "lessons/clean-canal-lesson.md:2: id: รหัส clean-canal ไม่ตรงกับชื่อไฟล์ clean-canal-lesson.md (lesson id)"
        " — เปลี่ยนชื่อไฟล์เป็น clean-canal.md หรือแก้รหัสเป็น clean-canal-lesson",
        f"lessons/clean-canal-lesson.md:7: tools[0]: ไม่รู้จักเครื่องมือ lean-management (tools) — คุณหมายถึง self-managing-teams หรือไม่? ใช้รหัสจาก reference/tools.yaml: {TOOL_IDS}",
    ],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_reports_the_exact_located_message(case, monkeypatch):
    assert problems_in(FIXTURES / "rules" / case, monkeypatch) == CASES[case]


def test_every_rule_folder_has_an_expected_message():
    assert sorted(p.name for p in (FIXTURES / "rules").iterdir()) == sorted(CASES)


def test_every_rule_has_a_failing_fixture(monkeypatch):
    """A rule without a case here could silently stop working."""
    from bestservice.content import rules

    names = {rule.__name__ for rule in rules.PROJECT_RULES + rules.LESSON_RULES}
    covered = {
        "id_matches_file_name": "id-not-file-name",
        "id_is_unique": "duplicate-id",
        "tools_exist": "unknown-tool",
        "file_is_in_its_fiscal_year_folder": "wrong-year-folder",
        "fiscal_year_is_not_in_the_future": "future-fiscal-year",
        "unit_exists": "unit-misspelt",
        "partners_exist_and_differ_from_the_lead": "partner-same-as-lead",
        "big_idea_units_are_districts_of_one_group": "big-idea-two-groups",
        "long_term_projects_have_a_target_for_every_year": "long-term-missing-year-target",
        "dates_fall_inside_the_fiscal_years": "timeline-outside-fiscal-year",
        "continues_names_an_earlier_project": "continues-missing",
        "extends_names_an_existing_project": "extends-missing",
        "policy_dimensions_apply_to_the_fiscal_year": "policy-of-another-governor",
        "kinds_and_awards_exist": "unknown-record-kind",
        "lesson_projects_exist": "lesson-project-missing",
        "lesson_projects_ran": "lesson-from-a-project-not-run",
        "reused_lessons_exist_and_come_from_earlier_years": "reuses-a-lesson-of-the-same-year",
    }
    assert names == set(covered)
    assert set(covered.values()) <= set(CASES)


def test_valid_catalogue_passes_every_rule(monkeypatch):
    assert problems_in(FIXTURES / "valid", monkeypatch) == []


def test_a_ce_fiscal_year_is_not_also_blamed_on_the_folder(monkeypatch):
    """2025 in a 2568 folder: the schema says it looks like a C.E. year; no advice to move the file to projects/2025/."""
    messages = problems_in(FIXTURES / "schema" / "fiscal-year-in-ce", monkeypatch)
    assert not any("projects/2025/" in message for message in messages)
