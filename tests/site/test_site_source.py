"""The site source (`bestservice pages --out`) is a complete site: built with no plugin of ours, by
plain MkDocs + Material or by Material's successor Zensical, it gives the site the plugin build gives,
and its search, check page, proposal form and board work in Chromium with no request to another host.

This is the build that keeps the site alive once Material (and MkDocs' plugin API with it) stops.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from compare_sites import differences
from conftest import ROOT, serve

from bestservice.fiscal import current_fiscal_year

# Material's own search (lunr and its worker) is copied by any build that does not skip it; the
# plugin build leaves it out, as the site searches with its own index (search/index/).
THEME_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
ZENSICAL = Path(sys.executable).parent / "zensical"


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The repository's site source, written, then moved away from the knowledge base."""
    work = tmp_path_factory.mktemp("source")
    written = subprocess.run([sys.executable, "-m", "bestservice", "pages", "--out", str(work / "first"), "--root", str(ROOT)], capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    folder = work / "source"
    shutil.move(work / "first", folder)  # it depends on nothing beside it: not on projects/, reference/ or the plugin
    return folder, written.stdout


@pytest.fixture(scope="module")
def staged(source, tmp_path_factory):
    """The site source built by plain MkDocs + Material."""
    site = tmp_path_factory.mktemp("staged") / "site"
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(source[0] / "mkdocs.yml"), "-d", str(site)], capture_output=True, text=True
    )
    assert build.returncode == 0, f"the site source does not build on its own:\n{build.stderr}"
    return site


@pytest.fixture(scope="module")
def zensical(source, tmp_path_factory):
    """The site source built by Zensical (requirements.txt pins the release that installs)."""
    folder = tmp_path_factory.mktemp("zensical") / "source"
    shutil.copytree(source[0], folder)
    build = subprocess.run([str(ZENSICAL), "build", "--clean", "-f", str(folder / "mkdocs.yml")], cwd=folder, capture_output=True, text=True)
    assert build.returncode == 0, f"Zensical cannot build the site source:\n{build.stdout}\n{build.stderr}"
    return folder / "site"


def test_the_site_source_needs_no_plugin(source):
    folder, message = source
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == [{"search": {"enabled": False}}], "the site source's mkdocs.yml must build without the bestservice and macros plugins"
    assert "hooks" not in config
    unrendered = [path.name for path in (folder / "docs").rglob("*.md") if "render_macros: true" in path.read_text(encoding="utf-8")]
    assert unrendered == [], "every guide page must come with its macros rendered"
    assert "{{" not in (folder / "docs" / "guide" / "criteria.md").read_text(encoding="utf-8")
    for data in ("search/index/manifest.json", "check/similar-index.js", "catalogue/data.js", "data/projects.json", "feed.xml", "propose/form-data.js"):
        assert (folder / "docs" / data).is_file(), f"{data} is missing from the site source: the plugin build has it"
    assert "mkdocs build -f" in message and "zensical build -f" in message  # the command says what to run next


def test_the_staged_build_is_the_plugin_build_page_for_page(staged, built_site):
    found = [line for line in differences(built_site, staged) if not any(part in line for part in THEME_SEARCH)]
    assert found == [], "the staged build differs from the plugin build (title, main text, links, data files):\n" + "\n".join(found[:20])


