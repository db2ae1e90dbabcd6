"""projects.csv → `bestservice import` → projects.csv loses nothing: every field of every record comes back.

Run over the real projects/ and over a fixture that uses every field of the schema with values
that hold the cell format's own separators (`|`, `=`, quotes, line breaks), formula starts and
numbers written as text. Records are compared field by field, with their types.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REFERENCE, REFERENCE_DIR, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from bestservice.authoring.answers import AnswerError
from bestservice.cli import main
from bestservice.content import load_content
from bestservice.content.reference import load_reference
from bestservice.content.schema import load_schema
from bestservice.content.validate import validate
from bestservice.data import cells

EVERY_FIELD = FIXTURES / "roundtrip" / "projects"


def field_paths(schema: dict, prefix: tuple = ()) -> set[tuple]:
    """Every field of a schema; the fields of list items are named under their list."""
    paths = set()
    for name, node in schema.get("properties", {}).items():
        paths.add((*prefix, name))
        paths |= field_paths(node.get("items", node), (*prefix, name))
    return paths


def used_paths(value, prefix: tuple = ()) -> set[tuple]:
    if isinstance(value, list):
        return set().union(*(used_paths(item, prefix) for item in value)) if value else set()
    if isinstance(value, dict):
        return set().union(*({(*prefix, k)} | used_paths(v, (*prefix, k)) for k, v in value.items())) if value else set()
    return set()


def assert_same(original, imported, where: str) -> None:
    """Equal values of the same type, field by field; a failure names the field."""
    assert type(imported) is type(original), f"{where}: {original!r} came back as {imported!r}"
    if isinstance(original, dict):  # the order of fields is not data: files list them in the schema's order
        assert sorted(imported) == sorted(original), f"{where}: fields {list(original)} came back as {list(imported)}"
        for key in original:
            assert_same(original[key], imported[key], f"{where}.{key}")
    elif isinstance(original, list):
        assert len(imported) == len(original), f"{where}: {len(original)} items came back as {len(imported)}"
        for index, (a, b) in enumerate(zip(original, imported, strict=True)):
            assert_same(a, b, f"{where}[{index}]")
    else:
        assert imported == original, f"{where}: {original!r} came back as {imported!r}"


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def round_trip(projects: Path, tmp_path: Path, sheet: Path | None = None):
    """Export, import the CSV (or the given workbook) into an empty folder, export again (with the lessons beside
    the projects: a project names the lessons it reuses)."""
    lessons, imported = tmp_path / "lessons", tmp_path / "imported"
    if (projects.parent / "lessons").is_dir():
        shutil.copytree(projects.parent / "lessons", lessons)
    else:
        lessons.mkdir()
    imported.mkdir()
    assert main(["export", "--out", str(tmp_path / "first"), "--projects", str(projects), "--lessons", str(lessons)]) == 0
    assert main(["import", str(sheet or tmp_path / "first" / "projects.csv"), "--projects", str(imported), "--lessons", str(lessons)]) == 0
    assert main(["export", "--out", str(tmp_path / "second"), "--projects", str(imported), "--lessons", str(lessons)]) == 0
    return load_content(projects, lessons), load_content(imported, lessons)


def test_the_fixture_uses_every_field_of_the_schema():
    used = set().union(*(used_paths(doc.data) for doc in load_content(EVERY_FIELD, EVERY_FIELD / "none").projects))
    assert field_paths(load_schema("project")) - used == set()


@pytest.mark.parametrize("projects", [ROOT / "projects", EVERY_FIELD], ids=["projects", "every-field"])
def test_export_import_export_keeps_every_field(projects, tmp_path):
    original, imported = round_trip(projects, tmp_path)
    assert sorted(imported.project_by_id) == sorted(original.project_by_id)
    for doc in original.projects:
        assert_same(doc.data, imported.project_by_id[doc.id].data, doc.id)
    assert csv_rows(tmp_path / "second" / "projects.csv") == csv_rows(tmp_path / "first" / "projects.csv")
    assert validate(None, projects_dir=tmp_path / "imported", lessons_dir=tmp_path / "lessons", reference=REFERENCE).errors == []


def test_round_trip_through_an_excel_workbook(tmp_path):
    """As a person would: open projects.csv, save it as .xlsx (cells keep their line breaks), import."""
    (tmp_path / "export").mkdir()
    main(["export", "--out", str(tmp_path / "export"), "--projects", str(EVERY_FIELD), "--lessons", str(tmp_path / "export")])
    book = Workbook()
    for row in csv_rows(tmp_path / "export" / "projects.csv"):
        book.active.append(row)
    book.save(tmp_path / "projects.xlsx")
    original, imported = round_trip(EVERY_FIELD, tmp_path, sheet=tmp_path / "projects.xlsx")
    for doc in original.projects:
        assert_same(doc.data, imported.project_by_id[doc.id].data, doc.id)


def test_the_cells_a_person_reads(tmp_path):
    main(["export", "--out", str(tmp_path), "--projects", str(EVERY_FIELD), "--lessons", str(tmp_path)])
    header, *rows = csv_rows(tmp_path / "projects.csv")
    row = dict(zip(header, next(r for r in rows if r[0] == "bang-khae-queue-plus-2567"), strict=True))
    assert row["ความคืบหน้า (progress)"] == '2024-03-01 = 50 | note: "เปิดระบบ | แขวงแรก"\n2024-09-01 = 100'
    assert row["รางวัล (awards)"].splitlines()[0] == (
        "best_service_outstanding = รางวัลโดดเด่น = ชนะเลิศ | fiscal_year: 2567 | date: 2024-09-20 | source: https://example.org/award?id=1&x=2"
    )
    assert row["ตัวชี้วัด (ผลผลิตและผลลัพธ์) (kpis)"].splitlines()[1] == '"note: ความพึงพอใจ" = "85" | type: outcome | unit: ร้อยละ | baseline: ไม่มีข้อมูล | result: 88'
    assert row["ภาคีภายนอก (other_partners)"].startswith("'=1+1")  # the formula guard
    assert row["ส่วนราชการย่อยที่รับผิดชอบ (unit_detail)"] == "''ฝ่ายทะเบียน"  # an apostrophe of the text itself survives the guard


HEADER = "id,ชื่อโครงการ,หน่วยงาน,ปีงบประมาณ,สรุป,แหล่งข้อมูล,{column}\n"
ROW = 'cell-test-2567,ทดสอบ,district-bang-khae,2567,สรุป,https://example.org/x,"{cell}"\n'


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("ตัวชี้วัด", "เวลารอ = 15 | baselin: 30", "ไม่รู้จักฟิลด์ย่อย 'baselin' — คุณหมายถึง baseline หรือไม่?"),
        ("รางวัล", "best_service_outstanding = ชนะเลิศ\nother = ชมเชย | date: 31/11/2567", "บรรทัดที่ 2 ของช่อง: date: ไม่มีวันที่ 31 ในพฤศจิกายน 2567"),
        ("progress", "2024-03-01 = ครึ่งทาง", "percent: ค่า 'ครึ่งทาง' ต้องเป็นตัวเลข"),
        ("progress", "2024-03-01 = 50\n2024-06-01 = 150", "บรรทัดที่ 2 ของช่อง (progress[1].percent): ค่า 150 อยู่นอกช่วงที่รับได้"),
        ("partners", "district-phasi-charoen = ประชาสัมพันธ์\nเขตภาษีเจริญญ = แจกแผ่นพับ", "บรรทัดที่ 2 ของช่อง: unit: ไม่พบหน่วยงาน 'เขตภาษีเจริญญ'"),
        ("partners", "district-phasi-charoen = ก | unit: health", "ฟิลด์ย่อย unit ซ้ำในรายการเดียวกัน"),
    ],
)
def test_a_malformed_cell_is_located_by_row_column_and_line(tmp_path, capsys, column, cell, message):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(HEADER.format(column=column) + ROW.format(cell=cell), encoding="utf-8")
    (tmp_path / "p").mkdir()
    assert main(["import", str(sheet), "--projects", str(tmp_path / "p"), "--lessons", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"แถว 2: คอลัมน์ '{column}': {message}" in err, err
    assert "Traceback" not in err and not list((tmp_path / "p").rglob("*.md"))


def test_older_single_line_cells_still_import(tmp_path):
    """Exports before the one-entry-per-line format put entries on one line, joined with ` | `."""
    reference = load_reference(REFERENCE_DIR)
    assert cells.read_cell(("kpis",), "เวลารอ (นาที) = 15 | ความพึงพอใจ = 85.5", {}, reference) == [
        {"name": "เวลารอ (นาที)", "target": 15},
        {"name": "ความพึงพอใจ", "target": 85.5},
    ]
    assert cells.read_cell(("awards",), "รางวัลชมเชย", {}, reference) == [{"kind": "other", "name": "รางวัลชมเชย"}]
    assert cells.read_cell(("recipients", "primary"), "ประชาชน | ผู้สูงอายุ", {}, reference) == ["ประชาชน", "ผู้สูงอายุ"]
    with pytest.raises(AnswerError, match="ต้องเป็นจำนวนเต็ม"):
        cells.read_cell(("yearly_targets",), "ปีหน้า = ขยายผล", {}, reference)


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
KPI = st.fixed_dictionaries(
    {"name": TEXT, "target": st.one_of(TEXT, st.integers(), st.floats(allow_nan=False, allow_infinity=False))},
    optional={"unit": TEXT, "result": st.one_of(TEXT, st.integers()), "lower_is_better": st.booleans(), "type": st.sampled_from(["output", "outcome"])},
)


@settings(max_examples=150, deadline=None)
@given(kpis=st.lists(KPI, min_size=1, max_size=3), objectives=st.lists(TEXT, min_size=1, max_size=3), problem=TEXT)
def test_any_text_reads_back_the_same(kpis, objectives, problem):
    reference = load_reference(REFERENCE_DIR)
    data = {"kpis": kpis, "objectives": objectives, "problem": problem}
    for path in [("kpis",), ("objectives",), ("problem",)]:
        text = cells.write_cell(data, path, reference)
        assert_same(data[path[0]], cells.read_cell(path, text, data, reference), path[0])
