"""The similar-projects check (criteria 11 and 12): core behaviour, CLI and `bestservice validate`."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE, REFERENCE_DIR, ROOT

from bestservice.content import Content
from bestservice.content.document import Document
from bestservice.content.reference import load_reference
from bestservice.content.rules import Context
from bestservice.content.validate import validate
from bestservice.similar.corpus import Corpus, check_proposal
from bestservice.similar.evaluation import load_eval, write_markdown
from bestservice.similar.features import analyzer
from bestservice.similar.rule import may_be_a_service_centre_service
from bestservice.similar.verdict import REPEAT

REF = load_reference(REFERENCE_DIR)

PAST = [
    {
        "id": "line-allowance",
        "fiscal_year": 2566,
        "unit": "district-bang-khen",
        "title": "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุผ่าน LINE OA",
        "summary": "ผู้สูงอายุลงทะเบียนขอรับเบี้ยยังชีพผ่านไลน์ของเขต ไม่ต้องเดินทางมาสำนักงานเขต",
        "activities": "ส่งภาพบัตรประชาชนและสมุดบัญชีธนาคารทางไลน์ เจ้าหน้าที่ตรวจเอกสารและยืนยันการลงทะเบียน",
    },
    {
        "id": "elderly-exercise",
        "fiscal_year": 2566,
        "unit": "district-bueng-kum",
        "title": "ชมรมผู้สูงอายุออกกำลังกายยามเช้า",
        "summary": "ผู้สูงอายุออกกำลังกายด้วยไม้พลองที่สวนสาธารณะ พร้อมวัดความดันโลหิต",
        "activities": "ครูฝึกนำออกกำลังกายไม้พลองทุกเช้า วัดความดันเดือนละครั้ง",
    },
    {
        "id": "qr-queue",
        "fiscal_year": 2565,
        "unit": "district-bang-kapi",
        "title": "บัตรคิวด้วย QR code งานทะเบียนราษฎร",
        "summary": "ผู้มาติดต่อสแกน QR code ดูลำดับคิวงานทะเบียนบนโทรศัพท์มือถือ",
        "activities": "พิมพ์ QR code บนบัตรคิว ระบบแจ้งเตือนเมื่อใกล้ถึงคิว",
    },
    {
        "id": "canal-hyacinth",
        "fiscal_year": 2567,
        "unit": "drainage-sewerage",
        "title": "เรือเก็บผักตบชวาในคลอง",
        "summary": "เก็บผักตบชวาและวัชพืชในคลองด้วยเรือกำจัดวัชพืชทุกสัปดาห์",
        "activities": "จัดเรือและทีมเก็บผักตบชวา ติดตั้งทุ่นกักผักตบชวาที่ปากคลอง",
    },
]


def content_of(projects=PAST) -> Content:
    return Content(projects=[Document(path=Path(f"projects/{p['fiscal_year']}/{p['id']}.md"), kind="project", data=dict(p), body="") for p in projects])


def check(title, text="", year=2568, **more):
    return check_proposal({"title": title, "summary": text, "fiscal_year": year, **more}, content_of(), REF)


def test_transliteration_abbreviation_and_word_order_do_not_hide_a_repeat():
    result = check("ขอรับเบี้ยยังชีพผู้สูงวัยทางไลน์", "ส่งรูปบัตรประชาชนและสมุดบัญชีทางไลน์โอเอ เจ้าหน้าที่ยืนยันการลงทะเบียน ไม่ต้องมาเขต กทม.")
    assert result.verdict == "repeat"
    assert result.matches[0].id == "line-allowance"
    assert result.matches[0].score >= REPEAT
    result = check("ระบบคิวคิวอาร์โค้ดงานทะเบียนราษฎร", "สแกนคิวอาร์โค้ดบนบัตรคิวดูลำดับคิวบนมือถือ แจ้งเตือนใกล้ถึงคิว")
    assert result.matches[0].id == "qr-queue" and result.verdict == "repeat"


def test_folding_makes_variants_one_token():
    fold = analyzer(REF)
    assert [t.key for t in fold.tokens("LINE OA")] == [t.key for t in fold.tokens("ไลน์")] == ["line"]
    assert [t.key for t in fold.tokens("กทม.")] == ["กรุงเทพมหานคร"]
    assert [t.key for t in fold.tokens("คิวอาร์โค้ด")] == ["qr code"]
    # a canonical form is never cut into a shorter variant (แอป + พลิเคชัน)
    assert [t.key for t in fold.tokens("แอปพลิเคชัน")] == ["แอปพลิเคชัน"]
    # Latin variants only match whole words: "app" inside "happy" is not แอปพลิเคชัน
    assert "แอปพลิเคชัน" not in [t.key for t in fold.tokens("happy")]


def longest_variant_at_each_position(text: str, variants) -> list[tuple[int, str]]:
    """The finder's rule written plainly: scan left to right, take the longest variant starting here
    (a Latin variant not inside a longer Latin word), jump past it."""
    latin = set("abcdefghijklmnopqrstuvwxyz0123456789")
    found, i = [], 0
    while i < len(text):
        fits = [
            v
            for v in variants
            if text.startswith(v, i)
            and not (v[0] in latin and i and text[i - 1] in latin)
            and not (v[-1] in latin and text[i + len(v) : i + len(v) + 1] in latin and i + len(v) < len(text))
        ]
        if fits:
            best = max(fits, key=len)
            found.append((i, best))
            i += len(best)
        else:
            i += 1
    return found


def test_variant_finder_takes_the_longest_variant_at_each_position():
    """The one-regex trie must find exactly what the plain rule finds, on text made of variant pieces."""
    fold = analyzer(REF)
    variants = sorted(v for v in fold.variants if v)
    pieces = [*variants, *(v[: len(v) // 2] for v in variants), *(v[len(v) // 2 :] for v in variants), " ", "a", "9", "ก", "x"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        got = [(m.start(), m.group()) for m in fold.finder.finditer(text)]
        assert got == longest_variant_at_each_position(text, variants), f"variant finder differs from the rule on {text!r}: fix similar.features.variant_finder"


def test_shared_generic_words_do_not_make_a_repeat():
    result = check(
        "โครงการพัฒนาการให้บริการประชาชนของสำนักงานเขต กรุงเทพมหานคร",
        "ประชาชนผู้รับบริการได้รับความสะดวก รวดเร็ว เจ้าหน้าที่ให้บริการอย่างมีประสิทธิภาพ ความพึงพอใจของผู้รับบริการเพิ่มขึ้น",
    )
    assert result.verdict == "new"


def test_same_target_group_different_service_is_not_a_repeat():
    result = check("สอนผู้สูงอายุใช้สมาร์ทโฟนป้องกันมิจฉาชีพ", "ผู้สูงอายุถูกหลอกโอนเงิน จัดอบรมการตั้งค่าความปลอดภัยในโทรศัพท์")
    assert result.verdict != "repeat"


def test_continuation_cue_or_declaration_makes_it_related_not_repeat():
    text = "ส่งภาพบัตรประชาชนและสมุดบัญชีทางไลน์ ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ"
    assert check("ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุผ่านไลน์", text).verdict == "repeat"
    assert check("ต่อยอดการลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุผ่านไลน์", text).verdict == "related"
    declared = check("ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุผ่านไลน์", text, continues="line-allowance", whats_new="ยืนยันตัวตนด้วยใบหน้า")
    assert declared.verdict == "related"


def test_a_continuation_declared_of_another_project_does_not_hide_a_repeat():
    """Criterion 12 lets a proposal continue the project it is like, saying what is new: naming some
    other project, or saying nothing new, does not make a repeat of this one a continuation."""
    text = "ส่งภาพบัตรประชาชนและสมุดบัญชีทางไลน์ ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ"
    title = "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุผ่านไลน์"
    assert check(title, text, continues="canal-hyacinth", whats_new="เพิ่มช่องทางใหม่").verdict == "repeat", "it continues another project"
    assert check(title, text, continues="line-allowance", whats_new={"a": "b"}).verdict == "repeat", "what is new is not said in words"
    assert check(title, text, continues="line-allowance", whats_new="   ").verdict == "repeat", "what is new is blank"


def test_a_continuation_of_a_project_that_continued_the_one_it_is_like_is_declared():
    """Phase 3 names phase 2, and is most like phase 1, which phase 2 continued: a declared continuation."""
    phase_two = {
        "id": "line-allowance-2",
        "fiscal_year": 2567,
        "unit": "district-bang-khen",
        "title": "ระบบติดตามสถานะคำขอเบี้ยยังชีพ",
        "continues": "line-allowance",
    }
    looping = [
        {**PAST[2], "continues": "qr-queue-2"},
        {"id": "qr-queue-2", "fiscal_year": 2566, "unit": "district-bang-kapi", "title": "บัตรคิว", "continues": "qr-queue"},
    ]
    content = content_of([*PAST[:2], *looping, PAST[3], phase_two])
    proposal = {"title": "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุผ่านไลน์", "summary": "ส่งภาพบัตรประชาชนและสมุดบัญชีทางไลน์ ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ", "fiscal_year": 2568}
    assert check_proposal(proposal, content, REF).verdict == "repeat"
    declared = check_proposal({**proposal, "continues": "line-allowance-2", "whats_new": "ยืนยันตัวตนด้วยใบหน้า"}, content, REF)
    assert declared.matches[0].id == "line-allowance" and declared.verdict == "related"
    assert check_proposal({**proposal, "continues": "qr-queue", "whats_new": "ใหม่"}, content, REF).verdict == "repeat", "a loop of continuations ends"


def test_only_earlier_fiscal_years_are_compared():
    result = check("เรือเก็บผักตบชวาในคลอง", "เก็บผักตบชวาในคลองด้วยเรือ", year=2567)
    assert "canal-hyacinth" not in [m.id for m in result.matches]
    result = check("เรือเก็บผักตบชวาในคลอง", "เก็บผักตบชวาในคลองด้วยเรือ", year=2568)
    assert result.matches[0].id == "canal-hyacinth"
    assert result.matches[0].path == "projects/canal-hyacinth/"
    assert result.matches[0].fiscal_year == 2567 and result.matches[0].unit == "drainage-sewerage"


def test_shared_phrases_are_display_forms_sorted_by_score():
    result = check("ขอรับเบี้ยยังชีพผู้สูงวัยทางไลน์", "ส่งรูปบัตรประชาชนทาง LINE")
    shared = result.matches[0].shared
    assert any("เบี้ยยังชีพ" in s for s in shared)
    assert not any("|" in s for s in shared)
    assert any("ไลน์" in s or "LINE" in s.upper() for s in shared)  # as the proposal writes it, not the folded "line"
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)


def test_bangkok_service_center_overlap():
    result = check("รับชำระภาษีป้ายนอกสถานที่", "ชำระภาษีป้ายและภาษีที่ดินและสิ่งปลูกสร้างที่ตลาด")
    assert any("ภาษี" in o.service for o in result.service_center)
    assert check("เรือเก็บผักตบชวา", "").service_center == []


def service_warnings(data: dict) -> list[str]:
    doc = Document(path=Path("projects/2569/x.md"), kind="project", data=data, body="x", lines={(): 2, ("activities",): 9})
    result = Corpus(content_of(), REF).check(data)
    ctx = Context(reference=REF, content=content_of(), today=dt.date(2026, 6, 1))
    return [p.format() for p in may_be_a_service_centre_service(doc, result, ctx)]


def test_a_service_centre_warning_is_short_said_once_at_the_field_of_its_words_and_says_why_it_stays_once_declared():
    proposal = {"title": "ลดเวลารอที่เขต", "fiscal_year": 2569, "activities": "รับแจ้งย้ายที่อยู่และคัดสำเนาทะเบียนบ้านนอกเวลาราชการ"}
    (warning,) = service_warnings(proposal)
    assert warning.startswith("projects/2569/x.md:9: activities: คำเตือน: อาจเป็นบริการเดียวกับ «งานทะเบียนราษฎรและบัตรประจำตัวประชาชน»")
    assert warning.endswith("คำว่า ย้ายที่อยู่, คัดสำเนาทะเบียนบ้าน (activities) — ถ้าไม่ใช่ ให้รับรองใน declarations.not_service_center: true หรือปรับโครงการ")
    assert len(warning) < 320, "it was 450 characters, the caveat said once per service"
    assert REF.service_center["confidence_note_th"][:30] not in warning, "the caveat is the check page's, said once there"
    (declared,) = service_warnings(proposal | {"declarations": {"not_ordered": True, "not_service_center": True}})
    assert "รับรองข้อ 11 แล้ว" in declared and "คำเตือนนี้คงไว้ให้คณะกรรมการเทียบบริการเอง" in declared
    assert "declarations" not in declared, "it no longer asks for the declaration it has"


def test_corpus_is_indexed_once_and_reused():
    corpus = Corpus(content_of(), REF)
    first = corpus.check({"title": "เรือเก็บผักตบชวาในคลอง", "fiscal_year": 2568})
    again = corpus.check({"title": "เรือเก็บผักตบชวาในคลอง", "fiscal_year": 2568})
    assert first.as_dict() == again.as_dict()


def test_proposals_compared_at_once_get_the_answers_each_gets_on_its_own():
    """A whole check (the build's, the board's) compares every proposal's meaning in one matrix product."""
    content, proposals = load_eval(ROOT / "tests" / "similar" / "hard")
    one_by_one = Corpus(content, REF)
    at_once = Corpus(content, REF, vectors=one_by_one.vectors)
    at_once.compare(proposals)
    assert len(at_once._meanings) == len(proposals), "every proposal's meaning was compared in the product"
    for proposal in proposals:
        alone, together = one_by_one.check(proposal, top=5), at_once.check(proposal, top=5)
        assert together.as_dict() == alone.as_dict(), f"{proposal['id']}: comparing at once changed its answer"


