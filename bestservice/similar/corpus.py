"""Has this been done before? Compare a proposal with the projects of earlier fiscal years.

Criterion 12: a Best Service project must not repeat one presented in an earlier fiscal year unless
clearly developed further. Criterion 11: not the same kind of service as the Bangkok Service
Center's. The score joins meaning (similar.meaning, similar.vectors) and words (similar.features);
similar.verdict says how it reads; this module picks the fields, ranks and explains.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from bestservice import fiscal, urls
from bestservice.content import Content
from bestservice.content.cache import FileMemo, Memo
from bestservice.content.document import fiscal_year_value
from bestservice.content.reference import Reference
from bestservice.similar.features import Analyzer, Index, analyzer, pair_keys, shared_phrases, term_frequencies
from bestservice.similar.vectors import Vectors, encoder, meaning_text, project_vectors
from bestservice.similar.verdict import REPEAT, WEIGHT_MEANING, combined, verdict
from bestservice.thai.words import normalize

# The fields that say what a project does, and how much each counts. The title counts twice.
TEXT_FIELDS = ("title", "title", "summary", "problem", "root_cause", "activities", "objectives", "service_standard", "recipients", "whats_new")
# The fields that name the service itself (criterion 11 compares these, not the problem story).
SERVICE_FIELDS = ("title", "summary", "activities", "service_standard")
# Everything a check reads of a proposal (an answer is kept for the same values of these).
QUERY_FIELDS = tuple(dict.fromkeys((*TEXT_FIELDS, *SERVICE_FIELDS, "fiscal_year", "continues", "extends", "big_idea")))


@dataclass
class Match:
    id: str
    title: str
    fiscal_year: int
    unit: str
    score: float  # similar.verdict.combined(meaning, words)
    path: str
    shared: list[str]  # the phrases both write, as the proposal writes them
    meaning: float = 0.0  # how alike the meanings are (0–1)
    words: float = 0.0  # how alike the words are (0–1)


@dataclass
class ServiceOverlap:
    centre: str
    service: str
    shared: list[str]
    field: str = ""  # where the proposal says the first of them (one of SERVICE_FIELDS)


@dataclass
class SimilarResult:
    verdict: str  # "repeat" | "related" | "new"
    matches: list[Match] = field(default_factory=list)
    service_center: list[ServiceOverlap] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    # the earlier project a proposal seems to continue without declaring it (`continues` + `whats_new`)
    undeclared_continuation: str | None = None

    def as_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "matches": [asdict(m) for m in self.matches],
            "service_center": [asdict(s) for s in self.service_center],
            "undeclared_continuation": self.undeclared_continuation,
        }


def flatten(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in flatten(item)]
    if isinstance(value, list):
        return [text for item in value for text in flatten(item)]
    return []


def project_text(data: dict, fields=TEXT_FIELDS, body: str = "") -> str:
    parts = [text for name in fields for text in flatten(data.get(name))]
    if body:
        parts.append(body)
    return "\n".join(parts)


def fiscal_year_of(data: dict) -> int:
    """The year a proposal is proposed for (compared with projects of the years before it); when it
    names none that can be read, the current fiscal year."""
    year = fiscal_year_value(data.get("fiscal_year"))
    return year if year is not None else fiscal.current_fiscal_year()


@dataclass(frozen=True)
class Query:
    """What a check reads of a proposal, whatever it is compared with: under `mkdocs serve` a rebuild
    compares every proposal with the projects again, and reads again only the proposals that changed."""

    year: int
    counts: Counter
    tokens: list
    pairs: list[str]  # similar.features.pair_keys(tokens)
    meaning: np.ndarray
    cues: list[str]
    service_center: list[ServiceOverlap]


class Corpus:
    """Every project indexed once; a query then costs one pass over the postings of its words and one
    product with the projects' meaning vectors."""

    def __init__(self, content: Content, reference: Reference, features: list | None = None, vectors: FileMemo | Vectors | None = None):
        """`features`: project_features() of the indexed projects in order, when worked out already.
        `vectors`: their meaning vectors, or a memo of earlier ones by file (only changed files are encoded)."""
        self.reference = reference
        self.queries: Memo = Memo()  # what was read of each proposal (Query, by its text); `mkdocs serve` gives the last build's
        self.analyzer: Analyzer = analyzer(reference)
        self.projects = [doc for doc in content.projects if indexed(doc)]
        self.lessons = content.lessons_of_project
        self.features = features if features is not None else [project_features(self.analyzer, doc) for doc in self.projects]
        self.vectors = vectors if isinstance(vectors, Vectors) else project_vectors(self.projects, vectors)
        self.years = [doc.fiscal_year for doc in self.projects]
        self.year_numbers = np.array(self.years, dtype=np.int64)
        self.ids = [doc.id for doc in self.projects]
        self.continued = {doc.id: continued_id(doc.data) for doc in self.projects}  # what each says it continues ("" none)
        self._checked: dict[tuple, SimilarResult] = {}
        self._meanings: dict[str, np.ndarray] = {}  # a proposal's cosines with every project, by its text (compare())

    @cached_property
    def index(self) -> Index:
        """Built when first asked for (a proposal checked, the check page's data made)."""
        return Index.build(self.features)

    def check(self, proposal: dict, top: int = 5, exclude: str | None = None) -> SimilarResult:
        """The `top` projects of earlier fiscal years most like the proposal, best first, and the verdict.
        Asked twice for the same proposal (the board, then validate's rule), the first answer is given."""
        said = _said(proposal)
        key = (top, exclude, said)
        if key not in self._checked:
            self._checked[key] = self._check(proposal, self._query(proposal, said), top, exclude, self._meanings.get(said))
        return self._checked[key]

    def compare(self, proposals: list[dict]) -> None:
        """Compare the meaning of many proposals with every project at once, for check() to use: a
        whole check (the build's, the board's) then makes one matrix product, not one per proposal."""
        said = [_said(proposal) for proposal in proposals]
        new = [(text, proposal) for text, proposal in dict(zip(said, proposals, strict=True)).items() if text not in self._meanings]
        if len(new) > 1 and len(self.ids):
            cosines = self.vectors.cosines_of_each(np.stack([self._query(proposal, text).meaning for text, proposal in new]))
            self._meanings.update((text, row) for (text, _), row in zip(new, cosines, strict=True))

    def _query(self, proposal: dict, said: str) -> Query:
        return self.queries.get(said, lambda: self.read(proposal))

    def read(self, proposal: dict) -> Query:
        text = project_text(proposal)
        tokens = self.analyzer.tokens(text)
        return Query(
            fiscal_year_of(proposal),
            self.analyzer.counted(tokens),
            tokens,
            pair_keys(tokens),
            encoder().encode([meaning_text(proposal)])[0],
            self.analyzer.has_cue(project_text(proposal, ("title", "summary", "activities", "whats_new", "problem"))),
            service_overlaps(proposal, self.reference),
        )

    def _check(self, proposal: dict, read: Query, top: int, exclude: str | None, meaning: np.ndarray | None) -> SimilarResult:
        year, tokens = read.year, read.tokens
        query = self.index.query_vector(read.counts)
        ids = self.ids
        words = self.index.scores(query)
        if meaning is None:
            meaning = self.vectors.cosines(read.meaning) if len(ids) else np.zeros(0)
        scores = WEIGHT_MEANING * meaning + (1.0 - WEIGHT_MEANING) * words
        earlier = np.flatnonzero((self.year_numbers < year) & np.array([id != exclude for id in ids], dtype=bool))
        if len(earlier) > top:
            # only scores that can round to the top-th best or higher can be in the top (rounding moves a score by ≤ 0.00005)
            floor = np.partition(scores[earlier], -top)[-top] - 1e-4
            earlier = earlier[scores[earlier] >= floor]
        # rounded scores, ties by id: the browser sorts the same way
        best = heapq.nsmallest(top, earlier.tolist(), key=lambda number: (-combined(meaning[number], words[number]), ids[number]))
        matches = []
        for number in best:
            doc = self.projects[number]
            shared = shared_phrases(tokens, query, self.index.vectors[number], self.analyzer, pairs=read.pairs)
            score = combined(meaning[number], words[number])
            matches.append(
                Match(
                    doc.id,
                    doc.title,
                    doc.fiscal_year,
                    doc.unit,
                    score,
                    urls.project(doc.id),
                    shared,
                    round(float(meaning[number]), 4),
                    round(float(words[number]), 4),
                )
            )
        cues = read.cues
        best_score = matches[0].score if matches else 0.0
        declared = declares_its_link(proposal, self.projects[best[0]] if best else None, self.continued)
        undeclared = matches[0].id if best_score >= REPEAT and cues and not declared else None
        return SimilarResult(verdict(best_score, cues, declared), matches, read.service_center, cues, undeclared)


