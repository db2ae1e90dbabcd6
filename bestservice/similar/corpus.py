"""Has this been done before? Compare a proposal with the projects of earlier fiscal years.

Criterion 12: a Best Service project must not repeat one presented in an earlier fiscal year unless
clearly developed further. Criterion 11: not the same kind of service as the Bangkok Service
Center's. The text method lives in similar/features.py; this module picks the fields, ranks, and decides.

Verdicts:
- "repeat"  — the best match scores at least REPEAT and the proposal does not say it develops an
              earlier project further (continuation cue words, or `continues` + `whats_new`);
- "related" — the best match scores at least RELATED (or a repeat that declares a continuation);
- "new"     — otherwise.
Thresholds were chosen on tests/similar/ (dev split); see tests/similar/README.md.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from bestservice import fiscal, urls
from bestservice.content import Content
from bestservice.content.reference import Reference
from bestservice.similar.features import Analyzer, Index, analyzer, shared_phrases
from bestservice.thai.words import normalize

REPEAT = 0.38
RELATED = 0.14

# How a score reads in plain Thai (the CLI table and the check page).
BANDS = (
    (REPEAT, "repeat", "คล้ายมาก — อาจซ้ำ"),
    (RELATED, "related", "เกี่ยวข้อง"),
    (0.0, "weak", "คล้ายเล็กน้อย"),
)
VERDICT_TH = {"repeat": "อาจซ้ำกับโครงการเดิม (เกณฑ์ข้อ 12)", "related": "มีโครงการที่เกี่ยวข้อง", "new": "ไม่พบโครงการที่คล้ายกัน"}


def band(score: float) -> str:
    return next(label for floor, _, label in BANDS if score >= floor)


# The fields that say what a project does, and how much each counts. The title counts twice.
TEXT_FIELDS = ("title", "title", "summary", "problem", "root_cause", "activities", "objectives", "service_standard", "recipients", "whats_new")
# The fields that name the service itself (criterion 11 compares these, not the problem story).
SERVICE_FIELDS = ("title", "summary", "activities", "service_standard")


@dataclass
class Match:
    id: str
    title: str
    fiscal_year: int
    unit: str
    score: float
    path: str
    shared: list[str]


@dataclass
class ServiceOverlap:
    centre: str
    service: str
    shared: list[str]


@dataclass
class SimilarResult:
    verdict: str  # "repeat" | "related" | "new"
    matches: list[Match] = field(default_factory=list)
    service_center: list[ServiceOverlap] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"verdict": self.verdict, "matches": [asdict(m) for m in self.matches], "service_center": [asdict(s) for s in self.service_center]}


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
    year = data.get("fiscal_year")
    if isinstance(year, int) and not isinstance(year, bool):
        return year
    if isinstance(year, str) and year.strip().isdigit():
        return int(year.strip())
    return fiscal.current_fiscal_year()


class Corpus:
    """Every project indexed once; queries then cost one pass over the postings of their words."""

    def __init__(self, content: Content, reference: Reference, features: list | None = None):
        """`features`: project_features() of the indexed projects in order, when worked out already."""
        self.reference = reference
        self.analyzer: Analyzer = analyzer(reference)
        self.projects = [doc for doc in content.projects if indexed(doc)]
        self.lessons = content.lessons_of_project
        self.features = features if features is not None else [project_features(self.analyzer, doc) for doc in self.projects]
        self.years = [doc.data["fiscal_year"] for doc in self.projects]
        self.year_numbers = np.array(self.years, dtype=np.int64)
        self.ids = [doc.id for doc in self.projects]

    @cached_property
    def index(self) -> Index:
        """Built when a proposal is first checked (the check page's data needs only the IDF)."""
        return Index.build(self.features)

    def check(self, proposal: dict, top: int = 5, exclude: str | None = None) -> SimilarResult:
        year = fiscal_year_of(proposal)
        text = project_text(proposal)
        counts, _ = self.analyzer.features(text)
        tokens = self.analyzer.tokens(text)
        query = self.index.query_vector(counts)
        ids = self.ids
        scores = self.index.scores(query)
        scores[[number for number, id in enumerate(ids) if id == exclude] if exclude else []] = 0.0
        earlier = np.flatnonzero((scores > 0) & (self.year_numbers < year))
        if len(earlier) > top:
            # only scores that can round to the top-th best or higher can be in the top (rounding moves a score by ≤ 0.00005)
            floor = np.partition(scores[earlier], -top)[-top] - 1e-4
            earlier = earlier[scores[earlier] >= floor]
        candidates = list(zip(scores[earlier].tolist(), earlier.tolist(), strict=True))
        # rounded scores, ties by id: the browser sorts the same way
        best = heapq.nsmallest(top, candidates, key=lambda item: (-round(item[0], 4), ids[item[1]]))
        ranked = [(round(score, 4), ids[number], number) for score, number in best]
        matches = []
        for score, _, number in ranked[:top]:
            doc = self.projects[number]
            shared = shared_phrases(tokens, query, self.index.vectors[number], self.analyzer)
            matches.append(
                Match(doc.id, str(doc.data.get("title", "")), doc.data["fiscal_year"], str(doc.data.get("unit", "")), score, urls.project(doc.id), shared)
            )
        cues = self.analyzer.has_cue(project_text(proposal, ("title", "summary", "activities", "whats_new", "problem")))
        declared = bool(proposal.get("continues")) and bool(proposal.get("whats_new"))
        return SimilarResult(verdict(matches, cues, declared), matches, service_overlaps(proposal, self.reference), cues)


def indexed(doc) -> bool:
    """A past project the check compares with: one whose fiscal year is known."""
    return isinstance(doc.data.get("fiscal_year"), int)


def project_features(fold: Analyzer, doc) -> tuple[Counter, dict[str, str]]:
    return fold.features(project_text(doc.data, body=body_text(doc)))


def encode_features(value: tuple[Counter, dict[str, str]]) -> list:
    """A project's features as JSON (validate keeps them between runs)."""
    counts, surfaces = value
    return [dict(counts), surfaces]


def decode_features(value: list) -> tuple[Counter, dict[str, str]]:
    counts, surfaces = value
    return Counter({str(key): float(count) for key, count in counts.items()}), {str(key): str(text) for key, text in surfaces.items()}


def body_text(doc) -> str:
    return doc.body if getattr(doc, "body", "") and not doc.data.get("activities") else ""


def verdict(matches: list[Match], cues: list[str], declared: bool) -> str:
    best = matches[0].score if matches else 0.0
    if best >= REPEAT and not cues and not declared:
        return "repeat"
    if best >= RELATED:
        return "related"
    return "new"


def service_overlaps(proposal: dict, reference: Reference) -> list[ServiceOverlap]:
    """Bangkok Service Center services whose keywords appear in what the proposal says it does."""
    fold = analyzer(reference)
    folded = _service_keys(reference)
    text = normalize(project_text(proposal, SERVICE_FIELDS))
    keys = Counter(t.key for t in fold.tokens(text))
    overlaps = []
    for centre in reference.service_center.get("centres", []):
        for service in centre.get("services", []):
            shared = [str(k) for k in service.get("keywords", []) if folded[str(k)][0] in text or folded[str(k)][1] in keys]
            if shared:
                overlaps.append(ServiceOverlap(centre["name_th"], service["name_th"], shared))
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
