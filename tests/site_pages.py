"""The pages and data files the quality gates check: ONE list, used by the nginx, accessibility,
phone, offline and security tests.

Entries with `needs=<branch>` come from another engineer's branch. While that branch is not merged
they are expected to be missing and are marked xfail(strict=True): once the page exists the
"expected failure" passes and the suite turns red with "XPASS(strict)", which says: remove that
branch from PENDING_MERGE. With PENDING_MERGE empty, a listed page that is missing FAILS.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

# Branches not merged yet into this one. The lead empties this set after the merge.
PENDING_MERGE: set[str] = {"guide", "catalogue", "search", "authoring", "similar"}

# A project of the repository's own content (projects/2561/bang-khae-lan-toem-fan.md).
PROJECT_ID = "bang-khae-lan-toem-fan"
UNIT_ID = "district-bang-khae"


@dataclass(frozen=True)
class Item:
    name: str
    path: str  # URL path below the site root, without the leading slash ("" = home page)
    needs: str | None = None  # the branch that provides it
    content_type: str = "text/html"

    @property
    def file(self) -> str:
        """The file in the built site that serves this path."""
        path = self.path.split("?")[0]
        return path + "index.html" if path == "" or path.endswith("/") else path


PAGES = [
    Item("home", ""),
    Item("guide", "guide/about/", needs="guide"),
    Item("tool", "guide/tools/lean/", needs="guide"),
    Item("catalogue", "catalogue/", needs="catalogue"),
    Item("project", f"projects/{PROJECT_ID}/", needs="catalogue"),
    Item("unit", f"units/{UNIT_ID}/", needs="catalogue"),
    Item("search", "search/?q=ตัวชี้วัด", needs="search"),
    Item("propose", "propose/", needs="authoring"),
    Item("check", "check/", needs="similar"),
]

DATA_FILES = [
    Item("search-manifest", "search/index/manifest.json", needs="search", content_type="application/json"),
    Item("projects-json", "data/projects.json", needs="authoring", content_type="application/json"),
    Item("projects-csv", "data/projects.csv", needs="authoring", content_type="text/csv"),
    Item("feed", "feed.xml", needs="authoring", content_type="application/xml"),
]


def params(items: list[Item]) -> list:
    """pytest parameters for items, pending ones marked xfail(strict=True)."""
    out = []
    for item in items:
        marks = (
            [pytest.mark.xfail(strict=True, reason=f"needs the {item.needs} branch (remove it from PENDING_MERGE after the merge)")]
            if item.needs in PENDING_MERGE
            else []
        )
        out.append(pytest.param(item, id=item.name, marks=marks))
    return out
