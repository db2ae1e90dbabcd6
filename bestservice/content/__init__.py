"""All content of a knowledge base: projects and lessons, read once and indexed by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from bestservice.content.document import Document
from bestservice.content.listing import content_files
from bestservice.content.load import read_document
from bestservice.content.problems import ContentError, Problem

if TYPE_CHECKING:  # the package does not import its cache: bestservice.files (which the cache uses) imports this package
    from bestservice.content.cache import FileMemo


@dataclass
class Content:
    projects: list[Document] = field(default_factory=list)
    lessons: list[Document] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)

    @cached_property
    def project_by_id(self) -> dict[str, Document]:
        return {doc.id: doc for doc in self.projects}

    @cached_property
    def lesson_by_id(self) -> dict[str, Document]:
        return {doc.id: doc for doc in self.lessons}

    @cached_property
    def lessons_of_project(self) -> dict[str, list[Document]]:
        index: dict[str, list[Document]] = {}
        for lesson in self.lessons:
            for project_id in lesson.entries("projects"):
                if isinstance(project_id, str):
                    index.setdefault(project_id, []).append(lesson)
        return index

    @property
    def documents(self) -> list[Document]:
        return self.projects + self.lessons

    def with_documents(self, projects: list[Document], lessons: list[Document], unreadable: list[Problem]) -> Content:
        """This content with more files added (what a check of files outside the folders reads)."""
        return Content(self.projects + projects, self.lessons + lessons, self.unreadable + unreadable)


def read_all(paths: list[Path], kind: str, cache: FileMemo | None = None) -> tuple[list[Document], list[Problem]]:
    documents, problems = [], []
    for path in paths:
        try:
            documents.append(read_document(path, kind) if cache is None else cache.document(path, lambda path=path: read_document(path, kind)))
        except ContentError as err:
            problems.extend(err.problems)
    return documents, problems


def load_content(projects_dir: Path, lessons_dir: Path, cache: FileMemo | None = None) -> Content:
    """Every project and lesson. With a `cache`, only the files changed since it was kept are parsed.
    A file that is not where it belongs, or a link that cannot be followed, is one of the `unreadable`."""
    project_files, misplaced_projects = content_files(Path(projects_dir), "project")
    lesson_files, misplaced_lessons = content_files(Path(lessons_dir), "lesson")
    projects, bad_projects = read_all(project_files, "project", cache)
    lessons, bad_lessons = read_all(lesson_files, "lesson", cache)
    return Content(projects=projects, lessons=lessons, unreadable=misplaced_projects + bad_projects + misplaced_lessons + bad_lessons)
