"""`bestservice similar [FILE]`: which projects of earlier fiscal years look like this proposal."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bestservice.commands import add_content_arguments, chosen_fiscal_year, open_knowledge_base, projects_folder_missing
from bestservice.content import load_content
from bestservice.content.document import fiscal_year_value
from bestservice.content.load import read_document
from bestservice.fiscal import FISCAL_YEARS
from bestservice.similar.corpus import Corpus
from bestservice.similar.verdict import VERDICT_TH, band

NAME = "similar"
HELP = "ตรวจว่าข้อเสนอโครงการคล้ายโครงการในปีงบประมาณก่อน ๆ หรือไม่ (เกณฑ์ข้อ 11 และ 12)"


def add_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", type=Path, help="ไฟล์ข้อเสนอโครงการ (Markdown + YAML front matter)")
    parser.add_argument("--title", help="ชื่อโครงการ (ใช้แทนหรือเพิ่มจากไฟล์)")
    parser.add_argument("--text", help="รายละเอียดสั้น ๆ: ปัญหาและสิ่งที่จะทำ")
    parser.add_argument("--fiscal-year", type=int, help="ปีงบประมาณที่เสนอ (พ.ศ.; ค่าเริ่มต้น: ปีงบประมาณปัจจุบัน)")
    parser.add_argument("--unit", help="รหัสหน่วยงานที่เสนอ")
    parser.add_argument("--continues", metavar="ID", help="รหัสโครงการเดิมที่ข้อเสนอนี้พัฒนาต่อ (continues; ใช้คู่กับ --whats-new)")
    parser.add_argument("--whats-new", metavar="TEXT", help="สิ่งที่ใหม่กว่าโครงการเดิม (whats_new)")
    add_content_arguments(parser, lessons=False)
    parser.add_argument("--top", type=int, default=5, help="จำนวนโครงการที่คล้ายที่สุดที่จะแสดง (default: 5)")
    parser.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON")


def run(args) -> int:
    _, reference = open_knowledge_base(args)
    if projects_folder_missing(args):
        return 1
    proposal: dict = {}
    if args.file is not None:
        if not args.file.is_file():
            print(f"{args.file}:1: file: ไม่พบไฟล์ข้อเสนอโครงการ (file) — ตรวจชื่อและตำแหน่งไฟล์", file=sys.stderr)
            return 1
        doc = read_document(args.file, "project")  # ContentError → located Thai error, exit 1
        proposal = dict(doc.data)
        if args.fiscal_year is None and "fiscal_year" in proposal and fiscal_year_value(proposal["fiscal_year"]) not in FISCAL_YEARS:
            # compared with the wrong years, the answer would look sure and be wrong
            print(
                f"{doc.display_path}:{doc.line_of(('fiscal_year',))}: fiscal_year: ปีงบประมาณ {proposal['fiscal_year']!r} ไม่ใช่ปี พ.ศ. (fiscal year)"
                " — ใส่ปีงบประมาณที่เสนอเป็นตัวเลข เช่น 2569 หรือระบุ --fiscal-year",
                file=sys.stderr,
            )
            return 1
    if args.title:
        proposal["title"] = args.title
    if args.text:
        proposal["summary"] = args.text
    if args.fiscal_year is not None:
        if chosen_fiscal_year(args.fiscal_year, 0) is None:
            return 1
        proposal["fiscal_year"] = args.fiscal_year
    if args.unit:
        proposal["unit"] = args.unit
    if args.continues:
        proposal["continues"] = args.continues
    if args.whats_new:
        proposal["whats_new"] = args.whats_new
    if not any(str(proposal.get(key) or "").strip() for key in ("title", "summary", "problem", "activities")):
        print("similar: ไม่มีข้อความให้ตรวจ (title) — ระบุไฟล์ข้อเสนอ หรือ --title และ --text", file=sys.stderr)
        return 1
    if args.top < 1:
        print("similar: --top ต้องเป็นจำนวนเต็มบวก (top) — เช่น --top 5", file=sys.stderr)
        return 1
    corpus = Corpus(load_content(args.projects, args.lessons), reference)
    result = corpus.check(proposal, top=args.top, exclude=proposal.get("id") if isinstance(proposal.get("id"), str) else None)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
        return 0
    print(f"ผลการตรวจ: {VERDICT_TH[result.verdict]}")
    if not result.matches:
        print("ไม่มีโครงการในปีงบประมาณก่อนหน้าที่ใช้ถ้อยคำร่วมกัน")
    for rank, match in enumerate(result.matches, 1):
        print(f"{rank}. [{match.score:.2f} {band(match.score)}] {match.title} — {reference.unit_name(match.unit)} ปีงบประมาณ {match.fiscal_year} ({match.id})")
        if match.shared:
            print(f"   คำที่ใช้ร่วมกัน: {', '.join(match.shared)}")
    for overlap in result.service_center:
        print(f"คำเตือน (เกณฑ์ข้อ 11): อาจเป็นบริการแบบเดียวกับ «{overlap.service}» ของ{overlap.centre} — คำที่พบ: {', '.join(overlap.shared)}")
    if result.service_center:
        print(f"หมายเหตุ: {' '.join(str(reference.service_center.get('confidence_note_th', '')).split())}")
    if result.verdict == "repeat":
        print("วิธีแก้: ถ้าโครงการนี้พัฒนาต่อจากโครงการเดิม ให้ระบุ continues: <รหัสโครงการเดิม> และ whats_new ว่าใหม่อย่างไร มิฉะนั้นปรับโครงการให้ต่างจากเดิม")
    return 0
