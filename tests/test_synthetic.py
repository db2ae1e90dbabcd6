"""The synthetic catalogue generator (scripts/synthetic.py): valid, varied, Thai and deterministic."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REFERENCE, ROOT

from bestservice.content.validate import validate

_spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
synthetic = importlib.util.module_from_spec(_spec)
sys.modules["synthetic"] = synthetic
_spec.loader.exec_module(synthetic)

THAI = re.compile(r"[\u0e00-\u0e7f]")


def _digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*.md")):
        sha.update(str(path.relative_to(folder)).encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synthetic")
    stats = synthetic.generate(out, 200, 40, seed=1)
    return out, stats


def test_every_generated_file_passes_validation(catalogue):
    out, _ = catalogue
    report = validate(None, projects_dir=out / "projects", lessons_dir=out / "lessons", reference=REFERENCE)
    assert report.checked == 240
    # Warnings (a possible overlap with a Bangkok Service Center service) are for the committee, not errors.
    assert [p.format() for p in report.errors] == []


def test_the_cli_accepts_the_catalogue(catalogue):
    out, _ = catalogue
    result = subprocess.run(
        [sys.executable, "-m", "bestservice", "validate", "--projects", str(out / "projects"), "--lessons", str(out / "lessons")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_all_field_kinds_occur(catalogue):
    out, stats = catalogue
    assert all(count > 0 for count in stats.values()), stats
    projects = [_front_matter(p) for p in (out / "projects").rglob("*.md")]
    keys = {key for data in projects for key in data}
    schema = yaml.safe_load((ROOT / "schema" / "project.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]) - keys == set(), "fields the generator never writes"
    kpi_keys = {key for data in projects for kpi in data.get("kpis", []) for key in kpi}
    assert {"baseline", "target", "result", "lower_is_better", "type", "unit"} <= kpi_keys
    assert {data["record"] for data in projects} == {"proposal", "archive"}
    # Big Idea keys are shared by districts of one group and used by more than one project somewhere
    by_key: dict[str, set] = {}
    for data in projects:
        if "big_idea" in data:
            by_key.setdefault(data["big_idea"], set()).add(data["unit"])
    assert any(len(units) > 1 for units in by_key.values())
    lessons = [_front_matter(p) for p in (out / "lessons").glob("*.md")]
    lesson_schema = yaml.safe_load((ROOT / "schema" / "lesson.schema.json").read_text(encoding="utf-8"))
    assert set(lesson_schema["properties"]) - {key for data in lessons for key in data} == set()


def test_text_is_thai_and_varied(catalogue):
    out, _ = catalogue
    projects = [_front_matter(p) for p in (out / "projects").rglob("*.md")]
    titles = [data["title"] for data in projects]
    assert len(set(titles)) > 0.6 * len(titles)
    text = " ".join(data["title"] + data["summary"] + data.get("problem", "") for data in projects)
    letters = [c for c in text if c.isalpha()]
    assert sum(1 for c in letters if THAI.match(c)) > 0.9 * len(letters)
    assert len({data["unit"] for data in projects}) > 40


def test_deterministic_by_seed(tmp_path, catalogue):
    out, _ = catalogue
    synthetic.generate(tmp_path / "again", 200, 40, seed=1)
    synthetic.generate(tmp_path / "other", 200, 40, seed=2)
    assert _digest(tmp_path / "again") == _digest(out)
    assert _digest(tmp_path / "other") != _digest(out)


def test_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "synthetic.py"), str(tmp_path), "--projects", "12", "--lessons", "3", "--seed", "5"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "projects").rglob("*.md"))) == 12
    assert len(list((tmp_path / "lessons").glob("*.md"))) == 3
