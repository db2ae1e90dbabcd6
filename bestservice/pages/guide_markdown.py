"""The guide pages' macros: Markdown made from the reference data, so the guide's lists live once in
reference/*.yaml (guide.yaml, criteria.yaml, tools.yaml...) and every page that shows them agrees.

A hand-written guide page asks for them (`render_macros: true`, then `{{ tool_page("lean") }}`). Two
things render those pages with the same functions: mkdocs-macros in a MkDocs build
(bestservice_mkdocs/macros.py registers `GuideMarkdown(...).macros()`), and the site build for
generators without plugins (bestservice.site.guide_pages). Contributor files never pass through here.
"""

from __future__ import annotations

from collections.abc import Callable

from bestservice import urls
from bestservice.content import rules
from bestservice.content.reference import Reference
from bestservice.content.schema import load_schema
from bestservice.pages.guide import EFFORT_TH, Guide, link_terms, load_guide, term_links
from bestservice.similar import rule as similar_rule

MACROS = (
    "objectives",
    "scope_rules",
    "unit_counts_table",
    "year_end",
    "key_points",
    "glossary",
    "stage_steps",
    "process",
    "stages_summary",
    "criteria_sections",
    "criteria_list",
    "tools_table",
    "tool_page",
    "skills",
    "cautions",
    "routine_test",
    "best_practices",
    "guide_references",
    "external_awards",
    "checklist_criteria",
    "field_table",
    "rule_table",
)


