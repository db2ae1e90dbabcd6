"""`mkdocs serve` as a content editor uses it (bestservice_mkdocs/editing.py): save a file with a
content error and the page shows the located problem (and the terminal prints it); fix it and the page
is the project's page again. A real `mkdocs serve` of a small knowledge base, read over HTTP."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import FIXTURES, knowledge_base_over

PROJECT = "khlong-toei-queue-online"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _until(url: str, shows, what: str, timeout: float = 120.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        html = _page(url)
        if html and shows(html):
            return html
        time.sleep(0.3)
    pytest.fail(f"after {timeout:.0f} s the page still does not show {what}:\n{html[:2000]}")


@pytest.fixture
def served(tmp_path):
    projects = tmp_path / "projects"
    shutil.copytree(FIXTURES / "valid" / "projects", projects)
    (tmp_path / "lessons").mkdir()
    config = knowledge_base_over(tmp_path / "kb", projects, tmp_path / "lessons")
    port = _port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=config.parent,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    url = f"http://127.0.0.1:{port}/projects/{PROJECT}/"
    try:
        _until(url, lambda html: "นัดฉีดวัคซีนสัตว์เลี้ยงล่วงหน้าทางไลน์" in html, "the project", timeout=180)
        yield projects / "2568" / f"{PROJECT}.md", url, tmp_path / "serve.log"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_an_unreadable_file_shows_its_problem_on_its_page_and_in_the_terminal(served):
    path, url, log = served
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("---\n", "---\ntitle: [ไม่ปิดวงเล็บ\n", 1), encoding="utf-8")
    html = _until(url, lambda html: "อ่านไม่ได้" in html, "the unreadable file's problem")
    assert f"{path.name}:" in html and "bs-problems" in html  # located: file and line
    assert path.name in log.read_text(encoding="utf-8"), "the terminal must name the file too"
    path.write_text(original, encoding="utf-8")
    html = _until(url, lambda html: "อ่านไม่ได้" not in html and "นัดฉีดวัคซีน" in html, "the fixed project")
    assert "bs-problems" not in html


def test_a_rule_error_shows_above_the_page_and_goes_when_fixed(served):
    path, url, log = served
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("unit: district-khlong-toei", "unit: district-nowhere"), encoding="utf-8")
    html = _until(url, lambda html: "bs-problems" in html, "the rule's problem")
    assert "district-nowhere" in html and "unit" in html
    assert "นัดฉีดวัคซีนสัตว์เลี้ยงล่วงหน้าทางไลน์" in html  # the page itself is still there, below its problems
    assert "district-nowhere" in log.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    _until(url, lambda html: "bs-problems" not in html, "the page without problems")
