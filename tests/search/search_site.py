"""A site to run the search query set on: the repository's docs plus fixtures where parts are missing.

- guide: tests/fixtures/search/guide/ is copied to docs/guide/ only when the repository has no
  docs/guide/ yet (the hand-written guide lands in another branch).
- projects: the fixture projects are the content (BESTSERVICE_PROJECTS_DIR). When the catalogue hook
  (macros/hooks.py) is not configured yet, simple project pages are written at urls.project(id)
  so the search indexes real built pages; otherwise the catalogue renders them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from bestservice import urls
from bestservice.content import load_content
from bestservice.reference import load_reference

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "search"
PROJECTS = FIXTURES / "projects"


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !ENV, !!python/name tags


def _project_page(doc, reference) -> str:
    data = doc.data
    tools = {tool["id"]: tool for tool in reference.tools}
    lines = [f"# {data['title']}", "", data.get("summary", ""), ""]
    lines += [f"หน่วยงาน: {reference.unit_name(data['unit'])} · ปีงบประมาณ {data['fiscal_year']}", ""]
    recipients = data.get("recipients") or {}
    if recipients:
        lines += ["## ผู้รับบริการ {#recipients}", "", *[f"- {r}" for r in recipients.get("primary", []) + recipients.get("secondary", [])], ""]
    for key, heading, anchor in (("problem", "สภาพปัญหา", "problem"), ("root_cause", "ต้นเหตุของปัญหา", "root-cause"), ("activities", "วิธีดำเนินการ", "activities")):
        if data.get(key):
            lines += [f"## {heading} {{#{anchor}}}", "", data[key], ""]
    if data.get("tools"):
        lines += ["## เครื่องมือการบริหารที่ใช้ {#tools}", "", *[f"- {tools[t]['name_th']} ({tools[t]['name_en']})" for t in data["tools"]], ""]
    lines += ["## รายละเอียด {#details}", "", doc.body]
    return "\n".join(lines)


def build_search_site(dest: Path, projects: Path = PROJECTS) -> Path:
    work = dest.parent / (dest.name + "-src")
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    if not (ROOT / "docs" / "guide").exists():
        shutil.copytree(FIXTURES / "guide", docs / "guide", ignore=shutil.ignore_patterns("*.txt"))
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    hooks = [str(ROOT / hook) for hook in config.get("hooks", [])]
    if not any(hook.endswith("macros/hooks.py") for hook in hooks):
        reference = load_reference()
        for doc in load_content(projects, work / "no-lessons").projects:
            page = docs / urls.project(doc.id) / "index.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(_project_page(doc, reference), encoding="utf-8")
    config.update(docs_dir=str(docs), site_dir=str(dest), hooks=hooks)
    if "custom_dir" in config["theme"]:
        config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "macros" in plugin:
            plugin["macros"]["module_name"] = str(ROOT / plugin["macros"]["module_name"])
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = dict(os.environ, BESTSERVICE_PROJECTS_DIR=str(projects))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(work / "mkdocs.yml")], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return dest
