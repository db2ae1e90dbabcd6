"""`bestservice new project|lesson`: ask in Thai for the required fields, check each answer, write a valid file.

Every question is also an option (`--title`, `--unit`, ...); with `--yes` nothing is asked and a
missing or wrong answer is an error. The file is checked like `bestservice validate` before it is
written, and an existing file is never replaced.
"""

from __future__ import annotations

import datetime as dt
import sys

from bestservice import files, fiscal
from bestservice.authoring import compose
from bestservice.authoring.answers import AnswerError
from bestservice.authoring.compose import Question
from bestservice.commands import add_content_arguments, open_knowledge_base
from bestservice.content import load_content
from bestservice.content.document import display_path
from bestservice.content.schema import help_text, property_schema
from bestservice.similar import corpus
from bestservice.similar.verdict import VERDICT_TH
from bestservice.thai.dates import format_date

NAME = "new"
HELP = "สร้างไฟล์โครงการหรือบทเรียนใหม่ โดยถามทีละข้อ (create a new project or lesson file)"

FORMAT_HINTS = {
    "list": "หลายรายการคั่นด้วย |",
    "kpis": "แบบ ชื่อตัวชี้วัด = ค่าเป้าหมาย | ... เช่น เวลารอ (นาที) = 15",
    "targets": "แบบ 2569 = เป้าหมาย | 2570 = เป้าหมาย",
    "partners": "แบบ หน่วยงาน = หน้าที่ความรับผิดชอบ [= ตัวชี้วัด] หลายหน่วยงานคั่นด้วย | (หลายหน่วยงานที่มีหน้าที่เดียวกัน คั่นชื่อด้วยจุลภาค)",
    "tools": "หมายเลข 1-12 หรือชื่อเครื่องมือ คั่นด้วยจุลภาค เช่น 3, ลีน",
    "policy": "ลำดับหรือชื่อด้านนโยบาย คั่นด้วยจุลภาค",
    "unit": "ชื่อหน่วยงาน เช่น สำนักงานเขตบางแค หรือ เขตบางแค",
    "projects": "ชื่อโครงการหรือส่วนหนึ่งของชื่อ เช่น ไม่เทรวม หลายโครงการคั่นด้วย |",
    "lessons": "ชื่อบทเรียนหรือส่วนหนึ่งของชื่อ หลายเรื่องคั่นด้วย |",
    "criteria": "เช่น ข้อ 1, ข้อ 12 หรือชื่อเกณฑ์",
    "results": "แบบ สิ่งที่วัด = ค่า หน่วย (หมายเหตุ) เช่น เวลารอ = 15 นาที | ผู้ใช้บริการ = ๑,๒๐๐ ราย (ปี 2568)",
    "number": "ตัวเลข เช่น 12,500 (เลขไทยก็ได้)",
}
NEW_NAME = "ใช้ --slug ตั้งรหัสอื่น หรือแก้ไฟล์เดิมโดยตรง"
# Answers that are lists: their option may be given several times (`--partners A = x --partners B = y`).
REPEATABLE = {"list", "kpis", "targets", "partners", "tools", "policy", "projects", "criteria", "results", "lessons"}


def add_arguments(parser) -> None:
    parser.add_argument("kind", choices=["project", "lesson"], help="project = โครงการ, lesson = บทเรียน")
    seen = set()
    for kind, questions in (("project", compose.PROJECT_QUESTIONS), ("lesson", compose.LESSON_QUESTIONS)):
        for question in questions:
            if question.flag() in seen:
                continue
            seen.add(question.flag())
            schema = property_schema(kind, question.path)
            hint = f" — {FORMAT_HINTS[question.kind]}" if question.kind in FORMAT_HINTS else ""
            parser.add_argument(
                f"--{question.flag()}",
                dest=_dest(question),
                metavar="VALUE",
                action="append" if question.kind in REPEATABLE else "store",
                help=f"{schema.get('title', '')} ({schema.get('x-label-en', '')}){hint}",
            )
    parser.add_argument("--continues", help="ชื่อหรือรหัสโครงการเดิมที่โครงการนี้ต่อยอด (เกณฑ์ข้อ 12)")
    parser.add_argument("--whats-new", dest="whats_new", help="สิ่งที่พัฒนาต่างจากโครงการเดิม")
    parser.add_argument("--confirm-new", action="store_true", help="ยืนยันว่าไม่ใช่โครงการซ้ำ แม้ระบบพบโครงการที่คล้ายกัน")
    parser.add_argument("--declare", action="store_true", help="รับรองเกณฑ์ข้อ 10 และ 11 (ไม่ได้เกิดจากการสั่งการ และไม่ซ้ำกับศูนย์บริการ กทม.)")
    parser.add_argument("--body", help="เนื้อหา Markdown หลังส่วนหัว (ถ้าไม่ระบุ จะสร้างจากสภาพปัญหาและวิธีดำเนินการ)")
    add_content_arguments(parser)
    parser.add_argument("--yes", "-y", action="store_true", help="ไม่ถาม ใช้เฉพาะค่าจากตัวเลือก (non-interactive)")


