"""`bestservice new`: answers checked against the reference data, a valid file written, nothing overwritten."""

from __future__ import annotations

import io
import shutil
import sys

import pytest
import yaml
from conftest import REFERENCE, REFERENCE_DIR, ROOT

import bestservice.similar.corpus
from bestservice import fiscal
from bestservice.authoring import answers, compose, names
from bestservice.cli import main
from bestservice.content import load_content
from bestservice.content.reference import load_reference
from bestservice.content.validate import validate
from bestservice.similar.corpus import Match, SimilarResult

ANSWERS = [
    "--title",
    "คิวออนไลน์งานทะเบียนราษฎร",
    "--unit",
    "สำนักงานเขตบางแค",
    "--fiscal-year",
    "2569",
    "--slug",
    "Queue Online",
    "--summary",
    "ให้ประชาชนจองคิวล่วงหน้า",
    "--primary-recipients",
    "ประชาชนที่มาติดต่องานทะเบียน | ผู้สูงอายุ",
    "--problem",
    "ผู้รับบริการรอคิวนานในช่วงเช้า",
    "--root-cause",
    "ไม่มีระบบนัดหมายล่วงหน้า",
    "--needs-survey",
    "สำรวจผู้รับบริการ 200 คน",
    "--objectives",
    "ลดเวลารอคอย | เพิ่มความพึงพอใจ",
    "--activities",
    "เปิดระบบจองคิวผ่าน LINE",
    "--service-standard",
    "รอไม่เกิน 15 นาที",
    "--kpis",
    "ระยะเวลารอคอย (นาที) = 15 | ความพึงพอใจ (ร้อยละ) = 85",
    "--tools",
    "lean, 12",
    "--policy",
    "1, สุขภาพดี",
    "--declare",
]


@pytest.fixture
def dirs(tmp_path):
    projects, lessons = tmp_path / "projects", tmp_path / "lessons"
    shutil.copytree(ROOT / "projects", projects)
    lessons.mkdir()
    return projects, lessons


@pytest.fixture
def similar(monkeypatch):
    """The similar-projects check with a verdict chosen per test (its own accuracy is tested in test_similar*)."""
    state = {"verdict": "new", "calls": []}

    def check_proposal(proposal, content, reference, top=5):
        state["calls"].append(proposal)
        matches = [Match("bang-khae-lan-toem-fan", "โครงการลานเติมฝัน", 2561, "district-bang-khae", 0.91, "", shared=["คิว"])]
        return SimilarResult(state["verdict"], matches if state["verdict"] != "new" else [])

    monkeypatch.setattr(bestservice.similar.corpus, "check_proposal", check_proposal)
    return state


def run_new(dirs, *extra):
    projects, lessons = dirs
    return main(["new", "project", "--yes", "--projects", str(projects), "--lessons", str(lessons), *ANSWERS, *extra])


def test_new_project_writes_a_file_that_validates(dirs, similar):
    assert run_new(dirs) == 0
    path = dirs[0] / "2569" / "queue-online-2569.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../../schema/project.schema.json\n")
    assert "unit: district-bang-khae" in text and "- e-service" in text and "- travel" in text
    report = validate(None, projects_dir=dirs[0], lessons_dir=dirs[1], reference=REFERENCE)
    assert report.errors == [], [p.format() for p in report.errors]
    assert similar["calls"] and similar["calls"][0]["unit"] == "district-bang-khae"
    assert not list(path.parent.glob(".*.tmp"))


def test_new_never_overwrites(dirs, similar, capsys):
    assert run_new(dirs) == 0
    path = dirs[0] / "2569" / "queue-online-2569.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nแก้ไขด้วยมือ\n", encoding="utf-8")
    before = path.read_bytes()
    assert run_new(dirs, "--summary", "อีกครั้ง") == 1
    assert path.read_bytes() == before
    assert "จะไม่เขียนทับ" in capsys.readouterr().err


def test_long_term_project(dirs, similar):
    assert run_new(dirs, "--end-fiscal-year", "2570", "--yearly-targets", "2569 = เปิดระบบ | 2570 = ขยายทุกแขวง") == 0
    text = (dirs[0] / "2569" / "queue-online-2569.md").read_text(encoding="utf-8")
    assert "long_term: true" in text and "end_fiscal_year: 2570" in text
    assert validate(None, projects_dir=dirs[0], lessons_dir=dirs[1], reference=REFERENCE).errors == []


