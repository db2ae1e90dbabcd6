"""`bestservice coverage --fiscal-year 2568`: which units have not proposed (Thai table or --json).

Only for a year whose every proposal the knowledge base holds (reference/holdings.yaml); for any
other year it says so, and lists what it holds rather than units it cannot know about."""

from __future__ import annotations

import json
import unicodedata

from bestservice.commands import add_content_arguments, chosen_fiscal_year, open_knowledge_base, projects_folder_missing
from bestservice.committee.coverage import Coverage, coverage
from bestservice.content import load_content
from bestservice.content.problems import visible
from bestservice.fiscal import current_fiscal_year

NAME = "coverage"
HELP = "หน่วยงานที่ยังไม่เสนอโครงการในปีงบประมาณ (units without a project in a fiscal year)"


def add_arguments(parser) -> None:
    parser.add_argument("--fiscal-year", type=int, default=None, help="ปีงบประมาณ พ.ศ. เช่น 2568 (ค่าเริ่มต้น: ปีงบประมาณปัจจุบัน)")
    add_content_arguments(parser)
    parser.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON")


def width(text: str) -> int:
    """Columns a terminal gives the text: Thai vowel and tone marks above/below take none."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Mn" else 1 for c in text)


def table(header: list[str], rows: list[list[str]]) -> str:
    """Columns lined up; a cell's control characters shown as escapes (they come from content)."""
    header, rows = [visible(str(c)) for c in header], [[visible(str(c)) for c in r] for r in rows]
    widths = [max(width(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells):
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)])


def run(args) -> int:
    year = chosen_fiscal_year(args.fiscal_year, current_fiscal_year())
    if year is None:
        return 1
    _, reference = open_knowledge_base(args)
    if projects_folder_missing(args):
        return 1
    result = coverage(load_content(args.projects, args.lessons), reference, year)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"การเสนอโครงการให้บริการที่ดีที่สุด ปีงบประมาณ {year}")
    print(coverage_line(result) + "\n")
    if not result.complete:
        for unit in result.covered:
            print(f"  - {unit['name_th']} ({unit['id']}): {result.projects_by_unit[unit['id']]} ระเบียน")
        return 0
    print(table(["ประเภทหน่วยงาน", "เสนอแล้ว", "ทั้งหมด", "ยังไม่มี"], [[r.name_th, len(r.covered), len(r.units), len(r.missing)] for r in result.by_type]))
    print()
    print(table(["กลุ่มเขต", "เสนอแล้ว", "ทั้งหมด", "ยังไม่มี"], [[r.name_th, len(r.covered), len(r.units), len(r.missing)] for r in result.by_group]))
    for row in result.by_type:
        if row.missing:
            print(f"\n{row.name_th} ที่ยังไม่มีโครงการ ({len(row.missing)}):")
            for unit in row.missing:
                print(f"  - {unit['name_th']} ({unit['id']})")
    return 0


def coverage_line(result: Coverage) -> str:
    """The year's coverage in one sentence, saying whether the knowledge base can know who has not proposed."""
    if result.complete:
        return f"เสนอแล้ว {result.covered_total} จาก {result.units_total} หน่วยงาน · ยังไม่มีโครงการ {len(result.missing)} หน่วยงาน"
    return (
        f"คลังความรู้ไม่มีรายการข้อเสนอโครงการครบของปีงบประมาณ {result.fiscal_year} จึงบอกไม่ได้ว่าหน่วยงานใดยังไม่เสนอ "
        f"(มีระเบียนโครงการ Best Service ของ {result.covered_total} หน่วยงาน; ประกาศปีที่มีครบใน reference/holdings.yaml)"
    )