class GuideMarkdown:
    """The macros for one build: `here()` gives the address of the page being rendered."""

    def __init__(self, reference: Reference, here: Callable[[], str]) -> None:
        self.reference = reference
        self.guide: Guide = load_guide(reference)
        self.here = here

    def macros(self) -> dict[str, object]:
        """What a guide page may use, by name: the macros, the guide's lists (`guide`) and the reference data (`ref`)."""
        return {"guide": self.guide, "ref": self.reference} | {name: getattr(self, name) for name in MACROS}

    def link(self, target: str) -> str:
        return urls.relative(target, self.here())

    def with_term_links(self, markdown: str) -> str:
        """Every mention of a glossary term on a guide page linked to its definition."""
        return link_terms(markdown, term_links(self.guide, self.here()))

    def _field(self, name: str) -> str:
        """A field as the form and the guide call it (its Thai title); the names in the files are on the editors' page."""
        return self.guide.field_title(name)

    def _tool_link(self, tool_id: str) -> str:
        return f"[{self.reference.tool_by_id[tool_id]['name_th']}]({self.link(urls.guide_tool(tool_id))})"

    def _criterion_link(self, number: int) -> str:
        return f"[ข้อ {number}]({self.link(urls.guide_criterion(number))})"

    def _step_link(self, stage: int, number: int) -> str:
        return f"[{stage}.{number}]({self.link('guide/process/#' + self.guide.step_anchor(stage, number))})"

    # --- about the programme --------------------------------------------------------------
    def objectives(self) -> str:
        return "\n".join(f"{n}. {text}" for n, text in enumerate(self.guide.programme["objectives"], 1))

    def scope_rules(self) -> str:
        return "\n".join(f"- {text}" for text in self.guide.programme["scope"]["rules"])

    def unit_counts_table(self) -> str:
        rows = ["| ประเภทหน่วยงาน | คู่มือระบุ | มีรายชื่อในข้อมูลอ้างอิง | หมายเหตุ |", "|---|--:|--:|---|"]
        for row in self.guide.unit_counts():
            note = row["note_th"] or ("ตรงกับคู่มือ" if row["known"] == row["expected"] else "")
            rows.append(f"| {row['name_th']} | {row['expected']} | {row['known']} | {note} |")
        total_expected = sum(r["expected"] or 0 for r in self.guide.unit_counts())
        total_known = sum(r["known"] for r in self.guide.unit_counts())
        rows.append(f"| **รวม** | **{total_expected}** | **{total_known}** | |")
        return "\n".join(rows)

    def year_end(self) -> str:
        items = []
        for n, item in enumerate(self.guide.programme["year_end"], 1):
            target = getattr(urls, item["link"])()
            items.append(f"{n}. **{item['title_th']}** {item['text_th']} ([{item['link_th']}]({self.link(target)}))")
        return "\n".join(items)

    def key_points(self) -> str:
        return "\n".join(f"- {text}" for text in self.guide.programme["key_points"])

    # --- glossary ----------------------------------------------------------------------------
    def glossary(self) -> str:
        parts = []
        for term in self.guide.glossary:
            parts.append(f"## {term['term_th']} ({term['term_en']}) {{#{self.guide.term_anchor(term['id'])}}}\n")
            parts.append(term["definition_th"] + "\n")
            if term["fields"]:
                parts.append("ในแบบเสนอโครงการ: " + ", ".join(self._field(f) for f in term["fields"]) + "\n")
        return "\n".join(parts)

    # --- the process in 3 stages -------------------------------------------------------------
    def _step_item(self, stage: dict, number: int, step: dict, compact: bool = False) -> str:
        anchor = self.guide.step_anchor(stage["number"], number)
        head = f'- [ ] <span class="bs-step-anchor" id="{anchor}"></span>**{stage["number"]}.{number} {step["title_th"]}**'
        if compact:
            where = ", ".join(self._field(f) for f in step["fields"])
            return head + f" — {step['produce_th']}" + (f" ({where})" if where else "")
        lines = [f"{head}<br>", f"    {step['detail_th']}", ""]
        lines.append(f"    - **สิ่งที่ต้องได้:** {step['produce_th']}")
        if step["fields"]:
            lines.append("    - **กรอกในแบบเสนอโครงการ:** " + ", ".join(self._field(f) for f in step["fields"]))
        for name in step.get("links", []):
            lines.append(f"    - **เผยแพร่ที่:** [หน้าบทเรียน]({self.link(getattr(urls, name)())})")
        if step["tools"]:
            lines.append("    - **เครื่องมือที่ช่วย:** " + " · ".join(self._tool_link(t) for t in step["tools"]))
        if step["criteria"]:
            lines.append("    - **เกณฑ์ที่เกี่ยวข้อง:** " + " · ".join(self._criterion_link(c) for c in step["criteria"]))
        return "\n".join(lines)

    def stage_steps(self, number: int, compact: bool = False) -> str:
        stage = self.guide.stage(number)
        items = [self._step_item(stage, n, step, compact) for n, step in enumerate(stage["steps"], 1)]
        body = ("\n" if compact else "\n\n").join(items)
        return f'<div class="bs-steps" data-stage="{number}" markdown>\n\n{body}\n\n</div>'

    def process(self) -> str:
        parts = []
        for stage in self.guide.stages:
            n = stage["number"]
            parts.append(f"## ขั้นที่ {n} {stage['title_th']} ({len(stage['steps'])} ข้อ) {{#stage-{n}}}\n")
            parts.append(stage["intro_th"] + "\n")
            parts.append(self.stage_steps(n) + "\n")
        return "\n".join(parts)

    def stages_summary(self) -> str:
        rows = ["| ขั้น | ทำอะไร | จำนวนข้อ |", "|---|---|--:|"]
        for stage in self.guide.stages:
            target = self.link(f"guide/process/#stage-{stage['number']}")
            rows.append(f"| [ขั้นที่ {stage['number']} {stage['title_th']}]({target}) | {stage['intro_th']} | {len(stage['steps'])} |")
        return "\n".join(rows)

    # --- the 12 criteria ------------------------------------------------------------------
    def _check_lines(self, criterion: dict) -> list[str]:
        lines = []
        for check in self.guide.criterion_checks(criterion):
            if check.kind == "fields":
                if check.items:
                    lines.append(f"- **{check.text_th}:** " + ", ".join(self._field(f) for f in check.items))
                if check.optional:
                    lines.append("- **ข้อมูลประกอบที่ควรกรอก (ระบบไม่บังคับ):** " + ", ".join(self._field(f) for f in check.optional))
            elif check.kind == "rule":
                rules = "; ".join(self.reference.rule_texts[name] for name in check.items)
                lines.append(f"- **{check.text_th}:** {rules}")
            elif check.kind == "declaration":
                lines.append(f"- **{check.text_th}:** " + ", ".join(self._field(f) for f in check.items))
            elif check.kind == "similarity":
                lines.append(f"- **{check.text_th}** ลองค้นก่อนเสนอได้ที่หน้า [ตรวจสอบก่อนเสนอโครงการ]({self.link(urls.check())})")
            else:
                lines.append(f"- **{check.text_th}** ระบบตรวจแทนไม่ได้ แต่แสดงข้อมูลของโครงการให้เทียบกันได้")
        return lines

    def criteria_sections(self) -> str:
        parts = []
        for c in self.reference.criteria:
            n = c["number"]
            exclusion = c["exclusion"]
            label = " (ข้อยกเว้น)" if exclusion else ""
            parts.append(f'<div class="bs-criterion{" bs-exclusion" if exclusion else ""}" markdown>\n')
            parts.append(f"## ข้อ {n}{label} {c['title_th']} {{#criterion-{n}}}\n")
            if exclusion:
                parts.append('<p class="bs-badge bs-badge--no">ข้อยกเว้น: โครงการต้องไม่เป็นแบบนี้</p>\n')
            parts.append(c["meaning_th"] + "\n")
            parts.append(f'!!! success "ตัวอย่างที่ผ่าน"\n    {c["pass_example_th"]}\n')
            parts.append(f'!!! failure "ตัวอย่างที่ไม่ผ่าน"\n    {c["fail_example_th"]}\n')
            parts.append("**ระบบตรวจเกณฑ์นี้อย่างไร**\n")
            parts.append("\n".join(self._check_lines(c)) + "\n")
            parts.append(f"[บทเรียนที่เกี่ยวกับเกณฑ์นี้]({self.link(urls.lessons_index())}?criterion={n})\n")
            parts.append("</div>\n")
        return "\n".join(parts)

    def criteria_list(self) -> str:
        rows = ["| ข้อ | เกณฑ์ | ประเภท |", "|--:|---|---|"]
        for c in self.reference.criteria:
            kind = "**ข้อยกเว้น** (ต้องไม่เป็น)" if c["exclusion"] else "ต้องมี หรือทำได้"
            rows.append(f"| {c['number']} | [{c['title_th']}]({self.link(urls.guide_criterion(c['number']))}) | {kind} |")
        return "\n".join(rows)

    # --- the 12 tools ------------------------------------------------------------------------
    def tools_table(self) -> str:
        rows = ["| เครื่องมือ | เหมาะกับปัญหา | แรงที่ต้องใช้ | ตัวอย่างการใช้ |", "|---|---|---|---|"]
        for t in self.reference.tools:
            name = f"{t['number']}. [{t['name_th']}]({self.link(urls.guide_tool(t['id']))})<br><small>{t['name_en']}</small>"
            rows.append(f"| {name} | {t['suits_th']} | {EFFORT_TH[t['effort']]} | {t['example_th']} |")
        return "\n".join(rows)

    def tool_page(self, tool_id: str) -> str:
        t = self.reference.tool_by_id[tool_id]
        parts = [f"# {t['name_th']} ({t['name_en']})\n", f'<p class="bs-lead">{t["summary_th"]}</p>\n']
        parts.append(f"ลำดับที่ {t['number']} จาก {len(self.reference.tools)} รายการในคู่มือ · แรงที่ต้องใช้: **{EFFORT_TH[t['effort']]}**\n")
        parts.append("## คืออะไร {#what}\n")
        parts.append(t["what_th"] + "\n")
        parts.append("## ช่วยโครงการเมื่อใด {#when}\n")
        parts.append("\n".join(f"- {x}" for x in t["when_th"]) + "\n")
        parts.append(f"ตัวอย่าง: {t['example_th']}\n")
        parts.append("## เริ่มต้นอย่างไร {#start}\n")
        parts.append("\n".join(f"{n}. {x}" for n, x in enumerate(t["start_th"], 1)) + "\n")
        used_in = [(stage["number"], n, step) for stage in self.guide.stages for n, step in enumerate(stage["steps"], 1) if tool_id in step["tools"]]
        if used_in:
            parts.append("## ใช้ในขั้นตอนใดของโครงการ {#steps}\n")
            parts.append("\n".join(f"- ขั้นตอน {self._step_link(s, n)} {step['title_th']}" for s, n, step in used_in) + "\n")
        parts.append("## ตัวอย่างจากโครงการจริง {#projects}\n")
        parts.append("หน่วยงานต่าง ๆ ของกรุงเทพมหานครเคยใช้เครื่องมือนี้ในโครงการของตน ดูว่าใช้อย่างไรและได้ผลแค่ไหน\n")
        parts.append(f"[โครงการและบทเรียนที่ใช้เครื่องมือนี้]({self.link(urls.tool_projects(tool_id))}){{ .md-button }}\n")
        parts.append(f"[กลับไปเทียบเครื่องมือทั้ง 12]({self.link('guide/tools/')})\n")
        return "\n".join(parts)

    # --- know-how, cautions, best practices, references -----------------------------------
    def skills(self, group: str) -> str:
        block = self.guide.skills[group]
        rows = [f"ใครใช้: {block['who_th']}\n", "| ทักษะ | ใช้ทำอะไรในโครงการ |", "|---|---|"]
        rows += [f"| {n}. **{s['title_th']}** ({s['title_en']}) | {s['use_th']} |" for n, s in enumerate(block["items"], 1)]
        return "\n".join(rows)

    def cautions(self, group: str) -> str:
        lines = []
        for n, item in enumerate(self.guide.cautions[group]["items"], 1):
            where = (" — ดู " + ", ".join(self._field(f) for f in item["fields"])) if item["fields"] else ""
            lines.append(f'{n}. <span id="caution-{item["id"]}"></span>{item["text_th"]}{where}')
        return "\n".join(lines)

    def routine_test(self) -> str:
        rows = ["| คำถาม | งานประจำ | โครงการให้บริการที่ดีที่สุด |", "|---|---|---|"]
        rows += [f"| {r['question_th']} | {r['routine_th']} | {r['best_th']} |" for r in self.guide.cautions["routine_test"]]
        return "\n".join(rows)

    def best_practices(self) -> str:
        parts = [self.guide.best_practices["intro_th"] + "\n"]
        for n, item in enumerate(self.guide.best_practices["items"], 1):
            parts.append(f"### {n}. {item['title_th']} {{#practice-{item['id']}}}\n")
            parts.append(item["text_th"] + "\n")
            extras = []
            if item["fields"]:
                extras.append("กรอกใน " + ", ".join(self._field(f) for f in item["fields"]))
            if item["tools"]:
                extras.append("เครื่องมือ: " + " · ".join(self._tool_link(t) for t in item["tools"]))
            parts.append(" — ".join(extras) + "\n")
        return "\n".join(parts)

    def guide_references(self) -> str:
        return "\n".join(f"{n}. {r['title_th']} <br><small>{r['note_th']}</small>" for n, r in enumerate(self.guide.references, 1))

    def external_awards(self) -> str:
        return "\n".join(f"- {a['name_th']} ({a['name_en']})" for a in self.reference.guide_external_awards)

    # --- the printable proposal checklist ------------------------------------------------------
    def checklist_criteria(self) -> str:
        items = []
        for c in self.reference.criteria:
            prefix = "ยืนยันว่า" if c["exclusion"] else ""
            fields = ", ".join(self._field(f) for f in c["fields"])
            items.append(f"- [ ] **ข้อ {c['number']}** {prefix}{c['title_th']} ({fields})")
        return '<div class="bs-steps bs-checklist-criteria" markdown>\n\n' + "\n".join(items) + "\n\n</div>"

    # --- the editors' page: the names in the files, which no other public page shows -------------
    def field_table(self, kind: str) -> str:
        """Each field of a project or lesson file: its Thai title (as the form and the pages call it), its name
        in the file and what it holds, from the schema."""
        rows = ["| ในแบบฟอร์ม | ชื่อในไฟล์ | ความหมาย |", "|---|---|---|"]
        for name, node in _fields(load_schema(kind)):
            rows.append(f"| {node.get('title', name)} | `{name}` | {_cell(node.get('description', ''))} |")
        return "\n".join(rows)

    def rule_table(self) -> str:
        """Each validation rule: what it checks in Thai, and its name (what `bestservice validate` and criteria.yaml use)."""
        rows = ["| กฎ | ชื่อกฎ |", "|---|---|"]
        for rule in dict.fromkeys([*rules.PROJECT_RULES, *rules.LESSON_RULES, *similar_rule.SIMILAR_RULES]):
            rows.append(f"| {self.reference.rule_texts.get(rule.__name__, '')} | `{rule.__name__}` |")
        return "\n".join(rows)


def _fields(schema: dict, prefix: str = ""):
    for name, node in schema.get("properties", {}).items():
        yield prefix + name, node
        inner = node.get("items", node) if node.get("type") == "array" else node
        if inner.get("properties"):
            yield from _fields(inner, f"{prefix}{name}{'[].' if node.get('type') == 'array' else '.'}")


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
