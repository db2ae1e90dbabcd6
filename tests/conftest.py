"""Shared fixtures: a real site build, a local server over it, and headless Chromium.

Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright; every request a
page makes is recorded so tests can assert that nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import knowledge_base_over  # noqa: E402

from bestservice.content.reference import load_reference  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"  # small, readable knowledge-base files, one folder per part
REFERENCE_DIR = ROOT / "reference"  # the repository's knowledge base: its reference data
EVAL_DIR = ROOT / "tests" / "similar"  # the similar check's labelled set
REFERENCE = load_reference(REFERENCE_DIR)
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


MACROS = {"macros": {"modules": ["bestservice_mkdocs.macros"], "render_by_default": False, "on_error_fail": True, "on_undefined": "strict"}}
SHOW_PROBLEMS = {"plugins": [MACROS, {"bestservice": {"on_content_error": "show"}}]}


def build_site(
    dest: Path, projects: Path | None = None, lessons: Path | None = None, config: dict | None = None, reference: Path | None = None, **environment: str
) -> Path:
    """Run a real `mkdocs build --strict` into dest: of this repo, or (given other content, reference
    data or settings added to mkdocs.yml) of a knowledge base beside dest made of this repo's site and
    that content. `config=SHOW_PROBLEMS` builds content with errors on purpose (each file's problems above its page)."""
    config_file = ROOT / "mkdocs.yml"
    if projects is not None or lessons is not None or config or reference is not None:
        config_file = knowledge_base_over(dest.parent / f"{dest.name}-kb", projects or ROOT / "projects", lessons or ROOT / "lessons", config, reference)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file), "--site-dir", str(dest)],
        cwd=config_file.parent,
        env=dict(os.environ, **environment),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return dest


def editable_catalogue(folder: Path) -> Path:
    """A knowledge base of the catalogue fixtures whose content and reference data are its own copies
    (to edit in a test); returns its mkdocs.yml."""
    content = folder / "content"
    shutil.copytree(FIXTURES / "catalogue", content)
    config = knowledge_base_over(folder / "kb", content / "projects", content / "lessons")
    (folder / "kb" / "reference").unlink()
    shutil.copytree(REFERENCE_DIR, folder / "kb" / "reference")
    return config


def reference_with_complete_years(dest: Path, years: dict[int, str]) -> Path:
    """A copy of the reference data whose holdings.yaml declares `years` complete (year -> why)."""
    shutil.copytree(REFERENCE_DIR, dest)
    entries = "".join(f"  - fiscal_year: {year}\n    note_th: {note}\n" for year, note in years.items())
    (dest / "holdings.yaml").write_text(f"complete_fiscal_years:\n{entries}", encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's own site, built once per test session."""
    return build_site(tmp_path_factory.mktemp("site") / "site")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site_url(built_site):
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class RecordedPage:
    """A Playwright page that remembers every request and every dialog it saw."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def external_requests(self) -> list[str]:
        hosts = {"127.0.0.1", "localhost"}
        return [url for url in self.requests if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).hostname not in hosts]

    def horizontal_overflow(self) -> int:
        """How many pixels the page is wider than the viewport (0 = no horizontal scrolling)."""
        return self.page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _recorded(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="th-TH", service_workers="block")
    recorded = RecordedPage(context)
    yield recorded
    context.close()


@pytest.fixture
def page(browser):
    """A desktop-sized page (1280 x 900)."""
    yield from _recorded(browser, DESKTOP)


@pytest.fixture
def phone(browser):
    """A phone-sized page (360 x 740)."""
    yield from _recorded(browser, PHONE)
