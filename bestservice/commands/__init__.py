"""One module per CLI command. Each defines NAME, HELP, add_arguments(parser) and run(args) -> int."""

from __future__ import annotations

import sys
from pathlib import Path

from bestservice.content import Content, load_content
from bestservice.content.problems import ContentError
from bestservice.content.reference import Reference, load_reference
from bestservice.kb import DEFAULTS_DIR, KnowledgeBase, find_root, knowledge_base


def add_content_arguments(parser, lessons: bool = True) -> None:
    """`--root DIR`, `--projects DIR` and `--lessons DIR`: the knowledge base every content command reads."""
    parser.add_argument("--root", type=Path, help="โฟลเดอร์คลังความรู้ที่มี mkdocs.yml (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน หรือโฟลเดอร์แม่ที่ใกล้ที่สุดที่มี mkdocs.yml)")
    parser.add_argument("--projects", type=Path, help="โฟลเดอร์โครงการ (ค่าเริ่มต้น: projects/ ของคลังความรู้)")
    if lessons:
        parser.add_argument("--lessons", type=Path, help="โฟลเดอร์บทเรียน (ค่าเริ่มต้น: lessons/ ของคลังความรู้)")


def open_knowledge_base(args) -> tuple[KnowledgeBase, Reference]:
    """The knowledge base of --root (or around the working directory, or around --projects) and its
    reference data; --projects and --lessons default to its folders.

    Content folders given outside any knowledge base (--projects with no mkdocs.yml above it or the
    working directory) are checked against the package's default reference data, and stderr says so."""
    try:
        kb = knowledge_base(args.root)
    except ContentError:
        if args.root is not None or args.projects is None:
            raise
        try:
            kb = KnowledgeBase(find_root(Path(args.projects)))
        except ContentError:
            kb = KnowledgeBase(DEFAULTS_DIR)
            print(
                f"หมายเหตุ: {args.projects} ไม่อยู่ในคลังความรู้ใด (ไม่พบ mkdocs.yml) จึงตรวจกับข้อมูลอ้างอิงชุดมาตรฐานของโปรแกรม (default reference data)",
                file=sys.stderr,
            )
    args.projects = args.projects or kb.projects_dir
    args.lessons = getattr(args, "lessons", None) or kb.lessons_dir
    return kb, load_reference(kb.reference_dir)


def load_reporting(args) -> Content:
    """The content of --projects/--lessons, each unreadable file reported on stderr."""
    content = load_content(args.projects, args.lessons)
    for problem in content.unreadable:
        print(problem.format(), file=sys.stderr)
    return content
