"""The committee's screening board: every project of a fiscal year against the 12 criteria.

The states come from the checks `bestservice validate` runs, called once per project: the JSON
Schema, every rule of content/rules.py and the similar check's rules (similar/rule.py). Each problem
is filed under a criterion by reference/criteria.yaml: a criterion's `rules` name the rules that
check it, its `fields` the fields whose schema errors concern it. So a rule added later and named
there appears on the board without a change here; a problem no criterion names is shown as
"other data" of the row. Criteria 3-6 need the committee's judgement: the board lays out the fields
the judgement rests on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from bestservice.committee.coverage import Coverage, coverage
from bestservice.content import Content
from bestservice.content.load import Document
from bestservice.content.problems import ERROR, WARNING, Problem
from bestservice.content.reference import Reference
from bestservice.content.rules import ID_PATTERN, Context, problems_by_rule
from bestservice.content.schema import property_schema, schema_problems
from bestservice.similar.corpus import Corpus, SimilarResult
from bestservice.similar.rule import SIMILAR_RULES, content_corpus, similar_results
from bestservice.similar.verdict import band

PASS, FAIL, WARN, JUDGE, NO_DATA, NOT_APPLICABLE = "pass", "fail", "warning", "judgement", "no-data", "n/a"
STATE_TH = {
    PASS: "ผ่านการตรวจอัตโนมัติ",
    FAIL: "ไม่ผ่าน",
    WARN: "ควรตรวจสอบ",
    JUDGE: "คณะกรรมการพิจารณา",
    NO_DATA: "ไม่มีข้อมูลในระเบียน",
    NOT_APPLICABLE: "ไม่เกี่ยวข้อง",
}
STATE_SHORT_TH = {PASS: "ผ่าน", FAIL: "ไม่ผ่าน", WARN: "ควรตรวจ", JUDGE: "พิจารณา", NO_DATA: "ไม่มีข้อมูล", NOT_APPLICABLE: "ไม่เกี่ยวข้อง"}
EMPTY = (None, "", [], {})
DECISION_TH = {"approved": "อนุมัติ", "rejected": "ไม่อนุมัติ", None: "ยังไม่มีมติ"}
OTHER = 0  # the "criterion" of problems no criterion names (id, title, dates of the record...)


@dataclass
class CriterionCheck:
    number: int
    title_th: str
    state: str
    problems: list[Problem] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (field title, what the file says)

    @property
    def state_th(self) -> str:
        return STATE_TH[self.state]


@dataclass
class Row:
    """One project of the year on the board."""

    id: str
    path: str
    title: str
    record: str
    unit_id: str
    unit_name: str
    unit_type: str
    group: str  # district group id, "" for other units
    partners: list[str]  # names of the partner units (criterion 7)
    big_idea: str  # criterion 8
    long_term: str  # criterion 9: "", or the span "2568–2570"
    policy_dimensions: list[str]  # names (criterion 2)
    criteria: list[CriterionCheck]
    other_problems: list[Problem]
    similar: SimilarResult | None
    decision: dict | None
    key: str = ""  # unique on the board (the id, or the id and a number when two files share an id): the card's address

    @property
    def failed(self) -> list[int]:
        return [c.number for c in self.criteria if c.state == FAIL]

    @property
    def passes_machine_checks(self) -> bool:
        """No criterion failed and no other error: what the software can say; the rest is the committee's."""
        return not self.failed and not any(p.severity == ERROR for p in self.other_problems)

    @property
    def has_problem(self) -> bool:
        return not self.passes_machine_checks or any(c.state == WARN for c in self.criteria) or bool(self.other_problems)

    @property
    def decision_status(self) -> str | None:
        status = (self.decision or {}).get("status")
        return status if status in ("approved", "rejected") else None

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "record": self.record,
            "unit": self.unit_id,
            "unit_name": self.unit_name,
            "unit_type": self.unit_type,
            "district_group": self.group or None,
            "partners": self.partners,
            "big_idea": self.big_idea or None,
            "long_term": self.long_term or None,
            "policy_dimensions": self.policy_dimensions,
            "passes_machine_checks": self.passes_machine_checks,
            "decision": self.decision,
            "criteria": [
                {
                    "number": c.number,
                    "state": c.state,
                    "problems": [p.as_dict() for p in c.problems],
                    "evidence": [{"field": name, "value": value} for name, value in c.evidence],
                }
                for c in self.criteria
            ],
            "other_problems": [p.as_dict() for p in self.other_problems],
            "similar": self.similar.as_dict() if self.similar else None,
        }


@dataclass
class Board:
    fiscal_year: int
    rows: list[Row]
    coverage: Coverage
    criteria: list[dict]

    @property
    def passing(self) -> int:
        return sum(row.passes_machine_checks for row in self.rows)

    @property
    def undecided(self) -> list[Row]:
        return [row for row in self.rows if row.decision_status is None]

    @property
    def decided(self) -> list[Row]:
        return [row for row in self.rows if row.decision_status is not None]

    def as_dict(self) -> dict:
        return {
            "fiscal_year": self.fiscal_year,
            "proposals": len(self.rows),
            "pass_every_machine_check": self.passing,
            "decided": len(self.decided),
            "coverage": self.coverage.as_dict(),
            "rows": [row.as_dict() for row in self.rows],
        }


