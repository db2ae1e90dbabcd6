"""The committee's screening board: every proposal of a fiscal year against the 12 criteria.

The problems come from the checks `bestservice validate` runs, called once per proposal: the JSON
Schema, every rule of content/rules.py and the similar check's rules (similar/rule.py). Each problem
is filed under a criterion by reference/criteria.yaml: a criterion's `rules` name the rules that
check it, its `fields` the fields whose schema errors concern it. So a rule added later and named
there appears on the board without a change here; a problem no criterion names is shown as
"other data" of the row.

Each criterion of each proposal is in exactly one state, and says what it rests on:
- checked by a rule against the data: passed (with what was checked), a problem, or a warning;
- declared by the proposer (criteria 10-11): a declaration, never a pass;
- for the committee to judge (criteria 3-6): with the fields the judgement rests on;
- not applicable: a criterion the proposal does not use (`applies_when`: partners, Big Idea, long term);
- data missing: nothing to check or judge, with the fields to add.
criteria.yaml's `checked_by` decides which: a criterion the committee judges is never "passed", a
declared one is never "checked". Archive records (found in public sources) are never on a board.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from bestservice.committee.coverage import Coverage, coverage
from bestservice.committee.evidence import as_list, dimension_name, partner_duty, partners_of, span, text
from bestservice.committee.states import FAIL, NO_DATA, PASS, WARN, CriterionCheck, criterion_check
from bestservice.content import Content
from bestservice.content.document import Document
from bestservice.content.holdings import ARCHIVE, standing
from bestservice.content.problems import ERROR, Problem
from bestservice.content.reference import Reference
from bestservice.content.rules import ID_PATTERN, Context, problems_by_rule
from bestservice.similar.corpus import SimilarResult
from bestservice.similar.rule import SIMILAR_RULES, content_corpus, similar_results
from bestservice.similar.verdict import band

DECISION_TH = {"approved": "อนุมัติ", "rejected": "ไม่อนุมัติ", None: "ยังไม่มีมติ"}
OTHER = 0  # the "criterion" of problems no criterion names (id, title, dates of the record...)


@dataclass
class Row:
    """One proposal of the year on the board."""

    id: str
    path: str
    title: str
    record: str
    unit_id: str
    unit_name: str
    unit_type: str
    group: str  # district group id, "" for other units
    partners: list[str]  # names of the partner units (criterion 7)
    partner_duties: list[str]  # each partner with its responsibility and measure
    external_partners: list[str]  # partners outside the BMA (other_partners)
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
        """No problem found where the software checks: all it can say; declarations and judgements are not passes."""
        return not self.failed and not any(p.severity == ERROR for p in self.other_problems)

    @property
    def has_problem(self) -> bool:
        return not self.passes_machine_checks or any(c.state in (WARN, NO_DATA) for c in self.criteria) or bool(self.other_problems)

    @property
    def machine_summary(self) -> str:
        """The row's result as the board, the card and the workbook say it: never a pass of the proposal."""
        if not self.passes_machine_checks:
            return "พบปัญหา" + (f" ข้อ {', '.join(map(str, self.failed))}" if self.failed else " ในข้อมูลอื่น")
        checked = sum(c.state in (PASS, WARN) for c in self.criteria)
        return f"ไม่พบปัญหาในข้อที่ระบบตรวจ ({checked} ข้อ)"

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
            "partner_duties": self.partner_duties,
            "external_partners": self.external_partners,
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
                    "checked": c.checked,
                    "missing": c.missing,
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
            "no_problem_where_checked": self.passing,
            "decided": len(self.decided),
            "coverage": self.coverage.as_dict(),
            "rows": [row.as_dict() for row in self.rows],
        }


def proposals(content: Content) -> list[Document]:
    """What a board shows: every record sent to the committee (never one gathered from public sources)."""
    return [doc for doc in content.projects if standing(doc.data) != ARCHIVE]


def board_years(content: Content) -> list[int]:
    """The fiscal years that have proposals (or unreadable files in their year folder), newest first."""
    years = {doc.fiscal_year for doc in proposals(content) if doc.fiscal_year is not None}
    years |= {year for year in map(_year_of_unreadable, content.unreadable) if year}
    return sorted(years, reverse=True)


