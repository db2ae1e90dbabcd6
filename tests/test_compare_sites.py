"""scripts/compare_sites.py: tells a redesign that changed nothing from one that changed a page."""

from __future__ import annotations

import json

import compare_sites

PAGE = "<html><head><title>โครงการ | คลังความรู้</title><script>var built = 1;</script></head><body><a href='../x/'>ต่อ</a><p>ลดเวลารอ</p></body></html>"


def site(folder, page=PAGE, data=None):
    (folder / "projects" / "a").mkdir(parents=True)
    (folder / "projects" / "a" / "index.html").write_text(page)
    (folder / "data").mkdir()
    (folder / "data" / "projects.json").write_text(json.dumps(data or {"generated": "2026-12-06T10:00:00", "items": [1]}))
    return folder


def test_markup_whitespace_and_build_time_do_not_count(tmp_path, capsys):
    before = site(tmp_path / "before")
    after = site(
        tmp_path / "after",
        PAGE.replace("<p>", "<p class='x'>\n   ").replace("var built = 1", "var built = 2"),
        {"items": [1], "generated": "2026-12-07T11:00:00"},
    )
    assert compare_sites.main([str(before), str(after)]) == 0
    assert "2 files: the same" in capsys.readouterr().out


def test_a_changed_title_text_or_link_is_named(tmp_path):
    before = site(tmp_path / "before")
    for changed, part in [
        (PAGE.replace("โครงการ |", "โครงการใหม่ |"), "title"),
        (PAGE.replace("ลดเวลา", "เพิ่มเวลา"), "text"),
        (PAGE.replace("../x/", "../y/"), "links"),
    ]:
        after = site(tmp_path / part, changed)
        assert compare_sites.differences(before, after) == [f"differs: projects/a/index.html ({part})"]


def test_missing_extra_and_changed_data_files_fail(tmp_path, capsys):
    before = site(tmp_path / "before")
    after = site(tmp_path / "after", data={"generated": "x", "items": [1, 2]})
    (after / "feed.xml").write_text("<rss/>")
    (before / "404.html").write_text(PAGE)
    assert compare_sites.main([str(before), str(after)]) == 1
    out = capsys.readouterr().out
    assert f"only in {before}: 404.html" in out and f"only in {after}: feed.xml" in out and "differs: data/projects.json" in out
