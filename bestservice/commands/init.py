"""`bestservice init DIR`: a new, empty knowledge base that builds (for another organisation that
runs the same programme, or a fresh start)."""

from __future__ import annotations

from pathlib import Path

from bestservice.kb import init

NAME = "init"
HELP = "สร้างคลังความรู้ใหม่ที่ว่างเปล่าในโฟลเดอร์ DIR (create a new, empty knowledge base)"


def add_arguments(parser) -> None:
    parser.add_argument("dir", type=Path, help="โฟลเดอร์ใหม่ (ต้องยังไม่มี หรือว่างเปล่า)")


def run(args) -> int:
    kb = init(args.dir)
    print(f"สร้างคลังความรู้ใหม่แล้วที่ {kb.root}")
    print(f"ต่อไป: cd {kb.root} แล้วใช้ bestservice new project เพื่อเพิ่มโครงการ, bestservice validate เพื่อตรวจ และ mkdocs build เพื่อสร้างเว็บไซต์")
    return 0
