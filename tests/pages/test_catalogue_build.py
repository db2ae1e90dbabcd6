"""A real `mkdocs build --strict` over the fixture catalogue: read the HTML it wrote."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, reference_with_complete_years

FIXTURE = FIXTURES / "catalogue"


@pytest.fixture(scope="session")
def complete_reference(tmp_path_factory) -> Path:
    """The reference data declaring 2568 complete: the fixture holds every proposal of that year."""
    return reference_with_complete_years(tmp_path_factory.mktemp("reference") / "reference", {2568: "ทุกหน่วยงานเสนอผ่านคลังนี้"})


@pytest.fixture(scope="session")
def catalogue_site(tmp_path_factory, complete_reference) -> Path:
    return build_site(tmp_path_factory.mktemp("catalogue") / "site", FIXTURE / "projects", FIXTURE / "lessons", reference=complete_reference)


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


def test_generated_pages_show_the_whole_navigation_with_working_links(catalogue_site):
    """Their page around the body is rendered once per kind of page (bestservice_mkdocs/pages.py): its sidebar must still lead everywhere."""
    for url in ("projects/bang-khae-queue-lean", "units/district-phasi-charoen", "catalogue"):
        html = read(catalogue_site, url)
        sidebar = html.split('data-md-type="navigation"')[1].split('data-md-type="toc"')[0]
        targets = set(re.findall(r'href="([^"#]+)"', sidebar))
        assert len(targets) >= 25, f"{url}: the sidebar lists only {len(targets)} pages"
        for target in targets:
            path = (catalogue_site / url / target).resolve()
            assert (path / "index.html").exists() or path.is_file(), f"{url}: sidebar link {target} leads nowhere"


def test_the_shortcuts_build_the_same_site_as_mkdocs_alone(catalogue_site, complete_reference, tmp_path):
    """Two shortcuts make big builds fast: generated pages are written from one shell per kind of page,
    rendered by Material with the page events a page gets, without MkDocs' page pipeline (bestservice_mkdocs/pages.py),
    and the search and similar-check indexes are computed in a second process (bestservice.background).
    Without them (BESTSERVICE_SHELL=0, BESTSERVICE_PARALLEL=0) MkDocs and Material render every page
    themselves: every page and index must be the same, byte for byte."""
    plain = build_site(
        tmp_path / "site", FIXTURE / "projects", FIXTURE / "lessons", reference=complete_reference, BESTSERVICE_SHELL="0", BESTSERVICE_PARALLEL="0"
    )
    compared = [p.relative_to(catalogue_site) for p in sorted(catalogue_site.rglob("*.html"))]
    compared += [p.relative_to(catalogue_site) for p in sorted((catalogue_site / "search" / "index").rglob("*.json"))]
    compared.append(Path("check") / "similar-index.js")
    assert len(compared) > 100
    assert {p.relative_to(plain) for p in plain.rglob("*.html")} == {p for p in compared if p.suffix == ".html"}
    for relative in compared:
        assert (plain / relative).read_bytes() == (catalogue_site / relative).read_bytes(), f"{relative} differs from what MkDocs and Material make alone"


def test_with_a_site_url_the_sitemap_lists_the_generated_pages_too(tmp_path):
    """Generated pages skip MkDocs' page pipeline, which is where its sitemap finds pages: with a
    site_url set, the sitemap must still be the one MkDocs makes when it renders them itself."""
    config = {"site_url": "https://bestservice.example.go.th/kb/"}
    fast = build_site(tmp_path / "fast", FIXTURE / "projects", FIXTURE / "lessons", config=config)
    plain = build_site(tmp_path / "plain", FIXTURE / "projects", FIXTURE / "lessons", config=config, BESTSERVICE_SHELL="0", BESTSERVICE_PARALLEL="0")
    sitemap = (fast / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://bestservice.example.go.th/kb/projects/" in sitemap and "https://bestservice.example.go.th/kb/guide/criteria/" in sitemap
    assert sitemap == (plain / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((fast / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    pages = sorted(path.relative_to(fast) for path in fast.rglob("*.html"))
    assert {path.relative_to(plain) for path in plain.rglob("*.html")} == set(pages)
    for relative in pages:  # every page has its own canonical URL, put into its kind's shell
        assert (fast / relative).read_bytes() == (plain / relative).read_bytes(), f"{relative}: its canonical URL or another part differs from MkDocs' own"
