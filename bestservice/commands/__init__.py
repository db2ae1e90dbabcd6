"""One module per CLI command. Each defines NAME, HELP, add_arguments(parser) and run(args) -> int."""

from __future__ import annotations

import sys
from pathlib import Path

from bestservice.content import LESSONS_DIR, PROJECTS_DIR, Content, load_content


def add_content_arguments(parser, lessons: bool = True) -> None:
    """`--projects DIR` and `--lessons DIR`: the content folders every content command reads."""
    parser.add_argument("--projects", type=Path, default=PROJECTS_DIR, help="โฟลเดอร์โครงการ (default: projects/)")
    if lessons:
        parser.add_argument("--lessons", type=Path, default=LESSONS_DIR, help="โฟลเดอร์บทเรียน (default: lessons/)")


def load_reporting(args) -> Content:
    """The content of --projects/--lessons, each unreadable file reported on stderr."""
    content = load_content(args.projects, args.lessons)
    for problem in content.unreadable:
        print(problem.format(), file=sys.stderr)
    return content
