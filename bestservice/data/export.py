"""Open data: projects.json, lessons.json, projects.csv and the published JSON Schemas.

The same files are written by the site build (bestservice_mkdocs/data.py) and by `bestservice export`.
Items are the records' front matter exactly as the schema defines them, so each one validates
against the published schema. projects.json holds every record, proposals the committee has not
decided on too (each says what it is by its own `record`, `kind` and `decision`: the data team's
export and import must not lose one); its `holds` says what the file counts, each kind apart,
and what the collections gathered from public sources hold (content.holdings). The CSV has one row per project and one column per field, in the
cell format of cells.py, which `bestservice import` reads back without losing a field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

from bestservice import urls
from bestservice.content import Content
from bestservice.content.holdings import tally
from bestservice.content.problems import ContentError
from bestservice.content.reference import Reference
from bestservice.content.schema import load_schema, published_schema
from bestservice.data import cells
from bestservice.files import linked_destination, write_files


def schema_version(kind: str) -> str:
    return str(load_schema(kind).get("x-schema-version", "1.0"))


def build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now(dt.UTC)
    return day.replace(microsecond=0).isoformat()


def _sort_key(doc) -> tuple:
    return (-(doc.fiscal_year or 0), doc.id)


def collection(kind: str, documents, generated: str | None = None, holds: dict | None = None) -> dict:
    items = [doc.data for doc in sorted(documents, key=_sort_key)]
    return {
        "schema_version": schema_version(kind),
        "schema": f"{kind}.schema.json",
        "generated": generated or build_date(),
        "count": len(items),
        **({"holds": holds} if holds is not None else {}),
        "items": items,
    }


def project_holdings(content: Content, reference: Reference) -> dict:
    """What projects.json counts: Best Service projects, other public records and proposals, apart."""
    counted = tally([doc.data for doc in content.projects], reference)
    return {
        "note_th": (
            "count นับทุกระเบียนรวมกัน: โครงการ Best Service ที่อนุมัติแล้ว ระเบียนที่รวบรวมจากแหล่งข้อมูลสาธารณะ (record: archive แยกตาม kind) "
            "และข้อเสนอที่ยังไม่มีมติคณะกรรมการ (record: proposal ไม่มี decision) ซึ่งไม่นับเป็นโครงการ ใช้ตัวเลขแยกประเภทด้านล่าง"
        ),
        **counted.as_dict(),
    }


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def collection_json(value: dict) -> str:
    """A collection with one item per line: still readable and diff-friendly, and written by
    json's C encoder (an indented dump of 5,000 projects takes its slow pure-Python path, 10x)."""
    head = {key: item for key, item in value.items() if key != "items"}
    lines = [f" {json.dumps(key)}: {json.dumps(item, ensure_ascii=False)}," for key, item in head.items()]
    items = ",\n".join("  " + json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in value["items"])
    return "{\n" + "\n".join(lines) + '\n "items": [' + ("\n" + items + "\n ]" if items else "]") + "\n}\n"


