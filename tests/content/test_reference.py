"""The reference data matches the programme guide and the researched sources it cites."""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter

import pytest
from conftest import FIXTURES, REFERENCE_DIR

from bestservice.cli import main
from bestservice.content.problems import ContentError
from bestservice.content.reference import Reference, load_reference, reference_problems
from bestservice.kb import DEFAULTS_DIR

REFERENCE = load_reference(REFERENCE_DIR)
SOURCE_ID = re.compile(r"S-[A-Z0-9]+(?:-[A-Z0-9]+)*[a-z]?")


def test_fifty_districts_each_in_one_of_six_groups():
    districts = [unit for unit in REFERENCE.units if unit["type"] == "district"]
    assert len(districts) == 50
    assert len(REFERENCE.groups) == 6
    assert all(unit["group"] in REFERENCE.group_by_id for unit in districts)
    assert sorted(int(unit["geocode"]) for unit in districts) == list(range(1001, 1051))


def test_group_sizes_are_9_10_7_9_8_7():
    sizes = Counter(unit["group"] for unit in REFERENCE.units if unit["type"] == "district")
    assert [sizes[group["id"]] for group in REFERENCE.groups] == [9, 10, 7, 9, 8, 7]
    assert [len(REFERENCE.districts_of(group["id"])) for group in REFERENCE.groups] == [9, 10, 7, 9, 8, 7]


def test_only_districts_belong_to_a_group():
    assert all(("group" in unit) == (unit["type"] == "district") for unit in REFERENCE.units)


def test_unit_ids_are_unique_and_types_are_known():
    assert len(REFERENCE.unit_by_id) == len(REFERENCE.units)
    assert {unit["type"] for unit in REFERENCE.units} <= set(REFERENCE.unit_type_by_id)


def test_agency_codes_are_eight_digit_text():
    """Unquoted in YAML, 08000000 would be a number or an octal: it must stay text."""
    codes = [unit["bma_agency_code"] for unit in REFERENCE.units if "bma_agency_code" in unit]
    assert all(isinstance(code, str) and re.fullmatch(r"\d{8}", code) for code in codes)
    assert len(set(codes)) == len(codes)


def test_every_unit_and_group_names_its_sources_and_every_cited_source_exists():
    for item in REFERENCE.units + REFERENCE.groups + REFERENCE.policy_sets:
        cited = SOURCE_ID.findall(str(item.get("source", "")))
        assert cited, f"{item['id']} has no source"
        assert set(cited) <= set(REFERENCE.sources), f"{item['id']} cites unknown sources {set(cited) - set(REFERENCE.sources)}"


def test_every_source_says_where_it_is():
    assert all(source.get("urls") or source.get("where") for source in REFERENCE.sources.values())


def test_twelve_criteria_numbered_1_to_12_with_10_to_12_as_exclusions():
    assert [c["number"] for c in REFERENCE.criteria] == list(range(1, 13))
    assert [c["number"] for c in REFERENCE.criteria if c["exclusion"]] == [10, 11, 12]
    assert REFERENCE.criterion_by_number[7]["id"]


def test_twelve_tools_with_unique_ids_in_guide_order():
    assert [tool["number"] for tool in REFERENCE.tools] == list(range(1, 13))
    assert len(REFERENCE.tool_by_id) == 12


def test_policy_sets_do_not_overlap_in_fiscal_years():
    spans = sorted((s["fiscal_years"]["from"], s["fiscal_years"]["to"] or 9999) for s in REFERENCE.policy_sets)
    assert all(earlier_to < later_from for (_, earlier_to), (later_from, _) in zip(spans, spans[1:], strict=False))
    assert REFERENCE.policy_set_for(2564)["id"] != REFERENCE.policy_set_for(2565)["id"]
    assert REFERENCE.policy_set_for(2559) is None


def test_policy_dimension_ids_are_unique_across_sets():
    dimensions = [d["id"] for s in REFERENCE.policy_sets for d in s["dimensions"]]
    assert len(dimensions) == len(set(dimensions)) == len(REFERENCE.dimension_by_id)


