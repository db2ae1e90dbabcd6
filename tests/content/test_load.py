"""The safe loader: every file it cannot read becomes one located Thai problem, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import FIXTURES

from bestservice.content.document import Document
from bestservice.content.listing import iter_content_files
from bestservice.content.load import MAX_FILE_BYTES, MAX_NESTING, read_document
from bestservice.content.problems import ContentError
from bestservice.render import markdown_to_html

FIXTURES = FIXTURES / "load"
YAML_FIX = "ตรวจการเว้นวรรคย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูดในบรรทัดนี้หรือบรรทัดก่อนหน้า"
MAPPING = "ส่วนหัว YAML ต้องเป็นชุดของ ชื่อฟิลด์: ค่า (file) — เขียนแต่ละฟิลด์เป็นบรรทัดแบบ title: ชื่อโครงการ"
VALID = "---\nid: bang-rak-canal\ntitle: คลองสวย\n---\n\nเนื้อหา\n"


def refusal(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        read_document(path, "project")
    assert len(caught.value.problems) == 1
    return caught.value.problems[0].format()


REFUSALS = {
    "empty": ":1: file: ไฟล์ว่างเปล่า (file) — ใส่ส่วนหัว YAML ระหว่างบรรทัด --- และเนื้อหาโครงการ หรือลบไฟล์นี้",
    "no-front-matter": ":1: file: ไม่มีส่วนหัว YAML (front matter) ที่ต้นไฟล์ (file) — บรรทัดแรกของไฟล์ต้องเป็น --- ตามด้วยข้อมูลโครงการ แล้วปิดด้วย --- อีกบรรทัด",
    "no-closing-fence": ":1: file: ส่วนหัว YAML ไม่มีบรรทัด --- ปิดท้าย (file) — เพิ่มบรรทัด --- หลังข้อมูลส่วนหัว ก่อนเนื้อหา",
    "empty-front-matter": ":2: file: ส่วนหัว YAML ว่างเปล่า (file) — ใส่ข้อมูลโครงการระหว่างบรรทัด --- ทั้งสอง",
    # the quote opens on line 3; the parser only notices at the end of the front matter; no English of the parser's
    "yaml-syntax-error": f":3: file: อ่าน YAML ไม่ได้: เครื่องหมายคำพูดเปิดไว้แต่ไม่ได้ปิด (หรือมีเครื่องหมาย \\ ที่ใช้ไม่ได้ในข้อความ) (file) — {YAML_FIX}",
    "bad-indent": f":4: file: อ่าน YAML ไม่ได้: มีเครื่องหมาย : ในที่ที่ไม่ควรมี (ย่อหน้าไม่ตรงกัน หรือข้อความที่มี : ต้องอยู่ในเครื่องหมายคำพูด) (file) — {YAML_FIX}",
    "python-tag": ":3: file: ไม่อนุญาตให้ใช้แท็ก YAML (tag:yaml.org,2002:python/object/apply:os.system) (file)"
    " — ลบแท็กที่ขึ้นต้นด้วย ! ออก แล้วเขียนเป็นข้อความ ตัวเลข หรือรายการธรรมดา",
    "anchors": ":3: file: ไม่อนุญาตให้ใช้ anchor (&) หรือ alias (*) ใน YAML (file) — เขียนค่าซ้ำตรง ๆ แทนการอ้างอิง",
    "list-front-matter": f":2: file: {MAPPING}",
    "text-front-matter": f":2: file: {MAPPING}",
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_refuses_unreadable_file_with_one_located_message(name, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    assert refusal(Path(f"{name}.md")) == f"{name}.md{REFUSALS[name]}"


# What is wrong with a file but does not stop it being read: said with the rest of its problems, in one run.
READ_WITH_PROBLEMS = {
    "empty-body": ":5: body: ไม่มีเนื้อหาหลังส่วนหัว (front matter) (body) — เขียนรายละเอียดเป็นข้อความอย่างน้อยหนึ่งย่อหน้าต่อจากบรรทัด --- ปิดท้ายส่วนหัว",
    "duplicate-key": ":5: title: ฟิลด์ title ซ้ำ (มีแล้วที่บรรทัด 3) (title) — เหลือไว้เพียงบรรทัดเดียวแล้วรวมค่าที่ต้องการไว้ที่นั่น",
}


@pytest.mark.parametrize("name", sorted(READ_WITH_PROBLEMS))
def test_a_file_with_a_problem_that_need_not_stop_the_reading_is_read_with_it(name, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    document = read_document(Path(f"{name}.md"), "project")
    assert [p.format() for p in document.problems] == [f"{name}.md{READ_WITH_PROBLEMS[name]}"]
    assert document.data["id"]


def write(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "bang-rak-canal.md"
    path.write_bytes(raw)
    return path


def test_refuses_a_byte_order_mark(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, b"\xef\xbb\xbf" + VALID.encode())
    assert refusal(path) == ("bang-rak-canal.md:1: file: ไฟล์ขึ้นต้นด้วย BOM (file) — บันทึกไฟล์ใหม่เป็น UTF-8 แบบไม่มี BOM (ใน VS Code เลือก 'UTF-8' ที่แถบล่าง)")


def test_refuses_windows_line_endings_at_the_first_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, VALID.replace("title: คลองสวย\n", "title: คลองสวย\r\n").encode())
    assert refusal(path) == "bang-rak-canal.md:3: file: ไฟล์ใช้การขึ้นบรรทัดแบบ Windows (CRLF) (file) — บันทึกไฟล์ใหม่โดยเลือกการขึ้นบรรทัดแบบ LF"


def test_refuses_thai_text_saved_as_tis_620(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, VALID.encode("cp874"))
    assert refusal(path) == ("bang-rak-canal.md:3: file: ไฟล์ไม่ได้เข้ารหัสเป็น UTF-8 (file) — บันทึกไฟล์ใหม่เป็น UTF-8 (ไฟล์ภาษาไทยจาก Windows มักเป็น TIS-620/cp874)")


def test_refuses_a_nul_byte(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, VALID.replace("เนื้อหา", "เนื้อหา\x00").encode())
    assert refusal(path).startswith("bang-rak-canal.md:6: file: ไฟล์มีอักขระ NUL (file)")


def test_refuses_a_file_over_one_megabyte_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, VALID.encode() + b"x" * MAX_FILE_BYTES)
    size = path.stat().st_size
    assert refusal(path) == (
        f"bang-rak-canal.md:1: file: ไฟล์ใหญ่เกินไป ({size:,} ไบต์ เกินขีดจำกัด 1,000,000 ไบต์) (file) — ย่อเนื้อหาให้สั้นลง หรือแยกรายละเอียดไปไว้ในแหล่งข้อมูลแล้วใส่ลิงก์ใน sources"
    )


def test_refuses_a_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert refusal(Path("missing.md")) == "missing.md:1: file: เปิดไฟล์ไม่ได้ (No such file or directory) (file) — ตรวจชื่อไฟล์และสิทธิ์การอ่าน"


def test_reports_every_duplicate_key_not_just_the_first_and_keeps_the_first_value(tmp_path):
    path = write(tmp_path, b"---\nid: bang-rak-canal\nid: again\ntitle: a\ntitle: b\n---\n\nbody\n")
    document = read_document(path, "project")
    assert [(p.line, p.field) for p in document.problems] == [(3, "id"), (5, "title")]
    assert document.data == {"id": "bang-rak-canal", "title": "a"}


def test_reads_values_and_remembers_the_line_of_every_field():
    document = read_document(FIXTURES / "valid-file.md", "project")
    assert isinstance(document, Document)
    assert document.data == {"id": "valid-file", "title": "อ่านได้", "fiscal_year": 2568, "started": "2024-10-01", "objectives": ["ลดเวลารอ"]}
    assert document.line_of(("fiscal_year",)) == 4
    assert document.line_of(("objectives", 0)) == 7
    assert document.line_of(("objectives", 5)) == 6, "a missing item points at its list"
    assert document.line_of(("no_such_field",)) == 2, "a missing field points at the front matter"
    assert document.body_line == 9
    assert document.body.strip() == "เนื้อหาบรรทัดแรก"


def test_an_impossible_date_stays_text_for_the_schema_to_explain(tmp_path):
    path = write(tmp_path, b"---\nid: bang-rak-canal\nstarted: 2024-13-01\n---\n\nbody\n")
    assert read_document(path, "project").data["started"] == "2024-13-01"


def test_a_thematic_break_in_the_body_is_not_a_fence(tmp_path):
    path = write(tmp_path, "---\nid: bang-rak-canal\n---\n\nก่อน\n\n---\n\nหลัง\n".encode())
    assert read_document(path, "project").body.strip().endswith("หลัง")


def test_lists_markdown_files_in_a_stable_order_and_skips_hidden_ones(tmp_path):
    for name in ("2568/b.md", "2567/a.md", "2568/.draft.md", "2568/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_content_files(tmp_path)] == ["2567/a.md", "2568/b.md"]
    assert iter_content_files(tmp_path / "missing") == []


def test_refuses_deep_nesting_before_it_exhausts_the_parser(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for depth in (MAX_NESTING + 1, 3000):
        path = write(tmp_path, ("---\nid: bang-rak-canal\ntitle: " + "[" * depth + "]" * depth + "\n---\n\nbody\n").encode())
        message = refusal(path)
        assert message.startswith("bang-rak-canal.md:3: file: ") and "ข้อมูลซ้อนกันลึกเกิน" in message


def test_a_tab_used_for_indentation_is_explained_in_thai(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "---\nid: bang-rak-canal\nobjectives:\n\t- ลดเวลารอ\n---\n\nbody\n".encode())
    assert refusal(path).startswith("bang-rak-canal.md:4: file: อ่าน YAML ไม่ได้: มีอักขระที่ขึ้นต้นค่าไม่ได้ เช่น ย่อหน้าด้วยปุ่ม Tab")


def refused_in_a_child(path: Path) -> tuple[int, str]:
    """`bestservice validate FILE` in a child process that may not wait long nor take much memory:
    before the reader checked what it opens, a FIFO waited forever and /dev/zero grew to gigabytes."""
    import resource
    import subprocess
    import sys

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = subprocess.run(
        [sys.executable, "-m", "bestservice", "validate", "--projects", str(path.parent.parent), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limits,
        cwd=path.parent.parent.parent,
    )
    return result.returncode, result.stderr


def test_a_fifo_is_refused_at_once_instead_of_waiting_forever(tmp_path):
    import os

    (tmp_path / "projects" / "2568").mkdir(parents=True)
    os.mkfifo(tmp_path / "projects" / "2568" / "waiting.md")
    code, err = refused_in_a_child(tmp_path / "projects" / "2568" / "waiting.md")
    assert code == 1 and "projects/2568/waiting.md:1: file: ไม่ใช่ไฟล์ข้อความธรรมดา แต่เป็นท่อส่งข้อมูล (FIFO)" in err, err


def test_a_link_to_an_endless_device_is_refused_without_reading_it(tmp_path):
    (tmp_path / "projects" / "2568").mkdir(parents=True)
    (tmp_path / "projects" / "2568" / "zero.md").symlink_to("/dev/zero")
    code, err = refused_in_a_child(tmp_path / "projects" / "2568" / "zero.md")
    assert code == 1 and "projects/2568/zero.md:1: file: ลิงก์ (symlink) ชี้ออกไปนอกคลังความรู้ (/dev/zero)" in err, err


def test_a_device_named_directly_is_refused_as_a_special_file(monkeypatch):
    monkeypatch.chdir("/dev")
    assert refusal(Path("zero")).startswith("zero:1: file: ไม่ใช่ไฟล์ข้อความธรรมดา แต่เป็นอุปกรณ์ (device)")


def test_a_symlink_loop_is_a_located_error(tmp_path):
    (tmp_path / "projects" / "2568").mkdir(parents=True)
    (tmp_path / "projects" / "2568" / "loop.md").symlink_to("loop.md")
    code, err = refused_in_a_child(tmp_path / "projects" / "2568" / "loop.md")
    assert code == 1 and "projects/2568/loop.md:1: file: ลิงก์ (symlink) วนซ้ำไม่มีที่สิ้นสุด (loop.md)" in err, err


def test_the_size_limit_holds_while_reading_when_the_size_cannot_be_known(tmp_path, monkeypatch):
    """A file whose size reads 0 (a device, /proc) is still read no further than the limit."""
    import os

    path = write(tmp_path, VALID.encode() + b"x" * MAX_FILE_BYTES)
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, *real_fstat(fd)[7:])))
    monkeypatch.chdir(tmp_path)
    assert refusal(path).startswith(f"bang-rak-canal.md:1: file: ไฟล์ใหญ่เกินไป (มากกว่า {MAX_FILE_BYTES:,} ไบต์ เกินขีดจำกัด")


def test_a_file_name_that_is_not_utf8_is_refused_and_shown_with_its_byte(tmp_path, monkeypatch):
    import os

    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"caf\xe9.md")
    (tmp_path / name).write_text(VALID, encoding="utf-8")
    assert (
        refusal(Path(name))
        == "caf\\xe9.md:1: file: ชื่อไฟล์ไม่ได้เข้ารหัสเป็น UTF-8 (file) — เปลี่ยนชื่อไฟล์เป็นรหัสโครงการ (ตัวอักษรภาษาอังกฤษพิมพ์เล็ก ตัวเลข และขีดกลาง) ตามด้วย .md"
    )


NOT_A_CHARACTER = "มีอักขระต้องห้าม U+FFFE (ไม่ใช่ตัวอักษร)"
REMOVE_IT = "ลบอักขระนี้ออก (มักติดมากับข้อความที่คัดลอกมาและมองไม่เห็นในโปรแกรมแก้ไข) แล้วบันทึกไฟล์อีกครั้ง"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\nid: bang-rak-canal\ntitle: คลอง\ufffeสวย\n---\n\nเนื้อหา\n", f":3: title: {NOT_A_CHARACTER} ที่ตัวอักษรที่ 12 ของบรรทัด (title) — {REMOVE_IT}"),
        (
            '---\nid: bang-rak-canal\nkpis:\n  - name: เวลารอ\n    target: "1\ufffe"\n---\n\nเนื้อหา\n',
            f":5: kpis[0].target: {NOT_A_CHARACTER} ที่ตัวอักษรที่ 15 ของบรรทัด (kpis[0].target) — {REMOVE_IT}",
        ),
        ("---\nid: bang-rak-canal\n---\n\nเนื้อ\ufffeหา\n", f":5: body: {NOT_A_CHARACTER} ที่ตัวอักษรที่ 6 ของบรรทัด (body) — {REMOVE_IT}"),
        (
            "---\nid: bang-rak-canal\nunit: \x1b[2J\n---\n\nเนื้อหา\n",
            ":3: unit: มีอักขระต้องห้าม U+001B (อักขระควบคุม) ที่ตัวอักษรที่ 7 ของบรรทัด (unit) — " + REMOVE_IT,
        ),
    ],
    ids=["U+FFFE in a field", "in a nested field", "in the body", "an escape sequence"],
)
def test_a_character_no_file_may_hold_is_named_in_thai_at_its_line_and_field(tmp_path, monkeypatch, text, expected):
    """Before, YAML's reader refused it in English at the front matter's first line (line 2)."""
    monkeypatch.chdir(tmp_path)
    assert refusal(write(tmp_path, text.encode())) == "bang-rak-canal.md" + expected


def test_the_same_characters_written_as_yaml_escapes_are_refused_at_their_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, b'---\nid: bang-rak-canal\nunit: "\\e]0;pwned\\a"\n---\n\nbody\n')
    document = read_document(path, "project")
    assert document.data["unit"] is None, "the value is not kept"
    assert [p.format() for p in document.problems][0] == (
        "bang-rak-canal.md:3: unit: มีอักขระต้องห้าม U+001B (อักขระควบคุม) (unit) — ลบรหัสอักขระนี้ (เช่น \\e หรือ \\uFFFE ในเครื่องหมายคำพูด) ออกจากค่า"
    )


def test_a_body_markdown_would_take_minutes_to_render_is_shown_as_text_and_said(tmp_path):
    """4,000 unmatched [ took 1.7 s to render and 20,000 a minute: a 17 KB body passed validate and held up the build."""
    path = tmp_path / "brackets.md"
    path.write_text(VALID + "[" * 15_000 + " <b>ตัวหนา</b>\n", encoding="utf-8")
    (problem,) = read_document(path, "project").problems
    assert problem.line == 5 and problem.field == "body" and "15,000 ตัว เกินขีดจำกัด" in problem.message
    started = time.monotonic()
    html = markdown_to_html(path.read_text(encoding="utf-8").split("---\n", 2)[2])
    assert time.monotonic() - started < 1, "the page must not take long to make"
    assert "<b>" not in html and "&lt;b&gt;ตัวหนา&lt;/b&gt;" in html, "shown as text, nothing of it as markup"
    assert read_document(_written(tmp_path, VALID + "[ลิงก์](https://example.org)\n" * 100), "project").problems == [], "a hundred links are fine"


def _written(tmp_path, text: str) -> Path:
    path = tmp_path / "written.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_of_more_values_than_any_record_has_is_refused_before_it_is_checked(tmp_path):
    """400,000 tools took 15 s to check and printed 400,001 problems."""
    path = _written(tmp_path, VALID.replace("title: คลองสวย\n", "title: คลองสวย\ntools: [" + ", ".join(["lean"] * 40_000) + "]\n"))
    started = time.monotonic()
    with pytest.raises(ContentError) as refused:
        read_document(path, "project")
    assert time.monotonic() - started < 2
    (problem,) = refused.value.problems
    assert problem.line == 4 and "มากเกิน 20,000 ค่า" in problem.message
