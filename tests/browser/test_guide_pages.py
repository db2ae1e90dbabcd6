"""The guide as a person sees it: every guide page in a real browser, desktop and 360 px phone.

Counts on the pages are compared with the reference data, so a step or criterion that disappears
from a page (or from the data) fails here.
"""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin, urlparse

import pytest
from conftest import REFERENCE_DIR

from bestservice.content.reference import load_reference
from bestservice.pages.guide import load_guide

pytestmark = pytest.mark.browser

REF = load_reference(REFERENCE_DIR)
GUIDE = load_guide(REF)

# Each guide page and the Thai words its <h1> must contain.
GUIDE_PAGES = {
    "guide/": "คู่มือโครงการให้บริการที่ดีที่สุด",
    "guide/about/": "เกี่ยวกับโครงการ",
    "guide/glossary/": "คำจำกัดความ",
    "guide/process/": "ขั้นตอน",
    "guide/criteria/": "เกณฑ์",
    "guide/tools/": "เครื่องมือการบริหาร 12 รายการ",
    "guide/know-how/": "ความรู้เชิงทักษะ",
    "guide/cautions/": "ข้อควรระวัง",
    "guide/best-practices/": "แนวทางปฏิบัติที่เป็นเลิศ",
    "guide/checklist/": "รายการตรวจก่อนส่งโครงการ",
    **{f"guide/tools/{tool['id']}/": tool["name_th"] for tool in REF.tools},
}


def section_table(page, anchor: str):
    """The first table after the heading #anchor (Material wraps tables in scroll boxes, so not a plain sibling)."""
    return page.locator(f"xpath=(//*[@id='{anchor}']/following::table)[1]")


def open_page(recorded, site_url: str, path: str, every_request: bool = False):
    """The page once loaded; `every_request`: once the network has also been idle for half a second
    (what a test of the requests a page makes needs; a test of what it shows does not wait for it)."""
    response = recorded.page.goto(f"{site_url}/{path}", wait_until="networkidle" if every_request else "load")
    assert response is not None and response.ok, f"{path} did not load"
    return recorded.page


@pytest.mark.parametrize("path", list(GUIDE_PAGES))
def test_guide_page_loads_in_thai_fits_a_phone_and_stays_local(phone, site_url, path):
    page = open_page(phone, site_url, path, every_request=True)
    assert GUIDE_PAGES[path] in page.locator("article h1").first.inner_text()
    assert GUIDE_PAGES[path] in page.title()
    assert page.locator("html").get_attribute("lang") == "th"
    assert phone.horizontal_overflow() == 0, f"{path} scrolls sideways at 360 px"
    assert phone.external_requests() == [], f"{path} asked other hosts: {phone.external_requests()}"
    # Sarabun, served from this site, is the font actually used for the text.
    assert page.evaluate("() => document.fonts.check('16px Sarabun')")
    assert "Sarabun" in page.evaluate("() => getComputedStyle(document.querySelector('article p')).fontFamily")


def test_process_page_has_every_step_as_a_checklist_item(page, site_url):
    p = open_page(page, site_url, "guide/process/")
    for stage in GUIDE.stages:
        items = p.locator(f'.bs-steps[data-stage="{stage["number"]}"] > ul > li.task-list-item')
        assert items.count() == len(stage["steps"])
        for n, step in enumerate(stage["steps"], 1):
            anchored = p.locator(f"#{GUIDE.step_anchor(stage['number'], n)}")
            assert anchored.count() == 1
            text = items.nth(n - 1).inner_text()
            assert step["title_th"] in text and step["produce_th"] in text
            for field in step["fields"]:  # by the name the form gives it; the file's name is the editors' page's
                assert GUIDE.field_title(field) in text and field not in text, f"step {stage['number']}.{n} does not name field {field} in Thai"
    assert [len(s["steps"]) for s in GUIDE.stages] == [8, 5, 5]


