"""The screening pages in a real `mkdocs build --strict` of the fixture year: the board, a card, the workbook."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import FIXTURES, SHOW_PROBLEMS, build_site
from developer_words import developer_words
from openpyxl import load_workbook

SCREENING = FIXTURES / "screening"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fixture year without its unreadable file: a strict build stops at one (the board's own
    row for it is tested in test_screening.py and test_workbook.py)."""
    folder = tmp_path_factory.mktemp("screening")
    shutil.copytree(SCREENING, folder / "content", ignore=shutil.ignore_patterns("unclosed-quote.md"))
    return build_site(folder / "site", folder / "content" / "projects", folder / "content" / "lessons", config=SHOW_PROBLEMS)


def rows_of(html: str) -> dict[str, list[str]]:
    """Card address -> the states of criteria 1..12, as the board's rows carry them."""
    found = {}
    for states, card in re.findall(r'data-states="([^"]+)">\s*<th scope="row"><a href="([^"]+)/"', html):
        found[card.rsplit("/", 1)[-1]] = states.split()
    return found


def test_the_board_lists_every_proposal_of_the_year_with_its_states(site):
    html = (site / "screening" / "2568" / "index.html").read_text(encoding="utf-8")
    rows = rows_of(html)
    assert len(rows) == 14 and "archive-canal-award" not in rows
    assert rows["waste-sorting-app-again"][11] == "fail" and rows["partner-is-the-lead"][6] == "fail"
    assert rows["house-registration-at-home"][10] == "warning" and rows["clean-elderly-home-visit"][2:6] == ["judgement"] * 4
    assert rows["clean-elderly-home-visit"][6:12] == ["n/a", "n/a", "n/a", "declared", "declared", "pass"]
    assert rows["analysis-not-written"][5] == "no-data"
    assert html.index('id="undecided"') < html.index("big-idea-canal-bang-rak/") < html.index('id="decided"') < html.index("decided-health-line/")
    assert "ข้อเสนอไม่พบปัญหาในข้อที่ระบบตรวจ" in html and "ผ่านการตรวจอัตโนมัติ" not in html


def test_the_board_offers_its_workbook_for_download_instead_of_a_terminal_command(site):
    html = (site / "screening" / "2568" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[./a-z0-9]*board-2568\.xlsx" download>ดาวน์โหลดกระดานเป็นไฟล์ Excel \(\.xlsx\) สำหรับการประชุม</a>', html)
    assert "bestservice screening" not in html and "เทอร์มินัล" not in html
    index = (site / "screening" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[./a-z0-9]*2568/board-2568\.xlsx" download', index) and "bestservice screening" not in index


def test_the_board_says_when_it_cannot_know_who_has_not_proposed(site):
    html = (site / "screening" / "2568" / "index.html").read_text(encoding="utf-8")
    assert "ไม่มีรายการข้อเสนอโครงการครบของปีงบประมาณ 2568" in html and "ยังไม่เสนอ</th>" not in html


def test_the_card_holds_each_criterion_in_one_state_with_what_it_rests_on(site):
    html = (site / "screening" / "2568" / "waste-sorting-app-again" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'class="bs-criterion__state bs-state--[a-z/-]+" data-state=', html)) == 12
    assert "../../../projects/waste-sorting-app-again/" in html and "../../../projects/waste-sorting-app/" in html
    assert "พบปัญหา ข้อ 12" in html and "bs-print-button" in html
    assert re.search(
        r"โครงการเดิมที่คล้ายที่สุด:</strong> <a [^>]+>«แอปพลิเคชันแยกขยะรีไซเคิลในชุมชน เขตประเวศ»</a> \(waste-sorting-app\) ปีงบประมาณ 2567, เขตประเวศ — คะแนน \d\.\d\d คล้ายมาก",
        html,
    )
    joint = (site / "screening" / "2568" / "joint-school-lunch" / "index.html").read_text(encoding="utf-8")
    assert "<li>สำนักอนามัย — หน้าที่: ส่งนักโภชนาการตรวจรายการอาหาร — ตัวชี้วัด: จำนวนโรงเรียนที่ตรวจ</li>" in joint
    assert "<dt>ภาคีภายนอก</dt><dd>สมาคมผู้ปกครองและครูโรงเรียนสังกัดกรุงเทพมหานคร</dd>" in joint


def test_the_site_offers_the_same_workbook_as_the_command(site):
    sheet = load_workbook(site / "screening" / "2568" / "board-2568.xlsx").active
    assert sheet.max_row == 15 and sheet.freeze_panes == "C2" and sheet.print_title_rows == "$1:$1"


def test_the_index_names_the_current_and_the_latest_year(site):
    html = (site / "screening" / "index.html").read_text(encoding="utf-8")
    assert 'screening/2568/"' in html and "(ปีปัจจุบัน)" in html


def test_the_committee_finds_its_pages_from_the_home_page_and_the_guide(site):
    assert 'href="screening/"' in (site / "index.html").read_text(encoding="utf-8")
    for guide in ("process", "criteria"):
        assert 'href="../../screening/"' in (site / "guide" / guide / "index.html").read_text(encoding="utf-8"), guide


def test_search_holds_neither_the_board_nor_undecided_proposals(site):
    blocks = (site / "search" / "index" / "d").glob("*.json")
    urls = {page[0] for block in blocks for page in json.loads(block.read_text(encoding="utf-8"))["pages"].values()}
    assert "projects/decided-health-line/" in urls and "projects/archive-canal-award/" in urls
    assert "projects/waste-sorting-app-again/" not in urls, "a proposal is searchable once the committee approves it"
    assert not [url for url in urls if url.startswith("screening/")], "the board's pages are for the committee, not for search"


def test_contributor_text_is_escaped_on_the_board(tmp_path):
    injection = FIXTURES / "injection"
    site = build_site(tmp_path / "site", injection / "projects", injection / "lessons", config=SHOW_PROBLEMS)
    board = next((site / "screening").glob("*/index.html"))
    pages = [board, *board.parent.glob("*/index.html")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html and "<img src=x" not in html, f"{page}: contributor text must be escaped"
        assert "{{ 7*7 }}" in html, f"{page}: contributor text must never be rendered as a template"


def test_the_committee_reads_no_developer_word_on_the_board_or_a_card(site):
    """The committee is not made of programmers: fields by their Thai names, no file path, id or field
    name, even where proposals have problems (tests/pages/test_public_words.py scans the repository's
    own board, which has none)."""
    pages = sorted((site / "screening").rglob("*.html"))
    assert len(pages) >= 15
    found = {page.relative_to(site).as_posix(): words for page in pages if (words := developer_words(page.read_text(encoding="utf-8")))}
    assert found == {}, "name fields in Thai (committee.evidence.field_title) and leave file editing to validate's messages"
