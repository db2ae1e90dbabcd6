"""The build-time side of the Thai search: words inside phrases, folding, page parsing, shards."""

from __future__ import annotations

import dataclasses
import json
import math
import random

from conftest import REFERENCE_DIR, ROOT

from bestservice.content.reference import load_reference
from bestservice.search.index import BOOST, K1, STOP_FRACTION, STOP_KEEP, STOP_MIN_DF, B, Doc, PageInfo, _doc, build, fnv1a, index_stats, write_index
from bestservice.search.text import analyze, fold_table, parse_page, tokens
from bestservice.thai.words import text_rules

TABLE = fold_table(load_reference(REFERENCE_DIR))


def _contains(text: str, word: str) -> bool:
    """The words of `word` appear adjacent among the words of `text` (ICU cuts หุ้นส่วน as หุ้น|ส่วน)."""
    haystack, needle = tokens(text), tokens(word)
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack)))


def test_words_inside_thai_phrases_are_terms():
    assert _contains("การใช้ตัวชี้วัดและการประเมินผล", "ตัวชี้วัด")
    assert "นวัตกรรม" in analyze("สร้างนวัตกรรมใหม่ๆ", TABLE)
    assert _contains("ในลักษณะของหุ้นส่วน", "หุ้นส่วน")
    assert "ๆ" not in "".join(analyze("ใหม่ๆ", TABLE))


def test_variants_fold_to_one_term():
    assert analyze("อิเล็กทรอนิคส์", TABLE)[0] == analyze("อิเล็กทรอนิกส์", TABLE)[0]
    assert analyze("ทีคิวเอ็ม", TABLE)[0] == analyze("TQM", TABLE)[0] == analyze("การบริหารคุณภาพทั่วทั้งองค์กร", TABLE)[0]
    assert analyze("ไลน์", TABLE)[0] == analyze("LINE", TABLE)[0] == analyze("line oa", TABLE)[0]
    assert analyze("คิวอาร์โค้ด", TABLE)[0] == analyze("QR code", TABLE)[0]
    assert analyze("กทม.", TABLE)[0] == analyze("กรุงเทพมหานคร", TABLE)[0]
    assert analyze("ก.ก.", TABLE)[0] == analyze("สำนักงาน ก.ก.", TABLE)[0]
    assert analyze("KPI", TABLE)[0] == analyze("ตัวชี้วัด", TABLE)[0]
    # the original words stay, so a part of a folded phrase is still found
    assert "สาธารณสุข" in analyze("อาสาสมัครสาธารณสุข", TABLE)


def test_thai_digits_fold_to_arabic():
    assert analyze("ขั้นที่ ๑", TABLE) == analyze("ขั้นที่ 1", TABLE)


def test_parse_page_sections_and_skips():
    html = """<html><head><title>เกณฑ์ - คลัง</title></head><body><nav>เมนู</nav>
    <article class="md-content__inner md-typeset"><h1 id="x">เกณฑ์<a class="headerlink" href="#x">#</a></h1>
    <p>บทนำ</p><h2 id="criterion-7">ข้อ 7 <a class="headerlink">#</a></h2><p>ในลักษณะของหุ้นส่วน</p>
    <script>var x = "ไม่นับ";</script><div data-search-exclude>ซ่อน</div><h3 id="sub">ย่อย</h3><p>ข้อความ</p></article></body></html>"""
    page = parse_page(html)
    assert page.title == "เกณฑ์"
    assert [(s.anchor, s.heading, s.text) for s in page.sections] == [("", "", "บทนำ"), ("criterion-7", "ข้อ 7", "ในลักษณะของหุ้นส่วน"), ("sub", "ย่อย", "ข้อความ")]


