"""Thai text → weighted features for the similar-projects check, and a TF-IDF index over them.

The steps, mirrored one for one by docs/assets/javascripts/similar.js (tests check both agree):

1. `normalize` (NFC, lower case, zero-width characters removed);
2. fold variant spellings (reference/synonyms.yaml): scan left to right, at each position take the
   longest variant that starts there (a Latin variant must not sit inside a longer Latin word);
   the variant becomes one atomic token, its canonical form;
3. cut the rest into words with ICU (the browser's `Intl.Segmenter('th')`);
4. features: every word that is not a stop word and is not a lone character or a number, plus
   every pair of adjacent words where at least one is not a stop word (ICU cuts ผู้|สูง|อายุ: the
   pairs keep compounds together). Words naming a target group (reference/similar.yaml) weigh less.
5. TF-IDF with sublinear term frequency, cosine similarity.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, count
from typing import NamedTuple

import numpy as np

from bestservice.content.reference import Reference
from bestservice.thai.synonyms import variant_map
from bestservice.thai.words import normalize, segment

ASCII_ALNUM = re.compile(r"[a-z0-9]")
NUMBER = re.compile(r"^[0-9.,]+$")
PAIR = "|"


class Token(NamedTuple):
    key: str  # folded form: what is compared
    surface: str  # as written in the text: what is shown


@dataclass
class Analyzer:
    variants: dict[str, str]
    stop_words: frozenset[str]
    group_words: frozenset[str]
    group_weight: float
    cues: tuple[str, ...]
    not_alone: frozenset[str] = frozenset()  # never shown alone in a list of shared words
    finder: re.Pattern = field(init=False)
    kinds: dict[str, tuple[bool, bool]] = field(init=False, repr=False, default_factory=dict)  # word → (number, content word)

    def __post_init__(self):
        # A canonical form is also a variant of itself: แอปพลิเคชัน must not be read as แอป + พลิเคชัน.
        self.variants = {**{c: c for c in self.variants.values()}, **self.variants}
        self.finder = variant_finder(self.variants)

    # --- step 2 and 3 ---------------------------------------------------------------------------
    def tokens(self, text: str) -> list[Token]:
        text = normalize(text or "")
        out: list[Token] = []
        start = 0
        for match in self.finder.finditer(text):
            out.extend(Token(w, w) for w in segment(text[start : match.start()]))
            out.append(Token(self.variants[match.group()], match.group()))
            start = match.end()
        out.extend(Token(w, w) for w in segment(text[start:]))
        return out

    # --- step 4 ---------------------------------------------------------------------------------
    def is_content(self, key: str) -> bool:
        return len(key) > 1 and key not in self.stop_words and not NUMBER.match(key)

    def says_something_alone(self, key: str) -> bool:
        """A word that may stand alone in a list of shared words: a content word, not a little word
        nor a piece of a longer one (reference/similar.yaml not_shown_alone)."""
        return self.is_content(key) and key not in self.not_alone

    def features(self, text: str) -> Counter:
        """Feature → weighted count (the phrases a person reads come from the tokens: shared_phrases)."""
        return self.counted(self.tokens(text))

    def counted(self, tokens: list[Token]) -> Counter:
        """features() of a text whose tokens() a caller has already."""
        counts: Counter = Counter()
        kinds = self.kinds
        for token in tokens:
            if token.key not in kinds:
                kinds[token.key] = (bool(NUMBER.match(token.key)), self.is_content(token.key))
        number = [kinds[token.key][0] for token in tokens]
        content = [kinds[token.key][1] for token in tokens]
        for index, token in enumerate(tokens):
            if content[index]:
                counts[token.key] += self.group_weight if token.key in self.group_words else 1.0
            if not index or number[index - 1] or number[index] or not (content[index - 1] or content[index]):
                continue
            before = tokens[index - 1]
            joined = before.key + token.key
            key = before.key + PAIR + token.key
            if key in self.stop_words or joined in self.stop_words:
                continue
            counts[key] += self.group_weight if joined in self.group_words else 1.0
        return counts

    def has_cue(self, text: str) -> list[str]:
        folded = normalize(text or "")
        return [cue for cue in self.cues if cue in folded]


def variant_finder(variants) -> re.Pattern:
    """One regular expression that finds every variant, the longest at each position; a Latin variant
    must not sit inside a longer Latin word.

    Written as a trie (ไลน์|ไลน์โอเอ → ไลน์(?:โอเอ)?) whose every branch opens with a plain character:
    the regex engine then skips positions no variant starts at. A flat alternation tried every variant
    at every position of every project (4 s of a 5,000-project build, against 0.3 s)."""
    trie: dict = {}
    for variant in filter(None, variants):
        node = trie
        for char in variant:
            node = node.setdefault(char, {})
        node[""] = variant
    return re.compile(_trie_pattern(trie, at_start=True) if trie else "(?!)")


def _trie_pattern(node: dict, at_start: bool = False) -> str:
    branches = []
    for char in sorted(key for key in node if key):
        # after the first character, look back past it: the branch still opens with a plain character
        not_in_word = f"(?<![a-z0-9]{re.escape(char)})" if at_start and ASCII_ALNUM.match(char) else ""
        branches.append(re.escape(char) + not_in_word + _trie_pattern(node[char]))
    if "" in node:  # a variant ends here: tried after the longer ones
        branches.append("(?![a-z0-9])" if ASCII_ALNUM.match(node[""][-1]) else "")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def join_surface(a: str, b: str) -> str:
    return f"{a} {b}" if ASCII_ALNUM.search(a[-1:]) or ASCII_ALNUM.search(b[:1]) else a + b


@lru_cache(maxsize=4)
def analyzer(reference: Reference) -> Analyzer:
    data = reference._file("similar.yaml")
    variants = variant_map(reference)
    fold = Analyzer(variants, frozenset(), frozenset(), 1.0, ())

    def folded_words(words) -> set[str]:
        out = set()
        for word in words:
            keys = [t.key for t in fold.tokens(str(word))]
            out.add("".join(keys) if len(keys) > 1 else (keys[0] if keys else ""))
            out.update(keys if len(keys) == 1 else [])
            if len(keys) == 2:
                out.add(keys[0] + PAIR + keys[1])
        return out - {""}

    stop = folded_words(data["stop_words"])
    groups = folded_words(data["group_words"])
    pieces = {key for word in data["stop_words"] for key in (t.key for t in fold.tokens(str(word)))}
    return Analyzer(
        variants=variants,
        stop_words=frozenset(stop),
        group_words=frozenset(groups),
        group_weight=float(data.get("group_weight", 0.35)),
        cues=tuple(normalize(c) for c in data.get("continuation_cues", [])),
        not_alone=frozenset(folded_words(data.get("not_shown_alone", [])) | pieces),
    )


# --- the index --------------------------------------------------------------------------------


def sublinear(counts: Counter) -> dict[str, float]:
    return {key: 1.0 + math.log(value) if value >= 1 else value for key, value in counts.items()}


def term_frequencies(counts: Counter) -> dict[str, float]:
    """A document's features as the index keeps them: sublinear term frequencies, features sorted
    (the browser gets them in this order and computes the very same weights bit for bit)."""
    return dict(sorted(sublinear(counts).items()))


@dataclass
class Index:
    """TF-IDF vectors of the documents, normalised, with an inverted index for fast queries."""

    idf: dict[str, float]
    vocabulary: list[str]  # every feature, sorted: a feature's number is its place here
    df: np.ndarray  # how many documents have each feature, by number
    feature_of: np.ndarray  # each document's feature numbers, document after document, in term_frequencies() order
    frequencies: np.ndarray  # their term frequencies, in that order
    weights: np.ndarray  # their normalised weights, in that order
    offsets: np.ndarray  # document d's: [offsets[d]:offsets[d + 1]]
    position: dict[str, int]  # feature → its number; its postings: documents[start[p]:start[p + 1]]
    start: np.ndarray
    documents: np.ndarray
    values: np.ndarray

    @classmethod
    def build(cls, features: list[dict[str, float]]) -> Index:
        """`features`: each document's term_frequencies(). numpy does the arithmetic, each operation
        the same double operation similar.js does (0.55 s → 0.1 s at 5,000 projects). Every feature of
        every document is looked at once, in C: numbered where it first occurs (one dict), then
        renumbered in vocabulary order; the document frequencies are a count of those numbers."""
        lengths = np.fromiter(map(len, features), dtype=np.intp, count=len(features))
        offsets = np.concatenate(([0], np.cumsum(lengths)))
        total = int(offsets[-1])
        first: dict[str, int] = {}
        first_at = np.fromiter(map(first.setdefault, chain.from_iterable(features), count()), dtype=np.intp, count=total)
        vocabulary = sorted(first)
        number_at = np.zeros(total, dtype=np.intp)
        number_at[np.fromiter(map(first.__getitem__, vocabulary), dtype=np.intp, count=len(vocabulary))] = np.arange(len(vocabulary))
        feature_of = number_at[first_at]
        df = np.bincount(feature_of, minlength=len(vocabulary))
        idf_of_count = {having: inverse_frequency(len(features), having) for having in set(df.tolist())}
        idf_list = [idf_of_count[having] for having in df.tolist()]
        frequencies = np.fromiter(chain.from_iterable(map(dict.values, features)), dtype=np.float64, count=total)
        products = frequencies * np.array(idf_list, dtype=np.float64)[feature_of]
        document_of = np.repeat(np.arange(len(features), dtype=np.intp), lengths)
        norms = np.sqrt(sums_left_to_right(products * products, offsets))
        weights = products / np.where(norms == 0.0, 1.0, norms)[document_of]
        # postings by feature, documents in order: one stable sort of every (feature, document) pair
        order = np.argsort(feature_of, kind="stable")
        start = np.searchsorted(feature_of[order], np.arange(len(vocabulary) + 1))
        position = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
        idf = dict(zip(vocabulary, idf_list, strict=True))
        return cls(idf, vocabulary, df, feature_of, frequencies, weights, offsets, position, start, document_of[order], weights[order])

    @property
    def size(self) -> int:
        """How many documents."""
        return len(self.offsets) - 1

    @property
    def vectors(self) -> _Vectors:
        """Document number → its {feature: weight} (made when asked: a query needs only a few)."""
        return _Vectors(self)

    def query_vector(self, counts: Counter) -> dict[str, float]:
        # A word no past project uses cannot match anything, but it still makes the proposal less
        # like any of them: it keeps the largest weight.
        return weigh(sublinear(counts), self.idf, default=self.unknown_idf)

    @property
    def unknown_idf(self) -> float:
        return unknown_idf(self.size)

    def scores(self, query: dict[str, float]) -> np.ndarray:
        """Each document's dot product with the query (0 where they share nothing).

        bincount adds each document's terms in the query's order, as similar.js does, so the sums
        are the same bit for bit; numpy does the adding (0.19 s → a few ms per query at 5,000 projects).
        """
        found = [(self.position[key], weight) for key, weight in query.items() if key in self.position]
        if not found:
            return np.zeros(self.size)
        spans = [slice(self.start[p], self.start[p + 1]) for p, _ in found]
        numbers = np.concatenate([self.documents[span] for span in spans])
        products = np.concatenate([self.values[span] * weight for span, (_, weight) in zip(spans, found, strict=True)])
        return np.bincount(numbers, weights=products, minlength=self.size)


def pair_keys(tokens: list[Token]) -> list[str]:
    """The feature of each two adjacent tokens (the word pairs the index keeps)."""
    return [a.key + PAIR + b.key for a, b in zip(tokens, tokens[1:], strict=False)]


class _Vectors:
    def __init__(self, index: Index) -> None:
        self.index = index

    def __getitem__(self, number: int) -> dict[str, float]:
        index = self.index
        span = slice(index.offsets[number], index.offsets[number + 1])
        return dict(zip(map(index.vocabulary.__getitem__, index.feature_of[span].tolist()), index.weights[span].tolist(), strict=True))

    def __len__(self) -> int:
        return self.index.size

    def __iter__(self):
        return (self[number] for number in range(len(self)))


def sums_left_to_right(values: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Each document's values (values[offsets[d]:offsets[d + 1]]) added one after another from 0.0, as
    similar.js adds them: numpy's own sums add in pairs, which rounds differently."""
    lengths = np.diff(offsets)
    totals = np.zeros(len(lengths))
    for k in range(int(lengths.max(initial=0))):
        rows = np.flatnonzero(lengths > k)
        totals[rows] += values[offsets[rows] + k]
    return totals


