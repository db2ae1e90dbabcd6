"""Property-based robustness: mutated valid files never crash validation (hypothesis).

Valid files (the repository's own projects and a small synthetic catalogue) are mutated: lines
deleted, duplicated or swapped, random characters and bytes inserted, values swapped for other
YAML types, files truncated. Whatever comes out, `validate()` returns a report whose problems are
located (path and line >= 1), and the CLI (`bestservice.cli.main`, run in-process to stay fast)
exits 0 or 1, never 2 (internal error), with no traceback.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bestservice import cli
from bestservice.content.validate import validate

EXAMPLES = 120  # per property; keep the suite fast on 2 shared cores

_spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
synthetic = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("synthetic", synthetic)
_spec.loader.exec_module(synthetic)

NASTY_TEXT = [
    "\t",
    "\r",
    "\r\n",
    ":",
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!x ",
    "{",
    "}",
    "[",
    "]",
    '"',
    "'",
    "#",
    "|",
    ">",
    "---",
    "...",
    "%YAML 1.1",
    "\u200b",
    "\ufeff",
    "ก",
    "๙",
    "\\",
    "?",
    "@",
    "`",
]
NASTY_BYTES = [b"\x00", b"\xff", b"\xfe", b"\xef\xbb\xbf", b"\xa1\xb2", b"\xe0\xb8", b"\x1b[31m", b"\x85", b"\xc0\xaf"]
SWAPS = ["[1, 2]", "{a: 1}", "123", "-7.5", "true", "null", "''", "2024-02-30", ".inf", ".nan", "0x1F", "~", "[[[]]]", "{id: x}", "ใช่", "1e999", "'2568'"]


@pytest.fixture(scope="module")
def seeds():
    """A folder of valid content and the list of its files (valid by construction; checked here)."""
    folder = Path(tempfile.mkdtemp(prefix="bs-prop-"))
    synthetic.generate(folder, 12, 3, seed=7)
    for path in sorted((ROOT / "projects").rglob("*.md")):
        target = folder / "projects" / path.relative_to(ROOT / "projects")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    report = validate(None, projects_dir=folder / "projects", lessons_dir=folder / "lessons", reference=REFERENCE)
    assert not report.errors, [p.format() for p in report.errors]
    files = sorted((folder / "projects").rglob("*.md")) + sorted((folder / "lessons").rglob("*.md"))
    yield folder, files
    shutil.rmtree(folder, ignore_errors=True)


def _mutate(raw: bytes, data) -> bytes:
    """Apply 1-4 random mutations to raw bytes."""
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        lines = raw.split(b"\n")
        kind = data.draw(
            st.sampled_from(["delete_line", "duplicate_line", "swap_lines", "insert_text", "insert_bytes", "delete_chars", "swap_type", "truncate", "indent"])
        )
        if kind == "truncate":
            raw = raw[: data.draw(st.integers(0, len(raw)))]
            continue
        if kind == "insert_bytes":
            at = data.draw(st.integers(0, len(raw)))
            raw = raw[:at] + data.draw(st.sampled_from(NASTY_BYTES) | st.binary(min_size=1, max_size=4)) + raw[at:]
            continue
        if kind == "delete_chars":
            at = data.draw(st.integers(0, max(0, len(raw) - 1)))
            raw = raw[:at] + raw[at + data.draw(st.integers(1, 8)) :]
            continue
        index = data.draw(st.integers(0, max(0, len(lines) - 1)))
        if kind == "delete_line":
            del lines[index]
        elif kind == "duplicate_line":
            lines.insert(index, lines[index])
        elif kind == "swap_lines":
            other = data.draw(st.integers(0, max(0, len(lines) - 1)))
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == "indent":
            lines[index] = data.draw(st.sampled_from([b" ", b"  ", b"\t", b"    "])) + lines[index]
        elif kind == "insert_text":
            line = lines[index].decode("utf-8", "replace")
            at = data.draw(st.integers(0, len(line)))
            piece = data.draw(st.sampled_from(NASTY_TEXT) | st.text(min_size=1, max_size=5))
            lines[index] = (line[:at] + piece + line[at:]).encode("utf-8", "surrogatepass")
        elif kind == "swap_type":
            keyed = [i for i, line in enumerate(lines) if re.match(rb"^\s*-?\s*[a-z_]+:", line)]
            if keyed:
                i = data.draw(st.sampled_from(keyed))
                key = re.match(rb"^(\s*-?\s*[a-z_]+:)", lines[i]).group(1)
                lines[i] = key + b" " + data.draw(st.sampled_from(SWAPS)).encode("utf-8")
        raw = b"\n".join(lines)
    return raw


def _write_mutant(seeds, data) -> tuple[Path, Path]:
    folder, files = seeds
    source = data.draw(st.sampled_from(files), label="file")
    work = Path(tempfile.mkdtemp(prefix="bs-mut-"))
    shutil.copytree(folder / "projects", work / "projects")
    shutil.copytree(folder / "lessons", work / "lessons")
    target = work / source.relative_to(folder)
    target.write_bytes(_mutate(source.read_bytes(), data))
    return work, target


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_validate_never_raises_on_mutated_files(seeds, data):
    work, target = _write_mutant(seeds, data)
    try:
        report = validate([target], projects_dir=work / "projects", lessons_dir=work / "lessons", reference=REFERENCE)
        assert report.checked >= 1
        for problem in report.problems:
            assert problem.path and problem.line >= 1 and problem.message
    finally:
        shutil.rmtree(work, ignore_errors=True)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_cli_never_exits_2_on_mutated_files(seeds, data):
    work, target = _write_mutant(seeds, data)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["validate", str(target), "--projects", str(work / "projects"), "--lessons", str(work / "lessons")])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = out.getvalue() + err.getvalue()
    assert code in (0, 1), f"exit {code}:\n{text}"
    assert "Traceback" not in text
    if code == 1:
        assert re.search(r"^.+\.md:\d+: ", text, re.M), text
