"""`bestservice pages --out DIR`: write every generated catalogue page to a folder.

The same pages the MkDocs plugin adds at build time, as files (to read or to publish elsewhere).
A complete site source for generators that ignore MkDocs plugins (Zensical), with the search index,
the check page's data, open data and the guide's macros rendered too, is the staging folder:
`make stage` (bestservice_mkdocs/staging.py).
"""

from __future__ import annotations

from pathlib import Path

from bestservice.commands import add_content_arguments, load_reporting, open_knowledge_base
from bestservice.files import write_files
from bestservice.pages import Page, generate_pages

NAME = "pages"
HELP = "เขียนหน้าคลังโครงการที่สร้างอัตโนมัติลงโฟลเดอร์ (write the generated catalogue pages to a folder)"


def add_arguments(parser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="โฟลเดอร์ปลายทาง เช่น docs (จะสร้าง projects/, catalogue/ ... ในนั้น)")
    parser.add_argument("--force", action="store_true", help="เขียนทับไฟล์ที่มีอยู่แล้วในโฟลเดอร์ปลายทาง (รวมถึงหน้าที่เขียนด้วยมือ)")
    add_content_arguments(parser)


def run(args) -> int:
    _, reference = open_knowledge_base(args)
    content = load_reporting(args)
    items = generate_pages(content, reference)
    files = {args.out / item.path: item.markdown() if isinstance(item, Page) else item.content for item in items}
    count = len(write_files(args.out, files, args.force))
    pages = sum(isinstance(i, Page) for i in items)
    print(f"เขียน {pages} หน้า และไฟล์ข้อมูล {count - pages} ไฟล์ ลงใน {args.out}")
    return 1 if content.unreadable else 0
