"""All content of a knowledge base: projects and lessons, read once and indexed by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bestservice.content.cache import FileCache
from bestservice.content.listing import content_files, iter_content_files
from bestservice.content.load import Document, read_document
from bestservice.content.problems import ContentError, Problem


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

    @cached_property
    def continued_by(self) -> dict[str, list[Document]]:
        index: dict[str, list[Document]] = {}
        for project in self.projects:
            earlier = project.data.get("continues")
            if isinstance(earlier, str):
                index.setdefault(earlier, []).append(project)
        return index

    @property
    def documents(self) -> list[Document]:
        return self.projects + self.lessons


def read_all(paths: list[Path], kind: str, cache: FileCache | None = None) -> tuple[list[Document], list[Problem]]:
    documents, problems = [], []
    for path in paths:
        try:
            documents.append(read_document(path, kind) if cache is None else cache.get(path, lambda path=path: read_document(path, kind)))
        except ContentError as err:
            problems.extend(err.problems)
    return documents, problems


def load_content(projects_dir: Path, lessons_dir: Path, cache: FileCache | None = None) -> Content:
    """Every project and lesson. With a `cache`, only the files changed since it was kept are parsed.
    A file that is not where it belongs, or a link that cannot be followed, is one of the `unreadable`."""
    project_files, misplaced_projects = content_files(Path(projects_dir), "project")
    lesson_files, misplaced_lessons = content_files(Path(lessons_dir), "lesson")
    projects, bad_projects = read_all(project_files, "project", cache)
    lessons, bad_lessons = read_all(lesson_files, "lesson", cache)
    return Content(projects=projects, lessons=lessons, unreadable=misplaced_projects + bad_projects + misplaced_lessons + bad_lessons)


_shared: dict = {}


def shared_content(projects_dir: Path, lessons_dir: Path, build: object = None) -> Content:
    """Content read once per build and shared by every site hook (read-only for its callers).

    The content is keyed by every file's path, size and modification time, so `mkdocs serve`
    still sees an edit on the next rebuild, and only the changed files are read again: the others
    keep their Document objects, which is what lets the pages of unchanged projects be kept too
    (bestservice.pages.base.render). Hooks pass their build's config as `build`: the hooks after the first
    one of a build skip that check of every file.
    """
    folders = (str(projects_dir), str(lessons_dir))
    if build is None or _shared.get("build") is not build or _shared.get("folders") != folders:
        files = iter_content_files(Path(projects_dir)) + iter_content_files(Path(lessons_dir))
        fingerprint = (*folders, tuple((str(p), (stat := p.stat()).st_mtime_ns, stat.st_size) for p in files))
        _shared["build"], _shared["folders"] = build, folders
        if _shared.get("fingerprint") != fingerprint:
            _shared["fingerprint"] = fingerprint
            cache = FileCache.carried_over(_shared.get("documents"))
            _shared["content"], _shared["documents"] = load_content(projects_dir, lessons_dir, cache), cache.used
    return _shared["content"]
