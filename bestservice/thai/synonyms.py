"""Fold variant spellings to one canonical form (reference/synonyms.yaml and tool aliases).

Search and the similar-projects check share this, so `ไลน์`, `LINE` and `line oa` count as the
same word in both.
"""

from __future__ import annotations

from functools import lru_cache

from bestservice.content.reference import Reference
from bestservice.thai.words import normalize


@lru_cache(maxsize=4)
def variant_map(reference: Reference) -> dict[str, str]:
    """Normalised variant → canonical form, longest variants first (for phrase replacement)."""
    pairs: dict[str, str] = {}
    for group in reference._file("synonyms.yaml")["groups"]:
        canonical = normalize(group["canonical"])
        for variant in group["variants"]:
            pairs[normalize(str(variant))] = canonical
    for tool in reference.tools:
        canonical = normalize(tool["name_en"])
        for variant in [tool["name_th"], *tool.get("aliases", [])]:
            pairs.setdefault(normalize(str(variant)), canonical)
    return dict(sorted(pairs.items(), key=lambda item: -len(item[0])))
