"""The board as a file for the meeting: `bestservice screening --xlsx/--json`, read back with openpyxl."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES
from openpyxl import load_workbook

SCREENING = FIXTURES / "screening"
CONTENT = ["--projects", str(SCREENING / "projects"), "--lessons", str(SCREENING / "lessons")]


def screening(*args, cwd=SCREENING) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bestservice", "screening", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    target = tmp_path_factory.mktemp("board") / "board.xlsx"
    result = screening("--fiscal-year", "2568", "--xlsx", str(target), *CONTENT)
    assert result.returncode == 0, result.stderr
    return load_workbook(target).active


def rows_by_id(sheet) -> dict[str, dict[str, str]]:
    header = [cell.value for cell in sheet[1]]
    return {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_one_row_per_project_one_column_per_criterion_with_thai_headers(sheet):
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["รหัสโครงการ", "ชื่อโครงการ", "หน่วยงานหลัก"]
    criteria = [h for h in header if h and h.startswith("ข้อ ")]
    assert len(criteria) == 12 and criteria[0].startswith("ข้อ 1 ") and criteria[11].startswith("ข้อ 12 ")
    assert len(rows_by_id(sheet)) == 14


def test_the_cells_say_the_state_and_the_message(sheet):
    rows = rows_by_id(sheet)
    header = [cell.value for cell in sheet[1]]
    seven, twelve, four = (next(h for h in header if h and h.startswith(f"ข้อ {n} ")) for n in (7, 12, 4))
    assert rows["partner-is-the-lead"][seven].startswith("ไม่ผ่าน\npartners[0].unit: หน่วยงานร่วมเป็นหน่วยงานเดียวกับหน่วยงานหลัก")
    assert rows["waste-sorting-app-again"][twelve].startswith("ไม่ผ่าน\ntitle: โครงการนี้คล้ายโครงการ waste-sorting-app")
    assert rows["clean-elderly-home-visit"][seven] == "ผ่านการตรวจอัตโนมัติ"
    assert rows["clean-elderly-home-visit"][four].startswith("คณะกรรมการพิจารณา\nมาตรฐานงานบริการ: เยี่ยมบ้านภายใน 7 วันหลังนัดหมาย")
    assert rows["decided-health-line"]["มติคณะกรรมการ"] == "อนุมัติ" and rows["decided-health-line"]["วันที่มีมติ"] == "2025-01-15"
    assert rows["joint-school-lunch"]["หน่วยงานร่วม (ข้อ 7)"] == "สำนักอนามัย"
    assert "YAML" in rows["unclosed-quote"]["ข้อมูลอื่นที่ต้องแก้"]


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
    assert load_workbook(target).active.max_row == 15


def test_json_has_every_row_with_its_states(tmp_path):
    result = screening("--fiscal-year", "2568", "--json", *CONTENT)
    assert result.returncode == 0, result.stderr
    board = json.loads(result.stdout)
    assert board["fiscal_year"] == 2568 and board["proposals"] == 14 and board["pass_every_machine_check"] == 6
    repeat = next(row for row in board["rows"] if row["id"] == "waste-sorting-app-again")
    assert repeat["criteria"][11]["state"] == "fail" and repeat["similar"]["matches"][0]["id"] == "waste-sorting-app"


def test_the_terminal_summary_and_a_bad_year():
    result = screening("--fiscal-year", "2568", *CONTENT)
    assert result.returncode == 0 and "ผ่านการตรวจอัตโนมัติทุกข้อ 6" in result.stdout
    bad = screening("--fiscal-year", "68", *CONTENT)
    assert bad.returncode == 1 and "--fiscal-year" in bad.stderr and "Traceback" not in bad.stderr


def test_the_workbook_is_never_written_through_a_link(tmp_path):
    target = tmp_path / "board.xlsx"
    target.symlink_to(tmp_path / "elsewhere.xlsx")  # dangling: writing through it would create elsewhere.xlsx
    result = screening("--fiscal-year", "2568", "--xlsx", str(target), "--force", *CONTENT)
    assert result.returncode == 1 and "เป็นลิงก์ (symlink)" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "elsewhere.xlsx").exists()
