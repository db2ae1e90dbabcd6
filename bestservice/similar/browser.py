"""The data the check page (docs/check/, similar.js) needs to rank past projects in the browser.

Everything the browser must do the same way as the core comes from here: the variant map, the
stop and group words, the thresholds, the Bangkok Service Center keywords, and what the core's
TF-IDF weights are made of. The page gets the ingredients of the weights, not the weights (those
were 9.6 MB of JSON at 5,000 projects), and multiplies them out as similar.features.Index.build does, in
the same order and with the same double arithmetic: the same numbers bit for bit, 4-5x smaller.

- `vocab`: every feature, sorted, front-coded: each entry is a varint (how many leading UTF-16
  units it shares with the entry before) followed by the rest of it;
- `idf`: IDF by document frequency (the page counts each feature's projects itself);
- `tf`: the distinct sublinear term frequencies, most common first;
- `projects.features`: per project, its feature numbers in vocabulary order as varints: the gap
  from the previous number times 2, plus 1 when the next varint is a `tf` position (else `tf[0]`).
- unit names and URLs, once each: a table of units and URL templates;
- `meaning`: each project's meaning vector as Python keeps it (512 int8 codes, base64, and a scale),
  the weight of meaning in the score and the model file meaning.js encodes the proposal with (the very
  model similar.vectors uses): the page computes the scores the core computes.

A varint is base-32 digits from DIGITS, most significant first; a digit from the upper half of
DIGITS means more digits follow. Varint strings rather than JSON arrays of numbers: at 5,000
projects a third smaller raw, a little smaller gzipped, and quicker for the browser to read.
"""

from __future__ import annotations

import os
import string

import numpy as np

from bestservice import urls
from bestservice.render import script_data
from bestservice.similar.corpus import SERVICE_FIELDS, TEXT_FIELDS, Corpus, _folded
from bestservice.similar.features import Index
from bestservice.similar.vectors import MEANING_FIELDS, to_json
from bestservice.similar.verdict import BANDS, RELATED, REPEAT, VERDICT_TH, WEIGHT_MEANING
from bestservice.thai.words import text_rules

FILE_NAME = "similar-index.js"
MODEL_FILE = "meaning-model.bin"  # the meaning encoder's model (similar.meaning_model), beside the check page
DIGITS = string.digits + string.ascii_letters + "-_"
MORE = len(DIGITS) // 2


def varints(numbers) -> str:
    out = []
    for number in numbers:
        digits = [DIGITS[number % MORE]]
        number //= MORE
        while number:
            digits.append(DIGITS[MORE + number % MORE])
            number //= MORE
        out.extend(reversed(digits))
    return "".join(out)