def _said(proposal: dict) -> str:
    """What a check reads of a proposal, as one text (the key of what is worked out from it)."""
    return repr([proposal.get(name) for name in QUERY_FIELDS])


def declares_its_link(proposal: dict, earlier, continued: dict[str, str]) -> bool:
    """What the guide allows a proposal that is like an earlier project, when it says so: it continues
    that project, or one that continued it, and says what is new (criterion 12); it extends the earlier
    one to another area (best practice 3); or both are districts' shares of one Big Idea (criterion 8).
    A continuation declared of some other project does not make a repeat of this one a continuation."""
    if earlier is None:
        return False
    named = continued_id(proposal)
    if named and isinstance(proposal.get("whats_new"), str) and proposal["whats_new"].strip() and earlier.id in lineage(named, continued):
        return True
    if isinstance(proposal.get("extends"), str) and proposal["extends"] == earlier.id:
        return True
    return isinstance(proposal.get("big_idea"), str) and proposal["big_idea"] != "" and proposal["big_idea"] == earlier.data.get("big_idea")


def continued_id(data: dict) -> str:
    """The id of the project a proposal or a project says it continues ("" when it names none)."""
    return data["continues"].strip() if isinstance(data.get("continues"), str) else ""


def lineage(project_id: str, continued: dict[str, str]) -> list[str]:
    """A project and those it continues, back to the first (a loop of continuations ends where it turns)."""
    found = [project_id]
    while continued.get(found[-1]) and continued[found[-1]] not in found:
        found.append(continued[found[-1]])
    return found