def board_years(content: Content) -> list[int]:
    """The fiscal years that have projects (or unreadable files in their year folder), newest first."""
    years = {doc.data["fiscal_year"] for doc in content.projects if type(doc.data.get("fiscal_year")) is int}
    years |= {year for year in map(_year_of_unreadable, content.unreadable) if year}
    return sorted(years, reverse=True)


def screening_board(content: Content, reference: Reference, fiscal_year: int, today: dt.date | None = None) -> Board:
    """The board of one fiscal year: one row per project of that year, the criteria's states in each."""
    return screening_boards(content, reference, [fiscal_year], today)[0]


def screening_boards(
    content: Content, reference: Reference, fiscal_years: list[int], today: dt.date | None = None, corpus: Corpus | None = None
) -> list[Board]:
    """The boards of several years over one similar-check index (the index is most of a board's cost;
    a build passes the one it makes for the check page too)."""
    ctx = Context(reference=reference, content=content, today=today or dt.date.today())
    filing = Filing(reference.criteria)
    boards = []
    for fiscal_year in fiscal_years:
        docs = sorted((doc for doc in content.projects if doc.data.get("fiscal_year") == fiscal_year), key=lambda d: d.id)
        if docs and corpus is None:
            corpus = content_corpus(content, ctx)
        similar = dict((doc.id, result) for doc, result in similar_results(content, ctx, docs, corpus))
        rows = [_row(doc, ctx, filing, similar.get(doc.id)) for doc in docs]
        boards.append(
            Board(fiscal_year, _keyed(rows + _unreadable_rows(content, reference, fiscal_year)), coverage(content, reference, fiscal_year), reference.criteria)
        )
    return boards


def _unreadable_rows(content: Content, reference: Reference, fiscal_year: int) -> list[Row]:
    unreadable: dict[str, list[Problem]] = {}
    for problem in content.unreadable:
        if _year_of_unreadable(problem) == fiscal_year:
            unreadable.setdefault(problem.path.split(":")[0], []).append(problem)
    return [_unreadable_row(problems, reference) for problems in unreadable.values()]


def _keyed(rows: list[Row]) -> list[Row]:
    """Give each row a unique, path-safe key: the card's address."""
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        key = row.id if ID_PATTERN.match(row.id) else f"record-{number}"
        seen[key] = seen.get(key, 0) + 1
        row.key = key if seen[key] == 1 else f"{key}-{seen[key]}"
    return rows


class Filing:
    """Which criterion a problem belongs to, from reference/criteria.yaml."""

    def __init__(self, criteria: list[dict]) -> None:
        self.by_rule: dict[str, list[int]] = {}
        self.by_field: dict[str, list[int]] = {}
        for c in criteria:
            for name in c.get("rules", []):
                self.by_rule.setdefault(name, []).append(c["number"])
            for name in c["fields"]:
                self.by_field.setdefault(name, []).append(c["number"])

    def for_rule(self, rule: str, problem: Problem) -> list[int]:
        return self.by_rule.get(rule) or self.for_field(problem)

    def for_field(self, problem: Problem) -> list[int]:
        """`declarations.not_ordered` files under criterion 10; `kpis[0].target` under 4 and 5 (both rest on the KPIs)."""
        path = re.split(r"\[", problem.field)[0]
        for name in (path, path.split(".")[0]):
            if name in self.by_field:
                return self.by_field[name]
        return [OTHER]


def _row(doc: Document, ctx: Context, filing: Filing, similar: SimilarResult | None) -> Row:
    reference, data = ctx.reference, doc.data
    filed: dict[int, list[Problem]] = {}
    for problem in [*doc.problems, *schema_problems(doc)]:  # what did not stop the file being read (a missing body), then the schema's
        for number in filing.for_field(problem):
            filed.setdefault(number, []).append(problem)
    for rule, problem in problems_by_rule(doc, ctx):
        for number in filing.for_rule(rule, problem):
            filed.setdefault(number, []).append(problem)
    if similar is not None:
        for rule in SIMILAR_RULES:
            for problem in rule(doc, similar, ctx):
                for number in filing.for_rule(rule.__name__, problem):
                    filed.setdefault(number, []).append(problem)
    checks = [_criterion(criterion, doc, filed.get(criterion["number"], [])) for criterion in reference.criteria]
    if similar is not None and similar.matches:
        for check, criterion in zip(checks, reference.criteria, strict=True):
            if SIMILAR_RULE_OF_REPEATS in criterion.get("rules", []):
                check.evidence.insert(0, ("โครงการเดิมที่คล้ายที่สุด", closest(similar)))
    unit = reference.unit_by_id.get(_text(data.get("unit"))) or {}
    return Row(
        id=doc.id,
        path=doc.display_path,
        title=_text(data.get("title")) or doc.id,
        record=_text(data.get("record")) or "proposal",
        unit_id=_text(data.get("unit")),
        unit_name=unit.get("name_th") or _text(data.get("unit")),
        unit_type=unit.get("type", ""),
        group=unit.get("group", "") if unit.get("type") == "district" else "",
        partners=[reference.unit_name(p["unit"]) for p in _list(data.get("partners")) if isinstance(p, dict) and isinstance(p.get("unit"), str)],
        big_idea=_text(data.get("big_idea")),
        long_term=_span(data) if data.get("long_term") is True else "",
        policy_dimensions=[_dimension_name(reference, d) for d in _list(data.get("policy_dimensions")) if isinstance(d, str)],
        criteria=checks,
        other_problems=sorted(filed.get(OTHER, [])),
        similar=similar,
        decision=data.get("decision") if isinstance(data.get("decision"), dict) else None,
    )


