"""A spreadsheet (.xlsx or .csv) as rows, read without trusting it.

A committee's spreadsheet may come from anywhere. Before openpyxl parses an .xlsx, every part of the
zip is checked: its size unpacked (a few megabytes can unpack to gigabytes, and openpyxl keeps every
shared string in memory) and its XML (a <!DOCTYPE> can declare entities that expand without end).
The rows are then streamed (openpyxl's read-only mode, the sheet's own claim about its size ignored)
and the limits checked as each row comes: data rows, columns and the text of one cell, each refusal
naming the sheet, the row and the column. A .csv is read the same way. The first sheet someone sees
is the one read: a hidden sheet is passed over, with a warning naming both.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bestservice.content.load import read_limited
from bestservice.content.problems import ContentError, Problem

MAX_DATA_ROWS = 20_000  # rows of data, the header not counted
MAX_ROWS_READ = 2 * MAX_DATA_ROWS  # blank rows between them count here
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767  # what Excel itself allows in one cell
MAX_FILE_BYTES = 20_000_000
MAX_PART_BYTES = 64_000_000  # one part (a sheet's XML, the shared strings), unpacked
MAX_WORKBOOK_BYTES = 200_000_000  # every part together, unpacked
# openpyxl parses every part whole (the shared strings, the styles: 2-4 µs a tag) but a sheet, which it
# streams and builds row by row: a sheet of 20,000 rows of 40 filled cells has 3.2 million tags; Excel
# allows 16,384 cells in a row.
MAX_XML_TAGS = 1_500_000
MAX_SHEET_TAGS = 4_000_000
MAX_CELLS_IN_A_ROW = 16_384
XML_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
ROW_OR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s/>]")
ROOT = re.compile(rb"<(?![?!])(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
COMMENT = re.compile(rb"<!--.*?-->", re.S)
TOO_BIG = "แบ่งเป็นหลายไฟล์ หรือบันทึกใหม่เป็น .csv (UTF-8)"
RESAVE = "เปิดไฟล์ใน Excel แล้วบันทึกใหม่เป็น .xlsx หรือ .csv (UTF-8)"


class SheetLimit(Exception):
    """A row, a column or a cell beyond the limits: where it is and what it is."""

    def __init__(self, row: int, column: str, message: str) -> None:
        super().__init__(message)
        self.row, self.column, self.message = row, column, message


@dataclass
class Table:
    rows: Iterator[tuple[int, list]]  # (row number as the spreadsheet shows it, cell values), the limits checked as they come
    sheet: str = ""
    warnings: list[str] = field(default_factory=list)


def read_table(path: Path) -> Table:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, read_limited(path, MAX_FILE_BYTES, TOO_BIG))
    if suffix in (".csv", ".txt"):
        return Table(_csv_rows(path, read_limited(path, MAX_FILE_BYTES, TOO_BIG)))
    raise ContentError([sheet_problem(path, f"ไม่รองรับไฟล์ชนิด {suffix or '(ไม่มีนามสกุล)'}", "ใช้ไฟล์ .xlsx หรือ .csv")])


def sheet_problem(path, message: str, fix: str) -> Problem:
    return Problem(str(path), 1, "file", message, "spreadsheet", fix)


# --- .xlsx ------------------------------------------------------------------------------------------


def _read_workbook(path: Path, raw: bytes) -> Table:
    _check_parts(path, raw)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise ContentError([sheet_problem(path, f"เปิดไฟล์ Excel ไม่ได้ ({type(err).__name__})", RESAVE)]) from None
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    if not visible:
        book.close()
        raise ContentError([sheet_problem(path, "ไม่มีแผ่นงานที่มองเห็นได้ในไฟล์นี้", "เปิดไฟล์ใน Excel แล้วแสดงแผ่นงานที่มีตาราง (Unhide) แล้วบันทึกใหม่")])
    sheet = visible[0]
    hidden = [other.title for other in book.worksheets[: book.worksheets.index(sheet)]]
    warnings = [f"แผ่นงาน {', '.join(map(repr, hidden))} ถูกซ่อนไว้ จึงไม่ได้อ่าน — อ่านแผ่นงาน {sheet.title!r} ซึ่งเป็นแผ่นงานแรกที่มองเห็นได้"] if hidden else []
    sheet.reset_dimensions()  # rows are as long as their cells, whatever size the sheet claims
    return Table(_limited(_sheet_rows(book, sheet), f"แผ่นงาน {sheet.title!r}: "), sheet.title, warnings)


def _sheet_rows(book, sheet) -> Iterator[list]:
    try:
        yield from (list(values) for values in sheet.iter_rows(values_only=True))
    finally:
        book.close()


def _check_parts(path: Path, raw: bytes) -> None:
    """Refuse a workbook whose parts unpack too large, declare a DTD or hold more than openpyxl can parse
    in a few seconds, before it parses any of them."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ContentError([sheet_problem(path, "เปิดไฟล์ Excel ไม่ได้ (ไฟล์เสียหาย หรือไม่ใช่ไฟล์ zip ของ .xlsx)", RESAVE)]) from None
    if sum(part.file_size for part in parts) > MAX_WORKBOOK_BYTES:
        raise ContentError([sheet_problem(path, f"ไฟล์ Excel เมื่อแตกออกมีขนาดเกิน {MAX_WORKBOOK_BYTES:,} ไบต์", TOO_BIG)])
    for part in parts:
        refusal = (f"มีขนาด {part.file_size:,} ไบต์เมื่อแตกออก เกิน {MAX_PART_BYTES:,} ไบต์", TOO_BIG) if part.file_size > MAX_PART_BYTES else None
        if refusal is None and not part.filename.lower().endswith(BINARY_PARTS):  # openpyxl follows a part by any name
            refusal = _xml_refusal(archive, part)
        if refusal:
            raise ContentError([sheet_problem(path, f"ส่วน {part.filename} ของไฟล์ Excel {refusal[0]}", refusal[1])])


