"""MkDocs adapter: hands the core's generated pages (bestservice.pages) to MkDocs.

All logic lives in the core; this hook only turns each page into a generated MkDocs File whose
Page already holds its finished, escaped HTML. Generated pages are not in the nav and never pass
through mkdocs-macros (they do not set render_macros, and render_by_default is off).

They skip Python-Markdown altogether (GeneratedPage): parsing thousands of ready-made HTML pages as
Markdown, and setting up a Markdown converter for each, was the largest single cost of a big build.
"""

from __future__ import annotations

import logging
import re

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from bestservice.content import LESSONS_DIR, PROJECTS_DIR, shared_content
from bestservice.pages import Page, shared_pages
from bestservice.reference import load_reference

log = logging.getLogger("mkdocs.hooks.bestservice")
ANCHOR = re.compile(r'\sid="([^"]+)"')


class GeneratedPage(MkDocsPage):
    """A page whose front matter and HTML come from the core, not from a Markdown file."""

    generated = True  # overrides/main.html renders the (identical) sidebar of such pages once per depth

    def __init__(self, item: Page, file: File, config) -> None:
        super().__init__(None, file, config)
        self.item = item

    def read_source(self, config) -> None:
        self.markdown = ""
        self.meta = self.item.front_matter()

    def render(self, config, files) -> None:
        self.content = self.item.html
        self.toc = get_toc(self.item.toc_tokens())
        self.present_anchor_ids = set(ANCHOR.findall(self.item.html))


def on_files(files, config):
    content = shared_content()
    for problem in content.unreadable:
        log.warning("อ่านไฟล์ไม่ได้ (ข้ามไป): %s", problem.format())
    for item in shared_pages(content, load_reference()):
        if files.get_file_from_path(item.path) is not None:
            log.warning("ข้ามหน้าที่สร้างอัตโนมัติ %s: มีไฟล์ชื่อนี้ใน docs/ อยู่แล้ว", item.path)
            continue
        if isinstance(item, Page):
            file = File.generated(config, item.path, content="")
            GeneratedPage(item, file, config)
        else:
            file = File.generated(config, item.path, content=item.content)
        files.append(file)
    return files


def on_env(env, config, files):
    """A fresh sidebar cache for overrides/main.html on every build (`mkdocs serve` rebuilds)."""
    env.globals["generated_sidebars"] = {}
    return env


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a project or lesson changes (the content is re-read per build)."""
    for folder in (PROJECTS_DIR, LESSONS_DIR):
        if folder.is_dir():
            server.watch(str(folder))
    return server
