"""The proposal form, end to end in Chromium: fill → download → validate; errors next to fields; draft kept."""

from __future__ import annotations

import shutil

import pytest
import yaml
from conftest import REFERENCE, ROOT
from developer_words import visible_words

from bestservice import fiscal
from bestservice.content.load import refused_character
from bestservice.content.validate import validate
from bestservice.content.values import number_value
from bestservice.thai.dates import DateError, read_date

TITLE = 'คิวออนไลน์ "ด่วน": #1 <b>ทะเบียน</b> | งานบริการ'
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai(number: int) -> str:
    return str(number).translate(THAI_DIGITS)


def open_empty_form(p, site_url: str, path: str) -> None:
    """The form at `path`, without the draft an earlier test left in the browser's storage."""
    p.goto(f"{site_url}/{path}")
    p.wait_for_selector("#f-title")
    p.evaluate("localStorage.clear()")
    p.reload()
    p.wait_for_selector("#f-title")


def fill(page, year: int):
    page.fill("#f-title", TITLE)
    page.select_option("#f-unit", "district-bang-khae")
    page.fill("#f-fiscal_year", thai(year))  # Thai digits, as official documents write them
    page.fill("#f-id", "Queue Online")
    page.fill("#f-summary", "จองคิวล่วงหน้า\nบรรทัดที่สอง: มีเครื่องหมาย : และ #")
    page.fill("#f-recipients-primary", "ประชาชนที่มาติดต่อ\nผู้สูงอายุ")
    page.fill("#f-problem", "- รอคิวนาน")
    page.fill("#f-root_cause", "ไม่มีระบบนัดหมาย")
    page.fill("#f-needs_survey", "สำรวจ 200 คน")
    page.fill("#f-objectives", "ลดเวลารอคอย")
    page.fill("#f-activities", "เปิดระบบจองคิว")
    page.fill("#f-service_standard", "ไม่เกิน 15 นาที")
    row = page.locator("#f-kpis .propose-row").first
    row.locator("input").first.fill("ระยะเวลารอคอย (นาที)")
    row.locator("input").last.fill("๑๕")
    page.fill("#f-timeline-start", f"1 ต.ค. {thai(year - 1)}")  # B.E. dates, two Thai ways
    page.fill("#f-timeline-end", f"30/09/{year}")
    page.check("#f-tools input[value=lean]")
    page.check("#f-policy_dimensions input[value=management]")
    page.check("#f-declarations-not_ordered")
    page.check("#f-declarations-not_service_center")


OTHER_PARTNERS = ["มูลนิธิกระจกเงา", 'ชุมชน "วัดนิมมานรดี" <b>ร่วม</b> | อาสาสมัคร']


def fill_links(page):
    """Partner units, other partners, Big Idea and the earlier projects it continues and extends."""
    page.click("#f-partners + button")
    row = page.locator("#f-partners .propose-row").first
    row.locator("select").select_option("district-bang-khae")
    row.locator("input").first.fill("ประชาสัมพันธ์ในแขวง")
    row.locator("input").first.blur()
    assert "ไม่ใช่หน่วยงานเจ้าของโครงการ" in row.locator(".propose-error").first.inner_text()
    row.locator("select").select_option("district-phasi-charoen")
    row.locator("input").last.fill("จำนวนผู้ลงทะเบียน")
    page.fill("#f-other_partners", "\n".join(OTHER_PARTNERS))

    page.fill("#f-big_idea", "Thonburi South Queue")
    page.locator("#f-big_idea").blur()
    assert "เช่น thonburi-south-queue" in page.locator("#f-big_idea-error").inner_text()
    page.fill("#f-big_idea", "thonburi-south-queue")
    page.select_option("#f-unit", "health")
    assert "ใช้ได้กับสำนักงานเขตเท่านั้น" in page.locator("#f-big_idea-error").inner_text()
    page.select_option("#f-unit", "district-bang-khae")
    assert page.locator("#f-big_idea-error").is_hidden()
    assert "Big Idea ใหม่" in page.locator("#f-big_idea-picked").inner_text()

    # an earlier project is named by its Thai title, or a part of it no other title has
    page.fill("#f-continues", "ลานเติมฝัน")
    page.locator("#f-continues").blur()
    assert page.locator("#f-continues-error").is_hidden() and "โครงการลานเติมฝัน (ปีงบประมาณ 2561)" in page.locator("#f-continues-picked").inner_text()
    page.fill("#f-whats_new", "เพิ่มการจองผ่าน LINE")
    page.fill("#f-extends", "คลองคูเมืองเดิมม")
    page.locator("#f-extends").blur()
    assert "ไม่พบโครงการ “คลองคูเมืองเดิมม” — คุณหมายถึง:" in page.locator("#f-extends-error").inner_text()
    page.fill("#f-extends", "คลอง")  # several titles have the word: pick one with a click
    page.locator("#f-extends").blur()
    assert "พิมพ์ชื่อให้ยาวขึ้น" in page.locator("#f-extends-error").inner_text()
    page.locator("#f-extends-picked button", has_text="คูเมือง").first.click()
    assert page.locator("#f-extends-error").is_hidden()
    preview = page.locator("#propose-preview").inner_text()
    assert "big_idea: thonburi-south-queue" in preview and "extends: phra-nakhon-khlong-khu-mueang-doem" in preview
    assert "other_partners:" in preview and "continues: bang-khae-lan-toem-fan" in preview


