"""The guide's data (reference/guide.yaml, criteria.yaml, tools.yaml) and the core logic its pages use."""

from __future__ import annotations

import re

import pytest
from conftest import REFERENCE_DIR, ROOT

from bestservice import urls
from bestservice.content import rules
from bestservice.content.reference import load_reference
from bestservice.pages.guide import TermLink, link_terms, load_guide, term_links
from bestservice.similar.rule import SIMILAR_RULES

REF = load_reference(REFERENCE_DIR)
GUIDE = load_guide(REF)


# --- the lists have the guide's counts ------------------------------------------------------------


def test_the_guide_has_12_criteria_with_10_to_12_as_exclusions():
    assert [c["number"] for c in REF.criteria] == list(range(1, 13))
    assert [c["number"] for c in REF.criteria if c["exclusion"]] == [10, 11, 12]
    for c in REF.criteria:
        assert c["meaning_th"] and c["pass_example_th"] and c["fail_example_th"], c["number"]


def test_the_guide_has_12_tools_each_with_a_page_text():
    assert len(REF.tools) == 12
    for tool in REF.tools:
        assert tool["what_th"] and tool["suits_th"] and tool["example_th"]
        assert len(tool["when_th"]) >= 2 and len(tool["start_th"]) >= 3
        assert tool["effort"] in ("low", "medium", "high")


def test_the_process_has_8_5_and_5_steps():
    assert [len(stage["steps"]) for stage in GUIDE.stages] == [8, 5, 5]
    assert [stage["number"] for stage in GUIDE.stages] == [1, 2, 3]
    for stage in GUIDE.stages:
        for step in stage["steps"]:
            assert step["title_th"] and step["produce_th"]


def test_skills_cautions_practices_and_references_have_the_guides_counts():
    assert len(GUIDE.skills["owners"]["items"]) == 7
    assert len(GUIDE.skills["advisers"]["items"]) == 12
    assert len(GUIDE.cautions["units"]["items"]) == 4
    assert len(GUIDE.cautions["office"]["items"]) == 6
    assert len(GUIDE.best_practices["items"]) == 3
    assert len(GUIDE.references) == 3
    assert len(GUIDE.programme["objectives"]) == 3


def test_glossary_has_the_six_terms_with_unique_anchors():
    ids = [term["id"] for term in GUIDE.glossary]
    assert ids == ["best-service-project", "primary-recipient", "secondary-recipient", "problem", "potential-analysis", "gap-analysis"]
    anchors = [GUIDE.term_anchor(i) for i in ids]
    assert len(set(anchors)) == len(anchors)
    assert GUIDE.term_url("primary-recipient") == "guide/glossary/#term-primary-recipient"
    for term in GUIDE.glossary:
        assert term["term_th"] in term["forms"]


def test_every_cross_reference_in_the_guide_data_points_somewhere():
    assert GUIDE.problems() == []


def test_cross_reference_check_catches_a_wrong_field_tool_and_rule(tmp_path):
    # A copy of the reference data with three mistakes: the checker must name each.
    for path in (ROOT / "reference").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "guide.yaml":
            text = text.replace(
                "fields: [needs_survey]\n        tools: [customer-driven, marketing-strategy]",
                "fields: [needs_surveys]\n        tools: [customer-driven, marketing]",
            )
        if path.name == "criteria.yaml":
            text = text.replace("rules: [policy_dimensions_apply_to_the_fiscal_year]", "rules: [policy_is_valid]")
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    broken = load_guide(load_reference(tmp_path))
    problems = broken.problems()
    assert "stage 1 step 3: unknown project field needs_surveys" in problems
    assert "stage 1 step 3: unknown tool marketing" in problems
    assert "criterion 2: unknown rule policy_is_valid" in problems


def test_every_validation_rule_a_criterion_names_is_a_real_project_rule_with_a_thai_text():
    names = {rule.__name__ for rule in [*rules.PROJECT_RULES, *SIMILAR_RULES]}
    for c in REF.criteria:
        for name in c["rules"]:
            assert name in names and name in REF.rule_texts
        if "rule" in c["checked_by"]:
            assert c["rules"], f"criterion {c['number']} says it is checked by a rule but names none"
        if c["rules"]:
            assert "rule" in c["checked_by"], f"criterion {c['number']} names rules: add `rule` to its checked_by so the page shows them"


def test_every_validation_rule_says_what_it_checks_in_thai_for_the_editors_page():
    for rule in [*rules.PROJECT_RULES, *rules.LESSON_RULES, *SIMILAR_RULES]:
        assert REF.rule_texts.get(rule.__name__), f"rule {rule.__name__} has no Thai text: add it under rule_texts_th in reference/criteria.yaml"


# --- how each criterion is checked --------------------------------------------------------------


def test_criterion_checks_say_which_required_fields_rules_and_declarations_apply():
    checks = {c.kind: c for c in GUIDE.criterion_checks(REF.criterion_by_number[1])}
    assert set(checks) == {"fields"}
    assert set(checks["fields"].items) == {"recipients", "problem", "root_cause", "needs_survey"}
    checks = {c.kind: c for c in GUIDE.criterion_checks(REF.criterion_by_number[5])}
    assert checks["fields"].items == ("kpis",) and checks["fields"].optional == ("budget",)
    checks = {c.kind: c for c in GUIDE.criterion_checks(REF.criterion_by_number[6])}
    assert checks["fields"].items == () and set(checks["fields"].optional) == {"potential_analysis", "gap_analysis", "risks"}
    checks = {c.kind: c for c in GUIDE.criterion_checks(REF.criterion_by_number[8])}
    assert checks["rule"].items == ("big_idea_units_are_districts_of_one_group",)
    checks = {c.kind: c for c in GUIDE.criterion_checks(REF.criterion_by_number[11])}
    assert checks["declaration"].items == ("declarations.not_service_center",)
    assert checks["rule"].items == ("may_be_a_service_centre_service",)


