"""Thai search index: every built page, cut into words at build time, sharded for the browser.

Layout under <site>/search/index/ (read by docs/assets/javascripts/search.js):
- manifest.json: counts, the variant-folding table, where each page's docs and each doc block start.
- t/<n>.json: term shards. A term lives in shard fnv1a(term) % shards; its entry is
  [df, doc, score, doc, score, ...] with doc numbers delta-encoded and BM25F scores precomputed
  (x100, integers), so a query only downloads the shards of its own words.
- d/<n>.json: doc blocks (a doc = one page section): page title, unit, fiscal year, section
  heading and the section text for snippets. Only the blocks of the results shown are fetched.

Project and lesson pages are enriched with their front-matter fields (title, unit, fiscal year,
problem, tools, recipients...) keyed by the URL scheme of bestservice.urls.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from bestservice import urls
from bestservice.content.cache import Memo
from bestservice.content.holdings import is_listed
from bestservice.content.reference import Reference
from bestservice.search.text import FoldTable, analyze, article_html, fold_table, parse_page
from bestservice.search.text import Page as ParsedPage
from bestservice.thai.words import text_rules

INDEX_DIR = "search/index"
K1, B = 1.2, 0.75
BOOST = {"title": 4.0, "heading": 2.5, "meta": 2.0, "text": 1.0}
SNIPPET_CHARS = 1200  # section text kept for snippets
BLOCK_BYTES = 24_000  # raw size of one doc block
SHARD_BYTES = 24_000  # target raw size of one term shard
STOP_FRACTION, STOP_MIN_DF, STOP_KEEP = 0.25, 2_000, 400  # very common terms keep only their best postings
EXCLUDE = {"search/", "404.html"}
# the committee's board and cards repeat what the project pages say: search leads to the project
NOT_INDEXED_UNDER = (INDEX_DIR, urls.screening())
# Generated listing pages (a unit, a year, a tool's projects...) repeat the titles of the projects
# they list, so their text would crowd the guide and the projects themselves out of the results:
# only their title is indexed, with the weight of plain text (a search for "เขตบางแค" still finds the
# unit's page, after the district's own projects).
TITLE_ONLY = ("units/", "groups/", "years/", "catalogue/", "big-ideas/", "awards/", "coverage/", "stats/", "data/")
TITLE_ONLY_EXACT = {"lessons/"}


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (what JavaScript's charCodeAt gives)."""
    value = 0x811C9DC5
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value ^= data[i] | (data[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


@dataclass
class Doc:
    page: int
    anchor: str
    heading: str
    text: str
    length: int = 0  # terms in all its fields (BM25's document length)
    weights: dict[str, float] = field(default_factory=dict)  # term → count, boosted by field


def _doc(anchor: str, heading: str, text: str, fields: dict[str, list[str]]) -> Doc:
    """A section doc (page number set when pages are put in order) from its fields' terms."""
    weights: dict[str, float] = {}
    get = weights.get
    for name, terms in fields.items():
        boost = BOOST[name]
        for term in terms:  # one boost per occurrence: exact, the boosts being multiples of 0.5
            weights[term] = get(term, 0.0) + boost
    return Doc(-1, anchor, heading, text[:SNIPPET_CHARS], sum(len(terms) for terms in fields.values()), weights)


@dataclass
class PageInfo:
    url: str
    title: str
    kind: str = "page"  # page | project | lesson
    unit: str = ""
    fiscal_year: int | None = None


def _strings(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, int | float):
        return [str(value)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    return []


def _text(value) -> str:
    """An id the reference data can be asked about; any other shape is the schema's to explain."""
    return value if isinstance(value, str) else ""


def content_fields(content, reference: Reference) -> dict[str, tuple[PageInfo, dict[str, str]]]:
    """URL → (page info, searchable front-matter text) for every project and lesson."""
    tools = {tool["id"]: tool for tool in reference.tools}
    found = {}
    for doc in content.projects:
        data = doc.data
        unit = reference.unit_by_id.get(_text(data.get("unit")), {})
        unit_names = [unit.get("name_th", _text(data.get("unit"))), unit.get("short_th", ""), unit.get("abbr", "")]
        partners = [reference.unit_name(p["unit"]) for p in doc.entries("partners") if isinstance(p, dict) and isinstance(p.get("unit"), str)]
        tool_names = [name for t in doc.entries("tools") if isinstance(t, str) and t in tools for name in (tools[t]["name_th"], tools[t]["name_en"])]
        year = data.get("fiscal_year")
        meta = {
            "title": " ".join(_strings(data.get("title"))),
            "meta": " ".join(
                [*unit_names, *partners, *tool_names, *_strings(data.get("recipients")), *_strings(data.get("unit_detail"))]
                + ([f"ปีงบประมาณ {year}"] if year else [])
            ),
            "text": " ".join(_strings([data.get(k) for k in ("summary", "problem", "root_cause", "objectives", "activities", "whats_new")])),
        }
        info = PageInfo(urls.project(doc.id), meta["title"], "project", unit.get("name_th", ""), year if isinstance(year, int) else None)
        found[info.url] = (info, meta)
    for doc in content.lessons:
        data = doc.data
        meta = {"title": " ".join(_strings(data.get("title"))), "meta": "", "text": " ".join(_strings(data.get("summary")))}
        unit = reference.unit_by_id.get(_text(data.get("unit")), {})
        year = data.get("fiscal_year")
        info = PageInfo(urls.lesson(doc.id), meta["title"], "lesson", unit.get("name_th", ""), year if isinstance(year, int) else None)
        found[info.url] = (info, meta)
    return found


def listing(url: str) -> bool:
    """A generated listing page: only its title and the text before its first section are indexed."""
    return url.startswith(TITLE_ONLY) or url in TITLE_ONLY_EXACT


def page_docs(url: str, parsed: ParsedPage, enrich: dict, table: FoldTable) -> tuple[PageInfo, list[Doc]]:
    """One page's info and section docs: project and lesson pages get their front-matter fields."""
    info, meta = enrich.get(url, (PageInfo(url, parsed.title), {}))
    info.title = info.title or parsed.title
    if listing(url):  # its title counts as plain text, so the guide page or the project itself ranks first
        section = parsed.sections[0]
        return info, [_doc(section.anchor, section.heading, section.text, {"text": analyze(info.title, table)})]
    docs = []
    for i, section in enumerate(parsed.sections):
        fields = {"heading": analyze(section.heading, table), "text": analyze(section.text, table)}
        if i == 0:
            fields["title"] = analyze(info.title, table) + analyze(meta.get("title", ""), table)
            fields["meta"] = analyze(meta.get("meta", ""), table)
            fields["text"] += analyze(meta.get("text", ""), table)
        docs.append(_doc(section.anchor, section.heading, section.text, fields))
    return info, docs


def body_docs(bodies, enrich: dict, table: FoldTable, site_name: str = "", memo: Memo | None = None) -> dict[str, tuple[PageInfo, list[Doc]]]:
    """URL → (info, docs) of pages given as (url, title, body HTML), read as the <article> the theme
    makes of them (the same sections as the built page: a test compares), so a build can index pages
    before MkDocs writes them. `enrich` is content_fields(): project and lesson front matter.
    `memo`: what earlier builds found, by page and everything it was made from."""
    ready = {}
    for url, title, body in bodies:
        if not indexed(url):
            continue

        def read(url=url, title=title, body=body):
            parsed = parse_page(article_html(title, body), site_name, first_section_only=listing(url))
            return page_docs(url, parsed, enrich, table) if parsed is not None else None

        found = memo.get((url, title, body, repr(enrich.get(url))), read) if memo is not None else read()
        if found is not None:
            ready[url] = found
    return ready


def index_of_pages(content, reference: Reference, site_name: str, batches, memo: Memo | None = None) -> tuple[dict[str, bytes], dict]:
    """The whole index (path → bytes) and its stats, from pages given as HTML bodies rather than read
    from a built site, so it can be made beside the build.

    `batches` yields lists of (url, title, body HTML): the generated pages while the core makes them,
    then the hand-written pages. A page replaces an earlier one at its URL (a docs/ file shadows a
    generated page). A test compares the result with reading the built site. `memo`: the pages of
    earlier builds (body_docs)."""
    enrich, table = content_fields(content, reference), fold_table(reference)
    ready: dict = {}
    for batch in batches:
        for url, _, _ in batch:
            ready.pop(url, None)
        ready |= body_docs(batch, enrich, table, site_name, memo)
    hidden = unlisted(content)
    return index_files(*numbered({url: found for url, found in ready.items() if indexed(url) and url not in hidden}), table)


def page_url(built_file: str) -> str:
    """A page's URL (as bestservice.urls writes them) from its file in the built site."""
    return built_file[: -len("index.html")] if built_file.endswith("index.html") else built_file


def indexed(url: str) -> bool:
    """A page of the site that the search index holds (not the search page, 404, the index itself
    or the committee's screening board)."""
    return url not in EXCLUDE and not url.startswith(NOT_INDEXED_UNDER)


def unlisted(content) -> set[str]:
    """The pages of proposals the committee has not approved: search, like every public list, leads
    to projects only (content.holdings)."""
    return {urls.project(doc.id) for doc in content.projects if not is_listed(doc.data)} if content is not None else set()


def site_order(url: str) -> tuple[str, ...]:
    """Where a page's file sorts in the built site (pages are numbered in this order)."""
    return PurePosixPath(url + "index.html" if url == "" or url.endswith("/") else url).parts


def numbered(ready: dict[str, tuple[PageInfo, list[Doc]]]) -> tuple[list[PageInfo], list[Doc]]:
    """Pages in site order, each doc given the number of its page."""
    pages: list[PageInfo] = []
    docs: list[Doc] = []
    for url in sorted(ready, key=site_order):
        info, section_docs = ready[url]
        for doc in section_docs:
            doc.page = len(pages)
            docs.append(doc)
        pages.append(info)
    return pages, docs


def collect(site_dir: Path, content, reference: Reference, site_name: str = "") -> tuple[list[PageInfo], list[Doc]]:
    """Pages and their section docs, read from a built site, in site order."""
    table = fold_table(reference)
    found, hidden = {}, unlisted(content)
    for path in Path(site_dir).rglob("*.html"):
        url = page_url(path.relative_to(site_dir).as_posix())
        if indexed(url) and url not in hidden:
            found[url] = path
    enrich = content_fields(content, reference) if content is not None else {}
    pages = {}
    for url, path in found.items():
        parsed = parse_page(path.read_text(encoding="utf-8"), site_name, first_section_only=listing(url))
        if parsed is not None:
            pages[url] = page_docs(url, parsed, enrich, table)
    return numbered(pages)


def _entries(docs: list[Doc]) -> dict[str, list[int]]:
    """term → [df, doc gap, score, doc gap, score, ...] with BM25F scores x100 (what a term shard
    holds), terms in the order they first occur.

    Millions of (term, section) pairs at a few thousand projects: they are gathered into arrays
    (C-level map and extend) and scored by numpy, in the same floating-point steps as the formula
    reads, so every score is the one Python's own arithmetic gives."""
    import numpy as np

    average = max((sum(doc.length for doc in docs) / len(docs)) if docs else 1.0, 1.0)
    norms = np.array([K1 * (1 - B + B * doc.length / average) for doc in docs], dtype=np.float64)
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # a new term gets the next number
    term_ids, counts, tfs = array("q"), array("q"), array("d")
    for doc in docs:
        term_ids.extend(map(vocabulary.__getitem__, doc.weights))
        tfs.extend(doc.weights.values())
        counts.append(len(doc.weights))
    terms = np.frombuffer(term_ids, dtype=np.int64)
    tf = np.frombuffer(tfs, dtype=np.float64)
    doc_numbers = np.repeat(np.arange(len(docs), dtype=np.int64), np.frombuffer(counts, dtype=np.int64))
    dfs = np.bincount(terms, minlength=len(vocabulary)).tolist()
    total = len(docs)
    scale = np.array([100 * math.log(1 + (total - df + 0.5) / (df + 0.5)) * (K1 + 1) for df in dfs], dtype=np.float64)
    scores = np.rint(scale[terms] * tf / (tf + norms[doc_numbers])).astype(np.int64)
    scores[scores == 0] = 1  # a score rounds to at least 1
    order = np.argsort(terms, kind="stable")  # by term; each term's docs stay in doc order
    doc_numbers, scores = doc_numbers[order], scores[order]
    entries = {}
    start = 0
    for term, df in zip(vocabulary, dfs, strict=True):
        docs_of, scores_of = doc_numbers[start : start + df], scores[start : start + df]
        start += df
        if df > STOP_MIN_DF and df > STOP_FRACTION * total:  # the best, earliest first on ties
            best = np.sort(np.lexsort((docs_of, -scores_of))[:STOP_KEEP])
            docs_of, scores_of = docs_of[best], scores_of[best]
        pairs = np.empty(2 * len(docs_of), dtype=np.int64)
        pairs[0::2] = np.diff(docs_of, prepend=0)
        pairs[1::2] = scores_of
        entries[term] = [len(docs_of), *pairs.tolist()]
    return entries


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def index_files(pages: list[PageInfo], docs: list[Doc], table: FoldTable) -> tuple[dict[str, bytes], dict]:
    """The manifest, term shards and doc blocks (path under the site → bytes), and their stats."""
    files: dict[str, bytes] = {}
    entries = _entries(docs)
    raw_total = sum(len(str(e)) + len(t.encode()) for t, e in entries.items())  # str() of an int list is its JSON
    shard_count = max(1, math.ceil(raw_total / SHARD_BYTES))
    shards: list[dict] = [{} for _ in range(shard_count)]
    for term, entry in entries.items():
        shards[fnv1a(term) % shard_count][term] = entry
    # doc blocks: consecutive docs up to BLOCK_BYTES of raw JSON
    blocks: list[list[int]] = [[]]
    size = 0
    for number, doc in enumerate(docs):
        cost = len(doc.text.encode()) + len(doc.heading.encode()) + 60
        if blocks[-1] and size + cost > BLOCK_BYTES:
            blocks.append([])
            size = 0
        blocks[-1].append(number)
        size += cost
    version = hashlib.sha1(json.dumps([p.url for p in pages] + [len(docs), raw_total]).encode()).hexdigest()[:10]
    for n, shard in enumerate(shards):
        files[f"{INDEX_DIR}/t/{n}.json"] = _json(shard)
    for n, block in enumerate(blocks):
        used = sorted({docs[d].page for d in block})
        data = {
            "pages": {str(p): [pages[p].url, pages[p].title, pages[p].kind, pages[p].unit, pages[p].fiscal_year] for p in used},
            "docs": [[docs[d].page, docs[d].anchor, docs[d].heading, docs[d].text] for d in block],
        }
        files[f"{INDEX_DIR}/d/{n}.json"] = _json(data)
    page_starts, block_starts = [], [block[0] for block in blocks if block]
    for number, doc in enumerate(docs):
        if not page_starts or docs[page_starts[-1]].page != doc.page:
            page_starts.append(number)
    manifest = {
        "version": version,
        "docs": len(docs),
        "pages": len(pages),
        "termShards": shard_count,
        "pageStarts": _deltas(page_starts),
        "blockStarts": _deltas(block_starts),
        "fold": table,
        "text": text_rules(),  # how to normalise and cut a query, as the index was (thai.words)
        "boost": BOOST,
    }
    files[f"{INDEX_DIR}/manifest.json"] = _json(manifest)
    return files, {
        "pages": len(pages),
        "docs": len(docs),
        "terms": len(entries),
        "term_shards": shard_count,
        "doc_blocks": len(blocks),
        "manifest_bytes": len(files[f"{INDEX_DIR}/manifest.json"]),
    }


def write_index(site_dir: Path, pages: list[PageInfo], docs: list[Doc], table: FoldTable) -> dict:
    """Write the index under site_dir/search/index/; return its stats."""
    files, stats = index_files(pages, docs, table)
    for name, data in files.items():
        (Path(site_dir) / name).parent.mkdir(parents=True, exist_ok=True)
        (Path(site_dir) / name).write_bytes(data)
    return stats


def _deltas(values: list[int]) -> list[int]:
    return [v - (values[i - 1] if i else 0) for i, v in enumerate(values)]


def build(site_dir: Path, content, reference: Reference, site_name: str = "") -> dict:
    """The index of a built site, read from its pages (`bestservice` commands and tests)."""
    return write_index(site_dir, *collect(site_dir, content, reference, site_name), fold_table(reference))


def index_stats(site_dir: Path) -> dict:
    """Sizes of the index as a browser sees them (raw and gzip bytes), for reports and budgets."""
    out = Path(site_dir) / INDEX_DIR

    def sizes(paths):
        raw = [p.stat().st_size for p in paths]
        gz = [len(gzip.compress(p.read_bytes(), 6)) for p in paths]
        return {"files": len(raw), "raw": sum(raw), "gzip": sum(gz), "max_gzip": max(gz, default=0), "mean_gzip": round(sum(gz) / max(len(gz), 1))}

    manifest = out / "manifest.json"
    return {
        "manifest_gzip": len(gzip.compress(manifest.read_bytes(), 6)),
        "term_shards": sizes(sorted((out / "t").glob("*.json"))),
        "doc_blocks": sizes(sorted((out / "d").glob("*.json"))),
    }