@pytest.mark.browser
def test_form_to_file_to_validate_and_draft(page, site_url, tmp_path):
    p = page.page
    p.goto(f"{site_url}/propose/")
    p.wait_for_selector("#f-title")
    assert p.locator("label[for=f-title]").inner_text().startswith("ชื่อโครงการ")
    assert p.locator("#f-unit optgroup").count() == 3

    # empty form: the download is refused and each error sits next to its field
    p.click("#propose-download")
    assert p.locator("#propose-summary").is_visible()
    assert p.locator("#f-title-error").inner_text().strip().endswith("ต้องกรอกชื่อโครงการ")
    assert p.get_attribute("#f-title", "aria-invalid") == "true"
    assert "f-title-error" in p.get_attribute("#f-title", "aria-describedby")

    year = fiscal.current_fiscal_year()
    fill(p, year)
    # the date: 01/11/<B.E.> inside the fiscal year is read, and said back in words
    p.fill("#f-timeline-start", f"01/11/{year - 1}")
    p.locator("#f-timeline-start").blur()
    assert p.locator("#f-timeline-start-error").is_hidden()
    assert p.locator("#f-timeline-start-reading").inner_text() == f"อ่านได้เป็น 1 พฤศจิกายน {year - 1}"
    p.fill("#f-timeline-start", f"1 ต.ค. {thai(year - 1)}")
    # a date outside the fiscal year is caught in the browser, in Thai dates
    p.fill("#f-timeline-end", f"1/10/{year}")
    p.locator("#f-timeline-end").blur()
    assert p.locator("#f-timeline-end-error").inner_text() == (
        f"วันที่ 1 ต.ค. {year} อยู่นอกปีงบประมาณ {year} — ใช้วันที่ระหว่าง 1 ต.ค. {year - 1} ถึง 30 ก.ย. {year} (ปี พ.ศ.)"
    )
    p.fill("#f-timeline-end", f"30/09/{year}")
    assert "district-bang-khae" in p.locator("#propose-preview").inner_text()
    fill_links(p)

    with p.expect_download() as info:
        p.click("#propose-download")
    download = info.value
    assert download.suggested_filename == f"queue-online-{year}.md"
    projects = tmp_path / "projects"
    shutil.copytree(ROOT / "projects", projects)
    target = projects / str(year) / download.suggested_filename
    target.parent.mkdir(parents=True, exist_ok=True)
    download.save_as(target)
    report = validate([target], projects_dir=projects, lessons_dir=tmp_path / "lessons", reference=REFERENCE)
    assert report.errors == [], [e.format() for e in report.errors]
    text = target.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../../schema/project.schema.json\n")
    data = yaml.safe_load(text.split("---\n")[1])
    assert data["partners"] == [{"unit": "district-phasi-charoen", "responsibility": "ประชาสัมพันธ์ในแขวง", "measure": "จำนวนผู้ลงทะเบียน"}]
    assert data["other_partners"] == OTHER_PARTNERS
    assert (data["big_idea"], data["continues"], data["extends"]) == ("thonburi-south-queue", "bang-khae-lan-toem-fan", "phra-nakhon-khlong-khu-mueang-doem")
    assert data["whats_new"] == "เพิ่มการจองผ่าน LINE"
    assert str(data["timeline"]["start"]) == f"{year - 544}-10-01" and str(data["timeline"]["end"]) == f"{year - 543}-09-30", "ISO, C.E."
    assert data["fiscal_year"] == year and data["kpis"][0]["target"] == 15, "Thai digits written as numbers"

    # the copy button puts the same file on the clipboard
    p.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    p.click("#propose-copy")
    p.wait_for_function("document.getElementById('propose-status').textContent.includes('คัดลอก')")
    assert p.evaluate("navigator.clipboard.readText()") == text

    # the draft survives a reload
    p.reload()
    p.wait_for_selector("#f-title")
    # the draft is restored once the form is built: wait for it rather than racing it on a busy machine
    p.wait_for_function("t => document.getElementById('f-title').value === t", arg=TITLE, timeout=10_000)
    assert p.input_value("#f-title") == TITLE
    assert p.input_value("#f-unit") == "district-bang-khae"
    assert p.is_checked("#f-policy_dimensions input[value=management]")
    assert p.locator("#f-kpis .propose-row").first.locator("input").first.input_value() == "ระยะเวลารอคอย (นาที)"
    assert p.input_value("#f-big_idea") == "thonburi-south-queue" and "คูเมือง" in p.input_value("#f-extends")
    assert p.input_value("#f-other_partners") == "\n".join(OTHER_PARTNERS)
    assert "โครงการลานเติมฝัน" in p.locator("#f-continues-picked").inner_text()
    assert page.external_requests() == []
    page.screenshot("propose-desktop")