def front_coded(words: list[str]) -> list[str]:
    out, before = [], ""
    for word in words:
        shared = len(os.path.commonprefix((before, word)))
        out.append(varints([len(word[:shared].encode("utf-16-le")) // 2]) + word[shared:])
        before = word
    return out


def feature_codes(index: Index, tf_code: np.ndarray) -> list[str]:
    """Each project's `features` string (see above), worked out for all projects at once by numpy from
    the index's numbers: a varint per number, its digits placed in one array of characters (a Python
    loop over every feature of every project was a fifth of a rebuild's check at 1,000 projects).
    `tf_code`: each feature's position in `tf`. A project's features are in vocabulary order."""
    lengths = np.diff(index.offsets)
    numbers, codes = index.feature_of.astype(np.int64), tf_code
    starts = index.offsets[:-1]
    before = np.concatenate(([-1], numbers[:-1]))
    before[starts[lengths > 0]] = -1  # a project's first gap counts from -1
    gaps = (numbers - before) * 2 + (codes > 0)
    # the numbers in order: each feature's gap, then its tf position when not the first
    slots = np.arange(len(numbers)) + np.cumsum(codes > 0) - (codes > 0)
    out = np.zeros(len(numbers) + int((codes > 0).sum()), dtype=np.int64)
    out[slots] = gaps
    out[(slots + 1)[codes > 0]] = codes[codes > 0]
    coded = np.concatenate(([0], np.cumsum(codes > 0)))
    written = np.concatenate(([0], np.cumsum(lengths + coded[starts + lengths] - coded[starts])))  # numbers before each project's
    text, ends = varints_at_once(out)
    bounds = np.concatenate(([0], ends))[written]
    return [text[bounds[d] : bounds[d + 1]] for d in range(index.size)]


def tf_table(frequencies: np.ndarray) -> tuple[list[float], np.ndarray]:
    """The distinct term frequencies, most common first (ties: the first met first, as Counter.most_common
    orders them), and each frequency's position among them."""
    distinct, first, inverse, counts = np.unique(frequencies, return_index=True, return_inverse=True, return_counts=True)
    order = np.lexsort((first, -counts))
    position = np.empty(len(distinct), dtype=np.int64)
    position[order] = np.arange(len(distinct))
    return distinct[order].tolist(), position[inverse]


def varints_at_once(numbers: np.ndarray) -> tuple[str, np.ndarray]:
    """varints() of every number, as one string, and where each number's digits end in it."""
    sizes = np.ones(len(numbers), dtype=np.int64)
    rest = numbers // MORE
    while rest.any():
        sizes += rest > 0
        rest //= MORE
    ends = np.cumsum(sizes)
    chars = np.zeros(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    alphabet = np.frombuffer(DIGITS.encode("ascii"), dtype=np.uint8)
    value, place = numbers.copy(), 0
    while True:
        has = sizes > place  # numbers with a digit at this place (0: the last digit, from the lower half)
        if not has.any():
            break
        chars[(ends - 1 - place)[has]] = alphabet[value[has] % MORE + (MORE if place else 0)]
        value //= MORE
        place += 1
    return chars.tobytes().decode("ascii"), ends


def browser_index(corpus: Corpus) -> dict:
    reference = corpus.reference
    fold = corpus.analyzer
    index = corpus.index
    tf_values, tf_code = tf_table(index.frequencies)
    unit_ids = sorted({str(doc.data.get("unit") or "") for doc in corpus.projects})
    unit_number = {unit: number for number, unit in enumerate(unit_ids)}
    lessons = {
        doc.id: [[lesson.id, str(lesson.data.get("title") or lesson.id)] for lesson in corpus.lessons[doc.id]]
        for doc in corpus.projects
        if corpus.lessons.get(doc.id)
    }
    services = []
    for centre in reference.service_center.get("centres", []):
        for service in centre.get("services", []):
            keywords = [str(k) for k in service.get("keywords", [])]
            services.append({"centre": centre["name_th"], "service": service["name_th"], "keywords": keywords, "keys": [_folded(fold, k) for k in keywords]})
    return {
        "version": 2,
        "text": text_rules(),  # how to normalise and cut text, as the core does (thai.words)
        "variants": fold.variants,
        "stop": sorted(fold.stop_words),
        "not_alone": sorted(fold.not_alone),
        "group": sorted(fold.group_words),
        "group_weight": fold.group_weight,
        "cues": list(fold.cues),
        "unknown_idf": index.unknown_idf,
        "digits": DIGITS,
        "vocab": front_coded(index.vocabulary),
        "idf": {having: index.idf[key] for key, having in zip(index.vocabulary, index.df.tolist(), strict=True)},
        "tf": tf_values,
        "projects": {
            "id": [doc.id for doc in corpus.projects],
            "title": [str(doc.data.get("title") or doc.id) for doc in corpus.projects],
            "year": corpus.years,
            "unit": [unit_number[str(doc.data.get("unit") or "")] for doc in corpus.projects],
            "big_idea": [doc.data["big_idea"] if isinstance(doc.data.get("big_idea"), str) else "" for doc in corpus.projects],
            "continues": [corpus.continued[doc.id] for doc in corpus.projects],
            "features": feature_codes(index, tf_code),
        },
        "units": [[unit, reference.unit_name(unit)] for unit in unit_ids],
        "lessons": lessons,
        "urls": {"project": urls.project("{id}"), "lesson": urls.lesson("{id}")},
        "thresholds": {"repeat": REPEAT, "related": RELATED},
        "meaning": {
            "model": MODEL_FILE,  # beside this file (check/)
            "weight": WEIGHT_MEANING,
            "fields": list(MEANING_FIELDS),
            "vectors": [to_json((codes, scale))[0] for codes, scale in zip(corpus.vectors.codes, corpus.vectors.scales, strict=True)],
            "scales": corpus.vectors.scales.tolist(),
        },
        "text_fields": list(TEXT_FIELDS),
        "service_fields": list(SERVICE_FIELDS),
        "bands": [{"floor": floor, "kind": kind, "label": label} for floor, kind, label in BANDS],
        "verdicts": VERDICT_TH,
        "service_center": services,
        "service_center_note": " ".join(str(reference.service_center.get("confidence_note_th", "")).split()),
    }


def browser_script(corpus: Corpus) -> str:
    """The check page's data as a script (`window.BS_SIMILAR_INDEX`)."""
    return script_data("BS_SIMILAR_INDEX", browser_index(corpus))