# Parts of a workbook that are not XML (pictures, a macro project): only their size is checked.
BINARY_PARTS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".bin", ".jfif", ".webp")


def _xml_refusal(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> tuple[str, str] | None:
    """Why openpyxl must not parse this XML: a DTD or entities (which Excel never writes), an encoding that
    could hide one (UTF-16), more tags than it parses in a few seconds, a row of more cells than Excel allows."""
    try:
        with archive.open(part) as stream:
            window = stream.read(4)
            if b"\x00" in window or window.startswith((b"\xff\xfe", b"\xfe\xff")):
                return "ไม่ได้เข้ารหัสเป็น UTF-8", RESAVE
            tags, rows, cells, limit = 0, 0, 0, None
            while True:
                chunk = stream.read(1 << 20)
                window += chunk
                if limit is None:
                    root = ROOT.search(COMMENT.sub(b"", window))
                    limit = MAX_SHEET_TAGS if root and root.group(1) == b"worksheet" else MAX_XML_TAGS
                if any(declaration in window for declaration in XML_DECLARATIONS):
                    return "มีการประกาศ <!DOCTYPE> หรือ <!ENTITY> ซึ่งไฟล์จาก Excel ไม่มี", RESAVE
                cut = len(window) if not chunk else max(window.rfind(b"<", len(window) - 64), len(window) - 64)  # a tag cut in two waits for the rest
                tags += window.count(b"<", 0, cut)
                if tags > limit:
                    return f"มีแท็ก XML เกิน {limit:,} แท็ก", TOO_BIG
                for tag in ROW_OR_CELL.finditer(window, 0, cut):
                    rows, cells = (rows + 1, 0) if tag.group(1) == b"row" else (rows, cells + 1)
                    if cells > MAX_CELLS_IN_A_ROW:
                        return f"มีแถว (แถวที่ {rows:,}) ที่มีเกิน {MAX_CELLS_IN_A_ROW:,} ช่อง", "ลบคอลัมน์ที่ไม่ใช้ออก แล้วบันทึกใหม่"
                if not chunk:
                    return None
                window = window[cut:]
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, zlib.error, RuntimeError):  # RuntimeError: a part marked encrypted
        return "แตกไฟล์ออกมาไม่ได้ (ไฟล์เสียหาย หรือตั้งรหัสผ่านไว้)", RESAVE


# --- .csv -------------------------------------------------------------------------------------------


def _csv_rows(path: Path, raw: bytes) -> Iterator[tuple[int, list]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError([sheet_problem(path, "ไฟล์ CSV ไม่ได้เข้ารหัสเป็น UTF-8", "ใน Excel เลือก บันทึกเป็น → CSV UTF-8 (Comma delimited)")]) from None
    try:  # only the delimiter is guessed: a guessed quoting style mangles quotes inside cells
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    return _limited(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), "")


# --- the limits, as the rows come ------------------------------------------------------------------


def _limited(rows: Iterator[list], where: str) -> Iterator[tuple[int, list]]:
    """Each row with its number, no longer than its last filled cell; a SheetLimit where a limit is passed
    or where the file cannot be read on (a damaged sheet, a CSV quote that never closes)."""
    reading, number, filled = iter(rows), 0, 0
    while True:
        try:
            values = next(reading)
        except StopIteration:
            return
        except Exception as err:  # openpyxl and csv raise many kinds for a damaged file
            raise SheetLimit(
                number + 1, "", f"{where}อ่านแถวนี้ไม่ได้ ({type(err).__name__}: {err}) — บันทึกไฟล์ใหม่ แล้วตรวจเครื่องหมายคำพูดและความยาวของช่องในแถวนี้"
            ) from None
        number += 1
        if number > MAX_ROWS_READ:
            raise SheetLimit(number, "", f"{where}ตารางยาวเกิน {MAX_ROWS_READ:,} แถว (นับแถวว่างด้วย) — ลบแถวว่างท้ายตาราง หรือ{TOO_BIG}")
        last = max((index for index, value in enumerate(values) if _filled(value)), default=-1)
        if last >= MAX_COLUMNS:
            raise SheetLimit(number, column_letter(last), f"{where}ตารางกว้างเกิน {MAX_COLUMNS} คอลัมน์ — ลบคอลัมน์ที่ไม่ใช้ออก")
        for index, value in enumerate(values[: last + 1]):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise SheetLimit(number, column_letter(index), f"{where}ช่องนี้ยาว {len(value):,} ตัวอักษร เกิน {MAX_CELL_CHARS:,} — ย่อข้อความ หรือใส่ลิงก์ไปยังเอกสารแทน")
        filled += last >= 0
        if filled > MAX_DATA_ROWS + 1:  # the header and the rows of data
            raise SheetLimit(number, "", f"{where}ตารางมีข้อมูลเกิน {MAX_DATA_ROWS:,} แถว (ไม่นับแถวหัวตาราง) — {TOO_BIG}")
        yield number, values[: last + 1]


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def column_letter(index: int) -> str:
    """The spreadsheet's name of a column counted from 0: A, B, ..., Z, AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
