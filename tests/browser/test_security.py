"""Injection: contributor text is data. Built over tests/fixtures/injection/ (a project and a lesson
whose every text field carries script, HTML, Markdown-link and Jinja payloads, and whose body has raw
HTML blocks), every page type that shows them is opened in Chromium.

Raw-HTML policy (see BENCHMARKS.md / README): front-matter fields are plain text, always escaped;
the Markdown body is rendered by python-markdown and sanitised with nh3 to a small allow-list
(no script, style, iframe, form, img, svg, event handler, or javascript:/data: URL); contributor
text never passes through Jinja or mkdocs-macros. So: no dialog, no script execution, no dangerous
element or attribute, the payloads shown literally (a title reads `<script>alert(1)</script>`), and
`{{ 7*7 }}` stays `{{ 7*7 }}`.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from conftest import REFERENCE, ROOT, build_site, serve

pytestmark = pytest.mark.browser


FIXTURE = ROOT / "tests" / "fixtures" / "injection"
PROJECT_ID = "injection-test-2568"
LESSON_ID = "injection-lesson"
MARKER = "ทดสอบความปลอดภัย"
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "[x](javascript:alert(1))", "{{ 7*7 }}", "{% raw %}", "{{ config }}"]
TITLE = f"โครงการ{MARKER} " + " ".join(PAYLOADS)

# Page types that must exist and show the payloads (URL paths from bestservice/urls.py).
PAGES = {
    "project": f"projects/{PROJECT_ID}/",
    "lesson": f"lessons/{LESSON_ID}/",
    "unit": "units/district-bang-khae/",
    "partner-unit": "units/health/",
    "catalogue": "catalogue/",
}

INERT_JS = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith('on')) bad.push(`${el.tagName} ${attr.name}`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(attr.name) && (value.startsWith('javascript:') || value.startsWith('data:text/html') || value.startsWith('vbscript:')))
        bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  const executable = s => ['', 'text/javascript', 'application/javascript', 'module'].includes((s.type || '').toLowerCase());
  for (const s of document.scripts) if (executable(s) && (s.textContent || '').includes('alert(')) bad.push('script: ' + s.textContent.slice(0, 60));
  const content = document.querySelector('.md-content') || document.body;
  for (const el of content.querySelectorAll('iframe, object, embed, form[action^="http"], svg[onload], img[src="x"]')) bad.push('element ' + el.outerHTML.slice(0, 80));
  return bad;
}"""


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    site = build_site(tmp_path_factory.mktemp("injection") / "site", projects=FIXTURE / "projects", lessons=FIXTURE / "lessons")
    server, url = serve(site)
    yield site, url
    server.shutdown()


def _open(recorded, url: str) -> str:
    recorded.page.add_init_script("window.__xss = 0; window.alert = window.confirm = window.prompt = () => { window.__xss++; };")
    response = recorded.page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, f"{url}: HTTP {response.status if response else '-'}"
    recorded.page.wait_for_timeout(200)
    return recorded.page.inner_text("body")


def _assert_inert(recorded, where: str) -> None:
    assert recorded.dialogs == [], f"{where}: dialog {recorded.dialogs}"
    assert recorded.page.evaluate("() => window.__xss") == 0, f"{where}: alert() was called"
    assert recorded.page.evaluate(INERT_JS) == [], where
    assert recorded.external_requests() == [], where


