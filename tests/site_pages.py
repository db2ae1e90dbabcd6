"""The pages and data files the quality gates check: ONE list, used by the nginx, accessibility,
phone, offline and security tests.
A listed page that is missing from the built site fails those tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

# A project of the repository's own content (projects/2561/bang-khae-lan-toem-fan.md).
PROJECT_ID = "bang-khae-lan-toem-fan"
UNIT_ID = "district-bang-khae"
LESSON_ID = "mai-te-ruam-pilot-then-all-districts"  # lessons/mai-te-ruam-pilot-then-all-districts.md


@dataclass(frozen=True)
class Item:
    name: str
    path: str  # URL path below the site root, without the leading slash ("" = home page)
    content_type: str = "text/html"

    @property
    def file(self) -> str:
        """The file in the built site that serves this path."""
        path = self.path.split("?")[0]
        return path + "index.html" if path == "" or path.endswith("/") else path


PAGES = [
    Item("home", ""),
    Item("guide", "guide/about/"),
    Item("tool", "guide/tools/lean/"),
    Item("catalogue", "catalogue/"),
    Item("project", f"projects/{PROJECT_ID}/"),
    Item("unit", f"units/{UNIT_ID}/"),
    Item("search", "search/?q=ตัวชี้วัด"),
    Item("propose", "propose/"),
    Item("lesson", f"lessons/{LESSON_ID}/"),
    Item("lessons", "lessons/"),
    Item("lesson-form", "propose/lesson/"),
    Item("check", "check/"),
    Item("screening", "screening/"),
    Item("awards", "awards/"),
    Item("coverage", "coverage/2563/"),  # a year whose proposals the knowledge base does not hold
    Item("stats", "stats/"),
    Item("year", "years/2563/"),
]

DATA_FILES = [
    Item("search-manifest", "search/index/manifest.json", content_type="application/json"),
    Item("projects-json", "data/projects.json", content_type="application/json"),
    Item("projects-csv", "data/projects.csv", content_type="text/csv"),
    Item("feed", "feed.xml", content_type="application/xml"),
]


def params(items: list[Item]) -> list:
    """pytest parameters for items, named after them."""
    return [pytest.param(item, id=item.name) for item in items]