@pytest.mark.browser
def test_long_term_project_needs_a_target_for_every_year(page, site_url, tmp_path):
    p = page.page
    open_empty_form(p, site_url, "propose/")
    year = fiscal.current_fiscal_year()
    fill(p, year)
    p.check("#f-long_term")
    p.fill("#f-end_fiscal_year", str(year + 1))
    p.click("#f-yearly_targets + button")
    row = p.locator("#f-yearly_targets .propose-row").first
    row.locator("input").first.fill(str(year))
    row.locator("input").last.fill("เปิดระบบในแขวงนำร่อง")
    p.fill("#f-timeline-end", f"{year - 542}-09-30")  # the end of the last year is allowed for a long-term project
    p.click("#propose-download")
    assert f"ยังไม่มีเป้าหมายของปีงบประมาณ {year + 1}" in p.locator("#f-yearly_targets-error").inner_text()
    assert p.locator("#f-timeline-end-error").is_hidden()
    p.click("#f-yearly_targets + button")
    row = p.locator("#f-yearly_targets .propose-row").nth(1)
    row.locator("input").first.fill(str(year + 1))
    row.locator("input").last.fill("ขยายทุกแขวง")
    with p.expect_download() as info:
        p.click("#propose-download")
    projects = tmp_path / "projects"
    target = projects / str(year) / info.value.suggested_filename
    target.parent.mkdir(parents=True)
    info.value.save_as(target)
    assert "long_term: true" in target.read_text(encoding="utf-8")
    report = validate([target], projects_dir=projects, lessons_dir=tmp_path / "lessons", reference=REFERENCE)
    assert report.errors == [], [e.format() for e in report.errors]


@pytest.mark.browser
def test_form_on_a_phone(phone, site_url):
    p = phone.page
    p.goto(f"{site_url}/propose/")
    p.wait_for_selector("#f-title")
    fill(p, fiscal.current_fiscal_year())
    p.fill("#f-id", "คิวออนไลน์")
    p.locator("#f-id").blur()
    assert "ภาษาอังกฤษ" in p.locator("#f-id-error").inner_text()
    p.fill("#f-fiscal_year", "2025")
    p.locator("#f-fiscal_year").blur()
    assert "ปี ค.ศ." in p.locator("#f-fiscal_year-error").inner_text()
    assert phone.horizontal_overflow() == 0
    assert phone.external_requests() == []
    phone.screenshot("propose-phone")


@pytest.mark.browser
def test_keyboard_reaches_the_fields(page, site_url):
    p = page.page
    p.goto(f"{site_url}/propose/")
    p.wait_for_selector("#f-title")
    p.focus("#f-title")
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.id") == "f-unit"


