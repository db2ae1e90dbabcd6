"""Thai dates: day, Thai month name and Buddhist-Era year, as government documents write them.

People write a date as they find it in their documents: `1 พ.ย. 2569`, `1 พฤศจิกายน พ.ศ. ๒๕๖๙`,
`01/11/2569`, `2569-11-01` or `2026-11-01`. `read_date` reads all of them; a year of 2400 or later is a
Buddhist-Era year (no Common-Era date of this programme comes near it, and no B.E. one falls below it).
What the product writes is one form only: ISO, Common Era (`2026-11-01`). The proposal form reads
dates with the same rules from the data `date_rules()` gives it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from bestservice.fiscal import to_be, to_ce
from bestservice.thai.words import THAI_DIGITS, TO_ARABIC_DIGITS

MONTHS = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
]
MONTHS_SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
FIRST_BE_YEAR = 2400  # a year from here on is Buddhist Era
HOW_TO_WRITE = "เขียนวันที่แบบ วัน เดือน ปี พ.ศ. เช่น 1 ต.ค. 2569 หรือ 1/10/2569 (ปี ค.ศ. ก็ได้ เช่น 2026-10-01)"

ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
WRITTEN = re.compile(r"^(\d{1,2})\s*([^\d\s]+(?:\s*[^\d\s]+)*?)\s*(พ\.ศ\.|ค\.ศ\.)?\s*(\d{2}|\d{4})$")
ERA = {"พ.ศ.": "be", "ค.ศ.": "ce"}


class DateError(ValueError):
    """A date that cannot be read; the message is Thai and says how to write it."""


def format_date(day: dt.date | str, short: bool = False) -> str:
    """`1 ตุลาคม 2567` (or `1 ต.ค. 2567`): the way Thai government documents write dates."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    months = MONTHS_SHORT if short else MONTHS
    return f"{day.day} {months[day.month - 1]} {to_be(day.year)}"


def date_span(first: dt.date, last: dt.date) -> str:
    """`1 ต.ค. 2569 ถึง 30 ก.ย. 2570`."""
    return f"{format_date(first, short=True)} ถึง {format_date(last, short=True)}"


def read_date(text) -> dt.date:
    """A date as a person writes it (Thai or Arabic digits, B.E. or C.E., numbers or a Thai month name)."""
    if isinstance(text, dt.date):
        return _calendar_date(text.year, text.month, text.day, None, str(text))
    raw = " ".join(unicodedata.normalize("NFC", str(text)).translate(TO_ARABIC_DIGITS).split())
    if found := ISO.match(raw):
        return _calendar_date(int(found[1]), int(found[2]), int(found[3]), None, text)
    if found := NUMERIC.match(raw):
        return _calendar_date(_year(found[3]), int(found[2]), int(found[1]), None, text)
    if found := WRITTEN.match(raw):
        month = month_number(found[2])
        if month is None:
            raise DateError(f"ไม่รู้จักชื่อเดือน {found[2]!r} — ใช้ชื่อเดือนภาษาไทย เช่น ตุลาคม หรือ ต.ค.")
        return _calendar_date(_year(found[4]), month, int(found[1]), ERA.get(found[3] or ""), text)
    raise DateError(f"อ่านวันที่ {str(text)!r} ไม่ได้ — {HOW_TO_WRITE}")


def month_number(name: str) -> int | None:
    """1-12 from a Thai month name, full or short, with or without its dots."""
    plain = name.replace(" ", "")
    for number, (full, short) in enumerate(zip(MONTHS, MONTHS_SHORT, strict=True), start=1):
        if plain in (full, short, short.replace(".", "")):
            return number
    return None


def _year(digits: str) -> int:
    """A two-digit year is how Thai documents shorten a B.E. year (69 = 2569)."""
    return 2500 + int(digits) if len(digits) == 2 else int(digits)


def _calendar_date(year: int, month: int, day: int, era: str | None, text) -> dt.date:
    if era == "be" or (era is None and year >= FIRST_BE_YEAR):
        year = to_ce(year)
    if not 1 <= month <= 12:
        raise DateError(f"วันที่ {str(text)!r} ไม่มีเดือนที่ {month} — {HOW_TO_WRITE}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"ไม่มีวันที่ {day} ใน{MONTHS[month - 1]} {to_be(year)} — ตรวจวันที่อีกครั้ง") from None


def date_rules() -> dict:
    """What the browser needs to read dates as read_date does (the proposal form)."""
    return {"thai_digits": THAI_DIGITS, "months": MONTHS, "months_short": MONTHS_SHORT, "first_be_year": FIRST_BE_YEAR, "how_to_write": HOW_TO_WRITE}
