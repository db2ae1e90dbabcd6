"""Validation over a whole content folder: every problem at once, each file read once."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REFERENCE, ROOT

from bestservice import content
from bestservice.cli import main
from bestservice.content.cache import FORMAT_VERSION
from bestservice.content.validate import validate

VALID = FIXTURES / "valid"
TODAY = dt.date(2025, 6, 1)


def copy_valid(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(VALID, tmp_path / "content")
    return tmp_path / "content" / "projects", tmp_path / "content" / "lessons"


def test_valid_catalogue_has_no_problems():
    report = validate(projects_dir=VALID / "projects", lessons_dir=VALID / "lessons", today=TODAY, reference=REFERENCE)
    assert report.problems == []
    assert report.checked == 6


def test_all_problems_of_all_files_are_reported_in_one_run(tmp_path, monkeypatch):
    projects, lessons = copy_valid(tmp_path)
    monkeypatch.chdir(tmp_path / "content")
    (projects / "2568" / "empty.md").write_text("")
    broken = projects / "2567" / "bang-rak-archive.md"
    broken.write_text(broken.read_text().replace("unit: district-bang-rak", "unit: district-bangrak"))
    report = validate(projects_dir=Path("projects"), lessons_dir=Path("lessons"), today=TODAY, reference=REFERENCE)
    assert [(p.path, p.field) for p in report.errors] == [("projects/2567/bang-rak-archive.md", "unit"), ("projects/2568/empty.md", "file")]
    assert report.checked == 7


def test_given_files_are_checked_against_the_whole_catalogue(tmp_path):
    """A lesson checked alone still finds the projects it links to."""
    projects, lessons = copy_valid(tmp_path)
    report = validate([lessons / "ask-before-building.md"], projects_dir=projects, lessons_dir=lessons, today=TODAY, reference=REFERENCE)
    assert report.problems == [] and report.checked == 1


def test_a_given_file_outside_the_catalogue_is_read_and_checked(tmp_path, monkeypatch):
    projects, lessons = copy_valid(tmp_path)
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "draft" / "projects" / "2568" / "bang-rak-draft.md"
    outside.parent.mkdir(parents=True)
    outside.write_text((projects / "2568" / "bang-rak-archive-next.md").read_text().replace("bang-rak-archive-next", "bang-rak-draft"))
    report = validate([Path("draft")], projects_dir=projects, lessons_dir=lessons, today=TODAY, reference=REFERENCE)
    assert report.problems == [] and report.checked == 1


@pytest.mark.parametrize("count", [5, 40])
def test_each_file_is_read_exactly_once(tmp_path, monkeypatch, count):
    """Work grows with the number of files, not with its square."""
    projects = tmp_path / "projects" / "2568"
    projects.mkdir(parents=True)
    template = (
        (VALID / "projects" / "2568" / "bang-rak-archive-next.md")
        .read_text()
        .replace("continues: bang-rak-archive\n", "")
        .replace("whats_new: ขยายเวลาให้บริการ\n", "")
    )
    for number in range(count):
        (projects / f"project-{number:03d}.md").write_text(template.replace("bang-rak-archive-next", f"project-{number:03d}"))
    reads = []
    original = content.read_document
    monkeypatch.setattr(content, "read_document", lambda path, kind: reads.append(Path(path).name) or original(path, kind))
    everything = validate(projects_dir=tmp_path / "projects", lessons_dir=tmp_path / "lessons", today=TODAY, reference=REFERENCE)
    assert everything.problems == [] and everything.checked == count
    assert len(reads) == count == len(set(reads))
    reads.clear()
    validate([tmp_path / "projects"], projects_dir=tmp_path / "projects", lessons_dir=tmp_path / "lessons", today=TODAY, reference=REFERENCE)
    assert len(reads) == count, "files named on the command line are not read a second time"


def test_lessons_are_told_apart_from_projects_by_their_folder(tmp_path):
    projects, lessons = copy_valid(tmp_path)
    report = validate([lessons], projects_dir=projects, lessons_dir=lessons, today=TODAY, reference=REFERENCE)
    assert report.checked == 1 and report.problems == []


def test_the_repository_content_is_valid():
    """The real records in projects/ and lessons/: what CI checks on every change."""
    root = ROOT
    report = validate(projects_dir=root / "projects", lessons_dir=root / "lessons", reference=REFERENCE)
    assert [p.format() for p in report.problems] == []
    assert report.checked == len(list((root / "projects").rglob("*.md"))) + len(list((root / "lessons").rglob("*.md")))


def test_a_warm_cache_gives_the_same_report_and_reads_only_changed_files(tmp_path, monkeypatch):
    """The pre-commit case: a second run reuses what did not change, and an edit is seen at once."""
    projects, lessons = copy_valid(tmp_path)
    cache = tmp_path / "user-cache"
    target = projects / "2568" / "bang-rak-archive-next.md"
    uncached = validate([target], projects_dir=projects, lessons_dir=lessons, today=TODAY, reference=REFERENCE)
    cold = validate([target], projects_dir=projects, lessons_dir=lessons, today=TODAY, reference=REFERENCE, cache_dir=cache)
    assert cold == uncached and list((cache / "documents").glob("*.json")), "the cache is kept in the user's cache folder"

    reads = []
    original = content.read_document
    monkeypatch.setattr(content, "read_document", lambda path, kind: reads.append(Path(path).name) or original(path, kind))
    warm = validate([target], projects_dir=projects, lessons_dir=lessons, today=TODAY, reference=REFERENCE, cache_dir=cache)
    assert warm == uncached and reads == [], "unchanged files come from the cache"

    target.write_text(target.read_text().replace("unit: district-bang-rak", "unit: district-bangrak"))
    edited = validate([target], projects_dir=projects, lessons_dir=lessons, today=TODAY, reference=REFERENCE, cache_dir=cache)
    assert reads == [target.name], "only the edited file is read again"
    assert [(p.path.rsplit("/", 1)[-1], p.field) for p in edited.errors] == [(target.name, "unit")]


def test_a_damaged_cache_is_only_a_cold_start(tmp_path):
    projects, lessons = copy_valid(tmp_path)
    cache = tmp_path / "user-cache"
    validate(projects_dir=projects, lessons_dir=lessons, today=TODAY, reference=REFERENCE, cache_dir=cache)
    for shard in (cache / "documents").glob("*.json"):
        shard.write_bytes(b"not json")
    for shard in (cache / "similar-features").glob("*.json"):
        shard.write_text(json.dumps({"format": "bestservice-cache", "version": FORMAT_VERSION, "salt": "other", "entries": [1]}))
    for shard in (cache / "meaning-vectors").glob("*.json"):
        shard.write_text("[]")
    report = validate(projects_dir=projects, lessons_dir=lessons, today=TODAY, reference=REFERENCE, cache_dir=cache)
    assert report.problems == [] and report.checked == 6


class _Planted:
    """What an attacker commits as .cache/bestservice/documents.pickle: unpickling it runs code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "ran"))


