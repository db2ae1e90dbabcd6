"""The committee's screening board (bestservice.committee.screening): each criterion's one state per proposal.

Fixture year 2568 in tests/fixtures/screening/: a clean proposal, one proposal per failing
machine-checked criterion, a service-centre overlap, a repeat of a 2567 project, a joint project
with an external partner, a Big Idea, a proposal without the analyses criterion 6 rests on, a
decided proposal, a file that cannot be read, and an archive record (never on a board).
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import FIXTURES, REFERENCE, REFERENCE_DIR, reference_with_complete_years

from bestservice.committee.screening import screening_board
from bestservice.committee.states import DECLARED, FAIL, JUDGE, NO_DATA, NOT_APPLICABLE, PASS, STATES
from bestservice.content import load_content, rules
from bestservice.content.reference import load_reference
from bestservice.content.schema import schema_problems

SCREENING = FIXTURES / "screening"
TODAY = dt.date(2025, 6, 1)
# Row id -> the state of criteria 1..12: P checked and passed, F checked: a problem, W checked: review,
# D declared by the proposer, J for the committee, . not applicable, - data missing
EXPECTED = {
    "analysis-not-written": "PPJJJ-...DDP",
    "clean-elderly-home-visit": "PPJJJJ...DDP",
    "joint-school-lunch": "PPJJJJP..DDP",
    "big-idea-canal-bang-rak": "PPJJJJ.P.DDP",
    "big-idea-canal-pathum-wan": "PPJJJJ.P.DDP",
    "decided-health-line": "PPJJJJ...DDP",
    "no-problem-statement": "FPJJJJ...DDP",
    "old-policy-dimension": "PFJJJJ...DDP",
    "partner-is-the-lead": "PPJJJJF..DDP",
    "big-idea-canal-bang-khun-thian": "PPJJJJ.F.DDP",
    "long-term-missing-year": "PPJJJJ..FDDP",
    "ordered-by-the-executives": "PPJJJJ...FDP",
    "house-registration-at-home": "PPJJJJ...DWP",
    "waste-sorting-app-again": "PPJJJJ...DDF",
    "unclosed-quote": "------------",
}
LETTER = {"pass": "P", "fail": "F", "warning": "W", "declared": "D", "judgement": "J", "no-data": "-", "n/a": "."}


def board(folder=SCREENING, year=2568):
    return screening_board(load_content(folder / "projects", folder / "lessons"), REFERENCE, year, today=TODAY)


@pytest.fixture(scope="module")
def rows():
    return {row.id: row for row in board().rows}


@pytest.mark.parametrize("project_id", sorted(EXPECTED))
def test_each_criterion_has_the_state_the_checks_give(rows, project_id):
    states = "".join(LETTER[c.state] for c in rows[project_id].criteria)
    assert states == EXPECTED[project_id], f"{project_id}: criteria 1-12 read {states}, expected {EXPECTED[project_id]} (P pass F fail W check J committee)"


def test_a_failed_criterion_shows_the_thai_message_and_the_field(rows):
    check = rows["partner-is-the-lead"].criteria[6]
    assert check.state == FAIL and [(p.field, p.message) for p in check.problems] == [("partners[0].unit", "หน่วยงานร่วมเป็นหน่วยงานเดียวกับหน่วยงานหลัก")]
    missing = rows["no-problem-statement"].criteria[0].problems
    assert [p.field for p in missing] == ["problem"] and "ขาดฟิลด์ที่ต้องกรอก" in missing[0].message


def test_the_committee_criteria_lay_out_the_fields_they_rest_on(rows):
    checks = {c.number: c for c in rows["clean-elderly-home-visit"].criteria}
    assert all(checks[n].state == JUDGE for n in (3, 4, 5, 6))
    four, five = dict(checks[4].evidence), dict(checks[5].evidence)
    assert four["มาตรฐานงานบริการ"] == "เยี่ยมบ้านภายใน 7 วันหลังนัดหมาย"
    assert four["ตัวชี้วัด (ผลผลิตและผลลัพธ์)"] == "ร้อยละผู้สูงอายุติดบ้านที่ได้รับการเยี่ยม (ฐาน 20 ร้อยละ → เป้า 80 ร้อยละ)"
    assert five["งบประมาณ"] == "150,000 บาท · งบประมาณกรุงเทพมหานคร"


def test_a_passed_criterion_says_what_was_checked(rows):
    one, two, seven = (rows["joint-school-lunch"].criteria[n - 1] for n in (1, 2, 7))
    assert one.state == PASS and one.checked == ["มีข้อมูลครบ: ผู้รับบริการ, สภาพปัญหา (เกณฑ์ข้อ 1), ต้นเหตุของปัญหา, การสำรวจความต้องการ"]
    assert two.state == PASS and "ไม่พบปัญหาตามกฎ: ด้านนโยบายที่เลือกต้องเป็นด้านที่ใช้ในปีงบประมาณของโครงการ" in two.checked
    assert seven.state == PASS and "ไม่พบปัญหาตามกฎ: หน่วยงานร่วมต้องมีอยู่จริง ไม่ซ้ำกัน และไม่ใช่หน่วยงานหลัก" in seven.checked
    assert dict(seven.evidence)["หน่วยงานร่วม (เกณฑ์ข้อ 7)"] == "สำนักอนามัย — หน้าที่: ส่งนักโภชนาการตรวจรายการอาหาร — ตัวชี้วัด: จำนวนโรงเรียนที่ตรวจ"


def test_declarations_are_declared_never_passed(rows):
    ten, eleven = rows["clean-elderly-home-visit"].criteria[9], rows["clean-elderly-home-visit"].criteria[10]
    assert ten.state == eleven.state == DECLARED and not ten.checked
    assert dict(ten.evidence) == {"ไม่ได้เกิดจากการสั่งการโดยตรง (ข้อ 10)": "ผู้เสนอรับรองไว้ในแบบเสนอโครงการ"}
    assert eleven.checked == ["ไม่พบปัญหาตามกฎ: เตือนเมื่อสิ่งที่โครงการให้บริการตรงกับบริการของศูนย์บริการกรุงเทพมหานคร"]
    assert "ผ่าน" not in STATES[DECLARED].long_th + STATES[DECLARED].short_th


def test_criteria_a_proposal_does_not_use_are_not_applicable_and_missing_data_says_what_to_add(rows):
    assert [c.number for c in rows["clean-elderly-home-visit"].criteria if c.state == NOT_APPLICABLE] == [7, 8, 9]
    six = rows["analysis-not-written"].criteria[5]
    assert six.state == NO_DATA
    assert six.missing == ["การวิเคราะห์ศักยภาพ", "การวิเคราะห์ช่องว่าง", "ความเสี่ยง"]


def test_only_a_checked_criterion_without_a_problem_reads_as_a_pass():
    passes = [key for key, state in STATES.items() if "ผ่าน" in state.long_th + state.short_th]
    assert passes == [PASS]
    assert len({state.fill for state in STATES.values()}) == len(STATES)  # one colour per state


def test_a_repeat_names_the_earlier_project_its_score_and_the_shared_phrases(rows):
    row = rows["waste-sorting-app-again"]
    best = row.similar.matches[0]
    assert row.similar.verdict == "repeat" and best.id == "waste-sorting-app" and best.fiscal_year == 2567
    assert best.score >= 0.38 and best.shared
    assert "waste-sorting-app" in row.criteria[11].problems[0].message


def test_a_service_centre_overlap_names_the_service_and_stays_a_warning(rows):
    row = rows["house-registration-at-home"]
    assert [o.service for o in row.similar.service_center] == ["งานทะเบียนราษฎรและบัตรประจำตัวประชาชน"]
    assert row.passes_machine_checks and row.has_problem


def test_joint_project_big_idea_and_long_term_facts(rows):
    assert rows["joint-school-lunch"].partners == ["สำนักอนามัย"]
    assert rows["big-idea-canal-bang-rak"].big_idea == "south-clean-canal" and rows["big-idea-canal-bang-rak"].group == "south"
    assert rows["long-term-missing-year"].long_term == "2568–2570"
    assert rows["clean-elderly-home-visit"].policy_dimensions == ["สุขภาพดี"]


def test_an_unreadable_file_is_a_row_with_its_errors(rows):
    row = rows["unclosed-quote"]
    assert all(c.state == NO_DATA for c in row.criteria)
    assert row.other_problems and "YAML" in row.other_problems[0].message and not row.passes_machine_checks


def test_summary_counts_and_decided_apart():
    result = board()
    assert result.passing == 7
    assert [row.id for row in result.decided] == ["decided-health-line"]
    assert len(result.undecided) == 14
    assert result.coverage.covered_total == 12  # the lead units of the readable proposals of 2568
    assert not result.coverage.complete and result.coverage.missing == []  # the repository declares no year complete


def test_a_year_declared_complete_names_the_units_that_have_not_proposed(tmp_path):
    reference = load_reference(reference_with_complete_years(tmp_path / "reference", {2568: "ทุกหน่วยงานเสนอผ่านคลังนี้"}))
    content = load_content(SCREENING / "projects", SCREENING / "lessons")
    cov = screening_board(content, reference, 2568, today=TODAY).coverage
    missing = {unit["id"] for unit in cov.missing}
    assert cov.complete and cov.complete_note == "ทุกหน่วยงานเสนอผ่านคลังนี้"
    assert "district-phra-nakhon" in missing and "district-bang-rak" not in missing
    assert len(missing) == cov.units_total - cov.covered_total


def test_an_archive_record_is_never_on_a_board():
    assert "archive-canal-award" not in {row.id for row in board().rows}
    assert board(year=2569).rows == []


def test_the_row_summary_never_calls_a_proposal_passed(rows):
    assert rows["clean-elderly-home-visit"].machine_summary == "ไม่พบปัญหาในข้อที่ระบบตรวจ (3 ข้อ)"
    assert rows["partner-is-the-lead"].machine_summary == "พบปัญหา ข้อ 7"
    assert rows["unclosed-quote"].machine_summary == "พบปัญหา ในข้อมูลอื่น"


def test_a_rule_named_under_a_criterion_appears_on_the_board_without_touching_it(monkeypatch, tmp_path):
    """One source of truth: a new rule in rules.py, named in criteria.yaml, fills its criterion."""

    def summary_mentions_the_recipients(doc, ctx):
        if "ผู้สูงอายุ" not in str(doc.data.get("summary", "")):
            yield rules.problem(doc, ("summary",), "สรุปโครงการไม่ได้กล่าวถึงผู้รับบริการ", "ระบุผู้รับบริการในสรุปโครงการ")

    monkeypatch.setattr(rules, "PROJECT_RULES", [*rules.PROJECT_RULES, summary_mentions_the_recipients])
    reference = shutil.copytree(REFERENCE_DIR, tmp_path / "reference")
    criteria = (reference / "criteria.yaml").read_text(encoding="utf-8")
    (reference / "criteria.yaml").write_text(
        criteria.replace("    rules: []", "    rules: [summary_mentions_the_recipients]", 2), encoding="utf-8"
    )  # criteria 1 and 3
    content = load_content(SCREENING / "projects", SCREENING / "lessons")
    rows = {row.id: row for row in screening_board(content, load_reference(reference), 2568, today=TODAY).rows}
    assert [c.number for c in rows["joint-school-lunch"].criteria if c.state == FAIL] == [1, 3]
    assert rows["clean-elderly-home-visit"].failed == []


def test_the_decision_is_validated_by_the_schema(tmp_path):
    shutil.copytree(SCREENING, tmp_path / "kb")
    decided = tmp_path / "kb" / "projects" / "2568" / "decided-health-line.md"
    decided.write_text(
        decided.read_text(encoding="utf-8").replace("status: approved", "status: rejected").replace("  reason: ตรงตามเกณฑ์ครบทุกข้อ\n", ""), encoding="utf-8"
    )
    doc = next(d for d in load_content(tmp_path / "kb" / "projects", tmp_path / "kb" / "lessons").projects if d.id == "decided-health-line")
    problems = schema_problems(doc)
    assert [(p.field, p.field_en) for p in problems] == [("decision.reason", "decision reason")], [p.format() for p in problems]
    decided.write_text(decided.read_text(encoding="utf-8").replace("status: rejected", "status: postponed"), encoding="utf-8")
    doc = next(d for d in load_content(tmp_path / "kb" / "projects", tmp_path / "kb" / "lessons").projects if d.id == "decided-health-line")
    assert "decision.status" in [p.field for p in schema_problems(doc)]


def test_duplicate_and_unsafe_ids_get_distinct_safe_card_addresses(tmp_path):
    shutil.copytree(SCREENING, tmp_path / "kb")
    source = tmp_path / "kb" / "projects" / "2568" / "clean-elderly-home-visit.md"
    (source.parent / "copy.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (source.parent / "bad.md").write_text(source.read_text(encoding="utf-8").replace("id: clean-elderly-home-visit", "id: ../../etc"), encoding="utf-8")
    keys = [row.key for row in board(tmp_path / "kb").rows]
    assert len(keys) == len(set(keys))
    assert "clean-elderly-home-visit-2" in keys and all("/" not in key and ".." not in key for key in keys)


def test_a_file_that_cannot_be_read_is_said_to_the_committee_in_its_words():
    from bestservice.committee.evidence import committee_message, field_title
    from bestservice.content.problems import Problem

    unreadable = Problem("projects/2568/x.md", 3, "file", "อ่าน YAML ไม่ได้: เครื่องหมายคำพูดเปิดไว้แต่ไม่ได้ปิด", "file", "แก้บรรทัดนี้")
    assert field_title(unreadable.field) == "ไฟล์"
    assert committee_message(unreadable) == "อ่านไม่ได้ (บรรทัดที่ 3) ผู้เสนอต้องแก้ไฟล์ให้อ่านได้ก่อน จึงพิจารณาได้"
    assert field_title("policy_dimensions[0]") == "ด้านของนโยบายผู้ว่าฯ (เกณฑ์ข้อ 2)", "a list item takes its list's Thai name"
