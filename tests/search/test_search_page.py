"""The search page and the header box, in Chromium."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from harness import type_query
from search_fixtures import *  # noqa: F403  (the search_site fixture)


def _wait(page, query):
    page.wait_for_function("q => document.getElementById('bs-search-results').dataset.query === q", arg=query)


@pytest.mark.browser
def test_search_url_opens_results_with_project_details(search_site, page):
    site, url = search_site
    page.page.goto(f"{url}/search/?q={quote('ผู้สูงอายุติดเตียง')}")
    _wait(page.page, "ผู้สูงอายุติดเตียง")
    first = page.page.locator(".bs-result").first
    assert "ผู้สูงอายุ" in first.locator(".bs-result__title").inner_text()
    meta = first.locator(".bs-result__meta").inner_text()
    assert "สำนักงานเขตดินแดง" in meta and "ปีงบประมาณ 2567" in meta
    status = page.page.locator("#bs-search-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith("พบ ")
    shown = page.page.locator(".bs-result").count()
    total = int(status.inner_text().split()[1].replace(",", ""))
    assert page.page.locator("#bs-search-more").is_visible() == (total > shown)
    assert page.page.locator("label[for=bs-search-q]").count() == 1
    assert page.external_requests() == []


@pytest.mark.browser
def test_marks_wrap_whole_words(search_site, page):
    site, url = search_site
    page.page.goto(f"{url}/search/")
    type_query(page.page, "หุ้นส่วน")
    marks = page.page.eval_on_selector_all("#bs-search-results mark", "els => els.map(e => e.textContent)")
    assert marks, "no highlighted words"
    assert all(len(m) > 1 for m in marks), marks  # words, never single characters
    assert "หุ้นส่วน" in "".join(marks) or {"หุ้น", "ส่วน"} <= set(marks)


@pytest.mark.browser
def test_typing_updates_results_and_url(search_site, page):
    site, url = search_site
    page.page.goto(f"{url}/search/")
    type_query(page.page, "น้ำท่วมขัง")
    assert page.page.url.endswith("?q=" + quote("น้ำท่วมขัง"))
    first = page.page.locator(".bs-result__title").first.get_attribute("href")
    assert "projects/lat-krabang-flood-qr/" in first
    page.page.locator("#bs-search-q").press("Enter")  # submitting does not reload or lose results
    _wait(page.page, "น้ำท่วมขัง")


@pytest.mark.browser
def test_query_text_is_shown_as_text(search_site, page):
    site, url = search_site
    query = '<img src=x onerror="window.__pwned=1">'
    page.page.goto(f"{url}/search/?q={quote(query)}")
    _wait(page.page, query)
    assert page.page.locator("#bs-search-status img, #bs-search-results img").count() == 0
    assert page.page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_no_results_message(search_site, page):
    site, url = search_site
    page.page.goto(f"{url}/search/")
    type_query(page.page, "ยานอวกาศ")
    assert page.page.locator("#bs-search-status").inner_text().startswith("ไม่พบผลลัพธ์")


@pytest.mark.browser
def test_header_box_goes_to_search_page(search_site, phone):
    site, url = search_site
    phone.page.goto(f"{url}/guide/criteria/")
    assert phone.horizontal_overflow() == 0  # the header box fits at 360 px
    box = phone.page.get_by_label("ค้นหาในคลังความรู้")
    assert box.is_visible()
    box.fill("ตัวชี้วัด")
    box.press("Enter")
    phone.page.wait_for_url("**/search/?q=*")
    _wait(phone.page, "ตัวชี้วัด")
    assert phone.page.locator(".bs-result").count() > 0
    assert phone.horizontal_overflow() == 0
    phone.screenshot("search-phone")
    assert phone.external_requests() == []