@pytest.mark.browser
def test_a_character_validate_refuses_is_refused_at_its_field_in_thai_before_the_download(page, site_url):
    """U+FFFE typed into the form used to give a file validate refused, at line 2, in English."""
    p = page.page
    open_empty_form(p, site_url, "propose/")
    fill(p, fiscal.current_fiscal_year())
    p.fill("#f-title", "คลอง\ufffeสวย")
    p.locator("#f-title").blur()
    said = p.locator("#f-title-error").inner_text().strip()
    assert said.startswith(refused_character("\ufffe") + " ที่ตัวอักษรที่ 5 ของบรรทัด — ลบอักขระนี้ออก"), said
    kpi = p.locator("#f-kpis .propose-row").first.locator("input").first
    kpi.fill("เวลารอ\x1b[2J")
    kpi.blur()
    assert refused_character("\x1b") in p.locator("#f-kpis .propose-row").first.locator(".propose-error").first.inner_text()
    p.click("#propose-download")
    summary = p.locator("#propose-summary").inner_text()
    assert "ยังมี 2 ช่องที่ต้องแก้ก่อนดาวน์โหลด" in summary and "U+FFFE" in summary and "U+001B" in summary
    p.fill("#f-title", "คลองสวย")
    kpi.fill("เวลารอ")
    with p.expect_download():
        p.click("#propose-download")


@pytest.mark.browser
def test_the_form_shows_the_earlier_projects_a_proposal_is_like_as_the_core_finds_them(page, site_url):
    """The form runs the similar check as the person types (similar.js + meaning.js): the same projects,
    scores, bands and verdict as the core's check of the file it will download."""
    from bestservice.content import load_content
    from bestservice.similar.corpus import Corpus

    p = page.page
    p.goto(f"{site_url}/propose/")
    p.wait_for_selector("#bs-similar[data-loaded='1']", timeout=60_000)
    p.fill("#f-title", "แอปจองคิวงานทะเบียนล่วงหน้าของสำนักงานเขต")
    p.fill("#f-fiscal_year", str(fiscal.current_fiscal_year()))
    p.fill("#f-summary", "ให้ประชาชนจองคิวงานทะเบียนราษฎรผ่านแอปพลิเคชันบนมือถือ ลดความแออัดและเวลารอที่สำนักงานเขต")
    p.fill("#f-activities", "พัฒนาแอปให้เลือกวันและเวลา แจ้งเตือนก่อนถึงคิว")
    p.wait_for_selector("#bs-similar[data-ready='1'] #bs-sim-results li")
    p.wait_for_timeout(600)  # the check runs 300 ms after the last keystroke
    shown = p.eval_on_selector_all("#bs-sim-results li", "items => items.map(li => li.dataset.id)")
    proposal = {
        "title": p.input_value("#f-title"),
        "summary": p.input_value("#f-summary"),
        "activities": p.input_value("#f-activities"),
        "fiscal_year": fiscal.current_fiscal_year(),
    }
    core = Corpus(load_content(ROOT / "projects", ROOT / "lessons"), REFERENCE).check(proposal, top=5)
    assert shown == [m.id for m in core.matches]
    assert shown[0] == "strategy-evaluation-bma-q", "BMA Q (the same service) comes first"
    assert core.verdict in p.eval_on_selector("#bs-sim-verdict", "e => e.className")
    assert page.external_requests() == []


DATES = [
    "01/11/2569",
    "1 พ.ย. ๒๕๖๙",
    "๑ พฤศจิกายน พ.ศ. ๒๕๖๙",
    "1 พย 69",
    "2569-11-01",
    "2026-11-01",
    "1 พฤศจิกายน ค.ศ. 2026",
    "29/2/2567",
    "29/2/2569",
    "31/11/2569",
    "1/13/2569",
    "1 พฤศจิ 2569",
    "0/1/2569",
    "พรุ่งนี้",
    "",
]


@pytest.mark.browser
def test_the_forms_read_a_date_as_the_core_does(page, site_url):
    """thai-input.js and thai.dates.read_date: the same date or the same Thai message for each way of writing it."""
    p = page.page
    p.goto(f"{site_url}/propose/")
    p.wait_for_selector("#f-title")
    web = p.evaluate("(texts) => texts.map(t => new BSThaiInput.Reader(BS_PROPOSE.date_rules).readDate(t))", DATES)
    for text, answer in zip(DATES, web, strict=True):
        try:
            assert answer == {"date": read_date(text).isoformat()}, text
        except DateError as err:
            assert answer == {"error": str(err)}, text
    numbers = ["๒๕๖๙", "๑,๕๐๐.๕", "1,234", "12,34", "๑๒ บาท", "-7"]
    assert p.evaluate("(xs) => { const r = new BSThaiInput.Reader(BS_PROPOSE.date_rules); return xs.map(x => r.readNumber(x)); }", numbers) == [
        number_value(n) if not isinstance(number_value(n), str) else None for n in numbers
    ]


