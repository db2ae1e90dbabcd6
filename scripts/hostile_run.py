"""Run every command that reads or writes on a hostile corpus and count what went wrong (issue 25).

    .venv/bin/python scripts/hostile_run.py [--keep] [--only WORDS] [--timeout 60]

A temporary folder gets knowledge bases full of malformed project and lesson files (scripts/hostile_corpus.py),
special files and links, hostile spreadsheets (scripts/hostile_sheets.py) and folders with planted links and
existing files to write into. `validate`, `import`, `export`, `new --yes`, `screening --xlsx` and `pages --out`
run on them as child processes with a timeout. For each case: the exit code, the wall time, the peak memory
(the child's own, from wait4), whether a file outside the folders it may write changed, whether an existing
file was replaced without --force, whether code ran (a `canary-*` file appeared, a formula was left live in a
written CSV or workbook), whether a traceback or "internal error" was printed, and whether a raw control
character reached the terminal. The summary prints the counts; the goal is 0 internal errors, 0 executions,
0 overwrites without --force, 0 writes outside the target, nothing above 5 s or 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_corpus as corpus  # noqa: E402
import hostile_sheets as sheets  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "valid"
SLOW, HEAVY = 5.0, 500  # seconds, MB
MEMORY_CAP = 3 << 30  # a child may not take the machine down, whatever it tries
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
# shape cases also validated one file at a time: the list fields the issue found stopping validate
ONE_BY_ONE = {"partners", "tools", "policy_dimensions", "progress", "awards", "yearly_targets", "unit", "fiscal_year"}


@dataclass
class Case:
    name: str
    args: list[str]
    cwd: Path
    watched: Path  # every change under it is checked
    targets: list[Path] = field(default_factory=list)  # where it may write; without --force, not over a file already there
    outputs: list[Path] = field(default_factory=list)  # written CSV and workbooks: no live formula in them


@dataclass
class Result:
    case: Case
    code: int
    seconds: float
    peak_mb: float
    output: str
    timed_out: bool = False
    outside: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    executed: list[str] = field(default_factory=list)

    @property
    def internal_error(self) -> bool:
        return self.code not in (0, 1) or "Traceback" in self.output or "internal error" in self.output

    @property
    def raw_controls(self) -> bool:
        return RAW_CONTROLS.search(self.output) is not None


# --- the corpus ------------------------------------------------------------------------------------


class Sandbox:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.template = root / "template"
        subprocess.run([sys.executable, "-m", "bestservice", "init", str(self.template)], check=True, capture_output=True)
        for name in ("projects", "lessons"):
            shutil.rmtree(self.template / name)
            shutil.copytree(BASE / name, self.template / name)
        self.count = 0

    def knowledge_base(self, name: str) -> tuple[Path, Path]:
        """A fresh copy of the valid knowledge base in its own folder, with a victim folder beside it."""
        self.count += 1
        case = self.root / f"{self.count:03d}-{name}"
        shutil.copytree(self.template, case / "kb", symlinks=True)
        (case / "victim").mkdir()
        (case / "victim" / "secret.md").write_text("---\nid: secret\n---\n\nไม่ใช่เนื้อหาของคลังความรู้\n", encoding="utf-8")
        return case, case / "kb"


def bestservice(*args) -> list[str]:
    return [sys.executable, "-m", "bestservice", *map(str, args)]


def content_cases(box: Sandbox) -> list[Case]:
    cases = []
    project = (BASE / "projects" / "2568" / "khlong-toei-queue-online.md").read_text(encoding="utf-8")
    lesson = (BASE / "lessons" / "ask-before-building.md").read_text(encoding="utf-8")
    case, kb = box.knowledge_base("malformed")
    year = kb / "projects" / "2568"
    files = corpus.place(year, corpus.text_cases(project), "project", "khlong-toei-queue-online")
    shapes = corpus.place(year, corpus.shape_cases(project, corpus.PROJECT_KEYS), "project", "khlong-toei-queue-online")
    shapes += corpus.place(kb / "lessons", corpus.shape_cases(lesson, corpus.LESSON_KEYS), "lesson", "ask-before-building")
    files += corpus.misplaced(kb, project)
    files += [path for path in shapes if path.stem.split("-as-")[0] in ONE_BY_ONE or path.parent.name == "lessons" and "-as-" in path.stem]
    cases += whole_knowledge_base(f"{len(set(files + shapes))} malformed files", case, kb)
    cases += [Case(f"validate {path.relative_to(kb)}", bestservice("validate", path.relative_to(kb)), kb, case, [kb / ".cache"]) for path in files]

    case, kb = box.knowledge_base("special-files")
    specials = corpus.special_files(kb, case / "victim")
    cases += whole_knowledge_base("special files and links", case, kb)
    cases += [Case(f"validate {path.relative_to(kb)}", bestservice("validate", path.relative_to(kb)), kb, case, [kb / ".cache"]) for path in specials]

    case, kb = box.knowledge_base("planted-cache")
    corpus.planted_cache(kb)
    cases.append(Case("validate with a pickled cache in the checkout (bestservice/content/cache.py)", bestservice("validate"), kb, case, [kb / ".cache"]))
    return cases


def whole_knowledge_base(label: str, case: Path, kb: Path) -> list[Case]:
    """validate, export, pages and screening over a whole knowledge base."""
    return [
        Case(f"validate ({label})", bestservice("validate"), kb, case, [kb / ".cache"]),
        Case(f"export ({label})", bestservice("export", "--out", case / "export"), kb, case, [case / "export"], outputs=[case / "export" / "projects.csv"]),
        Case(f"pages --out ({label})", bestservice("pages", "--out", case / "pages"), kb, case, [case / "pages"]),
        Case(
            f"screening --xlsx ({label})",
            bestservice("screening", "--fiscal-year", 2568, "--xlsx", case / "board.xlsx"),
            kb,
            case,
            [case / "board.xlsx"],
            outputs=[case / "board.xlsx"],
        ),
    ]


def spreadsheet_cases(box: Sandbox) -> list[Case]:
    cases = []
    for name, make in {**sheets.xlsx_cases(), **sheets.csv_cases()}.items():
        case, kb = box.knowledge_base(f"sheet-{name}")
        make(case / name)
        cases.append(Case(f"import {name}", bestservice("import", case / name), kb, case, [kb / "projects"]))
        if name.startswith("formula-injection-in-valid"):
            cases.append(
                Case(
                    f"export after importing {name}",
                    bestservice("export", "--out", case / "export"),
                    kb,
                    case,
                    [case / "export"],
                    outputs=[case / "export" / "projects.csv"],
                )
            )
            board = case / "board.xlsx"
            cases.append(
                Case(
                    f"screening --xlsx after importing {name}",
                    bestservice("screening", "--fiscal-year", 2566, "--xlsx", board),
                    kb,
                    case,
                    [board],
                    outputs=[board],
                )
            )
    case, kb = box.knowledge_base("import-file-kinds")
    os.mkfifo(case / "fifo.csv")
    (case / "zero.csv").symlink_to("/dev/zero")
    (case / "folder.xlsx").mkdir()
    (case / "mapping.yaml").write_text('columns: !!python/object/apply:os.system ["touch canary-mapping"]\n', encoding="utf-8")
    os.mkfifo(case / "fifo-mapping.yaml")
    sheets.workbook(case / "good.xlsx", sheets.visible(sheets.rows_xml([sheets.HEADER, *sheets.good_rows(2)])))
    for args in (["fifo.csv"], ["zero.csv"], ["folder.xlsx"], ["good.xlsx", "--mapping", "mapping.yaml"], ["good.xlsx", "--mapping", "fifo-mapping.yaml"]):
        cases.append(Case(f"import {' '.join(args)}", bestservice("import", *args), case, case, [kb / "projects"]))
    return cases


def write_cases(box: Sandbox) -> list[Case]:
    """Writes that must ask: planted links, existing files, symlinked folders."""
    cases = []
    case, kb = box.knowledge_base("export-targets")
    out = case / "out"
    out.mkdir()
    (out / ".projects.json.tmp").symlink_to(case / "victim" / "projects.json")
    (out / "projects.json").write_text("เขียนด้วยมือ", encoding="utf-8")
    (out / "lessons.json").symlink_to(case / "victim" / "lessons.json")
    cases.append(Case("export --out over a hand-written file and planted links", bestservice("export", "--out", out), kb, case, [out]))
    cases.append(Case("export --out --force through a planted link", bestservice("export", "--out", out, "--force"), kb, case, [out]))

    case, kb = box.knowledge_base("pages-targets")
    docs = kb / "docs"
    hand_written = docs / "projects" / "index.md"
    hand_written.parent.mkdir(exist_ok=True)
    hand_written.write_text("# หน้าที่เขียนด้วยมือ\n", encoding="utf-8")
    cases.append(Case("pages --out docs (its help's own example) over hand-written pages", bestservice("pages", "--out", "docs"), kb, case, [docs]))
    cases.append(Case("pages --out docs again (every page exists now)", bestservice("pages", "--out", "docs"), kb, case, [docs]))
    linked = case / "linked"
    linked.mkdir()
    (linked / "projects").symlink_to(case / "victim", target_is_directory=True)
    cases.append(Case("pages --out --force into a folder with a symlinked subfolder", bestservice("pages", "--out", linked, "--force"), kb, case, [linked]))

    case, kb = box.knowledge_base("screening-targets")
    (case / "dangling.xlsx").symlink_to(case / "victim" / "board.xlsx")
    (case / "existing.xlsx").write_text("ข้อมูลเดิม", encoding="utf-8")
    (case / "victim" / "kept.xlsx").write_text("ข้อมูลของคนอื่น", encoding="utf-8")
    (case / "link.xlsx").symlink_to(case / "victim" / "kept.xlsx")
    for name, extra in (("dangling.xlsx", []), ("existing.xlsx", []), ("link.xlsx", ["--force"])):
        cases.append(
            Case(
                f"screening --xlsx {name} {' '.join(extra)}",
                bestservice("screening", "--fiscal-year", 2568, "--xlsx", case / name, *extra),
                kb,
                case,
                [case / name],
            )
        )

    case, kb = box.knowledge_base("import-targets")
    existing = kb / "projects" / "2568" / "mobile-2568.md"
    existing.write_text("---\nid: something-else\n---\n\nเขียนด้วยมือ\n", encoding="utf-8")
    rows = "id,ชื่อโครงการ,หน่วยงาน,ปีงบประมาณ,สรุป,แหล่งข้อมูล\nmobile-2568,บริการเคลื่อนที่,district-bang-khae,2568,y,https://e.org\n"
    (case / "rows.csv").write_text(rows, encoding="utf-8")
    (case / "rows-2566.csv").write_text(rows.replace("2568", "2566"), encoding="utf-8")
    (kb / "projects" / "2566").symlink_to(case / "victim", target_is_directory=True)
    cases.append(Case("import onto an existing file of another id", bestservice("import", case / "rows.csv"), kb, case, [kb / "projects"]))
    cases.append(Case("import into a symlinked year folder", bestservice("import", case / "rows-2566.csv"), kb, case, [kb / "projects"]))
    cases += new_cases(box)
    return cases


ANSWERS = {  # a proposal that validates
    "--title": "คิวออนไลน์งานทะเบียน",
    "--unit": "district-bang-khae",
    "--fiscal-year": "2569",
    "--slug": "queue-online",
    "--summary": "จองคิว",
    "--primary-recipients": "ประชาชน",
    "--problem": "รอนาน",
    "--root-cause": "ไม่มีนัดหมาย",
    "--needs-survey": "สำรวจ",
    "--objectives": "ลดเวลารอ",
    "--activities": "เปิดระบบ",
    "--service-standard": "ไม่เกิน 15 นาที",
    "--kpis": "เวลารอ = 15",
    "--tools": "lean",
    "--policy": "1",
}
NEW = [*(item for pair in ANSWERS.items() for item in pair), "--declare", "--confirm-new", "--yes"]


def new_cases(box: Sandbox) -> list[Case]:
    cases = []
    answers = {
        "an escape sequence in every answer": [
            *(item for option, answer in ANSWERS.items() for item in (option, answer + corpus.CONTROLS)),
            "--declare",
            "--yes",
        ],
        "U+FFFE in the title": [*NEW, "--title", "คิว\ufffeออนไลน์"],
        "a title of 120 KB (what one argument may hold)": [*NEW, "--title", "ก" * 40_000],
        "a YAML tag as the title": [*NEW, "--title", '!!python/object/apply:os.system ["touch canary-new"]'],
    }
    for label, args in answers.items():
        case, kb = box.knowledge_base("new-answers")
        cases.append(Case(f"new project with {label}", bestservice("new", "project", *args), kb, case, [kb / "projects"]))
    case, kb = box.knowledge_base("new-symlinked-year")
    (kb / "projects" / "2569").symlink_to(case / "victim", target_is_directory=True)
    cases.append(Case("new project into a symlinked year folder", bestservice("new", "project", *NEW), kb, case, [kb / "projects"]))
    case, kb = box.knowledge_base("new-existing")
    target = kb / "projects" / "2569" / "queue-online-2569.md"
    target.parent.mkdir()
    target.write_text("---\nid: other\n---\n\nเขียนด้วยมือ\n", encoding="utf-8")
    cases.append(Case("new project onto an existing file", bestservice("new", "project", *NEW), kb, case, [kb / "projects"]))
    case, kb = box.knowledge_base("new-dangling")
    (kb / "projects" / "2569").mkdir()
    (kb / "projects" / "2569" / "queue-online-2569.md").symlink_to(case / "victim" / "new.md")
    cases.append(Case("new project onto a dangling link", bestservice("new", "project", *NEW), kb, case, [kb / "projects"]))
    return cases


# --- running and checking ------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under a folder as (mode, size, mtime, inode), never following a link nor opening a file."""
    found = {}
    for path, folders, files in os.walk(folder):
        for name in folders + files:
            entry = os.path.join(path, name)
            status = os.lstat(entry)  # a folder changes when an entry is added to it: only its own replacement counts
            found[entry] = (
                (status.st_mode >> 12, status.st_ino) if stat.S_ISDIR(status.st_mode) else (status.st_mode, status.st_size, status.st_mtime_ns, status.st_ino)
            )
    return found


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def existing_files(case: Case) -> dict[str, bytes]:
    """The files already in the folders a command writes: without --force, none may be replaced (a cache may)."""
    if "--force" in case.args:
        return {}
    found = {}
    for target in case.targets:
        paths = [target] if target.is_file() else target.rglob("*") if target.is_dir() and target.name != ".cache" else []
        found |= {str(p): p.read_bytes() for p in paths if p.is_file() and not p.is_symlink()}
    return found


