"""The screening board as the meeting's tool: an .xlsx (Excel, LibreOffice) and JSON.

One row per proposal, one column per criterion headed by its number and name; each criterion cell
says its state in the words and colours of the board and the card (committee/states.py STATES), then
what it rests on: the problem, what was checked, the declaration, the fields to judge or to add. The
criterion-12 cell names the closest earlier project, its score and band (screening.closest, as the
card). Partners come with their duties, external partners too. A legend sheet explains the colours.
Printed, it fits A4 landscape, one page wide, the header row on every page; on screen the header
and each proposal's id and title stay in view and filters are on.

Cells are always text: a title that starts with "=" stays a title, never becomes a formula
(spreadsheet injection).
"""

from __future__ import annotations

import io
import json

from bestservice.committee.screening import DECISION_TH, Board, Row
from bestservice.committee.states import STATES, CriterionCheck

FIXED_TIME = "2000-01-01T00:00:00"  # the workbook's own dates: the same board gives the same file
COLUMNS = [
    ("รหัสโครงการ", 22),
    ("ชื่อโครงการ", 40),
    ("หน่วยงานหลัก", 24),
    ("ประเภทหน่วยงาน", 16),
    ("กลุ่มเขต", 14),
    ("หน่วยงานร่วมและหน้าที่ (ข้อ 7)", 36),
    ("ภาคีภายนอก", 24),
    ("Big Idea (ข้อ 8)", 18),
    ("ระยะยาว (ข้อ 9)", 12),
    ("ด้านนโยบาย (ข้อ 2)", 22),
    ("ผลการตรวจของระบบ", 18),
    ("มติคณะกรรมการ", 14),
    ("วันที่มีมติ", 12),
    ("เหตุผลของมติ", 24),
]
CRITERION_WIDTH, OTHER_WIDTH = 38, 40


def criterion_cell(check: CriterionCheck) -> str:
    """What the committee reads for one criterion: its state, then what the state rests on."""
    lines = [f"{STATES[check.state].symbol} {STATES[check.state].long_th}"]
    lines += [f"{p.field}: {p.message} — {p.fix}" for p in check.problems]
    lines += [f"{name}: {value}" for name, value in check.evidence]
    lines += check.checked
    lines += [f"ต้องเพิ่ม: {what}" for what in check.missing]
    return "\n".join(lines)


def row_cells(row: Row, type_names: dict[str, str], group_names: dict[str, str]) -> list[str]:
    decision = row.decision or {}
    return [
        row.id,
        row.title,
        row.unit_name,
        type_names.get(row.unit_type, row.unit_type),
        group_names.get(row.group, ""),
        "\n".join(row.partner_duties),
        "\n".join(row.external_partners),
        row.big_idea,
        row.long_term,
        ", ".join(row.policy_dimensions),
        row.machine_summary,
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

    book = Workbook()
    book.properties.creator = "bestservice"
    book.properties.created = book.properties.modified = datetime.fromisoformat(FIXED_TIME)
    sheet = book.active
    sheet.title = f"ปีงบประมาณ {board.fiscal_year}"
    sheet.append(headers(board))
    for row in board.rows:
        sheet.append(row_cells(row, type_names, group_names))
    _as_text_wrapped(sheet)
    _colour_states(sheet, board)
    _lay_out(sheet, board)
    _legend(book.create_sheet("คำอธิบายสี"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _as_text_wrapped(sheet) -> None:
    from openpyxl.styles import Alignment, Font

    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.data_type = "s"  # text, never a formula
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def _colour_states(sheet, board: Board) -> None:
    """Each criterion cell in its state's colours, as on the board and the card."""
    from openpyxl.styles import Font, PatternFill

    first = len(COLUMNS) + 1
    for number, row in enumerate(board.rows, start=2):
        for offset, check in enumerate(row.criteria):
            state = STATES[check.state]
            cell = sheet.cell(row=number, column=first + offset)
            cell.fill = PatternFill(fill_type="solid", start_color=state.fill, end_color=state.fill)
            cell.font = Font(color=state.colour)


def _lay_out(sheet, board: Board) -> None:
    """Column widths; frozen header, id and title; filters; A4 landscape, one page wide, header on every page."""
    from openpyxl.utils import get_column_letter

    widths = [width for _, width in COLUMNS] + [CRITERION_WIDTH] * len(board.criteria) + [OTHER_WIDTH]
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the proposals need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.oddFooter.center.text = f"กระดานพิจารณาข้อเสนอโครงการ ปีงบประมาณ {board.fiscal_year} — หน้า &P จาก &N"


def _legend(sheet) -> None:
    from openpyxl.styles import Font, PatternFill

    sheet.append(["สถานะ", "ความหมาย"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for state in STATES.values():
        sheet.append([f"{state.symbol} {state.long_th}", state.meaning_th])
        cell = sheet.cell(row=sheet.max_row, column=1)
        cell.fill = PatternFill(fill_type="solid", start_color=state.fill, end_color=state.fill)
        cell.font = Font(color=state.colour)
        cell.data_type = "s"
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 80


def board_json(board: Board) -> str:
    return json.dumps(board.as_dict(), ensure_ascii=False, indent=2)
