"""The programme guide as data (reference/guide.yaml) and the little logic its pages need.

- `Guide`: the guide's lists (programme, glossary, 3 stages of steps, skills, cautions, best practices,
  references), each step's anchor, the Thai name of a project field, how each criterion is checked.
- `link_terms`: turns every mention of a glossary term in a page's Markdown into a link to its definition.

Nothing here knows about MkDocs; bestservice_mkdocs/macros.py adapts it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from html import escape

from bestservice import urls
from bestservice.content import rules
from bestservice.content.reference import Reference
from bestservice.content.schema import load_schema
from bestservice.similar import rule as similar_rule

GLOSSARY_PAGE = "guide/glossary/"

# How a criterion is checked (criteria.yaml `checked_by`), in the words a project owner reads.
CHECK_KINDS = {
    "fields": "ตรวจว่ากรอกข้อมูลที่จำเป็นครบ",
    "rule": "ตรวจด้วยกฎการตรวจสอบอัตโนมัติ",
    "similarity": "เทียบกับโครงการในอดีตทั้งหมด (ตรวจหาโครงการที่คล้ายกัน)",
    "declaration": "หน่วยงานรับรองในแบบเสนอโครงการ",
    "committee": "คณะกรรมการพิจารณาจากข้อมูลที่วางเทียบกัน",
}


def rules_by_name() -> dict:
    """Every rule a criterion may name in reference/criteria.yaml: the record rules and the similar check's."""
    return {rule.__name__: rule for rule in [*rules.PROJECT_RULES, *similar_rule.SIMILAR_RULES]}


EFFORT_TH = {"low": "น้อย", "medium": "ปานกลาง", "high": "มาก"}


@dataclass(frozen=True)
class Check:
    kind: str  # fields | rule | similarity | declaration | committee
    text_th: str
    items: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()  # for `fields`: evidence fields the schema does not require


@dataclass(frozen=True)
class Guide:
    reference: Reference

    @cached_property
    def data(self) -> dict:
        return self.reference._file("guide.yaml")

    # --- the lists -------------------------------------------------------------------------
    @property
    def programme(self) -> dict:
        return self.data["programme"]

    @property
    def glossary(self) -> list[dict]:
        return self.data["glossary"]

    @property
    def stages(self) -> list[dict]:
        return self.data["stages"]

    @property
    def skills(self) -> dict:
        return self.data["skills"]

    @property
    def cautions(self) -> dict:
        return self.data["cautions"]

    @property
    def best_practices(self) -> dict:
        return self.data["best_practices"]

    @property
    def references(self) -> list[dict]:
        return self.data["references"]

    def stage(self, number: int) -> dict:
        return next(s for s in self.stages if s["number"] == number)

    @staticmethod
    def step_anchor(stage: int, step: int) -> str:
        return f"step-{stage}-{step}"

    @staticmethod
    def term_anchor(term_id: str) -> str:
        return f"term-{term_id}"

    def term_url(self, term_id: str) -> str:
        return f"{GLOSSARY_PAGE}#{self.term_anchor(term_id)}"

    # --- units in scope ----------------------------------------------------------------------
    def unit_counts(self) -> list[dict]:
        """Per unit type: the guide's count, how many units the reference data names, and the note on any difference."""
        known = Counter(unit["type"] for unit in self.reference.units)
        return [
            {
                "id": kind["id"],
                "name_th": kind["name_th"],
                "expected": kind.get("expected_count"),
                "known": known.get(kind["id"], 0),
                "note_th": kind.get("count_note", ""),
            }
            for kind in self.reference.unit_types
        ]

    # --- project fields --------------------------------------------------------------------
    @cached_property
    def _project_schema(self) -> dict:
        return load_schema("project")

    def field_schema(self, name: str) -> dict | None:
        node = self._project_schema
        for part in name.split("."):
            node = node.get("properties", {}).get(part)
            if node is None:
                return None
        return node

    def field_title(self, name: str) -> str:
        node = self.field_schema(name)
        return node.get("title", name) if node else name

    @cached_property
    def proposal_required_fields(self) -> frozenset[str]:
        """Fields a proposal must fill in (the schema's top-level requirements plus those for a proposal record)."""
        schema = self._project_schema
        required = set(schema.get("required", []))
        for clause in schema.get("allOf", []):
            if clause.get("if", {}).get("properties", {}).get("record") is not None:
                required |= set(clause.get("else", {}).get("required", []))
        declarations = self.field_schema("declarations") or {}
        required |= {f"declarations.{name}" for name in declarations.get("required", [])}
        return frozenset(required)

    # --- how each criterion is checked -----------------------------------------------------
    def criterion_checks(self, criterion: dict) -> list[Check]:
        checks = []
        for kind in criterion["checked_by"]:
            if kind == "fields":
                required = tuple(f for f in criterion["fields"] if f in self.proposal_required_fields)
                optional = tuple(f for f in criterion["fields"] if f not in self.proposal_required_fields)
                checks.append(Check(kind, CHECK_KINDS[kind], required, optional))
            elif kind == "rule":
                checks.append(Check(kind, CHECK_KINDS[kind], tuple(criterion.get("rules", []))))
            elif kind == "declaration":
                checks.append(Check(kind, CHECK_KINDS[kind], tuple(f for f in criterion["fields"] if f.startswith("declarations."))))
            else:
                checks.append(Check(kind, CHECK_KINDS[kind]))
        return checks

    # --- integrity of the cross references ---------------------------------------------------
    def problems(self) -> list[str]:
        """Every reference in guide.yaml, criteria.yaml and tools.yaml that points nowhere (empty = all good)."""
        found = []
        tools = self.reference.tool_by_id
        criteria = self.reference.criterion_by_number
        rule_names = rules_by_name()
        link_names = {name for name in dir(urls) if not name.startswith("_")}

        def check_fields(where, names):
            found.extend(f"{where}: unknown project field {name}" for name in names if self.field_schema(name) is None)

        for stage in self.stages:
            for n, step in enumerate(stage["steps"], 1):
                where = f"stage {stage['number']} step {n}"
                check_fields(where, step.get("fields", []))
                found.extend(f"{where}: unknown tool {t}" for t in step.get("tools", []) if t not in tools)
                found.extend(f"{where}: unknown criterion {c}" for c in step.get("criteria", []) if c not in criteria)
                found.extend(f"{where}: unknown link {name}" for name in step.get("links", []) if name not in link_names)
        for term in self.glossary:
            check_fields(f"term {term['id']}", term.get("fields", []))
        for group in self.cautions.values():
            if isinstance(group, dict):
                for item in group["items"]:
                    check_fields(f"caution {item['id']}", item.get("fields", []))
        for item in self.best_practices["items"]:
            check_fields(f"best practice {item['id']}", item.get("fields", []))
            found.extend(f"best practice {item['id']}: unknown tool {t}" for t in item.get("tools", []) if t not in tools)
        for item in self.programme["year_end"]:
            if item.get("link") and item["link"] not in link_names:
                found.append(f"year end {item['id']}: unknown link {item['link']}")
        for criterion in self.reference.criteria:
            where = f"criterion {criterion['number']}"
            check_fields(where, criterion["fields"])
            found.extend(f"{where}: unknown rule {name}" for name in criterion.get("rules", []) if name not in rule_names)
            found.extend(f"{where}: rule {name} has no Thai text" for name in criterion.get("rules", []) if name not in self.reference.rule_texts)
            if "rule" in criterion["checked_by"] and not criterion.get("rules"):
                found.append(f"{where}: checked_by rule but names no rule")
        return found


