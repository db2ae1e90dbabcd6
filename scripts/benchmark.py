#!/usr/bin/env python3
"""Build benchmark: how the site build scales with the number of projects.

    .venv/bin/python scripts/benchmark.py                      # 100, 1,000 and 5,000 projects
    .venv/bin/python scripts/benchmark.py --sizes 100,1000     # quicker
    .venv/bin/python scripts/benchmark.py --keep /tmp/bench    # keep catalogues and sites for a look
    make benchmark                                             # the same as the first line

For each size N it
1. generates a synthetic catalogue (scripts/synthetic.py: realistic Thai, every field kind, N/10 lessons),
2. builds the real site over it (`mkdocs build --strict` of a knowledge base holding it) and
   records wall seconds and the peak memory of the build process (ru_maxrss from wait4),
3. measures the site: size in MB and number of files, and builds it with only the plugin's pages part
   ("pages only": no search index, similar-check data, exports or feeds),
4. calls scripts/measure_search.py (bytes downloaded before the first search result, gzip) and
   scripts/measure_similar.py (similar-projects check, ms per query in Python and in the browser)
   when they exist, printing "n/a" otherwise,
5. renders two lower bounds, each in a separate process, no MkDocs:
   - "same pages": every page of the site with plain python-markdown + Jinja2: the core's generated
     pages (bestservice.pages renders them with python-markdown + Jinja2 already) and the guide's
     Markdown pages (their macros expanded by plain Jinja2, with the site's Markdown extensions),
     each into a minimal HTML template; no theme, search index, similar-check data, exports or
     feeds. The goal's ratio is taken against this one.
   - "bare": only the project and lesson pages, their fields and Markdown body into the minimal
     template (the first session's lower bound, kept to compare with BENCHMARKS.md's earlier tables),
and prints a Markdown table (paste it into BENCHMARKS.md). The build, the pages-only build and the
lower bounds take turns --repeat times (default 5, as timeit) and the fastest run of each counts: on a shared machine the slower runs
measure the neighbours. Compiled theme templates are cached in .cache/jinja between builds (as
Python caches .pyc files), so only the very first build of a checkout compiles them; the builds and
the lower bounds run with Python's .pyc cache on, even where the environment turns it off
(PYTHONDONTWRITEBYTECODE), as a user's machine has it. Goals: build <= 1.5 x the lower bound, and
linear from 1,000 to 5,000 (cost per project at 5,000 within 1.2 x of that at 1,000).
Run it on a quiet machine; it is a measurement, not a test (the test suite never times anything).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import synthetic  # noqa: E402
import yaml  # noqa: E402

SEARCH_QUERIES = ["ตัวชี้วัด", "ผู้สูงอายุ", "น้ำท่วมขัง", "จองคิว ไลน์"]
LINEAR_LIMIT = 1.2
LOWER_BOUND_LIMIT = 1.5


# --- measuring a child process --------------------------------------------------------------------


def run_measured(args: list[str], env: dict | None = None, cwd: Path = ROOT) -> dict:
    """Run a command; return wall seconds, peak RSS (MB) of it and its waited children, exit code, output tail."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,  # includes the children it waited for (the build's second process)
        "peak_mb": usage.ru_maxrss / 1024,
        "code": process.returncode,
        "output": text[-4000:],
    }


def site_size(site: Path) -> tuple[float, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1_000_000, len(files)


# --- the lower bound: same pages, no MkDocs --------------------------------------------------------

LOWER_TEMPLATE = """<!doctype html>
<html lang="th"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="../../style.css"></head>
<body><header><a href="../../">คลังความรู้โครงการให้บริการที่ดีที่สุด</a></header>
<main><h1>{{ title }}</h1>
<dl>{% for key, value in fields %}<dt>{{ key }}</dt><dd>{{ value }}</dd>{% endfor %}</dl>
{{ body }}
</main></body></html>
"""


def lower_bound_pages(projects: Path, lessons: Path, out: Path) -> int:
    """Every page of the site, rendered without MkDocs; return the page count."""
    import jinja2
    import markdown

    from bestservice.content import load_content
    from bestservice.content.reference import load_reference
    from bestservice.pages import Page, generate_pages

    template = jinja2.Environment(autoescape=True).from_string(LOWER_TEMPLATE)
    count = 0

    def write(url: str, title: str, body: str) -> None:
        target = out / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(title=title, fields=[], body=jinja2.utils.markupsafe.Markup(body)), encoding="utf-8")

    for page in generate_pages(load_content(projects, lessons), load_reference(ROOT / "reference")):
        if isinstance(page, Page):
            write(page.url, page.title, page.html)
            count += 1
    md = markdown.Markdown(**site_markdown())
    for url, text in guide_markdown():
        write(url, url, md.reset().convert(text))
        count += 1
    return count


