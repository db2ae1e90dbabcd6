#!/usr/bin/env python3
"""Generate a synthetic Best Service catalogue for tests and benchmarks (never committed as content).

    python scripts/synthetic.py OUT --projects 1000 --lessons 100 --seed 1

writes OUT/projects/<fiscal year>/<id>.md and OUT/lessons/<id>.md, and makes OUT a knowledge base
over them (mkdocs.yml inheriting the repo's, its docs/ and reference/ linked), so that

    cd OUT && bestservice validate && mkdocs build

The text is composed from Thai building blocks (services, problems, root causes, target groups,
channels, places) so that word breaking, search and similarity see realistic Thai. Every field kind
of the schema occurs: proposal and archive records, partners, Big Idea among districts of one
group, long-term projects with yearly targets, continuations with what's new (pointing to earlier
years), extensions, awards, progress, KPIs with baseline/target/result, achievement percent, policy
dimensions valid for the year, tools. The output is deterministic for a given seed and passes
`bestservice validate`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "reference"

# Proposals are generated for the fiscal years the policy reference data covers; archive records
# (public records of past projects) also go back before that, without policy dimensions.
PROPOSAL_YEARS = list(range(2561, 2570))
ARCHIVE_YEARS = list(range(2555, 2569))


# --- Thai building blocks ----------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    slug: str
    service: str  # what the service is about
    action: str  # what the project does (title fragment)
    problem: str
    root_cause: str
    kpi: str
    kpi_unit: str
    baseline: float
    target: float
    lower_is_better: bool
    dimension: str  # chadchart-9-good dimension id
    tools: tuple[str, ...]


TOPICS = [
    Topic(
        "queue",
        "งานทะเบียนราษฎร",
        "ลดเวลารอคอยรับบริการงานทะเบียนราษฎร",
        "ผู้รับบริการต้องรอคิวนานในช่วงเช้าและช่วงพักกลางวัน ทำให้มีเรื่องร้องเรียนซ้ำทุกเดือน",
        "ขั้นตอนการตรวจเอกสารซ้ำซ้อนและไม่มีระบบนัดหมายล่วงหน้า",
        "เวลารอคอยเฉลี่ยต่อราย",
        "นาที",
        45,
        15,
        True,
        "management",
        ("lean", "process-redesign"),
    ),
    Topic(
        "tax",
        "การชำระภาษีที่ดินและสิ่งปลูกสร้าง",
        "อำนวยความสะดวกการชำระภาษีที่ดินและสิ่งปลูกสร้าง",
        "ผู้เสียภาษีไม่เข้าใจการประเมินภาษีและต้องเดินทางมาสำนักงานหลายครั้ง",
        "ข้อมูลการประเมินกระจายอยู่หลายฝ่ายและไม่มีช่องทางสอบถามนอกเวลาราชการ",
        "ร้อยละของผู้เสียภาษีที่ชำระได้ในครั้งเดียว",
        "ร้อยละ",
        62,
        90,
        False,
        "economy",
        ("customer-driven", "lean"),
    ),
    Topic(
        "waste",
        "การจัดเก็บขยะมูลฝอย",
        "คัดแยกขยะต้นทางและจัดเก็บขยะตรงเวลา",
        "ขยะตกค้างในซอยแคบและจุดพักขยะส่งกลิ่นรบกวนชุมชน",
        "รถเก็บขนขยะเข้าซอยแคบไม่ได้และชุมชนไม่รู้ตารางการจัดเก็บ",
        "ปริมาณขยะที่ต้องนำไปกำจัดต่อวัน",
        "ตัน",
        120,
        95,
        True,
        "environment",
        ("performance-metrics", "marketing-strategy"),
    ),
    Topic(
        "flood",
        "การระบายน้ำและแก้ไขน้ำท่วมขัง",
        "แจ้งเตือนและแก้ไขจุดน้ำท่วมขังอย่างรวดเร็ว",
        "ถนนในชุมชนมีน้ำท่วมขังนานหลังฝนตกหนัก ประชาชนสัญจรลำบาก",
        "ท่อระบายน้ำอุดตันและไม่มีระบบรับแจ้งจุดท่วมแบบเรียลไทม์",
        "ระยะเวลาที่น้ำท่วมขังเฉลี่ย",
        "ชั่วโมง",
        6,
        2,
        True,
        "safety",
        ("performance-metrics", "tqm"),
    ),
    Topic(
        "elderly",
        "การดูแลผู้สูงอายุที่บ้าน",
        "ดูแลผู้สูงอายุติดบ้านติดเตียงถึงบ้าน",
        "ผู้สูงอายุติดเตียงเดินทางมารับบริการที่ศูนย์บริการสาธารณสุขไม่ได้",
        "ขาดข้อมูลผู้สูงอายุรายบุคคลและเจ้าหน้าที่เยี่ยมบ้านมีจำนวนจำกัด",
        "จำนวนผู้สูงอายุที่ได้รับการเยี่ยมบ้าน",
        "ราย",
        80,
        300,
        False,
        "health",
        ("customer-driven", "e-service"),
    ),
    Topic(
        "clinic",
        "บริการตรวจรักษาที่ศูนย์บริการสาธารณสุข",
        "ลดความแออัดในศูนย์บริการสาธารณสุข",
        "ผู้ป่วยโรคเรื้อรังต้องรอรับยานานและศูนย์บริการสาธารณสุขแออัดในวันคลินิก",
        "การนัดหมายกระจุกในวันเดียวและการจ่ายยาใช้ขั้นตอนหลายจุด",
        "เวลารอรับยาเฉลี่ย",
        "นาที",
        90,
        30,
        True,
        "health",
        ("lean", "process-redesign"),
    ),
    Topic(
        "permit",
        "การขออนุญาตก่อสร้างอาคาร",
        "ลดขั้นตอนการขออนุญาตก่อสร้างอาคาร",
        "ผู้ยื่นคำขออนุญาตก่อสร้างต้องแก้เอกสารหลายรอบและไม่รู้สถานะคำขอ",
        "รายการเอกสารไม่ชัดเจนและการติดตามสถานะต้องโทรสอบถามเจ้าหน้าที่",
        "ระยะเวลาพิจารณาคำขอเฉลี่ย",
        "วัน",
        45,
        20,
        True,
        "transparency",
        ("lean", "customer-driven"),
    ),
    Topic(
        "school",
        "การเรียนการสอนในโรงเรียนสังกัดกรุงเทพมหานคร",
        "ส่งเสริมการอ่านออกเขียนได้ของนักเรียน",
        "นักเรียนชั้นประถมต้นจำนวนหนึ่งอ่านไม่คล่องและขาดเรียนบ่อย",
        "ผู้ปกครองไม่มีเวลาติดตามการเรียนและโรงเรียนขาดสื่อการอ่านที่เหมาะกับวัย",
        "ร้อยละของนักเรียนที่อ่านออกเขียนได้",
        "ร้อยละ",
        70,
        95,
        False,
        "education",
        ("marketing-strategy", "performance-metrics"),
    ),
    Topic(
        "traffic",
        "การจราจรหน้าโรงเรียนและชุมชน",
        "จัดระเบียบการจราจรช่วงเร่งด่วน",
        "การจราจรหน้าโรงเรียนติดขัดในช่วงเช้าและเด็กข้ามถนนไม่ปลอดภัย",
        "ไม่มีจุดจอดรับส่งนักเรียนและทางข้ามชำรุด",
        "จำนวนอุบัติเหตุบริเวณหน้าโรงเรียน",
        "ครั้งต่อปี",
        12,
        3,
        True,
        "travel",
        ("tqm", "performance-metrics"),
    ),
    Topic(
        "vendor",
        "การจัดระเบียบหาบเร่แผงลอย",
        "จัดระเบียบหาบเร่แผงลอยให้ทางเท้าเดินได้",
        "ทางเท้าถูกใช้ตั้งแผงค้าจนคนเดินเท้าต้องลงไปเดินบนถนน",
        "ผู้ค้าไม่มีพื้นที่ทำการค้าที่เหมาะสมและการบังคับใช้กฎหมายไม่ต่อเนื่อง",
        "ร้อยละของทางเท้าที่ได้มาตรฐาน",
        "ร้อยละ",
        55,
        85,
        False,
        "economy",
        ("imc", "performance-metrics"),
    ),
    Topic(
        "complaint",
        "การรับเรื่องร้องเรียนผ่าน Traffy Fondue",
        "เร่งแก้ไขเรื่องร้องเรียนของประชาชน",
        "เรื่องร้องเรียนค้างนานและประชาชนไม่ทราบผลการแก้ไข",
        "การส่งต่อเรื่องระหว่างฝ่ายล่าช้าและไม่มีผู้รับผิดชอบชัดเจน",
        "ร้อยละของเรื่องที่แก้ไขเสร็จภายใน 7 วัน",
        "ร้อยละ",
        48,
        85,
        False,
        "transparency",
        ("lean", "learning-organization"),
    ),
    Topic(
        "green",
        "สวนสาธารณะและพื้นที่สีเขียว",
        "เพิ่มพื้นที่สีเขียวใกล้บ้าน",
        "ชุมชนหนาแน่นขาดพื้นที่ออกกำลังกายและพักผ่อนที่เดินถึงได้",
        "ที่ดินรกร้างไม่ได้ใช้ประโยชน์และไม่มีผู้ดูแลพื้นที่ต่อเนื่อง",
        "จำนวนสวน 15 นาทีที่เปิดให้บริการ",
        "แห่ง",
        1,
        4,
        False,
        "environment",
        ("marketing-strategy", "imc"),
    ),
    Topic(
        "job",
        "การส่งเสริมอาชีพและการจ้างงาน",
        "ฝึกอาชีพและหางานให้คนในชุมชน",
        "ผู้ว่างงานและแม่บ้านในชุมชนขาดรายได้และไม่รู้แหล่งงาน",
        "หลักสูตรฝึกอาชีพไม่ตรงกับความต้องการของตลาดแรงงานในพื้นที่",
        "จำนวนผู้มีงานทำหลังฝึกอาชีพ",
        "ราย",
        20,
        120,
        False,
        "economy",
        ("customer-driven", "e-service"),
    ),
    Topic(
        "disabled",
        "บริการสำหรับคนพิการ",
        "อำนวยความสะดวกให้คนพิการเข้าถึงบริการ",
        "คนพิการเดินทางมาขึ้นทะเบียนและรับเบี้ยความพิการได้ยาก",
        "สถานที่ให้บริการไม่มีทางลาดและไม่มีบริการเคลื่อนที่",
        "ร้อยละความพึงพอใจของคนพิการ",
        "ร้อยละ",
        65,
        90,
        False,
        "society",
        ("customer-driven", "process-redesign"),
    ),
    Topic(
        "fire",
        "การป้องกันและบรรเทาสาธารณภัย",
        "เตรียมความพร้อมชุมชนรับมืออัคคีภัย",
        "ชุมชนแออัดเกิดเพลิงไหม้บ่อยและรถดับเพลิงเข้าถึงยาก",
        "ชุมชนขาดอุปกรณ์ดับเพลิงเบื้องต้นและอาสาสมัครที่ผ่านการฝึก",
        "เวลาเข้าถึงที่เกิดเหตุเฉลี่ย",
        "นาที",
        14,
        8,
        True,
        "safety",
        ("tqm", "performance-metrics"),
    ),
    Topic(
        "digital",
        "บริการออนไลน์ของสำนักงานเขต",
        "ยื่นคำขอและติดตามสถานะออนไลน์",
        "ประชาชนต้องลางานมายื่นเอกสารที่สำนักงานเขตในเวลาราชการ",
        "แบบฟอร์มเป็นกระดาษและระบบงานแต่ละฝ่ายไม่เชื่อมกัน",
        "ร้อยละของคำขอที่ยื่นออนไลน์",
        "ร้อยละ",
        5,
        40,
        False,
        "management",
        ("e-service", "process-redesign"),
    ),
    Topic(
        "food",
        "การตรวจสุขาภิบาลอาหาร",
        "ยกระดับร้านอาหารและแผงลอยให้ได้มาตรฐานความสะอาด",
        "ร้านอาหารริมทางจำนวนมากยังไม่ผ่านเกณฑ์สุขาภิบาลอาหาร",
        "ผู้ประกอบการไม่รู้เกณฑ์และการตรวจทำได้ปีละครั้ง",
        "ร้อยละของร้านที่ผ่านเกณฑ์",
        "ร้อยละ",
        58,
        90,
        False,
        "health",
        ("performance-metrics", "learning-organization"),
    ),
    Topic(
        "canal",
        "การดูแลคูคลองและทางน้ำ",
        "ฟื้นฟูคลองให้สะอาดและใช้สัญจรได้",
        "น้ำในคลองเน่าเสียและมีขยะลอยน้ำ ชุมชนริมคลองได้รับผลกระทบ",
        "บ้านเรือนริมคลองปล่อยน้ำเสียลงคลองโดยตรงและไม่มีบ่อดักไขมัน",
        "ค่าออกซิเจนละลายน้ำ",
        "มิลลิกรัมต่อลิตร",
        1.5,
        3.0,
        False,
        "environment",
        ("imc", "performance-metrics"),
    ),
]

TARGET_GROUPS = [
    "ประชาชนที่มาติดต่อสำนักงานเขต",
    "ผู้สูงอายุในชุมชน",
    "คนพิการและผู้ดูแล",
    "นักเรียนและผู้ปกครอง",
    "ผู้ประกอบการรายย่อย",
    "ผู้ค้าหาบเร่แผงลอย",
    "ผู้เสียภาษี",
    "ผู้ป่วยโรคเรื้อรัง",
    "แรงงานนอกระบบ",
    "ชุมชนริมคลอง",
    "ผู้อยู่อาศัยในชุมชนแออัด",
    "ผู้ยื่นคำขออนุญาต",
]
SECONDARY = ["อาสาสมัครสาธารณสุข", "ผู้นำชุมชน", "เจ้าหน้าที่สำนักงานเขต", "ครูและบุคลากรทางการศึกษา", "ภาคเอกชนในพื้นที่", "มูลนิธิและองค์กรไม่แสวงหากำไร"]
CHANNELS = [
    ("line", "ผ่านไลน์ทางการของสำนักงานเขต"),
    ("qr", "ด้วยคิวอาร์โค้ด"),
    ("mobile", "ด้วยหน่วยบริการเคลื่อนที่"),
    ("app", "ผ่านแอปพลิเคชันบนโทรศัพท์มือถือ"),
    ("onestop", "ณ จุดบริการเบ็ดเสร็จ"),
    ("volunteer", "ร่วมกับอาสาสมัครในชุมชน"),
    ("weekend", "ในวันหยุดราชการ"),
    ("kiosk", "ด้วยตู้บริการอัตโนมัติ"),
]
PLACES = ["ชุมชนหลังวัด", "ตลาดชุมชน", "ซอยแคบ", "ริมคลอง", "หมู่บ้านจัดสรร", "อาคารสงเคราะห์", "โรงเรียนในสังกัด", "ศูนย์บริการสาธารณสุข", "ลานกีฬาชุมชน"]
BRANDS = ["ยิ้มได้", "ใส่ใจ", "ทันใจ", "ใกล้บ้าน", "ไร้รอยต่อ", "สุขใจ", "ปันสุข", "เติมฝัน", "รักษ์ถิ่น", "พร้อมใจ", "ก้าวไกล", "อุ่นใจ"]
METHODS = [
    "สำรวจความต้องการด้วยแบบสอบถามและสัมภาษณ์ผู้รับบริการ {n} ราย",
    "จัดเวทีประชาคมรับฟังความเห็นของชุมชน {n} ครั้ง",
    "วิเคราะห์สถิติเรื่องร้องเรียนย้อนหลัง {n} เดือน",
    "สังเกตการณ์ที่จุดให้บริการและจับเวลาแต่ละขั้นตอน {n} วัน",
]
ACTIVITY_STEPS = [
    "ออกแบบขั้นตอนการให้บริการใหม่ร่วมกับผู้รับบริการ",
    "อบรมเจ้าหน้าที่ผู้ให้บริการ",
    "ประชาสัมพันธ์ผ่านผู้นำชุมชนและสื่อออนไลน์",
    "จัดทำคู่มือและป้ายบอกขั้นตอนที่อ่านง่าย",
    "ติดตามผลรายเดือนและปรับปรุงตามข้อเสนอแนะ",
    "จัดทำฐานข้อมูลผู้รับบริการรายบุคคล",
    "ทดลองให้บริการนำร่องในพื้นที่ {place}",
    "ประสานหน่วยงานที่เกี่ยวข้องเพื่อแก้ปัญหาที่ต้นเหตุ",
    "ขยายผลไปยังชุมชนใกล้เคียง",
]
RISKS = ["เจ้าหน้าที่ย้ายหรือเปลี่ยนบ่อย ทำให้ความรู้ไม่ต่อเนื่อง", "ผู้สูงอายุบางส่วนไม่ถนัดใช้เทคโนโลยี", "งบประมาณไม่เพียงพอในปีถัดไป", "สภาพอากาศในฤดูฝนกระทบการลงพื้นที่"]
EXTERNAL = ["มูลนิธิกระจกเงา", "สำนักงานหลักประกันสุขภาพแห่งชาติ", "มหาวิทยาลัยในพื้นที่", "สมาคมผู้ค้า", "การไฟฟ้านครหลวง", "สถานีตำรวจนครบาลในพื้นที่", "ชมรมผู้สูงอายุ"]
LESSON_WORKED = [
    "ให้ผู้รับบริการร่วมออกแบบตั้งแต่ต้นทำให้บริการตรงความต้องการ",
    "ผู้บริหารเขตติดตามผลทุกเดือนทำให้งานไม่สะดุด",
    "ใช้ข้อมูลจริงจากเรื่องร้องเรียนกำหนดเป้าหมาย",
    "ทำงานร่วมกับผู้นำชุมชนช่วยให้เข้าถึงกลุ่มเป้าหมายได้เร็ว",
    "เริ่มจากพื้นที่นำร่องเล็ก ๆ ก่อนขยายผล",
    "แบ่งบทบาทหน่วยงานร่วมชัดเจนพร้อมตัวชี้วัดของแต่ละหน่วย",
]
LESSON_DIDNT = ["ประชาสัมพันธ์ทางออนไลน์อย่างเดียวไม่ถึงผู้สูงอายุ", "ตั้งเป้าหมายสูงเกินไปในปีแรก", "ไม่ได้เก็บค่าฐานก่อนเริ่มโครงการ ทำให้เทียบผลได้ยาก"]
LESSON_WHY = ["ผู้นำชุมชนช่วยบอกต่อ", "ช่องทางใหม่ยังไม่มีคนรู้จัก", "เจ้าหน้าที่ที่ดูแลย้ายกลางปี", "ข้อมูลค่าฐานไม่ครบตั้งแต่ต้น"]
CONTACT_ROLES = ["หัวหน้าฝ่ายทะเบียน", "หัวหน้าฝ่ายพัฒนาชุมชน", "หัวหน้าฝ่ายรักษาความสะอาด", "ผู้อำนวยการส่วนบริการ"]
PRECONDITIONS = ["ผู้บริหารหน่วยงานสนับสนุน", "ข้อมูลผู้รับบริการรายบุคคล", "เจ้าหน้าที่ที่ดูแลต่อเนื่องทั้งปี", "งบประมาณสำหรับประชาสัมพันธ์"]
FOR_WHOM = ["สำนักงานเขตที่มีชุมชนหนาแน่น", "หน่วยงานที่มีเรื่องร้องเรียนซ้ำ", "ศูนย์บริการสาธารณสุข", "หน่วยงานที่เริ่มใช้บริการออนไลน์", "โรงเรียนสังกัดกรุงเทพมหานคร"]
STATUSES = ["proposed", "approved", "running", "evaluated"]


# --- helpers -------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Never write anchors or aliases: the loader refuses them (alias bombs)."""

    def ignore_aliases(self, data):
        return True


