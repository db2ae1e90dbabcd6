"""Thai words: normalisation and word segmentation.

Segmentation uses ICU's dictionary word breaker (PyICU). Browsers expose the same ICU breaker as
`Intl.Segmenter('th', {granularity: 'word'})`, so text indexed here and a query typed in the
browser are cut the same way. The characters the normalisation removes or changes are defined here
once: the browser's search and check page get them from text_rules() in the data the build writes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

LOCALE = "th"
INVISIBLE = "\u200b\u200c\u200d\ufeff"  # zero-width characters that copy-paste leaves in Thai text
REPETITION_MARK = "ๆ"  # ไม้ยมก repeats the word before it: not a word of its own
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
TO_ARABIC_DIGITS = str.maketrans(THAI_DIGITS, "0123456789")  # ๒๕๖๘ and 2568 are the same year
THAI_CHAR = re.compile(r"[\u0e00-\u0e7f]")
WORD_CHAR = re.compile(r"[\w\u0e00-\u0e7f]", re.UNICODE)


@lru_cache(maxsize=1)
def _breaker() -> icu.BreakIterator:
    return icu.BreakIterator.createWordInstance(icu.Locale(LOCALE))


_REMOVE_INVISIBLE = str.maketrans("", "", INVISIBLE)


def normalize(text: str) -> str:
    """NFC, zero-width characters removed, lower case."""
    return unicodedata.normalize("NFC", text).translate(_REMOVE_INVISIBLE).lower()


def text_rules() -> dict[str, str]:
    """What the browser needs to normalise and cut text as normalize() and segment() do."""
    return {"locale": LOCALE, "invisible": INVISIBLE, "repetition_mark": REPETITION_MARK, "thai_digits": THAI_DIGITS}


SPACES = re.compile(r"\s+")


def segment(text: str) -> list[str]:
    """Split text into words (Thai by dictionary, other scripts at spaces); drop spaces and punctuation.

    ICU always breaks at whitespace, so each space-separated chunk is cut on its own and remembered:
    Thai writing repeats its phrases (unit names, "ผู้สูงอายุ", "ลดระยะเวลา"), and the search index,
    the similar check and the glossary cut the same texts again and again in one build."""
    words: list[str] = []
    for chunk in chunks(text):
        words.extend(segment_chunk(chunk))
    return words


def chunks(text: str) -> list[str]:
    """The normalised text cut at whitespace: the pieces segment() cuts (and caches) one by one."""
    return [chunk for chunk in SPACES.split(normalize(text)) if chunk]


@lru_cache(maxsize=262_144)
def segment_chunk(chunk: str) -> tuple[str, ...]:
    """Words of one normalised chunk without whitespace."""
    breaker = _breaker()
    breaker.setText(chunk)
    words = []
    start = 0
    for end in breaker:
        word = chunk[start:end].replace(REPETITION_MARK, "").strip()
        start = end
        if word and WORD_CHAR.search(word):
            words.append(word)
    return tuple(words)


def has_thai(text: str) -> bool:
    return bool(THAI_CHAR.search(text))
