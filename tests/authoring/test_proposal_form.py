"""The proposal form's data: every field of its layout is in the schema; Big Ideas come from the catalogue."""

from __future__ import annotations

from conftest import FIXTURES, REFERENCE_DIR, ROOT

from bestservice.authoring.form import LAYOUT, form_data
from bestservice.content import load_content
from bestservice.content.load import REFUSED, REFUSED_CHARACTERS
from bestservice.content.reference import load_reference
from bestservice.content.schema import property_schema

VALID = FIXTURES / "valid"


def test_layout_fields_are_schema_fields_and_cover_partners_big_idea_and_links():
    paths = [path for _, fields in LAYOUT for path in fields]
    assert all(property_schema("project", tuple(path.split("."))).get("title") for path in paths), paths
    assert {"partners", "other_partners", "big_idea", "continues", "whats_new", "extends"} <= set(paths)


def test_big_ideas_and_district_groups_for_the_browser_checks():
    data = form_data(load_content(VALID / "projects", VALID / "lessons"), load_reference(REFERENCE_DIR))
    assert data["big_ideas"] == [{"key": "south-clean-canal", "group": "south", "group_name": "กลุ่มเขตกรุงเทพใต้", "count": 2}]
    units = {u["id"]: u for group in data["unit_groups"] for u in group["units"]}
    assert units["district-bang-rak"]["group"] == "south" and "group" not in units["health"]
    assert data["district_groups"]["south"] == "กลุ่มเขตกรุงเทพใต้"


def test_the_form_refuses_the_characters_validate_refuses_from_validate_s_own_list():
    data = form_data(load_content(VALID / "projects", VALID / "lessons"), load_reference(REFERENCE_DIR))
    assert data["refused_characters"] == [list(pair) for pair in REFUSED_CHARACTERS]
    assert all(REFUSED.fullmatch(chr(low)) and REFUSED.fullmatch(chr(high)) for low, high in REFUSED_CHARACTERS)
    assert [0xFFFE, 0xFFFF] in data["refused_characters"] and not REFUSED.search("\t\nคลองสวย ๆ")
    script = (ROOT / "docs" / "assets" / "javascripts" / "propose.js").read_text(encoding="utf-8").lower()
    assert "fffe" not in script and "d.refused_characters" in script, "the form reads the list from the data Python writes"
