"""Malformed content (tests/bad_input/) is refused with a located Thai message, never a traceback.

One small file per case; the huge file is generated here. Each case is run through the installed
`bestservice validate FILE` command, through `python -m bestservice` and through `validate()`:
exit code 1 (never 0, never 2 = internal error), a `path:line:` Thai message, no `Traceback`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT

from bestservice.content.validate import validate

CORPUS = ROOT / "tests" / "bad_input"
BESTSERVICE = Path(sys.executable).parent / "bestservice"
THAI = re.compile(r"[\u0e00-\u0e7f]")

# What the message must say, for the cases where the reason is specific (a Thai or English fragment).
EXPECTED = {
    "bom.md": "BOM",
    "crlf.md": "CRLF",
    "tis620.md": "UTF-8",
    "nul-byte.md": "NUL",
    "empty.md": "ว่างเปล่า",
    "whitespace-only.md": "ว่างเปล่า",
    "front-matter-no-body.md": "ไม่มีเนื้อหา",
    "body-no-front-matter.md": "ไม่มีส่วนหัว",
    "unclosed-front-matter.md": "ปิดท้าย",
    "empty-front-matter.md": "ว่างเปล่า",
    "python-object-tag.md": "แท็ก",
    "custom-tag.md": "แท็ก",
    "yaml-multi-document.md": "YAML",
    "anchors-aliases.md": "anchor",
    "billion-laughs.md": "anchor",
    "duplicate-keys.md": "ซ้ำ",
    "broken-yaml.md": "อ่าน YAML ไม่ได้",
    "broken-yaml-indent.md": "อ่าน YAML ไม่ได้",
    "unquoted-colon.md": "อ่าน YAML ไม่ได้",
    "unknown-field.md": "ไม่รู้จักฟิลด์",
    "missing-fields.md": "ขาดฟิลด์",
    "missing-required-id-title.md": "ขาดฟิลด์",
    "id-dot-dot.md": "รูปแบบ",
    "id with spaces.md": "รูปแบบ",
    "id-mismatch.md": "ไม่ตรงกับชื่อไฟล์",
    "continues-missing.md": "ไม่พบโครงการ",
    "extends-missing.md": "ไม่พบโครงการ",
    "lesson-missing-project.md": "ไม่พบโครงการ",
    "unknown-unit.md": "ไม่พบหน่วยงาน",
    "unknown-tool.md": "ไม่รู้จักเครื่องมือ",
    "empty-budget.md": "งบประมาณ ไม่มีข้อมูล",
    "fiscal-year-too-big-for-any-number.md": "นอกช่วง",  # numpy's int64 used to overflow in the similar check
    "fiscal-year-thousands-of-digits.md": "จำนวนเต็ม",  # Python reads no more than 4,300 digits as a number
}

CASES = sorted(CORPUS.rglob("*.md"))


def _param(path: Path):
    return pytest.param(path, id=str(path.relative_to(CORPUS)))


def _run(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BESTSERVICE_")}
    return subprocess.run(args, capture_output=True, cwd=cwd, env=env, timeout=120)


def _check_refused(result: subprocess.CompletedProcess, shown_path: str, expected: str | None) -> None:
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert "Traceback" not in out, out
    assert result.returncode != 2, f"internal error:\n{out}"
    assert result.returncode == 1, f"exit {result.returncode}, expected 1:\n{out}"
    located = [line for line in out.splitlines() if line.startswith(f"{shown_path}:") and re.match(rf"{re.escape(shown_path)}:\d+: ", line)]
    assert located, f"no `{shown_path}:<line>:` message in:\n{out}"
    assert all(THAI.search(line) for line in located), located
    if expected:
        assert any(expected in line for line in located), f"expected {expected!r} in:\n{out}"


def test_corpus_is_complete():
    names = {p.name for p in CASES}
    assert len(CASES) >= 45
    assert set(EXPECTED) <= names


@pytest.mark.parametrize("path", [_param(p) for p in CASES])
def test_bestservice_command_refuses(path: Path):
    relative = path.relative_to(ROOT)
    result = _run([str(BESTSERVICE), "validate", str(relative)])
    _check_refused(result, str(relative), EXPECTED.get(path.name))


@pytest.mark.parametrize("path", [_param(p) for p in CASES])
def test_validate_function_reports(path: Path):
    report = validate([path], projects_dir=ROOT / "projects", lessons_dir=ROOT / "lessons", reference=REFERENCE)  # must return, never raise
    assert report.errors, "no error reported"
    assert all(p.line >= 1 and THAI.search(p.message) for p in report.errors)


def test_python_m_bestservice_refuses_every_file_at_once():
    """`python -m bestservice validate` over the whole corpus: every file named with a line."""
    result = _run([sys.executable, "-m", "bestservice", "validate", *[str(p.relative_to(ROOT)) for p in CASES]])
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert "Traceback" not in out and result.returncode == 1, out
    for path in CASES:
        assert re.search(rf"^{re.escape(str(path.relative_to(ROOT)))}:\d+: ", out, re.M), f"{path.name} not reported"


def test_json_output_never_breaks():
    result = _run([sys.executable, "-m", "bestservice", "validate", "--json", *[str(p.relative_to(ROOT)) for p in CASES]])
    import json

    data = json.loads(result.stdout.decode("utf-8"))
    assert result.returncode == 1 and data["problems"] and all(p["line"] >= 1 for p in data["problems"])


def test_huge_file_is_refused(tmp_path):
    folder = tmp_path / "projects" / "2568"
    folder.mkdir(parents=True)
    huge = folder / "huge-file.md"
    filler = "ข้อความยาวมากเพื่อทดสอบขนาดไฟล์ " * 40
    with huge.open("w", encoding="utf-8") as out:
        out.write("---\nid: huge-file\ntitle: ไฟล์ใหญ่\n---\n\n")
        while out.tell() < 1_200_000:
            out.write(filler + "\n")
    result = _run([str(BESTSERVICE), "validate", "--projects", str(tmp_path / "projects"), "--lessons", str(tmp_path / "lessons"), str(huge)], cwd=tmp_path)
    _check_refused(result, "projects/2568/huge-file.md", "ใหญ่เกิน")


def test_missing_file_is_a_located_error(tmp_path):
    result = _run([str(BESTSERVICE), "validate", "projects/2568/no-such-file.md"], cwd=tmp_path)
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in out, out


def test_a_path_that_cannot_be_read_as_a_file_is_an_error_not_a_crash(tmp_path):
    """A link to a file that is gone cannot be read by anyone, root included (CI runs as root)."""
    folder = tmp_path / "projects" / "2568"
    folder.mkdir(parents=True)
    (folder / "gone.md").symlink_to(tmp_path / "deleted.md")
    result = _run([str(BESTSERVICE), "validate", "--projects", str(tmp_path / "projects"), "projects/2568/gone.md"], cwd=tmp_path)
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in out, out