def test_criteria_page_has_one_section_per_criterion_and_marks_exclusions(page, site_url):
    p = open_page(page, site_url, "guide/criteria/")
    sections = p.locator("h2[id^='criterion-']")
    assert sections.count() == len(REF.criteria) == 12
    for criterion in REF.criteria:
        heading = p.locator(f"#criterion-{criterion['number']}")
        assert criterion["title_th"] in heading.inner_text()
        box = p.locator(f".bs-criterion:has(#criterion-{criterion['number']})")
        text = box.inner_text()
        assert criterion["pass_example_th"] in text and criterion["fail_example_th"] in text
        assert "ระบบตรวจเกณฑ์นี้อย่างไร" in text
        for rule in criterion.get("rules", []):  # what the rule checks in Thai, not its name in the code
            assert REF.rule_texts[rule] in text and rule not in text
        is_exclusion = "bs-exclusion" in (box.get_attribute("class") or "")
        assert is_exclusion == criterion["exclusion"]
        if criterion["exclusion"]:
            assert "ข้อยกเว้น" in heading.inner_text()
            # Visually different too: the exclusion box has a red rule down its side.
            border = box.evaluate("el => getComputedStyle(el).borderLeftColor")
            assert border == "rgb(198, 40, 40)"


def test_tools_overview_compares_all_twelve_and_each_tool_page_links_its_projects(page, site_url):
    p = open_page(page, site_url, "guide/tools/")
    rows = p.locator("article table tbody tr")
    assert rows.count() == len(REF.tools) == 12
    linked = p.eval_on_selector_all("article table a", "links => links.map(a => new URL(a.href).pathname)")
    for tool in REF.tools:
        assert linked.count(f"/guide/tools/{tool['id']}/") == 1, f"the overview must link the page of {tool['id']} once"
    for tool in REF.tools:
        tp = open_page(page, site_url, f"guide/tools/{tool['id']}/")
        projects = tp.locator("article a.md-button", has_text="โครงการและบทเรียนที่ใช้เครื่องมือนี้")
        assert urlparse(urljoin(tp.url, projects.get_attribute("href"))).path == f"/catalogue/tools/{tool['id']}/"
        assert tp.locator("#start + ol > li").count() == len(tool["start_th"])


def test_know_how_cautions_and_best_practices_show_every_item(page, site_url):
    p = open_page(page, site_url, "guide/know-how/")
    assert section_table(p, "owners").locator("tbody tr").count() == len(GUIDE.skills["owners"]["items"]) == 7
    assert section_table(p, "advisers").locator("tbody tr").count() == len(GUIDE.skills["advisers"]["items"]) == 12
    p = open_page(page, site_url, "guide/cautions/")
    assert p.locator("#units + ol > li").count() == len(GUIDE.cautions["units"]["items"]) == 4
    assert p.locator("#office + ol > li").count() == len(GUIDE.cautions["office"]["items"]) == 6
    p = open_page(page, site_url, "guide/best-practices/")
    assert p.locator("h3[id^='practice-']").count() == len(GUIDE.best_practices["items"]) == 3
    assert p.locator("#references + ol > li").count() == len(GUIDE.references) == 3
    assert p.locator("#external-awards ~ ul").first.locator("li").count() == len(REF.guide_external_awards)


def test_about_page_shows_unit_counts_from_reference_data(page, site_url):
    p = open_page(page, site_url, "guide/about/")
    table = section_table(p, "units").inner_text()
    for row in GUIDE.unit_counts():
        assert row["name_th"] in table
        assert str(row["known"]) in table and str(row["expected"]) in table
        if row["known"] != row["expected"]:
            assert row["note_th"] in table, f"the page must say why {row['name_th']} differs from the guide"
    assert GUIDE.programme["committee_th"] in p.locator("article").inner_text()


# Words that are glossary terms, as a browser finds them in text nodes outside links and headings.
UNLINKED_MENTIONS_JS = """
(forms) => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('a, h1, h2, h3, h4, code, .admonition-title, script, style')) continue;
    for (const form of forms) if (node.nodeValue.includes(form)) found.push(form + ' in: ' + node.nodeValue.trim().slice(0, 60));
  }
  return found;
}
"""


