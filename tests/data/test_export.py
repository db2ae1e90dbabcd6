"""Open data: every export validates against its published schema; CSV is Excel-safe; the site has them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, REFERENCE_DIR, build_site
from jsonschema import Draft202012Validator, FormatChecker

from bestservice.cli import main
from bestservice.content import load_content
from bestservice.content.reference import load_reference
from bestservice.content.schema import load_schema
from bestservice.content.validate import validate
from bestservice.data import export

FIXTURES = FIXTURES / "authoring"
PROJECTS, LESSONS = FIXTURES / "projects", FIXTURES / "lessons"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    assert main(["export", "--out", str(out), "--projects", str(PROJECTS), "--lessons", str(LESSONS)]) == 0
    return out


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to show Thai"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("kind", ["project", "lesson"])
def test_every_item_validates_against_the_published_schema(exported, kind):
    schema = json.loads((exported / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    data = json.loads((exported / f"{kind}s.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == load_schema(kind)["x-schema-version"] and data["generated"] and data["count"] == len(data["items"]) > 0
    for item in data["items"]:
        errors = [e.message for e in validator.iter_errors(item)]
        assert not errors, (item["id"], errors)


def test_published_schema_has_the_reference_pick_lists(exported):
    schema = json.loads((exported / "project.schema.json").read_text(encoding="utf-8"))
    assert "district-bang-khae" in schema["properties"]["unit"]["enum"]
    assert "lean" in schema["properties"]["tools"]["items"]["enum"]
    # and an unknown unit is refused by the published schema
    item = json.loads((exported / "projects.json").read_text(encoding="utf-8"))["items"][0]
    assert list(Draft202012Validator(schema).iter_errors({**item, "unit": "district-nowhere"}))


def test_csv_rows_lists_and_formula_guard(exported):
    rows = {row["รหัสโครงการ (id)"]: row for row in read_csv(exported / "projects.csv")}
    assert set(rows) == {"queue-online-2568", "green-market-2567"}
    row = rows["queue-online-2568"]
    # one item, or one entry, per line of the cell
    assert row["ผู้รับบริการหลัก (recipients.primary)"] == "ประชาชนที่มาติดต่องานทะเบียน\nผู้สูงอายุ"
    assert row["เครื่องมือการบริหารที่ใช้ (tools)"] == "lean\ne-service"
    assert row["ตัวชี้วัด (ผลผลิตและผลลัพธ์) (kpis)"] == "ระยะเวลารอคอย (นาที) = 15\nความพึงพอใจ (ร้อยละ) = 85.5"
    assert row["ความคืบหน้า (progress)"] == "2025-03-01 = 50"
    assert row["หน่วยงานร่วม (เกณฑ์ข้อ 7) (partners)"] == "district-phasi-charoen = ร่วมประชาสัมพันธ์"
    assert rows["green-market-2567"]["รางวัล (awards)"] == "best_service_outstanding = รางวัลโดดเด่น 2567 | date: 2024-09-20"
    # a one-value text cell is never split, so it keeps a | as typed
    assert row["วิธีดำเนินการ (activities)"] == "'+เปิดระบบจองคิวผ่าน LINE | และหน้าเว็บ"
    assert row["ชื่อหน่วยงาน (unit_name)"] == "สำนักงานเขตบางแค"
    for header, value in row.items():
        assert not value.startswith(("=", "+", "-", "@")), (header, value)
    assert row["สรุปโครงการ (summary)"].startswith("'=HYPERLINK")
    assert row["สภาพปัญหา (เกณฑ์ข้อ 1) (problem)"] == "'-ผู้รับบริการรอคิวนานในช่วงเช้า"


def test_data_page_table_comes_from_the_schema():
    page = export.data_page(load_content(PROJECTS, LESSONS), load_reference(REFERENCE_DIR))
    assert "| `kpis[].target` | ค่าเป้าหมาย |" in page
    assert "| `recipients.primary` | ผู้รับบริการหลัก | array of string |" in page
    assert "ต้องมีใน proposal" in page and "[projects.csv](projects.csv)" in page
    # the cell format of projects.csv, one example line per list of entries, from the schema
    assert "## รูปแบบช่องใน projects.csv {#projects-csv}" in page
    assert "(progress): `วันที่ = ร้อยละความคืบหน้า | note: บันทึก`" in page
    assert "| fiscal_year: ปีงบประมาณของรางวัล | date: วันที่รับรางวัล | source: แหล่งอ้างอิง`" in page


def test_site_build_publishes_the_data(built_site):
    data = built_site / "data"
    for name in ("projects.json", "lessons.json", "projects.csv", "project.schema.json", "lesson.schema.json", "index.html"):
        assert (data / name).is_file(), name
    items = json.loads((data / "projects.json").read_text(encoding="utf-8"))["items"]
    schema = json.loads((data / "project.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    assert items and all(not list(validator.iter_errors(item)) for item in items)
    page = (data / "index.html").read_text(encoding="utf-8")
    assert "ข้อมูลเปิด" in page and 'href="projects.json"' in page
    assert 'type="application/atom+xml"' in page


def test_an_earlier_export_is_replaced_only_with_force_and_a_planted_link_leads_nowhere(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".projects.json.tmp").symlink_to(tmp_path / "victim")  # the temporary name the export used to write through
    command = ["export", "--out", str(out), "--projects", str(PROJECTS), "--lessons", str(LESSONS)]
    assert main(command) == 0
    assert not (tmp_path / "victim").exists()
    exported = (out / "projects.json").read_bytes()
    (out / "projects.json").write_text("แก้ด้วยมือ", encoding="utf-8")
    capsys.readouterr()
    assert main(command) == 1
    assert f"{out / 'projects.json'}:1: file: มีไฟล์นี้อยู่แล้ว จะไม่เขียนทับ (file) — ใช้ชื่อหรือโฟลเดอร์อื่น หรือเพิ่ม --force เพื่อเขียนทับ" in capsys.readouterr().err
    assert (out / "projects.json").read_text(encoding="utf-8") == "แก้ด้วยมือ"
    assert main([*command, "--force"]) == 0
    replaced = json.loads((out / "projects.json").read_text(encoding="utf-8"))
    assert replaced | {"generated": ""} == json.loads(exported) | {"generated": ""}, "--force writes the export again (its time may differ)"


def test_an_export_is_never_written_through_a_folder_that_is_a_link(tmp_path, capsys):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert main(["export", "--out", str(tmp_path / "out"), "--projects", str(PROJECTS), "--lessons", str(LESSONS)]) == 1
    assert "โฟลเดอร์ปลายทางเป็นลิงก์ (symlink)" in capsys.readouterr().err
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_proposal_written_with_be_dates_and_thai_digits_validates_builds_and_exports_iso_dates(tmp_path):
    """fiscal_year: ๒๕๖๘, start: 1 ต.ค. ๒๕๖๗, end: 30/09/2568, a KPI baseline "๔๕": the file stays as written,
    everything made from it holds ISO dates of the Common Era and numbers."""
    projects = Path(__file__).parent.parent / "fixtures" / "schema" / "thai-digits-and-be-dates" / "projects"
    (tmp_path / "lessons").mkdir()
    report = validate(None, projects_dir=projects, lessons_dir=tmp_path / "lessons", reference=load_reference(REFERENCE_DIR))
    assert report.errors == []
    out = tmp_path / "export"
    assert main(["export", "--out", str(out), "--projects", str(projects), "--lessons", str(tmp_path / "lessons")]) == 0
    (project,) = json.loads((out / "projects.json").read_text(encoding="utf-8"))["items"]
    assert project["fiscal_year"] == 2568 and project["timeline"] == {"start": "2024-10-01", "end": "2025-09-30"}
    assert project["kpis"][0]["baseline"] == 45
    (row,) = read_csv(out / "projects.csv")
    assert "2024-10-01" in row.values() and "1 ต.ค. ๒๕๖๗" not in row.values()
    site = build_site(tmp_path / "site", projects=projects, lessons=tmp_path / "lessons")
    page = (site / "projects" / "khlong-toei-queue-online" / "index.html").read_text(encoding="utf-8")
    assert "1 ตุลาคม 2567 ถึง 30 กันยายน 2568" in page and ">2568</a>" in page