# --- CLI ----------------------------------------------------------------------------------------


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "bestservice", "similar", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def past_dir(tmp_path_factory):
    return write_markdown(tmp_path_factory.mktemp("past"), PAST)


def test_cli_json(past_dir):
    out = cli("--title", "เรือเก็บผักตบชวาในคลอง", "--text", "เก็บผักตบชวาด้วยเรือ", "--fiscal-year", "2568", "--projects", str(past_dir), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["verdict"] == "repeat"
    assert data["matches"][0]["id"] == "canal-hyacinth"
    assert set(data["matches"][0]) >= {"id", "title", "fiscal_year", "unit", "score", "path", "shared"}
    assert [m["score"] for m in data["matches"]] == sorted((m["score"] for m in data["matches"]), reverse=True)
    out = cli("--title", "เรือเก็บผักตบชวาในคลอง", "--fiscal-year", "2567", "--projects", str(past_dir), "--json")
    assert all(m["fiscal_year"] < 2567 for m in json.loads(out.stdout)["matches"])


def test_cli_declares_a_continuation_as_a_file_would(past_dir):
    """--continues and --whats-new say what a proposal file's continues and whats_new say."""
    asked = ["--title", "เรือเก็บผักตบชวาในคลอง", "--text", "เก็บผักตบชวาด้วยเรือ", "--fiscal-year", "2568", "--projects", str(past_dir), "--json"]
    declared = cli(*asked, "--continues", "canal-hyacinth", "--whats-new", "เรือเก็บผักตบชวาพลังงานแสงอาทิตย์")
    assert declared.returncode == 0, declared.stderr
    assert json.loads(declared.stdout)["verdict"] == "related"
    elsewhere = cli(*asked, "--continues", "qr-queue", "--whats-new", "เรือเก็บผักตบชวาพลังงานแสงอาทิตย์")
    assert json.loads(elsewhere.stdout)["verdict"] == "repeat", "a continuation of another project does not hide the repeat"


def test_cli_table_and_file(past_dir, tmp_path):
    proposal = tmp_path / "proposal.md"
    proposal.write_text(
        "---\nid: new-one\ntitle: เรือเก็บผักตบชวาในคลอง\nfiscal_year: 2568\nunit: district-min-buri\nsummary: เก็บผักตบชวาด้วยเรือ\n---\n\nข้อเสนอ\n", encoding="utf-8"
    )
    out = cli(str(proposal), "--projects", str(past_dir))
    assert out.returncode == 0, out.stderr
    assert "คล้ายมาก" in out.stdout and "canal-hyacinth" in out.stdout


def test_cli_bad_file_is_a_located_thai_error(past_dir, tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    out = cli(str(broken), "--projects", str(past_dir))
    assert out.returncode == 1
    assert "broken.md:" in out.stderr and "Traceback" not in out.stderr
    out = cli(str(tmp_path / "missing.md"), "--projects", str(past_dir))
    assert out.returncode == 1 and "missing.md:1:" in out.stderr and "ไม่พบไฟล์" in out.stderr


# --- bestservice validate -------------------------------------------------------------------------


def test_validate_flags_a_repeat_of_the_latest_year(tmp_path):
    repeat = {
        "id": "canal-again",
        "fiscal_year": 2568,
        "unit": "district-min-buri",
        "title": "กำจัดผักตบชวาในคลองด้วยเรือเก็บวัชพืช",
        "summary": "ใช้เรือเก็บผักตบชวาและวัชพืชออกจากคลองทุกสัปดาห์ ติดตั้งทุ่นกักผักตบชวาที่ปากคลอง",
    }
    continued = dict(repeat, id="canal-continued", continues="canal-hyacinth", whats_new="แปรรูปผักตบชวาเป็นปุ๋ยหมัก")
    tax = dict(repeat, id="tax-desk", title="รับชำระภาษีป้ายนอกสถานที่", summary="ออกหน่วยรับชำระภาษีป้ายที่ตลาดนัด")
    projects = write_markdown(tmp_path / "projects", [*PAST, repeat, continued, tax])
    report = validate(projects_dir=projects, lessons_dir=tmp_path / "lessons", reference=REFERENCE)
    mine = [p for p in report.problems if "เกณฑ์ข้อ 12" in p.message]
    assert [Path(p.path).name for p in mine] == ["canal-again.md"]
    problem = mine[0]
    assert problem.severity == "error" and problem.line == 5  # the title line
    assert "canal-hyacinth" in problem.message and "2567" in problem.message and "เรือเก็บผักตบชวาในคลอง" in problem.message
    assert "continues: canal-hyacinth" in problem.fix and "whats_new" in problem.fix
    warnings = [p for p in report.problems if "เกณฑ์ข้อ 11" in p.message]
    assert any(Path(p.path).name == "tax-desk.md" and p.severity == "warning" and "ภาษี" in p.message for p in warnings)
    # earlier fiscal years are not re-judged
    assert not [p for p in mine if "2566" in Path(p.path).parent.name]
