"""A real `mkdocs build --strict` over the fixture catalogue: read the HTML it wrote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import build_site

FIXTURE = Path(__file__).parent / "fixtures" / "catalogue"


@pytest.fixture(scope="session")
def catalogue_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("catalogue") / "site", FIXTURE / "projects", FIXTURE / "lessons")


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_project_page_shows_kpis_and_lessons(catalogue_site):
    html = read(catalogue_site, "projects/bang-khae-queue-lean")
    assert "<h1>ลดเวลารอทะเบียนราษฎร์ด้วยระบบลีน</h1>" in html
    assert "<title>ลดเวลารอทะเบียนราษฎร์ด้วยระบบลีน - " in html
    assert "เวลารอเฉลี่ย" in html and "83.3%" in html
    assert "เขียนแผนผังขั้นตอนร่วมกับผู้รับบริการก่อนตัดขั้นตอน" in html
    assert "<strong>ตัดขั้นตอน</strong>" in html  # the Markdown body, rendered by the core


def test_unit_page_lists_the_project(catalogue_site):
    html = read(catalogue_site, "units/district-phasi-charoen")
    assert 'href="../../projects/phasi-charoen-queue/"' in html
    assert "ลดเวลารองานทะเบียน เขตภาษีเจริญ" in html


def test_coverage_lists_a_unit_with_no_project(catalogue_site):
    html = read(catalogue_site, "coverage/2568")
    missing = html.split('id="type-district"')[1].split("</ul>")[0]
    assert "สำนักงานเขตบางรัก" in missing and "สำนักงานเขตบางแค" not in missing


def test_generated_pages_stay_out_of_the_sidebar_and_escape_titles(catalogue_site):
    home = (catalogue_site / "index.html").read_text(encoding="utf-8")
    assert "projects/bang-khae-queue-lean" not in home
    escape = read(catalogue_site, "projects/health-clinic-escape")
    assert "<script>alert" not in escape and "javascript:" not in escape
    assert re.search(r"<title>&lt;script&gt;alert\(&#x27;x&#x27;\)&lt;/script&gt;", escape)
    assert (catalogue_site / "catalogue" / "data.js").read_text(encoding="utf-8").startswith("window.BS_CATALOGUE=")
    assert (catalogue_site / "assets" / "javascripts" / "catalogue.js").exists()
