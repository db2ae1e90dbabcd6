"""Which files are content: nothing in a content folder is skipped without a word (bestservice.content.listing).

A whole-knowledge-base `validate` used to pass over a FIFO, a link to /dev/zero, a link loop, a
dangling link, a file directly under projects/ and one in a folder that is not a fiscal year, and
exit 0. Each is now a located Thai error, and the rest of the content is still checked.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

from conftest import FIXTURES

from bestservice import cli
from bestservice.content import load_content
from bestservice.content.listing import content_files

VALID = FIXTURES / "valid"
ARCHIVE = VALID / "projects" / "2567" / "bang-rak-archive.md"


def knowledge_base(tmp_path: Path) -> Path:
    shutil.copytree(VALID, tmp_path / "kb")
    return tmp_path / "kb"


def validate_all(kb: Path, monkeypatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(kb)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["validate", "--projects", "projects", "--lessons", "lessons"])
    return code, err.getvalue().splitlines()


def test_special_files_and_links_that_cannot_be_followed_fail_the_whole_run(tmp_path, monkeypatch):
    kb = knowledge_base(tmp_path)
    year = kb / "projects" / "2568"
    os.mkfifo(year / "fifo.md")
    (year / "zero.md").symlink_to("/dev/zero")
    (year / "loop.md").symlink_to("loop.md")
    (year / "gone.md").symlink_to("deleted.md")
    (year / "secret.md").symlink_to(tmp_path / "outside.md")
    (tmp_path / "outside.md").write_text(ARCHIVE.read_text(encoding="utf-8"), encoding="utf-8")
    code, lines = validate_all(kb, monkeypatch)
    located = [line for line in lines if line.startswith("projects/")]
    assert code == 1
    assert [line.split(" (")[0] for line in located] == [
        "projects/2568/fifo.md:1: file: ไม่ใช่ไฟล์ข้อความธรรมดา แต่เป็นท่อส่งข้อมูล",
        "projects/2568/gone.md:1: file: ลิงก์",
        "projects/2568/loop.md:1: file: ลิงก์",
        "projects/2568/secret.md:1: file: ลิงก์",
        "projects/2568/zero.md:1: file: ลิงก์",
    ]
    assert "ชี้ไปยังสิ่งที่ไม่มีอยู่ (deleted.md)" in located[1]
    assert f"ชี้ออกไปนอกคลังความรู้ ({tmp_path / 'outside.md'})" in located[3]
    assert "ตรวจ 11 ไฟล์" in lines[-1], "the other files are checked too"


def test_a_link_that_stays_in_the_knowledge_base_is_read_like_any_file(tmp_path):
    kb = knowledge_base(tmp_path)
    (kb / "projects" / "2566").mkdir()
    (kb / "projects" / "2566" / "bang-rak-archive.md").symlink_to("../2567/bang-rak-archive.md")
    files, problems = content_files(kb / "projects", "project")
    assert problems == [] and kb / "projects" / "2566" / "bang-rak-archive.md" in files


def test_a_symlinked_folder_that_leaves_the_knowledge_base_is_not_walked(tmp_path):
    kb = knowledge_base(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(ARCHIVE, tmp_path / "elsewhere" / "bang-rak-archive.md")
    (kb / "projects" / "2566").symlink_to(tmp_path / "elsewhere")
    (kb / "projects" / "2568" / "again").symlink_to("..")
    files, problems = content_files(kb / "projects", "project")
    assert all("elsewhere" not in str(path) and "again" not in str(path) for path in files)
    assert [p.message.split(" (")[0] for p in problems] == ["ลิงก์", "ลิงก์"]
    assert "ชี้ออกไปนอกคลังความรู้" in problems[0].message and "วนกลับไปยังโฟลเดอร์ที่อ่านแล้ว" in problems[1].message


def test_a_file_outside_a_fiscal_year_folder_is_an_error_saying_where_to_move_it(tmp_path, monkeypatch):
    kb = knowledge_base(tmp_path)
    (kb / "projects" / "misc").mkdir()
    shutil.move(kb / "projects" / "2567" / "bang-rak-archive.md", kb / "projects" / "misc" / "bang-rak-archive.md")
    shutil.move(kb / "projects" / "2568" / "khlong-toei-queue-online.md", kb / "projects" / "khlong-toei-queue-online.md")
    (kb / "lessons" / "drafts").mkdir()
    shutil.move(kb / "lessons" / "ask-before-building.md", kb / "lessons" / "drafts" / "ask-before-building.md")
    code, lines = validate_all(kb, monkeypatch)
    assert code == 1
    assert [line for line in lines if ":1: file: " in line] == [
        "lessons/drafts/ask-before-building.md:1: file: ไฟล์บทเรียนไม่ได้อยู่ในโฟลเดอร์ lessons โดยตรง จึงไม่ถูกอ่าน (file) — ย้ายไฟล์ไปไว้ที่ lessons/ask-before-building.md",
        "projects/khlong-toei-queue-online.md:1: file: ไฟล์โครงการไม่ได้อยู่ในโฟลเดอร์ปีงบประมาณ (projects/<ปี>/) จึงไม่ถูกอ่าน (file)"
        " — ย้ายไฟล์ไปไว้ที่ projects/2568/khlong-toei-queue-online.md ตามปีงบประมาณ (fiscal_year) ของโครงการ",
        "projects/misc/bang-rak-archive.md:1: file: ไฟล์โครงการไม่ได้อยู่ในโฟลเดอร์ปีงบประมาณ (projects/<ปี>/) จึงไม่ถูกอ่าน (file)"
        " — ย้ายไฟล์ไปไว้ที่ projects/2567/bang-rak-archive.md ตามปีงบประมาณ (fiscal_year) ของโครงการ",
    ]


def test_hidden_entries_and_other_files_are_not_content(tmp_path):
    kb = knowledge_base(tmp_path)
    (kb / "projects" / "2568" / ".draft.md").write_text("x", encoding="utf-8")
    (kb / "projects" / "2568" / "notes.txt").write_text("x", encoding="utf-8")
    os.mkfifo(kb / "projects" / "2568" / "pipe")
    content = load_content(kb / "projects", kb / "lessons")
    assert content.unreadable == [] and len(content.projects) == 5


def test_a_folder_given_as_dot_places_its_files_as_any_other_path_does(tmp_path, monkeypatch):
    """`validate --projects .` run inside projects/: the files' paths then start without "./"."""
    kb = knowledge_base(tmp_path)
    shutil.move(kb / "projects" / "2567" / "bang-rak-archive.md", kb / "projects" / "bang-rak-archive.md")
    monkeypatch.chdir(kb / "projects")
    files, problems = content_files(Path("."), "project")
    assert len(files) == 4 and all(len(path.parts) == 2 and path.parts[0].isdecimal() for path in files), files
    assert [problem.path for problem in problems] == ["bang-rak-archive.md"], "the misplaced file is named, and only it"
