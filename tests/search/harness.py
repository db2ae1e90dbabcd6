"""Drive the search page like a user: type into the box, wait for the results of what was typed."""

from __future__ import annotations

from urllib.parse import urljoin, urlparse

import yaml
from search_site import ROOT

QUERIES = ROOT / "tests" / "search" / "queries.yaml"


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def type_query(page, query: str, timeout: float = 10_000) -> list[str]:
    """Clear the search box, type the query key by key, return the result paths (site-relative, no #anchor)."""
    box = page.locator("#bs-search-q")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function("q => document.getElementById('bs-search-results').dataset.query === q", arg=query.strip(), timeout=timeout)
    return result_paths(page)


def result_paths(page) -> list[str]:
    root = urljoin(page.url, "../")  # the search page is <site>/search/
    hrefs = page.eval_on_selector_all("#bs-search-results .bs-result__title", "els => els.map(e => e.href)")
    return [urlparse(href).path[len(urlparse(root).path) :] for href in hrefs]


def evaluate(page, site_url: str, queries: list[dict]) -> dict:
    """Type every query; return per-query ranks and top-1 / top-5 rates."""
    page.goto(f"{site_url}/search/")
    page.wait_for_function("document.getElementById('bs-search-status').textContent.indexOf('พิมพ์คำค้น') >= 0")
    rows = []
    for item in queries:
        paths = type_query(page, item["q"])
        top1 = item.get("top1", [])
        wanted = top1 + item.get("top5", [])
        rank = next((i + 1 for i, path in enumerate(paths) if path in wanted), None)
        rows.append(
            {
                "q": item["q"],
                "rank": rank,
                "first": paths[0] if paths else None,
                "top1_ok": not top1 or (bool(paths) and paths[0] in top1),
                "results": paths[:5],
            }
        )
    n = len(rows) or 1
    return {
        "rows": rows,
        "top1": sum(1 for r in rows if r["rank"] == 1) / n,
        "top5": sum(1 for r in rows if r["rank"] is not None and r["rank"] <= 5) / n,
        "top1_required_ok": all(r["top1_ok"] for r in rows),
    }