def inverse_frequency(documents: int, having: int) -> float:
    """The IDF of a feature `having` of the `documents` have. 6 decimals: short in the check page's
    data, and the page ranks with these very numbers."""
    return round(math.log((documents + 1) / (having + 1)) + 1.0, 6)


def unknown_idf(documents: int) -> float:
    """The IDF of a feature no document has."""
    return round(math.log(documents + 1) + 1.0, 6)


def weigh(tf: dict[str, float], idf: dict[str, float], default: float) -> dict[str, float]:
    vector = {key: value * idf.get(key, default) for key, value in tf.items()}
    vector = {key: value for key, value in vector.items() if value > 0}
    norm = 0.0
    for value in vector.values():  # left to right like similar.js (sum() compensates from Python 3.12)
        norm += value * value
    norm = math.sqrt(norm) or 1.0
    return {key: value / norm for key, value in vector.items()}


def shared_phrases(
    tokens: list[Token], query: dict[str, float], doc: dict[str, float], analyzer: Analyzer, limit: int = 8, pairs: list[str] | None = None
) -> list[str]:
    """What the two texts share, most telling first, as the proposal writes it.

    Runs of words whose adjacent pairs both texts have become one phrase (ภาษีที่ดินและสิ่งปลูกสร้าง,
    not ภาษี + ที่ดิน + ...); stop words at either end of a phrase are dropped. A word is shown alone
    only if it says something alone (Analyzer.says_something_alone: no บาง of บางพรม, no เจ้า).
    `pairs`: pair_keys(tokens), when a caller compares the same tokens with several projects.
    """
    gain = {key: query[key] * value for key, value in doc.items() if key in query}
    pairs = pair_keys(tokens) if pairs is None else pairs
    phrases: dict[str, float] = {}
    used: set[str] = set()
    i = 0
    while i < len(tokens):
        j = i
        while j < len(pairs) and pairs[j] in gain:
            j += 1
        if j > i:
            run = tokens[i : j + 1]
            total = sum(gain.get(key, 0.0) for key in pairs[i:j]) + sum(gain.get(t.key, 0.0) for t in run)
            while len(run) > 1 and not analyzer.is_content(run[0].key):
                run = run[1:]
            while len(run) > 1 and not analyzer.is_content(run[-1].key):
                run = run[:-1]
            used.update(t.key for t in run)
            text = run[0].surface
            for token in run[1:]:
                text = join_surface(text, token.surface)
            if len(run) > 1 or analyzer.says_something_alone(run[0].key):
                phrases[text] = max(phrases.get(text, 0.0), total)
        i = j + 1
    for token in tokens:
        if token.key in gain and token.key not in used and analyzer.says_something_alone(token.key):
            phrases[token.surface] = max(phrases.get(token.surface, 0.0), gain[token.key])
    ranked = sorted(phrases, key=lambda text: (-phrases[text], text))
    shown: list[str] = []
    for text in ranked:
        if not any(text in other for other in shown):
            shown.append(text)
        if len(shown) >= limit:
            break
    return shown
