"""The site's one MkDocs plugin (`plugins: [bestservice]`): it translates MkDocs' events to the core's
site build (bestservice.site.SiteBuild), which does all the work.

The plugin object lives for a whole `mkdocs serve` (it has on_startup), and so does the SiteBuild it
holds: each rebuild reads again only the files that changed and renders again only the pages whose
inputs changed. Under `mkdocs serve` a file's problems show above its page and in the terminal;
under `mkdocs build` any content error stops the build, its located messages printed last.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as option
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from bestservice.content.cache import cache_home
from bestservice.content.problems import ContentError
from bestservice.kb import from_config_file
from bestservice.pages import Page
from bestservice.site.build import SiteBuild, about
from bestservice.site.settings import SiteSettings
from bestservice_mkdocs.shells import PageShells

log = logging.getLogger("mkdocs.plugins.bestservice")
THEME_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


class BestServiceConfig(base.Config):
    # `fail` (the default): a content error stops `mkdocs build`. `show`: the site is built anyway,
    # each file's problems above its page, as `mkdocs serve` always does (for demonstration and test
    # sites made of partial records; never for the published site).
    on_content_error = option.Choice(("fail", "show"), default="fail")


def _located(event):
    """A problem the core finds in the knowledge base's own files (a guide page, a reference file) stops the
    build with its located message, as a content error does, not with a traceback."""

    @functools.wraps(event)
    def translated(self, *args, **kwargs):
        try:
            return event(self, *args, **kwargs)
        except ContentError as err:
            lines = [problem.format() for problem in err.problems]
            raise PluginError("\n".join([*lines, "แก้ตามข้อความด้านบน แล้วสร้างเว็บไซต์อีกครั้ง"])) from None

    return translated


class BestServicePlugin(BasePlugin[BestServiceConfig]):
    """Catalogue pages, boards, Thai search, check-page data, open data and feeds, from the site build."""

    def __init__(self) -> None:
        self.site: SiteBuild | None = None
        self.serving = False
        self.dirty = False
        self._refreshed_for = None  # the MkDocs config of the build the site was last refreshed for
        self._changed: set[str] = set()  # the content files saved since the last build (serve)
        self._reported: list = []  # their problems, printed already
        self._kept_shells: PageShells | None = None  # the theme's shells of the last build (serve --dirty)
        self._titles: dict[str, str | None] = {}  # the hand-written pages' titles the last build read
        self.shells: PageShells | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty and command == "serve"
        if self.dirty:
            # MkDocs warns that a dirty build's navigation may be wrong (and a strict site stops on it):
            # here it is not, see _rebuild_hand_pages, so the warning would only stop every rebuild
            logging.getLogger("mkdocs.commands.build").addFilter(_NotTheDirtyWarning())
            log.info("mkdocs serve --dirty: หลังบันทึก เขียนใหม่เฉพาะหน้าที่เปลี่ยน")

    def site_for(self, config) -> SiteBuild:
        """The site build, refreshed once per MkDocs build (mkdocs-macros asks for it too)."""
        kb = from_config_file(config.config_file_path)
        settings = _settings(config)
        if self.site is None or self.site.kb != kb or self.site.settings != settings:
            self.site = SiteBuild(kb, settings, serving=self.serving, show_problems=self.serving or self.config.on_content_error == "show")
        if self._refreshed_for is not config:
            self._refreshed_for = config
            changes = self.site.refresh()
            self.site.start()
            first = len(changes.files) >= len(self.site.content.documents)
            self._kept_shells = None if first or changes.reference else self._kept_shells
            self._changed = set() if first or not self.serving else {os.path.abspath(path) for path in changes.files}
            self._reported = self.site.problems_of(self._changed) if self._changed else []
            self._report(self._reported)
        return self.site

    def _report(self, problems) -> None:
        """Under `mkdocs serve`: the problems of the files just saved, in the terminal (as INFO: a
        warning would stop a strict rebuild and leave the editor looking at the old page)."""
        for problem in problems:
            log.info("%s", problem.format())

    @_located
    def on_config(self, config):
        self.site_for(config)
        return config

    @_located
    def on_files(self, files, config):
        site = self.site_for(config)
        if not site.show_problems and site.errors:
            raise PluginError(_failure(site))
        for file in [f for f in files if f.src_uri.startswith(THEME_SEARCH) and f.src_dir != config.docs_dir and not _theme_search(config)]:
            files.remove(file)  # Material's own search (1.2 MB) serves only its search plugin, which this site replaces
        kept = self._kept_shells if self.dirty and not _hand_pages_changed(files, config) else None
        if self.dirty and kept is None:
            _rebuild_hand_pages(files)
        self.shells = PageShells(config, kept)
        generated = site.generated()
        site.remember(generated)
        hand_written = set(files.src_uris)  # (get_file_from_path() made a PurePath per output)
        for output in generated:
            if output.path in hand_written:
                log.warning("ข้ามไฟล์ที่สร้างอัตโนมัติ %s: มีไฟล์ชื่อนี้ใน docs/ อยู่แล้ว", output.path)
            elif isinstance(output.data, Page):
                self.shells.add(output.data, files, unchanged=kept is not None and output.path not in site.changed_outputs)
            else:
                files.append(File.generated(config, output.path, content=output.data))
        return files

    def on_nav(self, nav, config, files):
        self.shells.nav = nav
        if self._kept_shells is not None and self.shells.shells is self._kept_shells.shells:
            # a dirty rebuild reads only the saved pages: the others keep the titles the last build read
            # (else the navigation of the pages it renders would show file names)
            for file in files.documentation_pages():
                if file.page is not None and file.src_uri in self._titles and not file.is_modified():
                    file.page.title = self._titles[file.src_uri]
        return nav

    def on_env(self, env, config, files):
        self.shells.env, self.shells.pages, self.shells.files = env, files.documentation_pages(), files
        self._titles = {file.src_uri: file.page.title for file in self.shells.pages if file.page is not None}
        # Compiled theme templates kept between builds, as Python keeps .pyc files: compiling Material's
        # templates is a second of every build. In the user's cache, never in the checkout (Jinja loads
        # them as code).
        home = cache_home()
        if home is not None:
            with contextlib.suppress(OSError):
                (home / "jinja").mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(str(home / "jinja"))
        return env

    def on_template_context(self, context, template_name, config):
        """The sitemap lists the generated pages too, as it would had MkDocs rendered them."""
        if template_name == "sitemap.xml" and self.shells is not None and self.shells.written:
            listed = set(context["pages"]) | set(self.shells.written)
            context["pages"] = [file for file in self.shells.files if file in listed]  # in the order of the site's files
        return context

    @_located
    def on_post_build(self, config):
        self._kept_shells = self.shells  # a dirty rebuild that changes no hand-written page reuses them
        finished = self.site.finished()
        self.site.remember(finished)
        for output in finished:
            target = Path(config.site_dir) / output.path
            if self.dirty and output.path not in self.site.changed_outputs and target.is_file():
                continue  # the same bytes are there from the last build (at 5,000 projects, 2,000 search files and the meaning model)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(output.bytes())
        log.info("Thai search index: %(pages)d pages, %(docs)d sections, %(terms)d words", self.site.search_stats)
        if self._changed:  # and what the similar check found in them
            self._report([p for p in about(self.site.problems, self._changed) if p not in self._reported])

    def on_build_error(self, *, error):
        """A failed build leaves no work running (under `mkdocs serve` the next save builds again), and
        the next build writes every output: this one may have stopped before writing those it recorded."""
        if self.site is not None:
            self.site.cancel()
            self.site.record = {}

    def on_shutdown(self):
        if self.site is not None:
            self.site.cancel()

    def on_serve(self, server, config, builder):
        """Rebuild when a project, a lesson or the reference data changes."""
        for folder in (self.site.kb.projects_dir, self.site.kb.lessons_dir, self.site.kb.reference_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _settings(config) -> SiteSettings:
    """What the core needs of MkDocs' configuration."""
    extensions = tuple({name: config.mdx_configs[name]} if name in config.mdx_configs else name for name in config.markdown_extensions)
    return SiteSettings(site_name=config.site_name or "", site_url=config.site_url or "", markdown_extensions=extensions)


class _NotTheDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def _hand_pages_changed(files, config) -> bool:
    """A hand-written page saved since its HTML was written: its title (in every page's navigation) may have changed."""
    return any(file.is_modified() for file in files.documentation_pages() if file.src_dir == config.docs_dir)


def _rebuild_hand_pages(files) -> None:
    """Under `mkdocs serve --dirty`, when the navigation or the guide's data may have changed (a hand-written
    page or the reference data saved): every hand-written page is read and rendered again (their HTML
    removed, MkDocs sees them modified), so that each knows every title; MkDocs would otherwise read only
    the saved one and show the others' file names in the navigation."""
    for file in files.documentation_pages():
        with contextlib.suppress(FileNotFoundError):
            os.unlink(file.abs_dest_path)


def _theme_search(config) -> bool:
    return "search" in config.plugins or "material/search" in config.plugins


def _failure(site: SiteBuild) -> str:
    """The build's error: every located content error, then what to do."""
    lines = [problem.format() for problem in site.errors]
    return "\n".join([*lines, f"เนื้อหามีข้อผิดพลาด {len(lines)} รายการ: แก้ตามข้อความด้านบน (ตรวจซ้ำด้วย bestservice validate) แล้วสร้างเว็บไซต์อีกครั้ง"])