def test_a_cache_file_committed_into_the_checkout_is_never_run_and_is_reported(tmp_path, monkeypatch, capsys):
    """`git add -f .cache/...` must not make `bestservice validate` run the committer's code on a clone."""
    kb = tmp_path / "kb"
    main(["init", str(kb)])
    shutil.copytree(VALID / "projects", kb / "projects", dirs_exist_ok=True)
    marker = tmp_path / "pwned"
    for folder in (kb / ".cache" / "bestservice", kb / ".cache" / "jinja"):
        folder.mkdir(parents=True)
    for name in ("documents.pickle", "similar-features.pickle", "documents.json"):
        (kb / ".cache" / "bestservice" / name).write_bytes(pickle.dumps(_Planted(marker)))
    (kb / ".cache" / "jinja" / "__jinja2_x.cache").write_bytes(pickle.dumps(_Planted(marker)))
    monkeypatch.setenv("BESTSERVICE_CACHE_DIR", str(tmp_path / "user-cache"))
    monkeypatch.chdir(kb)
    assert main(["validate"]) == 0, capsys.readouterr().err
    assert main(["validate", "projects/2568/bang-rak-archive-next.md"]) == 0
    assert not marker.exists(), "a file from the checkout was unpickled"
    out = capsys.readouterr().out
    assert ".cache/bestservice:1:" in out and ".cache/jinja:1:" in out and "ไม่อ่าน" in out, "the planted folder must be named, with what to do"
    assert (tmp_path / "user-cache").is_dir(), "the cache lives in the user's cache folder, outside the checkout"
