"""Spreadsheet import: Thai headers, located Thai errors, all-or-nothing writes (the round trip with the export: test_roundtrip.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REFERENCE
from openpyxl import Workbook

from bestservice.cli import main
from bestservice.content.validate import validate
from bestservice.data import spreadsheet

FIXTURES = FIXTURES / "authoring"


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def dirs(tmp_path):
    projects, lessons = tmp_path / "projects", tmp_path / "lessons"
    shutil.copytree(FIXTURES / "projects", projects)
    shutil.copytree(FIXTURES / "lessons", lessons)
    return projects, lessons


def run_import(dirs, *args):
    return main(["import", *map(str, args), "--projects", str(dirs[0]), "--lessons", str(dirs[1])])


def test_thai_headers_import_archive_records_that_validate(dirs, capsys):
    assert run_import(dirs, FIXTURES / "committee-2569.csv") == 0
    out = capsys.readouterr()
    assert "ข้ามคอลัมน์" not in out.err  # ลำดับ and หมายเหตุ are known to be ignored
    first = (dirs[0] / "2568" / "bang-khae-2568.md").read_text(encoding="utf-8")
    assert "record: archive" in first and "title: โครงการลานกีฬาชุมชน" in first
    assert "- kind: other\n  name: รางวัลชมเชย" in first
    assert (dirs[0] / "2568" / "phasi-charoen-2568.md").exists()  # เขตภาษีเจริญ and Thai digits ๒๕๖๘
    report = validate(None, projects_dir=dirs[0], lessons_dir=dirs[1], reference=REFERENCE)
    assert report.errors == [], [p.format() for p in report.errors]


def test_bad_rows_are_located_and_nothing_is_written(dirs, capsys):
    before = snapshot(dirs[0])
    assert run_import(dirs, FIXTURES / "committee-bad.csv") == 1
    err = capsys.readouterr().err
    assert "แถว 3: คอลัมน์ 'หน่วยงาน': ไม่พบหน่วยงาน" in err
    assert "แถว 4: คอลัมน์ 'ปีงบประมาณ': 2025 ดูเหมือนเป็นปี ค.ศ." in err
    assert "แถว 5: คอลัมน์ 'sources'" in err or "แถว 5: คอลัมน์ 'แหล่งข้อมูล'" in err
    assert "แถว 2" not in err
    assert snapshot(dirs[0]) == before  # the good row was not written either; no temp files left


def test_existing_files_are_never_overwritten(dirs, capsys):
    assert run_import(dirs, FIXTURES / "committee-2569.csv") == 0
    before = snapshot(dirs[0])
    # the same ids again (explicit id column) must fail, not overwrite
    path = dirs[0].parent / "again.csv"
    path.write_text("id,ชื่อโครงการ,หน่วยงาน,ปีงบประมาณ,สรุป,แหล่งข้อมูล\nbang-khae-2568,ใหม่,district-bang-khae,2568,x,https://e.org\n", encoding="utf-8")
    assert run_import(dirs, path) == 1
    assert "จะไม่เขียนทับ" in capsys.readouterr().err
    assert snapshot(dirs[0]) == before
    # without an id column the next free id is chosen
    assert run_import(dirs, FIXTURES / "committee-2569.csv") == 0
    assert (dirs[0] / "2568" / "bang-khae-2568-2.md").exists()


def test_dry_run_writes_nothing(dirs, capsys):
    before = snapshot(dirs[0])
    assert run_import(dirs, FIXTURES / "committee-2569.csv", "--dry-run") == 0
    assert "จะเขียน" in capsys.readouterr().out
    assert snapshot(dirs[0]) == before


def test_mapping_file(dirs, capsys):
    assert run_import(dirs, FIXTURES / "committee-mapped.csv", "--mapping", FIXTURES / "mapping.yaml") == 0
    text = (dirs[0] / "2566" / "bang-khae-2566.md").read_text(encoding="utf-8")
    assert "title: ห้องสมุดเคลื่อนที่" in text and "คุณเอ" not in text


def test_xlsx_import_with_progress(dirs, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(["ชื่อโครงการ", "หน่วยงาน", "ปีงบประมาณ", "สรุป", "แหล่งข้อมูล"])
    for number in range(250):
        sheet.append([f"โครงการที่ {number}", "district-bang-khae", 2566, f"สรุป {number}", f"https://example.org/{number}"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    assert run_import(dirs, path) == 0
    err = capsys.readouterr().err
    assert "ตรวจแล้ว 100/250 แถว" in err and "ตรวจแล้ว 200/250 แถว" in err
    assert len(list((dirs[0] / "2566").glob("*.md"))) == 250
    assert validate(None, projects_dir=dirs[0], lessons_dir=dirs[1], reference=REFERENCE).errors == []


def test_unreadable_inputs_are_thai_errors(dirs, tmp_path, capsys):
    bad = tmp_path / "list.csv"
    bad.write_bytes("ชื่อโครงการ,หน่วยงาน\n".encode("cp874"))
    assert run_import(dirs, bad) == 1
    assert "UTF-8" in capsys.readouterr().err
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    assert run_import(dirs, fake) == 1
    assert "เปิดไฟล์ Excel ไม่ได้" in capsys.readouterr().err
    assert run_import(dirs, tmp_path / "missing.csv") == 1
    header_only = tmp_path / "h.csv"
    header_only.write_text("ชื่อโครงการ,สรุป\nก,ข\n", encoding="utf-8")
    assert run_import(dirs, header_only) == 1
    assert "ไม่มีคอลัมน์ของ หน่วยงานเจ้าของโครงการ" in capsys.readouterr().err


def test_default_mapping_knows_thai_and_english_headers():
    mapping = spreadsheet.default_mapping()
    assert mapping["ชื่อโครงการ"] == "title" and mapping["title"] == "title" and mapping["สภาพปัญหา"] == "problem"
    assert mapping["หมายเหตุ"] is None


ROWS = "id,ชื่อโครงการ,หน่วยงาน,ปีงบประมาณ,สรุป,แหล่งข้อมูล\nsport-2568,ลานกีฬา,district-bang-khae,2568,x,https://e.org\nmobile-2568,บริการเคลื่อนที่,district-bang-khae,2568,y,https://e.org\n"


def test_a_file_in_the_way_is_named_with_its_row_not_a_temporary_file(dirs, capsys, tmp_path, monkeypatch):
    """A file holding another id sits where row 3 goes: the error names it and the row (it named `.x.md.01ab.tmp`)."""
    monkeypatch.chdir(tmp_path)
    (dirs[0] / "2568" / "mobile-2568.md").write_text("---\nid: something-else\n---\n\nx\n", encoding="utf-8")
    before = snapshot(dirs[0])
    (tmp_path / "rows.csv").write_text(ROWS, encoding="utf-8")
    assert run_import(dirs, tmp_path / "rows.csv") == 1
    err = capsys.readouterr().err
    assert "rows.csv: แถว 3: ทั้งแถว: projects/2568/mobile-2568.md: มีไฟล์นี้อยู่แล้ว จะไม่เขียนทับ" in err
    assert ".tmp" not in err and snapshot(dirs[0]) == before


def test_import_never_writes_through_a_symlinked_year_folder(dirs, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(dirs[0] / "2568", elsewhere)
    (dirs[0] / "2568").symlink_to(elsewhere)
    before = snapshot(elsewhere)
    (tmp_path / "rows.csv").write_text(ROWS, encoding="utf-8")
    assert run_import(dirs, tmp_path / "rows.csv") == 1
    assert "rows.csv: แถว 2: ทั้งแถว: projects/2568: โฟลเดอร์นี้เป็นลิงก์ (symlink) ไปยัง" in capsys.readouterr().err
    assert snapshot(elsewhere) == before


def test_a_cell_holding_a_character_validate_refuses_is_its_row_s_error(dirs, capsys, tmp_path):
    (tmp_path / "rows.csv").write_text(ROWS.replace("ลานกีฬา", "ลาน\ufffeกีฬา"), encoding="utf-8")
    assert run_import(dirs, tmp_path / "rows.csv") == 1
    assert "rows.csv: แถว 2: คอลัมน์ 'ชื่อโครงการ': มีอักขระต้องห้าม U+FFFE (ไม่ใช่ตัวอักษร)" in capsys.readouterr().err