def test_proposal_required_fields_come_from_the_schema():
    required = GUIDE.proposal_required_fields
    assert {"recipients", "problem", "kpis", "declarations", "declarations.not_ordered"} <= required
    assert "budget" not in required  # optional in the schema, so the criteria page must not call it required


def test_field_titles_are_the_schemas_thai_labels():
    assert GUIDE.field_title("recipients.primary") == "ผู้รับบริการหลัก"
    assert GUIDE.field_title("needs_survey") == "การสำรวจความต้องการ"
    assert GUIDE.field_schema("no_such_field") is None


def test_unit_counts_compare_the_guide_with_the_named_units():
    rows = {row["id"]: row for row in GUIDE.unit_counts()}
    assert (rows["department"]["expected"], rows["district"]["expected"], rows["ps_office"]["expected"]) == (18, 50, 9)
    assert rows["district"]["known"] == 50
    for row in rows.values():
        assert row["known"] == sum(1 for unit in REF.units if unit["type"] == row["id"])
        if row["known"] != row["expected"]:
            assert row["note_th"], f"{row['id']}: the count differs from the guide, so the page needs a note"


# --- relative links -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        (urls.tool_projects("lean"), "guide/tools/lean/", "../../../catalogue/tools/lean/"),
        ("guide/glossary/#term-problem", "guide/glossary/", "../../guide/glossary/#term-problem"),
        ("guide/glossary/#term-problem", "", "guide/glossary/#term-problem"),
        (urls.check(), "guide/criteria/", "../../check/"),
        (urls.guide_criterion(3), "guide/tools/tqm/", "../../../guide/criteria/#criterion-3"),
        ("", "projects/x/", "../../"),
        ("", "", "./"),
        (urls.unit("x") + "feed.xml", "units/x/", "../../units/x/feed.xml"),
    ],
)
def test_relative_links_work_wherever_the_site_is_served(target, page, expected):
    """One way of linking for every page (generated and guide): up to the site's root, then down."""
    assert urls.relative(target, page) == expected


# --- linking glossary terms -----------------------------------------------------------------------

LINKS = [TermLink("ผู้รับบริการหลัก", "../glossary/#term-primary-recipient", "hint"), TermLink("สภาพปัญหา", "../glossary/#term-problem", "hint")]


def linked(markdown: str) -> list[str]:
    return re.findall(r'<a class="bs-term" href="([^"]+)"', link_terms(markdown, LINKS))


def test_every_mention_in_running_text_is_linked():
    text = "ระบุสภาพปัญหาของผู้รับบริการหลัก และสภาพปัญหาอื่น"
    assert linked(text) == ["../glossary/#term-problem", "../glossary/#term-primary-recipient", "../glossary/#term-problem"]


def test_mentions_in_tables_and_list_items_are_linked():
    assert len(linked("| สภาพปัญหา | ผู้รับบริการหลัก |\n|---|---|\n- [ ] สภาพปัญหา")) == 3


@pytest.mark.parametrize(
    "markdown",
    [
        "## สภาพปัญหา { #term-problem }",
        "`problem` คือ `สภาพปัญหา`",
        "[สภาพปัญหา](../glossary/#term-problem)",
        '<a href="x">สภาพปัญหา</a>',
        '!!! note "สภาพปัญหา"',
        "```\nสภาพปัญหา\n```",
        "![สภาพปัญหา](img.png)",
    ],
)
def test_headings_code_existing_links_and_titles_are_left_alone(markdown):
    assert linked(markdown) == []


def test_longest_form_wins_and_html_attributes_are_untouched():
    links = [TermLink("สภาพปัญหา", "a", "t"), TermLink("ปัญหา", "b", "t")]
    out = link_terms('<span title="ปัญหา"></span>สภาพปัญหา', links)
    assert out == '<span title="ปัญหา"></span><a class="bs-term" href="a" title="t">สภาพปัญหา</a>'


def test_term_links_are_relative_to_the_page():
    links = {link.form: link.href for link in term_links(GUIDE, "guide/tools/lean/")}
    assert links["ผู้รับบริการรอง"] == "../../../guide/glossary/#term-secondary-recipient"
    assert links["Gap Analysis"] == "../../../guide/glossary/#term-gap-analysis"


# --- the real build ------------------------------------------------------------------------------


def test_the_built_guide_has_every_page_and_every_internal_link_resolves(built_site):
    pages = ["guide", "guide/about", "guide/glossary", "guide/process", "guide/criteria", "guide/tools", "guide/know-how", "guide/cautions"]
    pages += ["guide/best-practices", "guide/checklist"] + [f"guide/tools/{tool['id']}" for tool in REF.tools]
    # Pages other parts of the product build (not on this branch yet): links to them are checked by URL scheme only.
    elsewhere = ("catalogue/", "check/", "search/", "propose/", "lessons/", "data/", "awards/", "stats/", "coverage/")
    for page in [""] + pages:
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        for href in re.findall(r'href="([^"#:?]*)(?:#([^"]*))?"', article):
            path, fragment = href
            if not path and not fragment:
                continue
            target = (built_site / page / path).resolve().relative_to(built_site.resolve()).as_posix() + "/"
            target = "" if target == "./" else target
            if target.startswith(elsewhere):
                continue
            file = built_site / target / "index.html"
            assert file.exists(), f"{page or 'home'}: broken link {path}"
            if fragment:
                assert f'id="{fragment}"' in file.read_text(encoding="utf-8"), f"{page or 'home'}: no #{fragment} on {target}"