def knowledge_base_over(
    folder: Path, projects: Path | None = None, lessons: Path | None = None, settings: dict | None = None, reference: Path | None = None
) -> Path:
    """Make `folder` a knowledge base whose content is `projects` and `lessons` (default: its own
    projects/ and lessons/) and whose site is this repo's (docs/, reference/ linked unless another
    `reference` folder is given, mkdocs.yml inherited, plus `settings`). Returns its mkdocs.yml:
    build it with `mkdocs build -f`."""
    folder = Path(folder).absolute()
    folder.mkdir(parents=True, exist_ok=True)
    links = {"docs": ROOT / "docs", "overrides": ROOT / "overrides", "reference": reference or REFERENCE, "projects": projects, "lessons": lessons}
    for name, target in links.items():
        place = folder / name
        if target is None:
            place.mkdir(exist_ok=True)
        elif Path(target).absolute() != place:
            if place.is_symlink():
                place.unlink()
            place.symlink_to(Path(target).absolute(), target_is_directory=True)
    config = folder / "mkdocs.yml"
    config.write_text(json.dumps({"INHERIT": str(ROOT / "mkdocs.yml"), **(settings or {})}, ensure_ascii=False), encoding="utf-8")
    return config


def _yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


def _reference() -> tuple[list[dict], dict[str, list[str]], list[str], list[str], list[str]]:
    units = yaml.safe_load((REFERENCE / "units.yaml").read_text(encoding="utf-8"))["units"]
    groups: dict[str, list[str]] = {}
    for unit in units:
        if unit["type"] == "district":
            groups.setdefault(unit["group"], []).append(unit["id"])
    tools = [t["id"] for t in yaml.safe_load((REFERENCE / "tools.yaml").read_text(encoding="utf-8"))["tools"]]
    awards = yaml.safe_load((REFERENCE / "awards.yaml").read_text(encoding="utf-8"))
    return units, groups, tools, [k["id"] for k in awards["award_kinds"]], [k["id"] for k in awards["record_kinds"]]