def site_markdown() -> dict:
    """Python-Markdown's extensions and their settings as mkdocs.yml gives them to the site."""
    import yaml

    extensions, configs = [], {}
    for item in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]:
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        extensions.append(name)
        if settings:
            configs[name] = settings
    return {"extensions": extensions, "extension_configs": configs}


def guide_markdown() -> list[tuple[str, str]]:
    """(URL, Markdown) of every docs/ page as the site renders it: front matter off and, on the pages
    that ask for it, the guide's macros expanded and glossary terms linked, by the site build's own
    reading of the hand-written pages (bestservice.site.hand_pages); what mkdocs-macros does in the
    build, without MkDocs."""
    from bestservice.content.reference import load_reference
    from bestservice.site.hand_pages import hand_pages

    return [(page.url, page.markdown) for page in hand_pages(ROOT / "docs", load_reference(ROOT / "reference"), ROOT)]


def lower_bound_bare(projects: Path, lessons: Path, out: Path) -> int:
    """Render every project and lesson page with python-markdown + Jinja2 only; return the page count."""
    import jinja2
    import markdown
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    template = jinja2.Environment(autoescape=True).from_string(LOWER_TEMPLATE)
    md = markdown.Markdown(extensions=["tables", "admonition", "attr_list", "def_list", "footnotes", "toc"])
    count = 0
    for folder, kind in ((projects, "projects"), (lessons, "lessons")):
        for path in sorted(folder.rglob("*.md")):
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            data = yaml.load(front, Loader=loader)
            fields = [
                (key, json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, list | dict) else value)
                for key, value in data.items()
                if key != "title"
            ]
            html = template.render(title=data["title"], fields=fields, body=jinja2.utils.markupsafe.Markup(md.reset().convert(body)))
            target = out / kind / data["id"] / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            count += 1
    return count


# --- optional measurements from other parts of the project -----------------------------------------


def _run_json(script: Path, args: list[str]) -> dict | str:
    if not script.exists():
        return "n/a"
    result = subprocess.run([sys.executable, str(script), *args], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        return f"failed ({result.returncode}): {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ''}"
    try:
        return json.loads(result.stdout)
    except ValueError:
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "no output"


def measure_search(site: Path) -> str:
    data = _run_json(ROOT / "scripts" / "measure_search.py", [str(site), *SEARCH_QUERIES])
    if not isinstance(data, dict):
        return data
    kb = data.get("max_gzip_bytes_before_first_result")
    index_kb = data.get("max_index_gzip_bytes_before_first_result")
    warm = (data.get("keystroke_ms_warm") or {}).get("median")
    parts = []
    if kb is not None:
        parts.append(f"{kb / 1000:.0f} kB")
    if index_kb is not None:
        parts.append(f"index {index_kb / 1000:.0f} kB")
    if warm is not None:
        parts.append(f"{warm:.0f} ms/key")
    return ", ".join(parts) or json.dumps(data, ensure_ascii=False)[:80]


def measure_similar(n_projects: int) -> str:
    """measure_similar.py builds its own synthetic corpus of the same size and times every evaluation proposal."""
    data = _run_json(ROOT / "scripts" / "measure_similar.py", ["--projects", str(n_projects), "--json"])
    if not isinstance(data, dict):
        return data
    # per-query means (not the browser's one-off index load time)
    found = {side: data[f"{side}_ms_mean"] for side in ("python", "browser") if isinstance(data.get(f"{side}_ms_mean"), int | float)}
    if found:
        return ", ".join(f"{side} {ms:.1f} ms" for side, ms in found.items())
    return json.dumps(data, ensure_ascii=False)[:80]


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    memory = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    import mkdocs

    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return (
        f"nproc {os.cpu_count()}, {cpu}, memory {memory}, Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
        f"{platform.system()} {platform.release()}, load average {load}"
    )


MACROS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"][0]["macros"]


def build_pages_only(folder: Path, env: dict, site: Path) -> dict:
    """The same pages through MkDocs + Material with only the plugin's pages part: no search index,
    similar-check data, exports or feeds. Against the lower bound it isolates what MkDocs and the
    theme cost; not --strict, as guide pages link to the exports this build leaves out."""
    config = folder / "pages-only.yml"
    config.write_text(json.dumps({"INHERIT": "mkdocs.yml", "plugins": [{"macros": MACROS}, {"bestservice": {"parts": ["pages"]}}]}), encoding="utf-8")
    result = run_measured([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)], env=env, cwd=folder)
    if result["code"] != 0:
        raise SystemExit(f"pages-only build failed:\n{result['output']}")
    return result