SIMILAR_RULE_OF_REPEATS = "repeats_an_earlier_project"


def closest(similar: SimilarResult) -> str:
    """The best match as the committee reads it on the board, the card and the workbook."""
    best = similar.matches[0]
    return f"«{best.title}» ({best.id}) ปีงบประมาณ {best.fiscal_year} — คะแนน {best.score:.2f} {band(best.score)}"


# the similar check reads every project's text: its criteria always have something to check
_ALWAYS_CHECKED = {rule.__name__ for rule in SIMILAR_RULES}


def _criterion(criterion: dict, doc: Document, problems: list[Problem]) -> CriterionCheck:
    check = CriterionCheck(criterion["number"], criterion["title_th"], PASS, sorted(set(problems)))
    if any(p.severity == ERROR for p in check.problems):
        check.state = FAIL
    elif any(p.severity == WARNING for p in check.problems):
        check.state = WARN
    if "committee" in criterion["checked_by"]:
        check.evidence = [(_field_title(name), evidence(name, _value(doc.data, name))) for name in criterion["fields"]]
        if check.state == PASS:
            check.state = JUDGE
    elif check.state == PASS and not _ALWAYS_CHECKED & set(criterion["rules"]) and not any(_value(doc.data, name) not in EMPTY for name in criterion["fields"]):
        # nothing to check: a project without a Big Idea, or an archive record that does not say
        # (a proposal missing what it must give fails the schema instead)
        check.state = NOT_APPLICABLE if criterion["checked_by"] == ["rule"] else NO_DATA
    return check


def _unreadable_row(problems: list[Problem], reference: Reference) -> Row:
    """A file the board cannot read still has its row: its errors, every criterion unknown."""
    path = problems[0].path.split(":")[0]
    name = Path(path).stem
    checks = [CriterionCheck(c["number"], c["title_th"], NO_DATA) for c in reference.criteria]
    return Row(name, path, name, "proposal", "", "", "", "", [], "", "", [], checks, sorted(problems), None, None)


def _year_of_unreadable(problem: Problem) -> int | None:
    folder = Path(problem.path.split(":")[0]).parent.name
    return int(folder) if folder.isdigit() else None


# --- what the committee reads in a cell ------------------------------------------------------------


def evidence(name: str, value) -> str:
    """A field's value as one short text: KPIs with their baseline and target, the budget with its source."""
    if value in EMPTY:
        return "— (ไม่ได้ระบุ)"
    if name == "kpis" and isinstance(value, list):
        return "; ".join(_kpi(k) for k in value if isinstance(k, dict)) or "— (ไม่ได้ระบุ)"
    if name == "budget" and isinstance(value, dict):
        amount = value.get("amount_baht")
        parts = [f"{amount:,.0f} บาท" if isinstance(amount, (int, float)) and not isinstance(amount, bool) else "", _text(value.get("source"))]
        return " · ".join(p for p in parts if p) or "— (ไม่ได้ระบุ)"
    if isinstance(value, dict):
        return "; ".join(f"{evidence(key, item)}" for key, item in value.items())
    if isinstance(value, list):
        return "; ".join(evidence(name, item) for item in value)
    return " ".join(str(value).split())


def _kpi(kpi: dict) -> str:
    unit = f" {kpi['unit']}" if kpi.get("unit") else ""
    baseline = f"ฐาน {kpi['baseline']}{unit}" if kpi.get("baseline") is not None else "ไม่มีค่าฐาน"
    target = f"เป้า {kpi['target']}{unit}" if kpi.get("target") is not None else "ไม่มีค่าเป้าหมาย"
    return f"{_text(kpi.get('name')) or 'ตัวชี้วัด'} ({baseline} → {target})"


def _field_title(name: str) -> str:
    return property_schema("project", tuple(name.split("."))).get("title", name)


def _value(data: dict, dotted: str):
    value = data
    for step in dotted.split("."):
        value = value.get(step) if isinstance(value, dict) else None
    return value


def _span(data: dict) -> str:
    start, end = data.get("fiscal_year"), data.get("end_fiscal_year")
    return f"{start}–{end}" if isinstance(end, int) else "ระยะยาว"


def _dimension_name(reference: Reference, dimension_id: str) -> str:
    for policy_set in reference.policy_sets:
        for dimension in policy_set["dimensions"]:
            if dimension["id"] == dimension_id:
                return dimension["name_th"]
    return dimension_id


def _text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _list(value) -> list:
    return value if isinstance(value, list) else []
