"""Measure the similar-projects check on a synthetic catalogue (never committed as content).

    .venv/bin/python scripts/measure_similar.py [--projects 5000] [--no-browser] [--json]

Writes N synthetic projects to a temporary folder (sentences of the evaluation set's projects
recombined, random units and fiscal years 2560-2567), indexes them with the core, then times every
proposal of tests/similar/ as a query: in Python (Corpus.check) and in headless Chromium
(similar.js on the index the site hook writes). Prints ms per query, the page's load time (from
navigation start to the engine ready, by the page's own clock, median of 5) and the index size
(raw, and gzip level 6 as deploy/nginx.conf sends it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bestservice.content import load_content  # noqa: E402
from bestservice.content.reference import load_reference  # noqa: E402
from bestservice.similar.browser import FILE_NAME, browser_script  # noqa: E402
from bestservice.similar.corpus import Corpus  # noqa: E402
from bestservice.similar.evaluation import load_eval, proposal_text, write_markdown  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "similar"
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
        _, proposals = load_eval(EVAL_DIR)
        queries = [(p["title"], proposal_text(p)) for p in proposals]
        python_ms = []
        for title, text in queries:
            t0 = time.perf_counter()
            corpus.check({"title": title, "summary": text, "fiscal_year": 2568}, top=5)
            python_ms.append((time.perf_counter() - t0) * 1000)
        report = {
            "projects": len(content.projects),
            "load_s": round(loaded - started, 2),
            "index_s": round(indexed - loaded, 2),
            "python_ms_mean": round(statistics.mean(python_ms), 2),
            "python_ms_p95": round(percentile(python_ms, 0.95), 2),
        }
        script = browser_script(content, reference)
        raw = script.encode("utf-8")
        report["index_file_mb"] = round(len(raw) / 1e6, 2)
        report["index_file_gzip_mb"] = round(len(gzip.compress(raw, compresslevel=6)) / 1e6, 2)
        if browser:
            report.update(browser_times(work, script, queries))
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def browser_times(work: Path, script: str, queries) -> dict:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve

    site = work / "site"
    (site / "check").mkdir(parents=True)
    (site / "check" / FILE_NAME).write_text(script, encoding="utf-8")
    shutil.copy(ROOT / "docs" / "assets" / "javascripts" / "similar.js", site / "check" / "similar.js")
    (site / "check" / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><div id="bs-similar"><input id="bs-sim-title"><textarea id="bs-sim-text"></textarea>'
        '<input id="bs-sim-year"><p id="bs-sim-status"></p><p id="bs-sim-verdict"></p><ol id="bs-sim-results"></ol><div id="bs-sim-bsc"></div></div>'
        f'<script src="{FILE_NAME}"></script><script src="similar.js"></script>'
        # similar.js builds its engine on DOMContentLoaded; this listener runs right after it
        '<script>document.addEventListener("DOMContentLoaded", () => { window.bsReadyMs = performance.now(); });</script>',
        encoding="utf-8",
    )
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
            times = page.evaluate(
                """(qs) => qs.map(([t, x]) => { const s = performance.now(); window.bsSimilar.check(t, x, 2568, 5); return performance.now() - s; })""",
                [list(q) for q in queries],
            )
            chromium.close()
    finally:
        server.shutdown()
    return {
        "browser_load_ms": round(statistics.median(loads)),
        "browser_ms_mean": round(statistics.mean(times), 2),
        "browser_ms_p95": round(percentile(times, 0.95), 2),
    }


def open_page(chromium, url: str):
    """A page in a fresh context (nothing cached), and ms from navigation start to the engine ready."""
    page = chromium.new_context().new_page()
    page.goto(url)
    page.wait_for_function("window.bsSimilar !== undefined && window.bsReadyMs !== undefined")
    return page, page.evaluate("window.bsReadyMs")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = measure(args.projects, browser=not args.no_browser)
    print(json.dumps(report, ensure_ascii=False) if args.json else "\n".join(f"{k}: {v}" for k, v in report.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
