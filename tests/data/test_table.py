"""Spreadsheets are read without trusting them (bestservice.data.table): every refusal is a located Thai
error, exit 1, found before the file can take minutes or gigabytes.

Before: an .xlsx was read whole before the row limit applied (2 million rows took 37 s and 578 MB,
1 MB of shared strings 621 MB); exactly 20,000 rows of data were refused because the header was
counted; a CSV cell over 131,072 characters and a sheet declaring a DTD stopped the import with
"internal error"; a hidden first sheet was imported without a word.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES
from openpyxl import Workbook

from bestservice.cli import main
from bestservice.data import table

HEADER = ["ชื่อโครงการ", "หน่วยงาน", "ปีงบประมาณ", "สรุป", "แหล่งข้อมูล"]


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files are named as a person typed them
    shutil.copytree(FIXTURES / "authoring" / "projects", tmp_path / "projects")
    shutil.copytree(FIXTURES / "authoring" / "lessons", tmp_path / "lessons")
    return tmp_path / "projects", tmp_path / "lessons"


def run_import(dirs, path: Path, capsys) -> tuple[int, str]:
    code = main(["import", str(path), "--projects", str(dirs[0]), "--lessons", str(dirs[1]), "--dry-run"])
    return code, capsys.readouterr().err


def row(number: int) -> list:
    return [f"โครงการที่ {number}", "district-bang-khae", 2566, f"สรุป {number}", f"https://example.org/{number}"]


def workbook(path: Path, rows: list[list], hidden_first: bool = False) -> Path:
    book = Workbook()
    if hidden_first:
        book.active.title = "ร่าง"
        book.active.append(["ไม่ใช่ตารางนี้"])
        book.active.sheet_state = "hidden"
        book.create_sheet("รายการ")
    sheet = book.worksheets[-1]
    for values in rows:
        sheet.append(values)
    book.save(path)
    return path


def rewritten(path: Path, part: str, change) -> Path:
    """The workbook with one part's XML changed (what Excel would never write)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info.filename, change(data) if info.filename == part else data)
    return path


def test_exactly_the_row_limit_is_read_and_one_more_is_refused_with_its_row(dirs, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(table, "MAX_DATA_ROWS", 3)
    path = tmp_path / "list.csv"
    path.write_text(",".join(HEADER) + "\n" + "".join(",".join(map(str, row(n))) + "\n" for n in range(3)), encoding="utf-8")
    assert run_import(dirs, path, capsys)[0] == 0, "3 rows of data and a header is within a limit of 3"
    path.write_text(path.read_text(encoding="utf-8") + ",".join(map(str, row(3))) + "\n", encoding="utf-8")
    code, err = run_import(dirs, path, capsys)
    assert code == 1 and "list.csv: แถว 5: ทั้งแถว: ตารางมีข้อมูลเกิน 3 แถว (ไม่นับแถวหัวตาราง)" in err


def test_rows_are_streamed_and_the_limit_stops_reading(tmp_path, monkeypatch):
    """A sheet of thousands of rows is not read past the limit, whatever size the sheet claims to have."""
    monkeypatch.setattr(table, "MAX_DATA_ROWS", 10)
    path = workbook(tmp_path / "long.xlsx", [HEADER] + [row(n) for n in range(5000)])
    rewritten(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml))
    read = []
    with pytest.raises(table.SheetLimit) as caught:
        read.extend(table.read_table(path).rows)
    assert caught.value.row == 12 and caught.value.message.startswith("แผ่นงาน 'Sheet': ตารางมีข้อมูลเกิน 10 แถว")
    assert [len(values) for _, values in read] == [5] * 11, "a row is as long as its filled cells"


def test_a_csv_cell_over_the_csv_module_limit_is_a_located_error(dirs, tmp_path, capsys):
    path = tmp_path / "long.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(map(str, row(1))) + "\n" + "x" * 140_000 + ",a,2566,b,c\n", encoding="utf-8")
    code, err = run_import(dirs, path, capsys)
    assert code == 1 and "long.csv: แถว 3: ทั้งแถว: อ่านแถวนี้ไม่ได้ (Error: field larger than field limit (131072))" in err, err


def test_a_cell_longer_than_excel_allows_is_named_by_sheet_row_and_column(dirs, tmp_path, capsys):
    path = workbook(tmp_path / "cell.xlsx", [HEADER, row(1), row(2)])
    rewritten(
        path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("สรุป 2".encode(), "ก".encode() * 40_000)
    )  # openpyxl itself writes no more than Excel allows
    code, err = run_import(dirs, path, capsys)
    assert code == 1 and "cell.xlsx: แถว 3: คอลัมน์ 'D': แผ่นงาน 'Sheet': ช่องนี้ยาว 40,000 ตัวอักษร เกิน 32,767" in err, err


