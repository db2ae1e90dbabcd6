"""`bestservice validate [PATH...]`: check content files, print every problem, exit 1 once."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bestservice.commands import add_content_arguments, open_knowledge_base, projects_folder_missing
from bestservice.content.validate import validate
from bestservice.kb import DEFAULTS_DIR

NAME = "validate"
HELP = "ตรวจไฟล์โครงการและบทเรียน (validate project and lesson files)"


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, help="ไฟล์หรือโฟลเดอร์ที่จะตรวจ (ค่าเริ่มต้น: ทั้งหมด)")
    add_content_arguments(parser)
    parser.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON")


def run(args) -> int:
    kb, reference = open_knowledge_base(args)
    if projects_folder_missing(args):
        return 1
    report = validate(
        args.paths or None,
        projects_dir=args.projects,
        lessons_dir=args.lessons,
        reference=reference,
        cache_dir=None if kb.root == DEFAULTS_DIR else kb.cache_dir,
        root=None if kb.root == DEFAULTS_DIR else kb.root,
    )
    if args.json:
        print(json.dumps({"checked": report.checked, "problems": [p.as_dict() for p in report.problems]}, ensure_ascii=False, indent=2))
    else:
        for item in report.problems:
            print(item.format(), file=sys.stderr if item.severity == "error" else sys.stdout)
        summary = f"ตรวจ {report.checked} ไฟล์: พบข้อผิดพลาด {len(report.errors)} รายการ คำเตือน {len(report.warnings)} รายการ"
        print(summary, file=sys.stderr if report.errors else sys.stdout)
    return 1 if report.errors else 0