def test_long_term_project_without_every_yearly_target_is_refused(dirs, similar, capsys):
    assert run_new(dirs, "--end-fiscal-year", "2570", "--yearly-targets", "2569 = เปิดระบบ") == 1
    assert "ไม่มีเป้าหมายของปีงบประมาณ 2570" in capsys.readouterr().err
    assert not (dirs[0] / "2569" / "queue-online-2569.md").exists()


def test_bad_answers_are_reported_in_thai_and_nothing_is_written(dirs, similar, capsys):
    projects, _ = dirs
    assert run_new(dirs, "--unit", "เขตบางแคร", "--fiscal-year", "2026", "--tools", "13") == 1
    err = capsys.readouterr().err
    assert "ดูเหมือนเป็นปี ค.ศ." in err and "2569" in err
    assert "ไม่รู้จักเครื่องมือ '13'" in err
    assert not list(projects.rglob("queue-online*")) and not (projects / "2026").exists()


def test_repeat_verdict_needs_continues_or_confirmation(dirs, similar, capsys):
    similar["verdict"] = "repeat"
    assert run_new(dirs) == 1
    assert "--continues bang-khae-lan-toem-fan" in capsys.readouterr().err
    assert not (dirs[0] / "2569" / "queue-online-2569.md").exists()
    assert run_new(dirs, "--continues", "bang-khae-lan-toem-fan", "--whats-new", "เพิ่มการจองคิวผ่านเว็บไซต์") == 0
    text = (dirs[0] / "2569" / "queue-online-2569.md").read_text(encoding="utf-8")
    assert "continues: bang-khae-lan-toem-fan" in text
    assert validate(None, projects_dir=dirs[0], lessons_dir=dirs[1], reference=REFERENCE).errors == []


def test_interactive_prompts_re_ask_after_a_wrong_answer(dirs, similar, monkeypatch, capsys):
    projects, lessons = dirs
    lines = [
        "โครงการทดสอบถามตอบ",  # title
        "บางแคxx",  # unit: wrong, asked again
        "เขตบางแค",  # unit: short Thai name
        "",  # fiscal year: default (the id is made from the unit and the year, not asked)
        "",  # unit detail (optional)
        "เขตภาษีเจริญญ = ร่วมประชาสัมพันธ์",  # partners: unknown unit, asked again
        "เขตภาษีเจริญ",  # partners: no duty, asked again
        "เขตภาษีเจริญ = ร่วมประชาสัมพันธ์",
        "",  # other partners (optional)
        "สรุป",
        "ประชาชน",
        "",  # secondary (optional)
        "ปัญหา",
        "ต้นเหตุ",
        "สำรวจ",
        "วัตถุประสงค์",
        "กิจกรรม",
        "มาตรฐาน",
        "ไม่มีเป้า",  # kpis: wrong
        "ความพึงพอใจ = 80",
        "",  # start: default
        "",  # end: default
        "ลีน",
        "9",
        "",  # lessons reused (optional)
        "y",  # declarations
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["new", "project", "--projects", str(projects), "--lessons", str(lessons)]) == 0
    err = capsys.readouterr().err
    assert "ไม่พบหน่วยงาน" in err and "ไม่มีค่าเป้าหมาย" in err
    assert "หน่วยงานร่วม (partner unit): ไม่พบหน่วยงาน 'เขตภาษีเจริญญ' — คุณหมายถึง: สำนักงานเขตภาษีเจริญ" in err
    assert "ยังไม่ได้ระบุหน้าที่ของ เขตภาษีเจริญ" in err
    year = fiscal.current_fiscal_year()
    written = projects / str(year) / f"bang-khae-{year}.md"
    assert "partners:\n- unit: district-phasi-charoen\n  responsibility: ร่วมประชาสัมพันธ์\n" in written.read_text(encoding="utf-8")
    assert validate(None, projects_dir=projects, lessons_dir=lessons, reference=REFERENCE).errors == []


def test_big_idea_and_extends_options(dirs, similar):
    assert run_new(dirs, "--big-idea", "Queue District", "--extends", "bang-khae-lan-toem-fan") == 0
    data = yaml.safe_load((dirs[0] / "2569" / "queue-online-2569.md").read_text(encoding="utf-8").split("---")[1])
    assert data["big_idea"] == "queue-district", "the key is written as a slug (criterion 8)"
    assert data["extends"] == "bang-khae-lan-toem-fan"
    assert validate(None, projects_dir=dirs[0], lessons_dir=dirs[1], reference=REFERENCE).errors == []