def _dest(question: Question) -> str:
    return "opt_" + question.flag().replace("-", "_")


class Asker:
    """Asks questions on the terminal, or only reads the options when --yes is given."""

    def __init__(self, args, kind: str, reference, content):
        self.args, self.kind, self.reference, self.content = args, kind, reference, content
        self.interactive = not args.yes
        self.errors: list[str] = []

    def ask(self, question: Question, data: dict, default=None):
        schema = property_schema(self.kind, question.path)
        label = f"{schema.get('title', question.path[-1])} ({schema.get('x-label-en', question.path[-1])})"
        given = getattr(self.args, _dest(question), None)
        if isinstance(given, list):  # a repeated option: one item per use
            given = "\n".join(given)
        while True:
            if given is None and self.interactive and question.ask:
                self.say_what_to_answer(question, label, schema, default)
                try:
                    given = input("> ").strip()
                except EOFError:  # input ended: stop asking and report what is missing
                    self.interactive, given = False, ""
            text = given if given not in (None, "") else default
            if text in (None, ""):
                if not question.required:
                    return None
                error = "ต้องกรอกข้อมูลนี้"
            else:
                try:
                    return compose.answer(question, text, data, self.reference, self.content)
                except AnswerError as err:
                    error = str(err)
            if not self.interactive:
                self.errors.append(f"--{question.flag()}: {label}: {error}")
                return None
            print(f"  ✗ {error}", file=sys.stderr)
            given = None

    def say_what_to_answer(self, question: Question, label: str, schema: dict, default) -> None:
        """The question, what it wants and how to write it, each on its own line above the answer's: the
        answer line holds only what the person types."""
        print(f"\n{label}{'' if question.required else ' (เว้นว่างได้)'}", file=sys.stderr)
        print(f"  {help_text(schema)}", file=sys.stderr)
        if question.kind in FORMAT_HINTS:
            print(f"  {FORMAT_HINTS[question.kind]}", file=sys.stderr)
        if default:
            print(f"  กด Enter เพื่อใช้: {default}", file=sys.stderr)

    def confirm(self, question: str) -> bool:
        if not self.interactive:
            return False
        try:
            return input(f"{question} (y/n) ").strip().lower() in ("y", "yes", "ใช่", "ช")
        except EOFError:
            return False


def run(args) -> int:
    _, reference = open_knowledge_base(args)
    content = load_content(args.projects, args.lessons)
    kind = args.kind
    asker = Asker(args, kind, reference, content)
    questions = compose.PROJECT_QUESTIONS if kind == "project" else compose.LESSON_QUESTIONS
    data: dict = {}
    for question in questions:
        default = _default(question, data, kind)
        value = asker.ask(question, data, default)
        if value is not None:
            compose.put(data, question.path, value)
    if kind == "project":
        if args.declare or asker.confirm("รับรองว่าโครงการไม่ได้เกิดจากการสั่งการโดยตรงของผู้บริหาร (ข้อ 10) และไม่ซ้ำกับบริการของศูนย์บริการกรุงเทพมหานคร (ข้อ 11)?"):
            data["declarations"] = {"not_ordered": True, "not_service_center": True}
        else:
            asker.errors.append("--declare: ต้องรับรองเกณฑ์ข้อ 10 และ 11 ก่อนเสนอโครงการ")
    if asker.errors:
        for line in asker.errors:
            print(f"ข้อผิดพลาด {line}", file=sys.stderr)
        print("ยังไม่ได้เขียนไฟล์ — แก้ค่าตามข้อความข้างบนแล้วรันอีกครั้ง (หรือรันโดยไม่ใส่ --yes เพื่อให้ถามทีละข้อ)", file=sys.stderr)
        return 1
    if kind == "project":
        if args.continues:
            try:
                data["continues"] = compose.answer(Question(("continues",), "project"), args.continues, data, reference, content)
            except AnswerError as err:
                print(f"ข้อผิดพลาด --continues: {err}", file=sys.stderr)
                return 1
            data["whats_new"] = args.whats_new or ""
        data = compose.complete_project(data, taken=content.project_by_id)
        if not _similar_check(data, content, reference, asker, args):
            return 1
        data = compose.ordered(data, compose.PROJECT_ORDER)
        path, root = compose.project_path(args.projects, data), args.projects
        depth = 2
    else:
        data = compose.complete_lesson(data, taken={lesson.id for lesson in content.lessons})
        path, root = compose.lesson_path(args.lessons, data), args.lessons
        depth = 1
    body = args.body or compose.default_body(data, kind, content, reference)
    problems = files.refusals(path, root, exists_fix=NEW_NAME) or compose.check(data, body, kind, path, reference, content)
    if problems:
        for item in problems:
            print(item.format(), file=sys.stderr)
        print("ยังไม่ได้เขียนไฟล์ — แก้ค่าตามข้อความข้างบนแล้วรันอีกครั้ง", file=sys.stderr)
        return 1
    files.write_file(path, compose.render(data, body, kind, depth), root, exists_fix=NEW_NAME)
    print(f"เขียนไฟล์ {display_path(path)} แล้ว — ตรวจอีกครั้งด้วย: bestservice validate {display_path(path)}")
    return 0


