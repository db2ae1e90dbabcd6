"""Generated pages handed to MkDocs as finished files, in the theme's page (its "shell").

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

import json
import os
import re
from functools import cached_property

from mkdocs.commands.build import get_context
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc
from mkdocs.utils import write_file

from bestservice.pages import Page

ANCHOR = re.compile(r'\sid="([^"]+)"')
TITLE, BODY, TOC, SKIP, CANONICAL = (f"\x00bestservice:{name}\x00" for name in ("title", "body", "toc", "skip", "canonical"))
BODY_WITH_H1 = "<h1" + BODY  # Material adds an <h1> title only to a body without one
MARKERS = re.compile("(" + "|".join(re.escape(marker) for marker in (TITLE, BODY_WITH_H1, BODY, TOC, SKIP, CANONICAL)) + ")")
MARKER_ANCHOR = "bestservice-toc-marker"  # a table of contents of one entry stands for the page's own


def shortcuts() -> bool:
    """Off (BESTSERVICE_SHELL=0): MkDocs renders every generated page itself, for comparison."""
    return os.environ.get("BESTSERVICE_SHELL", "1") != "0"


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
    """A generated page that MkDocs copies as it stands (not a documentation page, so no page events
    and no theme for it): its HTML is its kind's shell with its own parts put in. `unchanged`: the
    page is the same as in the last build of this `mkdocs serve --dirty`, whose file is still there."""

    def __init__(self, item: Page, config, shells: PageShells, unchanged: bool = False) -> None:
        as_page = File.generated(config, item.path, content="")  # where MkDocs puts a page at that path
        super().__init__(item.path, None, config.site_dir, config.use_directory_urls, dest_uri=as_page.dest_uri)
        self.generated_by = as_page.generated_by
        self.shells, self.unchanged = shells, unchanged
        page = GeneratedPage(item, self, config)
        page.read_source(config)
        page.render(config, None)

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and self.unchanged and os.path.isfile(self.abs_dest_path):
            return
        write_file(self.shells.html(self.page).encode("utf-8", errors="xmlcharrefreplace"), self.abs_dest_path)


class PageShells:
    """The theme's shells of one build: made once the theme's environment and navigation exist."""

    def __init__(self, config, kept: PageShells | None = None) -> None:
        """`kept`: the shells of the last build, still right when the theme and navigation are unchanged."""
        self.config = config
        self.nav = None
        self.env = None
        self.pages: list = []
        self.files = None
        self.shells: dict[tuple, list[str] | None] = kept.shells if kept else {}
        self.tocs: dict[tuple, str] = kept.tocs if kept else {}
        self.written: list[WrittenPage] = []
        self._last_written = {file.src_uri: file for file in kept.written} if kept else {}
        self._lang = None

    def add(self, item: Page, files, unchanged: bool = False) -> None:
        """Hand a generated page to MkDocs: as a WrittenPage, or (shortcuts off) as a page MkDocs renders."""
        if shortcuts():
            file = self._last_written.get(item.path) if unchanged else None
            if file is None:
                file = WrittenPage(item, self.config, self, unchanged)
            else:  # the last build's, as it stands (making 6,000 pages' files and pages anew was 1 s of a rebuild at 5,000 projects)
                file.shells, file.unchanged = self, True
            self.written.append(file)
        else:
            file = File.generated(self.config, item.path, content="")
            GeneratedPage(item, file, self.config)
        files.append(file)

    def html(self, page: GeneratedPage) -> str:
        """Material's output for the page's kind of page, with its own title, body and table of contents
        (the sidebar list and the skip link to its first entry)."""
        title, body = page.meta["title"], page.content
        body_marker = BODY_WITH_H1 if "<h1" in body else BODY
        meta = {key: value for key, value in page.meta.items() if key != "title"}
        # The canonical address differs on every page when there is a site_url (always under `mkdocs serve`).
        key = (page.url.count("/"), body_marker, bool(page.canonical_url), page.edit_url, json.dumps(meta, sort_keys=True, ensure_ascii=False), bool(page.toc))
        if key not in self.shells:
            self.shells[key] = self._shell(page, body_marker, with_toc_marker=True)
        shell = self.shells[key]
        if shell is None:  # the theme's table of contents could not be told apart: one shell per table
            key += (_toc_key(page.toc),)
            if key not in self.shells:
                self.shells[key] = self._shell(page, body_marker, with_toc_marker=False)
            shell = self.shells[key]
        values = {TITLE: title, body_marker: body, CANONICAL: page.canonical_url}
        if TOC in shell:
            values[TOC] = self._toc_html(page)
        if SKIP in shell:
            values[SKIP] = next(iter(page.toc)).url  # the theme's url filter leaves an anchor as it is
        return "".join(values.get(part, part) for part in shell)

    def _shell(self, page: GeneratedPage, body_marker: str, with_toc_marker: bool) -> list[str] | None:
        """The page as MkDocs would build it (context, page events, main.html) with markers for its title,
        body and (with_toc_marker) its table of contents, split at the markers; None when the table of
        contents cannot be found in it."""
        config, nav = self.config, self.nav
        saved = page.meta["title"], page.content, page.toc, page.canonical_url
        page.meta["title"], page.content = TITLE, body_marker
        page.canonical_url = CANONICAL if page.canonical_url else None
        if with_toc_marker and page.toc:
            page.toc = TableOfContents([AnchorLink(MARKER_ANCHOR, MARKER_ANCHOR, 2)])
        page.active = True
        try:
            context = config.plugins.on_page_context(get_context(nav, self.pages, config, page), page=page, config=config, nav=nav)
            html = config.plugins.on_post_page(self.env.get_template(page.meta.get("template", "main.html")).render(context), page=page, config=config)
            if with_toc_marker:
                toc = self._render_toc(context)
                if html.count(toc) != 1 or html.replace(toc, "").count(MARKER_ANCHOR) != (1 if page.toc else 0):
                    return None
                html = html.replace(toc, TOC).replace("#" + MARKER_ANCHOR, SKIP)
        finally:
            page.active = False
            page.meta["title"], page.content, page.toc, page.canonical_url = saved
        return MARKERS.split(html)

    def _toc_html(self, page: GeneratedPage) -> str:
        """The theme's sidebar table of contents of a page (the same for every page with that table)."""
        key = _toc_key(page.toc)
        if key not in self.tocs:
            self.tocs[key] = self._render_toc(get_context(self.nav, self.pages, self.config, page))
        return self.tocs[key]

    def _render_toc(self, context) -> str:
        if self._lang is None:  # base.html imports the theme's translations as `lang` for its partials
            self._lang = self.env.get_template("partials/language.html").make_module(dict(context))
        return self.env.get_template("partials/toc.html").render(dict(context, lang=self._lang))


def _toc_key(toc) -> tuple:
    return tuple((item.level, item.id, item.title, _toc_key(item.children)) for item in toc)
