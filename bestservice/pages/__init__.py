"""Every generated page of the site, as plain data: (path, title, HTML body), independent of MkDocs.

`generate_pages(content, reference)` returns them to the site build (bestservice.site), which hands
them to MkDocs or writes them into a site source folder. Page bodies are HTML built by
autoescaping Jinja2 templates (contributor text is escaped; Markdown bodies go through nh3), so
MkDocs passes them through as raw HTML; they never pass through mkdocs-macros.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from bestservice.committee.coverage import coverage_by_year
from bestservice.content import Content
from bestservice.content.gitdates import GitHistory
from bestservice.content.reference import Reference
from bestservice.fiscal import current_fiscal_year
from bestservice.pages import lesson, lists, overview, project, screening
from bestservice.pages.base import Page
from bestservice.pages.catalogue import Catalogue, compact_script

__all__ = ["Page", "Asset", "generate_pages"]


@dataclass
class Asset:
    """A generated file that is not a page (the catalogue's compact data, the board's workbook)."""

    path: str
    content: str | bytes


def generate_pages(
    content: Content,
    reference: Reference,
    today: dt.date | None = None,
    git: GitHistory | bool = True,
    on_pages: Callable[[list], None] | None = None,
    boards: Callable[[], list | None] | None = None,
    rendered: dict | None = None,
) -> list[Page | Asset]:
    """Every generated page and asset. `git`: where the pages' dates come from (a GitHistory kept
    between builds, True for a fresh one, False for none). `on_pages` sees them in batches as they are
    made, so other work on them (the search index, in a second process) need not wait for the last
    one. `boards` gives the screening boards when they are worked out elsewhere (a build's second
    process). `rendered`: the page HTML of earlier builds, reused where a page's inputs are equal."""
    catalogue = Catalogue(content, reference, rendered=rendered if rendered is not None else {})
    history = GitHistory() if git is True else git
    dates = history.last_changes([doc.path for doc in content.documents]) if history else {}
    current = current_fiscal_year(today or dt.date.today())
    out: list = []

    def add(items: Iterable) -> None:
        for batch in _batches(items, BATCH):
            out.extend(batch)
            if on_pages is not None:
                on_pages(batch)

    add(project.project_pages(catalogue, dates))
    add(lesson.lesson_pages(catalogue, dates))
    coverages = coverage_by_year(content, reference, sorted(set(catalogue.years) | {current}))
    add(lists.list_pages(catalogue, coverages))
    add(overview.overview_pages(catalogue, coverages, current))
    add([Asset("catalogue/data.js", compact_script(catalogue))])
    add(screening.screening_pages(catalogue, current, Asset, boards() if boards else None))
    return out


BATCH = 100  # pages handed to on_pages at a time


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
