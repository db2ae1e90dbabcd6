"""Thai dates as government documents write them, and word segmentation of text without spaces."""

from __future__ import annotations

import datetime as dt

from bestservice.thai import dates, words


def test_formats_dates_in_the_buddhist_era():
    assert dates.format_date(dt.date(2024, 10, 1)) == "1 ตุลาคม 2567"
    assert dates.format_date(dt.date(2025, 9, 30), short=True) == "30 ก.ย. 2568"
    assert dates.format_date(dt.date(2020, 2, 29)) == "29 กุมภาพันธ์ 2563"


def test_formats_iso_text_and_datetimes_by_their_date():
    assert dates.format_date("2019-12-04") == "4 ธันวาคม 2562"
    assert dates.format_date("2019-12-04T23:59:00") == "4 ธันวาคม 2562"
    assert dates.format_date("2024-01-15", short=True) == "15 ม.ค. 2567"


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
