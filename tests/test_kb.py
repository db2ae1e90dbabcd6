"""The knowledge base a command or a build works on is the one it runs in, never the folder the
package was installed from; a wheel holds everything; `bestservice init` starts a new one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import ROOT

from bestservice.content.problems import ContentError
from bestservice.kb import find_root, init, knowledge_base

BESTSERVICE = Path(sys.executable).parent / "bestservice"
MKDOCS = [sys.executable, "-m", "mkdocs"]
BROKEN = "---\nid: broken-in-the-clone\ntitle: [ไม่ปิดวงเล็บ\n---\n"


def run(args: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env or dict(os.environ), timeout=600)


def second_checkout(folder: Path) -> Path:
    """Another knowledge base, as a fresh clone is: its own content, reference data and site files."""
    for name in ("docs", "overrides", "reference", "schema", "projects", "lessons"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copyfile(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def test_the_root_is_the_nearest_folder_upwards_holding_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    deep = tmp_path / "projects" / "2569"
    deep.mkdir(parents=True)
    assert find_root(deep) == tmp_path
    assert knowledge_base(tmp_path).projects_dir == tmp_path / "projects"


def test_no_root_is_a_thai_error_that_says_where_it_looked_and_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as caught:
        knowledge_base()
    problem = caught.value.problems[0]
    assert problem.field == "root" and str(tmp_path) in problem.message and "mkdocs.yml" in problem.message
    assert "--root" in problem.fix and "bestservice init" in problem.fix
    result = run([BESTSERVICE, "coverage"], cwd=tmp_path)
    assert result.returncode == 1 and "ไม่พบคลังความรู้" in result.stderr and "Traceback" not in result.stderr


def test_validate_in_a_second_checkout_checks_that_checkout(tmp_path):
    """The bug this guards against: a broken file in a clone got "0 errors" because the installed
    package read the folder it was installed from."""
    clone = second_checkout(tmp_path / "clone")
    (clone / "projects" / "broken-in-the-clone.md").write_text(BROKEN, encoding="utf-8")
    result = run([BESTSERVICE, "validate"], cwd=clone / "projects")  # from a subfolder, as git would
    assert result.returncode == 1, result.stdout + result.stderr
    assert "broken-in-the-clone.md" in result.stdout + result.stderr
    here = run([BESTSERVICE, "validate"], cwd=ROOT)
    assert here.returncode == 0 and "broken-in-the-clone" not in here.stdout + here.stderr
    explicit = run([BESTSERVICE, "validate", "--root", clone], cwd=tmp_path)
    assert explicit.returncode == 1 and "broken-in-the-clone.md" in explicit.stdout + explicit.stderr


def test_the_site_of_a_second_checkout_is_built_from_its_own_projects(tmp_path):
    clone = second_checkout(tmp_path / "clone")
    source = next((clone / "projects").rglob("*.md"))
    text = source.read_text(encoding="utf-8")
    (source.parent / "only-in-the-clone.md").write_text(text.replace(f"id: {source.stem}", "id: only-in-the-clone", 1), encoding="utf-8")
    source.unlink()
    result = run([*MKDOCS, "build", "--strict", "--site-dir", tmp_path / "site"], cwd=clone)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "projects" / "only-in-the-clone" / "index.html").is_file()
    assert not (tmp_path / "site" / "projects" / source.stem).exists(), "a project of the installed checkout leaked into the clone's site"


def test_init_makes_a_knowledge_base_that_takes_a_project_validates_and_builds(tmp_path):
    root = tmp_path / "new-kb"
    result = run([BESTSERVICE, "init", root], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in root.iterdir()} >= {"mkdocs.yml", "docs", "overrides", "reference", "schema", "projects", "lessons", "README.md"}
    assert not list((root / "projects").rglob("*.md")), "a new knowledge base holds no projects"
    args = ["new", "project", "--title", "คิวออนไลน์งานทะเบียนราษฎร", "--unit", "สำนักงานเขตบางแค", "--fiscal-year", "2569", "--slug", "queue online"]
    args += ["--summary", "ให้ประชาชนจองคิวล่วงหน้า", "--primary-recipients", "ประชาชนที่มาติดต่องานทะเบียน", "--problem", "รอคิวนานในช่วงเช้า"]
    args += ["--root-cause", "ไม่มีระบบนัดหมาย", "--needs-survey", "สำรวจผู้รับบริการ 200 คน", "--objectives", "ลดเวลารอคอย"]
    args += ["--activities", "เปิดระบบจองคิวผ่าน LINE", "--service-standard", "รอไม่เกิน 15 นาที", "--kpis", "ระยะเวลารอคอย (นาที) = 15"]
    args += ["--tools", "lean", "--policy", "1", "--declare"]
    made = run([BESTSERVICE, *args], cwd=root)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (root / "projects" / "2569" / "queue-online-2569.md").is_file()
    checked = run([BESTSERVICE, "validate"], cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "ตรวจ 1 ไฟล์" in checked.stdout
    built = run([*MKDOCS, "build", "--strict", "--site-dir", tmp_path / "site"], cwd=root)
    assert built.returncode == 0, built.stderr[-3000:]
    assert "คิวออนไลน์งานทะเบียนราษฎร" in (tmp_path / "site" / "projects" / "queue-online-2569" / "index.html").read_text(encoding="utf-8")


def test_init_never_writes_into_a_folder_that_holds_something(tmp_path):
    (tmp_path / "notes.txt").write_text("ของเดิม", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        init(tmp_path)
    assert "ไม่เขียนทับ" in caught.value.problems[0].message
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_never_writes_through_a_folder_that_is_a_link(tmp_path):
    """What it wrote would land wherever the link points, outside the folder named."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "kb").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(ContentError) as caught:
        init(tmp_path / "kb")
    assert "เป็นลิงก์ (symlink)" in caught.value.problems[0].message
    assert list((tmp_path / "elsewhere").iterdir()) == []


