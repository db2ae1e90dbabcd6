"""What the public sees counted and labelled (no MkDocs): tests/fixtures/holdings/ holds a record of
each kind gathered from public sources (Best Service with an award, Best Service without, a Lertrat
winner, a contest entry, a service innovation), an approved proposal, one waiting for a decision and
a rejected one. Fiscal year 2568 is declared complete (every proposal is held), 2563 is not."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from conftest import FIXTURES, REFERENCE_DIR, reference_with_complete_years

from bestservice.content import load_content
from bestservice.content.reference import load_reference
from bestservice.data.export import data_page, export_files
from bestservice.data.feeds import feed_files
from bestservice.pages import Page, generate_pages
from bestservice.search.index import index_of_pages

HOLDINGS = FIXTURES / "holdings"
TODAY = dt.date(2025, 3, 1)  # fiscal year 2568
TAGS = re.compile(r"<[^>]+>")
LISTED = {"city-law-outstanding", "queue-app-innovation", "canal-best-service", "healthy-space-lertrat", "soi-contest-entry", "elderly-visit-approved"}
NOT_LISTED = {"library-kiosk-waiting", "street-market-rejected"}


@pytest.fixture(scope="module")
def content():
    return load_content(HOLDINGS / "projects", HOLDINGS / "lessons")


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return load_reference(reference_with_complete_years(tmp_path_factory.mktemp("ref") / "reference", {2568: "ทุกหน่วยงานเสนอผ่านคลังความรู้นี้"}))


@pytest.fixture(scope="module")
def generated(content, reference):
    return {item.path: item for item in generate_pages(content, reference, today=TODAY, git=False)}


@pytest.fixture(scope="module")
def pages(generated):
    return {path: item for path, item in generated.items() if isinstance(item, Page)}


def text(pages, url: str) -> str:
    """The page's words, as a reader sees them (tags dropped, spaces collapsed)."""
    return " ".join(TAGS.sub(" ", pages[url + "index.md"].html).split())


def test_the_catalogue_counts_each_kind_apart_and_names_its_source(pages):
    words = text(pages, "catalogue/")
    assert "3 โครงการ Best Service เสนอผ่านคลังความรู้นี้และคณะกรรมการมีมติอนุมัติ 1 รวบรวมจากแหล่งข้อมูลสาธารณะ 2" in words
    assert (
        "3 ระเบียนอื่นจากแหล่งข้อมูลสาธารณะ ผลงานรางวัลเลิศรัฐ 1 โครงการประกวดหรือผลงานที่ส่งประกวด (ไม่มีข้อมูลว่าระเบียนนี้ได้รับรางวัล) 1 นวัตกรรมบริการของ กทม. (ไม่พบข้อมูลรางวัล) 1"
    ) in words
    assert "1 ข้อเสนอโครงการที่รอมติคณะกรรมการ (ไม่แสดงในรายการและไม่นับเป็นโครงการจนกว่าจะมีมติอนุมัติ)" in words
    assert "ทั้งหมด" not in words.split("เลือกตัวกรอง")[0]  # no single total over every kind


def test_partial_collections_say_what_they_hold(pages):
    words = text(pages, "catalogue/")
    assert "รายการนี้ครบแค่ไหน" in words
    assert "โครงการ Best Service จากแหล่งข้อมูลสาธารณะ: ระเบียนจากแหล่งข้อมูลสาธารณะเป็นโครงการที่ค้นพบในข่าวและในระบบติดตามตัวชี้วัดของกรุงเทพมหานคร" in words
    assert "ผลงานรางวัลเลิศรัฐ จากแหล่งข้อมูลสาธารณะ: ผลงานของหน่วยงานกรุงเทพมหานครที่ได้รับรางวัลซึ่งพบในข่าว ไม่ใช่รายชื่อครบทุกปี" in words


