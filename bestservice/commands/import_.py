"""`bestservice import FILE.xlsx|FILE.csv`: turn a spreadsheet's rows into project files.

Every row is checked first; if any row is wrong, each problem is shown with its row number and
column and nothing is written. `--dry-run` shows the files that would be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bestservice.commands import add_content_arguments, open_knowledge_base
from bestservice.content import load_content
from bestservice.content.document import display_path
from bestservice.data import spreadsheet

NAME = "import"
HELP = "นำเข้าโครงการจากตาราง .xlsx หรือ .csv (import projects from a spreadsheet)"


def add_arguments(parser) -> None:
    parser.add_argument("file", type=Path, help="ไฟล์ตาราง .xlsx หรือ .csv (แถวแรกเป็นหัวคอลัมน์)")
    parser.add_argument("--mapping", type=Path, help="ไฟล์ YAML จับคู่หัวคอลัมน์กับฟิลด์ (columns: {หัวคอลัมน์: ฟิลด์}, defaults: {ฟิลด์: ค่า})")
    parser.add_argument("--dry-run", action="store_true", help="แสดงไฟล์ที่จะเขียน โดยไม่เขียนจริง")
    add_content_arguments(parser)


def run(args) -> int:
    _, reference = open_knowledge_base(args)
    mapping, defaults = spreadsheet.read_mapping(args.mapping) if args.mapping else ({}, {})
    content = load_content(args.projects, args.lessons)

    def progress(done: int, total: int) -> None:
        print(f"ตรวจแล้ว {done}/{total} แถว", file=sys.stderr)

    result = spreadsheet.plan_import(args.file, args.projects, content, reference, mapping, defaults, progress)
    source = display_path(args.file)
    for warning in result.warnings:
        print(f"คำเตือน: {source}: {warning}", file=sys.stderr)
    if result.errors:
        for error in result.errors:
            print(error.format(source), file=sys.stderr)
        print(f"พบข้อผิดพลาด {len(result.errors)} รายการใน {result.rows} แถว — ยังไม่ได้เขียนไฟล์ใดเลย แก้ตารางแล้วรันอีกครั้ง", file=sys.stderr)
        return 1
    if args.dry_run:
        for _, path, _ in result.planned:
            print(f"จะเขียน {display_path(path)}")
        print(f"(ทดลอง) {len(result.planned)} ไฟล์จาก {result.rows} แถว — ยังไม่ได้เขียน รันอีกครั้งโดยไม่ใส่ --dry-run เพื่อเขียนจริง")
        return 0
    refused = spreadsheet.write_all(result.planned, args.projects)
    for error in refused:
        print(error.format(source), file=sys.stderr)
    if refused:
        print("ยกเลิกการนำเข้าทั้งหมด — ไม่มีไฟล์ใดถูกเขียน", file=sys.stderr)
        return 1
    written = [path for _, path, _ in result.planned]
    for path in written:
        print(f"เขียน {display_path(path)}")
    print(f"นำเข้า {len(written)} โครงการจาก {result.rows} แถว — ตรวจด้วย: bestservice validate")
    return 0
