"""The knowledge base a command or a build works on: a folder that holds mkdocs.yml.

It is found from where the command runs (the nearest folder upwards holding mkdocs.yml, as MkDocs
and git find theirs), or given (`--root DIR`, or the MkDocs config the site plugin receives).
Content and reference data are always read from there, never from where the package is installed:
a validator that checks another folder's files and says "0 errors" is the worst failure it can have.

The package carries the code, the page templates, the schema (the contract its rules are written
for) and, under `defaults/`, the files a new knowledge base starts from (`bestservice init`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bestservice.content.cache import knowledge_base_cache
from bestservice.content.problems import ContentError, Problem
from bestservice.files import linked_destination, write_files

CONFIG_FILE = "mkdocs.yml"
DEFAULTS_DIR = Path(__file__).resolve().parent / "defaults"  # package data: schema/, reference/, docs/, mkdocs.yml


@dataclass(frozen=True)
class KnowledgeBase:
    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def projects_dir(self) -> Path:
        return self.root / "projects"

    @property
    def lessons_dir(self) -> Path:
        return self.root / "lessons"

    @property
    def reference_dir(self) -> Path:
        return self.root / "reference"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def cache_dir(self) -> Path | None:
        """What commands keep between runs: in the user's cache folder, never in the checkout (None: no cache)."""
        return knowledge_base_cache(self.root)


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` (default: the working directory) holding mkdocs.yml."""
    start = Path(start or Path.cwd()).absolute()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise ContentError(
        [
            Problem(
                str(start),
                1,
                "root",
                f"ไม่พบคลังความรู้: ไม่มีไฟล์ {CONFIG_FILE} ในโฟลเดอร์นี้หรือโฟลเดอร์แม่ใด ๆ (ค้นจาก {start} ขึ้นไปถึง /)",
                "knowledge base root",
                "cd ไปที่โฟลเดอร์ของคลังความรู้ (ที่มี mkdocs.yml, projects/, reference/) หรือระบุ --root DIR หรือสร้างคลังความรู้ใหม่ด้วย bestservice init DIR",
            )
        ]
    )


def knowledge_base(root: Path | None = None) -> KnowledgeBase:
    """The knowledge base at `root` (which must hold mkdocs.yml), or the one around the working directory."""
    if root is None:
        return KnowledgeBase(find_root())
    root = Path(root).absolute()
    if not (root / CONFIG_FILE).is_file():
        raise ContentError(
            [
                Problem(
                    str(root),
                    1,
                    "root",
                    f"โฟลเดอร์ {root} ไม่ใช่คลังความรู้ (ไม่มีไฟล์ {CONFIG_FILE})",
                    "knowledge base root",
                    "ตรวจโฟลเดอร์ที่ให้กับ --root หรือสร้างคลังความรู้ใหม่ด้วย bestservice init DIR",
                )
            ]
        )
    return KnowledgeBase(root)


def from_config_file(config_file_path: str | None) -> KnowledgeBase:
    """The knowledge base of a site build: the folder of the mkdocs.yml being built."""
    if not config_file_path:
        return knowledge_base()
    return KnowledgeBase(Path(config_file_path).absolute().parent)


NEW_README = """# คลังความรู้โครงการให้บริการที่ดีที่สุด

คลังความรู้นี้สร้างด้วย `bestservice init` จากชุดเริ่มต้นของโปรแกรม bestservice

- `projects/<ปีงบประมาณ>/<id>.md` โครงการ (สร้างไฟล์ใหม่ด้วย `bestservice new project`)
- `lessons/<id>.md` บทเรียนที่ถอดจากโครงการ (`bestservice new lesson`)
- `reference/` ข้อมูลอ้างอิง: หน่วยงาน กลุ่มเขต นโยบาย เกณฑ์ 12 ข้อ เครื่องมือ 12 รายการ (แก้ให้ตรงกับองค์กรของท่าน)
- `docs/` หน้าคู่มือของเว็บไซต์ · `mkdocs.yml` ชื่อเว็บไซต์และการตั้งค่า (แก้ `site_name` ได้)
- `schema/` แบบโครงสร้างไฟล์ (JSON Schema) ให้โปรแกรมแก้ไขข้อความตรวจระหว่างพิมพ์

ตรวจไฟล์ทั้งหมด: `bestservice validate` · สร้างเว็บไซต์: `mkdocs build` (ได้โฟลเดอร์ `site/`)

English: a knowledge base made by `bestservice init`. Add projects with `bestservice new project`,
check them with `bestservice validate`, build the site with `mkdocs build`.
"""


def init(dest: Path) -> KnowledgeBase:
    """A new, empty knowledge base at `dest` from the package's defaults: mkdocs.yml, docs/,
    overrides/ (the theme's), reference/ and schema/ copied, empty projects/ and lessons/, a README. Never writes into a
    folder that holds anything (nothing of someone's is overwritten)."""
    dest = Path(dest).absolute()
    refused = linked_destination(dest)
    if refused:
        raise ContentError(refused)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ContentError(
            [
                Problem(
                    str(dest),
                    1,
                    "root",
                    f"สร้างคลังความรู้ใหม่ที่ {dest} ไม่ได้: มีไฟล์หรือโฟลเดอร์อยู่แล้ว (ไม่เขียนทับ)",
                    "knowledge base root",
                    "ระบุโฟลเดอร์ใหม่ที่ยังไม่มี หรือโฟลเดอร์ว่าง",
                )
            ]
        )
    defaults = [
        DEFAULTS_DIR / CONFIG_FILE,
        *(p for name in ("docs", "overrides", "reference", "schema") for p in sorted((DEFAULTS_DIR / name).rglob("*")) if p.is_file()),
    ]
    files = {dest / path.relative_to(DEFAULTS_DIR): path.read_bytes() for path in defaults}
    files |= {dest / name / ".gitkeep": "" for name in ("projects", "lessons")}
    files |= {dest / "README.md": NEW_README, dest / ".gitignore": "site/\n.cache/\n"}
    write_files(dest, files)
    return KnowledgeBase(dest)
