"""What every generated page shares: the Page record, relative links and the template environment."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path

import jinja2

from bestservice import urls
from bestservice.committee.evidence import committee_message, field_title
from bestservice.content.holdings import collections
from bestservice.pages.catalogue import CRITERIA_PAGES
from bestservice.render import page_title
from bestservice.similar.verdict import band, band_kind
from bestservice.thai.dates import format_date

HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
TAGS = re.compile(r"<[^>]+>")
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class Page:
    """One generated page. `path` is its source path (e.g. projects/x/index.md), `html` its body."""

    path: str
    title: str
    html: str
    meta: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.path.removesuffix("index.md")

    def front_matter(self) -> dict:
        """The page's metadata as a theme reads it (the title escaped: themes print it unescaped)."""
        return {"title": page_title(self.title), **self.meta}

    def markdown(self) -> str:
        """Front matter and the HTML body as one Markdown file (what `bestservice pages --out` writes)."""
        lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in self.front_matter().items()] + ["---", "", self.html.strip(), ""]
        return "\n".join(lines)

    def toc_tokens(self) -> list[dict]:
        return html_toc(self.html)


def html_toc(html: str) -> list[dict]:
    """The h2/h3 headings (with ids) of a page's HTML as a table of contents, in the shape
    Python-Markdown's toc extension gives (MkDocs reads that shape)."""
    tokens: list[dict] = []
    for match in HEADING.finditer(html):
        level, anchor, inner = int(match.group(1)), match.group(2), match.group(3).strip()
        # every key Python-Markdown's toc extension gives (Zensical reads `html` and `data-toc-label` too)
        token = {"level": level, "id": anchor, "name": TAGS.sub("", inner).strip(), "html": inner, "data-toc-label": "", "children": []}
        if level == 3 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


def _groupby_year(projects):
    return [(year, list(items)) for year, items in groupby(projects, key=lambda p: p.fiscal_year or 0)]


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["groupby_year"] = _groupby_year
    env.filters["thai_date"] = format_date
    env.filters["field_th"] = field_title
    env.filters["committee_message"] = committee_message
    env.globals["urls"] = urls
    env.globals["criteria_pages"] = CRITERIA_PAGES
    env.globals["band"] = band
    env.globals["band_kind"] = band_kind
    return env


def render(template: str, url: str, catalogue, **context) -> str:
    """Render a template for the page at `url`; `u(target)` gives relative links from it.

    A template sees only the reference data, its address and its context, so the same three give
    the same HTML: an earlier build's HTML (catalogue.rendered) is reused when they are equal (`mkdocs
    serve` rebuilds after every save, and an edit changes a few pages). Equal, not identical: the
    context is made anew each build, but the documents of unchanged files are the same objects
    (the site build keeps them), which makes comparing them cheap."""
    ref = catalogue.reference
    key = (template, url, ref.fingerprint)
    kept = catalogue.rendered.get(key)
    if kept is not None and kept[0] == context:
        return kept[1]
    html = _render(template, url, ref, context)
    catalogue.rendered[key] = (context, html)
    return html


def _render(template: str, url: str, ref, context: dict) -> str:

    def unit_short(unit_id: str) -> str:
        unit = ref.unit_by_id.get(unit_id)
        return (unit.get("short_th") or unit["name_th"]) if unit else unit_id

    names = {c.key: c.name_th for c in collections(ref)}

    def collection_name(key: str) -> str:
        """What a listed record is, as its label says: "โครงการ Best Service", a kind of award or innovation."""
        return names.get(key, key.split(":", 1)[-1])

    html = (
        environment()
        .get_template(template)
        .render(u=lambda target: urls.relative(target, url), ref=ref, unit_short=unit_short, collection_name=collection_name, here=url, **context)
    )
    # Blank lines would end MkDocs' raw-HTML block: keep the page one block.
    return "\n".join(line for line in html.splitlines() if line.strip())


def page(url: str, title: str, template: str, catalogue, meta: dict | None = None, **context) -> Page:
    return Page(url + "index.md", title, render(template, url, catalogue, title=title, **context), meta or {})