def test_extends_an_unknown_project_is_refused_with_the_closest_title(dirs, similar, capsys):
    assert run_new(dirs, "--extends", "bang-khae-lan-toem") == 1
    err = capsys.readouterr().err
    assert "ข้อผิดพลาด --extends:" in err and "ไม่พบโครงการ 'bang-khae-lan-toem' — คุณหมายถึง: «โครงการลานเติมฝัน» (ปีงบประมาณ 2561);" in err
    assert not (dirs[0] / "2569" / "queue-online-2569.md").exists()


def test_partner_units_and_other_partners(dirs, similar):
    partners = ["--partners", "เขตภาษีเจริญ = ร่วมประชาสัมพันธ์", "--partners", "สำนักอนามัย, medical-service = ตรวจสุขภาพ = จำนวนผู้รับการตรวจ"]
    others = ["--other-partners", "มูลนิธิกระจกเงา | ชุมชนวัดนิมมานรดี", "--other-partners", "บริษัท ก จำกัด"]
    assert run_new(dirs, *partners, *others) == 0
    path = dirs[0] / "2569" / "queue-online-2569.md"
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert data["partners"] == [
        {"unit": "district-phasi-charoen", "responsibility": "ร่วมประชาสัมพันธ์"},
        {"unit": "health", "responsibility": "ตรวจสุขภาพ", "measure": "จำนวนผู้รับการตรวจ"},
        {"unit": "medical-service", "responsibility": "ตรวจสุขภาพ", "measure": "จำนวนผู้รับการตรวจ"},
    ]
    assert data["other_partners"] == ["มูลนิธิกระจกเงา", "ชุมชนวัดนิมมานรดี", "บริษัท ก จำกัด"]
    assert list(data).index("partners") < list(data).index("summary")  # the schema's order
    assert validate(None, projects_dir=dirs[0], lessons_dir=dirs[1], reference=REFERENCE).errors == []


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("เขตภาษีเจริญญ = ประชาสัมพันธ์", "หน่วยงานร่วม (partner unit): ไม่พบหน่วยงาน 'เขตภาษีเจริญญ' — คุณหมายถึง: สำนักงานเขตภาษีเจริญ"),
        ("สำนักงานเขตบางแค = ประชาสัมพันธ์", "สำนักงานเขตบางแค เป็นหน่วยงานเจ้าของโครงการอยู่แล้ว"),
        ("สำนักอนามัย", "ยังไม่ได้ระบุหน้าที่ของ สำนักอนามัย"),
        ("health = ก | สำนักอนามัย = ข", "ระบุสำนักอนามัยซ้ำ"),
        (" = ประชาสัมพันธ์", "ไม่มีชื่อหน่วยงาน"),
    ],
)
def test_wrong_partners_are_refused_with_a_fix(dirs, similar, capsys, answer, message):
    assert run_new(dirs, "--partners", answer) == 1
    err = capsys.readouterr().err
    assert "ข้อผิดพลาด --partners: หน่วยงานร่วม (เกณฑ์ข้อ 7) (partners): " in err and message in err
    assert not (dirs[0] / "2569" / "queue-online-2569.md").exists()


def test_input_that_ends_early_stops_asking(dirs, similar, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("โครงการที่ยังกรอกไม่ครบ\n"))
    assert main(["new", "project", "--projects", str(dirs[0]), "--lessons", str(dirs[1])]) == 1
    assert "ยังไม่ได้เขียนไฟล์" in capsys.readouterr().err


