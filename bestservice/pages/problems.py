"""What an editor sees in the browser under `mkdocs serve` when a saved file has a content error: the
located problems, as `bestservice validate` prints them, on the page that file makes.

A file that cannot be read at all gets its page anyway, made of its problems (the page it had stays
reachable at the same address while the editor fixes it); a readable file with errors gets them above
its page. The build itself never publishes these: `mkdocs build --strict` stops at an unreadable file,
and CI runs `bestservice validate`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bestservice import urls
from bestservice.content.problems import Problem
from bestservice.pages.base import Page, environment


def notice(problems: list[Problem], heading: str) -> str:
    html = environment().get_template("problems.html").render(problems=sorted(problems), heading=heading)
    return "\n".join(line for line in html.splitlines() if line.strip())


def unreadable_pages(problems: list[Problem], lessons_dir: Path) -> list[Page]:
    """One page per unreadable file, at the address its file name gives (files are named by their id)."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    pages = []
    for path, found in by_file.items():
        name = Path(path).stem
        is_lesson = Path(lessons_dir).absolute() in Path(path).absolute().parents
        url = urls.lesson(name) if is_lesson else urls.project(name)
        title = f"ไฟล์ {Path(path).name} อ่านไม่ได้"
        pages.append(Page(url + "index.md", title, f'<div class="bs"><h1>{title}</h1>{notice(found, "พบข้อผิดพลาดที่ต้องแก้ก่อน")}</div>', {}))
    return pages


def with_problems(page: Page, problems: list[Problem]) -> Page:
    """The page with its file's problems above it."""
    heading = f"ไฟล์ของหน้านี้มีข้อผิดพลาด {sum(p.severity == 'error' for p in problems)} รายการ"
    return dataclasses.replace(page, html=notice(problems, heading) + "\n" + page.html)
