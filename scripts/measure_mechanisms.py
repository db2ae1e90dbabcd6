#!/usr/bin/env python3
"""What each of the build's speed mechanisms saves: the build with all of them, and with each one off.

    .venv/bin/python scripts/measure_mechanisms.py --sizes 1000,5000 [--repeat 3]

The mechanisms (ARCHITECTURE.md, "How the build stays fast"):
- second process: the check (similar index, boards, check data, problems) and the search index are made
  in forked processes (bestservice/background.py, fork + gc.freeze) beside the page rendering; off:
  BESTSERVICE_PARALLEL=0.
- page shells: generated pages are poured into the theme's page shell once per template instead of
  going through MkDocs' page pipeline one by one (bestservice_mkdocs/shells.py); off: BESTSERVICE_SHELL=0.
- streamed hand-over: the pages reach the search index's second process in batches of 100 while they
  are made, not all at once at the end; off: one batch (BATCH patched in this run only).
- template bytecode cache: Material's compiled templates kept in the user's cache (jinja/); off: emptied
  before each build (what the very first build on a machine pays).
- kept similar work: each project's words and meaning vector kept in the user's cache by file (shared
  with validate); off: emptied before each build (what the first build of a checkout pays).

Each variant builds the same synthetic knowledge base (scripts/synthetic.py); the variants take
turns `--repeat` times and the fastest run of each counts (a shared machine slows some runs). It
prints a Markdown table for BENCHMARKS.md. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402
from benchmark import python_env, run_measured  # noqa: E402

ONE_BATCH = "import sys, bestservice.pages as p; p.BATCH = 10**9; from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()"
VARIANTS = {
    "all mechanisms": {},
    "no second process": {"env": {"BESTSERVICE_PARALLEL": "0"}},
    "no page shells": {"env": {"BESTSERVICE_SHELL": "0"}},
    "no streamed hand-over": {"python": ONE_BATCH},
    "no template cache": {"empty": ["jinja"]},
    "no kept similar work": {"empty": ["kb-*/similar-features/*.json", "kb-*/meaning-vectors/*.json"]},
}


def build(folder: Path, variant: dict) -> dict:
    site, cache = folder / "site", folder.parent / f"{folder.name}-cache"  # the user's cache, this run's own
    shutil.rmtree(site, ignore_errors=True)
    for pattern in variant.get("empty", []):
        for path in cache.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    start = [sys.executable, "-c", variant["python"]] if "python" in variant else [sys.executable, "-m", "mkdocs"]
    env = python_env(BESTSERVICE_CACHE_DIR=str(cache), **variant.get("env", {}))
    result = run_measured([*start, "build", "--strict", "--quiet", "--site-dir", str(site)], env=env, cwd=folder)
    if result["code"] != 0:
        raise SystemExit(f"build failed:\n{result['output']}")
    return result


def measure(size: int, work: Path, repeat: int) -> dict[str, dict]:
    folder = work / f"n{size}"
    synthetic.generate(folder, size, max(1, size // 10), seed=1)
    synthetic.knowledge_base_over(folder)
    build(folder, VARIANTS["all mechanisms"])  # the first build fills the user's cache
    runs: dict[str, list[dict]] = {name: [] for name in VARIANTS}
    for _ in range(repeat):
        for name, variant in VARIANTS.items():
            runs[name].append(build(folder, variant))
    fastest = {name: min(results, key=lambda r: r["seconds"]) for name, results in runs.items()}
    print(f"  {size}: " + ", ".join(f"{name} {[round(r['seconds'], 1) for r in results]}" for name, results in runs.items()), file=sys.stderr)
    return fastest


def table(results: dict[int, dict[str, dict]]) -> str:
    sizes = sorted(results)
    head = "| variant | " + " | ".join(f"{size:,} projects: s (peak MB) | saved by the mechanism" for size in sizes) + " |"
    lines = [head, "|---|" + "---|---|" * len(sizes)]
    for name in VARIANTS:
        cells = []
        for size in sizes:
            run, base = results[size][name], results[size]["all mechanisms"]
            saved = (
                "–" if name == "all mechanisms" else f"{run['seconds'] - base['seconds']:+.1f} s ({(run['seconds'] - base['seconds']) / run['seconds']:.0%})"
            )
            cells.append(f"{run['seconds']:.1f} ({run['peak_mb']:.0f}) | {saved}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="วัดว่ากลไกเร่งความเร็วแต่ละอย่างช่วยได้เท่าไร (speed mechanisms)")
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="เก็บคลังสังเคราะห์ไว้ในโฟลเดอร์นี้")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bestservice-mechanisms-"))
    try:
        results = {int(size): measure(int(size), work, args.repeat) for size in args.sizes.split(",")}
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
