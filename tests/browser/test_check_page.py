"""The check page (check/): same tokens and same ranking as the core, offline, while typing."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict

import pytest
from conftest import EVAL_DIR, REFERENCE_DIR, SHOW_PROBLEMS, build_site, serve

from bestservice.content import Content, load_content
from bestservice.content.reference import load_reference
from bestservice.similar.browser import browser_index, front_coded
from bestservice.similar.corpus import Corpus
from bestservice.similar.evaluation import labelled_projects, load_eval, proposal_text, write_markdown
from bestservice.similar.features import analyzer
from bestservice.similar.verdict import REPEAT, band_kind

pytestmark = pytest.mark.browser


HARD = EVAL_DIR / "hard"


def proposals() -> list[dict]:
    """Every labelled proposal of both sets (the site holds both sets' past projects), and repeats that
    declare a continuation the guide does not allow: of another project, or with no words on what is new."""
    labelled = load_eval(HARD)[1] + load_eval(EVAL_DIR)[1]
    repeats = [p for p in labelled if p["expect"] == "repeat"][:6]
    other = {"continues": "h-line-pet-registration", "whats_new": "เพิ่มช่องทางใหม่"}
    misdeclared = [{**p, "id": p["id"] + "-other", **other} for p in repeats if p.get("top1") != other["continues"]]
    misdeclared += [{**p, "id": p["id"] + "-unsaid", "continues": p["top1"], "whats_new": {"ใหม่": "ไม่ใช่ข้อความ"}} for p in repeats]
    first = next(p for p in labelled if p["id"] == "r01")  # a repeat of h-line-pet-registration, through its phase 2
    return labelled + misdeclared + [{**first, "id": "r01-phase-3", "continues": PHASE_TWO["id"], "whats_new": "ยืนยันตัวตนเจ้าของด้วยบัตรประชาชนดิจิทัล"}]


# A project that continued one of the hard set's, so that a proposal can declare the line it continues.
PHASE_TWO = {
    "id": "h-line-pet-registration-2",
    "fiscal_year": 2567,
    "unit": "district-bang-na",
    "continues": "h-line-pet-registration",
    "title": "แจ้งสัตว์เลี้ยงหายผ่าน LINE OA ของเขต",
    "summary": "เจ้าของที่ขึ้นทะเบียนสัตว์เลี้ยงแล้วแจ้งสัตว์หายทางไลน์ ระบบส่งประกาศไปยังอาสาสมัครในชุมชน",
}


@pytest.fixture(scope="module")
def eval_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("similar")
    projects = write_markdown(root / "projects", labelled_projects(EVAL_DIR) + labelled_projects(HARD) + [PHASE_TWO])
    (root / "lessons").mkdir()
    site = build_site(root / "site", projects=projects, lessons=root / "lessons", config=SHOW_PROBLEMS)  # partial records
    server, url = serve(site)
    yield url, projects
    server.shutdown()


@pytest.fixture(scope="module")
def check_page(eval_site, browser):
    url, _ = eval_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{url}/check/")
    page.wait_for_function("window.bsSimilar !== undefined", timeout=60_000)  # the data and the meaning model are loaded
    yield page, requests, url
    context.close()


def texts():
    content, proposals = load_eval(EVAL_DIR)
    out = [(p["title"], proposal_text(p)) for p in proposals]
    out += [(doc.data["title"], "\n".join(str(doc.data.get(k, "")) for k in ("summary", "problem", "activities"))) for doc in content.projects]
    out.append(("QR Code คิวอาร์โค้ด LINE OA ไลน์แอด กทม. กรุงเทพฯ app แอพพลิเคชั่น ผู้สูงวัย", "happy apple bma123 ๆ\u200b ทดสอบ"))
    # names a plain JavaScript object already has, and letters beyond U+FFFF (two UTF-16 units each)
    out.append(("constructor toString __proto__ hasOwnProperty", "valueOf บริการ constructor 𝐀 𝐀𝐁 𠀀 ข้อมูล𠀀"))
    return out


def test_browser_tokenises_like_the_core(check_page):
    page, _, _ = check_page
    fold = analyzer(load_reference(REFERENCE_DIR))
    samples = [t + "\n" + x for t, x in texts()]
    browser_keys = page.evaluate("(xs) => xs.map(x => window.bsSimilar.tokens(x).map(t => t.key))", samples)
    mismatches = [(s[:40], [t.key for t in fold.tokens(s)], b) for s, b in zip(samples, browser_keys, strict=True) if [t.key for t in fold.tokens(s)] != b]
    assert not mismatches, mismatches[:3]


def test_browser_counts_features_like_the_core(check_page):
    """Words and word pairs, stop words, one-letter words (in characters, as Python counts them)."""
    page, _, _ = check_page
    fold = analyzer(load_reference(REFERENCE_DIR))
    samples = [t + "\n" + x for t, x in texts()]
    browser = page.evaluate("(xs) => xs.map(x => Array.from(window.bsSimilar.features(window.bsSimilar.tokens(x)).entries()))", samples)
    mismatches = [
        (s[:40], set(dict(fold.features(s)).items()) ^ set(b.items())) for s, b in zip(samples, map(dict, browser), strict=True) if dict(fold.features(s)) != b
    ]
    assert not mismatches, mismatches[:3]


def test_browser_ranks_like_the_core(check_page, eval_site):
    """The same answer in Python and in Chromium for every labelled proposal (166, both sets): the same
    five projects in the same order, the same scores, bands and verdict, the same shared phrases (with no
    little word nor piece of a word alone), the same service-centre services and the field of their words."""
    page, _, _ = check_page
    _, projects = eval_site
    corpus = Corpus(load_content(projects, projects.parent / "lessons"), load_reference(REFERENCE_DIR))
    for proposal in proposals():
        core = corpus.check(proposal, top=5)
        web = page.evaluate("([p, y]) => window.bsSimilar.checkFields(p, y, 5)", [proposal, proposal["fiscal_year"]])
        assert [m["id"] for m in web["matches"]] == [m.id for m in core.matches], proposal["id"]
        # the browser's float32 sums of the meaning network differ from numpy's by about 1e-7: a score may
        # round to the next ten-thousandth, never more
        assert [m["score"] for m in web["matches"]] == pytest.approx([m.score for m in core.matches], abs=1.5e-4), proposal["id"]
        assert [band_kind(m["score"]) for m in web["matches"]] == [band_kind(m.score) for m in core.matches], proposal["id"]
        assert web["verdict"] == core.verdict and web["undeclared_continuation"] == core.undeclared_continuation, proposal["id"]
        if proposal["id"].endswith(("-other", "-unsaid")) and core.matches[0].score >= REPEAT:
            assert core.verdict == "repeat", f"{proposal['id']}: a continuation the guide does not allow made a repeat a continuation"
        if proposal["id"] == "r01-phase-3":
            assert core.verdict == "related", "a continuation of the project that continued the one it is like is declared"
        assert [m["shared"] for m in web["matches"]] == [m.shared for m in core.matches], proposal["id"]
        assert web["service_center"] == [asdict(o) for o in core.service_center], proposal["id"]
        alone = [phrase for m in core.matches for phrase in m.shared if len(corpus.analyzer.tokens(phrase)) == 1]
        assert not {"เจ้า", "หน้าที่", "บาง", "ผ่าน"} & set(alone), proposal["id"]


def test_page_rebuilds_the_cores_weights_bit_for_bit(check_page, eval_site):
    """The page gets the weights' ingredients (similar/browser.py) and must multiply them out exactly."""
    page, _, _ = check_page
    _, projects = eval_site
    corpus = Corpus(load_content(projects, projects.parent / "lessons"), load_reference(REFERENCE_DIR))
    web = page.evaluate("() => Array.from({length: bsSimilar.size}, (_, n) => [bsSimilar.data.projects.id[n], Array.from(bsSimilar.vector(n))])")
    assert web == [[id_, [list(item) for item in vector.items()]] for id_, vector in zip(corpus.ids, corpus.index.vectors, strict=True)]
    keys = [*corpus.index.idf, "ไม่มีในโครงการใด"]
    assert page.evaluate("(keys) => keys.map(k => bsSimilar.idf(k))", keys) == [*corpus.index.idf.values(), corpus.index.unknown_idf]


def test_page_reads_back_any_vocabulary(check_page):
    page, _, _ = check_page
    words = ["ก", "กข|ค", "กข|คง", "𠀀𠀁ก", "𠀀𠀁ข", "x" * 40 + "a", "x" * 40 + "b"]
    data = browser_index(Corpus(Content(), load_reference(REFERENCE_DIR))) | {"vocab": front_coded(words)}
    assert page.evaluate("(data) => new BSSimilarEngine(data).vocab", data) == words


def test_cli_and_page_agree(check_page, eval_site):
    page, _, _ = check_page
    _, projects = eval_site
    _, proposals = load_eval(EVAL_DIR)
    for proposal in proposals[::12]:
        text = proposal_text(proposal)
        cli = subprocess.run(
            [
                sys.executable,
                "-m",
                "bestservice",
                "similar",
                "--title",
                proposal["title"],
                "--text",
                text,
                "--fiscal-year",
                "2568",
                "--projects",
                str(projects),
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        core = json.loads(cli.stdout)
        web = page.evaluate("([t, x]) => window.bsSimilar.check(t, x, 2568, 5)", [proposal["title"], text])
        assert [m["id"] for m in web["matches"]] == [m["id"] for m in core["matches"]]
        assert web["verdict"] == core["verdict"]


def test_typing_shows_similar_projects_offline(check_page):
    page, requests, url = check_page
    page.fill("#bs-sim-year", "๒๕๖๘")  # Thai digits
    page.fill("#bs-sim-title", "รับลงทะเบียนขอรับเบี้ยยังชีพผู้สูงวัยทางไลน์")
    page.type("#bs-sim-text", "ผู้สูงวัยส่งรูปบัตรประชาชนและสมุดบัญชีทางไลน์โอเอของเขต", delay=5)
    page.wait_for_selector("#bs-sim-results li")
    first = page.locator("#bs-sim-results li").first
    assert first.get_attribute("data-id") == "p-line-elderly-allowance"
    assert "คล้ายมาก" in first.inner_text()
    assert first.locator("mark").count() >= 1
    assert first.locator("a").first.get_attribute("href") == "../projects/p-line-elderly-allowance/"
    assert "อาจซ้ำ" in page.inner_text("#bs-sim-verdict")
    assert "เบี้ยยังชีพ" in page.inner_text("#bs-sim-bsc")  # criterion 11: BFC allowance registration
    assert all(r.startswith(url) for r in requests), [r for r in requests if not r.startswith(url)]


def test_contributor_text_is_not_html(check_page):
    page, _, _ = check_page
    page.fill("#bs-sim-title", "<img src=x onerror=alert(1)> ผักตบชวา คลอง เรือเก็บผักตบชวา")
    page.wait_for_function("document.querySelector('#bs-sim-results li') && document.querySelector('#bs-sim-results li').dataset.id === 'p-canal-hyacinth'")
    assert page.locator("#bs-similar img").count() == 0
