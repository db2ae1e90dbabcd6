"""MkDocs adapter: hands the core's generated pages (bestservice.pages) to MkDocs.

All logic lives in the core; this hook only turns each page into a generated MkDocs File whose
Page already holds its finished, escaped HTML. Generated pages are not in the nav and never pass
through mkdocs-macros (they do not set render_macros, and render_by_default is off).

They skip Python-Markdown altogether (GeneratedPage): parsing thousands of ready-made HTML pages as
Markdown, and setting up a Markdown converter for each, was the largest single cost of a big build.

Then the theme: Material's page template costs about as much again, and for generated pages (not in
the navigation) its output differs only by the title and the body. So Material's main.html renders
once per kind of page (same depth, table of contents and metadata) with markers for the title and
the body, and each page is that shell with its own title and body put in. The site is byte for byte
the one Material renders page by page (tests/test_catalogue_build.py builds both and compares).
"""

from __future__ import annotations

import json
import logging
import os
import re

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from bestservice.content import LESSONS_DIR, PROJECTS_DIR, shared_content
from bestservice.pages import Page, shared_pages
from bestservice.reference import load_reference

log = logging.getLogger("mkdocs.hooks.bestservice")
ANCHOR = re.compile(r'\sid="([^"]+)"')


SHELL_TEMPLATE = "bestservice-shell.html"  # overrides/: prints the page put together below
TITLE, BODY = "\x00bestservice:title\x00", "\x00bestservice:body\x00"
BODY_WITH_H1 = "<h1" + BODY  # Material adds an <h1> title only to a body without one
MARKERS = re.compile("(" + "|".join(re.escape(marker) for marker in (TITLE, BODY_WITH_H1, BODY)) + ")")
_theme: dict = {}


class GeneratedPage(MkDocsPage):
    """A page whose front matter and HTML come from the core, not from a Markdown file."""

    def __init__(self, item: Page, file: File, config) -> None:
        super().__init__(None, file, config)
        self.item = item

    def read_source(self, config) -> None:
        self.markdown = ""
        self.meta = self.item.front_matter()
        if os.environ.get("BESTSERVICE_SHELL", "1") != "0":
            self.meta["template"] = SHELL_TEMPLATE

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
    _theme.update(env=env, shells={})  # a new build, maybe a changed theme or navigation
    return env


def on_page_context(context, page, config, nav):
    """A generated page: Material's output for its kind of page, with its own title and body."""
    if not isinstance(page, GeneratedPage) or page.meta.get("template") != SHELL_TEMPLATE:
        return context
    title, body = page.meta["title"], page.content
    body_marker = BODY_WITH_H1 if "<h1" in body else BODY
    meta = {key: value for key, value in page.meta.items() if key != "title"}
    key = (context["base_url"], body_marker, page.canonical_url, page.edit_url, json.dumps(meta, sort_keys=True, ensure_ascii=False), _toc_key(page.toc))
    shell = _theme["shells"].get(key)
    if shell is None:
        page.meta["title"], page.content = TITLE, body_marker
        try:
            shell = _theme["shells"][key] = MARKERS.split(_theme["env"].get_template("main.html").render(context))
        finally:
            page.meta["title"], page.content = title, body
    context["bestservice_page_html"] = "".join(title if part == TITLE else body if part == body_marker else part for part in shell)
    return context


def _toc_key(toc) -> tuple:
    return tuple((item.level, item.id, item.title, _toc_key(item.children)) for item in toc)


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a project or lesson changes (the content is re-read per build)."""
    for folder in (PROJECTS_DIR, LESSONS_DIR):
        if folder.is_dir():
            server.watch(str(folder))
    return server