def load_guide(reference: Reference) -> Guide:
    return Guide(reference)


# --- linking glossary terms -----------------------------------------------------------------

# Spans of a Markdown line that must not get a link inside them: code, existing links, HTML tags and
# whole <a>…</a> elements, attribute lists, bare URLs.
_PROTECTED = re.compile(
    r"`[^`]*`"
    r"|<a\b[^>]*>.*?</a>"
    r"|!?\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?"
    r"|!?\[[^\]]*\]\[[^\]]*\]"
    r"|<[^>]+>"
    r"|\{[^}]*\}"
    r"|https?://\S+"
)
# Whole lines left alone: headings, admonition/details titles, link definitions, abbreviations.
_SKIP_LINE = re.compile(r"^\s{0,3}(#|!!!|\?\?\?|\[[^\]]+\]:|\*\[)")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class TermLink:
    form: str  # the exact spelling to find
    href: str
    title: str


def term_links(guide: Guide, from_page: str) -> list[TermLink]:
    return [TermLink(form, urls.relative(guide.term_url(term["id"]), from_page), term["hint_th"]) for term in guide.glossary for form in term["forms"]]


def link_terms(markdown: str, links: list[TermLink]) -> str:
    """Link every mention of a glossary term (outside headings, code, existing links and HTML tags)."""
    if not links:
        return markdown
    by_form = {link.form: link for link in links}
    pattern = re.compile("|".join(re.escape(form) for form in sorted(by_form, key=len, reverse=True)))

    def anchor(match: re.Match) -> str:
        link = by_form[match.group(0)]
        return f'<a class="bs-term" href="{escape(link.href)}" title="{escape(link.title)}">{match.group(0)}</a>'

    def link_line(line: str) -> str:
        out, last = [], 0
        for protected in _PROTECTED.finditer(line):
            out.append(pattern.sub(anchor, line[last : protected.start()]))
            out.append(protected.group(0))
            last = protected.end()
        out.append(pattern.sub(anchor, line[last:]))
        return "".join(out)

    lines, in_fence = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            lines.append(line)
        elif in_fence or _SKIP_LINE.match(line):
            lines.append(line)
        else:
            lines.append(link_line(line))
    return "\n".join(lines)
