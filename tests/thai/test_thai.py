"""Thai dates as government documents write them, and word segmentation of text without spaces."""

from __future__ import annotations

import datetime as dt

import pytest

from bestservice.thai import dates, words


def test_formats_dates_in_the_buddhist_era():
    assert dates.format_date(dt.date(2024, 10, 1)) == "1 ตุลาคม 2567"
    assert dates.format_date(dt.date(2025, 9, 30), short=True) == "30 ก.ย. 2568"
    assert dates.format_date(dt.date(2020, 2, 29)) == "29 กุมภาพันธ์ 2563"


def test_formats_iso_text_and_datetimes_by_their_date():
    assert dates.format_date("2019-12-04") == "4 ธันวาคม 2562"
    assert dates.format_date("2019-12-04T23:59:00") == "4 ธันวาคม 2562"
    assert dates.format_date("2024-01-15", short=True) == "15 ม.ค. 2567"


# Every way the district officer writes 1 November 2569 (2026), and the ISO form the product writes.
THAI_WAYS = {
    "01/11/2569": "2026-11-01",
    "1/11/2569": "2026-11-01",
    "๐๑/๑๑/๒๕๖๙": "2026-11-01",
    "1 พ.ย. 2569": "2026-11-01",
    "1 พ.ย. ๒๕๖๙": "2026-11-01",
    "๑ พฤศจิกายน พ.ศ. ๒๕๖๙": "2026-11-01",
    "1 พย 69": "2026-11-01",
    "2569-11-01": "2026-11-01",
    "2026-11-01": "2026-11-01",
    "1-11-2026": "2026-11-01",
    "1 พฤศจิกายน ค.ศ. 2026": "2026-11-01",
    "29/2/2567": "2024-02-29",  # 2567 is 2024, a leap year, though 2567 itself would not be
}


@pytest.mark.parametrize("text", sorted(THAI_WAYS))
def test_reads_a_date_as_thai_documents_write_it(text):
    assert dates.read_date(text).isoformat() == THAI_WAYS[text]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/11/2569", "ไม่มีวันที่ 31 ในพฤศจิกายน 2569"),
        ("29/2/2569", "ไม่มีวันที่ 29 ในกุมภาพันธ์ 2569"),
        ("1/13/2569", "ไม่มีเดือนที่ 13"),
        ("1 พฤศจิ 2569", "ไม่รู้จักชื่อเดือน 'พฤศจิ'"),
        ("พรุ่งนี้", "เขียนวันที่แบบ วัน เดือน ปี พ.ศ. เช่น 1 ต.ค. 2569"),
    ],
)
def test_a_date_that_cannot_be_read_says_in_thai_how_to_write_it(text, message):
    with pytest.raises(dates.DateError, match=message):
        dates.read_date(text)


def test_a_span_of_dates_is_written_in_thai():
    assert dates.date_span(dt.date(2026, 10, 1), dt.date(2027, 9, 30)) == "1 ต.ค. 2569 ถึง 30 ก.ย. 2570"


def test_segments_thai_text_written_without_spaces():
    cut = words.segment("จองคิวงานทะเบียนล่วงหน้า")
    assert "".join(cut) == "จองคิวงานทะเบียนล่วงหน้า"
    assert "ทะเบียน" in cut and len(cut) >= 3


def test_segmentation_drops_spaces_punctuation_and_repetition_marks():
    assert words.segment("ขยะ, คลอง!") == ["ขยะ", "คลอง"]
    assert "ๆ" not in "".join(words.segment("ต่าง ๆ"))


def test_normalize_removes_invisible_characters_and_lowercases():
    assert words.normalize("BMA\u200bQ") == "bmaq"
    assert words.normalize("e\u0301") == "\u00e9"


def test_has_thai():
    assert words.has_thai("BMA Q จองคิว")
    assert not words.has_thai("Traffy Fondue")
