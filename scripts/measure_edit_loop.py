#!/usr/bin/env python3
"""The edit loop as a content editor lives it: `mkdocs serve`, save a project file, watch the page.

    .venv/bin/python scripts/measure_edit_loop.py --sizes 1000,5000

For each size: a synthetic knowledge base (scripts/synthetic.py) served by `.venv/bin/mkdocs serve`;
headless Chromium keeps one project's page open (MkDocs' live reload reloads it after each rebuild).
Then, `--repeat` times each:
- "page shows the change": seconds from saving a new title into the project's file to the open
  page's <h1> showing it;
- "error in the terminal": seconds from saving a file with a content error (front matter that is not
  YAML) to `mkdocs serve` printing the error with the file's name; and whether the open page shows
  it ("on the page") within the time the terminal took plus 30 s.
The file is put back after each try. A measurement, not a test (the test suite never times anything).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import synthetic  # noqa: E402
import yaml  # noqa: E402

TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`mkdocs serve` of a knowledge base, its output read line by line with the time each came."""

    def __init__(self, config: Path, port: int, extra: tuple[str, ...] = ()) -> None:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "mkdocs"), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", *extra],
            cwd=config.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip()))

    def wait_for(self, pattern: str, timeout: float = TIMEOUT) -> float:
        """The time of the first line from now on matching `pattern`."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(pattern)
            try:
                when, line = self.lines.get(timeout=left)
            except queue.Empty as error:
                raise TimeoutError(pattern) from error
            if re.search(pattern, line):
                return when

    def drain(self) -> None:
        while not self.lines.empty():
            self.lines.get_nowait()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def measure(size: int, repeat: int, extra: tuple[str, ...] = ()) -> dict:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS  # the browser settings the tests use

    work = Path(tempfile.mkdtemp(prefix=f"bestservice-edit-{size}-"))
    try:
        synthetic.generate(work, size, max(1, size // 10), seed=1)
        config = synthetic.knowledge_base_over(work)
        project = sorted((work / "projects").glob("*/*.md"))[size // 2]
        original = project.read_text(encoding="utf-8")
        port = free_port()
        server = Server(config, port, extra)
        started = time.perf_counter()
        server.wait_for(r"Serving on")
        first_build = time.perf_counter() - started
        changes, errors, on_page = [], [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/projects/{project.stem}/")
            for attempt in range(repeat):
                marker = f"แก้ไขครั้งที่ {attempt + 1} {time.time_ns()}"
                server.drain()
                saved = time.perf_counter()
                project.write_text(
                    re.sub(
                        r"(?m)^title: (.*)$",
                        lambda m, marker=marker: "title: " + json.dumps(f"{yaml.safe_load(m.group(1))} {marker}", ensure_ascii=False),
                        original,
                        count=1,
                    ),
                    encoding="utf-8",
                )
                page.wait_for_function(
                    "m => document.querySelector('h1') && document.querySelector('h1').textContent.includes(m)", arg=marker, timeout=TIMEOUT * 1000
                )
                changes.append(time.perf_counter() - saved)
                server.wait_for(r"Documentation built|Reloading browsers|built in")
                server.drain()
                saved = time.perf_counter()
                project.write_text(original.replace("---\n", "---\ntitle: [ไม่ปิดวงเล็บ\n", 1), encoding="utf-8")
                errors.append(server.wait_for(re.escape(project.name)) - saved)
                try:
                    page.wait_for_function("n => document.body.innerText.includes(n)", arg=project.name, timeout=(errors[-1] + 30) * 1000)
                    on_page.append(time.perf_counter() - saved)
                except Exception:  # noqa: BLE001 (playwright's TimeoutError: the page never showed it)
                    on_page.append(None)
                server.drain()
                project.write_text(original, encoding="utf-8")
                page.wait_for_function(
                    "m => document.querySelector('h1') && !document.querySelector('h1').textContent.includes(m)", arg=marker, timeout=TIMEOUT * 1000
                )
            browser.close()
        server.stop()
        return {"size": size, "first_build": first_build, "change": changes, "error_terminal": errors, "error_page": on_page}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dirty", action="store_true", help="mkdocs serve --dirty (write only what changed)")
    args = parser.parse_args(argv)
    print("| projects | first build s | save → page shows the change s | save → error in the terminal s | error on the page |")
    print("|---|--:|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        r = measure(size, args.repeat, ("--dirty",) if args.dirty else ())
        shown = [f"{s:.1f} s" if s is not None else "no" for s in r["error_page"]]
        print(
            f"| {size:,} | {r['first_build']:.1f} | {min(r['change']):.1f} (of {', '.join(f'{s:.1f}' for s in r['change'])}) "
            f"| {min(r['error_terminal']):.1f} (of {', '.join(f'{s:.1f}' for s in r['error_terminal'])}) | {', '.join(shown)} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
