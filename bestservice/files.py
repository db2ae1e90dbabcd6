"""Writing files safely: never through a symlink out of the target folder, never over a file without
`force`, and whole or not at all (a temporary file created exclusively beside the target, then renamed)."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from bestservice.content.problems import ContentError, Problem


def _refusal(path: Path, message: str, fix: str) -> ContentError:
    return ContentError([Problem(str(path), 1, "file", message, "output file", fix)])


def check_inside(path: Path, root: Path) -> None:
    """Refuse a target that is, or sits under, a symlink between `root` and itself, or lies outside `root`."""
    root = Path(root).absolute()
    path = Path(path).absolute()
    if root != path and root not in path.parents:
        raise _refusal(path, f"ไม่เขียนไฟล์นอกโฟลเดอร์ปลายทาง {root}", "ระบุไฟล์ที่อยู่ในโฟลเดอร์ปลายทาง")
    step = path
    while step != root:
        if step.is_symlink():
            raise _refusal(path, f"ไม่เขียนผ่านลิงก์สัญลักษณ์ (symlink) {step}", "ลบลิงก์นั้นหรือเลือกปลายทางอื่นที่ไม่ใช่ลิงก์")
        step = step.parent


def write_atomically(path: Path, data: bytes, *, root: Path, force: bool = False) -> None:
    """Write `data` to `path` inside `root`: refused over an existing file unless `force`, refused
    through a symlink; readers never see half a file."""
    path = Path(path)
    check_inside(path, root)
    if path.exists() and not force:
        raise _refusal(path, f"มีไฟล์ {path} อยู่แล้ว (ไม่เขียนทับ)", "ใส่ --force ถ้าต้องการเขียนทับ หรือเลือกชื่อไฟล์อื่น")
    if path.is_dir():
        raise _refusal(path, f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "เลือกชื่อไฟล์อื่น")
    path.parent.mkdir(parents=True, exist_ok=True)
    check_inside(path, root)  # mkdir may have met a symlink planted meanwhile
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