def projects_csv(content: Content, reference: Reference) -> str:
    """UTF-8 with BOM (Excel then shows Thai), one row per project."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cells.column_header(path) for path in cells.CSV_FIELDS] + ["ชื่อหน่วยงาน (unit_name)", "หน้าโครงการ (page)"])
    for doc in sorted(content.projects, key=_sort_key):
        row = [cells.write_cell(doc.data, path, reference) for path in cells.CSV_FIELDS]
        writer.writerow(row + [cells.guard(reference.unit_name(str(doc.data.get("unit", "")))), urls.project(doc.id)])
    return "\ufeff" + out.getvalue()


def export_files(content: Content, reference: Reference, generated: str | None = None) -> dict[str, str]:
    """Every open-data file, by its path under data/."""
    generated = generated or build_date()
    return {
        "projects.json": collection_json(collection("project", content.projects, generated, project_holdings(content, reference))),
        "lessons.json": collection_json(collection("lesson", content.lessons, generated)),
        "projects.csv": projects_csv(content, reference),
        "project.schema.json": to_json(published_schema("project", reference)),
        "lesson.schema.json": to_json(published_schema("lesson", reference)),
    }


def write_export(directory: Path, content: Content, reference: Reference, force: bool = False) -> list[Path]:
    """Write the files into a folder, each atomically; files of an earlier export are replaced only with `force`."""
    refused = linked_destination(directory)
    if refused:
        raise ContentError(refused)
    return write_files(directory, {Path(directory) / name: text for name, text in export_files(content, reference).items()}, force)


# --- the data page ------------------------------------------------------------------------------


def _md(text) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def _type_of(node: dict) -> str:
    kind = node.get("type", "")
    if isinstance(kind, list):
        return " / ".join(kind)
    if kind == "array":
        inner = node.get("items", {})
        return f"array of {inner.get('type', 'object')}"
    return kind


def field_rows(kind: str, reference: Reference) -> list[tuple]:
    schema = published_schema(kind, reference)
    always = set(schema.get("required", []))
    proposal = set()
    for rule in schema.get("allOf", []):
        if rule.get("if", {}).get("properties", {}).get("record"):
            proposal = set(rule.get("else", {}).get("required", []))
    rows = []

    def walk(properties: dict, prefix: str):
        for name, node in properties.items():
            key = f"{prefix}{name}"
            need = "ต้องมี" if not prefix and name in always else ("ต้องมีใน proposal" if not prefix and name in proposal else "")
            rows.append((key, node.get("title", ""), _type_of(node), need, node.get("description", "")))
            if node.get("type") == "object":
                walk(node.get("properties", {}), f"{key}.")
            elif node.get("type") == "array" and node.get("items", {}).get("type") == "object":
                walk(node["items"].get("properties", {}), f"{key}[].")

    walk(schema.get("properties", {}), "")
    return rows


def field_table(kind: str, reference: Reference) -> str:
    lines = ["| ฟิลด์ (field) | ชื่อ | ชนิด | ต้องมี | คำอธิบาย |", "|---|---|---|---|---|"]
    for key, title, kind_name, need, description in field_rows(kind, reference):
        lines.append(f"| `{key}` | {_md(title)} | {_md(kind_name)} | {need} | {_md(description)} |")
    return "\n".join(lines)


def _holdings_lines(holds: dict) -> str:
    lines = []
    for group in (holds["best_service_projects"], holds["other_public_records"]):
        lines.append(f"- {group['name_th']} {group['count']} รายการ")
        lines += [f"  - {c['name_th']} ({c['source_th']}) {c['count']}" + (f": {_md(c['holds_th'])}" if c["holds_th"] else "") for c in group["collections"]]
    lines.append(f"- ข้อเสนอโครงการที่รอมติคณะกรรมการ {holds['proposals_waiting_for_a_decision']} · ข้อเสนอที่ไม่อนุมัติ {holds['rejected_proposals']} (ไม่นับเป็นโครงการ)")
    return "\n".join(lines)


def data_page(content: Content, reference: Reference) -> str:
    """Markdown of the data/ page: what each file holds, how to read it, every field."""
    example = next((doc.data for doc in sorted(content.projects, key=_sort_key)), {"id": "example"})
    example_json = json.dumps({"schema_version": schema_version("project"), "generated": "…", "count": 1, "items": [example]}, ensure_ascii=False, indent=1)
    example_json = example_json.replace("```", "` ` `")
    return f"""---
title: ข้อมูลเปิด (open data)
---

# ข้อมูลเปิด (open data)

ข้อมูลโครงการและบทเรียนทั้งหมดในคลังความรู้นี้ ดาวน์โหลดไปใช้ต่อได้ ไฟล์สร้างใหม่ทุกครั้งที่ปรับปรุงเว็บไซต์
จากไฟล์ต้นฉบับชุดเดียวกับที่แสดงบนเว็บไซต์ มีบทเรียน {len(content.lessons)} เรื่อง และระเบียนโครงการ {len(content.projects)} รายการ แต่ละประเภทนับแยกกัน:

{_holdings_lines(project_holdings(content, reference))}

ทุกระเบียนบอกเองว่าเป็นอะไร: `record` (`proposal` หรือ `archive`), `kind` (ประเภทผลงาน) และ `decision` (มติคณะกรรมการ)
ข้อเสนอที่ยังไม่มีมติอยู่ในไฟล์ด้วยแต่ไม่ใช่โครงการ ตัวเลขเดียวกันนี้อยู่ใน `holds` ของ `projects.json`

