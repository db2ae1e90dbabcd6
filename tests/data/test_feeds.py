"""Atom feeds: valid XML, newest first, contributor text escaped, one feed per unit, linked from <head>."""

from __future__ import annotations

import datetime as dt
import subprocess
import xml.etree.ElementTree as ET

from conftest import FIXTURES, REFERENCE_DIR, ROOT, build_site

from bestservice.content import gitdates, load_content
from bestservice.content.reference import load_reference
from bestservice.data import feeds

FIXTURES = FIXTURES / "authoring"
A = "{http://www.w3.org/2005/Atom}"


def fixture_feeds():
    return feeds.feed_files(load_content(FIXTURES / "projects", FIXTURES / "lessons"), load_reference(REFERENCE_DIR), "คลังความรู้")


class NoGit:
    """A git history that knows no file: dates come from the records only."""

    def first_added(self, paths):
        return {}


def test_main_feed_is_valid_atom_newest_first_and_escaped():
    files = feeds.feed_files(load_content(FIXTURES / "projects", FIXTURES / "lessons"), load_reference(REFERENCE_DIR), "คลังความรู้", history=NoGit())
    text = files["feed.xml"]
    assert "<script>" not in text and "&lt;script&gt;" in text
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{A}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{A}{required}") is not None
    entries = root.findall(f"{A}entry")
    assert len(entries) == 3
    dates = [dt.datetime.fromisoformat(e.find(f"{A}updated").text) for e in entries]
    assert dates == sorted(dates, reverse=True)
    titles = [e.find(f"{A}title").text for e in entries]
    # from the records: lesson published 2025-06-01, project progress 2025-03-01, archive award 2024-09-20
    assert titles[0].startswith("บทเรียน: ถามผู้รับบริการ")
    assert titles[1] == 'โครงการ: คิวออนไลน์ <script>alert("x")</script> & งานทะเบียน'
    for entry in entries:
        assert entry.find(f"{A}id").text.startswith("tag:")
        assert entry.find(f"{A}link").get("href").startswith(("projects/", "lessons/"))


def test_unit_feeds_include_partners_and_lessons():
    files = fixture_feeds()
    unit_count = len(load_reference(REFERENCE_DIR).units)
    assert len([name for name in files if name.startswith("units/")]) == unit_count
    root = ET.fromstring(files["units/district-phasi-charoen/feed.xml"].encode("utf-8"))
    ids = [e.find(f"{A}id").text.rsplit("/", 1)[-1] for e in root.findall(f"{A}entry")]
    assert set(ids) == {"green-market-2567", "queue-online-2568"}  # its own project and one it partners in
    root = ET.fromstring(files["units/district-bang-khae/feed.xml"].encode("utf-8"))
    assert {e.find(f"{A}id").text.rsplit("/", 1)[-1] for e in root.findall(f"{A}entry")} == {"queue-online-2568", "ask-before-building"}
    assert root.findall(f"{A}entry")[0].find(f"{A}link").get("href").startswith("../../")
    empty = ET.fromstring(files["units/district-phra-nakhon/feed.xml"].encode("utf-8"))
    assert empty.findall(f"{A}entry") == [] and empty.find(f"{A}updated") is not None


def test_control_characters_are_dropped():
    assert feeds.clean("a\x0bb\x00c") == "abc"


def test_git_dates_come_from_one_call(monkeypatch):
    calls = []
    real = gitdates.subprocess.run

    def spy(args, **kwargs):
        calls.append(args)
        return real(args, **kwargs)

    monkeypatch.setattr(gitdates.subprocess, "run", spy)
    history = gitdates.GitHistory()  # the site build keeps one for all its builds
    path = (ROOT / "projects" / "2561" / "bang-khae-lan-toem-fan.md").resolve()
    first, last = history.of([path])[path]
    assert first <= last and history.first_added([path])[path] == first and history.last_changes([path])[path] == last.date()
    assert len([c for c in calls if "log" in c]) == 1, "the pages' dates and the feeds' dates must come from one `git log` while HEAD stays"


def test_git_dates_follow_a_new_commit(tmp_path):
    """`mkdocs serve` keeps the log between rebuilds; a commit made meanwhile must still show."""

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("a", encoding="utf-8")
    git("add", "a.md")
    git("commit", "-q", "-m", "a")
    history = gitdates.GitHistory()
    assert set(history.last_changes([first, second])) == {first}
    second.write_text("b", encoding="utf-8")
    git("add", "b.md")
    git("commit", "-q", "-m", "b")
    assert set(history.last_changes([first, second])) == {first, second}, "a file committed after the log was read has no date"


def test_site_feed_is_built_and_linked(tmp_path):
    site = build_site(tmp_path / "site", projects=FIXTURES / "projects", lessons=FIXTURES / "lessons")
    root = ET.fromstring((site / "feed.xml").read_bytes())
    assert len(root.findall(f"{A}entry")) == 3
    assert (site / "units" / "district-bang-khae" / "feed.xml").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home and 'href="./feed.xml"' in home
    propose = (site / "propose" / "index.html").read_text(encoding="utf-8")
    assert 'href="../feed.xml"' in propose
    unit_page = (site / "units" / "district-bang-khae" / "index.html").read_text(encoding="utf-8")
    assert '<a href="feed.xml" type="application/atom+xml">' in unit_page
    assert unit_page.count('rel="alternate"') == 1  # only the site feed: the theme fetches sitemap.xml beside each alternate
    # the form's data cannot be closed by contributor text, wherever a page puts it
    form_data = (site / "propose" / "form-data.js").read_text(encoding="utf-8")
    assert "<script>alert" not in form_data and "\\u003cscript\\u003ealert" in form_data
