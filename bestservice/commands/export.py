"""`bestservice export --out DIR`: write the open-data files (the same as the site's data/ folder)."""

from __future__ import annotations

import sys
from pathlib import Path

from bestservice.commands import add_content_arguments, load_reporting, open_knowledge_base, projects_folder_missing
from bestservice.content.document import display_path
from bestservice.data import export

NAME = "export"
HELP = "ส่งออกข้อมูลเปิด projects.json lessons.json projects.csv และ JSON Schema (export open data)"


def add_arguments(parser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="โฟลเดอร์ที่จะเขียนไฟล์")
    parser.add_argument("--force", action="store_true", help="เขียนทับไฟล์ที่ส่งออกไว้แล้วในโฟลเดอร์นั้น")
    add_content_arguments(parser)


def run(args) -> int:
    _, reference = open_knowledge_base(args)
    if projects_folder_missing(args):  # an empty export would replace the published data without a word
        return 1
    content = load_reporting(args)
    if content.unreadable:
        print("ยังไม่ได้ส่งออก — แก้ไฟล์ที่อ่านไม่ได้ก่อน (ตรวจด้วย bestservice validate)", file=sys.stderr)
        return 1
    for path in export.write_export(args.out, content, reference, args.force):
        print(f"เขียน {display_path(path)}")
    print(f"ส่งออก {len(content.projects)} โครงการ และ {len(content.lessons)} บทเรียน")
    return 0