def test_parse_page_reads_awkward_but_valid_html():
    html = """<article><h1>ชื่อ &amp; เรื่อง</h1><!-- <p>ความเห็น</p> --><p title="a > b">ก่อน<br/>หลัง</p>
    <script>if (a < b) { document.write("<p>ไม่นับ</p>"); }</script><p>x < y &lt;z&gt;</p>
    <h2 id='single'>หัวข้อ<span/></h2><p>ทะเบียน<strong>ราษฎร์</strong></p><div/><P>ตัวใหญ่</P></article>"""
    page = parse_page(html)
    assert page.title == "ชื่อ & เรื่อง"
    assert [(s.anchor, s.heading) for s in page.sections] == [("", ""), ("single", "หัวข้อ")]
    first, second = page.sections
    assert "ความเห็น" not in first.text and "ไม่นับ" not in first.text, "comments and scripts are not page text"
    assert "ก่อน หลัง" in first.text and "x < y <z>" in first.text, "a > inside a quoted attribute or a lone < must not cut the text"
    assert "ทะเบียนราษฎร์" in second.text, "inline tags must not split a Thai word"
    assert "ตัวใหญ่" in second.text


def test_index_shards_hold_each_term_once(tmp_path):
    for i, text in enumerate(["การใช้ตัวชี้วัดและการประเมินผล", "สร้างนวัตกรรมใหม่ๆ", "<script>ลับ</script>ในลักษณะของหุ้นส่วน"]):
        page = tmp_path / f"p{i}" / "index.html"
        page.parent.mkdir()
        page.write_text(f'<article class="md-content__inner"><h1>หน้า {i}</h1><p>{text}</p></article>', encoding="utf-8")
    stats = build(tmp_path, None, load_reference(REFERENCE_DIR))
    assert stats["pages"] == 3
    out = tmp_path / "search" / "index"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    found = {}
    for n in range(manifest["termShards"]):
        for term, entry in json.loads((out / "t" / f"{n}.json").read_text(encoding="utf-8")).items():
            assert fnv1a(term) % manifest["termShards"] == n
            found[term] = entry
    assert found["นวัตกรรม"][0] == 1  # df
    assert "ลับ" not in found  # script text is not indexed
    assert index_stats(tmp_path)["term_shards"]["files"] == manifest["termShards"]


def test_fnv1a_matches_the_browser_definition():
    # values computed with the JavaScript function in docs/assets/javascripts/search.js (node)
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("ตัวชี้วัด") == 1175957012


def test_generated_pages_index_the_same_from_the_core_as_from_the_built_site(tmp_path):
    """The build indexes generated pages from the core's HTML while MkDocs renders them; the result
    must equal reading the pages MkDocs wrote (Material adds the <h1>, the sidebars, the footer)."""
    from conftest import FIXTURES, build_site

    from bestservice.content import load_content
    from bestservice.content.reference import load_reference
    from bestservice.pages import Page, generate_pages
    from bestservice.search.index import body_docs, collect, content_fields

    catalogue = FIXTURES / "catalogue"
    site = build_site(tmp_path / "site", catalogue / "projects", catalogue / "lessons")
    content, reference = load_content(catalogue / "projects", catalogue / "lessons"), load_reference(REFERENCE_DIR)
    name = "คลังความรู้โครงการให้บริการที่ดีที่สุด"
    pages = [p for p in generate_pages(content, reference) if isinstance(p, Page)]
    ready = body_docs([(p.url, p.title, p.html) for p in pages], content_fields(content, reference), fold_table(reference), name)
    assert len(ready) > 50
    site_pages, site_docs = collect(site, content, reference, name)
    from_site: dict = {}
    for doc in site_docs:
        from_site.setdefault(site_pages[doc.page].url, []).append(dataclasses.replace(doc, page=-1))
    for url, (_, docs) in ready.items():
        assert docs == from_site[url], f"page {url}: indexed differently from the core's HTML than from the built page"

    # The build wrote its index beside MkDocs (the guide's pages as MkDocs rendered them, before the
    # theme): reading every built page afterwards must write the very same files.
    index = site / "search" / "index"
    written = {p.relative_to(index): p.read_bytes() for p in sorted(index.rglob("*.json"))}
    build(site, content, reference, name)
    again = {p.relative_to(index): p.read_bytes() for p in sorted(index.rglob("*.json"))}
    assert written.keys() == again.keys()
    for path in written:
        assert written[path] == again[path], f"search/index/{path}: the build's index differs from reading the built pages (bestservice_mkdocs/search.py)"