def test_fixture_is_valid_content():
    from bestservice.content.validate import validate

    report = validate(None, projects_dir=FIXTURE / "projects", lessons_dir=FIXTURE / "lessons", reference=REFERENCE)
    assert report.checked == 2 and not report.errors, [p.format() for p in report.errors]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_shows_payloads_as_text(injected_site, page, name):
    site, url = injected_site
    text = _open(page, f"{url}/{PAGES[name]}")
    _assert_inert(page, name)
    assert MARKER in text, f"{name} does not show the injected record"
    for payload in ("<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "{{ config }}"):
        assert payload in text, f"{name}: {payload!r} not shown literally"
    assert f"{MARKER} <script>alert(1)</script>" in text
    assert "site_name" not in text and "markdown_extensions" not in text, "{{ config }} was expanded"


@pytest.mark.parametrize("name", ["project", "lesson"])
def test_title_is_text(injected_site, page, name):
    _, url = injected_site
    _open(page, f"{url}/{PAGES[name]}")
    heading = page.page.inner_text(".md-content h1")
    assert "<script>alert(1)</script>" in heading and "{{ 7*7 }}" in heading
    assert "<script>" in page.page.title() or MARKER in page.page.title()
    _assert_inert(page, name)


def test_project_body_raw_html_is_neutralised(injected_site, page):
    _, url = injected_site
    text = _open(page, f"{url}/{PAGES['project']}")
    _assert_inert(page, "project body")
    assert page.page.evaluate("() => getComputedStyle(document.body).display") != "none", "a <style> block from the body applied"
    content = page.page.locator(".md-content")
    assert content.locator("a[href^='javascript:' i]").count() == 0
    assert content.locator("form, input[name=x]").count() == 0
    assert "ลิงก์จาวาสคริปต์" in text  # the link text survives, without its URL


def test_every_generated_page_with_the_payload_is_inert(injected_site, browser):
    """Any other page type the catalogue makes (tool, year, award, Big Idea, ...) too."""
    site, url = injected_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if MARKER in p.read_text(encoding="utf-8"))
    assert len(pages) >= len(PAGES), pages
    from conftest import DESKTOP, RecordedPage

    context = browser.new_context(viewport=DESKTOP, locale="th-TH", service_workers="block")
    try:
        for path in pages:
            recorded = RecordedPage(context)
            _open(recorded, f"{url}/{path}")
            _assert_inert(recorded, path)
            recorded.page.close()
    finally:
        context.close()


def test_search_results_show_payloads_as_text(injected_site, page):
    _, url = injected_site
    _open(page, f"{url}/search/?q={MARKER}")
    page.page.wait_for_function("() => document.querySelectorAll('#bs-search-results li').length > 0", timeout=15000)
    results = page.page.inner_text("#bs-search-results")
    _assert_inert(page, "search results")
    assert "<script>alert(1)</script>" in results or "onerror=alert(1)" in results or "{{ 7*7 }}" in results, results[:500]


def test_similar_check_shows_payloads_as_text(injected_site, page):
    _, url = injected_site
    _open(page, f"{url}/check/")
    page.page.fill("#bs-sim-title", TITLE)
    page.page.fill("#bs-sim-text", f"{MARKER} ปัญหา ต้นเหตุ กิจกรรม")
    page.page.fill("#bs-sim-year", "2570")
    page.page.wait_for_timeout(1500)
    _assert_inert(page, "check page")


def test_catalogue_filter_data_is_inert(injected_site, page):
    site, url = injected_site
    text = _open(page, f"{url}/catalogue/")
    _assert_inert(page, "catalogue")
    assert "<script>alert(1)</script>" in text
    for box in page.page.locator("input[type=search], input[type=text]").all()[:1]:
        box.fill(MARKER)
        page.page.wait_for_timeout(500)
    _assert_inert(page, "catalogue after filtering")


def _records(data):
    """Every dict with an id anywhere in the export (whatever its envelope)."""
    if isinstance(data, dict):
        if "id" in data:
            yield data
        for value in data.values():
            yield from _records(value)
    elif isinstance(data, list):
        for value in data:
            yield from _records(value)


def test_exports_keep_payloads_literal(injected_site, page):
    site, url = injected_site
    data = json.loads((site / "data" / "projects.json").read_text(encoding="utf-8"))
    project = next(r for r in _records(data) if r.get("id") == PROJECT_ID)
    assert project["title"] == TITLE
    rows = list(csv.DictReader(io.StringIO((site / "data" / "projects.csv").read_text(encoding="utf-8-sig"))))
    column = {name.rsplit("(", 1)[-1].rstrip(")").strip(): name for name in rows[0]}  # headers may read "ชื่อโครงการ (title)"
    row = next(r for r in rows if r.get(column["id"]) == PROJECT_ID)
    assert row[column["title"]] == TITLE
    assert not any(value.startswith(("=", "+", "@")) for r in rows for value in r.values() if value), "CSV formula injection"
    feed = ET.parse(site / "feed.xml").getroot()
    texts = [el.text or "" for el in feed.iter()]
    assert any(TITLE in t for t in texts), "the feed does not carry the title literally"
    assert not [el for el in feed.iter() if el.tag.rsplit("}", 1)[-1].lower() in ("script", "img", "iframe")]
    for path in ("data/projects.json", "feed.xml"):  # the CSV is a download in Chromium, never rendered
        _open(page, f"{url}/{path}")
        _assert_inert(page, path)
