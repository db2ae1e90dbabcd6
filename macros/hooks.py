"""MkDocs adapter: hands the core's generated pages (bestservice.pages) to MkDocs.

All logic lives in the core; this hook only turns each page into a generated MkDocs File.
Generated pages are not in the nav and never pass through mkdocs-macros (they do not set
render_macros, and render_by_default is off).
"""

from __future__ import annotations

import logging

from mkdocs.structure.files import File

from bestservice.content import shared_content
from bestservice.pages import Page, generate_pages
from bestservice.reference import load_reference

log = logging.getLogger("mkdocs.hooks.bestservice")


def on_files(files, config):
    content = shared_content()
    for problem in content.unreadable:
        log.warning("อ่านไฟล์ไม่ได้ (ข้ามไป): %s", problem.format())
    for item in generate_pages(content, load_reference()):
        if files.get_file_from_path(item.path) is not None:
            log.warning("ข้ามหน้าที่สร้างอัตโนมัติ %s: มีไฟล์ชื่อนี้ใน docs/ อยู่แล้ว", item.path)
            continue
        text = item.markdown() if isinstance(item, Page) else item.content
        files.append(File.generated(config, item.path, content=text))
    return files