def _bm25_by_the_formula(docs: list[Doc]) -> dict[str, list[int]]:
    """The term shards' entries written out plainly: BM25F x100 rounded (at least 1), the very common
    terms cut to their STOP_KEEP best postings (earliest first on ties), doc numbers as gaps."""
    average = max(sum(doc.length for doc in docs) / len(docs), 1.0)
    by_term: dict[str, list[tuple[int, float]]] = {}
    for number, doc in enumerate(docs):
        for term, tf in doc.weights.items():
            by_term.setdefault(term, []).append((number, tf))
    entries = {}
    for term, postings in by_term.items():
        idf = math.log(1 + (len(docs) - len(postings) + 0.5) / (len(postings) + 0.5))
        scored = [(n, round(100 * idf * (K1 + 1) * tf / (tf + K1 * (1 - B + B * docs[n].length / average))) or 1) for n, tf in postings]
        if len(scored) > STOP_MIN_DF and len(scored) > STOP_FRACTION * len(docs):
            scored = sorted(sorted(scored, key=lambda pair: -pair[1])[:STOP_KEEP])
        entry, previous = [len(scored)], 0
        for n, score in scored:
            entry += [n - previous, score]
            previous = n
        entries[term] = entry
    return entries


def test_term_scores_are_bm25_of_every_section(tmp_path):
    """The index computes scores with numpy: each must be the one the formula gives, the common-term cut
    included (a term in more than STOP_MIN_DF sections and STOP_FRACTION of them keeps its best STOP_KEEP)."""
    rng = random.Random(7)
    words = ["บริการ", "ผู้สูงอายุ", "คิว", "ตัวชี้วัด", "เขต", "ออนไลน์", "น้ำท่วม", "kpi"]
    docs = []
    for n in range(STOP_MIN_DF + 400):
        fields = {"heading": rng.choices(words, k=rng.randint(0, 2)), "text": ["การ", *rng.choices(words, k=rng.randint(1, 30))]}
        if n % 7 == 0:
            fields["title"] = rng.choices(words, k=3)
        docs.append(_doc(f"s{n}", "หัวข้อ", "ข้อความ", fields))
    for number, doc in enumerate(docs):
        doc.page = number
    expected = _bm25_by_the_formula(docs)
    assert len(expected["การ"]) == 1 + 2 * STOP_KEEP, "the test must cover the common-term cut"
    write_index(tmp_path, [PageInfo(f"p{n}/", f"หน้า {n}") for n in range(len(docs))], docs, TABLE)
    out = tmp_path / "search" / "index"
    shards = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["termShards"]
    found = {term: entry for n in range(shards) for term, entry in json.loads((out / "t" / f"{n}.json").read_text(encoding="utf-8")).items()}
    assert found == expected


def test_boosts_add_up_exactly():
    """_doc adds a field's boost once per occurrence of a term: exact only while every boost is a multiple of 0.5."""
    assert all((boost * 2).is_integer() for boost in BOOST.values()), "keep the boosts multiples of 0.5, or have _doc multiply counts"


def test_the_browser_gets_the_text_rules_the_index_was_made_with(tmp_path):
    """search.js normalises a query with manifest.text: the characters thai.words removes and folds,
    written once in Python (no second copy in the script)."""
    page = tmp_path / "p" / "index.html"
    page.parent.mkdir()
    page.write_text('<article class="md-content__inner"><h1>หน้า</h1><p>ปี ๒๕๖๘</p></article>', encoding="utf-8")
    build(tmp_path, None, load_reference(REFERENCE_DIR))
    manifest = json.loads((tmp_path / "search" / "index" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["text"] == text_rules()
    script = (ROOT / "docs" / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
    for rule, characters in text_rules().items():
        if rule != "locale":
            assert not set(characters) & set(script), f"search.js writes {rule} itself: read it from manifest.text instead"
