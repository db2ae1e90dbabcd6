"""The `bestservice` command line. Commands live in bestservice/commands/, one module each."""

from __future__ import annotations

import argparse
import importlib
import io
import os
import sys
import traceback

from bestservice import __version__
from bestservice.content.problems import ContentError, visible

COMMANDS = {
    "validate": "validate",
    "similar": "similar",
    "new": "new",
    "import": "import_",
    "export": "export",
    "coverage": "coverage",
    "screening": "screening",
    "pages": "pages",
    "init": "init",
}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command. Only the module of the command asked for is imported (the
    pre-commit hook runs `validate` on every commit: importing the site build for it took a quarter
    of a second); `bestservice --help` imports them all to list what each does."""
    words = [word for word in (sys.argv[1:] if argv is None else argv) if not word.startswith("-")]
    chosen = words[0] if words and words[0] in COMMANDS else None
    parser = argparse.ArgumentParser(
        prog="bestservice",
        description="คลังความรู้โครงการให้บริการที่ดีที่สุด กรุงเทพมหานคร (Best Service knowledge base)",
    )
    parser.add_argument("--version", action="version", version=f"bestservice {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        if chosen is not None and name != chosen:
            subparsers.add_parser(name)
            continue
        module = importlib.import_module(f"bestservice.commands.{module_name}")
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


class VisibleText(io.TextIOBase):
    """Standard output or error, showing rather than obeying every control character written to it:
    whatever a command prints from content (titles, unit names, file names, cells) cannot clear or
    retitle the terminal. Line breaks stay; a prompt still gets the terminal's line editing (fileno)."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text, keep="\n"))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()

    @property
    def encoding(self) -> str:
        return self.stream.encoding


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleText(sys.stdout), VisibleText(sys.stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = streams


def _run(argv: list[str] | None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 0
    try:
        return args.run(args)
    except ContentError as err:
        for item in err.problems:
            print(item.format(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ยกเลิกแล้ว", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"อ่านหรือเขียนไฟล์ไม่ได้: {err.filename or ''} ({err.strerror}) — ตรวจชื่อไฟล์และสิทธิ์การเข้าถึง", file=sys.stderr)
        return 1
    except Exception:  # a bug, not bad input: say so plainly, keep the details for developers
        if os.environ.get("BESTSERVICE_DEBUG"):
            traceback.print_exc()
        print("เกิดข้อผิดพลาดภายในโปรแกรม (internal error) — ตั้งค่า BESTSERVICE_DEBUG=1 แล้วรันอีกครั้งเพื่อดูรายละเอียด และแจ้งทีมพัฒนา", file=sys.stderr)
        return 2