| ไฟล์ | เนื้อหา |
|---|---|
| [projects.json](projects.json) | ระเบียนโครงการทั้งหมด ทุกประเภท (JSON: `schema_version`, `generated`, `count`, `items`) |
| [lessons.json](lessons.json) | บทเรียนทั้งหมด (JSON รูปแบบเดียวกัน) |
| [projects.csv](projects.csv) | โครงการหนึ่งแถวต่อหนึ่งโครงการ ทุกฟิลด์ เปิดและแก้ด้วย Excel ได้ (UTF-8 มี BOM) แล้วนำเข้ากลับได้ครบ (ดู[รูปแบบช่องในตาราง](#projects-csv)) |
| [project.schema.json](project.schema.json) | JSON Schema ของโครงการ (รายการรหัสหน่วยงาน เครื่องมือ และด้านนโยบายเติมจากข้อมูลอ้างอิงแล้ว) |
| [lesson.schema.json](lesson.schema.json) | JSON Schema ของบทเรียน |
| [../feed.xml](../feed.xml) | ฟีด Atom ของโครงการและบทเรียนที่เพิ่มใหม่ (แต่ละหน่วยงานมีฟีดของตนเองที่ `units/<รหัสหน่วยงาน>/feed.xml`) |

ทุกรายการใน `items` ผ่านการตรวจกับ JSON Schema ที่เผยแพร่คู่กัน เลขรุ่นของโครงสร้างข้อมูลอยู่ที่ `schema_version`
(ถ้าเลขหลักแรกเปลี่ยน แปลว่าโครงสร้างเปลี่ยนแบบไม่เข้ากันกับรุ่นก่อน) ปีงบประมาณเป็นปี พ.ศ. วันที่เป็นแบบ ค.ศ. `YYYY-MM-DD`

คำสั่งเดียวกันจากเครื่องของทีมดูแลข้อมูล: `bestservice export --out โฟลเดอร์`

## ตัวอย่างการใช้

Python:

```python
import json, urllib.request
data = json.load(urllib.request.urlopen("https://<ที่อยู่เว็บไซต์>/data/projects.json"))
for project in data["items"]:
    print(project["fiscal_year"], project["unit"], project["title"])
```

Excel: เปิด `projects.csv` ได้โดยตรง (ภาษาไทยแสดงถูกต้องเพราะไฟล์มี BOM) หรือใช้ Data → From Text/CSV แล้วเลือก UTF-8

ตัวอย่างข้อมูลหนึ่งโครงการใน `projects.json`:

```json
{example_json}
```

## รูปแบบช่องใน projects.csv {{#projects-csv}}

ตารางนี้แก้ใน Excel แล้วนำเข้ากลับด้วย `bestservice import projects.csv` (หรือไฟล์ .xlsx ที่บันทึกจาก Excel) ได้ครบทุกฟิลด์
ส่งออกแล้วนำเข้าแล้วส่งออกอีกครั้งได้ค่าเดิมทุกค่า

- หัวคอลัมน์เป็น `ชื่อภาษาไทย (ชื่อฟิลด์)` ฟิลด์ย่อยของชุดข้อมูลแยกเป็นคอลัมน์ของตัวเอง เช่น `budget.source`
- ช่องที่มีหลายค่า (เช่น วัตถุประสงค์ เครื่องมือ ภาคีภายนอก) เขียน **หนึ่งค่าต่อหนึ่งบรรทัด** ในช่อง (ใน Excel กด Alt+Enter เพื่อขึ้นบรรทัดใหม่ในช่อง)
- ช่องที่เป็นรายการของชุดข้อมูล เขียนหนึ่งรายการต่อหนึ่งบรรทัด สองฟิลด์หลักขึ้นต้นแบบ `ค่าแรก = ค่าที่สอง`
  ฟิลด์อื่นตามหลังแบบ `| ชื่อฟิลด์: ค่า` (ใช้ชื่อฟิลด์ภาษาอังกฤษหรือชื่อภาษาไทยตามสคีมาก็ได้ ฟิลด์ที่ไม่มีค่าไม่ต้องเขียน)
  เช่น ตัวชี้วัดหนึ่งบรรทัด `ระยะเวลารอคอย (นาที) = 15 | type: outcome | baseline: 45 | result: 12 | lower_is_better: true`
{cells.entry_guide()}
- ในช่องที่มีหลายค่า ค่าที่มี `|` `=` เครื่องหมายคำพูด หรือขึ้นบรรทัดใหม่ และข้อความที่อ่านได้เป็นตัวเลข ถูกเขียนในเครื่องหมายคำพูดแบบ JSON
  เช่น `"85"` คือข้อความ 85 ส่วน `85` คือตัวเลข (ข้อความที่ขึ้นหรือลงท้ายด้วยช่องว่างก็เขียนแบบนี้ทุกช่อง)
- ใช่/ไม่ใช่เขียน `true`/`false` ปีงบประมาณเป็นปี พ.ศ. วันที่เป็น ค.ศ. `YYYY-MM-DD` รายการที่ว่างเขียน `[]`
- ช่องที่ขึ้นต้นด้วย `=` `+` `-` `@` หรือ `'` มีเครื่องหมาย `'` นำหน้าเพื่อไม่ให้ Excel คำนวณเป็นสูตร การนำเข้าตัดออกให้
- ช่องที่เขียนผิดรูปแบบ การนำเข้าจะบอกแถว คอลัมน์ และบรรทัดในช่อง พร้อมวิธีแก้ และไม่เขียนไฟล์ใดเลยจนกว่าจะแก้ครบ
- เนื้อหาหลังส่วนหัวของแต่ละไฟล์ (Markdown) ไม่อยู่ในตาราง เช่นเดียวกับใน `projects.json`

## ฟิลด์ของโครงการ (project.schema.json)

{field_table("project", reference)}

## ฟิลด์ของบทเรียน (lesson.schema.json)

{field_table("lesson", reference)}
"""