def test_staged_pages_link_the_feed_and_keep_their_table_of_contents(staged, built_site):
    with_sections = [p for p in sorted((built_site / "projects").glob("*/index.html")) if 'href="#problem"' in p.read_text(encoding="utf-8")]
    assert with_sections, "no project page with a table of contents to compare"
    project = with_sections[0].parent.name
    page = (staged / "projects" / project / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in page and 'href="../../feed.xml"' in page
    assert 'href="#problem"' in page, "the staged project page lost its table of contents"
    assert page.count('class="md-nav__link"') == with_sections[0].read_text(encoding="utf-8").count('class="md-nav__link"')
    assert 'type="application/atom+xml"' not in (staged / "404.html").read_text(encoding="utf-8")  # 404.html is served at any depth


class Article(HTMLParser):
    """The text of a page's <article> (what the page says, whatever theme frames it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.text, self.skip = 0, [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += tag == "article"
        if self.depth and tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if self.depth and tag in ("script", "style"):
            self.skip -= 1
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.text.append(data)


def _article(path: Path) -> str:
    parser = Article()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.text).replace("¶", "").replace("#", "").split())


def test_zensical_builds_every_page_with_the_same_text_and_every_data_file(zensical, built_site):
    pages = {p.relative_to(built_site) for p in built_site.rglob("*.html")}
    assert pages == {p.relative_to(zensical) for p in zensical.rglob("*.html")}, "Zensical's site has other pages than the plugin build"
    different = [str(p) for p in sorted(pages) if _article(built_site / p) != _article(zensical / p)]
    assert different == [], f"pages whose text differs under Zensical: {different[:10]}"
    for data in ("search/index/manifest.json", "check/similar-index.js", "catalogue/data.js", "data/projects.csv", "propose/form-data.js"):
        assert (zensical / data).read_bytes() == (built_site / data).read_bytes(), f"{data} differs under Zensical"
    toc = (zensical / "projects").glob("*/index.html")
    assert any('href="#problem"' in p.read_text(encoding="utf-8") for p in toc), "Zensical lost the generated pages' table of contents"


@pytest.fixture(scope="module")
def sites(staged, zensical, built_site):
    servers = {name: serve(site) for name, site in {"plugin": built_site, "staged": staged, "zensical": zensical}.items()}
    yield {name: url for name, (_, url) in servers.items()}
    for server, _ in servers.values():
        server.shutdown()


def _search(page, url: str, query: str) -> list[str]:
    page.page.goto(f"{url}/search/?q={quote(query)}")
    page.page.wait_for_function("q => document.getElementById('bs-search-results').dataset.query === q", arg=query)
    hrefs = page.page.eval_on_selector_all("#bs-search-results .bs-result__title", "els => els.map(e => e.href)")
    return [href.removeprefix(url) for href in hrefs]


@pytest.mark.browser
@pytest.mark.parametrize("query", ["ผู้สูงอายุ", "คลอง", "ตัวชี้วัด", "ลดเวลารอคิว", "e-service"])
def test_search_finds_the_same_pages_on_every_build(sites, page, query):
    found = {name: _search(page, url, query) for name, url in sites.items()}
    assert found["plugin"], f"no result for {query} on the plugin build"
    assert found["staged"] == found["plugin"] and found["zensical"] == found["plugin"]
    assert page.external_requests() == []


@pytest.mark.browser
def test_the_check_page_ranks_the_same_on_every_build(sites, page):
    ranked = {}
    for name, url in sites.items():
        page.page.goto(f"{url}/check/")
        page.page.fill("#bs-sim-title", "ผู้สูงอายุ ติดเตียง เยี่ยมบ้าน")
        page.page.wait_for_selector("#bs-sim-results li")
        ranked[name] = page.page.eval_on_selector_all("#bs-sim-results li", "els => els.map(e => e.dataset.id)")
    assert ranked["plugin"] and ranked["staged"] == ranked["plugin"] and ranked["zensical"] == ranked["plugin"]
    assert page.external_requests() == []


@pytest.mark.browser
@pytest.mark.parametrize("build", ["staged", "zensical"])
def test_the_proposal_form_and_the_board_work_without_the_plugin(sites, page, build):
    url = sites[build]
    page.page.goto(f"{url}/propose/")
    page.page.wait_for_selector("#f-title")  # propose.js read the form's data the site build wrote
    assert page.page.locator("#f-unit option").count() > 50
    page.page.goto(f"{url}/screening/{current_fiscal_year()}/")
    page.page.wait_for_selector("#bs-board-filter:not([hidden])")  # the board's script runs
    assert page.page.locator(".bs-board__row").count() == 0  # the repository's records come from public sources: none is a proposal
    assert page.external_requests() == []
