"""Measure the similar-projects check on a synthetic catalogue (never committed as content): the budgets
of the check page and of one-file validate.

    .venv/bin/python scripts/measure_similar.py [--projects 1000] [--no-browser] [--json]

Writes N synthetic projects to a temporary folder (sentences of the evaluation set's projects
recombined, random units and fiscal years 2560-2567), indexes them with the core, then times every
proposal of tests/similar/hard/ as a query: in Python (Corpus.check, meaning included) and in headless
Chromium (similar.js + meaning.js on the data and model file the site build writes). Prints ms per
query (in the browser: a proposal typed in fresh, and the same with one more character), the page's
time to ready (navigation start to data and meaning model loaded, median of 5 fresh loads), what the
page transfers (raw, and gzip level 6 as deploy/nginx.conf sends it), and `bestservice validate FILE`
of one proposal (cold cache, then warm).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bestservice.content import load_content  # noqa: E402
from bestservice.content.reference import load_reference  # noqa: E402
from bestservice.similar.browser import FILE_NAME, MODEL_FILE, browser_script  # noqa: E402
from bestservice.similar.corpus import Corpus  # noqa: E402
from bestservice.similar.evaluation import load_eval, write_markdown  # noqa: E402
from bestservice.similar.vectors import encoder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "similar"
HARD = EVAL_DIR / "hard"
FIELDS = ("title", "summary", "problem", "activities")
LOADS = 5  # page loads timed; the median is reported (the machine is shared and noisy)


def synthetic_projects(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    content, _ = load_eval(EVAL_DIR)
    units = [u["id"] for u in load_reference(ROOT / "reference").units]
    pieces = {name: [p for doc in content.projects for p in str(doc.data[name]).split()] for name in FIELDS}
    projects = []
    for number in range(count):
        project = {"id": f"synthetic-{number:05d}", "fiscal_year": rng.randint(2560, 2567), "unit": rng.choice(units)}
        for name in FIELDS:
            project[name] = " ".join(rng.sample(pieces[name], k=min(len(pieces[name]), 1 if name == "title" else rng.randint(2, 5))))
        projects.append(project)
    return projects


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def measure(count: int, browser: bool = True) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bs-similar-"))
    try:
        projects_dir = write_markdown(work / "projects", synthetic_projects(count))
        reference = load_reference(ROOT / "reference")
        started = time.perf_counter()
        content = load_content(projects_dir, work / "lessons")
        loaded = time.perf_counter()
        corpus = Corpus(content, reference)
        indexed = time.perf_counter()
        _, proposals = load_eval(HARD)
        python_ms = []
        for proposal in proposals:
            t0 = time.perf_counter()
            corpus.check(dict(proposal, fiscal_year=2568), top=5)
            python_ms.append((time.perf_counter() - t0) * 1000)
        report = {
            "projects": len(content.projects),
            "load_s": round(loaded - started, 2),
            "index_and_vectors_s": round(indexed - loaded, 2),
            "python_ms_mean": round(statistics.mean(python_ms), 2),
            "python_ms_p95": round(percentile(python_ms, 0.95), 2),
        }
        files = {FILE_NAME: browser_script(corpus).encode("utf-8"), MODEL_FILE: encoder().browser_model()}
        for name in ("meaning.js", "similar.js"):
            files[name] = (ROOT / "docs" / "assets" / "javascripts" / name).read_bytes()
        report["transfer_mb"] = round(sum(map(len, files.values())) / 1e6, 2)
        report["transfer_gzip_mb"] = round(sum(len(gzip.compress(data, compresslevel=6)) for data in files.values()) / 1e6, 2)
        report.update(validate_times(work, proposals[0]))
        if browser:
            report.update(browser_times(work, files, proposals))
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def validate_times(work: Path, proposal: dict) -> dict:
    """`bestservice validate FILE` of one proposal in the knowledge base: cold cache, then warm (fastest of 3)."""
    folder = work / "projects" / "2569"
    write_markdown(work / "projects", [dict(proposal, id="measured-proposal", fiscal_year=2569, summary=proposal.get("summary") or proposal["title"])])
    (work / "mkdocs.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n", encoding="utf-8")
    (work / "reference").symlink_to(ROOT / "reference")
    env = dict(os.environ, BESTSERVICE_CACHE_DIR=str(work / "cache"))
    command = [str(ROOT / ".venv" / "bin" / "bestservice"), "validate", str(folder / "measured-proposal.md")]
    seconds = []
    for _ in range(4):
        t0 = time.perf_counter()
        subprocess.run(command, cwd=work, env=env, capture_output=True)
        seconds.append(time.perf_counter() - t0)
    return {"validate_one_file_cold_s": round(seconds[0], 2), "validate_one_file_warm_s": round(min(seconds[1:]), 2)}


def browser_times(work: Path, files: dict[str, bytes], proposals: list[dict]) -> dict:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve

    site = work / "site"
    (site / "check").mkdir(parents=True)
    for name, data in files.items():
        (site / "check" / name).write_bytes(data)
    (site / "check" / "index.html").write_text(
        f'<!doctype html><meta charset="utf-8"><div id="bs-similar" data-model="{MODEL_FILE}"><input id="bs-sim-title"><textarea id="bs-sim-text"></textarea>'
        '<input id="bs-sim-year"><p id="bs-sim-status"></p><p id="bs-sim-verdict"></p><ol id="bs-sim-results"></ol><div id="bs-sim-bsc"></div></div>'
        f'<script src="{FILE_NAME}"></script><script src="meaning.js"></script><script src="similar.js"></script>',
        encoding="utf-8",
    )
    queries = [{k: p.get(k) for k in ("title", "summary", "problem", "activities")} for p in proposals]
    server, url = serve(site)
    try:
        with sync_playwright() as play:
            chromium = play.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page, loads = None, []
            for _ in range(LOADS):
                if page:
                    page.context.close()
                page, ms = open_page(chromium, f"{url}/check/")
                loads.append(ms)
            fresh, typed = page.evaluate(
                """(qs) => {
                  const e = window.bsSimilar, fresh = [], typed = [];
                  for (const q of qs) {
                    let s = performance.now(); e.checkFields(q, 2568, 5); fresh.push(performance.now() - s);
                    s = performance.now(); e.checkFields(Object.assign({}, q, {activities: (q.activities || "") + "ก"}), 2568, 5); typed.push(performance.now() - s);
                  }
                  return [fresh, typed];
                }""",
                queries,
            )
            chromium.close()
    finally:
        server.shutdown()
    return {
        "browser_ready_ms": round(statistics.median(loads)),
        "browser_answer_ms_mean": round(statistics.mean(fresh), 1),
        "browser_answer_ms_p95": round(percentile(fresh, 0.95), 1),
        "browser_answer_after_a_keystroke_ms_mean": round(statistics.mean(typed), 1),
    }


def open_page(chromium, url: str):
    """A page in a fresh context (nothing cached), and ms from navigation start to the engine ready."""
    page = chromium.new_context().new_page()
    page.goto(url)
    page.wait_for_function("document.getElementById('bs-similar').dataset.loaded === '1'", timeout=120_000)
    return page, page.evaluate("performance.now()")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = measure(args.projects, browser=not args.no_browser)
    print(json.dumps(report, ensure_ascii=False) if args.json else "\n".join(f"{k}: {v}" for k, v in report.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
