"""The board as the meeting's tool: `bestservice screening --xlsx/--json`, read back with openpyxl:
criterion names in the headers, one colour per state (the page's), the criterion-12 cell naming the
closest earlier project, partners with their duties, and print set up for A4 landscape."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT
from openpyxl import load_workbook

from bestservice.committee.states import STATES

SCREENING = FIXTURES / "screening"
CONTENT = ["--projects", str(SCREENING / "projects"), "--lessons", str(SCREENING / "lessons")]


def screening(*args, cwd=SCREENING) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bestservice", "screening", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    target = tmp_path_factory.mktemp("board") / "board.xlsx"
    result = screening("--fiscal-year", "2568", "--xlsx", str(target), *CONTENT)
    assert result.returncode == 0, result.stderr
    return load_workbook(target)


@pytest.fixture(scope="module")
def sheet(book):
    return book.active


def rows_by_id(sheet) -> dict[str, dict[str, str]]:
    header = [cell.value for cell in sheet[1]]
    return {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}


def criterion_header(sheet, number: int) -> str:
    return next(cell.value for cell in sheet[1] if cell.value and cell.value.startswith(f"ข้อ {number} "))


def test_one_row_per_proposal_one_column_per_criterion_named_in_thai(sheet):
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["รหัสโครงการ", "ชื่อโครงการ", "หน่วยงานหลัก"]
    criteria = [h for h in header if h and h.startswith("ข้อ ")]
    assert len(criteria) == 12
    assert criteria[0] == "ข้อ 1 มีที่มาจากสภาพปัญหาหรือความต้องการของผู้รับบริการ"
    assert criteria[11] == "ข้อ 12 ไม่ซ้ำกับโครงการให้บริการที่ดีที่สุดที่เคยเสนอในปีงบประมาณก่อน"
    assert len(rows_by_id(sheet)) == 15 and "archive-canal-award" not in rows_by_id(sheet)


def test_the_cells_say_the_state_and_what_it_rests_on(sheet):
    rows = rows_by_id(sheet)
    seven, four, ten, six = (criterion_header(sheet, n) for n in (7, 4, 10, 6))
    assert rows["partner-is-the-lead"][seven].startswith("✗ ตรวจแล้ว: พบปัญหา\npartners[0].unit: หน่วยงานร่วมเป็นหน่วยงานเดียวกับหน่วยงานหลัก")
    assert rows["clean-elderly-home-visit"][seven] == "– ไม่ใช้กับข้อเสนอนี้"
    assert rows["joint-school-lunch"][seven].startswith("✓ ตรวจแล้ว: ผ่าน\nหน่วยงานร่วม (เกณฑ์ข้อ 7): สำนักอนามัย — หน้าที่: ส่งนักโภชนาการตรวจรายการอาหาร")
    assert "ไม่พบปัญหาตามกฎ: หน่วยงานร่วมต้องมีอยู่จริง ไม่ซ้ำกัน และไม่ใช่หน่วยงานหลัก" in rows["joint-school-lunch"][seven]
    assert rows["clean-elderly-home-visit"][ten] == "✎ ผู้เสนอรับรองเอง (ไม่ใช่ผลการตรวจ)\nไม่ได้เกิดจากการสั่งการโดยตรง (ข้อ 10): ผู้เสนอรับรองไว้ในแบบเสนอโครงการ"
    assert rows["clean-elderly-home-visit"][four].startswith("⚖ คณะกรรมการพิจารณา\nมาตรฐานงานบริการ: เยี่ยมบ้านภายใน 7 วันหลังนัดหมาย")
    assert rows["analysis-not-written"][six].endswith("ต้องเพิ่ม: การวิเคราะห์ศักยภาพ\nต้องเพิ่ม: การวิเคราะห์ช่องว่าง\nต้องเพิ่ม: ความเสี่ยง")
    assert rows["decided-health-line"]["มติคณะกรรมการ"] == "อนุมัติ" and rows["decided-health-line"]["วันที่มีมติ"] == "2025-01-15"
    assert rows["clean-elderly-home-visit"]["ผลการตรวจของระบบ"] == "ไม่พบปัญหาในข้อที่ระบบตรวจ (3 ข้อ)"
    assert "YAML" in rows["unclosed-quote"]["ข้อมูลอื่นที่ต้องแก้"]
    every_cell = " ".join(str(v) for row in rows.values() for v in row.values())
    assert "ผ่านการตรวจอัตโนมัติ" not in every_cell


def test_partners_come_with_their_duties_and_external_partners_too(sheet):
    row = rows_by_id(sheet)["joint-school-lunch"]
    assert row["หน่วยงานร่วมและหน้าที่ (ข้อ 7)"] == "สำนักอนามัย — หน้าที่: ส่งนักโภชนาการตรวจรายการอาหาร — ตัวชี้วัด: จำนวนโรงเรียนที่ตรวจ"
    assert row["ภาคีภายนอก"] == "สมาคมผู้ปกครองและครูโรงเรียนสังกัดกรุงเทพมหานคร"


def test_the_criterion_12_cell_names_the_closest_earlier_project_its_score_and_band(sheet):
    rows = rows_by_id(sheet)
    twelve = criterion_header(sheet, 12)
    repeat, clean = rows["waste-sorting-app-again"][twelve], rows["clean-elderly-home-visit"][twelve]
    assert repeat.startswith("✗ ตรวจแล้ว: พบปัญหา\ntitle: โครงการนี้คล้ายโครงการ waste-sorting-app")
    closest = re.compile(r"โครงการเดิมที่คล้ายที่สุด: «แอปพลิเคชันแยกขยะรีไซเคิลในชุมชน เขตประเวศ» \(waste-sorting-app\) ปีงบประมาณ 2567 — คะแนน \d\.\d\d ")
    assert closest.search(repeat) and "คล้ายมาก — อาจซ้ำ" in repeat
    assert clean.startswith("✓ ตรวจแล้ว: ผ่าน\nโครงการเดิมที่คล้ายที่สุด: «") and "คล้ายเล็กน้อย" in clean


def test_each_state_has_the_colours_of_the_board(sheet):
    rows = list(sheet.iter_rows(min_row=2))
    first = [cell.value for cell in sheet[1]].index(criterion_header(sheet, 1))
    seen = {}
    for row in rows:
        for cell in row[first : first + 12]:
            symbol = cell.value.split(" ", 1)[0]
            state = next(key for key, s in STATES.items() if s.symbol == symbol)
            seen[state] = (cell.fill.fgColor.rgb[-6:], cell.font.color.rgb[-6:])
    assert set(seen) == set(STATES), "the fixture year has every state"
    assert seen == {key: (s.fill, s.colour) for key, s in STATES.items()}


def test_the_page_uses_the_same_colours_as_the_workbook():
    css = (ROOT / "docs" / "assets" / "stylesheets" / "screening.css").read_text(encoding="utf-8")
    for key, state in STATES.items():
        rule = re.search(r"\.bs-state--" + re.escape(key).replace("/", "\\\\/") + r" \{ background: #(\w{6}); color: #(\w{6}); \}", css)
        assert rule and (rule.group(1).upper(), rule.group(2).upper()) == (state.fill, state.colour), key


def test_it_prints_on_a4_landscape_with_the_header_on_every_page_and_a_legend(book, sheet):
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 and sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    legend = book["คำอธิบายสี"]
    assert [row[0] for row in legend.iter_rows(min_row=2, values_only=True)] == [f"{s.symbol} {s.long_th}" for s in STATES.values()]


def test_the_header_is_frozen_and_filters_are_on(sheet):
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == sheet.dimensions


def test_a_title_that_looks_like_a_formula_stays_text(tmp_path):
    shutil.copytree(SCREENING, tmp_path / "kb")
    path = tmp_path / "kb" / "projects" / "2568" / "clean-elderly-home-visit.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: เยี่ยมบ้าน", "title: =HYPERLINK(1)เยี่ยมบ้าน"), encoding="utf-8")
    target = tmp_path / "board.xlsx"
    assert screening("--fiscal-year", "2568", "--xlsx", str(target), "--projects", "projects", "--lessons", "lessons", cwd=tmp_path / "kb").returncode == 0
    cell = next(row[1] for row in load_workbook(target).active.iter_rows(min_row=2) if row[0].value == "clean-elderly-home-visit")
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK(1)")


def test_an_existing_file_is_never_overwritten_without_force(tmp_path):
    target = tmp_path / "board.xlsx"
    target.write_text("ข้อมูลเดิม")
    result = screening("--fiscal-year", "2568", "--xlsx", str(target), *CONTENT)
    assert result.returncode == 1 and "--force" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "ข้อมูลเดิม"
    assert screening("--fiscal-year", "2568", "--xlsx", str(target), "--force", *CONTENT).returncode == 0
    assert load_workbook(target).active.max_row == 16


def test_json_has_every_row_with_its_states(tmp_path):
    result = screening("--fiscal-year", "2568", "--json", *CONTENT)
    assert result.returncode == 0, result.stderr
    board = json.loads(result.stdout)
    assert board["fiscal_year"] == 2568 and board["proposals"] == 15 and board["no_problem_where_checked"] == 7
    repeat = next(row for row in board["rows"] if row["id"] == "waste-sorting-app-again")
    assert repeat["criteria"][11]["state"] == "fail" and repeat["similar"]["matches"][0]["id"] == "waste-sorting-app"


def test_the_terminal_summary_and_a_bad_year():
    result = screening("--fiscal-year", "2568", *CONTENT)
    assert result.returncode == 0 and "15 ข้อเสนอ · ไม่พบปัญหาในข้อที่ระบบตรวจ 7 · มีมติแล้ว 1" in result.stdout
    assert "คลังความรู้ไม่มีรายการข้อเสนอโครงการครบของปีงบประมาณ 2568 จึงบอกไม่ได้ว่าหน่วยงานใดยังไม่เสนอ" in result.stdout
    bad = screening("--fiscal-year", "68", *CONTENT)
    assert bad.returncode == 1 and "--fiscal-year" in bad.stderr and "Traceback" not in bad.stderr


def test_the_workbook_is_never_written_through_a_link(tmp_path):
    target = tmp_path / "board.xlsx"
    target.symlink_to(tmp_path / "elsewhere.xlsx")  # dangling: writing through it would create elsewhere.xlsx
    result = screening("--fiscal-year", "2568", "--xlsx", str(target), "--force", *CONTENT)
    assert result.returncode == 1 and "เป็นลิงก์ (symlink)" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "elsewhere.xlsx").exists()
