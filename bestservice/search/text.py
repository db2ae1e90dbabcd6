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
from functools import cached_property, lru_cache
from html import unescape

from bestservice.content.reference import Reference
from bestservice.render import page_title
from bestservice.thai.synonyms import variant_map
from bestservice.thai.words import TO_ARABIC_DIGITS, chunks, segment_chunk

MAX_SPAN = 40  # longest variant, in tokens (a run that is no prefix of any key stops earlier)


def tokens(text: str) -> list[str]:
    """Words of a text as the index sees them (before folding). Periods inside a word go: ICU versions
    disagree on abbreviations (ก.ก. is one word for PyICU 72, two for Chromium), the concatenation agrees."""
    words: list[str] = []
    for chunk in chunks(text):
        words.extend(_index_words(chunk))
    return words


@lru_cache(maxsize=262_144)
def _index_words(chunk: str) -> tuple[str, ...]:
    words = (token.translate(TO_ARABIC_DIGITS).replace(".", "") for token in segment_chunk(chunk))
    return tuple(word for word in words if word)


def variant_key(text: str) -> str:
    return "".join(tokens(text))


class FoldTable(dict):
    """Variant key → canonical key, remembering every prefix of every key: fold() runs for every text
    indexed, and most words start no key, which one set lookup tells."""

    @property
    def prefixes(self) -> frozenset[str]:
        if "_prefixes" not in self.__dict__:
            self.__dict__["_prefixes"] = frozenset(key[:end] for key in self for end in range(1, len(key) + 1))
        return self.__dict__["_prefixes"]


@lru_cache(maxsize=4)
def fold_table(reference: Reference) -> FoldTable:
    """Variant key → canonical key: every variant (and every canonical form) of reference/synonyms.yaml
    and tools.yaml, followed to its final canonical form (ตัวชี้วัด is a canonical form that is also a
    tool alias, so KPI → ตัวชี้วัด → the tool)."""
    raw = {variant_key(variant): variant_key(canonical) for variant, canonical in variant_map(reference).items()}
    for canonical in sorted(set(raw.values())):  # sorted: the manifest is the same from build to build
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


def fold(words: list[str], table: dict[str, str], keep_originals: bool = True) -> list[str]:
    """Replace each longest run of adjacent words that spells a variant by its canonical key.

    Index side keeps the original words too (keep_originals), so a query for a part of a folded phrase
    (สาธารณสุข in อาสาสมัครสาธารณสุข) still finds it.
    """
    prefixes = (table if isinstance(table, FoldTable) else FoldTable(table)).prefixes
    out: list[str] = []
    i = 0
    # Only words that start some key can start a variant: find them first, copy the rest in slices.
    for start in [n for n, word in enumerate(words) if word in prefixes]:
        if start < i:
            continue
        best = None
        joined = ""
        for j in range(start, min(len(words), start + MAX_SPAN)):
            joined += words[j]
            if joined not in prefixes:
                break
            if joined in table:
                best = (j, table[joined])
        if best is None:
            continue
        out.extend(words[i:start])
        end, canonical = best
        out.append(canonical)
        if keep_originals:
            out.extend(word for word in words[start : end + 1] if word != canonical)
        i = end + 1
    out.extend(words[i:])
    return out


def analyze(text: str, table: FoldTable) -> list[str]:
    """Index terms of a text: segmented, digits folded, variants folded (originals kept)."""
    return fold(tokens(text), table)


# --- built HTML pages -----------------------------------------------------------------------


@dataclass
class Section:
    anchor: str  # "" for the part of the page before its first h2
    heading: str
    text_parts: list[str] = field(default_factory=list)

    @cached_property
    def text(self) -> str:
        # Parts join with nothing: inline tags sit inside Thai words (ตัด<strong>ขั้นตอน</strong>);
        # block tags and <br> add their own space. Read once the page is parsed.
        return collapse_spaces("".join(self.text_parts))


def collapse_spaces(text: str) -> str:
    """Runs of whitespace to one space, none at the ends (split() cuts at the same characters as \\s)."""
    return " ".join(text.split())


@dataclass
class Page:
    title: str
    sections: list[Section]