def run(case: Case, timeout: float) -> Result:
    before, existing = snapshot(case.watched), existing_files(case)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BESTSERVICE_")}
    with tempfile.TemporaryFile() as output:
        started = time.monotonic()
        child = subprocess.Popen(
            case.args, cwd=case.cwd, stdout=output, stderr=output, stdin=subprocess.DEVNULL, env=environment, preexec_fn=limit_memory, start_new_session=True
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                os.killpg(child.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(child.pid, 0)
                timed_out = True
                break
            time.sleep(0.01)
        seconds = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    result = Result(case, child.returncode, seconds, usage.ru_maxrss / 1024, text, timed_out)
    after = snapshot(case.watched)
    allowed = tuple(str(t) for t in case.targets)
    changed = [p for p in set(before) | set(after) if before.get(p) != after.get(p)]
    result.outside = sorted(p for p in changed if not p.startswith(allowed) and "/canary-" not in p)
    result.overwritten = sorted(p for p, data in existing.items() if not os.path.lexists(p) or os.path.islink(p) or Path(p).read_bytes() != data)
    result.executed = sorted(p for p in after if os.path.basename(p).startswith("canary-")) + live_formulas(case)
    return result


def live_formulas(case: Case) -> list[str]:
    """A written CSV cell a spreadsheet would run, or a workbook cell that is a formula."""
    found = []
    for path in case.outputs:
        if path.suffix == ".csv" and path.is_file() and not path.is_symlink():
            rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
            found += [f"{path}: {cell[:40]!r}" for row in rows for cell in row if cell.startswith(FORMULA)]
        if path.suffix == ".xlsx" and path.is_file() and not path.is_symlink():
            from openpyxl import load_workbook

            book = load_workbook(path)
            found += [f"{path}: {c.coordinate}" for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    return found


def run_all(cases: list[Case], timeout: float, only: str | None) -> list[Result]:
    results = []
    for number, case in enumerate(cases, start=1):
        if only and only not in case.name:
            continue
        result = run(case, timeout)
        results.append(result)
        flags = [name for name, bad in flags_of(result).items() if bad]
        print(
            f"[{number:3d}/{len(cases)}] exit {result.code} {result.seconds:5.1f} s {result.peak_mb:6.0f} MB {case.name}"
            + (f"  <-- {', '.join(flags)}" if flags else ""),
            flush=True,
        )
    return results


def flags_of(result: Result) -> dict[str, bool]:
    return {
        "internal error": result.internal_error,
        "execution": bool(result.executed),
        "overwrite without --force": bool(result.overwritten),
        "write outside the target": bool(result.outside),
        "timeout": result.timed_out,
        f"over {SLOW:.0f} s": result.seconds > SLOW,
        f"over {HEAVY} MB": result.peak_mb > HEAVY,
        "raw control characters printed": result.raw_controls,
    }


def summary(results: list[Result]) -> str:
    slowest = max(results, key=lambda r: r.seconds)
    heaviest = max(results, key=lambda r: r.peak_mb)
    counts = Counter(name for r in results for name, bad in flags_of(r).items() if bad)
    lines = [
        "",
        f"cases tried: {len(results)}",
        "exit codes: " + ", ".join(f"{code}: {n}" for code, n in sorted(Counter(r.code for r in results).items())),
        f"worst time: {slowest.seconds:.1f} s ({slowest.case.name})",
        f"worst memory: {heaviest.peak_mb:.0f} MB ({heaviest.case.name})",
        "internal errors / executions / overwrites without --force / writes outside the target: "
        + " / ".join(str(counts[name]) for name in ("internal error", "execution", "overwrite without --force", "write outside the target")),
        f"timeouts: {counts['timeout']}, over {SLOW:.0f} s: {counts[f'over {SLOW:.0f} s']}, over {HEAVY} MB: {counts[f'over {HEAVY} MB']}, "
        f"raw control characters printed: {counts['raw control characters printed']}",
    ]
    for result in results:
        details = {"execution": result.executed, "overwrite without --force": result.overwritten, "write outside the target": result.outside}
        for name, bad in flags_of(result).items():
            if bad:
                detail = details.get(name) or [line for line in result.output.splitlines() if "Traceback" in line or "internal" in line][:1]
                lines.append(f"  {name}: {result.case.name} {detail[:3] if detail else ''}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the corpus folder (its path is printed)")
    parser.add_argument("--only", help="run only the cases whose name holds these words")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a case is killed")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="bs-hostile-"))
    try:
        box = Sandbox(root)
        cases = content_cases(box) + spreadsheet_cases(box) + write_cases(box)
        print(f"corpus in {root}: {len(cases)} cases", flush=True)
        results = run_all(cases, args.timeout, args.only)
        print(summary(results))
        return 1 if any(any(flags_of(r).values()) for r in results) else 0
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
