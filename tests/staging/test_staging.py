"""The staging folder (bestservice_mkdocs/staging.py) is a complete site source: built by MkDocs with
none of our plugins (only the theme's search, switched off), it gives the site the plugin build gives, page for page, and its search, check page
and proposal form work in Chromium with no request to another host.

This is the build that keeps the site alive once Material (and MkDocs' plugin API with it) stops:
any generator that reads mkdocs.yml and renders Markdown gets everything from this folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from urllib.parse import quote

import pytest
import yaml
from compare_sites import differences
from conftest import ROOT, serve

# Material's own search (lunr and its worker) is copied by any build that does not skip it; the
# plugin build leaves it out, as the site searches with its own index (search/index/).
THEME_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    """The repository's knowledge base staged, moved away from it, and built with plain MkDocs."""
    work = tmp_path_factory.mktemp("staged")
    result = subprocess.run(
        [sys.executable, "-m", "bestservice_mkdocs.staging", "--out", str(work / "first"), "-f", str(ROOT / "mkdocs.yml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    folder = work / "source"
    shutil.move(work / "first", folder)  # it depends on nothing beside it: not on projects/, reference/ or the plugin
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(folder / "mkdocs.yml"), "-d", str(work / "site")],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, f"the staging folder does not build on its own:\n{build.stderr}"
    return folder, work / "site", result.stdout


def test_the_staging_folder_needs_no_plugin(staged):
    folder, _, message = staged
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == [{"search": {"enabled": False}}], "the staged mkdocs.yml must build without the bestservice and macros plugins"
    assert "hooks" not in config
    unrendered = [path.name for path in (folder / "docs").rglob("*.md") if "render_macros: true" in path.read_text(encoding="utf-8")]
    assert unrendered == [], "every guide page must come with its macros rendered"
    assert "{{" not in (folder / "docs" / "guide" / "criteria.md").read_text(encoding="utf-8")
    for data in ("search/index/manifest.json", "check/similar-index.js", "catalogue/data.js", "data/projects.json", "feed.xml"):
        assert (folder / "docs" / data).is_file(), f"{data} is missing from the staging folder: the plugin build has it"
    assert "mkdocs build -f" in message  # the command says what to run next


def test_staged_build_is_the_plugin_build_page_for_page(staged, built_site):
    _, site, _ = staged
    found = [line for line in differences(built_site, site) if not any(part in line for part in THEME_SEARCH)]
    assert found == [], "the staged build differs from the plugin build (title, main text, links, data files):\n" + "\n".join(found[:20])


def test_staged_pages_link_the_feed_and_keep_their_table_of_contents(staged, built_site):
    _, site, _ = staged
    with_sections = [p for p in sorted((built_site / "projects").glob("*/index.html")) if 'href="#problem"' in p.read_text(encoding="utf-8")]
    assert with_sections, "no project page with a table of contents to compare"
    project = with_sections[0].parent.name
    page = (site / "projects" / project / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in page and 'href="../../feed.xml"' in page
    assert 'href="#problem"' in page, "the staged project page lost its table of contents"
    assert page.count('class="md-nav__link"') == with_sections[0].read_text(encoding="utf-8").count('class="md-nav__link"')
    assert 'type="application/atom+xml"' not in (site / "404.html").read_text(encoding="utf-8")  # 404.html is served at any depth


@pytest.fixture(scope="module")
def both(staged, built_site):
    servers = [serve(built_site), serve(staged[1])]
    yield [url for _, url in servers]
    for server, _ in servers:
        server.shutdown()


def _search(page, url: str, query: str) -> list[str]:
    page.page.goto(f"{url}/search/?q={quote(query)}")
    page.page.wait_for_function("q => document.getElementById('bs-search-results').dataset.query === q", arg=query)
    hrefs = page.page.eval_on_selector_all("#bs-search-results .bs-result__title", "els => els.map(e => e.href)")
    return [href.removeprefix(url) for href in hrefs]


@pytest.mark.browser
@pytest.mark.parametrize("query", ["ผู้สูงอายุ", "คลอง", "ตัวชี้วัด"])
def test_search_finds_the_same_pages_on_both_builds(both, page, query):
    plugin, staged_site = (_search(page, url, query) for url in both)
    assert plugin, f"no result for {query} on the plugin build"
    assert staged_site == plugin
    assert page.external_requests() == []


@pytest.mark.browser
def test_check_page_ranks_the_same_on_both_builds(both, page):
    ranked = []
    for url in both:
        page.page.goto(f"{url}/check/")
        page.page.fill("#bs-sim-title", "ผู้สูงอายุ ติดเตียง เยี่ยมบ้าน")
        page.page.wait_for_selector("#bs-sim-results li")
        ranked.append(page.page.eval_on_selector_all("#bs-sim-results li", "els => els.map(e => e.dataset.id)"))
    assert ranked[0] and ranked[1] == ranked[0]
    assert page.external_requests() == []


@pytest.mark.browser
def test_proposal_form_and_board_work_on_the_staged_build(both, page):
    url = both[1]
    page.page.goto(f"{url}/propose/")
    page.page.wait_for_selector("#f-title")  # propose.js read the form's data the staging wrote into the page
    assert page.page.locator("#f-unit option").count() > 50
    year = sorted(p.name for p in (ROOT / "projects").iterdir() if p.name.isdigit())[-1]
    page.page.goto(f"{url}/screening/{year}/")
    page.page.wait_for_selector("#bs-board-filter:not([hidden])")  # the board's script runs
    assert page.page.locator(".bs-board__row").count() == len(list((ROOT / "projects" / year).glob("*.md")))
    assert page.external_requests() == []