def test_award_kinds_and_record_kinds_are_distinct_ids():
    assert len({k["id"] for k in REFERENCE.award_kinds}) == len(REFERENCE.award_kinds)
    assert {"best_service", "service_innovation"} <= {k["id"] for k in REFERENCE.record_kinds}


def test_a_reference_file_that_is_not_a_regular_file_is_a_located_error_not_a_wait(tmp_path):
    shutil.copytree(REFERENCE_DIR, tmp_path / "reference")
    (tmp_path / "reference" / "units.yaml").unlink()
    os.mkfifo(tmp_path / "reference" / "units.yaml")
    with pytest.raises(ContentError) as caught:
        assert Reference(tmp_path / "reference").units is None
    assert caught.value.problems[0].message == "ไม่ใช่ไฟล์ข้อความธรรมดา แต่เป็นท่อส่งข้อมูล (FIFO)"


WRONG_SHAPES = [
    ("units.yaml", "unit_types: []\ngroups: []\n", "ขาดฟิลด์ units"),
    ("units.yaml", "unit_types: []\ngroups: []\nunits: abc\n", "ต้องเป็นรายการ"),
    ("units.yaml", "unit_types: []\ngroups: []\nunits:\n  - name_th: เขตที่ไม่มีรหัส\n    type: district\n", "ขาดฟิลด์ id"),
    ("holdings.yaml", "complete_fiscal_years: abc\n", "ต้องเป็นรายการ"),
    ("holdings.yaml", "complete_fiscal_years: [1]\n", "ต้องเป็นชุดฟิลด์ย่อย"),
    ("similar.yaml", "stop_words: 5\n", "ต้องเป็นรายการ"),
    ("synonyms.yaml", "groups: [[1, 2]]\n", "ต้องเป็นชุดฟิลด์ย่อย"),
    ("service_center.yaml", "centres: 7\n", "ต้องเป็นรายการ"),
    ("policies.yaml", "policy_sets:\n  - id: x\n    fiscal_years: {from: abc, to: null}\n    dimensions: []\n", "ต้องเป็นจำนวนเต็ม"),
]


@pytest.mark.parametrize(("name", "text", "says"), WRONG_SHAPES, ids=[f"{name}:{says}" for name, _, says in WRONG_SHAPES])
def test_a_reference_file_of_the_wrong_shape_is_a_located_problem(tmp_path, name, text, says):
    """Its syntax was checked, its shape was not: a KeyError or TypeError stopped the command as an internal error."""
    shutil.copytree(REFERENCE_DIR, tmp_path / "reference")
    (tmp_path / "reference" / name).write_text(text, encoding="utf-8")
    (problem,) = reference_problems(load_reference(tmp_path / "reference"))
    assert problem.path.endswith(f"reference/{name}") and problem.line >= 1
    assert "ข้อมูลอ้างอิงผิดรูปแบบ" in problem.message and says in problem.message, problem.message


def test_the_shipped_reference_data_has_the_shape_the_program_reads():
    for folder in (REFERENCE_DIR, DEFAULTS_DIR / "reference"):
        assert reference_problems(load_reference(folder)) == [], f"{folder}: update reference.schema.json or the data"


@pytest.mark.parametrize("command", [["validate"], ["similar", "--title", "ขยะอันตราย"], ["coverage"], ["screening"]])
def test_commands_say_what_is_wrong_with_a_reference_file_instead_of_stopping(tmp_path, command, capsys):
    assert main(["init", str(tmp_path / "kb")]) == 0
    (tmp_path / "kb" / "projects" / "2568").mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "valid" / "projects" / "2568" / "khlong-toei-queue-online.md", tmp_path / "kb" / "projects" / "2568")
    (tmp_path / "kb" / "reference" / "units.yaml").write_text("unit_types: []\ngroups: []\nunits: abc\n", encoding="utf-8")
    capsys.readouterr()
    assert main([*command, "--root", str(tmp_path / "kb")]) == 1
    err = capsys.readouterr().err
    assert "units.yaml:3: units: ข้อมูลอ้างอิงผิดรูปแบบ" in err and "Traceback" not in err and "internal error" not in err, err
