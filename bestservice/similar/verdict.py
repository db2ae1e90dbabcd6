"""How alike two projects are, in one number, and what it means for criterion 12.

The score joins two measures, each from 0 to 1:
- meaning: the cosine of the two texts' meaning vectors (similar.meaning): high for the same service
  told in other words, other units' terms, Thai or English, short or long;
- words: the TF-IDF cosine of their words and word pairs (similar.features): the phrases a person can
  check, and the variant spellings and abbreviations reference/synonyms.yaml folds together.

The weight and the bands were chosen on the dev splits of three labelled sets (tests/similar/hard/ and
tests/similar/real/, both written blind to the method; tests/similar/) and are reported on their test
splits (scripts/evaluate_similar.py, tests/similar/README.md). Weights from 0.3 to 0.6 give dev F1 within
0.01 of each other: the middle of that plateau is shipped. Meaning alone is weaker on the real records
(long texts from public sources) than words and meaning together.

Verdicts:
- "repeat"  — the best match reaches REPEAT and the proposal does not say it develops an earlier
              project further;
- "related" — the best match reaches RELATED, or a repeat that declares what it continues
              (`continues` + `whats_new`): a declared continuation is never a repeat. One that only
              uses continuation words (ระยะที่ 2, ต่อยอด...) without declaring it is related too, and
              the result names the project it seems to continue, so the owner can declare it;
- "new"     — otherwise.
"""

from __future__ import annotations

WEIGHT_MEANING = 0.5
REPEAT = 0.39
RELATED = 0.345

# How a score reads in plain Thai (the CLI table, the board, the workbook and the check page).
BANDS = (
    (REPEAT, "repeat", "คล้ายมาก — อาจซ้ำ"),
    (RELATED, "related", "เกี่ยวข้อง"),
    (-1.0, "weak", "คล้ายเล็กน้อย"),  # a score may fall below 0 where meanings are opposed
)
VERDICT_TH = {"repeat": "อาจซ้ำกับโครงการเดิม (เกณฑ์ข้อ 12)", "related": "มีโครงการที่เกี่ยวข้อง", "new": "ไม่พบโครงการที่คล้ายกัน"}


def combined(meaning: float, words: float) -> float:
    """The score that ranks and decides, rounded as the browser rounds it (ties then go by id)."""
    return round(WEIGHT_MEANING * meaning + (1.0 - WEIGHT_MEANING) * words, 4)


def band_kind(score: float) -> str:
    return next(kind for floor, kind, _ in BANDS if score >= floor)


def band(score: float) -> str:
    """The band's Thai label."""
    return next(label for floor, _, label in BANDS if score >= floor)


def verdict(best: float, cues: list[str], declared: bool) -> str:
    if best >= REPEAT and not cues and not declared:
        return "repeat"
    return "related" if best >= RELATED else "new"