def test_each_listed_record_is_labelled_with_its_kind_and_proposals_are_on_no_list(pages):
    html = pages["catalogue/index.md"].html
    listed = set(re.findall(r'href="\.\./projects/([^/]+)/"', html))
    assert listed == LISTED
    words = text(pages, "catalogue/")
    assert "เยี่ยมบ้านผู้สูงอายุติดบ้าน เขตบางแค เขตบางแค · โครงการ Best Service ที่คณะกรรมการอนุมัติ" in words
    assert "โครงการอนุรักษ์คลองบางแค เขตบางแค · โครงการ Best Service · จากแหล่งข้อมูลสาธารณะ" in words
    assert "แอปพลิเคชันจองคิวงานทะเบียน สำนักยุทธศาสตร์และประเมินผล · นวัตกรรมบริการของ กทม. (ไม่พบข้อมูลรางวัล) · จากแหล่งข้อมูลสาธารณะ" in words
    assert "ผลงานที่ได้รับรางวัลอื่น" not in words  # the contest entry, which won nothing known, is not called a winner
    for url in ("units/district-bang-rak/", "units/district-sathon/", "years/2568/", "stats/", "awards/", "catalogue/policy/health/"):
        assert not NOT_LISTED & set(re.findall(r"projects/([^/]+)/", pages[url + "index.md"].html)), url


def test_the_catalogue_filters_by_kind(generated):
    data = json.loads(generated["catalogue/data.js"].content.removeprefix("window.BS_CATALOGUE=").removesuffix(";\n"))
    kinds = dict(data["k"])
    assert kinds["approved"] == "โครงการ Best Service ที่คณะกรรมการอนุมัติ"
    assert kinds["archive:best_service"] == "โครงการ Best Service (จากแหล่งข้อมูลสาธารณะ)"
    by_kind = {}
    for row in data["r"]:
        by_kind.setdefault(data["k"][row[11]][0], set()).add(row[0])
    assert by_kind == {
        "approved": {"elderly-visit-approved"},
        "archive:best_service": {"city-law-outstanding", "canal-best-service"},
        "archive:opdc_lertrat": {"healthy-space-lertrat"},
        "archive:contest": {"soi-contest-entry"},
        "archive:service_innovation": {"queue-app-innovation"},
    }


def test_a_proposal_keeps_its_page_and_says_it_is_a_proposal(pages):
    waiting, rejected = text(pages, "projects/library-kiosk-waiting/"), text(pages, "projects/street-market-rejected/")
    assert waiting.startswith("ตู้ยืมหนังสือในสวนสาธารณะ เขตบางรัก ข้อเสนอโครงการ: ยังไม่มีมติคณะกรรมการ")
    assert "ยังไม่ใช่โครงการให้บริการที่ดีที่สุด จึงไม่อยู่ในคลังโครงการ ผลการค้นหา สถิติ และรายการของหน่วยงาน จนกว่าจะมีมติอนุมัติ" in waiting
    assert "ข้อเสนอโครงการที่คณะกรรมการไม่อนุมัติ" in rejected
    assert "ข้อเสนอโครงการ" not in text(pages, "projects/elderly-visit-approved/").split("ปีงบประมาณ")[0]


def test_unit_and_year_pages_count_by_kind(pages):
    assert "เป็นเจ้าของในคลังความรู้: 0 โครงการ Best Service เสนอผ่านคลังความรู้นี้และคณะกรรมการมีมติอนุมัติ 0 รวบรวมจากแหล่งข้อมูลสาธารณะ 0" in text(
        pages, "units/district-bang-rak/"
    )
    bang_khae = text(pages, "units/district-bang-khae/")
    assert "2 โครงการ Best Service เสนอผ่านคลังความรู้นี้และคณะกรรมการมีมติอนุมัติ 1 รวบรวมจากแหล่งข้อมูลสาธารณะ 1" in bang_khae
    year = text(pages, "years/2563/")
    assert "1 โครงการ Best Service" in year and "2 ระเบียนอื่นจากแหล่งข้อมูลสาธารณะ ผลงานรางวัลเลิศรัฐ 1" in year
    assert "การเสนอโครงการในปีนี้ (คลังไม่มีรายการข้อเสนอครบ)" in year
    assert "หน่วยงานที่ยังไม่เสนอโครงการในปีนี้" in text(pages, "years/2568/")


def test_statistics_count_what_is_held_and_give_no_share_of_a_mixed_sample(pages):
    words = text(pages, "stats/")
    assert "ตัวเลขในหน้านี้นับจากรายการที่คลังความรู้มี ไม่ใช่ทุกโครงการของกรุงเทพมหานคร" in words
    assert "3 โครงการ Best Service" in words and "3 ระเบียนอื่นจากแหล่งข้อมูลสาธารณะ" in words
    assert "มีข้อมูลรางวัล 2 รายการ (ไม่แสดงเป็นร้อยละ" in words
    assert not re.search(r"\(\d+\.\d%\)", words)
    assert "2563 1 2" in words and "2568 1 0" in words  # per year: Best Service projects, other records