def wheel_venv(tmp_path: Path) -> Path:
    """A fresh venv holding the package only as the wheel built from this source tree; the
    dependencies come from the test's own environment (found, not installed: no network)."""
    source = tmp_path / "source"  # a copy: setuptools' build/ folder in the checkout may hold old modules
    skipped = shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", ".cache", "tests", "__pycache__")
    shutil.copytree(ROOT, source, ignore=lambda folder, names: skipped(folder, names) | ({"site"} if Path(folder) == ROOT else set()), symlinks=True)
    wheels = tmp_path / "wheels"
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, source], cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", venv], cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    site_packages = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path).stdout.strip())
    (site_packages / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", *wheels.glob("*.whl")], cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return venv


def test_the_wheel_alone_validates_reports_and_builds_a_copied_knowledge_base(tmp_path, built_site):
    venv = wheel_venv(tmp_path)
    kb = second_checkout(tmp_path / "kb")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = run(
        [venv / "bin" / "python", "-c", "import bestservice, bestservice_mkdocs; print(bestservice.__file__, bestservice_mkdocs.__file__)"], cwd=kb, env=env
    )
    assert where.stdout.count(str(venv)) == 2, f"the package must come from the wheel: {where.stdout}{where.stderr}"
    commands = [
        ["validate", "--json"],
        ["coverage", "--fiscal-year", "2568", "--json"],
        ["similar", "--title", "จองคิวออนไลน์งานทะเบียน", "--text", "ลดเวลารอคอยด้วยการนัดหมายผ่าน LINE", "--json"],
    ]
    for command in commands:
        from_wheel = run([venv / "bin" / "bestservice", *command], cwd=kb, env=env)
        from_checkout = run([BESTSERVICE, *command], cwd=ROOT)
        assert from_wheel.returncode == from_checkout.returncode == 0, from_wheel.stderr + from_checkout.stderr
        assert json.loads(from_wheel.stdout) == json.loads(from_checkout.stdout), f"`bestservice {' '.join(command)}` differs"
    site = tmp_path / "site"
    result = run([venv / "bin" / "python", "-m", "mkdocs", "build", "--strict", "--site-dir", site], cwd=kb, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert pages == {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    for page in ("index.html", "catalogue/index.html", "guide/criteria/index.html"):
        assert (site / page).read_bytes() == (built_site / page).read_bytes(), f"{page} differs from the checkout's build"
