"""`bestservice new lesson` at a real terminal, as the knowledge-management team runs it: every question on
its own lines, the answer line holding only what is typed, names instead of ids, and a lesson page
that shows the lesson's own text."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time

import pytest
from conftest import REFERENCE, ROOT

from bestservice.content import load_content
from bestservice.content.validate import validate
from bestservice.pages import generate_pages

ANSWERS = [
    ("ชื่อบทเรียน", "แยกเศษอาหารได้จริงเมื่อเก็บแยกคันตั้งแต่วันแรก"),
    ("โครงการที่มาของบทเรียน", "ไม่เทรวมม"),  # a typo: the closest names are offered
    ("โครงการที่มาของบทเรียน", "ไม่เทรวม"),  # the project's Thai name
    ("หน่วยงานเจ้าของบทเรียน", "สำนักสิ่งแวดล้อม"),
    ("ผู้ติดต่อ", "หัวหน้าฝ่ายรักษาความสะอาด"),
    ("วันที่ถอดบทเรียน", "1/11/2568"),  # B.E., day first
    ("สิ่งที่คาดไว้", "ประชาชนแยกเศษอาหารเองเมื่อมีถังแยก"),
    ("สิ่งที่เกิดขึ้นจริง", "ประชาชนแยกเมื่อเห็นว่ารถเก็บแยกคันจริง"),
    ("เหตุที่ต่างจากที่คาด", "ถ้ารถเก็บรวมกันอีก คนก็เลิกแยก"),
    ("ครั้งหน้าควรทำอย่างไร", "จัดรถเก็บแยกคันตั้งแต่วันแรกแล้วบอกให้ชุมชนเห็น"),
    ("ผลที่วัดได้", "เศษอาหารที่แยกได้ = ๓๓,๖๙๓ ตัน (ปี 2567)"),
    ("ค่าใช้จ่าย", ""),
    ("แรงและเวลาที่ใช้", ""),
    ("สิ่งที่ต้องมีก่อน", "รถเก็บขยะแยกคัน"),
    ("สิ่งที่ได้ผล", ""),
    ("สิ่งที่ไม่ได้ผล", ""),
    ("เหมาะกับใคร", ""),
    ("เครื่องมือที่เกี่ยวข้อง", ""),
    ("เกณฑ์ที่เกี่ยวข้อง", "ข้อ 13"),  # no such criterion: asked again
    ("เกณฑ์ที่เกี่ยวข้อง", "ข้อ 1, ข้อ ๑๒"),
    ("ผู้ถอดบทเรียน", ""),
]


def read_until_prompt(fd: int, seen: list[str], timeout: float = 60) -> str:
    """What the terminal shows up to the next answer line (`> ` at the start of a line)."""
    out, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            text = out.decode("utf-8", "replace")
            if re.search(r"(^|\n)> $", text.replace("\r", "")):
                seen.append(text)
                return text
    seen.append(out.decode("utf-8", "replace"))
    return seen[-1]


@pytest.fixture
def knowledge_base(tmp_path):
    shutil.copytree(ROOT / "projects", tmp_path / "projects")
    (tmp_path / "lessons").mkdir()
    return tmp_path


def test_new_lesson_at_a_terminal_asks_by_name_and_its_page_shows_the_lesson(knowledge_base):
    main, child = pty.openpty()
    command = [
        sys.executable,
        "-m",
        "bestservice",
        "new",
        "lesson",
        "--projects",
        str(knowledge_base / "projects"),
        "--lessons",
        str(knowledge_base / "lessons"),
    ]
    process = subprocess.Popen(command, stdin=child, stdout=child, stderr=child, cwd=ROOT, close_fds=True)
    os.close(child)
    seen: list[str] = []
    try:
        for question, answer in ANSWERS:
            screen = read_until_prompt(main, seen)
            assert question in screen, f"expected the question {question!r}, the terminal shows:\n{screen}"
            os.write(main, answer.encode() + b"\n")
        rest = read_until_prompt(main, seen, timeout=60)
        assert process.wait(timeout=60) == 0, "".join(seen)
    finally:
        process.kill()
        os.close(main)
    terminal = "".join(seen).replace("\r", "")
    assert "ไม่พบโครงการ 'ไม่เทรวมม' — คุณหมายถึง: «โครงการไม่เทรวม» (ปีงบประมาณ 2565)" in terminal
    assert "ไม่รู้จักเกณฑ์ 'ข้อ 13'" in terminal
    answer_lines = [line for line in terminal.splitlines() if line.startswith(">")]
    assert not [line for line in answer_lines if "เว้นว่างได้" in line or "[" in line], "hints stay off the answer line"
    assert "บทเรียนจากโครงการ (projects) (เว้นว่างได้)" not in terminal and "เครื่องมือที่เกี่ยวข้อง (tools) (เว้นว่างได้)" in terminal
    assert "เขียนไฟล์" in rest

    path = knowledge_base / "lessons" / "environment-mai-te-ruam-lesson.md"
    assert path.is_file(), "the id is made from the project the lesson comes from"
    assert validate(None, projects_dir=knowledge_base / "projects", lessons_dir=knowledge_base / "lessons", reference=REFERENCE).errors == []
    content = load_content(knowledge_base / "projects", knowledge_base / "lessons")
    pages = {page.path: page for page in generate_pages(content, REFERENCE, git=False)}
    html = pages["lessons/environment-mai-te-ruam-lesson/index.md"].html
    for own_text in ("ประชาชนแยกเศษอาหารเองเมื่อมีถังแยก", "ประชาชนแยกเมื่อเห็นว่ารถเก็บแยกคันจริง", "ถ้ารถเก็บรวมกันอีก คนก็เลิกแยก", "จัดรถเก็บแยกคันตั้งแต่วันแรก"):
        assert own_text in html
    assert "33,693 ตัน" in html and "1 พฤศจิกายน 2568" in html and "หัวหน้าฝ่ายรักษาความสะอาด" in html
    assert "บทเรียนจากโครงการ environment-mai-te-ruam" not in html and ">โครงการไม่เทรวม</a>" in html
    assert 'href="../../units/environment/"' in html