def _dimensions(fiscal_year: int) -> list[str] | None:
    policies = yaml.safe_load((REFERENCE / "policies.yaml").read_text(encoding="utf-8"))["policy_sets"]
    for policy_set in policies:
        years = policy_set["fiscal_years"]
        if years["from"] <= fiscal_year and (years.get("to") is None or fiscal_year <= years["to"]):
            return [d["id"] for d in policy_set["dimensions"]]
    return None


def _fy_start(fy: int) -> dt.date:
    return dt.date(fy - 544, 10, 1)


def _fy_end(fy: int) -> dt.date:
    return dt.date(fy - 543, 9, 30)


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _thai_date(day: dt.date) -> str:
    months = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
    return f"{day.day} {months[day.month - 1]} {day.year + 543}"


# --- the generator -------------------------------------------------------------------------------


def generate(out_dir: Path | str, n_projects: int, n_lessons: int, seed: int = 1) -> dict:
    """Write n_projects projects and n_lessons lessons under out_dir; return counts by kind of field."""
    out = Path(out_dir)
    rng = random.Random(seed)
    units, groups, tools, award_kinds, record_kinds = _reference()
    unit_by_id = {u["id"]: u for u in units}
    dims_by_year = {fy: _dimensions(fy) for fy in set(PROPOSAL_YEARS + ARCHIVE_YEARS)}
    tool_set = set(tools)
    projects_dir, lessons_dir = out / "projects", out / "lessons"
    for folder in (projects_dir, lessons_dir):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)

    # Plan the records first (year, unit, topic), oldest first, so continuations point back in time.
    # A Big Idea is one idea run by several districts of the same group in the same year.
    plans = []
    while len(plans) < n_projects:
        archive = rng.random() < 0.3
        fiscal_year = rng.choice(ARCHIVE_YEARS if archive else PROPOSAL_YEARS)
        unit, topic = rng.choice(units), rng.choice(TOPICS)
        if unit["type"] == "district" and rng.random() < 0.12:
            key = f"big-idea-{unit['group']}-{topic.slug}-{fiscal_year}"
            others = [d for d in groups[unit["group"]] if d != unit["id"]]
            members = [unit["id"], *rng.sample(others, min(len(others), rng.randint(1, 3)))]
            for member in members[: n_projects - len(plans)]:
                plans.append((fiscal_year, len(plans), archive, member, topic, key))
        else:
            plans.append((fiscal_year, len(plans), archive, unit["id"], topic, None))
    plans.sort(key=lambda plan: (plan[0], plan[1]))
    latest_year = plans[-1][0] if plans else 0

    stats = {
        k: 0
        for k in (
            "proposal",
            "archive",
            "partners",
            "big_idea",
            "long_term",
            "continues",
            "extends",
            "awards",
            "progress",
            "achievement",
            "decision",
            "lessons",
        )
    }
    written: list[dict] = []  # id, fiscal_year, unit, topic
    for number, (fiscal_year, _index, archive, unit_id, topic, big_idea) in enumerate(plans, start=1):
        unit = unit_by_id[unit_id]
        channel_slug, channel = rng.choice(CHANNELS)
        brand = rng.choice(BRANDS)
        place = rng.choice(PLACES)
        target_group = rng.choice(TARGET_GROUPS)
        short = unit.get("short_th") or unit["name_th"]
        project_id = f"{unit_id}-{topic.slug}-{channel_slug}-{fiscal_year}-{number:05d}"
        title = rng.choice(
            [
                f"โครงการ{topic.action}{channel}",
                f"โครงการ {short} {brand} {topic.action}",
                f"โครงการ{topic.service}{brand}สำหรับ{target_group}",
                f"โครงการ{topic.action}ใน{place}{short}",
            ]
        )
        summary = f"{short}{topic.action}{channel} ให้{target_group}ใช้บริการด้าน{topic.service}ได้สะดวก รวดเร็ว และโปร่งใสกว่าเดิม"
        data: dict = {"id": project_id, "title": title}
        if archive:
            data["record"] = "archive"
            data["kind"] = rng.choice(record_kinds)
            if rng.random() < 0.3:
                data["title_is_official"] = False
                data["fiscal_year_note"] = f"อนุมานจากวันที่ในแหล่งข้อมูล ({_thai_date(_day(rng, _fy_start(fiscal_year), _fy_end(fiscal_year)))})"
        else:
            data["record"] = "proposal"
            data["kind"] = "best_service"
        data["fiscal_year"] = fiscal_year
        data["unit"] = unit_id
        if rng.random() < 0.4:
            data["unit_detail"] = rng.choice(
                ["ฝ่ายทะเบียน", "ฝ่ายรายได้", "ฝ่ายรักษาความสะอาดและสวนสาธารณะ", "ฝ่ายโยธา", "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม", "ศูนย์บริการสาธารณสุข 12"]
            )
        if rng.random() < 0.25:
            candidates = [u["id"] for u in units if u["id"] != unit_id]
            partner_ids = rng.sample(candidates, rng.randint(1, 3))
            data["partners"] = [
                {"unit": pid, "responsibility": f"สนับสนุน{rng.choice(ACTIVITY_STEPS).format(place=place)}", "measure": f"{topic.kpi}ในพื้นที่ที่รับผิดชอบ"}
                if rng.random() < 0.7
                else {"unit": pid, "responsibility": f"ร่วมให้บริการ{topic.service}"}
                for pid in partner_ids
            ]
            stats["partners"] += 1
        if rng.random() < 0.3:
            data["other_partners"] = rng.sample(EXTERNAL, rng.randint(1, 2))
        if big_idea:
            data["big_idea"] = big_idea
            stats["big_idea"] += 1
        long_term = not archive and rng.random() < 0.15
        last_year = fiscal_year
        if long_term:
            last_year = fiscal_year + rng.randint(1, 2)
            data["long_term"] = True
            data["end_fiscal_year"] = last_year
            data["yearly_targets"] = [
                {
                    "fiscal_year": year,
                    "target": f"{topic.kpi}{'ไม่เกิน' if topic.lower_is_better else 'ไม่น้อยกว่า'} {_step(topic, (year - fiscal_year + 1) / (last_year - fiscal_year + 1))} {topic.kpi_unit}",
                }
                for year in range(fiscal_year, last_year + 1)
            ]
            stats["long_term"] += 1
        data["summary"] = summary
        earlier = [w for w in written if w["fiscal_year"] < fiscal_year and (w["unit"] == unit_id or w["topic"] == topic.slug)]
        same_topic = [w for w in earlier if w["topic"] == topic.slug]
        # In the latest year the similar-projects check (criterion 12) refuses an undeclared repeat of an
        # earlier project on the same topic, as it would for a real proposal: such projects continue one.
        must_continue = fiscal_year == latest_year and bool(same_topic)
        if must_continue or (earlier and rng.random() < 0.2):
            before = same_topic[-1] if must_continue else rng.choice(earlier[-50:])
            data["continues"] = before["id"]
            data["whats_new"] = f"ต่อยอดจากโครงการปีงบประมาณ {before['fiscal_year']} โดยเพิ่มบริการ{channel}และขยายกลุ่มเป้าหมายไปยัง{rng.choice(TARGET_GROUPS)}"
            stats["continues"] += 1
        elif written and rng.random() < 0.05:
            data["extends"] = rng.choice(written[-100:])["id"]
            stats["extends"] += 1
        dims = dims_by_year.get(fiscal_year)
        with_details = not archive or rng.random() < 0.5
        if with_details:
            data["recipients"] = {"primary": [target_group]}
            if rng.random() < 0.7:
                data["recipients"]["secondary"] = rng.sample(SECONDARY, 2)
            data["problem"] = f"{topic.problem} โดยเฉพาะใน{place}"
            data["root_cause"] = topic.root_cause
            data["needs_survey"] = rng.choice(METHODS).format(n=rng.randint(3, 400)) + f" พบว่า{target_group}ต้องการบริการ{channel}"
            if rng.random() < 0.6:
                data["potential_analysis"] = f"{short}มีเจ้าหน้าที่ {rng.randint(3, 25)} คน มีเครือข่ายอาสาสมัครในชุมชนและอุปกรณ์คอมพิวเตอร์เพียงพอ"
                data["gap_analysis"] = f"ยังขาดระบบ{channel.removeprefix('ผ่าน').removeprefix('ด้วย')}และทักษะการวิเคราะห์ข้อมูลของเจ้าหน้าที่"
            data["objectives"] = [f"เพื่อ{topic.action}", f"เพื่อเพิ่มความพึงพอใจของ{target_group}", "เพื่อลดเรื่องร้องเรียนซ้ำ"][: rng.randint(1, 3)]
            steps = rng.sample(ACTIVITY_STEPS, 4)
            data["activities"] = " ".join(f"({i}) {step.format(place=place)}" for i, step in enumerate(steps, start=1))
            data["service_standard"] = (
                f"ให้บริการ{topic.service}เสร็จภายใน {rng.choice([15, 20, 30, 60])} นาที ทุกขั้นตอนมีป้ายบอกชัดเจน และแจ้งผลภายใน {rng.randint(1, 7)} วันทำการ"
            )
            data["kpis"] = _kpis(rng, topic, archive or fiscal_year < 2568)
            if rng.random() < 0.7:
                data["budget"] = {
                    "amount_baht": rng.choice([0, 15000, 48500, 120000, 350000, 1250000]),
                    "source": rng.choice(["งบประมาณกรุงเทพมหานคร", "ไม่ใช้งบประมาณ", "เงินบริจาคจากภาคเอกชน"]),
                }
            start = _day(rng, _fy_start(fiscal_year), _fy_start(fiscal_year) + dt.timedelta(days=120))
            end = _day(rng, start + dt.timedelta(days=30), _fy_end(last_year))
            data["timeline"] = {"start": start, "end": end}
            if rng.random() < 0.4:
                data["risks"] = rng.sample(RISKS, 2)
            chosen = [t for t in topic.tools if t in tool_set] or rng.sample(tools, 1)
            if rng.random() < 0.4:
                chosen = list(dict.fromkeys([*chosen, rng.choice(tools)]))
            data["tools"] = chosen
            if dims:
                dimension = topic.dimension if topic.dimension in dims else dims[0]
                extra = [d for d in dims if d != dimension]
                data["policy_dimensions"] = [dimension] + (rng.sample(extra, 1) if extra and rng.random() < 0.3 else [])
            elif not archive:
                raise AssertionError(f"no policy set for fiscal year {fiscal_year}")
            if not archive:
                data["declarations"] = {"not_ordered": True, "not_service_center": True}
        status = "evaluated" if archive or fiscal_year <= 2567 else rng.choice(STATUSES)
        data["status"] = status
        if not archive and status != "proposed":
            # the committee approved it before the fiscal year began (no draw: the stream stays as it was)
            data["decision"] = {"status": "approved", "date": _fy_start(fiscal_year) - dt.timedelta(days=45), "reason": "ผ่านหลักเกณฑ์ครบ 12 ข้อ (ข้อมูลสังเคราะห์)"}
            stats["decision"] += 1
        if status in ("running", "evaluated") and with_details:
            entries = sorted(_day(rng, data["timeline"]["start"], data["timeline"]["end"]) for _ in range(rng.randint(1, 3)))
            data["progress"] = [
                {"date": day, "percent": min(100, round(100 * (i + 1) / len(entries))), "note": f"ดำเนินการ{rng.choice(ACTIVITY_STEPS).format(place=place)}แล้ว"}
                for i, day in enumerate(entries)
            ]
            stats["progress"] += 1
        if status == "evaluated":
            data["achievement_percent"] = round(rng.uniform(55, 100), 1)
            stats["achievement"] += 1
            if rng.random() < 0.2:
                kind = rng.choice(award_kinds)
                award = {
                    "kind": kind,
                    "name": f"รางวัล{'โครงการให้บริการที่ดีที่สุดโดดเด่น' if kind == 'best_service_outstanding' else 'คุณภาพการให้บริการ'} ประจำปีงบประมาณ พ.ศ. {fiscal_year}",
                }
                if rng.random() < 0.5:
                    award["fiscal_year"] = fiscal_year
                    award["date"] = _day(rng, _fy_end(fiscal_year), _fy_end(fiscal_year) + dt.timedelta(days=90))
                data["awards"] = [award]
                stats["awards"] += 1
        if archive:
            data["sources"] = [{"url": f"https://example.bangkok.go.th/synthetic/{project_id}", "title": f"ข่าวประชาสัมพันธ์ {short} (ข้อมูลสังเคราะห์)"}]
            data["confidence"] = "ข้อมูลสังเคราะห์สำหรับทดสอบ ไม่ใช่โครงการจริง"
        stats["archive" if archive else "proposal"] += 1
        body = _body(rng, data, topic, short, target_group, place)
        folder = projects_dir / str(fiscal_year)
        folder.mkdir(exist_ok=True)
        (folder / f"{project_id}.md").write_text(f"---\n{_yaml(data)}---\n\n{body}", encoding="utf-8")
        ran = data.get("status") in ("running", "evaluated")  # a lesson is learnt only from a project that ran
        written.append(
            {"id": project_id, "fiscal_year": fiscal_year, "unit": unit_id, "topic": topic.slug, "title": title, "tools": data.get("tools", []), "ran": ran}
        )

    ran = [project for project in written if project["ran"]]
    reuses: dict[str, list[str]] = {}
    for number in range(1, n_lessons + 1):
        if not ran:
            break
        sources = rng.sample(ran, min(len(ran), rng.randint(1, 3)))
        topic = next(t for t in TOPICS if t.slug == sources[0]["topic"])
        lesson_id = f"lesson-{topic.slug}-{number:05d}"
        lesson: dict = {
            "id": lesson_id,
            "title": f"บทเรียนจาก{sources[0]['title'].removeprefix('โครงการ').strip()}: {rng.choice(LESSON_WORKED)}",
            "projects": [s["id"] for s in sources],
        }
        lesson_tools = sorted({t for s in sources for t in s["tools"]})
        if lesson_tools:
            lesson["tools"] = lesson_tools
        lesson["criteria"] = sorted(rng.sample(range(1, 13), rng.randint(1, 3)))
        lesson["what_worked"] = rng.sample(LESSON_WORKED, rng.randint(1, 3))
        if rng.random() < 0.6:
            lesson["what_didnt"] = rng.sample(LESSON_DIDNT, 1)
        lesson["for_whom"] = rng.sample(FOR_WHOM, rng.randint(1, 2))
        lesson["unit"] = sources[0]["unit"]
        lesson["contact_role"] = rng.choice(CONTACT_ROLES)
        lesson["expected"] = "ผู้รับบริการได้รับบริการเร็วขึ้นและตัวชี้วัดถึงเป้าหมายภายในปีแรก"
        lesson["happened"] = " ".join(lesson["what_worked"] + lesson.get("what_didnt", []))
        lesson["why"] = rng.choice(LESSON_WHY)
        lesson["next_time"] = f"เริ่มจากการสำรวจความต้องการของผู้รับบริการ แล้วทดลองในพื้นที่นำร่องก่อนขยายผล {rng.choice(LESSON_WORKED)}"
        lesson["results"] = [{"name": "ผู้รับบริการที่ได้รับบริการ", "value": rng.randint(50, 5000), "unit": "ราย", "note": "ข้อมูลสังเคราะห์"}]
        lesson["cost_baht"] = rng.choice([0, 5000, 25000, 120000])
        lesson["effort"] = f"เจ้าหน้าที่ {rng.randint(1, 5)} คน {rng.randint(1, 6)} เดือน"
        lesson["preconditions"] = rng.sample(PRECONDITIONS, rng.randint(1, 2))
        lesson["author"] = "ทีมจัดการความรู้ สำนักงาน ก.ก. (ข้อมูลสังเคราะห์)"
        lesson["published"] = _day(rng, dt.date(2022, 1, 1), dt.date(2025, 9, 30))
        if rng.random() < 0.3:
            lesson["sources"] = [{"url": f"https://example.bangkok.go.th/synthetic/{lesson_id}", "title": "รายงานการถอดบทเรียน (ข้อมูลสังเคราะห์)"}]
        body = (
            f"## ที่มา\n\nบทเรียนนี้ถอดจากการดำเนินงานของ{len(sources)} โครงการ ด้าน{topic.service}\n\n"
            f"## สิ่งที่ได้เรียนรู้\n\n" + "\n".join(f"- {item}" for item in lesson["what_worked"]) + "\n\n"
            f"## ข้อแนะนำสำหรับหน่วยงานอื่น\n\nเริ่มจากการสำรวจความต้องการของผู้รับบริการ แล้วทดลองในพื้นที่นำร่องก่อนขยายผล {rng.choice(LESSON_WORKED)}\n"
        )
        (lessons_dir / f"{lesson_id}.md").write_text(f"---\n{_yaml(lesson)}---\n\n{body}", encoding="utf-8")
        stats["lessons"] += 1
        first = min(source["fiscal_year"] for source in sources)
        later = [project for project in written if project["fiscal_year"] > first and project["topic"] == topic.slug]
        if later and rng.random() < 0.5:
            reuses.setdefault(rng.choice(later)["id"], []).append(lesson_id)
    for project in written:
        if project["id"] in reuses:
            _add_reused_lessons(projects_dir / str(project["fiscal_year"]) / f"{project['id']}.md", reuses[project["id"]])
    return stats