SKIP_TAGS = {"script", "style", "template", "svg", "button", "nav", "form", "noscript"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK_TAGS = {"p", "li", "td", "th", "dt", "dd", "div", "tr", "h4", "h5", "h6", "blockquote", "pre", "summary"}


TITLE_TAG = re.compile(r"<title>(.*?)</title>", re.S)
RAW_TEXT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
# A comment, a tag (quoted attribute values may hold ">"), a declaration, or text (a lone "<" is text).
TOKEN = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<[!?][^>]*>|([^<]+|<)""", re.S)
ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
HEADINGS = ("h1", "h2", "h3")
EXCLUDING_WORD = re.compile("headerlink|md-source-file|data-search-exclude")  # a class or attribute that skips an element


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): next((v for v in m.group(2, 3, 4) if v is not None), "") for m in ATTRIBUTE.finditer(text)}


def _read_article(html: str, first_section_only: bool = False) -> tuple[str, list[Section]]:
    """The h1 and the h2/h3 sections (with their ids and text) of Material's <article>.

    A small tokenizer rather than html.parser (twice as fast), written as one loop over local names
    (about a tenth faster again than a method per tag): the search index reads every page of the site
    (tests compare the result on a real build). With first_section_only it stops once the title and
    the text before the first section are read."""
    depth = 0  # depth inside <article>, 0 = outside
    skip = 0  # >0 while inside a skipped subtree
    heading: str | None = None
    heading_id = ""
    heading_parts: list[str] = []
    title = ""
    sections = [Section("", "")]
    parts = sections[0].text_parts  # the current section's text
    # findall hands back plain tuples (no Match object per token): text, or a tag, or neither
    # (a comment or a declaration); finditer when the rest of the page may be left unread
    html = RAW_TEXT.sub(r"<\1></\1>", html)
    tokens = (match.groups("") for match in TOKEN.finditer(html)) if first_section_only else TOKEN.findall(html)
    for closing, tag, attributes, data in tokens:
        if data:
            if depth and not skip:
                (heading_parts if heading else parts).append(unescape(data) if "&" in data else data)
            continue
        if not tag:
            continue
        tag = tag.lower()
        if not closing:  # an opening tag
            if not depth:
                depth = 1 if tag == "article" else 0
            elif tag in VOID_TAGS:
                if tag == "br" and not skip:
                    (heading_parts if heading else parts).append(" ")
            elif skip:
                depth += 1
                skip += 1
            elif tag in SKIP_TAGS:
                depth += 1
                skip = 1
            else:
                depth += 1
                # Only headings (their id) and elements that may be skipped (a class,
                # data-search-exclude) need their attributes read; most tags have none of these words.
                read = tag in HEADINGS or (attributes and EXCLUDING_WORD.search(attributes))
                found = _attributes(attributes) if read else {}
                if read and ({"headerlink", "md-source-file"} & set((found.get("class") or "").split()) or "data-search-exclude" in found):
                    skip = 1
                elif tag in HEADINGS:
                    heading, heading_id, heading_parts = tag, found.get("id") or "", []
                elif tag in BLOCK_TAGS:
                    parts.append(" ")
            if not attributes.endswith("/"):
                continue
        # a closing tag, or the end of a self-closing one
        if not depth or tag in VOID_TAGS:
            continue
        depth -= 1
        if skip:
            skip -= 1
            continue
        if depth and heading == tag:
            text = collapse_spaces("".join(heading_parts))
            if tag == "h1":
                title = title or text
            elif heading_id:
                sections.append(Section(heading_id, text))
                parts = sections[-1].text_parts
            else:
                parts.append(" " + text + " ")
            heading = None
            if first_section_only and title and len(sections) > 1:
                break
    return title, sections


def article_html(title: str, body: str) -> str:
    """The <article> the theme makes of a generated page's body: its title as <h1> unless the body
    has one (Material's partials/content.html); parsed like the built page, with the same result."""
    heading = "" if "<h1" in body else f"<h1>{page_title(title)}</h1>"
    return f"<article>{heading}{body}</article>"


def parse_page(html: str, site_name: str = "", first_section_only: bool = False) -> Page | None:
    """Title and sections of a built page; None for a page without an <article> (redirects, 404 shells).
    With first_section_only, parsing stops once the title and the text before the first section are read."""
    # Only the <title> and the <article> matter: the theme's header and navigation around them are
    # most of every page.
    start, end = html.find("<article"), html.rfind("</article>")
    title, found = _read_article(html[start : end + len("</article>")], first_section_only) if start != -1 and end != -1 else ("", [Section("", "")])
    if not title:
        title_tag = TITLE_TAG.search(html)
        title = unescape(title_tag.group(1)).strip() if title_tag else ""
        if site_name and title.endswith(" - " + site_name):
            title = title[: -len(site_name) - 3]
    sections = found[:1] + [section for section in found[1:] if section.text or section.heading]
    if not sections and not title:
        return None
    return Page(title=title or site_name, sections=sections or [Section("", "")])
