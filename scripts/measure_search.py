"""Measure the Thai search on a built site: bytes before the first result, and ms per keystroke.

    .venv/bin/python scripts/measure_search.py <built site dir> [query ...]

For each query, a fresh browser context (empty cache) opens <site>/search/?q=<query>; every file it
fetches until the results show is counted at its gzip size (what a server with compression sends).
Then the query is typed again key by key on the loaded page; search.js records the time from each
keystroke to the rendered results. Uses Playwright with Debian's Chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bestservice.search.index import index_stats  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
DEFAULT_QUERIES = ["ตัวชี้วัด", "ผู้สูงอายุ", "น้ำท่วมขัง", "จองคิว ไลน์", "คิวอาร์โค้ด", "ลดระยะเวลารอคอย", "TQM", "หุ้นส่วน", "โครงการ", "เบี้ยยังชีพผู้สูงอายุ"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _gzip_size(site: Path, url: str, cache: dict) -> int:
    path = unquote(urlparse(url).path).lstrip("/")
    file = site / path
    if file.is_dir() or path.endswith("/") or not path:
        file = file / "index.html"
    if file not in cache:
        cache[file] = len(gzip.compress(file.read_bytes(), 6)) if file.exists() else 0
    return cache[file]


def measure(site: Path, queries: list[str], chromium: str = CHROMIUM) -> dict:
    """Per query: gzip bytes fetched before the first result (all, and the index part), and keystroke timings."""
    from playwright.sync_api import sync_playwright

    site = Path(site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    sizes: dict = {}
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"], headless=True)
            for query in queries:
                context = browser.new_context(locale="th-TH", service_workers="block")
                page = context.new_page()
                fetched: list[str] = []
                page.on("request", lambda request, fetched=fetched: fetched.append(request.url))
                page.goto(f"{base}/search/?q={quote(query)}")
                page.wait_for_function("q => document.getElementById('bs-search-results').dataset.query === q", arg=query, timeout=30_000)
                first = list(fetched)
                results = page.eval_on_selector_all("#bs-search-results .bs-result", "els => els.length")
                total = sum(_gzip_size(site, url, sizes) for url in first if url.startswith(base))
                index = sum(_gzip_size(site, url, sizes) for url in first if "/search/index/" in url)
                # typing: cold keystrokes (new shards fetched from the local server), then the same again warm
                box = page.locator("#bs-search-q")
                timings = {}
                for label in ("cold", "warm"):
                    box.fill("")
                    page.evaluate("window.__bsSearchTimings = []")
                    box.press_sequentially(query)
                    page.wait_for_function("q => document.getElementById('bs-search-results').dataset.query === q", arg=query, timeout=30_000)
                    page.wait_for_timeout(50)
                    timings[label] = [round(t["ms"], 1) for t in page.evaluate("window.__bsSearchTimings")]
                rows.append(
                    {
                        "query": query,
                        "results": results,
                        "requests_before_first_result": len(first),
                        "index_files": sum(1 for url in first if "/search/index/" in url),
                        "gzip_bytes_before_first_result": total,
                        "index_gzip_bytes_before_first_result": index,
                        "ms_per_keystroke_cold": timings["cold"],
                        "ms_per_keystroke_warm": timings["warm"],
                    }
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()
    cold = [ms for row in rows for ms in row["ms_per_keystroke_cold"]]
    warm = [ms for row in rows for ms in row["ms_per_keystroke_warm"]]
    return {
        "index": index_stats(site),
        "queries": rows,
        "max_gzip_bytes_before_first_result": max(row["gzip_bytes_before_first_result"] for row in rows),
        "max_index_gzip_bytes_before_first_result": max(row["index_gzip_bytes_before_first_result"] for row in rows),
        "keystroke_ms_cold": {"median": statistics.median(cold), "max": max(cold)} if cold else None,
        "keystroke_ms_warm": {"median": statistics.median(warm), "max": max(warm)} if warm else None,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site directory (mkdocs build -d ...)")
    parser.add_argument("queries", nargs="*", default=DEFAULT_QUERIES)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.site, args.queries), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
