"""The catalogue in headless Chromium, over a real build of the fixture catalogue."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, PHONE, build_site, reference_with_complete_years, serve

FIXTURE = FIXTURES / "catalogue"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """The fixture catalogue, with 2568 declared complete (the fixture holds every proposal of that year)."""
    folder = tmp_path_factory.mktemp("catalogue-browser")
    reference = reference_with_complete_years(folder / "reference", {2568: "ทุกหน่วยงานเสนอผ่านคลังนี้"})
    return build_site(folder / "site", FIXTURE / "projects", FIXTURE / "lessons", reference=reference)


@pytest.fixture(scope="module")
def url(fixture_site):
    server, base = serve(fixture_site)
    yield base
    server.shutdown()


def result_ids(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#bs-results a", "els => els.map(e => e.getAttribute('href'))")
    return sorted(h.split("/")[-2] for h in hrefs)


def test_two_facets_filter_and_the_url_round_trips(page, url):
    p = page.page
    p.goto(f"{url}/catalogue/")
    p.wait_for_selector("#bs-results li")
    assert len(result_ids(p)) == 5
    assert "พบ 5 รายการ" in p.inner_text("#bs-count")
    p.select_option("#bs-f-y", "2568")
    assert result_ids(p) == ["bang-khae-queue-online", "health-clinic-escape", "phasi-charoen-queue"]
    p.select_option("#bs-f-ut", "district")
    assert result_ids(p) == ["bang-khae-queue-online", "phasi-charoen-queue"]
    assert p.get_attribute("#bs-count", "aria-live") == "polite"
    assert "พบ 2 รายการ" in p.inner_text("#bs-count")
    assert "y=2568" in p.url and "ut=district" in p.url
    p.reload()
    p.wait_for_selector("#bs-results li")
    assert p.input_value("#bs-f-y") == "2568" and p.input_value("#bs-f-ut") == "district"
    assert result_ids(p) == ["bang-khae-queue-online", "phasi-charoen-queue"]
    p.go_back()
    p.wait_for_function("() => !location.search.includes('ut=')")
    assert p.input_value("#bs-f-ut") == ""
    assert result_ids(p) == ["bang-khae-queue-online", "health-clinic-escape", "phasi-charoen-queue"]
    p.go_forward()
    p.wait_for_function("() => location.search.includes('ut=district')")
    assert result_ids(p) == ["bang-khae-queue-online", "phasi-charoen-queue"]
    assert page.external_requests() == [] and page.dialogs == []


def test_shared_link_text_filter_and_flags(page, url):
    p = page.page
    p.goto(f"{url}/catalogue/?b=any&l=1")
    p.wait_for_selector("#bs-count:has-text('พบ')")
    assert result_ids(p) == ["bang-khae-queue-lean"]
    p.goto(f"{url}/catalogue/?q=ภาษีเจริญ")
    p.wait_for_selector("#bs-count:has-text('พบ')")
    assert result_ids(p) == ["phasi-charoen-queue"]
    p.goto(f"{url}/catalogue/?a=any")
    p.wait_for_selector("#bs-count:has-text('พบ')")
    assert result_ids(p) == ["bang-khae-queue-lean", "thon-buri-archive-service"]
    p.goto(f"{url}/catalogue/?t=lean&y=2561")
    p.wait_for_selector("#bs-count:has-text('ไม่พบ')")
    assert result_ids(p) == []
    p.goto(f"{url}/catalogue/?k=archive:best_service")
    p.wait_for_selector("#bs-results li")
    assert result_ids(p) == ["thon-buri-archive-service"] and p.input_value("#bs-f-k") == "archive:best_service"
    assert "โครงการ Best Service (จากแหล่งข้อมูลสาธารณะ)" in p.inner_text("#bs-results")
    p.select_option("#bs-f-k", "approved")
    assert len(result_ids(p)) == 4 and "k=approved" in p.url
    assert p.inner_text("#bs-results").count("โครงการ Best Service ที่คณะกรรมการอนุมัติ") == 4
    # a hostile title is shown as text, never run
    p.goto(f"{url}/catalogue/?u=health")
    p.wait_for_selector("#bs-results li")
    assert "<script>alert('x')</script>" in p.inner_text("#bs-results")
    assert page.dialogs == []


def test_catalogue_works_from_file_and_without_javascript(browser, fixture_site):
    context = browser.new_context(viewport=PHONE)
    p = context.new_page()
    p.goto((fixture_site / "catalogue" / "index.html").as_uri())
    p.wait_for_selector("#bs-results li")
    assert "พบ 5 รายการ" in p.inner_text("#bs-count")
    context.close()
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    p = context.new_page()
    p.goto((fixture_site / "catalogue" / "index.html").as_uri())
    assert p.is_visible("#bs-static") and not p.is_visible("#bs-filter")
    links = p.eval_on_selector_all("#bs-static ul.bs-compact li a", "els => els.map(e => e.getAttribute('href'))")
    assert len(links) == 5 and all(h.startswith("../projects/") for h in links)
    context.close()


def test_project_page_shows_kpis_and_lessons(page, url):
    p = page.page
    p.goto(f"{url}/projects/bang-khae-queue-lean/")
    table = p.inner_text("table.bs-kpis")
    assert "เวลารอเฉลี่ย" in table and "83.3%" in table and "133.3%" in table
    p.click("text=เขียนแผนผังขั้นตอนร่วมกับผู้รับบริการก่อนตัดขั้นตอน")
    p.wait_for_url("**/lessons/queue-mapping-first/")
    assert "ลดเวลารอทะเบียนราษฎร์ด้วยระบบลีน" in p.inner_text("article")
    assert page.external_requests() == []


def test_unit_without_project_appears_in_coverage(page, url):
    p = page.page
    p.goto(f"{url}/coverage/2568/")
    missing = p.inner_text("#type-district + ul")
    assert "สำนักงานเขตบางรัก" in missing and "สำนักงานเขตบางแค" not in missing
    p.click("#type-district + ul >> text=สำนักงานเขตบางรัก")
    p.wait_for_url("**/units/district-bang-rak/")
    assert "ยังไม่มีโครงการ" in p.inner_text("article")


@pytest.mark.parametrize("path", ["catalogue/", "projects/bang-khae-queue-lean/", "coverage/2568/", "stats/", "units/district-bang-khae/", "awards/"])
def test_phone_has_no_horizontal_overflow_and_no_external_requests(phone, url, path):
    phone.page.goto(f"{url}/{path}")
    phone.page.wait_for_load_state("networkidle")
    assert phone.horizontal_overflow() == 0
    assert phone.external_requests() == []


def test_screenshots(page, phone, url):
    for recorded, size in ((page, "desktop"), (phone, "phone")):
        recorded.page.goto(f"{url}/catalogue/?y=2568")
        recorded.page.wait_for_selector("#bs-results li")
        assert recorded.screenshot(f"catalogue-{size}").stat().st_size > 10_000
        recorded.page.goto(f"{url}/projects/bang-khae-queue-lean/")
        assert recorded.screenshot(f"project-{size}").stat().st_size > 10_000


def lesson_titles(page) -> list[str]:
    return page.eval_on_selector_all("#bs-lesson-list li:not([hidden]) > a", "els => els.map(e => e.textContent)")


def test_lessons_filter_by_tool_and_criterion_and_the_url_keeps_the_choice(page, url):
    p = page.page
    p.goto(f"{url}/lessons/")
    assert len(lesson_titles(p)) == 2
    p.select_option("#bs-lesson-tool", "lean")
    assert lesson_titles(p) == ["เขียนแผนผังขั้นตอนร่วมกับผู้รับบริการก่อนตัดขั้นตอน"]
    assert "แสดง 1 จาก 2 เรื่อง" in p.inner_text("#bs-lesson-count") and "tool=lean" in p.url
    p.select_option("#bs-lesson-criterion", "4")
    assert lesson_titles(p) == [] and "ยังไม่มีบทเรียนที่ตรงกับที่เลือก" in p.inner_text("#bs-lesson-count")
    p.select_option("#bs-lesson-tool", "")
    assert lesson_titles(p) == ["บอกผู้รับบริการก่อนเปิดช่องทางออนไลน์"]
    p.reload()
    assert p.input_value("#bs-lesson-criterion") == "4" and lesson_titles(p) == ["บอกผู้รับบริการก่อนเปิดช่องทางออนไลน์"]
    assert page.external_requests() == []


def test_a_lesson_prints_on_one_a4_page(page, url):
    p = page.page
    p.goto(f"{url}/lessons/tell-people-before-opening-online/")
    assert "ครั้งหน้าควรทำอย่างไร" in p.inner_text(".bs-lesson") and "3,500 บาท" in p.inner_text(".bs-lesson")
    p.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".bs-print-button"):
        assert not p.locator(chrome).first.is_visible(), f"{chrome} shows when printing"
    pdf = p.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the lesson prints on {pages} A4 pages"
    page.screenshot("lesson-print")
