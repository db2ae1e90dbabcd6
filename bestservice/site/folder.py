"""The site source: the whole site as plain files, which any generator that reads mkdocs.yml builds
without a plugin of ours (MkDocs + Material, or Material's successor Zensical).

    bestservice pages --out build/site-source      (make stage; then make build-staged / build-zensical)

writes `OUT/mkdocs.yml` (the knowledge base's own, with no plugins), `OUT/docs/` (the hand-written
pages with the guide's macros rendered, their assets, and every output of the site build) and
`OUT/overrides/` (the theme overrides). A record of what each file was made from and of its bytes,
`OUT/.bestservice-source.json`, lets the next run write only what changed (a generator watching the
folder then rebuilds only those pages) and tells a site source apart from a folder of someone's:
writing into a folder that holds anything else, or over a file someone edited since, needs `force`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

from bestservice.content.load import read_inside
from bestservice.content.problems import ContentError, Problem
from bestservice.files import refusals, write_file
from bestservice.site.build import SiteBuild
from bestservice.site.hand_pages import site_folders

RECORD = ".bestservice-source.json"
ASSET_BYTES = 50_000_000  # an image, a font, a script of the hand-written site: larger is not an asset
RECORD_FORMAT = "bestservice-site-source/1"
HTML_TOC = "bestservice.site.html_toc"


def site_config(config: dict) -> dict:
    """mkdocs.yml for the site source: no plugin but the theme's search, switched off (the site searches
    with its own index; with no plugins at all, MkDocs and Zensical both add their search)."""
    staged = {key: value for key, value in config.items() if key not in ("plugins", "docs_dir", "site_dir", "hooks")}
    staged |= {"docs_dir": "docs", "site_dir": "site", "plugins": [{"search": {"enabled": False}}]}
    staged["markdown_extensions"] = [*config.get("markdown_extensions", []), HTML_TOC]
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    staged["theme"] = theme
    return staged


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _read_record(out: Path) -> dict | None:
    path = out / RECORD
    if not path.is_file() or path.is_symlink():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("format") == RECORD_FORMAT and isinstance(record.get("files"), dict) else None


def _refuse(out: Path, message: str, fix: str) -> ContentError:
    return ContentError([Problem(str(out), 1, "out", message, "output folder", fix)])


def write_site_source(build: SiteBuild, out: Path, *, force: bool = False) -> dict:
    """Write (or bring up to date) the site source of `build` in `out`; return what was written."""
    out = Path(out).absolute()
    kb_docs = build.kb.docs_dir.absolute()
    if out == kb_docs or kb_docs in out.parents or out in kb_docs.parents:
        raise _refuse(out, "โฟลเดอร์ปลายทางซ้อนกับ docs/ ของคลังความรู้ (หน้าที่เขียนด้วยมือจะถูกเขียนทับ)", "ระบุโฟลเดอร์อื่น เช่น build/site-source")
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise _refuse(out, "ปลายทางไม่ใช่โฟลเดอร์ (หรือเป็นลิงก์สัญลักษณ์)", "ระบุโฟลเดอร์ใหม่")
    record = _read_record(out)
    if record is None and out.is_dir() and any(out.iterdir()) and not force:
        raise _refuse(out, "โฟลเดอร์ปลายทางมีไฟล์อยู่แล้ว และไม่ใช่ต้นฉบับเว็บไซต์ที่โปรแกรมนี้เขียนไว้ (ไม่เขียนทับ)", "ระบุโฟลเดอร์ว่าง หรือใส่ --force")
    out.mkdir(parents=True, exist_ok=True)
    before = (record or {}).get("files", {})
    files: dict[str, tuple[bytes, tuple]] = {}
    for path, data in _theme_files(build):
        files[path] = (data, ("theme",))
    for page in build.hand_pages():
        files[f"docs/{page.source}"] = (page.text.encode("utf-8"), (f"docs/{page.source}", "reference") if page.macros else (f"docs/{page.source}",))
    for path in _docs_assets(build.kb.docs_dir):
        files[f"docs/{path}"] = (read_inside(build.kb.docs_dir / path, site_folders(build.kb.root, build.kb.docs_dir), ASSET_BYTES), ("docs",))
    for output in build.outputs():
        if f"docs/{output.path}" not in files:  # a hand-written page shadows a generated one
            files[f"docs/{output.path}"] = (output.bytes(), output.made_from)
    config = yaml.safe_dump(site_config(build.settings.config), allow_unicode=True, sort_keys=False)
    files["mkdocs.yml"] = (("# Written by bestservice pages --out: a complete site source, no plugins needed.\n" + config).encode("utf-8"), ("mkdocs.yml",))
    edited = [path for path, entry in before.items() if _changed_since_written(out / path, entry)]
    if edited and not force:
        raise ContentError(
            [
                Problem(
                    str(out / path), 1, "file", "ไฟล์นี้ถูกแก้ไขหลังโปรแกรมเขียนไว้ จะไม่เขียนทับ", "output file", "ย้ายการแก้ไขไปไว้ที่ต้นฉบับ (docs/, projects/) หรือใส่ --force"
                )
                for path in edited
            ]
        )
    written, kept, stamps = [], 0, {}
    digests = {path: _digest(data) for path, (data, _) in files.items()}
    for path, (data, _) in files.items():
        target = out / path
        if before.get(path, {}).get("digest") == digests[path] and path not in edited and target.is_file():
            kept += 1
            stamps[path] = before[path].get("stamp")
            continue
        write_file(target, data, out, force=True)
        written.append(path)
        stamps[path] = _stamp(target)
    removed = [path for path in before if path not in files]
    for path in removed:
        target = out / path
        refused = refusals(target, out, force=True)
        if refused:
            raise ContentError(refused)
        if target.is_file():
            target.unlink()
    new_record = {
        "format": RECORD_FORMAT,
        "files": {path: {"digest": digests[path], "stamp": stamps[path], "made_from": list(made)} for path, (_, made) in files.items()},
    }
    write_file(out / RECORD, json.dumps(new_record, ensure_ascii=False, indent=0), out, force=True)
    pages = sum(1 for path in files if path.endswith(".md"))
    return {"pages": pages, "files": len(files), "written": len(written), "kept": kept, "removed": len(removed), **getattr(build, "search_stats", {})}


def _stamp(path: Path) -> list[int]:
    """What a file written here looks like from outside (size, time): another writer changes it."""
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


def _changed_since_written(path: Path, entry: dict) -> bool:
    return path.is_file() and not path.is_symlink() and entry.get("stamp") is not None and _stamp(path) != entry["stamp"]


def _docs_assets(docs_dir: Path) -> list[str]:
    """The hand-written site's files that are not pages (styles, scripts, fonts, images)."""
    return sorted(p.relative_to(docs_dir).as_posix() for p in Path(docs_dir).rglob("*") if p.is_file() and p.suffix != ".md")


def _theme_files(build: SiteBuild) -> list[tuple[str, bytes]]:
    """The knowledge base's theme overrides (theme.custom_dir), copied as they are."""
    custom = (build.settings.config.get("theme") or {}).get("custom_dir")
    if not custom:
        return []
    folder = build.kb.root / str(custom)
    inside = site_folders(build.kb.root, Path(str(custom)))
    return [(f"overrides/{p.relative_to(folder).as_posix()}", read_inside(p, inside, ASSET_BYTES)) for p in sorted(folder.rglob("*")) if p.is_file()]