def test_awards_are_grouped_by_award_with_sources_and_known_winners_out_of_the_stated_number(pages):
    words = text(pages, "awards/")
    assert "รายชื่อนี้ไม่ครบ" in words
    best = words.split("รางวัลโครงการให้บริการที่ดีที่สุดที่มีความโดดเด่น (Best Service)")[1].split("รางวัลคุณภาพการให้บริการของกรุงเทพมหานคร")[0]
    assert "แหล่งข้อมูลของรางวัล: www.bangkok.go.th" in best
    assert "ปีงบประมาณ 2562 ผู้ได้รับรางวัลที่คลังมีข้อมูล 1 จาก 13 ราย ตามจำนวนที่แหล่งข้อมูลระบุ" in best
    lertrat = words.split("รางวัลเลิศรัฐ (สำนักงาน ก.พ.ร.)")[1]
    assert "ปีงบประมาณ 2566 ผู้ได้รับรางวัลที่คลังมีข้อมูล 0 จาก 2 ราย" in lertrat
    assert "ปีงบประมาณ 2563 ผู้ได้รับรางวัลที่คลังมีข้อมูล 1 ราย (ไม่ทราบจำนวนทั้งหมด)" in lertrat
    assert "แหล่งข้อมูลยืนยันว่ามีการมอบรางวัลนี้ แต่ไม่ได้ระบุจำนวนผู้ได้รับรางวัล คลังมีข้อมูล 0 ราย" in words  # BMA quality award 2565


def test_coverage_names_missing_units_only_for_a_complete_year(pages):
    partial = text(pages, "coverage/2563/")
    assert "ไม่มีรายการข้อเสนอโครงการครบของปีงบประมาณ 2563" in partial
    assert "จึงบอกไม่ได้ว่าหน่วยงานใดยังไม่เสนอ" in partial and "ยังไม่เสนอ 8" not in partial
    assert "คลังมีระเบียนโครงการ Best Service ของปีนี้จาก 1 หน่วยงาน: เขตบางแค" in partial  # not the innovation's, the Lertrat's or the contest's unit
    assert 'id="by-type"' not in pages["coverage/2563/index.md"].html
    complete = text(pages, "coverage/2568/")
    assert "คลังความรู้มีข้อเสนอโครงการครบทุกหน่วยงาน (ทุกหน่วยงานเสนอผ่านคลังความรู้นี้) เสนอแล้ว 3 จาก" in complete
    missing = pages["coverage/2568/index.md"].html.split('id="type-district"')[1].split("</ul>")[0]
    assert "สำนักงานเขตบางรัก" not in missing and "สำนักงานเขตสาทร" not in missing and "สำนักงานเขตพระนคร" in missing


def test_search_and_feeds_lead_to_projects_only(content, reference, pages):
    files, _ = index_of_pages(content, reference, "คลังความรู้", [[(p.url, p.title, p.html) for p in pages.values()]])
    indexed = {page[0] for path, data in files.items() if "/d/" in path for page in json.loads(data)["pages"].values()}
    assert {f"projects/{pid}/" for pid in LISTED} <= indexed
    assert not {f"projects/{pid}/" for pid in NOT_LISTED} & indexed
    feed = feed_files(content, reference, "คลังความรู้")["feed.xml"]
    assert "elderly-visit-approved" in feed and not any(pid in feed for pid in NOT_LISTED)


def test_the_open_data_says_what_its_count_counts(content, reference):
    projects = json.loads(export_files(content, reference)["projects.json"])
    assert projects["count"] == 8 and {item["id"] for item in projects["items"]} == LISTED | NOT_LISTED
    holds = projects["holds"]
    assert holds["best_service_projects"]["count"] == 3 and holds["other_public_records"]["count"] == 3
    assert holds["proposals_waiting_for_a_decision"] == 1 and holds["rejected_proposals"] == 1
    assert [(c["key"], c["count"]) for c in holds["best_service_projects"]["collections"]] == [("approved", 1), ("archive:best_service", 2)]
    page = data_page(content, load_reference(REFERENCE_DIR))
    assert "- ข้อเสนอโครงการที่รอมติคณะกรรมการ 1 · ข้อเสนอที่ไม่อนุมัติ 1 (ไม่นับเป็นโครงการ)" in page
