"""MkDocs adapter: hands the core's generated pages (bestservice.pages) to MkDocs.

All logic lives in the core; this hook only turns each page into a generated MkDocs File.
Generated pages are not in the nav and never pass through mkdocs-macros (they do not set
render_macros, and render_by_default is off).

Their bodies are finished, escaped HTML, so they skip Python-Markdown: MkDocs gets a placeholder
body, and on_page_content puts the HTML (and its table of contents) back. Parsing thousands of
ready-made HTML pages as Markdown was the largest single cost of a big build.
"""

from __future__ import annotations

import logging

from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from bestservice.content import shared_content
from bestservice.pages import Page, generate_pages
from bestservice.reference import load_reference

log = logging.getLogger("mkdocs.hooks.bestservice")
PLACEHOLDER = "<!-- generated page: body added by macros/hooks.py -->"
_generated: dict[str, Page] = {}


def on_files(files, config):
    _generated.clear()
    content = shared_content()
    for problem in content.unreadable:
        log.warning("อ่านไฟล์ไม่ได้ (ข้ามไป): %s", problem.format())
    for item in generate_pages(content, load_reference()):
        if files.get_file_from_path(item.path) is not None:
            log.warning("ข้ามหน้าที่สร้างอัตโนมัติ %s: มีไฟล์ชื่อนี้ใน docs/ อยู่แล้ว", item.path)
            continue
        if isinstance(item, Page):
            _generated[item.path] = item
            text = item.markdown(body=PLACEHOLDER)
        else:
            text = item.content
        files.append(File.generated(config, item.path, content=text))
    return files


def on_page_content(html, page, config, files):
    item = _generated.get(page.file.src_uri)
    if item is None:
        return html
    page.toc = get_toc(item.toc_tokens())
    return item.html
