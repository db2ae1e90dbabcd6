"""The screening board as a file to take to the meeting: an .xlsx (Excel, LibreOffice) and JSON.

One row per project, one column per criterion, Thai headers, the messages in the cells, the header
frozen and filters on. Cells are always text: a title that starts with "=" stays a title, never
becomes a formula (spreadsheet injection).
"""

from __future__ import annotations

import io
import json

from bestservice.committee.screening import DECISION_TH, STATE_TH, Board, CriterionCheck, Row

FIXED_TIME = "2000-01-01T00:00:00"  # the workbook's own dates: the same board gives the same file
COLUMNS = [
    ("รหัสโครงการ", 22),
    ("ชื่อโครงการ", 40),
    ("หน่วยงานหลัก", 24),
    ("ประเภทหน่วยงาน", 16),
    ("กลุ่มเขต", 14),
    ("หน่วยงานร่วม (ข้อ 7)", 24),
    ("Big Idea (ข้อ 8)", 18),
    ("ระยะยาว (ข้อ 9)", 12),
    ("ด้านนโยบาย (ข้อ 2)", 22),
    ("ผ่านการตรวจอัตโนมัติทุกข้อ", 14),
    ("มติคณะกรรมการ", 14),
    ("วันที่มีมติ", 12),
    ("เหตุผลของมติ", 24),
]


def criterion_cell(check: CriterionCheck) -> str:
    """What the committee reads for one criterion: its state, then each message with its field."""
    lines = [STATE_TH[check.state]]
    lines += [f"{p.field}: {p.message} — {p.fix}" for p in check.problems]
    lines += [f"{name}: {value}" for name, value in check.evidence]
    return "\n".join(lines)


def row_cells(row: Row, board: Board, type_names: dict[str, str], group_names: dict[str, str]) -> list[str]:
    decision = row.decision or {}
    return [
        row.id,
        row.title,
        row.unit_name,
        type_names.get(row.unit_type, row.unit_type),
        group_names.get(row.group, ""),
        ", ".join(row.partners),
        row.big_idea,
        row.long_term,
        ", ".join(row.policy_dimensions),
        "ผ่าน" if row.passes_machine_checks else "ไม่ผ่าน",
        DECISION_TH[row.decision_status],
        str(decision.get("date") or ""),
        str(decision.get("reason") or ""),
        *[criterion_cell(check) for check in row.criteria],
        "\n".join(p.format() for p in row.other_problems),
    ]


def headers(board: Board) -> list[str]:
    return [name for name, _ in COLUMNS] + [f"ข้อ {c['number']} {c['title_th']}" for c in board.criteria] + ["ข้อมูลอื่นที่ต้องแก้"]


def board_workbook(board: Board, type_names: dict[str, str], group_names: dict[str, str]) -> bytes:
    from datetime import datetime

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = f"ปีงบประมาณ {board.fiscal_year}"
    book.properties.creator = "bestservice"
    book.properties.created = book.properties.modified = datetime.fromisoformat(FIXED_TIME)
    sheet.append(headers(board))
    for row in board.rows:
        sheet.append(row_cells(row, board, type_names, group_names))
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.data_type = "s"  # text, never a formula
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [width for _, width in COLUMNS] + [36] * len(board.criteria) + [40]
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "C2"  # the header row and each project's id and title stay in view
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def board_json(board: Board) -> str:
    return json.dumps(board.as_dict(), ensure_ascii=False, indent=2)
