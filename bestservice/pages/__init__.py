"""Every generated page of the site, as plain data: (path, Markdown text), independent of MkDocs.

`generate_pages(content, reference)` returns them; the MkDocs hook (bestservice_mkdocs/pages.py) hands them to
MkDocs and `bestservice pages --out DIR` writes them to a folder. Page bodies are HTML built by
autoescaping Jinja2 templates (contributor text is escaped; Markdown bodies go through nh3), so
MkDocs passes them through as raw HTML; they never pass through mkdocs-macros.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from bestservice.committee.coverage import coverage_by_year
from bestservice.content import Content
from bestservice.content.gitdates import last_changes
from bestservice.content.reference import Reference
from bestservice.fiscal import current_fiscal_year
from bestservice.pages import lists, overview, project, screening
from bestservice.pages.base import Page
from bestservice.pages.catalogue import Catalogue, compact_script

__all__ = ["Page", "Asset", "generate_pages", "shared_pages"]


@dataclass
class Asset:
    """A generated file that is not a page (the catalogue's compact data, the board's workbook)."""

    path: str
    content: str | bytes


def generate_pages(
    content: Content,
    reference: Reference,
    today: dt.date | None = None,
    git: bool = True,
    on_pages: Callable[[list], None] | None = None,
    boards: Callable[[], list | None] | None = None,
) -> list[Page | Asset]:
    """Every generated page and asset. `on_pages` sees them in batches as they are made, so other
    work on them (the search index, in a second process) need not wait for the last one. `boards`
    gives the screening boards when they are worked out elsewhere (a build's second process)."""
    catalogue = Catalogue(content, reference)
    dates = last_changes([doc.path for doc in content.documents]) if git else {}
    current = current_fiscal_year(today or dt.date.today())
    out: list = []

    def add(items: Iterable) -> None:
        for batch in _batches(items, BATCH):
            out.extend(batch)
            if on_pages is not None:
                on_pages(batch)

    add(project.project_pages(catalogue, dates))
    add(project.lesson_pages(catalogue, dates))
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


_shared: dict = {}


def shared_pages(
    content: Content, reference: Reference, on_pages: Callable[[list], None] | None = None, boards: Callable[[], list | None] | None = None
) -> list[Page | Asset]:
    """generate_pages() once per build for every site hook that needs the pages (content is
    itself shared per build, bestservice.content.shared_content, so a new build gets new pages).
    `on_pages` sees every page, as they are made or, when they were made already, all at once."""
    if _shared.get("content") is not content or _shared.get("reference") is not reference:
        _shared.update(content=content, reference=reference, pages=generate_pages(content, reference, on_pages=on_pages, boards=boards))
    elif on_pages is not None:
        on_pages(_shared["pages"])
    return _shared["pages"]


def write_pages(pages: list, directory) -> int:
    """Write pages and assets under a folder (used by `bestservice pages --out`)."""
    from pathlib import Path

    directory = Path(directory)
    for item in pages:
        target = directory / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(item, Asset) and isinstance(item.content, bytes):
            target.write_bytes(item.content)
        else:
            target.write_text(item.markdown() if isinstance(item, Page) else item.content, encoding="utf-8")
    return len(pages)


def page_index(pages: list) -> dict[str, str]:
    """path -> title, for tests and reports."""
    return {p.path: p.title for p in pages if isinstance(p, Page)}