def indexed(doc) -> bool:
    """A past project the check compares with: one whose fiscal year is known."""
    return doc.fiscal_year is not None


def project_features(fold: Analyzer, doc) -> dict[str, float]:
    """A past project's term frequencies (similar.features.term_frequencies)."""
    return term_frequencies(fold.features(project_text(doc.data, body=body_text(doc))))


def encode_features(tf: dict[str, float]) -> dict[str, float]:
    """A project's term frequencies as JSON (validate keeps them between runs): the mapping itself,
    which the cache's JSON reader makes in one go (a pair of lists zipped back was a tenth of a
    one-file check at 5,000 projects)."""
    return tf


def decode_features(value: dict) -> dict[str, float]:
    """What the cache kept, if it is term frequencies (keys are strings in any JSON object)."""
    if not isinstance(value, dict) or not set(map(type, value.values())) <= {float}:
        raise ValueError("not term frequencies")
    return value


def body_text(doc) -> str:
    return doc.body if getattr(doc, "body", "") and not doc.data.get("activities") else ""


def service_overlaps(proposal: dict, reference: Reference) -> list[ServiceOverlap]:
    """Bangkok Service Center services whose keywords appear in what the proposal says it does, each with
    the field the first of them is in (the title before the summary, the activities, the standard)."""
    fold = analyzer(reference)
    folded = _service_keys(reference)
    texts = {name: normalize(project_text(proposal, (name,))) for name in SERVICE_FIELDS}
    keys = {name: {t.key for t in fold.tokens(text)} for name, text in texts.items()}

    def field_of(word: str) -> str | None:
        text, key = folded[word]
        return next((name for name in SERVICE_FIELDS if text in texts[name] or key in keys[name]), None)

    overlaps = []
    for centre in reference.service_center.get("centres", []):
        for service in centre.get("services", []):
            found = [(str(k), where) for k in service.get("keywords", []) if (where := field_of(str(k)))]
            if found:
                overlaps.append(ServiceOverlap(centre["name_th"], service["name_th"], [word for word, _ in found], found[0][1]))
    return overlaps


@lru_cache(maxsize=4)
def _service_keys(reference: Reference) -> dict[str, tuple[str, str]]:
    fold = analyzer(reference)
    return {
        str(k): (normalize(str(k)), _folded(fold, str(k)))
        for centre in reference.service_center.get("centres", [])
        for service in centre.get("services", [])
        for k in service.get("keywords", [])
    }


def _folded(fold: Analyzer, word: str) -> str:
    keys = [t.key for t in fold.tokens(word)]
    return keys[0] if len(keys) == 1 else "\0"


def check_proposal(proposal: dict, content: Content, reference: Reference, top: int = 5) -> SimilarResult:
    """The most similar projects of earlier fiscal years, best first, and a verdict."""
    return Corpus(content, reference).check(proposal, top=top)
