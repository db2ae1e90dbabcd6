"""A site to run the search query set on: the repository's site over the search fixture projects
(tests/fixtures/search/projects), without lessons."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, build_site

FIXTURES = ROOT / "tests" / "fixtures" / "search"
PROJECTS = FIXTURES / "projects"


def build_search_site(dest: Path, projects: Path = PROJECTS) -> Path:
    lessons = dest.parent / "no-lessons"
    lessons.mkdir(exist_ok=True)
    return build_site(dest, projects=projects, lessons=lessons)
