"""`bestservice pages --out DIR`: the complete site source, which any generator reading mkdocs.yml
builds without our plugin (`make stage`, then `make build-staged` with MkDocs or `make build-zensical`).

Run again, it writes only the files that changed. It never writes into the knowledge base's docs/,
and writes into a folder holding anything but an earlier site source only with --force.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bestservice.commands import open_knowledge_base
from bestservice.content.problems import ERROR
from bestservice.site.build import SiteBuild
from bestservice.site.folder import write_site_source
from bestservice.site.hand_pages import MarkdownRenderer
from bestservice.site.settings import SiteSettings

NAME = "pages"
HELP = "เขียนต้นฉบับเว็บไซต์ครบทุกไฟล์ลงโฟลเดอร์ สร้างต่อได้โดยไม่ต้องใช้ปลั๊กอิน (write the complete site source to a folder)"


def add_arguments(parser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="โฟลเดอร์ปลายทาง เช่น build/site-source (ไม่ใช่ docs/)")
    parser.add_argument("--root", type=Path, help="โฟลเดอร์คลังความรู้ที่มี mkdocs.yml (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบันหรือโฟลเดอร์แม่ที่ใกล้ที่สุด)")
    parser.add_argument("--force", action="store_true", help="เขียนลงโฟลเดอร์ที่มีไฟล์อื่นอยู่แล้ว")


def run(args) -> int:
    args.projects = None
    kb, _ = open_knowledge_base(args)
    settings = SiteSettings.read(kb.config_file)
    MarkdownRenderer(list(settings.markdown_extensions)).check(kb.config_file)
    with SiteBuild(kb, settings) as build:
        build.refresh()
        errors = [p for p in build.problems if p.severity == ERROR]
        if errors:  # a site source is what gets published: not with content errors
            for problem in errors:
                print(problem.format(), file=sys.stderr)
            print(f"ไม่ได้เขียนต้นฉบับเว็บไซต์: พบข้อผิดพลาด {len(errors)} รายการในเนื้อหา (แก้ตามข้อความด้านบน แล้วรันอีกครั้ง)", file=sys.stderr)
            return 1
        stats = write_site_source(build, args.out, force=args.force)
    print(
        f"ต้นฉบับเว็บไซต์ {stats['pages']} หน้า ({stats['files']} ไฟล์; เขียนใหม่ {stats['written']} ไฟล์, ไม่เปลี่ยน {stats['kept']}, ลบ {stats['removed']}) "
        f"อยู่ใน {args.out}: สร้างต่อด้วย mkdocs build -f {args.out}/mkdocs.yml หรือ zensical build -f {args.out}/mkdocs.yml"
    )
    return 0
