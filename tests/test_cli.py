"""`bestservice validate` as a contributor and CI run it: exit codes, paths, JSON, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

VALID = FIXTURES / "valid"
CONSOLE_SCRIPT = Path(sys.executable).parent / "bestservice"
ENTRY_POINTS = {"console script": [str(CONSOLE_SCRIPT)], "python -m": [sys.executable, "-m", "bestservice"]}
CATALOGUE = ["--projects", str(VALID / "projects"), "--lessons", str(VALID / "lessons")]


def run(*args: str, entry: str = "console script", cwd: Path = FIXTURES) -> subprocess.CompletedProcess:
    return subprocess.run([*ENTRY_POINTS[entry], *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8")


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_valid_content_exits_0(entry):
    result = run("validate", *CATALOGUE, entry=entry)
    assert result.returncode == 0, result.stderr
    assert "ตรวจ 6 ไฟล์: พบข้อผิดพลาด 0 รายการ คำเตือน 0 รายการ" in result.stdout


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_a_bad_file_exits_1_with_the_located_message(entry):
    result = run("validate", *CATALOGUE, "load/anchors.md", entry=entry)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "load/anchors.md:3: file: ไม่อนุญาตให้ใช้ anchor (&) หรือ alias (*) ใน YAML (file) — เขียนค่าซ้ำตรง ๆ แทนการอ้างอิง",
        "ตรวจ 1 ไฟล์: พบข้อผิดพลาด 1 รายการ คำเตือน 0 รายการ",
    ]


def test_a_folder_path_checks_every_file_in_it_without_a_traceback():
    """Every unreadable fixture at once: each gets its message, none crashes the run."""
    result = run("validate", *CATALOGUE, "load")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    files = sorted(p.name for p in (FIXTURES / "load").glob("*.md"))  # valid-file.md reads, but lacks the required fields
    reported = sorted({line.split(":")[0].removeprefix("load/") for line in result.stderr.splitlines() if line.startswith("load/")})
    assert reported == files
    assert f"ตรวจ {len(files)} ไฟล์" in result.stderr.splitlines()[-1]


def test_files_and_folders_can_be_mixed(tmp_path):
    result = run("validate", *CATALOGUE, str(VALID / "lessons"), str(VALID / "projects" / "2567" / "bang-rak-archive.md"))
    assert result.returncode == 0
    assert "ตรวจ 2 ไฟล์" in result.stdout


def test_json_output_lists_every_problem_with_its_fields():
    result = run("validate", "--json", *CATALOGUE, "load/duplicate-key.md", "load/empty.md")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["checked"] == 2
    found = [(p["path"], p["line"], p["field"], p["field_en"], p["severity"]) for p in report["problems"]]
    # the duplicate field does not stop the reading: the file's other problems (the fields it lacks) come with it
    duplicate = [problem for problem in found if problem[0] == "load/duplicate-key.md"]
    assert ("load/duplicate-key.md", 5, "title", "title", "error") in duplicate and len(duplicate) > 1
    assert [line for _, line, *_ in duplicate] == sorted(line for _, line, *_ in duplicate)
    assert found[-1] == ("load/empty.md", 1, "file", "file", "error") and report["problems"][-1]["message"] == "ไฟล์ว่างเปล่า"


def test_json_output_of_valid_content_is_empty_and_exits_0():
    result = run("validate", "--json", *CATALOGUE)
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"checked": 6, "problems": []}


def test_a_missing_file_is_a_content_error_not_a_crash():
    result = run("validate", *CATALOGUE, "no-such-file.md")
    assert result.returncode == 1
    assert result.stderr.startswith("no-such-file.md:1: file: เปิดไฟล์ไม่ได้ (No such file or directory)")


READING_PROJECTS = {
    "validate": [],
    "similar": ["--title", "จองคิวออนไลน์"],
    "screening": [],
    "coverage": [],
    "export": ["--out", "export-out"],
}


@pytest.mark.parametrize("command", sorted(READING_PROJECTS))
def test_a_mistyped_projects_folder_fails_instead_of_passing_empty(tmp_path, command):
    """No files is not "nothing found": a typo would pass as a clean check, an empty board or an empty export."""
    result = run(command, "--projects", str(tmp_path / "projcts"), *READING_PROJECTS[command], cwd=tmp_path)
    assert result.returncode == 1, f"{command} with a mistyped --projects must fail: {result.stdout[-300:]}"
    assert "ไม่พบโฟลเดอร์โครงการ (projects folder)" in result.stderr
    assert not (tmp_path / "export-out").exists(), "nothing is written"


@pytest.mark.parametrize("command", ["similar", "screening", "coverage"])
@pytest.mark.parametrize("year", ["0", "-5", "99999"])
def test_a_fiscal_year_that_is_no_buddhist_era_year_is_refused_not_ignored(command, year):
    """--fiscal-year 0 used to be taken as not given (the current year was used instead, without a word)."""
    extra = ["--title", "จองคิวออนไลน์"] if command == "similar" else []
    result = run(command, *CATALOGUE[:2], *extra, "--fiscal-year", year)
    assert result.returncode == 1 and f"ปีงบประมาณ {year} ไม่ถูกต้อง (fiscal year)" in result.stderr, result.stderr


@pytest.mark.parametrize("value", ["2569.5", "true", "[2569]", "ปีหน้า"])
def test_a_proposal_file_whose_fiscal_year_cannot_be_read_is_refused_at_its_line(tmp_path, value):
    """It would otherwise be compared with the projects of the wrong years, and the answer look sure."""
    proposal = tmp_path / "proposal.md"
    proposal.write_text(f"---\ntitle: จองคิวงานทะเบียนออนไลน์\nfiscal_year: {value}\n---\n", encoding="utf-8")
    result = run("similar", str(proposal), *CATALOGUE[:2], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("proposal.md:3: fiscal_year: ปีงบประมาณ"), result.stderr


def test_a_proposal_file_may_write_its_fiscal_year_in_thai_digits(tmp_path):
    proposal = tmp_path / "proposal.md"
    proposal.write_text("---\ntitle: จองคิวงานทะเบียนออนไลน์\nfiscal_year: '๒๕๖๙'\n---\n", encoding="utf-8")
    result = run("similar", str(proposal), *CATALOGUE[:2], "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert all(match["fiscal_year"] < 2569 for match in json.loads(result.stdout)["matches"])


def test_binary_garbage_is_reported_not_raised(tmp_path):
    projects = tmp_path / "projects" / "2568"
    projects.mkdir(parents=True)
    (projects / "garbage.md").write_bytes(bytes(range(256)) * 4)
    result = run("validate", "--projects", str(tmp_path / "projects"), "--lessons", str(tmp_path / "lessons"), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert any(line.startswith("projects/2568/garbage.md:") for line in result.stderr.splitlines()), result.stderr
    assert "ข้อมูลอ้างอิงชุดมาตรฐาน" in result.stderr, "content outside a knowledge base: say which reference data it was checked against"


def test_no_command_prints_help_and_exits_0():
    result = run()
    assert result.returncode == 0
    assert "validate" in result.stdout


def test_a_bug_exits_2_with_a_plain_thai_message_and_no_traceback(monkeypatch, capsys):
    from bestservice import cli
    from bestservice.commands import validate as validate_command

    def broken(args):
        raise KeyError("a bug")

    monkeypatch.setattr(validate_command, "run", broken)
    monkeypatch.delenv("BESTSERVICE_DEBUG", raising=False)
    assert cli.main(["validate"]) == 2
    err = capsys.readouterr().err
    assert "internal error" in err and "BESTSERVICE_DEBUG=1" in err
    assert "Traceback" not in err


TERMINAL_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")


def test_what_comes_from_content_cannot_clear_or_retitle_the_terminal(tmp_path):
    """A file name with an escape sequence, a unit with a bidi override: shown as escapes, never obeyed."""
    catalogue = tmp_path / "kb"
    shutil.copytree(VALID, catalogue)
    year = catalogue / "projects" / "2568"
    (year / "khlong-toei-queue-online.md").rename(year / "\x1b]0;pwned\x07\x1b[2J.md")
    archive = year / "bang-rak-archive-next.md"
    archive.write_text(archive.read_text(encoding="utf-8").replace("unit: district-bang-rak", "unit: district-\u202ekar-gnab"), encoding="utf-8")
    result = run("validate", "--projects", str(catalogue / "projects"), "--lessons", str(catalogue / "lessons"), cwd=catalogue)
    assert result.returncode == 1
    assert not any(control in result.stderr + result.stdout for control in TERMINAL_CONTROLS), result.stderr
    assert "projects/2568/\\x1b]0;pwned\\x07\\x1b[2J.md:2: id: รหัส khlong-toei-queue-online ไม่ตรงกับชื่อไฟล์" in result.stderr
    assert "ไม่พบหน่วยงาน district-\\u202ekar-gnab ในข้อมูลอ้างอิง" in result.stderr


def test_similar_matches_print_titles_with_their_controls_shown(tmp_path):
    catalogue = tmp_path / "kb"
    shutil.copytree(VALID, catalogue)
    archive = catalogue / "projects" / "2567" / "bang-rak-archive.md"
    text = archive.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    archive.write_text(text.replace(title, title + "\u202e\u2066"), encoding="utf-8")
    result = run("similar", "--projects", str(catalogue / "projects"), "--title", title.removeprefix("title: "), "--fiscal-year", "2569", cwd=catalogue)
    assert result.returncode == 0, result.stderr
    assert "\\u202e\\u2066" in result.stdout and not any(control in result.stdout for control in TERMINAL_CONTROLS)


def test_a_table_shows_controls_and_stays_aligned():
    from bestservice.commands.coverage import table

    lines = table(["id", "name"], [["a", "\x1b[2Jx"], ["bb", "y"]]).splitlines()
    assert lines[2] == "a   \\x1b[2Jx" and lines[3] == "bb  y"


def test_pages_never_overwrite_a_page_without_force(tmp_path):
    """The site source is written again at will, but a file someone edited in it is not overwritten unasked."""
    out = tmp_path / "source"
    assert run("pages", "--out", str(out), "--root", str(ROOT)).returncode == 0
    page = out / "docs" / "catalogue" / "index.md"
    page.write_text("หน้าที่เขียนด้วยมือ", encoding="utf-8")
    result = run("pages", "--out", str(out), "--root", str(ROOT))
    assert result.returncode == 1 and f"{page}:1: file: ไฟล์นี้ถูกแก้ไขหลังโปรแกรมเขียนไว้ จะไม่เขียนทับ" in result.stderr, result.stderr
    assert page.read_text(encoding="utf-8") == "หน้าที่เขียนด้วยมือ"
    assert run("pages", "--out", str(out), "--root", str(ROOT), "--force").returncode == 0
    assert page.read_text(encoding="utf-8") != "หน้าที่เขียนด้วยมือ"
