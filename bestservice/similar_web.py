"""The data the check page (docs/check/, similar.js) needs to rank past projects in the browser.

Everything the browser must do the same way as the core comes from here: the variant map, the
stop and group words, the IDF of every feature and each project's normalised TF-IDF weights
(the very numbers the core ranks with), the thresholds and the Bangkok Service Center keywords.
"""

from __future__ import annotations

import json

from bestservice import urls
from bestservice.content import Content
from bestservice.reference import Reference
from bestservice.similar import BANDS, RELATED, REPEAT, VERDICT_TH, Corpus, _folded

FILE_NAME = "similar-index.js"


def browser_index(content: Content, reference: Reference) -> dict:
    corpus = Corpus(content, reference)
    fold = corpus.analyzer
    index = corpus.index
    vocab = sorted(index.idf)
    position = {key: number for number, key in enumerate(vocab)}
    projects = []
    for number, doc in enumerate(corpus.projects):
        vector = sorted(index.vectors[number].items(), key=lambda item: position[item[0]])
        lessons = [
            {"id": lesson.id, "title": str(lesson.data.get("title") or lesson.id), "url": urls.lesson(lesson.id)} for lesson in corpus.lessons.get(doc.id, [])
        ]
        projects.append(
            {
                "id": doc.id,
                "title": str(doc.data.get("title") or doc.id),
                "year": doc.data["fiscal_year"],
                "unit": str(doc.data.get("unit") or ""),
                "unit_name": reference.unit_name(str(doc.data.get("unit") or "")),
                "url": urls.project(doc.id),
                "lessons": lessons,
                "f": [position[key] for key, _ in vector],
                "w": [value for _, value in vector],
            }
        )
    services = []
    for centre in reference.service_center.get("centres", []):
        for service in centre.get("services", []):
            keywords = [str(k) for k in service.get("keywords", [])]
            services.append({"centre": centre["name_th"], "service": service["name_th"], "keywords": keywords, "keys": [_folded(fold, k) for k in keywords]})
    return {
        "version": 1,
        "variants": fold.variants,
        "stop": sorted(fold.stop_words),
        "group": sorted(fold.group_words),
        "group_weight": fold.group_weight,
        "cues": list(fold.cues),
        "unknown_idf": index.unknown_idf,
        "vocab": vocab,
        "idf": [index.idf[key] for key in vocab],
        "projects": projects,
        "thresholds": {"repeat": REPEAT, "related": RELATED},
        "bands": [{"floor": floor, "kind": kind, "label": label} for floor, kind, label in BANDS],
        "verdicts": VERDICT_TH,
        "service_center": services,
        "service_center_note": " ".join(str(reference.service_center.get("confidence_note_th", "")).split()),
    }


def browser_script(content: Content, reference: Reference) -> str:
    """A script that sets window.BS_SIMILAR_INDEX: loads from file:// too, where fetch() cannot."""
    data = json.dumps(browser_index(content, reference), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.BS_SIMILAR_INDEX={data};\n"