def _default(question: Question, data: dict, kind: str):
    """What Enter answers, written as the person would write it (a date the Thai way)."""
    year = data.get("fiscal_year")
    if question.path == ("timeline", "start") and year:
        return format_date(fiscal.fiscal_year_start(year), short=True)
    if question.path == ("timeline", "end") and year:
        return format_date(fiscal.fiscal_year_end(year), short=True)
    if question.path == ("fiscal_year",):
        return str(fiscal.current_fiscal_year())
    if question.path == ("published",):
        return format_date(dt.date.today(), short=True)
    return None


def _earlier_project(content, reference, data: dict) -> str | None:
    """The project this one continues, asked by name until one is found (Enter: it continues none)."""
    print("\nโครงการเดิมที่โครงการนี้ต่อยอด (เว้นว่างได้) — พิมพ์ชื่อโครงการหรือส่วนหนึ่งของชื่อ", file=sys.stderr)
    while True:
        try:
            text = input("> ").strip()
        except EOFError:
            return None
        if not text:
            return None
        try:
            return compose.answer(Question(("continues",), "project"), text, data, reference, content)
        except AnswerError as err:
            print(f"  ✗ {err}", file=sys.stderr)


def _similar_check(data: dict, content, reference, asker: Asker, args) -> bool:
    """Show the closest earlier projects; a repeat must name what it continues or be confirmed."""
    result = corpus.check_proposal(data, content, reference, top=5)
    print(f"\nตรวจโครงการที่คล้ายกัน: {VERDICT_TH.get(result.verdict, result.verdict)}", file=sys.stderr)
    for match in result.matches:
        shared = ", ".join(list(match.shared)[:6]) if match.shared else ""
        print(f"  {match.score:.2f}  {match.id}  {match.title} (ปีงบประมาณ {match.fiscal_year}, {reference.unit_name(match.unit)}) {shared}", file=sys.stderr)
    for cue in getattr(result, "cues", []) or []:
        print(f"  หมายเหตุ: {cue}", file=sys.stderr)
    for overlap in getattr(result, "service_center", []) or []:
        print(f"  คำเตือน: อาจซ้ำกับบริการของศูนย์บริการ ({overlap.centre}: {overlap.service})", file=sys.stderr)
    if result.verdict != "repeat" or data.get("continues") or args.confirm_new:
        return True
    if not asker.interactive:
        best = result.matches[0].id if result.matches else "<รหัสโครงการเดิม>"
        print(
            f'โครงการนี้ซ้ำกับโครงการเดิม (เกณฑ์ข้อ 12) — ระบุ --continues {best} --whats-new "สิ่งที่พัฒนาต่างจากเดิม" หรือ --confirm-new ถ้ายืนยันว่าไม่ซ้ำ',
            file=sys.stderr,
        )
        return False
    earlier = _earlier_project(content, reference, data)
    if earlier:
        data["continues"] = earlier
        while not data.get("whats_new"):
            data["whats_new"] = input("สิ่งที่พัฒนาต่างจากโครงการเดิม > ").strip()
        return True
    return asker.confirm("ยืนยันว่าโครงการนี้ไม่ซ้ำกับโครงการเดิม และจะเขียนไฟล์ต่อ?")