LESSON = {
    "#f-title": "แยกเศษอาหารได้จริงเมื่อเก็บแยกคันตั้งแต่วันแรก",
    "#f-projects": "ไม่เทรวม",  # the project's Thai name
    "#f-contact_role": "หัวหน้าฝ่ายรักษาความสะอาด",
    "#f-published": "1 พ.ย. ๒๕๖๘",
    "#f-expected": "ประชาชนแยกเศษอาหารเองเมื่อมีถังแยก",
    "#f-happened": "ประชาชนแยกเมื่อเห็นว่ารถเก็บแยกคันจริง",
    "#f-why": "ถ้ารถเก็บรวมกันอีก คนก็เลิกแยก",
    "#f-next_time": "จัดรถเก็บแยกคันตั้งแต่วันแรก",
    "#f-cost_baht": "๒๕,๐๐๐",
    "#f-preconditions": "รถเก็บขยะแยกคัน",
}


@pytest.mark.browser
def test_the_lesson_form_takes_names_a_be_date_and_thai_digits_and_gives_a_file_that_validates(page, site_url, tmp_path):
    p = page.page
    open_empty_form(p, site_url, "propose/lesson/")
    for selector, value in LESSON.items():
        p.fill(selector, value)
    p.select_option("#f-unit", "environment")
    p.click("#f-results + button")
    row = p.locator("#f-results .propose-row").first
    row.locator("input").nth(0).fill("เศษอาหารที่แยกได้")
    row.locator("input").nth(1).fill("๓๓,๖๙๓")
    row.locator("input").nth(2).fill("ตัน")
    p.check("#f-criteria input[value='1']")
    p.fill("#f-projects", "ไม่เทรวมม")
    p.locator("#f-projects").blur()
    assert "ไม่พบโครงการ “ไม่เทรวมม” — คุณหมายถึง: «โครงการไม่เทรวม» (ปีงบประมาณ 2565)" in p.locator("#f-projects-error").inner_text()
    p.fill("#f-projects", "ไม่เทรวม")
    assert p.locator("#f-published-reading").inner_text() == "อ่านได้เป็น 1 พฤศจิกายน 2568"
    with p.expect_download() as info:
        p.click("#propose-download")
    assert info.value.suggested_filename == "environment-mai-te-ruam-lesson.md"
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    target = lessons / info.value.suggested_filename
    info.value.save_as(target)
    report = validate(None, projects_dir=ROOT / "projects", lessons_dir=lessons, reference=REFERENCE)
    assert report.errors == [], [e.format() for e in report.errors]
    data = yaml.safe_load(target.read_text(encoding="utf-8").split("---\n")[1])
    assert data["projects"] == ["environment-mai-te-ruam"] and str(data["published"]) == "2025-11-01"
    assert data["cost_baht"] == 25000 and data["results"] == [{"name": "เศษอาหารที่แยกได้", "value": 33693, "unit": "ตัน"}] and data["criteria"] == [1]
    assert "โครงการ «โครงการไม่เทรวม» ปีงบประมาณ 2565 ของสำนักสิ่งแวดล้อม" in target.read_text(encoding="utf-8")
    assert page.external_requests() == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["propose/", "propose/lesson/", "check/"])
def test_the_forms_and_the_check_page_show_no_developer_word_while_used(page, site_url, path):
    """What the scripts write into the page (help, errors, results) is scanned too; the file preview under
    the form is the file itself and is left out."""
    p = page.page
    p.goto(f"{site_url}/{path}")
    if path == "check/":
        p.wait_for_function("window.bsSimilar !== undefined", timeout=60_000)
        p.fill("#bs-sim-title", "รับแจ้งย้ายที่อยู่และคัดสำเนาทะเบียนบ้านนอกเวลาราชการ")
        p.fill("#bs-sim-text", "ต่อยอดจากโครงการเดิม เปิดบริการทะเบียนราษฎรวันเสาร์")
        p.wait_for_selector("#bs-sim-results li")
    else:
        p.wait_for_selector("#f-title")
        p.click("#propose-download")  # every field's error message shows
    text = p.evaluate("""() => {
        const main = document.querySelector('.md-content').cloneNode(true);
        main.querySelectorAll('.propose-preview, #propose-path, #propose-preview-title').forEach(n => n.remove());
        return main.innerText;
    }""")
    assert visible_words(text) == []
