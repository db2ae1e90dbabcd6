"""MkDocs adapter: hands the core's generated pages (bestservice.pages) to MkDocs.

All logic lives in the core; this hook only turns each page into a generated MkDocs File whose
Page already holds its finished, escaped HTML. Generated pages are not in the nav and never pass
through mkdocs-macros (they do not set render_macros, and render_by_default is off).

They skip Python-Markdown altogether (GeneratedPage): parsing thousands of ready-made HTML pages as
Markdown, and setting up a Markdown converter for each, was the largest single cost of a big build.

Then the theme: Material's page template costs about as much again, and for generated pages (not in
the navigation) its output differs only by the title, the body and the table of contents. So
Material's main.html renders once per kind of page (same depth and metadata) with markers for those,
the table of contents is rendered by the theme's own partials/toc.html once per distinct table, and
each page is the shell with its own parts put in. The site is byte for byte the one Material
renders page by page (tests/test_catalogue_build.py builds both and compares).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import logging
import os
import re
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from bestservice.content import LESSONS_DIR, PROJECTS_DIR, shared_content
from bestservice.pages import Page, shared_pages
from bestservice.reference import load_reference

log = logging.getLogger("mkdocs.hooks.bestservice")
ANCHOR = re.compile(r'\sid="([^"]+)"')


SHELL_TEMPLATE = "bestservice-shell.html"  # overrides/: prints the page put together below
TITLE, BODY, TOC, SKIP = (f"\x00bestservice:{name}\x00" for name in ("title", "body", "toc", "skip"))
BODY_WITH_H1 = "<h1" + BODY  # Material adds an <h1> title only to a body without one
MARKERS = re.compile("(" + "|".join(re.escape(marker) for marker in (TITLE, BODY_WITH_H1, BODY, TOC, SKIP)) + ")")
MARKER_ANCHOR = "bestservice-toc-marker"  # a table of contents of one entry stands for the page's own
_theme: dict = {}

# At exit the interpreter collects cycles once more over every object of the build, just before the
# process ends and its memory goes back anyway: a second of a 5,000-project build. Frozen, they are skipped.
atexit.register(gc.freeze)


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
    _theme.clear()  # a new build, maybe a changed theme or navigation
    _theme.update(env=env, shells={}, tocs={})
    # Compiled theme templates kept between builds, as Python keeps .pyc files (Jinja checks each
    # template's source before it uses them): compiling Material's templates is a second of every build.
    if config.config_file_path:
        cache = Path(config.config_file_path).parent / ".cache" / "jinja"
        with contextlib.suppress(OSError):
            cache.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


def on_page_context(context, page, config, nav):
    """A generated page: Material's output for its kind of page, with its own title, body and
    table of contents (the sidebar list and the skip link to its first entry)."""
    if not isinstance(page, GeneratedPage) or page.meta.get("template") != SHELL_TEMPLATE:
        return context
    title, body = page.meta["title"], page.content
    body_marker = BODY_WITH_H1 if "<h1" in body else BODY
    meta = {key: value for key, value in page.meta.items() if key != "title"}
    key = (context["base_url"], body_marker, page.canonical_url, page.edit_url, json.dumps(meta, sort_keys=True, ensure_ascii=False), bool(page.toc))
    if key not in _theme["shells"]:
        _theme["shells"][key] = _shell(context, page, body_marker, with_toc_marker=True)
    shell = _theme["shells"][key]
    if shell is None:  # the theme's table of contents could not be told apart: one shell per table
        key += (_toc_key(page.toc),)
        if key not in _theme["shells"]:
            _theme["shells"][key] = _shell(context, page, body_marker, with_toc_marker=False)
        shell = _theme["shells"][key]
    values = {TITLE: title, body_marker: body}
    if TOC in shell:
        values[TOC] = _toc_html(context, page)
    if SKIP in shell:
        values[SKIP] = next(iter(page.toc)).url  # the theme's url filter leaves an anchor as it is
    context["bestservice_page_html"] = "".join(values.get(part, part) for part in shell)
    return context


def _shell(context, page, body_marker: str, with_toc_marker: bool) -> list[str] | None:
    """main.html rendered for this page with markers for its title, body and (with_toc_marker) its
    table of contents, split at the markers; None when the table of contents cannot be found in it."""
    saved = page.meta["title"], page.content, page.toc
    page.meta["title"], page.content = TITLE, body_marker
    if with_toc_marker and page.toc:
        page.toc = TableOfContents([AnchorLink(MARKER_ANCHOR, MARKER_ANCHOR, 2)])
    try:
        html = _theme["env"].get_template("main.html").render(context)
        if with_toc_marker:
            toc = _render_toc(context)
            if html.count(toc) != 1 or html.replace(toc, "").count(MARKER_ANCHOR) != (1 if page.toc else 0):
                return None
            html = html.replace(toc, TOC).replace("#" + MARKER_ANCHOR, SKIP)
    finally:
        page.meta["title"], page.content, page.toc = saved
    return MARKERS.split(html)


def _toc_html(context, page) -> str:
    """The theme's sidebar table of contents of a page (the same for every page with that table)."""
    key = _toc_key(page.toc)
    if key not in _theme["tocs"]:
        _theme["tocs"][key] = _render_toc(context)
    return _theme["tocs"][key]


def _render_toc(context) -> str:
    if "lang" not in _theme:  # base.html imports the theme's translations as `lang` for its partials
        _theme["lang"] = _theme["env"].get_template("partials/language.html").make_module(dict(context))
    return _theme["env"].get_template("partials/toc.html").render(dict(context, lang=_theme["lang"]))


def _toc_key(toc) -> tuple:
    return tuple((item.level, item.id, item.title, _toc_key(item.children)) for item in toc)


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a project or lesson changes (the content is re-read per build)."""
    for folder in (PROJECTS_DIR, LESSONS_DIR):
        if folder.is_dir():
            server.watch(str(folder))
    return server
