"""Thai dates: day, Thai month name and Buddhist-Era year, as government documents write them."""

from __future__ import annotations

import datetime as dt

from bestservice.fiscal import to_be

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


def format_date(day: dt.date | str, short: bool = False) -> str:
    """`1 ตุลาคม 2567` (or `1 ต.ค. 2567`): the way Thai government documents write dates."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    months = MONTHS_SHORT if short else MONTHS
    return f"{day.day} {months[day.month - 1]} {to_be(day.year)}"
