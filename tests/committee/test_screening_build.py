"""The screening pages in a real `mkdocs build --strict` of the fixture year: the board, a card, the workbook."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import FIXTURES, SHOW_PROBLEMS, build_site
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


def test_the_board_lists_every_project_of_the_year_with_its_states(site):
    html = (site / "screening" / "2568" / "index.html").read_text(encoding="utf-8")
    rows = rows_of(html)
    assert len(rows) == 13
    assert rows["waste-sorting-app-again"][11] == "fail" and rows["partner-is-the-lead"][6] == "fail"
    assert rows["house-registration-at-home"][10] == "warning" and rows["clean-elderly-home-visit"][2:6] == ["judgement"] * 4
    assert html.index('id="undecided"') < html.index("big-idea-canal-bang-rak/") < html.index('id="decided"') < html.index("decided-health-line/")
    assert "ผ่านการตรวจอัตโนมัติทุกข้อ" in html and "board-2568.xlsx" in html


def test_the_card_holds_the_checklist_and_links_to_the_project_and_the_earlier_one(site):
    html = (site / "screening" / "2568" / "waste-sorting-app-again" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="bs-state bs-state--') == 12
    assert "../../../projects/waste-sorting-app-again/" in html and "../../../projects/waste-sorting-app/" in html
    assert "ไม่ผ่าน เกณฑ์ข้อ 12" in html and "bs-print-button" in html


def test_the_site_offers_the_same_workbook_as_the_command(site):
    sheet = load_workbook(site / "screening" / "2568" / "board-2568.xlsx").active
    assert sheet.max_row == 14 and sheet.freeze_panes == "C2"


def test_the_index_names_the_current_and_the_latest_year(site):
    html = (site / "screening" / "index.html").read_text(encoding="utf-8")
    assert 'screening/2568/"' in html and "(ปีปัจจุบัน)" in html


def test_search_leads_to_the_project_page_not_to_its_screening_card(site):
    blocks = (site / "search" / "index" / "d").glob("*.json")
    urls = {page[0] for block in blocks for page in json.loads(block.read_text(encoding="utf-8"))["pages"].values()}
    assert "projects/waste-sorting-app-again/" in urls
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
