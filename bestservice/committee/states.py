"""The state of one criterion of one proposal, and how each state reads on the board, the card and the workbook.

Exactly one state per criterion, each saying what it rests on (see screening.py for the list). The
state comes from the problems the checks filed under the criterion, then from reference/criteria.yaml:
`checked_by` (fields, rule, similarity, declaration, committee), `fields` and `applies_when`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bestservice.committee.evidence import EMPTY, field_title, shown, value_at
from bestservice.content.document import Document
from bestservice.content.problems import ERROR, WARNING, Problem
from bestservice.content.reference import Reference
from bestservice.similar.rule import SIMILAR_RULES

PASS, FAIL, WARN, DECLARED, JUDGE, NOT_APPLICABLE, NO_DATA = "pass", "fail", "warning", "declared", "judgement", "n/a", "no-data"


@dataclass(frozen=True)
class State:
    """How a state reads everywhere (board, card, workbook, terminal): words, mark, what it means, and
    colours (text on fill, as hex; docs/assets/stylesheets/screening.css uses the same, a test compares)."""

    long_th: str
    short_th: str
    symbol: str
    meaning_th: str
    colour: str
    fill: str


STATES = {
    PASS: State("ตรวจแล้ว: ผ่าน", "ผ่าน", "✓", "ระบบตรวจกับข้อมูลแล้วไม่พบปัญหา และบอกว่าตรวจอะไร", "1B5E20", "E3F1E4"),
    FAIL: State("ตรวจแล้ว: พบปัญหา", "พบปัญหา", "✗", "ระบบตรวจแล้วพบปัญหาที่ต้องแก้", "A0001C", "FDE7EA"),
    WARN: State("ตรวจแล้ว: ควรทบทวน", "ควรทบทวน", "!", "ระบบตรวจแล้วพบสิ่งที่ควรทบทวน", "6D4200", "FFF1D6"),
    DECLARED: State("ผู้เสนอรับรองเอง (ไม่ใช่ผลการตรวจ)", "ผู้เสนอรับรอง", "✎", "ผู้เสนอรับรองเองในแบบเสนอโครงการ ระบบไม่ได้ยืนยัน", "4A148C", "F3E6F6"),
    JUDGE: State("คณะกรรมการพิจารณา", "พิจารณา", "⚖", "คณะกรรมการพิจารณาจากข้อมูลที่วางไว้ให้", "173A73", "E6EEFA"),
    NOT_APPLICABLE: State("ไม่ใช้กับข้อเสนอนี้", "ไม่ใช้", "–", "ข้อเสนอไม่มีหน่วยงานร่วม ไม่ใช่ Big Idea หรือไม่ใช่โครงการระยะยาว", "4A4A4A", "F2F2F2"),
    NO_DATA: State("ไม่มีข้อมูล ต้องเพิ่ม", "ไม่มีข้อมูล", "?", "ไม่มีข้อมูลให้ตรวจหรือพิจารณา และบอกว่าต้องเพิ่มอะไร", "5D3A00", "FFFBE6"),
}


@dataclass
class CriterionCheck:
    number: int
    title_th: str
    state: str
    problems: list[Problem] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (field title, what the file says)
    checked: list[str] = field(default_factory=list)  # what the software checked (a passed or declared criterion)
    missing: list[str] = field(default_factory=list)  # what to add (data missing)

    @property
    def state_th(self) -> str:
        return STATES[self.state].long_th


# the similar check reads every project's text: its criteria always have something to check
_ALWAYS_CHECKED = {rule.__name__ for rule in SIMILAR_RULES}


def criterion_check(criterion: dict, doc: Document, problems: list[Problem], reference: Reference) -> CriterionCheck:
    """The one state of a criterion: a problem a rule found first, then what criteria.yaml says checks it."""
    check = CriterionCheck(criterion["number"], criterion["title_th"], PASS, sorted(set(problems)))
    given = [name for name in criterion["fields"] if value_at(doc.data, name) not in EMPTY]
    by = criterion["checked_by"]
    laid_out = criterion["fields"] if "committee" in by else [name for name in given if name != "unit"]
    check.evidence = [(field_title(name), shown(name, value_at(doc.data, name), reference)) for name in laid_out]
    if any(p.severity == ERROR for p in check.problems):
        check.state = FAIL
    elif any(p.severity == WARNING for p in check.problems):
        check.state = WARN
    elif not applies(criterion, doc):
        check.state = NOT_APPLICABLE
    elif not given and ("committee" in by or "declaration" in by or not _ALWAYS_CHECKED & set(criterion["rules"])):
        # nothing to judge, declare or check (a proposal missing a field it must give fails the schema instead)
        check.state, check.missing = NO_DATA, [field_title(name) for name in criterion["fields"]]
    elif "committee" in by:
        check.state = JUDGE
    elif "declaration" in by:
        check.state, check.checked = DECLARED, _rules_checked(criterion, reference)
    else:
        check.checked = _fields_checked(criterion, given) + _rules_checked(criterion, reference)
    return check


def applies(criterion: dict, doc: Document) -> bool:
    """Criteria 7-9 apply only to a proposal that uses them (criteria.yaml `applies_when`)."""
    name = criterion.get("applies_when")
    return name is None or value_at(doc.data, name) not in (*EMPTY, False)


def _fields_checked(criterion: dict, given: list[str]) -> list[str]:
    titles = [field_title(name) for name in given if "fields" in criterion["checked_by"]]
    return [f"มีข้อมูลครบ: {', '.join(titles)}"] if titles else []


def _rules_checked(criterion: dict, reference: Reference) -> list[str]:
    return [f"ไม่พบปัญหาตามกฎ: {reference.rule_texts.get(name, name)}" for name in criterion.get("rules", [])]
