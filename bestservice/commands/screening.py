"""`bestservice screening --fiscal-year 2569 [--xlsx FILE] [--json]`: the committee's screening board.

One row per proposal of the year, each criterion's state (the same checks as `validate`), as a Thai
summary in the terminal, an .xlsx for the meeting, or JSON. An unreadable project file is a row
with its errors, never a failure of the board. The site offers the same workbook for download.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bestservice.commands import add_content_arguments, chosen_fiscal_year, open_knowledge_base, projects_folder_missing
from bestservice.commands.coverage import coverage_line, table
from bestservice.committee.screening import DECISION_TH, board_years, screening_board
from bestservice.committee.states import STATES
from bestservice.committee.workbook import board_json, board_workbook
from bestservice.content import load_content
from bestservice.files import write_file
from bestservice.fiscal import current_fiscal_year

NAME = "screening"
HELP = "กระดานพิจารณาข้อเสนอโครงการตามเกณฑ์ 12 ข้อ (the committee's screening board)"


def add_arguments(parser) -> None:
    parser.add_argument("--fiscal-year", type=int, default=None, help="ปีงบประมาณ พ.ศ. เช่น 2569 (ค่าเริ่มต้น: ปีล่าสุดที่มีโครงการ)")
    parser.add_argument("--xlsx", type=Path, help="เขียนกระดานเป็นไฟล์ Excel (.xlsx) สำหรับการประชุม")
    parser.add_argument("--json", action="store_true", help="พิมพ์กระดานเป็น JSON")
    parser.add_argument("--force", action="store_true", help="เขียนทับไฟล์ --xlsx ที่มีอยู่แล้ว")
    add_content_arguments(parser)


def run(args) -> int:
    _, reference = open_knowledge_base(args)
    if projects_folder_missing(args):
        return 1
    content = load_content(args.projects, args.lessons)
    year = chosen_fiscal_year(args.fiscal_year, next(iter(board_years(content)), current_fiscal_year()))
    if year is None:
        return 1
    board = screening_board(content, reference, year)
    if args.xlsx:
        types = {t["id"]: t["name_th"] for t in reference.unit_types}
        groups = {g["id"]: g["name_th"] for g in reference.groups}
        write_file(args.xlsx, board_workbook(board, types, groups), root=args.xlsx.absolute().parent, force=args.force)
        print(f"เขียนกระดานพิจารณาปีงบประมาณ {year} ({len(board.rows)} ข้อเสนอ) ลงใน {args.xlsx}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(board_json(board))
    elif not args.xlsx:
        print_summary(board)
    return 0


def print_summary(board) -> None:
    print(f"กระดานพิจารณาข้อเสนอโครงการ ปีงบประมาณ {board.fiscal_year}")
    print(f"{len(board.rows)} ข้อเสนอ · ไม่พบปัญหาในข้อที่ระบบตรวจ {board.passing} · มีมติแล้ว {len(board.decided)}")
    print(coverage_line(board.coverage) + "\n")
    header = ["ข้อเสนอ", *[str(c["number"]) for c in board.criteria], "มติ"]
    rows = [[row.id, *[STATES[c.state].symbol for c in row.criteria], DECISION_TH[row.decision_status]] for row in board.rows]
    print(table(header, rows))
    print("\n" + "  ".join(f"{state.symbol} {state.long_th}" for state in STATES.values()))
    for row in board.rows:
        problems = [(c.number, p) for c in row.criteria for p in c.problems] + [(0, p) for p in row.other_problems]
        if problems:
            print(f"\n{row.id} ({row.path})")
            for number, problem in problems:
                print(f"  {'ข้อ ' + str(number) if number else 'อื่น ๆ'}: {problem.format()}")
