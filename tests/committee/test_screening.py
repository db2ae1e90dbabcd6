"""The committee's screening board (bestservice.committee.screening): each criterion's state per project.

Fixture year 2568 in tests/fixtures/screening/: a clean proposal, one proposal per failing
machine-checked criterion, a service-centre overlap, a repeat of a 2567 project, a joint project,
a Big Idea, a decided proposal and a file that cannot be read.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import FIXTURES, REFERENCE, REFERENCE_DIR

from bestservice.committee.screening import FAIL, JUDGE, NO_DATA, screening_board
from bestservice.content import load_content, rules
from bestservice.content.reference import load_reference
from bestservice.content.schema import schema_problems

SCREENING = FIXTURES / "screening"
TODAY = dt.date(2025, 6, 1)
# Row id -> the state of criteria 1..12: P pass, F fail, W warning (check), J committee, - no data, . not applicable
EXPECTED = {
    "clean-elderly-home-visit": "PPJJJJP..PPP",
    "joint-school-lunch": "PPJJJJP..PPP",
    "big-idea-canal-bang-rak": "PPJJJJPP.PPP",
    "big-idea-canal-pathum-wan": "PPJJJJPP.PPP",
    "decided-health-line": "PPJJJJP..PPP",
    "no-problem-statement": "FPJJJJP..PPP",
    "old-policy-dimension": "PFJJJJP..PPP",
    "partner-is-the-lead": "PPJJJJF..PPP",
    "big-idea-canal-bang-khun-thian": "PPJJJJPF.PPP",
    "long-term-missing-year": "PPJJJJP.FPPP",
    "ordered-by-the-executives": "PPJJJJP..FPP",
    "house-registration-at-home": "PPJJJJP..PWP",
    "waste-sorting-app-again": "PPJJJJP..PPF",
    "unclosed-quote": "------------",
}
LETTER = {"pass": "P", "fail": "F", "warning": "W", "judgement": "J", "no-data": "-", "n/a": "."}


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
    assert result.passing == 6
    assert [row.id for row in result.decided] == ["decided-health-line"]
    assert len(result.undecided) == 13
    assert result.coverage.covered_total == 12  # the lead units of the readable projects of 2568


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
