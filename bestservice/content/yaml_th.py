"""The YAML parser's messages in Thai: what a contributor can act on, never the parser's English.

The parser (libyaml, or PyYAML's own when libyaml is missing) says what it was doing (`context`) and
what it found (`problem`); each row names words of either and says it in Thai. The line comes with
the problem (content.load); what no row knows is said in general words, still in Thai.
"""

from __future__ import annotations

import yaml

YAML_ERRORS_TH = [  # (words in the parser's message, what a contributor can act on)
    ("quoted scalar", "เครื่องหมายคำพูดเปิดไว้แต่ไม่ได้ปิด (หรือมีเครื่องหมาย \\ ที่ใช้ไม่ได้ในข้อความ)"),
    ("mapping values are not allowed", "มีเครื่องหมาย : ในที่ที่ไม่ควรมี (ย่อหน้าไม่ตรงกัน หรือข้อความที่มี : ต้องอยู่ในเครื่องหมายคำพูด)"),
    ("cannot start any token", "มีอักขระที่ขึ้นต้นค่าไม่ได้ เช่น ย่อหน้าด้วยปุ่ม Tab (ต้องใช้การเว้นวรรค) หรือ @ ` % (ต้องใส่ค่าในเครื่องหมายคำพูด)"),
    ("flow sequence", "รายการในวงเล็บ [ ] เขียนไม่ครบหรือไม่ได้ปิดวงเล็บ"),
    ("flow mapping", "ชุดค่าในวงเล็บ { } เขียนไม่ครบหรือไม่ได้ปิดวงเล็บ"),
    ("block collection", "รายการที่ขึ้นต้นด้วย - ย่อหน้าไม่ตรงกัน หรือมีฟิลด์ปนอยู่ในรายการ"),
    ("block mapping", "ย่อหน้าของบรรทัดนี้ไม่ตรงกับฟิลด์อื่นในระดับเดียวกัน"),
    ("block scalar", "ข้อความหลายบรรทัดที่ขึ้นต้นด้วย | หรือ > ต้องขึ้นบรรทัดใหม่ต่อจากเครื่องหมายนั้น"),
    ("another document", "มีบรรทัด --- เกินมาในส่วนหัว (ส่วนหัวมีได้เพียงชุดเดียว)"),
    ("alias", "มีเครื่องหมาย * นำหน้าค่า (ถ้าเป็นข้อความ ให้ใส่ในเครื่องหมายคำพูด)"),
    ("anchor", "มีเครื่องหมาย & นำหน้าค่า (ถ้าเป็นข้อความ ให้ใส่ในเครื่องหมายคำพูด)"),
    ("nesting depth", "ข้อมูลซ้อนกันลึกเกินไป"),
]
UNKNOWN = "รูปแบบของบรรทัดนี้ไม่ถูกต้อง"


def explain_yaml_error(err: yaml.MarkedYAMLError) -> str:
    said = f"{err.context} {err.problem}"
    return next((thai for words, thai in YAML_ERRORS_TH if words in said), UNKNOWN)
