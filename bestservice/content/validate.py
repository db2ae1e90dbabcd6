"""Validate content: read every file, apply the schema and the rules, collect every problem."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bestservice.content import Content, load_content, read_all
from bestservice.content.cache import LEGACY_FOLDERS, DiskCache
from bestservice.content.document import Document
from bestservice.content.listing import walk_content
from bestservice.content.load import knowledge_base_folders, link_problem
from bestservice.content.problems import ERROR, WARNING, Problem, most_important_first
from bestservice.content.reference import Reference, reference_problems
from bestservice.content.rules import Context, rule_problems
from bestservice.similar.corpus import decode_features, encode_features
from bestservice.similar.rule import similar_projects
from bestservice.similar.vectors import encoder
from bestservice.similar.vectors import from_json as vector_from_json
from bestservice.similar.vectors import to_json as vector_json

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


def document_problems(doc: Document, ctx: Context) -> list[Problem]:
    """Everything wrong with one file on its own and against the others: the schema, then the rules.
    The one place a file's problems are put together (validate, the screening board, `new`, serve)."""
    return doc.problems + ctx.schema_problems_of(doc) + rule_problems(doc, ctx)


def problems_of(targets: list[Document], content: Content, ctx: Context) -> list[Problem]:
    """The problems of `targets`, each on its own and against all the content (the similar check too)."""
    problems = []
    for doc in targets:
        problems.extend(document_problems(doc, ctx))
    for check in CORPUS_CHECKS:
        problems.extend(check(content, ctx, targets))
    return problems


def content_problems(content: Content, ctx: Context) -> list[Problem]:
    """Every problem of every file of the content, sorted (what a site build stops on)."""
    return most_important_first(content.unreadable + problems_of(content.documents, content, ctx))


def validate(
    paths: list[Path] | None = None,
    *,
    projects_dir: Path,
    lessons_dir: Path,
    reference: Reference,
    today: dt.date | None = None,
    cache_dir: Path | None = None,
    root: Path | None = None,
) -> Report:
    """Validate the given files or folders (default: all content), against all content.

    With a `cache_dir` (the knowledge base's folder in the user's cache), what was worked out from the
    files that did not change since the last run is reused: one changed file costs little more than itself.
    `root`: the knowledge base, whose own folders are checked for files that must not be there."""
    broken = reference_problems(reference) if paths is None else []
    if broken:  # every rule reads the reference data: say what is wrong with it, and check content once it is right
        return Report(problems=most_important_first(broken), checked=0)
    documents = DiskCache(Path(cache_dir) / "documents", Document.as_json, Document.from_json) if cache_dir else None
    features, vectors = similar_caches(cache_dir, reference) if cache_dir else (None, None)
    content = load_content(projects_dir, lessons_dir, cache=documents)
    selected, refused = _expand(paths, knowledge_base_folders(projects_dir, lessons_dir)) if paths else (None, [])
    where = FolderResolved()
    chosen = None
    if selected is not None:
        # a file is one of those named if it has the same name in the same (resolved) folder: only
        # files of the same name are resolved (resolving 5,500 paths was a tenth of a one-file check)
        names = {os.path.basename(p) for p in selected}
        known = {where(path) for path in [*(doc.path for doc in content.documents), *(pr.path for pr in content.unreadable)] if os.path.basename(path) in names}
        extra = {kind: read_all([p for p in selected if where(p) not in known and kind_of(p) == kind], kind) for kind in ("project", "lesson")}
        content = content.with_documents(extra["project"][0], extra["lesson"][0], extra["project"][1] + extra["lesson"][1])
        chosen = {where(p) for p in selected}

    def is_chosen(path) -> bool:
        return chosen is None or (os.path.basename(path) in names and where(path) in chosen)

    ctx = Context(reference=reference, content=content, today=today or dt.date.today(), features=features, vectors=vectors)
    targets = [doc for doc in content.documents if is_chosen(doc.path)]
    problems = [p for p in content.unreadable if is_chosen(p.path)] + refused
    problems += problems_of(targets, content, ctx)
    if root is not None:
        problems.extend(legacy_cache_problems(Path(root)))
    for cache in (documents, features, vectors):
        if cache is not None:
            cache.save()
    unreadable_count = len({p.path for p in content.unreadable if is_chosen(p.path)} | {p.path for p in refused})
    return Report(problems=most_important_first(problems), checked=len(targets) + unreadable_count)


def similar_caches(cache_dir: Path | None, reference: Reference) -> tuple[DiskCache, DiskCache]:
    """The similar check's words and meaning vectors of each project file, kept between runs in the
    knowledge base's cache folder (validate and the site build share them); None: nothing kept."""
    folder = Path(cache_dir) if cache_dir else None
    return (
        DiskCache(folder / "similar-features" if folder else None, encode_features, decode_features, salt=reference.fingerprint),
        DiskCache(folder / "meaning-vectors" if folder else None, vector_json, vector_from_json, salt=encoder().fingerprint),
    )


def legacy_cache_problems(root: Path) -> list[Problem]:
    """A cache folder inside the checkout (where earlier versions kept theirs, or files someone
    committed there) is never read: say so, so that nobody trusts it."""
    found = []
    for folder in LEGACY_FOLDERS:
        if (root / folder).is_dir() and not (root / folder).is_symlink():
            found.append(
                Problem(
                    folder.as_posix(),
                    1,
                    "file",
                    "โปรแกรมไม่อ่านไฟล์แคชในคลังความรู้: แคชเก็บไว้นอกคลังความรู้แล้ว และไฟล์ที่ใครก็ commit เข้ามาได้จะไม่ถูกใช้ตัดสินผลการตรวจ",
                    "cache folder",
                    f"ลบโฟลเดอร์ {folder.as_posix()} ออก และอย่า commit",
                    severity=WARNING,
                )
            )
    return found


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
