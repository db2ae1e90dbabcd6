"""The catalogue generator (no MkDocs): pages, facet data, KPI arithmetic, escaping, coverage, CLI."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import FIXTURES, REFERENCE_DIR, knowledge_base_over, reference_with_complete_years

from bestservice.cli import main
from bestservice.committee.coverage import coverage
from bestservice.content import load_content
from bestservice.content.reference import load_reference
from bestservice.pages import Page, generate_pages
from bestservice.pages.catalogue import Catalogue, compact_data, compact_script
from bestservice.pages.kpi import kpi_achievement, number, project_achievement
from bestservice.render import markdown_to_html

FIXTURE = FIXTURES / "catalogue"
TODAY = dt.date(2025, 3, 1)  # fiscal year 2568


@pytest.fixture(scope="module")
def content():
    return load_content(FIXTURE / "projects", FIXTURE / "lessons")


@pytest.fixture(scope="module")
def ref():
    return load_reference(REFERENCE_DIR)


@pytest.fixture(scope="module")
def complete(tmp_path_factory):
    """The reference data with 2568 declared complete: every proposal of that year is in the fixture."""
    return load_reference(reference_with_complete_years(tmp_path_factory.mktemp("ref") / "reference", {2568: "ทุกหน่วยงานเสนอผ่านคลังนี้"}))


@pytest.fixture(scope="module")
def pages(content, complete):
    return {p.path: p for p in generate_pages(content, complete, today=TODAY, git=False)}


def test_pages_are_handed_over_in_batches_as_they_are_made(content, ref, monkeypatch):
    """The build's search index reads pages while the rest are still being made: every page and
    asset reaches on_pages exactly once, in the order of the finished list."""
    import bestservice.pages as pages_module

    monkeypatch.setattr(pages_module, "BATCH", 2)
    batches = []
    made = generate_pages(content, ref, today=TODAY, git=False, on_pages=batches.append)
    assert len(batches) > 3 and all(len(batch) <= 2 for batch in batches)
    assert [item.path for batch in batches for item in batch] == [item.path for item in made]


def test_every_expected_page_is_generated(pages, ref):
    expected = {
        "projects/bang-khae-queue-lean/index.md",
        "projects/bang-khae-queue-online/index.md",
        "projects/phasi-charoen-queue/index.md",
        "projects/health-clinic-escape/index.md",
        "projects/thon-buri-archive-service/index.md",
        "lessons/queue-mapping-first/index.md",
        "lessons/index.md",
        "catalogue/index.md",
        "catalogue/data.js",
        "units/index.md",
        "catalogue/tools/lean/index.md",
        "catalogue/criteria/7/index.md",
        "catalogue/criteria/8/index.md",
        "catalogue/criteria/9/index.md",
        "catalogue/criteria/12/index.md",
        "catalogue/policy/management/index.md",
        "years/2561/index.md",
        "years/2567/index.md",
        "years/2568/index.md",
        "big-ideas/thonburi-south-queue/index.md",
        "awards/index.md",
        "coverage/index.md",
        "coverage/2561/index.md",
        "coverage/2567/index.md",
        "coverage/2568/index.md",
        "stats/index.md",
    }
    assert expected <= set(pages)
    assert {f"units/{u['id']}/index.md" for u in ref.units} <= set(pages)
    assert {f"groups/{g['id']}/index.md" for g in ref.groups} <= set(pages)
    assert {f"catalogue/tools/{t['id']}/index.md" for t in ref.tools} <= set(pages)
    assert len(pages) == len(set(pages))


def test_project_page_shows_kpis_with_achievement_lessons_and_links(pages):
    html = pages["projects/bang-khae-queue-lean/index.md"].html
    assert "เวลารอเฉลี่ย" in html and "ความพึงพอใจของผู้รับบริการ" in html
    assert "83.3%" in html  # waiting time 45 -> 20 against target 15, lower is better: 25/30
    assert "133.3%" in html  # satisfaction 70 -> 90 against 85: 20/15
    assert "45 นาที" in html and "ร้อยละ 90" in html  # values with their unit, the Thai way
    assert 'href="../../lessons/queue-mapping-first/"' in html
    assert 'href="../../units/district-bang-khae/"' in html
    assert 'href="../../units/ps-registration/"' in html  # partner
    assert 'href="../../catalogue/tools/lean/"' in html
    assert 'href="../../catalogue/policy/management/"' in html
    assert 'href="../../big-ideas/thonburi-south-queue/"' in html
    assert 'href="../../projects/bang-khae-queue-online/"' in html  # continued by
    assert "https://example.org/awards/2567" in html
    # reading order: problem, what was done, results, lessons
    order = [html.index(h) for h in ('id="problem"', 'id="done"', 'id="results"', 'id="lessons"')]
    assert order == sorted(order)


def test_continuation_and_archive_labels(pages):
    online = pages["projects/bang-khae-queue-online/index.md"].html
    assert "ต่อยอดจาก" in online and 'href="../../projects/bang-khae-queue-lean/"' in online
    archive = pages["projects/thon-buri-archive-service/index.md"].html
    assert "ระเบียนที่รวบรวมจากแหล่งข้อมูลสาธารณะ" in archive
    assert "ไม่ใช่ชื่อทางการ" in archive
    assert "https://example.org/archive/thon-buri-2561" in archive
    assert "ระเบียนที่รวบรวมจากแหล่งข้อมูลสาธารณะ" not in online


def test_lesson_page_links_projects_tools_and_criteria(pages):
    html = pages["lessons/queue-mapping-first/index.md"].html
    assert 'href="../../projects/bang-khae-queue-lean/"' in html
    assert 'href="../../projects/bang-khae-queue-online/"' in html
    assert 'href="../../catalogue/tools/lean/"' in html and 'href="../../guide/tools/lean/"' in html
    assert 'href="../../catalogue/criteria/12/"' in html
    assert "queue-mapping-first" in pages["lessons/index.md"].html


def test_a_lesson_page_reads_as_an_after_action_review_and_names_the_projects_that_reused_it(pages):
    html = pages["lessons/queue-mapping-first/index.md"].html
    review = [html.index(label) for label in ("สิ่งที่เกิดขึ้นจริง", "ครั้งหน้าควรทำอย่างไร")]
    assert review == sorted(review) and "เวลารอลดลงหลังตัดขั้นตอนที่ไม่จำเป็น" in html
    assert "โครงการที่นำบทเรียนนี้ไปใช้" in html and 'href="../../projects/phasi-charoen-queue/"' in html
    assert "bs-print-button" in html
    project = pages["projects/phasi-charoen-queue/index.md"].html
    assert "บทเรียนที่โครงการนี้นำมาใช้" in project and 'href="../../lessons/queue-mapping-first/"' in project


def test_the_lessons_index_can_be_filtered_by_tool_and_criterion(pages):
    html = pages["lessons/index.md"].html
    assert '<li data-tools="lean" data-criteria="1 12">' in html
    assert '<option value="lean">' in html
    assert '<option value="12">' in html and "assets/javascripts/lessons.js" in html


def test_fiscal_years_and_district_groups_have_index_pages(pages):
    years = pages["years/index.md"].html
    assert 'href="../years/2568/"' in years and 'href="../years/2567/"' in years and years.index("2568") < years.index("2567")
    groups = pages["groups/index.md"].html
    assert 'href="../groups/thonburi-south/"' in groups and "เขตบางแค" in groups


def test_contributor_text_is_escaped_and_never_rendered(pages):
    page = pages["projects/health-clinic-escape/index.md"]
    text = page.markdown()
    assert "<script>alert" not in text and "<img" not in text and "javascript:" not in text
    assert "onerror=" not in text.replace("onerror=alert(1)&gt;", "")  # only as escaped text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.html
    assert "{{ config.site_name }}" in page.html  # stays literal: no Jinja ran over it
    assert "{{ 7*7 }}" in page.html and "&lt;b&gt;ตัวหนา" in page.html
    front = text.split("---")[1]
    assert "<" not in front  # the title meta is escaped too (the theme prints it raw)
    for listing in ("catalogue/index.md", "years/2568/index.md", "units/health/index.md"):
        assert "<script>alert" not in pages[listing].html


def test_sanitizer_drops_scripts_handlers_javascript_urls_and_remote_images():
    html = markdown_to_html('<script>x()</script>\n\n<a href="javascript:y()" onclick="z()">a</a> ![i](http://h/x.png) **b**')
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html and "<img" not in html
    assert "<strong>b</strong>" in html


def test_compact_facet_data(content, ref):
    cat = Catalogue(content, ref)
    data = compact_data(cat)
    rows = {row[0]: row for row in data["r"]}
    assert set(rows) == {p.id for p in content.projects}
    lean = rows["bang-khae-queue-lean"]
    unit_ids = [u[0] for u in data["u"]]
    assert data["u"][lean[3]][0] == "district-bang-khae"
    assert data["ut"][data["u"][lean[3]][2]][0] == "district"
    assert data["g"][data["u"][lean[3]][3]][0] == "thonburi-south"
    assert lean[2] == 2567 and data["s"][lean[4]][0] == "evaluated"
    assert lean[5] & 1 and lean[5] & 2  # long-term, joint
    assert [data["t"][i][0] for i in lean[6]] == ["lean", "process-redesign"]
    assert [data["p"][i][0] for i in lean[7]] == ["management"]
    assert [data["a"][i][0] for i in lean[8]] == ["best_service_outstanding"]
    assert data["b"][lean[9]] == "thonburi-south-queue"
    assert [unit_ids[i] for i in lean[10]] == ["ps-registration"]
    assert rows["thon-buri-archive-service"][5] & 4 and rows["thon-buri-archive-service"][5] & 8
    assert rows["health-clinic-escape"][9] == -1
    kinds = dict(data["k"])
    assert data["k"][lean[11]][0] == "approved" and kinds["approved"] == "โครงการ Best Service ที่คณะกรรมการอนุมัติ"
    assert data["k"][rows["thon-buri-archive-service"][11]][1] == "โครงการ Best Service (จากแหล่งข้อมูลสาธารณะ)"
    assert data["y"] == [2568, 2567, 2561]


def test_compact_script_escapes_html_characters(content, ref):
    script = compact_script(Catalogue(content, ref))
    body = script.removeprefix("window.BS_CATALOGUE=").removesuffix(";\n")
    assert "<" not in script and ">" not in script and "&" not in script
    assert any("<script>" in row[1] for row in json.loads(body)["r"])


@pytest.mark.parametrize(
    ("kpi", "expected"),
    [
        ({"target": 100, "result": 80}, 80.0),
        ({"baseline": 45, "target": 15, "result": 20, "lower_is_better": True}, 83.3),
        ({"baseline": 70, "target": 85, "result": 90}, 133.3),
        ({"target": 10, "result": 20, "lower_is_better": True}, 50.0),
        ({"target": "1,000", "result": "500"}, 50.0),
        ({"target": "ครบทุกชุมชน", "result": "ครบ"}, None),
        ({"target": 10}, None),
        ({"target": 0, "result": 5}, None),
    ],
)
def test_kpi_achievement(kpi, expected):
    assert kpi_achievement(kpi) == expected


def test_project_achievement_prefers_evaluated_value_and_caps_kpis():
    assert project_achievement({"achievement_percent": 95}) == 95.0
    assert project_achievement({"kpis": [{"target": 10, "result": 20}, {"target": 10, "result": 5}]}) == 75.0
    assert project_achievement({"kpis": [{"target": "x"}]}) is None
    assert number(True) is None and number("80%") == 80.0


def test_coverage_lists_units_without_projects(content, ref, complete):
    cov = coverage(content, complete, 2568)
    missing = {u["id"] for u in cov.missing}
    assert "district-bang-khae" not in missing and "district-phasi-charoen" not in missing and "health" not in missing
    assert "district-bang-rak" in missing and "ps-registration" in missing  # a partner only is not covered
    assert cov.units_total == len(ref.units) and cov.covered_total == 3
    group = next(r for r in cov.by_group if r.id == "thonburi-south")
    assert len(group.covered) == 2 and len(group.units) == len(ref.districts_of("thonburi-south"))
    partial = coverage(content, ref, 2568)  # the repository's reference data declares no year complete
    assert not partial.complete and partial.missing == [] and partial.covered_total == 3


def test_unit_page_lists_projects_partnerships_and_lessons(pages):
    html = pages["units/district-bang-khae/index.md"].html
    assert "ปีงบประมาณ 2568" in html and "ปีงบประมาณ 2567" in html
    assert 'href="../../projects/bang-khae-queue-lean/"' in html
    assert 'href="../../lessons/queue-mapping-first/"' in html
    partner = pages["units/ps-registration/index.md"].html
    partnership = partner.split('id="partnerships"')[1]
    assert 'href="../../projects/bang-khae-queue-lean/"' in partnership


def test_coverage_page_and_stats(pages):
    html = pages["coverage/index.md"].html
    assert "ปีงบประมาณ 2568" in html and 'href="../units/district-bang-rak/"' in html
    assert 'href="../units/district-bang-khae/"' not in html.split('id="by-group"')[0]
    stats = pages["stats/index.md"].html
    assert stats.count("<svg") == 5 and "<title" in stats and "<desc" in stats and "<table" in stats
    assert "ระบุว่าเป็นโครงการระยะยาว 1 · โครงการร่วม 1" in stats and "%)" not in stats.split('id="year"')[0]


def test_awards_page_by_year_and_kind(pages):
    html = pages["awards/index.md"].html
    assert html.index("ปีงบประมาณ 2567") < html.index("ปีงบประมาณ 2561")
    assert "https://example.org/awards/2567" in html and "ไม่มีแหล่งอ้างอิง" in html


def test_catalogue_page_lists_projects_by_year_without_javascript(pages):
    html = pages["catalogue/index.md"].html
    assert 'id="bs-count"' in html and 'aria-live="polite"' in html
    assert html.index('id="fy-2568"') < html.index('id="fy-2567"') < html.index('id="fy-2561"')
    assert 'href="../projects/thon-buri-archive-service/"' in html
    assert '<script src="data.js"></script>' in html


def test_invalid_ids_get_no_page(tmp_path, ref):
    (tmp_path / "projects" / "2568").mkdir(parents=True)
    source = (FIXTURE / "projects" / "2568" / "phasi-charoen-queue.md").read_text(encoding="utf-8")
    (tmp_path / "projects" / "2568" / "evil.md").write_text(source.replace("id: phasi-charoen-queue", "id: ../../etc"), encoding="utf-8")
    pages = generate_pages(load_content(tmp_path / "projects", tmp_path / "lessons"), ref, today=TODAY, git=False)
    assert not any(".." in p.path for p in pages)


def test_coverage_cli_table_and_json(capsys, tmp_path):
    kb = knowledge_base_over(
        tmp_path / "kb", FIXTURE / "projects", FIXTURE / "lessons", reference=reference_with_complete_years(tmp_path / "ref", {2568: "ทดสอบ"})
    )
    args = ["coverage", "--fiscal-year", "2568", "--root", str(kb.parent)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "ปีงบประมาณ 2568" in out and "สำนักงานเขตบางรัก" in out and "กลุ่มเขตกรุงธนใต้" in out
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fiscal_year"] == 2568 and data["proposals_complete"] and "district-bang-rak" in data["missing"] and "district-bang-khae" not in data["missing"]


def test_coverage_cli_says_when_the_year_is_not_held(capsys):
    args = ["coverage", "--fiscal-year", "2568", "--projects", str(FIXTURE / "projects"), "--lessons", str(FIXTURE / "lessons")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "คลังความรู้ไม่มีรายการข้อเสนอโครงการครบของปีงบประมาณ 2568 จึงบอกไม่ได้ว่าหน่วยงานใดยังไม่เสนอ" in out
    assert "สำนักงานเขตบางรัก" not in out and "สำนักงานเขตบางแค (district-bang-khae): 1 ระเบียน" in out
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["proposals_complete"] is False and data["missing"] is None


def test_a_generated_page_gives_its_table_of_contents_without_markdown():
    """The hook skips Python-Markdown for generated pages, so their h2/h3 headings make the page's TOC."""

    page = Page("projects/x/index.md", "x", '<h1>x</h1><h2 id="results">ผล &amp; ตัวชี้วัด</h2><h3 id="kpi-1">เวลา <em>รอ</em></h3><h2 id="lessons">บทเรียน</h2>')
    tokens = page.toc_tokens()
    assert [(t["id"], t["name"]) for t in tokens] == [("results", "ผล &amp; ตัวชี้วัด"), ("lessons", "บทเรียน")]
    assert tokens[0]["children"][0]["id"] == "kpi-1" and tokens[0]["children"][0]["name"] == "เวลา รอ"