@pytest.mark.parametrize("path", list(GUIDE_PAGES))
def test_every_glossary_term_on_a_guide_page_links_to_its_definition(page, site_url, path):
    p = open_page(page, site_url, path)
    forms = [form for term in GUIDE.glossary for form in term["forms"]]
    assert p.evaluate(UNLINKED_MENTIONS_JS, forms) == []
    links = p.locator("article a.bs-term")
    anchors = set()
    for i in range(links.count()):
        href = urljoin(p.url, links.nth(i).get_attribute("href"))
        assert urlparse(href).path == "/guide/glossary/"
        anchors.add(urlparse(href).fragment)
    if anchors:
        glossary = open_page(page, site_url, "guide/glossary/")
        for anchor in anchors:
            assert glossary.locator(f"[id='{anchor}']").count() == 1, f"#{anchor} does not exist on the glossary page"


def test_glossary_has_an_anchor_per_term(page, site_url):
    p = open_page(page, site_url, "guide/glossary/")
    for term in GUIDE.glossary:
        assert term["term_th"] in p.locator(f"h2#term-{term['id']}").inner_text()
    assert p.locator("h2[id^='term-']").count() == len(GUIDE.glossary) == 6


def test_every_guide_page_is_two_clicks_from_home(page, site_url):
    home = open_page(page, site_url, "")

    def links_of(p) -> set[str]:
        hrefs = p.eval_on_selector_all("article a[href]", "els => els.map(a => a.href)")
        return {urlparse(h).path for h in hrefs if urlparse(h).hostname == "127.0.0.1"}

    one_click = links_of(home)
    for target in ("/search/", "/catalogue/", "/check/", "/propose/", "/lessons/", "/data/"):
        assert target in one_click, f"home page does not route to {target}"
    reachable = set(one_click)
    for path in sorted(p for p in one_click if p.startswith("/guide/")):
        reachable |= links_of(open_page(page, site_url, path.lstrip("/")))
    missing = [f"/{path}" for path in GUIDE_PAGES if f"/{path}" not in reachable]
    assert missing == []


def test_previous_and_next_follow_the_guides_order(page, site_url):
    p = open_page(page, site_url, "guide/glossary/")
    assert p.locator("a.md-footer__link--prev").get_attribute("href").endswith("../about/")
    assert p.locator("a.md-footer__link--next").get_attribute("href").endswith("../process/")


def test_checklist_prints_on_one_a4_page_without_site_chrome(page, site_url):
    p = open_page(page, site_url, "guide/checklist/", every_request=True)  # its fonts set how many pages it prints on
    items = p.locator("li.task-list-item")
    expected = len(GUIDE.stage(1)["steps"]) + len(GUIDE.stage(2)["steps"]) + len(REF.criteria)
    assert items.count() == expected == 25
    p.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".bs-screen-only"):
        assert not p.locator(chrome).first.is_visible(), f"{chrome} shows when printing"
    page.screenshot("guide-checklist-print")
    pdf = p.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the checklist prints on {pages} A4 pages"
    assert io.BytesIO(pdf).getbuffer().nbytes > 1000


def test_screenshots_of_home_and_a_tool_page(page, phone, site_url):
    for recorded, size in ((page, "desktop"), (phone, "phone")):
        open_page(recorded, site_url, "", every_request=True)
        assert recorded.horizontal_overflow() == 0
        assert recorded.external_requests() == []
        recorded.screenshot(f"home-{size}")
        open_page(recorded, site_url, "guide/tools/lean/", every_request=True)
        assert recorded.horizontal_overflow() == 0
        recorded.screenshot(f"guide-tool-lean-{size}")
        open_page(recorded, site_url, "guide/criteria/", every_request=True)
        recorded.screenshot(f"guide-criteria-{size}")
        open_page(recorded, site_url, "guide/process/", every_request=True)
        recorded.screenshot(f"guide-process-{size}")
