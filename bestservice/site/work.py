"""The parts of a site build that need only the content and the reference data, as plain functions:
each can run in a second process (bestservice.background) while the main one makes the pages.

- `check_work`: one similar-check index over every project, for the committee's screening boards,
  the check page's data and the build's own check of the content (validate's rules).
- `data_work`: the open data, the feeds, the data page and the proposal form's data.
- `search_work`: the Thai search index of every page, from the pages as they are made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bestservice.authoring import form
from bestservice.committee.screening import Board, screening_boards
from bestservice.content import Content
from bestservice.content.cache import DiskCache, FileMemo, Memo, changes_since, with_changes
from bestservice.content.gitdates import GitHistory
from bestservice.content.problems import Problem
from bestservice.content.reference import Reference
from bestservice.content.rules import Context
from bestservice.content.validate import content_problems, similar_caches
from bestservice.data import export, feeds
from bestservice.render import script_data
from bestservice.search.index import index_of_pages
from bestservice.similar.browser import FILE_NAME, MODEL_FILE, browser_script
from bestservice.similar.rule import content_corpus
from bestservice.site.hand_pages import HandPage, MarkdownRenderer

CHECK_DATA = f"check/{FILE_NAME}"
MEANING_MODEL = f"check/{MODEL_FILE}"
FORM_DATA = "propose/form-data.js"
LESSON_FORM_DATA = "propose/lesson/form-data.js"
DATA_PAGE = "data/index.md"


@dataclass
class CheckMemo:
    """What check_work worked out per file, for the next build of the same process (`mkdocs serve`):
    the similar check's words and meaning vectors and the schema's findings of each file."""

    features: dict | None = None
    vectors: dict | None = None
    queries: dict | None = None  # what the similar check read of each proposal (similar.corpus.Query), by its text
    schema: dict | None = None

    def parts(self) -> tuple:
        return self.features, self.vectors, self.queries, self.schema

    def changed_by(self, changes: CheckMemo) -> CheckMemo:
        """The memo a check that started from this one used, from what it sent back (its `memo`)."""
        return CheckMemo(*(with_changes(kept or {}, changed) for kept, changed in zip(self.parts(), changes.parts(), strict=True)))


@dataclass
class CheckResult:
    boards: list[Board]
    check_script: str
    problems: list[Problem]
    memo: CheckMemo | None  # serve: what changed in the memo given (CheckMemo.changed_by)


def check_work(
    content: Content, reference: Reference, today: dt.date, years: list[int], memo: CheckMemo | None = None, cache_dir: Path | None = None
) -> CheckResult:
    """The screening boards of `years`, the check page's script and every located problem of the
    content, from one index of every project. Only the changed files are worked out again: given
    the memo of an earlier build of this process (`mkdocs serve`), from it, and the result's memo is
    what changed in it (CheckMemo.changed_by makes the next build's); else from the knowledge base's
    cache folder (shared with validate), which is brought up to date."""
    serving = memo is not None
    memo = memo or CheckMemo()
    if memo.features is not None:
        features, vectors = FileMemo(memo.features), FileMemo(memo.vectors)
    else:
        features, vectors = similar_caches(cache_dir, reference)
    schema, queries = FileMemo(memo.schema), Memo(memo.queries)
    ctx = Context(reference=reference, content=content, today=today, features=features, vectors=vectors, schema=schema)
    ctx.corpus = content_corpus(content, ctx)
    ctx.corpus.queries = queries
    problems = content_problems(content, ctx)
    boards = screening_boards(content, reference, years, today, ctx)  # the schema's and similar check's findings again, from memos
    for cache in (features, vectors):
        if isinstance(cache, DiskCache):
            cache.save()
    used = (features.used, vectors.used, queries.used, schema.used)
    changes = CheckMemo(*(changes_since(now, before or {}) for now, before in zip(used, memo.parts(), strict=True))) if serving else None
    return CheckResult(boards, browser_script(ctx.corpus), problems, changes)


def data_work(content: Content, reference: Reference, site_name: str, site_url: str, history: GitHistory) -> dict[str, str]:
    """Path → text of the open data, the feeds, the data page and the proposal form's data."""
    files = {f"data/{name}": text for name, text in export.export_files(content, reference).items()}
    files |= feeds.feed_files(content, reference, site_name, site_url, history)
    files[DATA_PAGE] = export.data_page(content, reference)
    files[FORM_DATA] = script_data("BS_PROPOSE", form.form_data(content, reference))
    files[LESSON_FORM_DATA] = script_data("BS_PROPOSE", form.lesson_form_data(content, reference))
    return files


def search_work(
    content: Content, reference: Reference, site_name: str, markdown_extensions: tuple, kept: dict | None, batches
) -> tuple[dict[str, bytes], dict, dict | None]:
    """The search index's files and stats. `batches` are lists of pages as they are made: generated
    pages as (url, title, body HTML), then the hand-written pages (HandPage), rendered here with the
    site's Markdown extensions. `kept`: the pages an earlier build read (given, only the pages that
    changed are read again); what this build read comes back for the next one, as changes to `kept`
    (content.cache.with_changes makes it)."""
    renderer = MarkdownRenderer(list(markdown_extensions))
    memo = Memo(kept) if kept is not None else None

    def bodies():
        for batch in batches:
            yield [(page.url, page.title(site_name), renderer.html(page.markdown)) if isinstance(page, HandPage) else page for page in batch]

    files, stats = index_of_pages(content, reference, site_name, bodies(), memo)
    return files, stats, changes_since(memo.used, kept) if memo is not None else None
