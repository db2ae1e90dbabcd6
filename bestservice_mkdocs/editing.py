"""MkDocs part: what `mkdocs serve` shows a content editor after each save.

The files saved since the last build are checked with validate's schema and rule functions; their
problems go to the terminal and above their pages, and a file that cannot be read gets a page of its
problems at its address instead of stopping the build (`strict: true` would stop it at the first
warning and leave the editor looking at the old page). Under `mkdocs build` nothing changes: an
unreadable file stops a strict build, and CI runs `bestservice validate`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os

from bestservice import urls
from bestservice.content import Content
from bestservice.content.reference import Reference
from bestservice.content.rules import Context, rule_problems
from bestservice.content.schema import schema_problems
from bestservice.pages import Page
from bestservice.pages.problems import unreadable_pages, with_problems
from bestservice_mkdocs import knowledge

log = logging.getLogger("mkdocs.hooks.bestservice")
_session: dict = {"serving": False, "seen": {}}


def on_startup(command: str, dirty: bool) -> None:
    _session.update(serving=command == "serve", seen={})


def serving() -> bool:
    return _session["serving"]


def while_editing(items: list, content: Content, reference: Reference, config) -> list:
    """The generated pages with the problems of the files saved since the last build, and a page
    for each unreadable file; the problems are printed as INFO (a strict build stops on warnings)."""
    ctx = Context(reference=reference, content=content, today=dt.date.today())
    found: dict[str, list] = {}
    for doc in _saved_since_last_build(content):
        problems = schema_problems(doc) + rule_problems(doc, ctx)
        if problems:
            url = urls.lesson(doc.id) if doc.kind == "lesson" else urls.project(doc.id)
            found[url + "index.md"] = problems
        for problem in sorted(problems):
            log.info("%s", problem.format())
    for problem in sorted(content.unreadable):
        log.info("อ่านไฟล์ไม่ได้: %s", problem.format())
    broken = unreadable_pages(content.unreadable, knowledge.knowledge_base(config).lessons_dir)
    taken = {page.path for page in broken}
    kept = [with_problems(item, found[item.path]) if isinstance(item, Page) and item.path in found else item for item in items if item.path not in taken]
    return kept + broken


def _saved_since_last_build(content: Content) -> list:
    """The documents whose file changed (or appeared) since the previous build of this `mkdocs serve`."""
    seen, first = _session["seen"], not _session["seen"]
    changed = []
    for doc in content.documents:
        try:
            stamp = os.stat(doc.path).st_mtime_ns
        except OSError:
            continue
        if not first and seen.get(str(doc.path)) != stamp:
            changed.append(doc)
        seen[str(doc.path)] = stamp
    return changed