LESSON = [
    "--title",
    "ลานกิจกรรมดึงเยาวชนเข้ามาใช้พื้นที่",
    "--from-projects",
    "ลานเติมฝัน",  # the project's Thai name, not its id
    "--unit",
    "เขตบางแค",
    "--contact-role",
    "หัวหน้าฝ่ายพัฒนาชุมชน",
    "--date",
    "15 ม.ค. ๒๕๖๘",
    "--expected",
    "เยาวชนในชุมชนมาใช้ลานทุกสัปดาห์",
    "--happened",
    "เยาวชนมาใช้ลานเฉพาะช่วงที่มีกิจกรรม",
    "--why",
    "ลานไม่มีร่มเงาและไม่มีคนดูแลช่วงเย็น",
    "--next-time",
    "ให้เยาวชนออกแบบกิจกรรมเองและจัดคนดูแลลานช่วงเย็น",
    "--results",
    "เยาวชนที่มาใช้ลานต่อสัปดาห์ = ๑๒๐ คน (ช่วงที่มีกิจกรรม)",
    "--cost",
    "๒๕,๐๐๐ บาท",
    "--effort",
    "เจ้าหน้าที่ 2 คน 3 เดือน",
    "--preconditions",
    "มีพื้นที่ว่างในชุมชน | ผู้นำชุมชนยินดีดูแล",
    "--tools",
    "ลีน",
    "--criteria",
    "ข้อ 1, ข้อ ๑๒",
]


def run_new_lesson(dirs, *answers):
    projects, lessons = dirs
    return main(["new", "lesson", "--yes", "--projects", str(projects), "--lessons", str(lessons), *answers])


def test_new_lesson_takes_names_thai_digits_and_a_be_date_and_writes_the_lesson_itself(dirs, similar):
    assert run_new_lesson(dirs, *LESSON) == 0
    path = dirs[1] / "bang-khae-lan-toem-fan-lesson.md"  # made from the project it comes from
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../schema/lesson.schema.json\n")
    data = yaml.safe_load(text.split("---")[1])
    assert data["projects"] == ["bang-khae-lan-toem-fan"] and data["unit"] == "district-bang-khae"
    assert data["published"] == "2025-01-15", "the file keeps the C.E. ISO date"
    assert data["criteria"] == [1, 12] and data["cost_baht"] == 25000 and data["tools"] == ["lean"]
    assert data["results"] == [{"name": "เยาวชนที่มาใช้ลานต่อสัปดาห์", "value": 120, "unit": "คน", "note": "ช่วงที่มีกิจกรรม"}]
    assert data["why"] == "ลานไม่มีร่มเงาและไม่มีคนดูแลช่วงเย็น"
    body = text.split("---", 2)[2]
    assert "«โครงการลานเติมฝัน» ปีงบประมาณ 2561 ของสำนักงานเขตบางแค" in body and "bang-khae" not in body
    assert validate(None, projects_dir=dirs[0], lessons_dir=dirs[1], reference=REFERENCE).errors == []
    assert run_new_lesson(dirs, *LESSON) == 0, "a second lesson of the same project gets the next id"
    assert (dirs[1] / "bang-khae-lan-toem-fan-lesson-2.md").is_file()


@pytest.mark.parametrize(
    ("option", "answer", "message"),
    [
        ("--from-projects", "ลานเติมฝันน", "ไม่พบโครงการ 'ลานเติมฝันน' — คุณหมายถึง: «โครงการลานเติมฝัน» (ปีงบประมาณ 2561)"),
        ("--from-projects", "คลอง", "มีโครงการ"),  # several projects have the word: say which
        ("--criteria", "ข้อ 13", "ไม่รู้จักเกณฑ์ 'ข้อ 13' — เขียนเป็นข้อ 1 ถึงข้อ 12"),
        ("--date", "31/11/2568", "ไม่มีวันที่ 31 ในพฤศจิกายน 2568"),
        ("--results", "เยาวชน = มาก", "ไม่มีค่าเป็นตัวเลข"),
    ],
)
def test_a_lesson_answer_that_cannot_be_used_is_refused_in_thai_with_suggestions(dirs, similar, capsys, option, answer, message):
    answers = list(LESSON)
    answers[answers.index(option) + 1] = answer
    assert run_new_lesson(dirs, *answers) == 1
    assert message in capsys.readouterr().err
    assert not list(dirs[1].iterdir())


def test_a_lesson_cannot_come_from_a_project_that_only_was_proposed(dirs, similar, capsys):
    """The 2569 drainage record has run; a proposal written by `new` is only proposed."""
    assert run_new(dirs) == 0
    answers = list(LESSON)
    answers[answers.index("--from-projects") + 1] = "คิวออนไลน์งานทะเบียนราษฎร"
    assert run_new_lesson(dirs, *answers) == 1
    assert "โครงการ «คิวออนไลน์งานทะเบียนราษฎร» ยังไม่ได้ดำเนินการ — ถอดบทเรียนได้จากโครงการที่ดำเนินการแล้วเท่านั้น" in capsys.readouterr().err


