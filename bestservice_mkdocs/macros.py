"""mkdocs-macros adapter: hands the reference data to hand-written guide pages.

Only pages with `render_macros: true` are rendered (render_by_default is off). Contributor
content (projects/, lessons/) never passes through Jinja.

The guide's lists live once in reference/*.yaml; the functions below only turn what
bestservice.guide returns into Markdown. After rendering, every mention of a glossary term on a
guide page becomes a link to its definition (on_post_page_macros).
"""

from bestservice import urls
from bestservice.content.reference import load_reference
from bestservice.kb import from_config_file
from bestservice.pages.guide import EFFORT_TH, RULE_TEXTS, link_terms, load_guide, relative_url, term_links


def define_env(env):
    reference = load_reference(from_config_file(env.conf.config_file_path).reference_dir)
    guide = load_guide(reference)
    env.variables["ref"] = reference
    env.variables["guide"] = guide

    def here() -> str:
        return env.page.url if env.page is not None else ""

    def link(target: str) -> str:
        return relative_url(target, here())

    def field(name: str) -> str:
        return f"{guide.field_title(name)} `{name}`"

    def tool_link(tool_id: str) -> str:
        return f"[{reference.tool_by_id[tool_id]['name_th']}]({link(urls.guide_tool(tool_id))})"

    def criterion_link(number: int) -> str:
        return f"[ข้อ {number}]({link(urls.guide_criterion(number))})"

    def step_link(stage: int, number: int) -> str:
        return f"[{stage}.{number}]({link('guide/process/#' + guide.step_anchor(stage, number))})"

    # --- about the programme --------------------------------------------------------------
    @env.macro
    def objectives() -> str:
        return "\n".join(f"{n}. {text}" for n, text in enumerate(guide.programme["objectives"], 1))

    @env.macro
    def scope_rules() -> str:
        return "\n".join(f"- {text}" for text in guide.programme["scope"]["rules"])

    @env.macro
    def unit_counts_table() -> str:
        rows = ["| ประเภทหน่วยงาน | คู่มือระบุ | มีรายชื่อในข้อมูลอ้างอิง | หมายเหตุ |", "|---|--:|--:|---|"]
        for row in guide.unit_counts():
            note = row["note_th"] or ("ตรงกับคู่มือ" if row["known"] == row["expected"] else "")
            rows.append(f"| {row['name_th']} | {row['expected']} | {row['known']} | {note} |")
        total_expected = sum(r["expected"] or 0 for r in guide.unit_counts())
        total_known = sum(r["known"] for r in guide.unit_counts())
        rows.append(f"| **รวม** | **{total_expected}** | **{total_known}** | |")
        return "\n".join(rows)

    @env.macro
    def year_end() -> str:
        items = []
        for n, item in enumerate(guide.programme["year_end"], 1):
            target = getattr(urls, item["link"])()
            items.append(f"{n}. **{item['title_th']}** {item['text_th']} ([{item['link_th']}]({link(target)}))")
        return "\n".join(items)

    @env.macro
    def key_points() -> str:
        return "\n".join(f"- {text}" for text in guide.programme["key_points"])

    # --- glossary ----------------------------------------------------------------------------
    @env.macro
    def glossary() -> str:
        parts = []
        for term in guide.glossary:
            parts.append(f"## {term['term_th']} ({term['term_en']}) {{#{guide.term_anchor(term['id'])}}}\n")
            parts.append(term["definition_th"] + "\n")
            if term["fields"]:
                parts.append("ในไฟล์โครงการ: " + ", ".join(field(f) for f in term["fields"]) + "\n")
        return "\n".join(parts)

    # --- the process in 3 stages -------------------------------------------------------------
    def step_item(stage: dict, number: int, step: dict, compact: bool = False) -> str:
        anchor = guide.step_anchor(stage["number"], number)
        head = f'- [ ] <span class="bs-step-anchor" id="{anchor}"></span>**{stage["number"]}.{number} {step["title_th"]}**'
        if compact:
            where = ", ".join(f"`{f}`" for f in step["fields"])
            return head + f" — {step['produce_th']}" + (f" ({where})" if where else "")
        lines = [f"{head}<br>", f"    {step['detail_th']}", ""]
        lines.append(f"    - **สิ่งที่ต้องได้:** {step['produce_th']}")
        if step["fields"]:
            lines.append("    - **บันทึกในไฟล์โครงการ:** " + ", ".join(field(f) for f in step["fields"]))
        for name in step.get("links", []):
            lines.append(f"    - **เผยแพร่ที่:** [หน้าบทเรียน]({link(getattr(urls, name)())})")
        if step["tools"]:
            lines.append("    - **เครื่องมือที่ช่วย:** " + " · ".join(tool_link(t) for t in step["tools"]))
        if step["criteria"]:
            lines.append("    - **เกณฑ์ที่เกี่ยวข้อง:** " + " · ".join(criterion_link(c) for c in step["criteria"]))
        return "\n".join(lines)

    @env.macro
    def stage_steps(number: int, compact: bool = False) -> str:
        stage = guide.stage(number)
        items = [step_item(stage, n, step, compact) for n, step in enumerate(stage["steps"], 1)]
        body = ("\n" if compact else "\n\n").join(items)
        return f'<div class="bs-steps" data-stage="{number}" markdown>\n\n{body}\n\n</div>'

    @env.macro
    def process() -> str:
        parts = []
        for stage in guide.stages:
            n = stage["number"]
            parts.append(f"## ขั้นที่ {n} {stage['title_th']} ({len(stage['steps'])} ข้อ) {{#stage-{n}}}\n")
            parts.append(stage["intro_th"] + "\n")
            parts.append(stage_steps(n) + "\n")
        return "\n".join(parts)

    @env.macro
    def stages_summary() -> str:
        rows = ["| ขั้น | ทำอะไร | จำนวนข้อ |", "|---|---|--:|"]
        for stage in guide.stages:
            target = link(f"guide/process/#stage-{stage['number']}")
            rows.append(f"| [ขั้นที่ {stage['number']} {stage['title_th']}]({target}) | {stage['intro_th']} | {len(stage['steps'])} |")
        return "\n".join(rows)

    # --- the 12 criteria ------------------------------------------------------------------
    def check_lines(criterion: dict) -> list[str]:
        lines = []
        for check in guide.criterion_checks(criterion):
            if check.kind == "fields":
                if check.items:
                    lines.append(f"- **{check.text_th}:** " + ", ".join(field(f) for f in check.items))
                if check.optional:
                    lines.append("- **ข้อมูลประกอบที่ควรกรอก (ระบบไม่บังคับ):** " + ", ".join(field(f) for f in check.optional))
            elif check.kind == "rule":
                rules = "; ".join(f"{RULE_TEXTS[name]} (`{name}`)" for name in check.items)
                lines.append(f"- **{check.text_th}:** {rules}")
            elif check.kind == "declaration":
                lines.append(f"- **{check.text_th}:** " + ", ".join(field(f) for f in check.items))
            elif check.kind == "similarity":
                lines.append(f"- **{check.text_th}** ลองค้นก่อนเสนอได้ที่หน้า [ตรวจสอบก่อนเสนอโครงการ]({link(urls.check())})")
            else:
                lines.append(f"- **{check.text_th}** ระบบตรวจแทนไม่ได้ แต่แสดงข้อมูลของโครงการให้เทียบกันได้")
        return lines

    @env.macro
    def criteria_sections() -> str:
        parts = []
        for c in reference.criteria:
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
            parts.append("\n".join(check_lines(c)) + "\n")
            parts.append("</div>\n")
        return "\n".join(parts)

    @env.macro
    def criteria_list() -> str:
        rows = ["| ข้อ | เกณฑ์ | ประเภท |", "|--:|---|---|"]
        for c in reference.criteria:
            kind = "**ข้อยกเว้น** (ต้องไม่เป็น)" if c["exclusion"] else "ต้องมี หรือทำได้"
            rows.append(f"| {c['number']} | [{c['title_th']}]({link(urls.guide_criterion(c['number']))}) | {kind} |")
        return "\n".join(rows)

    # --- the 12 tools ------------------------------------------------------------------------
    @env.macro
    def tools_table() -> str:
        rows = ["| เครื่องมือ | เหมาะกับปัญหา | แรงที่ต้องใช้ | ตัวอย่างการใช้ |", "|---|---|---|---|"]
        for t in reference.tools:
            name = f"{t['number']}. [{t['name_th']}]({link(urls.guide_tool(t['id']))})<br><small>{t['name_en']}</small>"
            rows.append(f"| {name} | {t['suits_th']} | {EFFORT_TH[t['effort']]} | {t['example_th']} |")
        return "\n".join(rows)

    @env.macro
    def tool_page(tool_id: str) -> str:
        t = reference.tool_by_id[tool_id]
        parts = [f"# {t['name_th']} ({t['name_en']})\n", f'<p class="bs-lead">{t["summary_th"]}</p>\n']
        parts.append(f"ลำดับที่ {t['number']} จาก {len(reference.tools)} รายการในคู่มือ · แรงที่ต้องใช้: **{EFFORT_TH[t['effort']]}**\n")
        parts.append("## คืออะไร {#what}\n")
        parts.append(t["what_th"] + "\n")
        parts.append("## ช่วยโครงการเมื่อใด {#when}\n")
        parts.append("\n".join(f"- {x}" for x in t["when_th"]) + "\n")
        parts.append(f"ตัวอย่าง: {t['example_th']}\n")
        parts.append("## เริ่มต้นอย่างไร {#start}\n")
        parts.append("\n".join(f"{n}. {x}" for n, x in enumerate(t["start_th"], 1)) + "\n")
        used_in = [(stage["number"], n, step) for stage in guide.stages for n, step in enumerate(stage["steps"], 1) if tool_id in step["tools"]]
        if used_in:
            parts.append("## ใช้ในขั้นตอนใดของโครงการ {#steps}\n")
            parts.append("\n".join(f"- ขั้นตอน {step_link(s, n)} {step['title_th']}" for s, n, step in used_in) + "\n")
        parts.append("## ตัวอย่างจากโครงการจริง {#projects}\n")
        parts.append("หน่วยงานต่าง ๆ ของกรุงเทพมหานครเคยใช้เครื่องมือนี้ในโครงการของตน ดูว่าใช้อย่างไรและได้ผลแค่ไหน\n")
        parts.append(f"[โครงการที่ใช้เครื่องมือนี้]({link(urls.tool_projects(tool_id))}){{ .md-button }}\n")
        parts.append(f"[กลับไปเทียบเครื่องมือทั้ง 12]({link('guide/tools/')})\n")
        return "\n".join(parts)

    # --- know-how, cautions, best practices, references -----------------------------------
    @env.macro
    def skills(group: str) -> str:
        block = guide.skills[group]
        rows = [f"ใครใช้: {block['who_th']}\n", "| ทักษะ | ใช้ทำอะไรในโครงการ |", "|---|---|"]
        rows += [f"| {n}. **{s['title_th']}** ({s['title_en']}) | {s['use_th']} |" for n, s in enumerate(block["items"], 1)]
        return "\n".join(rows)

    @env.macro
    def cautions(group: str) -> str:
        lines = []
        for n, item in enumerate(guide.cautions[group]["items"], 1):
            where = (" — ดู " + ", ".join(field(f) for f in item["fields"])) if item["fields"] else ""
            lines.append(f'{n}. <span id="caution-{item["id"]}"></span>{item["text_th"]}{where}')
        return "\n".join(lines)

    @env.macro
    def routine_test() -> str:
        rows = ["| คำถาม | งานประจำ | โครงการให้บริการที่ดีที่สุด |", "|---|---|---|"]
        rows += [f"| {r['question_th']} | {r['routine_th']} | {r['best_th']} |" for r in guide.cautions["routine_test"]]
        return "\n".join(rows)

    @env.macro
    def best_practices() -> str:
        parts = [guide.best_practices["intro_th"] + "\n"]
        for n, item in enumerate(guide.best_practices["items"], 1):
            parts.append(f"### {n}. {item['title_th']} {{#practice-{item['id']}}}\n")
            parts.append(item["text_th"] + "\n")
            extras = []
            if item["fields"]:
                extras.append("บันทึกใน " + ", ".join(field(f) for f in item["fields"]))
            if item["tools"]:
                extras.append("เครื่องมือ: " + " · ".join(tool_link(t) for t in item["tools"]))
            parts.append(" — ".join(extras) + "\n")
        return "\n".join(parts)

    @env.macro
    def guide_references() -> str:
        return "\n".join(f"{n}. {r['title_th']} <br><small>{r['note_th']}</small>" for n, r in enumerate(guide.references, 1))

    @env.macro
    def external_awards() -> str:
        return "\n".join(f"- {a['name_th']} ({a['name_en']})" for a in reference.guide_external_awards)

    # --- the printable proposal checklist ------------------------------------------------------
    @env.macro
    def checklist_criteria() -> str:
        items = []
        for c in reference.criteria:
            prefix = "ยืนยันว่า" if c["exclusion"] else ""
            fields = ", ".join(f"`{f}`" for f in c["fields"])
            items.append(f"- [ ] **ข้อ {c['number']}** {prefix}{c['title_th']} ({fields})")
        return '<div class="bs-steps bs-checklist-criteria" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def on_post_page_macros(env):
    """Link every mention of a glossary term on the guide pages to its definition."""
    page = env.page
    if page is None or not page.file.src_uri.startswith("guide/"):
        return
    env.markdown = link_terms(env.markdown, term_links(env.variables["guide"], page.url))