def _add_reused_lessons(path: Path, lesson_ids: list[str]) -> None:
    """A later project names the lessons it reuses (the lessons are written after the projects)."""
    front, body = path.read_text(encoding="utf-8").removeprefix("---\n").split("\n---\n", 1)
    path.write_text(f"---\n{front}\nreuses_lessons: [{', '.join(lesson_ids)}]\n---\n{body}", encoding="utf-8")


def _step(topic: Topic, fraction: float):
    value = topic.baseline + (topic.target - topic.baseline) * fraction
    return round(value, 1) if isinstance(topic.baseline, float) or isinstance(topic.target, float) else round(value)


def _kpis(rng: random.Random, topic: Topic, with_result: bool) -> list[dict]:
    main: dict = {"name": topic.kpi, "type": "outcome", "unit": topic.kpi_unit, "baseline": topic.baseline, "target": topic.target}
    if topic.lower_is_better:
        main["lower_is_better"] = True
    if with_result:
        spread = abs(topic.target - topic.baseline)
        main["result"] = round(topic.target + rng.uniform(-0.4, 0.3) * spread * (1 if not topic.lower_is_better else -1), 1)
    kpis = [main]
    if rng.random() < 0.6:
        output = {"name": "จำนวนผู้รับบริการตามโครงการ", "type": "output", "unit": "ราย", "target": rng.choice([100, 250, 500, 1000])}
        if with_result:
            output["result"] = int(output["target"] * rng.uniform(0.7, 1.3))
        kpis.append(output)
    if rng.random() < 0.3:
        kpis.append({"name": "ความพึงพอใจของผู้รับบริการ", "type": "outcome", "unit": "ร้อยละ", "target": "ไม่น้อยกว่าร้อยละ 85"})
    return kpis


