"""MkDocs adapter: hands the core's generated pages (bestservice.pages) to MkDocs.

All logic lives in the core; this hook only turns each page into a File that MkDocs writes. Generated
pages are not in the nav, never pass through Python-Markdown (their HTML is finished and escaped)
and never through mkdocs-macros.

Material's page template costs as much again as the pages themselves, and for a generated page its
output differs only by the title, the body and the table of contents. So each generated page is a
WrittenPage: MkDocs copies it like any other file instead of running its page events and the theme
for it, and its HTML is Material's main.html rendered once per kind of page (same depth and metadata,
with the page events a page would get) with markers for those parts; the table of contents is the
theme's own partials/toc.html, rendered once per distinct table. The site is byte for byte the one
MkDocs and Material render page by page, which BESTSERVICE_SHELL=0 asks for
(tests/pages/test_catalogue_build.py builds both and compares).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import logging
import os
import re
from functools import cached_property
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.commands.build import _build_theme_template, get_context
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc
from mkdocs.utils import write_file

from bestservice.pages import Page, shared_pages
from bestservice_mkdocs import editing, knowledge, similar

log = logging.getLogger("mkdocs.hooks.bestservice")
ANCHOR = re.compile(r'\sid="([^"]+)"')

TITLE, BODY, TOC, SKIP, CANONICAL = (f"\x00bestservice:{name}\x00" for name in ("title", "body", "toc", "skip", "canonical"))
BODY_WITH_H1 = "<h1" + BODY  # Material adds an <h1> title only to a body without one
MARKERS = re.compile("(" + "|".join(re.escape(marker) for marker in (TITLE, BODY_WITH_H1, BODY, TOC, SKIP, CANONICAL)) + ")")
MARKER_ANCHOR = "bestservice-toc-marker"  # a table of contents of one entry stands for the page's own
_theme: dict = {}
THEME_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")

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

    def render(self, config, files) -> None:
        self.content = self.item.html
        self.toc = get_toc(self.item.toc_tokens())

    @cached_property
    def present_anchor_ids(self) -> set[str]:
        """Read only when a guide page links to an anchor of this page (MkDocs checks it exists)."""
        return set(ANCHOR.findall(self.item.html))


class WrittenPage(File):
    """A generated page that MkDocs copies as it stands (not a documentation page, so no page
    events and no theme for it): its HTML is its kind's shell with its own parts put in."""

    def __init__(self, item: Page, config) -> None:
        as_page = File.generated(config, item.path, content="")  # where MkDocs puts a page at that path
        super().__init__(item.path, None, config.site_dir, config.use_directory_urls, dest_uri=as_page.dest_uri)
        self.generated_by = as_page.generated_by
        page = GeneratedPage(item, self, config)
        page.read_source(config)
        page.render(config, None)

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        write_file(_page_html(self.page).encode("utf-8", errors="xmlcharrefreplace"), self.abs_dest_path)


def shortcuts() -> bool:
    return os.environ.get("BESTSERVICE_SHELL", "1") != "0"


def on_files(files, config):
    for file in unused_theme_search(files, config):
        files.remove(file)
    content, reference = knowledge.content(config), knowledge.reference(config)
    items = shared_pages(content, reference, boards=similar.boards)
    if editing.serving():
        items = editing.while_editing(items, content, reference, config)
    else:
        for problem in content.unreadable:
            log.warning("อ่านไฟล์ไม่ได้ (ข้ามไป): %s", problem.format())
    for item in items:
        if files.get_file_from_path(item.path) is not None:
            log.warning("ข้ามหน้าที่สร้างอัตโนมัติ %s: มีไฟล์ชื่อนี้ใน docs/ อยู่แล้ว", item.path)
            continue
        if not isinstance(item, Page):
            files.append(File.generated(config, item.path, content=item.content))
        elif shortcuts():
            files.append(WrittenPage(item, config))
        else:  # MkDocs renders it like any page
            file = File.generated(config, item.path, content="")
            GeneratedPage(item, file, config)
            files.append(file)
    return files


def unused_theme_search(files, config) -> list[File]:
    """Material's own search (lunr in 37 languages and its worker, 1.2 MB) serves only its search
    plugin, which this site replaces with the Thai search (bestservice.search): without the plugin
    no page loads those files, so the site leaves them out."""
    if "search" in config.plugins or "material/search" in config.plugins:
        return []
    return [file for file in files if file.src_uri.startswith(THEME_SEARCH) and file.src_dir != config.docs_dir]


def on_nav(nav, config, files):
    _theme.clear()  # a new build, maybe a changed theme or navigation
    _theme.update(nav=nav, shells={}, tocs={})
    return nav


def on_env(env, config, files):
    _theme.update(env=env, config=config, files=files, pages=files.documentation_pages())
    # Compiled theme templates kept between builds, as Python keeps .pyc files (Jinja checks each
    # template's source before it uses them): compiling Material's templates is a second of every build.
    if config.config_file_path:
        cache = Path(config.config_file_path).parent / ".cache" / "jinja"
        with contextlib.suppress(OSError):
            cache.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


