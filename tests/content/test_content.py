"""bestservice.content: every file read once per build, and read again when it changed."""

from __future__ import annotations

from bestservice import content as content_module
from bestservice.content import load_content, shared_content


def _write(folder, count: int, broken: set[int] = frozenset()) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = "no front matter\n" if n in broken else f"---\nid: project-{n:03d}\ntitle: โครงการที่ {n}\n---\n\nเนื้อหาโครงการ\n"
        (folder / f"project-{n:03d}.md").write_text(text, encoding="utf-8")


def test_unreadable_files_are_set_apart_and_the_rest_read_in_order(tmp_path):
    _write(tmp_path / "projects" / "2568", 25, broken={0, 12, 24})
    content = load_content(tmp_path / "projects", tmp_path / "lessons")
    assert [doc.id for doc in content.documents] == [f"project-{n:03d}" for n in range(25) if n not in {0, 12, 24}]
    assert sorted(p.path.split("/")[-1].split(":")[0] for p in content.unreadable) == ["project-000.md", "project-012.md", "project-024.md"]


def test_content_read_already_is_shared_and_an_edit_is_read_again(tmp_path, monkeypatch):
    _write(tmp_path / "projects" / "2568", 3)
    monkeypatch.setattr(content_module, "_shared", {})
    first = shared_content(tmp_path / "projects", tmp_path / "lessons")
    assert shared_content(tmp_path / "projects", tmp_path / "lessons") is first
    (tmp_path / "projects" / "2568" / "project-001.md").write_text("---\nid: project-001\ntitle: แก้แล้ว\n---\n\nเนื้อหา\n", encoding="utf-8")
    assert shared_content(tmp_path / "projects", tmp_path / "lessons").project_by_id["project-001"].data["title"] == "แก้แล้ว", "an edit is read again"


def test_hooks_of_one_build_check_the_files_once(tmp_path, monkeypatch):
    _write(tmp_path / "projects" / "2568", 3)
    monkeypatch.setattr(content_module, "_shared", {})
    build, next_build = object(), object()
    first = shared_content(tmp_path / "projects", tmp_path / "lessons", build=build)
    (tmp_path / "projects" / "2568" / "project-001.md").write_text("---\nid: project-001\ntitle: แก้แล้ว\n---\n\nเนื้อหา\n", encoding="utf-8")
    assert shared_content(tmp_path / "projects", tmp_path / "lessons", build=build) is first, "a later hook of the same build reuses the content unchecked"
    again = shared_content(tmp_path / "projects", tmp_path / "lessons", build=next_build)
    assert again.project_by_id["project-001"].data["title"] == "แก้แล้ว", "the next build (mkdocs serve) checks the files and reads the edit"