def _body(rng: random.Random, data: dict, topic: Topic, short: str, target_group: str, place: str) -> str:
    parts = [
        "## ความเป็นมา\n",
        f"{short}พบว่า{topic.problem} จากการรับฟังความเห็นของ{target_group}ใน{place} ต้นเหตุสำคัญคือ{topic.root_cause} จึงจัดทำโครงการนี้เพื่อ{topic.action}\n",
        "## วิธีดำเนินการ\n",
    ]
    steps = rng.sample(ACTIVITY_STEPS, 3)
    parts.append("\n".join(f"{i}. {step.format(place=place)}" for i, step in enumerate(steps, start=1)) + "\n")
    if rng.random() < 0.5:
        parts.append("## ตัวชี้วัด\n")
        parts.append(
            "| ตัวชี้วัด | ค่าฐาน | เป้าหมาย |\n|---|---|---|\n" + f"| {topic.kpi} | {topic.baseline} {topic.kpi_unit} | {topic.target} {topic.kpi_unit} |\n"
        )
    if rng.random() < 0.4:
        parts.append(f'!!! note "ข้อสังเกต"\n\n    ผู้รับบริการที่เป็น{rng.choice(TARGET_GROUPS)}ขอให้มีบริการ{rng.choice(CHANNELS)[1]}เพิ่มเติม\n')
    parts.append(f"ผลการดำเนินงานจะใช้เป็นต้นแบบให้หน่วยงานอื่นที่ให้บริการด้าน{topic.service}นำไปปรับใช้\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="สร้างคลังโครงการสังเคราะห์สำหรับทดสอบและวัดประสิทธิภาพ (synthetic catalogue)")
    parser.add_argument("out", type=Path, help="โฟลเดอร์ปลายทาง (จะสร้าง projects/ และ lessons/ ข้างใน)")
    parser.add_argument("--projects", type=int, default=1000, help="จำนวนโครงการ (default 1000)")
    parser.add_argument("--lessons", type=int, default=100, help="จำนวนบทเรียน (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="seed ของการสุ่ม (ผลเหมือนเดิมทุกครั้งเมื่อใช้ seed เดิม)")
    args = parser.parse_args(argv)
    stats = generate(args.out, args.projects, args.lessons, args.seed)
    knowledge_base_over(args.out)
    print(f"เขียนแล้ว: {args.out}/projects ({args.projects} โครงการ) และ {args.out}/lessons ({stats['lessons']} บทเรียน)")
    print(" ".join(f"{k}={v}" for k, v in stats.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
