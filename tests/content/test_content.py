"""bestservice.content: every file read once per build, handed over as it is read."""

from __future__ import annotations

from bestservice import content as content_module
from bestservice.content import BATCH, load_content, shared_content


def _write(folder, count: int, broken: set[int] = frozenset()) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = "no front matter\n" if n in broken else f"---\nid: project-{n:03d}\ntitle: โครงการที่ {n}\n---\n\nเนื้อหาโครงการ\n"
        (folder / f"project-{n:03d}.md").write_text(text, encoding="utf-8")


def test_documents_are_handed_over_in_batches_as_they_are_read(tmp_path):
    """The similar check starts on each document while the build reads the rest (bestservice_mkdocs/similar.py):
    every readable document once, in order, in batches; unreadable files are left out, not repeated."""
    _write(tmp_path / "projects", 2 * BATCH + 5, broken={BATCH - 1, BATCH, 2 * BATCH})
    batches: list[list] = []
    content = load_content(tmp_path / "projects", tmp_path / "lessons", on_documents=batches.append)
    assert [doc.id for batch in batches for doc in batch] == [doc.id for doc in content.documents]
    assert len(content.documents) == 2 * BATCH + 2 and len(content.unreadable) == 3
    assert all(len(batch) <= BATCH for batch in batches) and len(batches) == 3


def test_content_read_already_is_handed_over_at_once(tmp_path, monkeypatch):
    _write(tmp_path / "projects", 3)
    monkeypatch.setattr(content_module, "_shared", {})
    first = shared_content(tmp_path / "projects", tmp_path / "lessons")
    later: list[list] = []
    assert shared_content(tmp_path / "projects", tmp_path / "lessons", on_documents=later.append) is first
    assert later == [first.documents]
    (tmp_path / "projects" / "project-001.md").write_text("---\nid: project-001\ntitle: แก้แล้ว\n---\n\nเนื้อหา\n", encoding="utf-8")
    assert shared_content(tmp_path / "projects", tmp_path / "lessons").project_by_id["project-001"].data["title"] == "แก้แล้ว", "an edit is read again"


def test_hooks_of_one_build_check_the_files_once(tmp_path, monkeypatch):
    _write(tmp_path / "projects", 3)
    monkeypatch.setattr(content_module, "_shared", {})
    build, next_build = object(), object()
    first = shared_content(tmp_path / "projects", tmp_path / "lessons", build=build)
    (tmp_path / "projects" / "project-001.md").write_text("---\nid: project-001\ntitle: แก้แล้ว\n---\n\nเนื้อหา\n", encoding="utf-8")
    assert shared_content(tmp_path / "projects", tmp_path / "lessons", build=build) is first, "a later hook of the same build reuses the content unchecked"
    again = shared_content(tmp_path / "projects", tmp_path / "lessons", build=next_build)
    assert again.project_by_id["project-001"].data["title"] == "แก้แล้ว", "the next build (mkdocs serve) checks the files and reads the edit"