def test_answer_checks():
    reference = load_reference(REFERENCE_DIR)
    assert answers.resolve_unit("district-bang-khae", reference) == "district-bang-khae"
    assert answers.resolve_unit("สำนักงานเขตบางแค", reference) == "district-bang-khae"
    with pytest.raises(answers.AnswerError, match="สำนักงานเขตบางแค"):
        answers.resolve_unit("district-bang-kae", reference)
    with pytest.raises(answers.AnswerError, match="คุณหมายถึง: สำนักงานเขตบางแค"):
        answers.resolve_unit("บางแคx", reference)
    assert answers.resolve_unit("เขตลาดพร้าว", reference) == "district-lat-phrao"
    assert answers.parse_fiscal_year("๒๕๖๙") == 2569
    with pytest.raises(answers.AnswerError, match="นอกปีงบประมาณ"):
        answers.parse_date("2024-09-30", 2568)
    with pytest.raises(answers.AnswerError, match="ไม่ได้ใช้ในปีงบประมาณ 2562"):
        answers.resolve_policy("health", 2562, reference)
    assert answers.resolve_policy("clean", 2562, reference) == ["clean"]
    assert answers.slugify("Lan Toem Fan!! 2561") == "lan-toem-fan-2561"
    assert answers.parse_date("01/11/2569", 2570) == "2026-11-01", "a B.E. date typed the Thai way"
    with pytest.raises(answers.AnswerError, match="ใช้วันที่ระหว่าง 1 ต.ค. 2569 ถึง 30 ก.ย. 2570"):
        answers.parse_date("1 ต.ค. 2570", 2570)


def test_records_are_picked_by_their_thai_names_and_criteria_the_thai_way():
    content = load_content(ROOT / "projects", ROOT / "lessons")
    reference = load_reference(REFERENCE_DIR)
    assert compose.answer(compose.Question(("extends",), "project"), "ไม่เทรวม", {}, reference, content) == "environment-mai-te-ruam"
    assert compose.answer(compose.Question(("reuses_lessons",), "lessons"), "นำร่องไม่กี่เขตก่อน", {}, reference, content) == [
        "mai-te-ruam-pilot-then-all-districts"
    ]
    for text, numbers in [("ข้อ 1, ข้อ 3", [1, 3]), ("เกณฑ์ข้อ ๗", [7]), ("1 7", [1, 7]), ("๑๒", [12]), ("ไม่ซ้ำกับโครงการให้บริการที่ดีที่สุด", [12])]:
        assert names.resolve_criteria(text, reference) == numbers, text


def test_made_ids_are_readable_stable_and_unique():
    assert compose.default_project_id({"unit": "district-bang-khae", "fiscal_year": 2570}) == "bang-khae-2570"
    assert compose.default_project_id({"unit": "district-bang-khae", "fiscal_year": 2570}, {"bang-khae-2570"}) == "bang-khae-2570-2"
    assert compose.default_lesson_id({"projects": ["bang-khae-2570"]}, {"bang-khae-2570-lesson"}) == "bang-khae-2570-lesson-2"
    assert len(names.unique_id("x" * 90, {"x" * 80})) == 80


def test_new_never_writes_through_a_symlinked_year_folder(dirs, similar, capsys, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(dirs[0] / "2569", elsewhere)
    (dirs[0] / "2569").symlink_to(elsewhere)
    before = sorted(elsewhere.iterdir())
    assert run_new(dirs) == 1
    assert f"{dirs[0] / '2569'}:1: file: โฟลเดอร์นี้เป็นลิงก์ (symlink) ไปยัง {elsewhere} จึงไม่เขียนผ่าน" in capsys.readouterr().err
    assert sorted(elsewhere.iterdir()) == before


def test_new_refuses_an_answer_holding_a_character_validate_refuses(dirs, similar, capsys):
    """It wrote the file, and validate then refused it."""
    assert run_new(dirs, "--title", "คิวออนไลน์\x1b]0;pwned\x07") == 1
    err = capsys.readouterr().err
    assert "title: มีอักขระต้องห้าม U+001B (อักขระควบคุม) (title) — ลบอักขระนี้ออก แล้วพิมพ์ข้อความใหม่" in err
    assert "\x1b" not in err and not (dirs[0] / "2569" / "queue-online-2569.md").exists()
