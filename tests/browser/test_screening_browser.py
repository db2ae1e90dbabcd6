"""The screening board and a card in headless Chromium: filters in the URL, phone width, axe, A4 print."""

from __future__ import annotations

import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURES, SHOW_PROBLEMS, build_site, serve

pytestmark = pytest.mark.browser
SCREENING = FIXTURES / "screening"

# Every element that holds text of its own and is laid out as a box (not a word inside a line), with its
# width: a card on a phone stacks its parts, so none is squeezed into a narrow column.
NARROW_TEXT_JS = """(minimum) => [...document.querySelectorAll('article *')].filter(el => {
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.display.startsWith('inline') || el.closest('[hidden]')) return false;
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  return own && el.getBoundingClientRect().width < minimum;
}).map(el => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().width)}px: ${el.textContent.trim().slice(0, 30)}`)"""


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screening-browser")
    shutil.copytree(SCREENING, folder / "content", ignore=shutil.ignore_patterns("unclosed-quote.md"))
    server, base = serve(build_site(folder / "site", folder / "content" / "projects", folder / "content" / "lessons", config=SHOW_PROBLEMS))
    yield base
    server.shutdown()


def shown(page) -> list[str]:
    return sorted(page.eval_on_selector_all(".bs-board__row:not([hidden]) th a", "els => els.map(e => e.getAttribute('href').split('/').slice(-2)[0])"))


def test_filters_combine_and_the_url_round_trips(page, url):
    p = page.page
    p.goto(f"{url}/screening/2568/")
    p.wait_for_selector("#bs-board-filter:not([hidden])")
    assert len(shown(p)) == 14 and "แสดง 14 จาก 14 ข้อเสนอ" in p.inner_text("#bs-board-count")
    p.select_option("#bs-b-criterion", "12")
    p.select_option("#bs-b-state", "fail")
    assert shown(p) == ["waste-sorting-app-again"]
    assert "criterion=12" in p.url and "state=fail" in p.url
    p.reload()
    p.wait_for_selector("#bs-board-filter:not([hidden])")
    assert p.input_value("#bs-b-criterion") == "12" and shown(p) == ["waste-sorting-app-again"]
    p.click("#bs-b-clear")
    p.select_option("#bs-b-type", "district")
    p.select_option("#bs-b-group", "south")
    assert shown(p) == ["analysis-not-written", "big-idea-canal-bang-rak", "big-idea-canal-pathum-wan"]
    p.go_back()
    p.wait_for_function("() => !location.search.includes('group=')")
    assert p.input_value("#bs-b-group") == ""
    assert page.external_requests() == [] and page.dialogs == []


def test_a_shared_link_opens_the_problems_only(page, url):
    p = page.page
    p.goto(f"{url}/screening/2568/?problem=1")
    p.wait_for_selector("#bs-board-filter:not([hidden])")
    assert p.is_checked("#bs-b-problem")
    assert shown(p) == sorted(
        [
            "analysis-not-written",
            "big-idea-canal-bang-khun-thian",
            "house-registration-at-home",
            "long-term-missing-year",
            "no-problem-statement",
            "old-policy-dimension",
            "ordered-by-the-executives",
            "partner-is-the-lead",
            "waste-sorting-app-again",
        ]
    )
    assert p.is_hidden("#decided + .bs-board") and p.is_visible("#decided ~ .bs-board__none")


@pytest.mark.parametrize("card", ["waste-sorting-app-again", "joint-school-lunch", "analysis-not-written"])
def test_a_card_reads_at_360_px(phone, url, card):
    """Stacked: no box that holds text narrower than 120 px, nothing wider than the phone, Thai broken only between words."""
    p = phone.page
    p.goto(f"{url}/screening/2568/{card}/", wait_until="networkidle")
    assert phone.horizontal_overflow() == 0
    assert p.evaluate(NARROW_TEXT_JS, 120) == []
    states = p.eval_on_selector_all(".bs-criterion__state", "els => els.map(e => e.getBoundingClientRect().width)")
    assert len(states) == 12 and min(states) > 300  # each state on a line of its own, the card's whole width
    assert p.evaluate("() => getComputedStyle(document.querySelector('.bs-card')).overflowWrap") == "break-word"
    phone.screenshot(f"screening-card-{card}-phone")


@pytest.mark.parametrize("path", ["screening/", "screening/2568/", "screening/2568/waste-sorting-app-again/", "screening/2568/analysis-not-written/"])
def test_pages_fit_a_phone_and_pass_axe(phone, url, path):
    phone.page.goto(f"{url}/{path}", wait_until="networkidle")
    assert phone.horizontal_overflow() == 0, f"/{path} scrolls sideways at 360 px"
    violations = Axe().run(phone.page, options={"resultTypes": ["violations"]}).response["violations"]
    serious = [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], f"/{path}: {serious}"
    phone.screenshot("screening-" + (path.strip("/").replace("/", "-") or "index") + "-phone")
    assert phone.external_requests() == []


def test_a_card_prints_on_one_a4_page(page, url):
    p = page.page
    p.goto(f"{url}/screening/2568/waste-sorting-app-again/", wait_until="networkidle")
    page.screenshot("screening-card-desktop")
    pdf = p.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the screening card prints on {pages} A4 pages: tighten print.css / screening.css @media print"
    p.emulate_media(media="print")
    assert p.is_hidden(".bs-print-button") and p.is_visible(".bs-criteria")
