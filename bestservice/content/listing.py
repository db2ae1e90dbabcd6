"""Which files of a knowledge base are content, and where each belongs.

A content folder is walked without trusting it: links are followed only when they stay inside the
knowledge base, a link that loops or points at nothing is reported, and so is every Markdown file
that is not where the build looks for it (projects/<fiscal year>/<id>.md, lessons/<id>.md), with
where to move it. Nothing found here is skipped without a word, except hidden entries.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bestservice.content.document import display_path
from bestservice.content.load import file_problem, knowledge_base_folders, link_problem, read_document
from bestservice.content.problems import ContentError, Problem
from bestservice.fiscal import FISCAL_YEARS

YEAR_FOLDER = re.compile(r"^\d{4}$")


def iter_content_files(directory: Path) -> list[Path]:
    """Every Markdown file under a content folder that can be opened, in a stable order."""
    return walk_content(directory)[0]


def walk_content(directory: Path) -> tuple[list[Path], list[Problem]]:
    """Every Markdown file under a folder, and a located problem for each link that cannot be followed:
    one that loops, points at nothing or leaves the knowledge base. Hidden entries are not content."""
    directory = Path(directory)
    if not directory.is_dir():
        return [], []
    inside = knowledge_base_folders(directory)
    files, problems = [], []
    pending, seen = [directory], {os.path.realpath(directory)}
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as err:
            problems.append(file_problem(folder, 1, f"เปิดโฟลเดอร์ไม่ได้ ({err.strerror})", "ตรวจสิทธิ์การอ่านโฟลเดอร์"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            refused = link_problem(path, inside) if entry.is_symlink() else None  # the folder listing says which are links
            if refused:
                problems.append(refused)
            elif entry.is_dir():
                real = os.path.realpath(path)
                if real in seen:
                    problems.append(file_problem(path, 1, f"ลิงก์ (symlink) วนกลับไปยังโฟลเดอร์ที่อ่านแล้ว ({os.readlink(path)})", "ลบลิงก์นี้ออก"))
                else:
                    seen.add(real)
                    pending.append(path)
            elif entry.name.endswith(".md"):
                files.append(path)
    return sorted(files), problems


def content_files(directory: Path, kind: str) -> tuple[list[Path], list[Problem]]:
    """The files of a content folder where they belong (projects/<fiscal year>/<id>.md, lessons/<id>.md),
    and a problem for every other one saying where to move it, and for every link that cannot be followed."""
    files, problems = walk_content(directory)
    placed, misplaced = [], []
    prefix = os.path.join(os.fspath(directory), "")
    for path in files:  # read from the path's text: making 5,500 relative Paths was a tenth of a one-file check
        text = os.fspath(path)
        relative = text[len(prefix) :] if text.startswith(prefix) else os.fspath(path.relative_to(directory))  # "./x" is "x"
        (placed if _in_place(relative.split(os.sep), kind) else misplaced).append(path)
    return placed, problems + [_misplaced(Path(directory), path, kind) for path in misplaced]


def _in_place(parts: list[str], kind: str) -> bool:
    if kind == "lesson":
        return len(parts) == 1
    return len(parts) == 2 and YEAR_FOLDER.match(parts[0]) is not None


def _misplaced(directory: Path, path: Path, kind: str) -> Problem:
    if kind == "lesson":
        where = display_path(directory / path.name)
        return file_problem(path, 1, "ไฟล์บทเรียนไม่ได้อยู่ในโฟลเดอร์ lessons โดยตรง จึงไม่ถูกอ่าน", f"ย้ายไฟล์ไปไว้ที่ {where}")
    try:
        year = read_document(path, kind).data.get("fiscal_year")
    except ContentError:
        year = None
    folder = str(year) if isinstance(year, int) and not isinstance(year, bool) and year in FISCAL_YEARS else "<ปีงบประมาณ พ.ศ.>"
    return file_problem(
        path,
        1,
        "ไฟล์โครงการไม่ได้อยู่ในโฟลเดอร์ปีงบประมาณ (projects/<ปี>/) จึงไม่ถูกอ่าน",
        f"ย้ายไฟล์ไปไว้ที่ {display_path(directory / folder / path.name)} ตามปีงบประมาณ (fiscal_year) ของโครงการ",
    )
