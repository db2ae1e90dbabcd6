"""Read content files (Markdown + YAML front matter) safely, remembering where every field is.

Contributor files are data: YAML is parsed without tags, anchors or aliases (no objects, no
alias bombs), duplicate keys are refused, and every value keeps its line so that errors can
point at it. Anything unreadable becomes a located `Problem`, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import errno
import math
import os
import re
import stat
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from bestservice.content.document import Document, display_path
from bestservice.content.problems import ContentError, Problem
from bestservice.content.values import canonical_values
from bestservice.content.yaml_th import explain_yaml_error

MAX_FILE_BYTES = 1_000_000
# Markdown reads each [ and < against the rest of the text: 4,000 unmatched [ took 1.7 s to render, 20,000 a minute.
# A body with more than this many is shown as plain text (bestservice.render), and validate says so.
MAX_MARKUP_SIGNS = 500
MAX_NESTING = 20  # the schemas need 3 levels; reference files a few more
# The largest reference file holds 1,421 values, a project a few hundred: a file of 400,000 took 15 s to check and
# printed as many problems.
MAX_VALUES = 20_000
FENCE = "---"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses several times faster; same safe subset


# Characters no content file may hold, as ranges of code points (the proposal form refuses the same ones,
# from this list): control characters but tab and line feed; the line and paragraph separators (YAML
# counts them as line breaks and editors do not, so every line number after one would be wrong);
# surrogates; Unicode's noncharacters (U+FDD0-U+FDEF and the last two of every plane, U+FFFE among them).
REFUSED_CHARACTERS: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0x2028, 0x2029),
    (0xD800, 0xDFFF),
    (0xFDD0, 0xFDEF),
    *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)),
)
REFUSED = re.compile("[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in REFUSED_CHARACTERS) + "]")


def field_label(location: tuple) -> str:
    """`kpis[0].target`: how a person finds a field in the file."""
    text = ""
    for step in location:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "(ส่วนหัว)"


def file_problem(path: Path, line: int, message: str, fix: str, field_name: str = "file") -> Problem:
    return Problem(display_path(path), line, field_name, message, "file" if field_name == "file" else field_name, fix)


def read_document(path: Path, kind: str) -> Document:
    """Read one file or raise ContentError with every problem that stops it being read."""
    path = Path(path)
    return parse_document(read_limited(path), path, kind)


SHORTEN = "ย่อเนื้อหาให้สั้นลง หรือแยกรายละเอียดไปไว้ในแหล่งข้อมูลแล้วใส่ลิงก์ใน sources"


def read_limited(path: Path, limit: int = MAX_FILE_BYTES, too_big_fix: str = SHORTEN) -> bytes:
    """The bytes of a regular file, never more than `limit`: a FIFO, a device or a socket is refused
    before a byte is read (a FIFO would wait forever, /dev/zero never ends), and the size is checked
    on the opened file and again while reading (a device reports 0 bytes)."""
    path = Path(path)
    if not _is_utf8(os.fsdecode(path)):
        raise ContentError([file_problem(path, 1, "ชื่อไฟล์ไม่ได้เข้ารหัสเป็น UTF-8", "เปลี่ยนชื่อไฟล์เป็นรหัสโครงการ (ตัวอักษรภาษาอังกฤษพิมพ์เล็ก ตัวเลข และขีดกลาง) ตามด้วย .md")])
    refused = link_problem(path)
    if refused:
        raise ContentError([refused])
    try:
        _refuse_special(path, os.stat(path).st_mode)  # a socket cannot even be opened: say what it is
        handle = os.open(os.path.realpath(path), os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as err:
        raise ContentError([file_problem(path, 1, f"เปิดไฟล์ไม่ได้ ({err.strerror})", "ตรวจชื่อไฟล์และสิทธิ์การอ่าน")]) from None
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        _refuse_special(path, status.st_mode)  # what was opened, whatever the name pointed at a moment before
        raw = b"" if status.st_size > limit else stream.read(limit + 1)
    if status.st_size > limit or len(raw) > limit:
        size = f"{status.st_size:,} ไบต์" if status.st_size > limit else f"มากกว่า {limit:,} ไบต์"
        raise ContentError([file_problem(path, 1, f"ไฟล์ใหญ่เกินไป ({size} เกินขีดจำกัด {limit:,} ไบต์)", too_big_fix)])
    return raw


def read_inside(path: Path, inside: tuple[str, ...], limit: int = MAX_FILE_BYTES) -> bytes:
    """A file of the knowledge base that is not content (a hand-written page, an asset, a theme override),
    read as read_limited() reads content, and only when its real path stays inside one of the folders
    `inside` (the knowledge base's, and its docs/ or overrides/, which may be links as content folders
    may): a link inside them leading out of the checkout is refused, located."""
    real = os.path.realpath(path)
    if not any(real.startswith(top + os.sep) for top in inside):
        raise ContentError([file_problem(path, 1, f"ไฟล์นี้อยู่นอกคลังความรู้ ({real})", "วางไฟล์จริงไว้ในคลังความรู้แทนลิงก์ (ไม่อ่านไฟล์นอกคลังความรู้)")])
    return read_limited(path, limit, too_big_fix="ย่อไฟล์ให้เล็กลง")


def markup_signs(body: str) -> int:
    """How many [ or < a Markdown body holds (the more numerous): what its rendering time grows with."""
    return max(body.count("["), body.count("<"))


def _is_utf8(name: str) -> bool:
    return not any(0xDC80 <= ord(c) <= 0xDCFF for c in name)  # os.fsdecode keeps undecodable bytes as lone surrogates


def _refuse_special(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise ContentError([file_problem(path, 1, f"ไม่ใช่ไฟล์ข้อความธรรมดา แต่เป็น{_special_kind(mode)}", "ลบออก แล้ววางไฟล์ข้อความ .md ธรรมดาไว้แทน")])


def _special_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "โฟลเดอร์"
    if stat.S_ISFIFO(mode):
        return "ท่อส่งข้อมูล (FIFO)"
    if stat.S_ISSOCK(mode):
        return "ซ็อกเก็ต (socket)"
    return "อุปกรณ์ (device)"


def link_problem(path: Path, inside: tuple[str, ...] = ()) -> Problem | None:
    """Why a symbolic link cannot be followed (None for a file or a good link): it loops, points at
    nothing, or (given the folders of the knowledge base) points outside them."""
    if not os.path.islink(path):
        return None
    target = os.readlink(path)
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return file_problem(path, 1, f"ลิงก์ (symlink) วนซ้ำไม่มีที่สิ้นสุด ({target})", "ลบลิงก์นี้ แล้ววางไฟล์จริงไว้แทน")
        return file_problem(path, 1, f"ลิงก์ (symlink) ชี้ไปยังสิ่งที่ไม่มีอยู่ ({target})", "ลบลิงก์นี้ หรือแก้ให้ชี้ไปยังไฟล์ที่มีอยู่ในคลังความรู้")
    real = os.path.realpath(path)
    if inside and not any(real == root or real.startswith(root + os.sep) for root in inside):
        return file_problem(path, 1, f"ลิงก์ (symlink) ชี้ออกไปนอกคลังความรู้ ({target})", "ลบลิงก์นี้ แล้ววางไฟล์จริงไว้ในคลังความรู้แทน (ไม่อ่านไฟล์นอกคลังความรู้)")
    return None


def knowledge_base_folders(*folders: Path) -> tuple[str, ...]:
    """Where a link found in these content folders may lead: the folders themselves (which may be links
    to content kept elsewhere) and the knowledge base around them."""
    return tuple(dict.fromkeys(os.path.realpath(f) for folder in folders for f in (folder, Path(folder).absolute().parent)))


def parse_document(raw: bytes, path: Path, kind: str) -> Document:
    text = _decode(raw, path)
    _refuse_characters(text, path)
    front, body, body_line = _split_front_matter(text, path)
    builder = _Builder(path, offset=1)
    data, lines = parse_yaml(front, path, first_line=2, builder=builder)
    problems = builder.problems
    if not body.strip():
        problems.append(
            file_problem(
                path,
                body_line,
                "ไม่มีเนื้อหาหลังส่วนหัว (front matter)",
                "เขียนรายละเอียดเป็นข้อความอย่างน้อยหนึ่งย่อหน้าต่อจากบรรทัด --- ปิดท้ายส่วนหัว",
                "body",
            )
        )
    signs = markup_signs(body)
    if signs > MAX_MARKUP_SIGNS:
        problems.append(
            file_problem(
                path,
                body_line,
                f"เนื้อหามีวงเล็บ [ หรือเครื่องหมาย < มากเกินไป ({signs:,} ตัว เกินขีดจำกัด {MAX_MARKUP_SIGNS}) หน้าเว็บจึงแสดงเนื้อหาเป็นข้อความธรรมดา",
                "ลดวงเล็บเหลี่ยมและแท็ก HTML ในเนื้อหา หรือแยกรายละเอียดไปไว้ในแหล่งข้อมูลแล้วใส่ลิงก์ใน sources",
                "body",
            )
        )
    return Document(path=path, kind=kind, data=canonical_values(kind, data), body=body, lines=lines, body_line=body_line, problems=problems)


def _decode(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise ContentError([file_problem(path, 1, "ไฟล์ว่างเปล่า", "ใส่ส่วนหัว YAML ระหว่างบรรทัด --- และเนื้อหาโครงการ หรือลบไฟล์นี้")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ContentError([file_problem(path, 1, "ไฟล์ขึ้นต้นด้วย BOM", "บันทึกไฟล์ใหม่เป็น UTF-8 แบบไม่มี BOM (ใน VS Code เลือก 'UTF-8' ที่แถบล่าง)")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ContentError([file_problem(path, line, "ไฟล์ไม่ได้เข้ารหัสเป็น UTF-8", "บันทึกไฟล์ใหม่เป็น UTF-8 (ไฟล์ภาษาไทยจาก Windows มักเป็น TIS-620/cp874)")]) from None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise ContentError([file_problem(path, line, "ไฟล์ใช้การขึ้นบรรทัดแบบ Windows (CRLF)", "บันทึกไฟล์ใหม่โดยเลือกการขึ้นบรรทัดแบบ LF")])
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ContentError([file_problem(path, line, "ไฟล์มีอักขระ NUL", "ไฟล์นี้อาจไม่ใช่ไฟล์ข้อความ ตรวจสอบแล้วบันทึกใหม่เป็นข้อความ UTF-8")])
    return text


def _refuse_characters(text: str, path: Path) -> None:
    found = REFUSED.search(text)
    if found is None:
        return
    before = text[: found.start()]
    line, column = before.count("\n") + 1, found.start() - before.rfind("\n")
    raise ContentError(
        [
            file_problem(
                path,
                line,
                f"{refused_character(found.group())} ที่ตัวอักษรที่ {column} ของบรรทัด",
                "ลบอักขระนี้ออก (มักติดมากับข้อความที่คัดลอกมาและมองไม่เห็นในโปรแกรมแก้ไข) แล้วบันทึกไฟล์อีกครั้ง",
                _field_at(text, line, path),
            )
        ]
    )


def refused_character(char: str) -> str:
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "อักขระควบคุม"
    elif code in (0x2028, 0x2029):
        kind = "อักขระขึ้นบรรทัดที่โปรแกรมแก้ไขมองไม่เห็น"
    else:
        kind = "ไม่ใช่ตัวอักษร"
    return f"มีอักขระต้องห้าม U+{code:04X} ({kind})"


def _field_at(text: str, line: int, path: Path) -> str:
    """The field (or `body`) a line of a file belongs to, read with the refused characters blanked out."""
    try:
        front, _, body_line = _split_front_matter(REFUSED.sub("\ufffd", text), path)
        if line >= body_line:
            return "body"
        _, lines = parse_yaml(front, path, first_line=2)
    except ContentError:
        return "file"
    candidates = [(at, location) for location, at in lines.items() if at <= line]
    return field_label(max(candidates, key=lambda item: (item[0], len(item[1])))[1]) if candidates else "file"


def _split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raise ContentError(
            [
                file_problem(
                    path,
                    1,
                    "ไม่มีส่วนหัว YAML (front matter) ที่ต้นไฟล์",
                    "บรรทัดแรกของไฟล์ต้องเป็น --- ตามด้วยข้อมูลโครงการ แล้วปิดด้วย --- อีกบรรทัด",
                )
            ]
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            if not front.strip():
                raise ContentError([file_problem(path, 2, "ส่วนหัว YAML ว่างเปล่า", "ใส่ข้อมูลโครงการระหว่างบรรทัด --- ทั้งสอง")])
            return front, body, index + 2
    raise ContentError([file_problem(path, 1, "ส่วนหัว YAML ไม่มีบรรทัด --- ปิดท้าย", "เพิ่มบรรทัด --- หลังข้อมูลส่วนหัว ก่อนเนื้อหา")])


def parse_yaml(text: str, path: Path, first_line: int = 1, builder: _Builder | None = None) -> tuple[dict, dict]:
    """Parse a YAML mapping safely; return the data and a map from field location to line.
    Given a `builder`, what is wrong with single values (a duplicate field, a refused character)
    is left in its `problems` and the rest is read; otherwise it stops the reading."""
    offset = first_line - 1
    depth = values = 0
    try:
        for event in yaml.parse(text, Loader=YAML_LOADER):
            line = event.start_mark.line + 1 + offset
            values += isinstance(event, yaml.ScalarEvent)
            if values > MAX_VALUES:
                raise ContentError([file_problem(path, line, f"ข้อมูลมีค่ามากเกิน {MAX_VALUES:,} ค่า", "ลบค่าที่ซ้ำหรือไม่จำเป็นออก แล้วแยกรายละเอียดไปไว้ในเนื้อหาหรือแหล่งข้อมูล")])
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            if depth > MAX_NESTING:  # deeper structures only serve to exhaust the parser's recursion
                raise ContentError([file_problem(path, line, f"ข้อมูลซ้อนกันลึกเกิน {MAX_NESTING} ชั้น", "เขียนค่าให้เป็นรายการหรือชุดฟิลด์ที่ซ้อนกันไม่กี่ชั้น")])
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ContentError([file_problem(path, line, "ไม่อนุญาตให้ใช้ anchor (&) หรือ alias (*) ใน YAML", "เขียนค่าซ้ำตรง ๆ แทนการอ้างอิง")])
            tag = getattr(event, "tag", None)
            if tag:  # only explicit tags appear on parse events
                raise ContentError([file_problem(path, line, f"ไม่อนุญาตให้ใช้แท็ก YAML ({tag})", "ลบแท็กที่ขึ้นต้นด้วย ! ออก แล้วเขียนเป็นข้อความ ตัวเลข หรือรายการธรรมดา")])
        node = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and "end of stream" in str(err.problem):  # e.g. an unclosed quote: point at where it opened
            mark = err.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        raise ContentError(
            [
                file_problem(
                    path,
                    line,
                    f"อ่าน YAML ไม่ได้: {explain_yaml_error(err)}",
                    "ตรวจการเว้นวรรคย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูดในบรรทัดนี้หรือบรรทัดก่อนหน้า",
                )
            ]
        ) from None
    except yaml.YAMLError:
        raise ContentError([file_problem(path, first_line, "อ่าน YAML ไม่ได้: รูปแบบไม่ถูกต้อง", "ตรวจการเว้นวรรคย่อหน้าและเครื่องหมาย : ของส่วนหัว")]) from None
    if node is None or not isinstance(node, yaml.MappingNode):
        raise ContentError([file_problem(path, first_line, "ส่วนหัว YAML ต้องเป็นชุดของ ชื่อฟิลด์: ค่า", "เขียนแต่ละฟิลด์เป็นบรรทัดแบบ title: ชื่อโครงการ")])
    stops = builder is None
    builder = builder or _Builder(path, offset)
    data = builder.build(node, ())
    if stops and builder.problems:
        raise ContentError(builder.problems)
    return data, builder.lines


class _Builder:
    """Turns YAML nodes into plain JSON-like values, recording lines and refusing duplicate keys."""

    def __init__(self, path: Path, offset: int):
        self.path = path
        self.offset = offset
        self.lines: dict = {}
        self.problems: list[Problem] = []
        self.scalars = SafeConstructor()

    def build(self, node, location: tuple):
        self.lines[location] = node.start_mark.line + 1 + self.offset
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1 + self.offset
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(file_problem(self.path, key_line, "ชื่อฟิลด์ต้องเป็นข้อความ", "แก้ชื่อฟิลด์ให้เป็นคำเดียว เช่น title"))
                    continue
                key = str(key_node.value)
                if key in result:
                    self.problems.append(
                        file_problem(
                            self.path,
                            key_line,
                            f"ฟิลด์ {key} ซ้ำ (มีแล้วที่บรรทัด {self.lines[location + (key,)]})",
                            "เหลือไว้เพียงบรรทัดเดียวแล้วรวมค่าที่ต้องการไว้ที่นั่น",
                            key,
                        )
                    )
                    continue
                result[key] = self.build(value_node, location + (key,))
                self.lines[location + (key,)] = key_line
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, location + (index,)) for index, item in enumerate(node.value)]
        try:
            value = self.scalars.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):  # e.g. 2024-13-01: keep the text, the schema explains it
            return str(node.value)
        if isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, bytes):
            return value.decode("utf-8", "replace")
        refused = REFUSED.search(value) if isinstance(value, str) else None
        if refused:  # written as an escape in double quotes ("\e", "\uFFFE"): refused like a typed one
            line = node.start_mark.line + 1 + self.offset
            self.problems.append(
                file_problem(
                    self.path, line, refused_character(refused.group()), "ลบรหัสอักขระนี้ (เช่น \\e หรือ \\uFFFE ในเครื่องหมายคำพูด) ออกจากค่า", field_label(location)
                )
            )
            return None
        if isinstance(value, float) and not math.isfinite(value):  # .nan, .inf, 1e999999
            line = node.start_mark.line + 1 + self.offset
            self.problems.append(
                file_problem(self.path, line, f"ตัวเลข {node.value} ไม่ใช่ค่าที่ใช้ได้ (อนันต์หรือไม่ใช่ตัวเลข)", "ใช้ตัวเลขปกติ เช่น 100 หรือ 2.5", field_label(location))
            )
            return None
        return value
