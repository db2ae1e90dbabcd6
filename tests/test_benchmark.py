"""The benchmark's lower bound (scripts/benchmark.py) renders the pages the site has, so the ratio
against it measures MkDocs and the theme, not a smaller site."""

from __future__ import annotations

import importlib.util

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts" / "benchmark.py")
benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchmark)


def test_guide_pages_of_the_lower_bound_have_their_macros_expanded():
    pages = dict(benchmark.guide_markdown())
    assert len(pages) == len(list((ROOT / "docs").rglob("*.md"))), "every docs/ page, once"
    for url, text in pages.items():
        assert "{{" not in text and "{%" not in text and not text.startswith("---"), f"{url}: front matter or a macro left as it is"
    lean = pages["guide/tools/lean/"]
    assert "## คืออะไร {#what}" in lean, "the tool page's sections come from tool_page() as in the site"
    assert '<a class="bs-term" href="../../guide/glossary/#' in pages["guide/process/"], "glossary terms are linked as on the site"


def test_lower_bound_uses_the_sites_markdown_extensions():
    settings = benchmark.site_markdown()
    assert {"pymdownx.tasklist", "toc", "md_in_html"} <= set(settings["extensions"])
    assert settings["extension_configs"]["toc"]["permalink"] == "#"