def _page_html(page: GeneratedPage) -> str:
    """Material's output for the page's kind of page, with its own title, body and table of contents
    (the sidebar list and the skip link to its first entry)."""
    title, body = page.meta["title"], page.content
    body_marker = BODY_WITH_H1 if "<h1" in body else BODY
    meta = {key: value for key, value in page.meta.items() if key != "title"}
    # The canonical address differs on every page when there is a site_url (always under `mkdocs serve`).
    key = (page.url.count("/"), body_marker, bool(page.canonical_url), page.edit_url, json.dumps(meta, sort_keys=True, ensure_ascii=False), bool(page.toc))
    if key not in _theme["shells"]:
        _theme["shells"][key] = _shell(page, body_marker, with_toc_marker=True)
    shell = _theme["shells"][key]
    if shell is None:  # the theme's table of contents could not be told apart: one shell per table
        key += (_toc_key(page.toc),)
        if key not in _theme["shells"]:
            _theme["shells"][key] = _shell(page, body_marker, with_toc_marker=False)
        shell = _theme["shells"][key]
    values = {TITLE: title, body_marker: body, CANONICAL: page.canonical_url}
    if TOC in shell:
        values[TOC] = _toc_html(page)
    if SKIP in shell:
        values[SKIP] = next(iter(page.toc)).url  # the theme's url filter leaves an anchor as it is
    return "".join(values.get(part, part) for part in shell)


def _shell(page: GeneratedPage, body_marker: str, with_toc_marker: bool) -> list[str] | None:
    """The page as MkDocs would build it (context, page events, main.html) with markers for its title,
    body and (with_toc_marker) its table of contents, split at the markers; None when the table of
    contents cannot be found in it."""
    config, nav = _theme["config"], _theme["nav"]
    saved = page.meta["title"], page.content, page.toc, page.canonical_url
    page.meta["title"], page.content = TITLE, body_marker
    page.canonical_url = CANONICAL if page.canonical_url else None
    if with_toc_marker and page.toc:
        page.toc = TableOfContents([AnchorLink(MARKER_ANCHOR, MARKER_ANCHOR, 2)])
    page.active = True
    try:
        context = config.plugins.on_page_context(get_context(nav, _theme["pages"], config, page), page=page, config=config, nav=nav)
        html = config.plugins.on_post_page(_theme["env"].get_template(page.meta.get("template", "main.html")).render(context), page=page, config=config)
        if with_toc_marker:
            toc = _render_toc(context)
            if html.count(toc) != 1 or html.replace(toc, "").count(MARKER_ANCHOR) != (1 if page.toc else 0):
                return None
            html = html.replace(toc, TOC).replace("#" + MARKER_ANCHOR, SKIP)
    finally:
        page.active = False
        page.meta["title"], page.content, page.toc, page.canonical_url = saved
    return MARKERS.split(html)


def _toc_html(page: GeneratedPage) -> str:
    """The theme's sidebar table of contents of a page (the same for every page with that table)."""
    key = _toc_key(page.toc)
    if key not in _theme["tocs"]:
        config = _theme["config"]
        _theme["tocs"][key] = _render_toc(get_context(_theme["nav"], _theme["pages"], config, page))
    return _theme["tocs"][key]


def _render_toc(context) -> str:
    if "lang" not in _theme:  # base.html imports the theme's translations as `lang` for its partials
        _theme["lang"] = _theme["env"].get_template("partials/language.html").make_module(dict(context))
    return _theme["env"].get_template("partials/toc.html").render(dict(context, lang=_theme["lang"]))


def _toc_key(toc) -> tuple:
    return tuple((item.level, item.id, item.title, _toc_key(item.children)) for item in toc)


class _WithWrittenPages(Files):
    """The site's files as the theme's sitemap would see them had MkDocs built the generated pages."""

    def documentation_pages(self, *, inclusion=InclusionLevel.is_included) -> list[File]:
        return [file for file in self if (file.is_documentation_page() or isinstance(file, WrittenPage)) and inclusion(file.inclusion)]


def on_post_build(config, **kwargs):
    """With a site_url the sitemap lists every page: the generated ones too, as MkDocs would."""
    if config.site_url and "sitemap.xml" in config.theme.static_templates and any(isinstance(file, WrittenPage) for file in _theme["files"]):
        _build_theme_template("sitemap.xml", _theme["env"], _WithWrittenPages(list(_theme["files"])), config, _theme["nav"])


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a project or lesson changes (the content is re-read per build)."""
    kb = knowledge.knowledge_base(config)
    for folder in (kb.projects_dir, kb.lessons_dir):
        if folder.is_dir():
            server.watch(str(folder))
    return server