def python_env(**variables: str) -> dict:
    """The environment of a measured run: this one's, with Python's .pyc cache on."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return env | variables


def file_system_ms(work: Path, count: int = 300) -> float:
    """Milliseconds to create a folder with one small file in it, as a build does for each page.

    On a shared virtual machine this swings tenfold within minutes (and slows with the files just
    created and deleted): printed beside each size, it tells a slow file system from slow code."""
    probe = work / "file-system-probe"
    shutil.rmtree(probe, ignore_errors=True)
    started = time.perf_counter()
    for number in range(count):
        folder = probe / str(number)
        folder.mkdir(parents=True)
        (folder / "index.html").write_bytes(b"<!doctype html>")
    elapsed = time.perf_counter() - started
    shutil.rmtree(probe, ignore_errors=True)
    return 1000 * elapsed / count


def bench_one(size: int, work: Path, seed: int, repeat: int = 5) -> dict:
    folder = work / f"n{size}"
    lessons = max(1, size // 10)
    synthetic.generate(folder, size, lessons, seed=seed)
    synthetic.knowledge_base_over(folder)
    env = python_env()
    site = folder / "site"
    builds, pages_only, lower, file_system = [], [], {"pages": [], "bare": []}, []
    # Build, pages-only build and lower bounds take turns, `repeat` times; the fastest of each counts
    # (as timeit does: on a shared machine the slower runs measure the neighbours, not the code).
    for _ in range(repeat):
        file_system.append(file_system_ms(work))
        shutil.rmtree(site, ignore_errors=True)
        build = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], env=env, cwd=folder)
        if build["code"] != 0:
            raise SystemExit(f"mkdocs build failed for {size} projects:\n{build['output']}")
        builds.append(build)
        shutil.rmtree(folder / "site-pages-only", ignore_errors=True)
        pages_only.append(build_pages_only(folder, env, folder / "site-pages-only"))
        for mode in ("pages", "bare"):
            out = folder / f"lower-{mode}"
            shutil.rmtree(out, ignore_errors=True)
            result = run_measured(
                [sys.executable, __file__, "--lower-bound", mode, str(folder / "projects"), str(folder / "lessons"), str(out)], env=python_env()
            )
            if result["code"] != 0:
                raise SystemExit(f"lower bound ({mode}) failed:\n{result['output']}")
            lower[mode].append(result)
    spread = {
        "build": [round(b["seconds"], 1) for b in builds],
        "lower": [round(b["seconds"], 1) for b in lower["pages"]],
        "file system ms per page": [round(ms, 2) for ms in file_system],
    }
    build = min(builds, key=lambda b: b["seconds"])
    lower = {mode: min(runs, key=lambda b: b["seconds"]) for mode, runs in lower.items()}
    mb, files = site_size(site)
    pages_only = min(pages_only, key=lambda b: b["seconds"])
    print(
        f"  {size} projects: build {build['seconds']:.1f} s (CPU {build['cpu']:.1f} s), lower bound {lower['pages']['seconds']:.1f} s "
        f"(bare {lower['bare']['seconds']:.1f} s), fastest of {spread}; measuring search and similar check…",
        file=sys.stderr,
    )
    return {
        "projects": size,
        "lessons": lessons,
        "build_s": build["seconds"],
        "peak_mb": build["peak_mb"],
        "site_mb": mb,
        "files": files,
        "build_cpu_s": build["cpu"],
        "pages_only_s": pages_only["seconds"],
        "lower_s": lower["pages"]["seconds"],
        "lower_peak_mb": lower["pages"]["peak_mb"],
        "lower_bare_s": lower["bare"]["seconds"],
        "runs_s": spread,
        "search": measure_search(site),
        "similar": measure_similar(size),
    }


def report(rows: list[dict]) -> str:
    lines = [
        "| projects (+lessons) | build s (CPU s) | s per 1,000 | marginal s per 1,000 | peak MB | site MB | files | lower bound s: same pages (bare) | build / lower bound | pages only s (/ lower bound) | search: downloaded before 1st result | similar check per query |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    previous = None
    for row in rows:
        per = row["build_s"] / row["projects"] * 1000
        marginal = f"{(row['build_s'] - previous['build_s']) / (row['projects'] - previous['projects']) * 1000:.1f}" if previous else "–"
        lines.append(
            f"| {row['projects']:,} (+{row['lessons']:,}) | {row['build_s']:.1f} ({row['build_cpu_s']:.1f}) | {per:.1f} | {marginal} | {row['peak_mb']:.0f} | {row['site_mb']:.1f} | {row['files']:,} "
            f"| {row['lower_s']:.1f} ({row['lower_bare_s']:.1f}) | {row['build_s'] / row['lower_s']:.1f}x "
            f"| {row['pages_only_s']:.1f} ({row['pages_only_s'] / row['lower_s']:.1f}x) | {row['search']} | {row['similar']} |"
        )
        previous = row
    verdicts = []
    by_size = {row["projects"]: row for row in rows}
    if 1000 in by_size and 5000 in by_size:
        ratio = (by_size[5000]["build_s"] / 5000) / (by_size[1000]["build_s"] / 1000)
        verdicts.append(
            f"linear 1,000 → 5,000: cost per project at 5,000 = {ratio:.2f} x that at 1,000 (goal ≤ {LINEAR_LIMIT}): {'met' if ratio <= LINEAR_LIMIT else 'NOT met'}"
        )
    for row in rows:
        ratio = row["build_s"] / row["lower_s"]
        probe = row["runs_s"]["file system ms per page"]
        verdicts.append(
            f"{row['projects']:,} projects: build = {ratio:.2f} x lower bound (goal ≤ {LOWER_BOUND_LIMIT}): {'met' if ratio <= LOWER_BOUND_LIMIT else 'NOT met'}"
            f" (file system {min(probe):.2f}–{max(probe):.2f} ms per page during its turns)"
        )
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {v}" for v in verdicts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="วัดเวลาสร้างเว็บไซต์กับคลังโครงการสังเคราะห์ (build benchmark)")
    parser.add_argument("--sizes", default="100,1000,5000", help="จำนวนโครงการ คั่นด้วยจุลภาค (default 100,1000,5000)")
    parser.add_argument("--keep", type=Path, help="เก็บคลังและเว็บไซต์ที่สร้างไว้ในโฟลเดอร์นี้")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="สร้างกี่รอบต่อขนาด นับรอบที่เร็วที่สุด (default 5)")
    parser.add_argument("--json", type=Path, help="เขียนผลดิบเป็น JSON ด้วย")
    parser.add_argument("--lower-bound", nargs=4, metavar=("MODE", "PROJECTS", "LESSONS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.lower_bound:
        mode, projects, lessons, out = args.lower_bound[0], *map(Path, args.lower_bound[1:])
        print((lower_bound_pages if mode == "pages" else lower_bound_bare)(projects, lessons, out))
        return 0
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    work = args.keep or Path(tempfile.mkdtemp(prefix="bestservice-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}", file=sys.stderr)
    try:
        rows = [bench_one(size, work, args.seed, max(1, args.repeat)) for size in sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Machine: {machine()}\n")
    print(report(rows))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "rows": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
