"""meaning.js computes in Chromium what bestservice/similar/meaning.py computes in Python, from the same model file:
the same pieces, vectors with a cosine of at least 0.999, the same five nearest texts; offline, and with its
per-window cache giving the very numbers a fresh encode gives."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import serve
from measure_meaning import sample_texts, write_page

from bestservice.similar.meaning import MeaningEncoder

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def encoder(tmp_path_factory) -> MeaningEncoder:
    return MeaningEncoder.load(tmp_path_factory.mktemp("meaning-cache"))


@pytest.fixture(scope="module")
def site(encoder, tmp_path_factory):
    folder = tmp_path_factory.mktemp("meaning-site")
    write_page(folder, encoder.browser_model())
    server, url = serve(folder)
    yield folder, url
    server.shutdown()


@pytest.fixture(scope="module")
def meaning_page(site, browser):
    _, url = site
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{url}/index.html")
    page.evaluate("window.meaningReady")
    yield page, requests
    context.close()


def nearest(vectors: np.ndarray, count: int = 5) -> list[list[int]]:
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    return [np.argsort(-row, kind="stable")[:count].tolist() for row in similarity]


def test_chromium_computes_what_python_computes(encoder, meaning_page):
    page, requests = meaning_page
    texts = sample_texts()
    assert len(texts) == 200
    browser = page.evaluate("(texts) => texts.map((t) => ({pieces: encoder.pieces(t), vector: Array.from(encoder.encode(t))}))", texts)
    assert [b["pieces"] for b in browser] == [encoder.pieces(t) for t in texts]
    in_chromium = np.array([b["vector"] for b in browser], dtype=np.float32)
    in_python = encoder.encode(texts)
    cosines = (in_chromium * in_python).sum(axis=1)
    assert cosines.min() >= 0.999, f"lowest cosine {cosines.min():.6f} for {texts[int(cosines.argmin())][:60]!r}"
    assert nearest(in_chromium) == nearest(in_python)
    assert all(url.startswith("http://127.0.0.1:") for url in requests), requests


EDGE_TEXTS = [
    "",
    "  \n\t ",
    "ผู้สูงอายุ 你好世界 LINE",  # a run of characters the model dropped: one <unk>
    "แจ้งเหตุ 😀🚒 ด่วน",  # characters beyond 16 bits: one character each, as in Python
    "ทำ ＱＲ ｃｏｄｅ ½ ราคา\u00a0\u200bฟรี",  # the normalisation table
    "<s> </s> <unk>",
    "ผู้สูงอายุลงทะเบียนรับเบี้ยยังชีพผ่านไลน์ " * 300,  # cut at max_chars, then at max_tokens
]


@pytest.mark.parametrize("text", EDGE_TEXTS, ids=range(len(EDGE_TEXTS)))
def test_edge_cases_are_cut_and_encoded_alike(encoder, meaning_page, text):
    page, _ = meaning_page
    pieces, vector = page.evaluate("(t) => [encoder.pieces(t), Array.from(encoder.encode(t))]", text)
    assert pieces == encoder.pieces(text)
    assert np.dot(np.array(vector, dtype=np.float32), encoder.encode([text])[0]) >= 0.999


def test_typing_recomputes_only_the_windows_that_changed_and_gives_what_a_fresh_encode_gives(meaning_page):
    page, _ = meaning_page
    text = sample_texts()[60]
    typed, recomputed, fresh = page.evaluate(
        """(text) => {
          encoder.encode(text);
          const typed = Array.from(encoder.encode(text + "ค"));
          const recomputed = encoder.computed;
          encoder.clearCache();
          return [typed, recomputed, Array.from(encoder.encode(text + "ค"))];
        }""",
        text,
    )
    assert 0 < recomputed <= 9  # the last piece changed: the tokens within four of it, and </s>
    assert typed == fresh


def test_the_fingerprint_is_the_same_on_both_sides(encoder, meaning_page):
    page, _ = meaning_page
    assert page.evaluate("encoder.fingerprint") == encoder.fingerprint


@pytest.mark.parametrize(("offset", "message"), [(100_000, "SHA-256"), (0, "wrong magic")])
def test_a_damaged_model_is_refused_with_a_clear_error(encoder, site, meaning_page, offset, message):
    folder, _ = site
    page, _ = meaning_page
    data = bytearray(encoder.browser_model())
    data[offset] ^= 0xFF
    (folder / f"damaged-{offset}.bin").write_bytes(data)
    error = page.evaluate("(url) => BestServiceMeaning.load(url).then(() => 'loaded', (e) => e.message)", f"damaged-{offset}.bin")
    assert message in error


def test_where_the_page_may_not_use_crypto_subtle_the_file_is_checked_all_the_same(encoder, site, browser):
    folder, url = site
    damaged = bytearray(encoder.browser_model())
    damaged[-1] ^= 0xFF
    (folder / "damaged-last.bin").write_bytes(damaged)
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(Crypto.prototype, 'subtle', {get: () => undefined})")  # as on plain http
    page = context.new_page()
    page.goto(f"{url}/index.html?common=0")
    page.evaluate("window.meaningReady")
    fingerprint = page.evaluate("crypto.subtle === undefined && encoder.fingerprint")
    error = page.evaluate("BestServiceMeaning.load('damaged-last.bin').then(() => 'loaded', (e) => e.message)")
    context.close()
    assert fingerprint == encoder.fingerprint
    assert "SHA-256" in error


def test_a_page_opened_from_a_file_says_to_serve_the_site_over_http(site, browser):
    folder, _ = site
    context = browser.new_context()
    page = context.new_page()
    page.goto((folder / "index.html").as_uri())
    error = page.evaluate("window.meaningReady.then(() => 'loaded', (e) => e.message)")
    context.close()
    assert "serve the site over http" in error
