"""No page for the public shows developer words: field names, rule names, file paths, commands, YAML,
Markdown (the word list: tests/pages/developer_words.py). The page for editors holds them."""

from __future__ import annotations

from developer_words import FOR_EDITORS_AND_DEVELOPERS, developer_words


def test_no_public_page_shows_a_developer_word(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 150
    found = {}
    for path in pages:
        address = path.relative_to(built_site).as_posix()
        if address.startswith(FOR_EDITORS_AND_DEVELOPERS):
            continue
        words = developer_words(path.read_text(encoding="utf-8"))
        if words:
            found[address] = words
    assert found == {}


def test_the_editors_page_holds_the_names_of_the_files(built_site):
    page = (built_site / "editors" / "index.html").read_text(encoding="utf-8")
    assert {"policy_dimensions", "root_cause", "reuses_lessons", "lesson_projects_ran", "bestservice", "YAML"} <= set(developer_words(page))
    assert "ด้านของนโยบายผู้ว่าฯ (เกณฑ์ข้อ 2)" in page and "บทเรียนถอดได้จากโครงการที่ดำเนินการแล้วเท่านั้น" in page


def test_the_scan_finds_each_kind_of_developer_word():
    samples = {
        "<p>กรอก root_cause ให้ครบ</p>": ["root_cause"],
        "<p>ช่อง <code>continues</code></p>": ["continues"],
        "<p>Primary recipients</p>": [],  # an English gloss of a Thai term is not a field name shown as code
        "<p>ดู reference/units.yaml</p>": ["reference/units.yaml"],
        "<p>วางไว้ที่ projects/&lt;ปี&gt;/ ชื่อ x.md</p>": ["projects/<ปี>/", "x.md"],
        "<p>รัน bestservice similar</p>": ["bestservice"],
        "<p>เขียนเป็น Markdown หรือ YAML</p>": ["Markdown", "YAML"],
        "<p>กฎ unit_exists</p>": ["unit_exists"],
        "<script>var root_cause = 1</script>": [],
    }
    for html, words in samples.items():
        assert developer_words(html) == sorted(words), html


def test_the_home_page_leads_to_the_awards_the_years_the_groups_and_the_lesson_form_and_every_footer_is_thai(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for target in ("awards/", "years/", "groups/", "lessons/", "propose/lesson/"):
        assert f'href="{target}"' in home, target
        assert (built_site / target / "index.html").is_file(), target
    for page in (home, (built_site / "lessons" / "index.html").read_text(encoding="utf-8")):
        assert "Made with" not in page and "Material for MkDocs" not in page
        assert "สำหรับผู้ดูแลข้อมูลและนักพัฒนา" in page
