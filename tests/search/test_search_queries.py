"""The query set, typed into the search page in Chromium (tests/search/queries.yaml)."""

from __future__ import annotations

import json

import pytest
from harness import evaluate, load_queries
from search_fixtures import *  # noqa: F403  (the search_site fixture)

MIN_TOP1 = 0.85


def _report(result, label):
    misses = [r for r in result["rows"] if r["rank"] != 1]
    print(f"\n{label}: {len(result['rows'])} queries, top-1 {result['top1']:.1%}, top-5 {result['top5']:.1%}")
    for row in misses:
        print(json.dumps(row, ensure_ascii=False))


@pytest.mark.browser
def test_query_set_on_fixture_site(search_site, page):
    site, url = search_site
    queries = load_queries()
    assert len(queries) >= 40
    result = evaluate(page.page, url, queries)
    _report(result, "fixture site")
    missing = [r for r in result["rows"] if r["rank"] is None or r["rank"] > 5]
    assert not missing, f"not in the top 5: {missing}"
    assert result["top1"] >= MIN_TOP1
    assert page.external_requests() == []


@pytest.mark.browser
def test_query_set_on_real_site(built_site, site_url, page):
    """The same query set on the repository's own build, for the queries whose pages it has."""
    queries = [q for q in load_queries() if all((built_site / path / "index.html").exists() for path in q.get("top1", []) + q.get("top5", []))]
    if len(queries) < 10:
        pytest.skip(f"the repository's site has the pages of only {len(queries)} queries (guide/catalogue not merged yet)")
    result = evaluate(page.page, site_url, queries)
    _report(result, "real site")
    missing = [r for r in result["rows"] if r["rank"] is None or r["rank"] > 5]
    assert not missing, f"not in the top 5: {missing}"
    assert result["top1"] >= MIN_TOP1