def test_a_row_wider_than_the_column_limit_is_named_by_row_and_column(dirs, tmp_path, capsys):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(map(str, row(1))) + "," * 300 + "x\n", encoding="utf-8")
    code, err = run_import(dirs, path, capsys)
    assert code == 1 and "wide.csv: แถว 2: คอลัมน์ 'KS': ตารางกว้างเกิน 200 คอลัมน์" in err, err


def test_a_workbook_declaring_a_dtd_is_refused_before_it_is_parsed(dirs, tmp_path, capsys):
    laughs = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = workbook(tmp_path / "dtd.xlsx", [HEADER, row(1)])
    rewritten(path, "xl/worksheets/sheet1.xml", lambda xml: laughs + xml)
    code, err = run_import(dirs, path, capsys)
    assert code == 1 and "dtd.xlsx:1: file: ส่วน xl/worksheets/sheet1.xml ของไฟล์ Excel มีการประกาศ <!DOCTYPE> หรือ <!ENTITY>" in err, err


def renamed(path: Path, part: str, new_name: str) -> Path:
    """The workbook with one part under another name, its relationships pointing there (openpyxl follows them)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info).replace(part.split("/", 1)[1].encode(), new_name.split("/", 1)[1].encode())
            out.writestr(new_name if info.filename == part else info.filename, data)
    return path


def test_a_part_under_a_name_that_is_not_xml_is_checked_as_any_part_is(dirs, tmp_path, capsys, monkeypatch):
    """The size and tag limits used to look only at parts named .xml: a sheet named .dat was parsed whole."""
    path = renamed(workbook(tmp_path / "named.xlsx", [HEADER] + [row(n) for n in range(300)]), "xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.dat")
    monkeypatch.setattr(table, "MAX_SHEET_TAGS", 500)
    code, err = run_import(dirs, path, capsys)
    assert code == 1 and "ส่วน xl/worksheets/sheet1.dat ของไฟล์ Excel มีแท็ก XML เกิน 500 แท็ก" in err, err


def test_a_workbook_with_a_part_marked_encrypted_is_refused_not_crashed_on(dirs, tmp_path, capsys):
    path = workbook(tmp_path / "locked.xlsx", [HEADER, row(1)])
    raw = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for signature, flags_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):  # the local and the central header
        start = 0
        while (start := raw.find(signature, start)) != -1:
            if raw[start + name_at : start + name_at + len(name)] == name:
                raw[start + flags_at] |= 0x1  # "encrypted"
            start += 4
    path.write_bytes(bytes(raw))
    code, err = run_import(dirs, path, capsys)
    assert code == 1 and "แตกไฟล์ออกมาไม่ได้ (ไฟล์เสียหาย หรือตั้งรหัสผ่านไว้)" in err, err


def test_a_part_that_unpacks_too_large_or_holds_too_many_tags_is_refused_before_it_is_parsed(dirs, tmp_path, capsys, monkeypatch):
    path = workbook(tmp_path / "bomb.xlsx", [HEADER] + [row(n) for n in range(300)])
    monkeypatch.setattr(table, "MAX_PART_BYTES", 20_000)
    code, err = run_import(dirs, path, capsys)
    assert code == 1 and "bomb.xlsx:1: file: ส่วน xl/worksheets/sheet1.xml ของไฟล์ Excel มีขนาด" in err and "เกิน 20,000 ไบต์" in err, err
    monkeypatch.setattr(table, "MAX_PART_BYTES", 64_000_000)
    monkeypatch.setattr(table, "MAX_SHEET_TAGS", 500)
    code, err = run_import(dirs, path, capsys)
    assert code == 1 and "ส่วน xl/worksheets/sheet1.xml ของไฟล์ Excel มีแท็ก XML เกิน 500 แท็ก" in err, err
    monkeypatch.setattr(table, "MAX_XML_TAGS", 50)
    code, err = run_import(dirs, path, capsys)
    assert code == 1 and "ส่วน xl/theme/theme1.xml ของไฟล์ Excel มีแท็ก XML เกิน 50 แท็ก" in err, "a part openpyxl parses whole has a lower limit"


def test_a_hidden_first_sheet_is_passed_over_with_a_warning_naming_the_sheet_read(dirs, tmp_path, capsys):
    path = workbook(tmp_path / "hidden.xlsx", [HEADER, row(1)], hidden_first=True)
    code, err = run_import(dirs, path, capsys)
    assert code == 0, err
    assert "คำเตือน: hidden.xlsx: แผ่นงาน 'ร่าง' ถูกซ่อนไว้ จึงไม่ได้อ่าน — อ่านแผ่นงาน 'รายการ' ซึ่งเป็นแผ่นงานแรกที่มองเห็นได้" in err
