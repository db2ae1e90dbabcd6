"""Text side of the Thai search: the analyzer (segment + fold) and section extraction from built pages.

The browser runs the same steps on a query (docs/assets/javascripts/search.js): normalise, cut with
ICU (`Intl.Segmenter('th', {granularity: 'word'})`), Thai digits to Arabic, then fold variant
spellings by matching the concatenation of adjacent tokens against the variant keys shipped in the
index manifest. Keys are built here from `bestservice.thai.segment`, so both sides compare the
same strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from bestservice.synonyms import variant_map
from bestservice.thai import segment

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MAX_SPAN = 40  # longest variant, in tokens (the character length of the longest key stops earlier)


def tokens(text: str) -> list[str]:
    """Words of a text as the index sees them (before folding). Periods inside a word go: ICU versions
    disagree on abbreviations (ก.ก. is one word for PyICU 72, two for Chromium), the concatenation agrees."""
    words = (token.translate(THAI_DIGITS).replace(".", "") for token in segment(text))
    return [word for word in words if word]


def variant_key(text: str) -> str:
    return "".join(tokens(text))


class FoldTable(dict):
    """Variant key → canonical key, remembering its longest key (fold() runs for every text indexed)."""

    @property
    def longest(self) -> int:
        if "_longest" not in self.__dict__:
            self.__dict__["_longest"] = max((len(key) for key in self), default=0)
        return self.__dict__["_longest"]


@lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """Variant key → canonical key: every variant (and every canonical form) of reference/synonyms.yaml
    and tools.yaml, followed to its final canonical form (ตัวชี้วัด is a canonical form that is also a
    tool alias, so KPI → ตัวชี้วัด → the tool)."""
    raw = {variant_key(variant): variant_key(canonical) for variant, canonical in variant_map().items()}
    for canonical in set(raw.values()):
        raw.setdefault(canonical, canonical)
    table = FoldTable()
    for key, canonical in raw.items():
        seen = {key}
        while raw.get(canonical, canonical) != canonical and canonical not in seen:
            seen.add(canonical)
            canonical = raw[canonical]
        if key:
            table[key] = canonical
    return table


def fold(words: list[str], table: dict[str, str] | None = None, keep_originals: bool = True) -> list[str]:
    """Replace each longest run of adjacent words that spells a variant by its canonical key.

    Index side keeps the original words too (keep_originals), so a query for a part of a folded phrase
    (สาธารณสุข in อาสาสมัครสาธารณสุข) still finds it.
    """
    table = fold_table() if table is None else table
    longest = table.longest if isinstance(table, FoldTable) else max((len(key) for key in table), default=0)
    out: list[str] = []
    i = 0
    while i < len(words):
        best = None
        joined = ""
        for j in range(i, min(len(words), i + MAX_SPAN)):
            joined += words[j]
            if len(joined) > longest:
                break
            if joined in table:
                best = (j, table[joined])
        if best is None:
            out.append(words[i])
            i += 1
            continue
        end, canonical = best
        out.append(canonical)
        if keep_originals:
            out.extend(word for word in words[i : end + 1] if word != canonical)
        i = end + 1
    return out


def analyze(text: str) -> list[str]:
    """Index terms of a text: segmented, digits folded, variants folded (originals kept)."""
    return fold(tokens(text))


# --- built HTML pages -----------------------------------------------------------------------


@dataclass
class Section:
    anchor: str  # "" for the part of the page before its first h2
    heading: str
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text_parts)).strip()


@dataclass
class Page:
    title: str
    sections: list[Section]


SKIP_TAGS = {"script", "style", "template", "svg", "button", "nav", "form", "noscript"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK_TAGS = {"p", "li", "td", "th", "dt", "dd", "div", "tr", "h4", "h5", "h6", "blockquote", "pre", "summary"}


TITLE_TAG = re.compile(r"<title>.*?</title>", re.S)


class _ArticleParser(HTMLParser):
    """Collects h1, h2/h3 sections (with their ids) and text of Material's <article>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # depth inside <article>, 0 = outside
        self.skip_depth = 0  # >0 while inside a skipped subtree
        self.heading: str | None = None
        self.heading_id = ""
        self.heading_parts: list[str] = []
        self.title = ""
        self.page_title = ""
        self.in_title = False
        self.sections = [Section("", "")]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title" and not self.depth:
            self.in_title = True
        if not self.depth:
            if tag == "article":
                self.depth = 1
            return
        if tag in VOID_TAGS:
            return
        self.depth += 1
        if self.skip_depth:
            self.skip_depth += 1
            return
        classes = (attributes.get("class") or "").split()
        if tag in SKIP_TAGS or "headerlink" in classes or "md-source-file" in classes or "data-search-exclude" in attributes:
            self.skip_depth = 1
            return
        if tag in ("h1", "h2", "h3"):
            self.heading, self.heading_id, self.heading_parts = tag, attributes.get("id") or "", []
        elif tag in BLOCK_TAGS:
            self.sections[-1].text_parts.append(" ")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if not self.depth or tag in VOID_TAGS:
            return
        self.depth -= 1
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if self.depth == 0:
            return
        if self.heading == tag:
            text = re.sub(r"\s+", " ", "".join(self.heading_parts)).strip()
            if tag == "h1":
                self.title = self.title or text
            elif self.heading_id:
                self.sections.append(Section(self.heading_id, text))
            else:
                self.sections[-1].text_parts.append(" " + text + " ")
            self.heading = None

    def handle_data(self, data):
        if self.in_title:
            self.page_title += data
        if not self.depth or self.skip_depth:
            return
        if self.heading:
            self.heading_parts.append(data)
        else:
            self.sections[-1].text_parts.append(data)


def parse_page(html: str, site_name: str = "") -> Page | None:
    """Title and sections of a built page; None for a page without an <article> (redirects, 404 shells)."""
    parser = _ArticleParser()
    # Only the <title> and the <article> matter: skipping the theme's header and navigation around
    # them makes parsing several times faster on a large site.
    title = TITLE_TAG.search(html)
    start, end = html.find("<article"), html.rfind("</article>")
    if start != -1 and end != -1:
        html = (title.group(0) if title else "") + html[start : end + len("</article>")]
    parser.feed(html)
    parser.close()
    title = parser.title
    if not title:
        title = parser.page_title.strip()
        if site_name and title.endswith(" - " + site_name):
            title = title[: -len(site_name) - 3]
    sections = parser.sections[:1] + [section for section in parser.sections[1:] if section.text or section.heading]
    if not sections and not title:
        return None
    return Page(title=title or site_name, sections=sections or [Section("", "")])