def screening_board(content: Content, reference: Reference, fiscal_year: int, today: dt.date | None = None) -> Board:
    """The board of one fiscal year: one row per project of that year, the criteria's states in each."""
    return screening_boards(content, reference, [fiscal_year], today)[0]


def screening_boards(content: Content, reference: Reference, fiscal_years: list[int], today: dt.date | None = None, ctx: Context | None = None) -> list[Board]:
    """The boards of several years over one similar-check index (the index is most of a board's cost;
    a build passes its check's context, with the index it makes for the check page and the schema's findings)."""
    ctx = ctx or Context(reference=reference, content=content, today=today or dt.date.today())
    filing = Filing(reference.criteria)
    boards = []
    for fiscal_year in fiscal_years:
        docs = sorted((doc for doc in proposals(content) if doc.fiscal_year == fiscal_year), key=lambda d: d.id)
        if docs and ctx.corpus is None:
            ctx.corpus = content_corpus(content, ctx)
        similar = dict((doc.id, result) for doc, result in similar_results(content, ctx, docs, ctx.corpus))
        rows = [_row(doc, ctx, filing, similar.get(doc.id)) for doc in docs]
        boards.append(
            Board(fiscal_year, _keyed(rows + _unreadable_rows(content, reference, fiscal_year)), coverage(content, reference, fiscal_year), reference.criteria)
        )
    return boards


def _unreadable_rows(content: Content, reference: Reference, fiscal_year: int) -> list[Row]:
    unreadable: dict[str, list[Problem]] = {}
    for problem in content.unreadable:
        if _year_of_unreadable(problem) == fiscal_year:
            unreadable.setdefault(problem.path, []).append(problem)
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
    for problem in [*doc.problems, *ctx.schema_problems_of(doc)]:  # what did not stop the file being read (a missing body), then the schema's
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
    checks = [criterion_check(criterion, doc, filed.get(criterion["number"], []), reference) for criterion in reference.criteria]
    for check, criterion in zip(checks, reference.criteria, strict=True):
        if SIMILAR_RULE_OF_REPEATS in criterion.get("rules", []) and similar is not None:
            check.evidence.insert(0, ("โครงการเดิมที่คล้ายที่สุด", closest(similar) if similar.matches else "ไม่พบโครงการของปีงบประมาณก่อนที่คล้ายกัน"))
    unit = reference.unit_by_id.get(text(data.get("unit"))) or {}
    return Row(
        id=doc.id,
        path=doc.display_path,
        title=text(data.get("title")) or doc.id,
        record=text(data.get("record")) or "proposal",
        unit_id=text(data.get("unit")),
        unit_name=unit.get("name_th") or text(data.get("unit")),
        unit_type=unit.get("type", ""),
        group=unit.get("group", "") if unit.get("type") == "district" else "",
        partners=[reference.unit_name(p["unit"]) for p in partners_of(data)],
        partner_duties=[partner_duty(reference, p) for p in partners_of(data)],
        external_partners=[text(p) for p in as_list(data.get("other_partners")) if text(p)],
        big_idea=text(data.get("big_idea")),
        long_term=span(data) if data.get("long_term") is True else "",
        policy_dimensions=[dimension_name(reference, d) for d in as_list(data.get("policy_dimensions")) if isinstance(d, str)],
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


def _unreadable_row(problems: list[Problem], reference: Reference) -> Row:
    """A file the board cannot read still has its row: its errors, every criterion unknown."""
    path = problems[0].path
    name = Path(path).stem
    checks = [CriterionCheck(c["number"], c["title_th"], NO_DATA, missing=["แก้ไฟล์ให้อ่านได้ (ดูข้อมูลอื่นที่ต้องแก้)"]) for c in reference.criteria]
    return Row(name, path, name, "proposal", "", "", "", "", [], [], [], "", "", [], checks, sorted(problems), None, None)


def _year_of_unreadable(problem: Problem) -> int | None:
    folder = Path(problem.path).parent.name
    return int(folder) if folder.isdigit() else None
