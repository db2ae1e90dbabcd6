"""bestservice.content: every file read, the unreadable ones set apart with their problems."""

from __future__ import annotations

from bestservice.content import load_content


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
