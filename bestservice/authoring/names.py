"""Records picked by what people call them: a project or a lesson by its Thai title (or part of it),
a criterion as Thai documents number it (`ข้อ ๓`, `เกณฑ์ข้อ 3`) or by its title. Ids are accepted too,
and every miss comes with the closest names. Ids the product makes are readable, stable and unique.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from bestservice.authoring.answers import AnswerError
from bestservice.content.reference import Reference
from bestservice.content.rules import ID_PATTERN
from bestservice.thai.words import TO_ARABIC_DIGITS

ITEM_SPLIT = re.compile(r"\s*[|\n,;]\s*")
CRITERION = re.compile(r"^(?:เกณฑ์)?\s*(?:ข้อ(?:ที่)?)?\s*(\d{1,2})$")
MAX_ID = 80


def items_of(text) -> list[str]:
    items = text if isinstance(text, list) else ITEM_SPLIT.split(str(text))
    return [plain(item) for item in items if plain(item)]


def plain(text) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def pick_record(text: str, records: list[dict], what: str) -> str:
    """The id of the record (`id`, `title`, `year`) a person means: its id, its title, or a part of its
    title no other record has; otherwise an AnswerError naming the closest titles."""
    wanted = plain(text)
    folded = wanted.casefold()
    for record in records:
        if wanted == record["id"] or folded == plain(record["title"]).casefold():
            return record["id"]
    partial = [r for r in records if folded and folded in plain(r["title"]).casefold()]
    if len(partial) == 1:
        return partial[0]["id"]
    if partial:
        raise AnswerError(f"มี{what} {len(partial)} เรื่องที่ชื่อมีคำว่า {wanted!r} — พิมพ์ชื่อให้ยาวขึ้น: {choices(partial[:5])}")
    titles = {plain(r["title"]): r for r in records} | {r["id"]: r for r in records}
    close = [titles[t] for t in difflib.get_close_matches(wanted, list(titles), n=3, cutoff=0.5)]
    hint = f" — คุณหมายถึง: {choices(close)} ?" if close else f" — พิมพ์ชื่อ{what} (หรือส่วนหนึ่งของชื่อ) ตามที่แสดงในเว็บไซต์"
    raise AnswerError(f"ไม่พบ{what} {wanted!r}{hint}")


def choices(records: list[dict]) -> str:
    return "; ".join(f"«{r['title']}»" + (f" (ปีงบประมาณ {r['year']})" if r.get("year") else "") for r in dict((r["id"], r) for r in records).values())


def resolve_criteria(text, reference: Reference) -> list[int]:
    """Criterion numbers from `ข้อ 1, ข้อ ๓`, `เกณฑ์ข้อ 12`, `1 7` or a criterion's Thai title (or part of it)."""
    numbers: list[int] = []
    for item in items_of(text):
        for piece in _criterion_pieces(item):
            number = _criterion_number(piece, reference)
            if number not in numbers:
                numbers.append(number)
    return numbers


def _criterion_pieces(item: str) -> list[str]:
    """`1 7` is two criteria, `ข้อ 1` is one."""
    words = item.translate(TO_ARABIC_DIGITS).split()
    return words if len(words) > 1 and all(w.isdigit() for w in words) else [item]


def _criterion_number(item: str, reference: Reference) -> int:
    found = CRITERION.match(item.translate(TO_ARABIC_DIGITS).replace(" ", ""))
    if found and int(found[1]) in reference.criterion_by_number:
        return int(found[1])
    records = [{"id": str(c["number"]), "title": c["title_th"], "year": None} for c in reference.criteria]
    if not found:
        try:
            return int(pick_record(item, records, "เกณฑ์"))
        except AnswerError:
            pass
    listed = ", ".join(f"ข้อ {c['number']} {c['title_th']}" for c in reference.criteria[:3])
    raise AnswerError(f"ไม่รู้จักเกณฑ์ {item!r} — เขียนเป็นข้อ 1 ถึงข้อ 12 เช่น ข้อ 1, ข้อ 12 หรือชื่อเกณฑ์ เช่น {listed} ...")


def unique_id(base: str, taken) -> str:
    """`base`, or `base-2`, `base-3`... the first no other record has; never longer than an id may be."""
    base = base[:MAX_ID].strip("-") or "record"
    candidate, number = base, 1
    while candidate in taken or not ID_PATTERN.match(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_ID - len(suffix)].strip("-") + suffix
    return candidate
