"""Validate content: read every file, apply the schema and the rules, collect every problem."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bestservice.content import Content, load_content, read_all
from bestservice.content.cache import FileCache
from bestservice.content.listing import walk_content
from bestservice.content.load import knowledge_base_folders, link_problem
from bestservice.content.problems import ERROR, WARNING, Problem
from bestservice.content.reference import Reference
from bestservice.content.rules import Context, rule_problems
from bestservice.content.schema import schema_problems
from bestservice.similar.rule import similar_projects

# Checks over the whole content (e.g. the similar-projects check) plug in here.
CorpusCheck = Callable[[Content, Context, list], Iterable[Problem]]
CORPUS_CHECKS: list[CorpusCheck] = [similar_projects]


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


def kind_of(path: Path) -> str:
    return "lesson" if "lessons" in Path(path).resolve().parts else "project"


def validate(
    paths: list[Path] | None = None,
    *,
    projects_dir: Path,
    lessons_dir: Path,
    reference: Reference,
    today: dt.date | None = None,
    cache_dir: Path | None = None,
) -> Report:
    """Validate the given files or folders (default: all content), against all content.

    With a `cache_dir` (the knowledge base's .cache/bestservice), what was worked out from the files
    that did not change since the last run is reused: one changed file costs little more than itself."""
    documents = FileCache(Path(cache_dir) / "documents.pickle") if cache_dir else None
    features = FileCache(Path(cache_dir) / "similar-features.pickle", salt=reference.fingerprint) if cache_dir else None
    content = load_content(projects_dir, lessons_dir, cache=documents)
    selected, refused = _expand(paths, knowledge_base_folders(projects_dir, lessons_dir)) if paths else (None, [])
    where = FolderResolved()
    if selected is not None:
        known = {where(doc.path) for doc in content.documents}
        known |= {where(p.split(":")[0]) for p in (pr.path for pr in content.unreadable)}
        for kind in ("project", "lesson"):
            extra = [p for p in selected if where(p) not in known and kind_of(p) == kind]
            found, problems = read_all(extra, kind)
            getattr(content, f"{kind}s").extend(found)
            content.unreadable.extend(problems)
        for name in ("project_by_id", "lesson_by_id", "lessons_of_project", "continued_by"):
            content.__dict__.pop(name, None)
    ctx = Context(reference=reference, content=content, today=today or dt.date.today(), features=features)
    chosen = {where(p) for p in selected} if selected is not None else None
    targets = [doc for doc in content.documents if chosen is None or where(doc.path) in chosen]
    problems = [p for p in content.unreadable if chosen is None or where(p.path) in chosen] + refused
    for doc in targets:
        problems.extend(schema_problems(doc))
        problems.extend(rule_problems(doc, ctx))
    for check in CORPUS_CHECKS:
        problems.extend(check(content, ctx, targets))
    for cache in (documents, features):
        if cache is not None:
            cache.save()
    unreadable_count = len({p.path for p in content.unreadable if chosen is None or where(p.path) in chosen} | {p.path for p in refused})
    return Report(problems=sorted(set(problems)), checked=len(targets) + unreadable_count)


class FolderResolved:
    """A file's path with its folder's symlinks resolved, each folder once: thousands of content files
    live in a handful of folders, and resolving every file's path was a tenth of a one-file check."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path) -> str:
        folder, name = os.path.split(os.path.abspath(os.fspath(path)))
        if folder not in self.folders:
            self.folders[folder] = os.path.realpath(folder)
        return os.path.join(self.folders[folder], name)


def _expand(paths: list[Path], inside: tuple[str, ...]) -> tuple[list[Path], list[Problem]]:
    """The files named or found in the folders named, and why each link among them cannot be followed."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in map(Path, paths):
        refused = link_problem(path, inside)
        if refused:
            problems.append(refused)
        elif path.is_dir():
            found, listed = walk_content(path)
            files.extend(found)
            problems.extend(listed)
        else:
            files.append(path)
    return files, problems
