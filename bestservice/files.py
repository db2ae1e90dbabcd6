"""Writing files into a folder without being led out of it or over what is there.

Every command that writes (export, pages, import, new, screening --xlsx, init) writes here, and each
file it writes is:

- inside its root (the folder the command writes into): every folder between the root and the file
  is a real folder, never a link, so a planted link cannot carry the write elsewhere, and the file
  itself is never written through a link;
- new, unless the command was told to replace what is there (`--force`);
- whole or not at all: written to a temporary file created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW)
  beside it, then moved into place; the temporary file is removed on any failure.

Every refusal is found before the first file is written and is a located Thai problem naming the
file (ContentError): the CLI prints it and exits 1.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from bestservice.content.document import display_path
from bestservice.content.problems import ContentError, Problem

REPLACE_WITH_FORCE = "ใช้ชื่อหรือโฟลเดอร์อื่น หรือเพิ่ม --force เพื่อเขียนทับ"


def regular_file_bytes(path: Path, limit: int | None = None) -> bytes | None:
    """The bytes of `path` if it is a regular file of at most `limit` bytes; None for anything else (a link,
    a FIFO, a device, a folder, a missing or unreadable file). For the user's caches, where anything
    unexpected only means working things out again."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode) or (limit is not None and info.st_size > limit):  # a folder cannot even be wrapped
        os.close(handle)
        return None
    with os.fdopen(handle, "rb") as stream:
        return stream.read()


def write_file(path: Path, content: str | bytes, root: Path, force: bool = False, exists_fix: str = REPLACE_WITH_FORCE) -> Path:
    return write_files(root, {Path(path): content}, force, exists_fix)[0]


def write_files(root: Path, files: dict[Path, str | bytes], force: bool = False, exists_fix: str = REPLACE_WITH_FORCE) -> list[Path]:
    """Write every file under `root` (text as UTF-8), or none when any of them may not be written.
    A failure while writing (a full disk) takes back the files this call created."""
    root = Path(root).absolute()
    targets = {Path(path).absolute(): content for path, content in files.items()}
    problems = [p for path in targets for p in refusals(path, root, force, exists_fix)]
    if problems:
        raise ContentError(problems)
    root.mkdir(parents=True, exist_ok=True)
    created: list[Path] = []
    try:
        for path, content in targets.items():
            existed = os.path.lexists(path)
            _place(path, content.encode("utf-8") if isinstance(content, str) else content, root, force, exists_fix)
            if not existed:
                created.append(path)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return list(targets)


def linked_destination(folder: Path) -> list[Problem]:
    """A folder named to be written into (an export, a new knowledge base) that is a link: what is written
    would land wherever it points, outside the folder named. (Content folders may be links; these may not.)"""
    folder = Path(folder).absolute()
    if os.path.islink(folder):
        return [_refusal(folder, f"โฟลเดอร์ปลายทางเป็นลิงก์ (symlink) ไปยัง {os.readlink(folder)} จึงไม่เขียนผ่าน", "ระบุโฟลเดอร์จริง หรือชื่อใหม่ที่ยังไม่มี")]
    return []


def refusals(path: Path, root: Path, force: bool = False, exists_fix: str = REPLACE_WITH_FORCE) -> list[Problem]:
    """Why `path` may not be written: outside the root, a link or a file on the way, a link or a file in its place."""
    path, root = Path(path).absolute(), Path(root).absolute()
    if not path.is_relative_to(root) or ".." in path.relative_to(root).parts:
        return [_refusal(path, f"อยู่นอกโฟลเดอร์ที่จะเขียน ({display_path(root)})", "เขียนเฉพาะภายในโฟลเดอร์ที่ระบุ")]
    if os.path.lexists(root) and not os.path.isdir(root):
        return [_refusal(root, "ไม่ใช่โฟลเดอร์ จึงเขียนไฟล์ลงไปไม่ได้", "ระบุโฟลเดอร์ หรือชื่อใหม่ที่ยังไม่มี")]
    for folder in reversed(path.relative_to(root).parents[:-1]):
        place = root / folder
        if os.path.islink(place):
            return [_refusal(place, f"โฟลเดอร์นี้เป็นลิงก์ (symlink) ไปยัง {os.readlink(place)} จึงไม่เขียนผ่าน", "ลบลิงก์แล้วสร้างเป็นโฟลเดอร์จริง")]
        if os.path.lexists(place) and not os.path.isdir(place):
            return [_refusal(place, "ไม่ใช่โฟลเดอร์ จึงเขียนไฟล์ลงไปไม่ได้", "ย้ายหรือลบไฟล์นี้ออก")]
    if os.path.islink(path):
        return [_refusal(path, f"เป็นลิงก์ (symlink) ไปยัง {os.readlink(path)} จึงไม่เขียนผ่าน", "ลบลิงก์นี้ หรือเลือกชื่อไฟล์อื่น")]
    if os.path.isdir(path):
        return [_refusal(path, "เป็นโฟลเดอร์ จึงเขียนเป็นไฟล์ไม่ได้", "เลือกชื่อไฟล์อื่น")]
    if os.path.lexists(path) and not force:
        return [_refusal(path, "มีไฟล์นี้อยู่แล้ว จะไม่เขียนทับ", exists_fix)]
    return []


def _place(path: Path, data: bytes, root: Path, force: bool, exists_fix: str) -> None:
    for folder in reversed(path.relative_to(root).parents[:-1]):
        if not os.path.lexists(root / folder):
            os.mkdir(root / folder)
    problems = refusals(path, root, force, exists_fix)  # again: something may have appeared meanwhile
    if problems:
        raise ContentError(problems)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if force:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)  # fails, rather than replaces, when the file appeared meanwhile
            except FileExistsError:
                raise ContentError([_refusal(path, "มีไฟล์นี้อยู่แล้ว จะไม่เขียนทับ", exists_fix)]) from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _refusal(path: Path, message: str, fix: str) -> Problem:
    return Problem(display_path(path), 1, "file", message, "file", fix)
