"""Browser and build-time word breaking must agree: a query cut differently from the index misses."""

from __future__ import annotations

import json

import pytest
from conftest import REFERENCE_DIR
from search_fixtures import *  # noqa: F403  (the search_site fixture)

from bestservice.content.reference import load_reference
from bestservice.search.text import fold_table, tokens

MIN_AGREEMENT = 0.97  # share of sampled sentences cut identically by Chromium's ICU and PyICU


def _sentences(site) -> list[str]:
    """Sentences of the indexed text (section texts and titles from the doc blocks)."""
    out = []
    for block in sorted((site / "search" / "index" / "d").glob("*.json")):
        data = json.loads(block.read_text(encoding="utf-8"))
        out += [page[1] for page in data["pages"].values()]
        for doc in data["docs"]:
            out += [part for part in doc[3].split(" ") if len(part) > 3]
    return sorted(set(out))


@pytest.mark.browser
def test_browser_and_python_segmenters_agree(search_site, page):
    site, url = search_site
    page.page.goto(f"{url}/search/")
    page.page.wait_for_function("window.bsSearch && window.bsSearch.index.manifest !== null")  # it brings the text rules
    sentences = _sentences(site)
    assert len(sentences) > 200
    browser = page.page.evaluate("texts => texts.map(t => window.bsSearch.tokens(t).map(x => x.w))", sentences)
    differ = [(s, py, js) for s, py, js in zip(sentences, [tokens(s) for s in sentences], browser, strict=True) if py != js]
    rate = 1 - len(differ) / len(sentences)
    print(f"\nsegmenter agreement: {rate:.1%} of {len(sentences)} sentences")
    for s, py, js in differ[:15]:
        print(json.dumps({"text": s, "python": py, "chromium": js}, ensure_ascii=False))
    assert rate >= MIN_AGREEMENT


@pytest.mark.browser
def test_browser_folds_variants_like_python(search_site, page):
    """Every variant spelling in the synonym data folds to the same key in Chromium as in Python."""
    site, url = search_site
    page.page.goto(f"{url}/search/")
    page.page.wait_for_function("window.bsSearch && window.bsSearch.index.manifest !== null")
    from bestservice.thai.synonyms import variant_map

    variants = sorted(variant_map(load_reference(REFERENCE_DIR)))
    folded = page.page.evaluate(
        """vs => vs.map(v => { const idx = window.bsSearch.index; const w = window.bsSearch.tokens(v).map(t => t.w);
              return window.bsSearch.foldSpans(w, idx.manifest.fold, idx.longest).map(s => s.term); })""",
        variants,
    )
    table = fold_table(load_reference(REFERENCE_DIR))
    expected = [[table["".join(tokens(v))]] for v in variants]
    wrong = [(v, e, f) for v, e, f in zip(variants, expected, folded, strict=True) if e != f]
    assert not wrong, wrong
