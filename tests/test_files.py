"""bestservice.files: every command writes whole files, inside its folder, over nothing without --force."""

from __future__ import annotations

import os

import pytest

from bestservice import files
from bestservice.content.problems import ContentError


def refused(call) -> list[str]:
    with pytest.raises(ContentError) as caught:
        call()
    return [p.format() for p in caught.value.problems]


def test_writes_whole_files_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files.write_files(tmp_path / "out", {tmp_path / "out" / "a" / "b.txt": "ก", tmp_path / "out" / "c.bin": b"\x00"})
    assert (tmp_path / "out" / "a" / "b.txt").read_text(encoding="utf-8") == "ก" and (tmp_path / "out" / "c.bin").read_bytes() == b"\x00"
    assert sorted(p.name for p in (tmp_path / "out").rglob("*")) == ["a", "b.txt", "c.bin"]


def test_an_existing_file_is_replaced_only_with_force_and_nothing_is_written_before_the_refusal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "kept.md").write_text("เขียนด้วยมือ", encoding="utf-8")
    plan = {tmp_path / "out" / "first.md": "x", tmp_path / "out" / "kept.md": "ใหม่"}
    assert refused(lambda: files.write_files(tmp_path / "out", plan)) == [
        "out/kept.md:1: file: มีไฟล์นี้อยู่แล้ว จะไม่เขียนทับ (file) — ใช้ชื่อหรือโฟลเดอร์อื่น หรือเพิ่ม --force เพื่อเขียนทับ"
    ]
    assert not (tmp_path / "out" / "first.md").exists(), "every refusal is found before the first file is written"
    files.write_files(tmp_path / "out", plan, force=True)
    assert (tmp_path / "out" / "kept.md").read_text(encoding="utf-8") == "ใหม่"


def test_never_writes_through_a_link_even_with_force(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out" / "2568").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "out" / "dangling.json").symlink_to(tmp_path / "victim.json")
    assert refused(lambda: files.write_file(tmp_path / "out" / "2568" / "x.md", "x", tmp_path / "out", force=True)) == [
        f"out/2568:1: file: โฟลเดอร์นี้เป็นลิงก์ (symlink) ไปยัง {tmp_path / 'elsewhere'} จึงไม่เขียนผ่าน (file) — ลบลิงก์แล้วสร้างเป็นโฟลเดอร์จริง"
    ]
    assert refused(lambda: files.write_file(tmp_path / "out" / "dangling.json", "x", tmp_path / "out", force=True)) == [
        f"out/dangling.json:1: file: เป็นลิงก์ (symlink) ไปยัง {tmp_path / 'victim.json'} จึงไม่เขียนผ่าน (file) — ลบลิงก์นี้ หรือเลือกชื่อไฟล์อื่น"
    ]
    assert refused(lambda: files.write_file(tmp_path / "out" / ".." / "x.md", "x", tmp_path / "out"))[0].endswith("— เขียนเฉพาะภายในโฟลเดอร์ที่ระบุ")
    assert list((tmp_path / "elsewhere").iterdir()) == [] and not (tmp_path / "victim.json").exists() and not (tmp_path / "x.md").exists()


def test_a_planted_temporary_file_name_cannot_redirect_the_write(tmp_path):
    (tmp_path / "out").mkdir()
    for name in ("data.json", "data.json.tmp"):
        (tmp_path / "out" / f".{name}").symlink_to(tmp_path / "victim")
    files.write_file(tmp_path / "out" / "data.json", "{}", tmp_path / "out")
    assert not (tmp_path / "victim").exists() and (tmp_path / "out" / "data.json").read_text() == "{}"


def test_a_failure_while_writing_takes_back_what_this_call_created(tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.md").write_text("old", encoding="utf-8")
    real_link, calls = os.link, []

    def link_then_fail(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_link(source, target)

    monkeypatch.setattr(os, "link", link_then_fail)
    with pytest.raises(OSError):
        files.write_files(tmp_path / "out", {tmp_path / "out" / "a.md": "a", tmp_path / "out" / "b.md": "b"})
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["old.md"], "the new file is taken back, no temporary file is left"
