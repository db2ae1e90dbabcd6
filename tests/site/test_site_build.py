"""bestservice.site.SiteBuild: the one site build, kept up to date between the builds of `mkdocs serve`.

Each rebuild reads again only the files that changed (the others keep their Document objects), sees
an edit of the reference data, and records what each output was made from and which outputs changed."""

from __future__ import annotations

import os
import time

import pytest
from conftest import editable_catalogue

from bestservice.kb import from_config_file
from bestservice.pages.base import Page
from bestservice.site.build import Output, SiteBuild
from bestservice.site.settings import SiteSettings

PROJECT = "bang-khae-queue-online"


@pytest.fixture
def knowledge_base(tmp_path):
    """A knowledge base of the catalogue fixtures with its own copy of the reference data (to edit)."""
    return editable_catalogue(tmp_path)


def _site(config) -> SiteBuild:
    kb = from_config_file(str(config))
    return SiteBuild(kb, SiteSettings.read(config), serving=True, git=False)


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stamp = time.time_ns() + 10_000_000  # a later modification time even on a coarse clock
    os.utime(path, ns=(stamp, stamp))


def test_a_refresh_reads_the_edited_file_again_and_keeps_the_others(knowledge_base):
    site = _site(knowledge_base)
    first = site.refresh()
    assert first.reference and len(first.files) == len(site.content.documents), "the first refresh reads everything"
    before = {doc.id: doc for doc in site.content.documents}
    project = next(doc for doc in site.content.projects if doc.id == PROJECT)
    _edit(project.path, "title: ", "title: แก้แล้ว ")
    changes = site.refresh()
    assert changes.files == {str(project.path)}, "only the saved file is read again"
    assert not changes.reference
    after = {doc.id: doc for doc in site.content.documents}
    assert after[PROJECT].title.startswith("แก้แล้ว")
    assert all(after[key] is before[key] for key in before if key != PROJECT), "unchanged files keep their Document objects"


def test_an_edit_of_the_reference_data_is_seen_at_the_next_refresh(knowledge_base):
    """mkdocs serve used to keep the first reading of reference/ for good (a cache per folder)."""
    site = _site(knowledge_base)
    site.refresh()
    units = site.kb.reference_dir / "units.yaml"
    _edit(units, "name_th: สำนักงานเขตบางแค", "name_th: สำนักงานเขตบางแค (แก้ไข)")
    changes = site.refresh()
    assert changes.reference, "the edited units.yaml must count as a change"
    assert site.reference.unit_name("district-bang-khae") == "สำนักงานเขตบางแค (แก้ไข)"


def test_the_record_says_which_outputs_an_edit_changed(knowledge_base):
    site = _site(knowledge_base)
    site.refresh()
    outputs = {out.path: out for out in site.outputs()}
    page = f"projects/{PROJECT}/index.md"
    assert any(source.endswith(f"{PROJECT}.md") for source in outputs[page].made_from), "a project page is made from its file"
    assert "content" in outputs["catalogue/index.md"].made_from, "the catalogue is made from every file"
    project = next(doc for doc in site.content.projects if doc.id == PROJECT)
    _edit(project.path, "title: ", "title: แก้แล้ว ")
    site.refresh()
    site.outputs()
    changed = site.changed_outputs
    assert page in changed and "units/district-bang-khae/index.md" in changed and "catalogue/data.js" in changed
    assert "data/projects.json" in changed and "check/similar-index.js" in changed
    made_from_it = {path for path, out in outputs.items() if any(source.endswith(f"{PROJECT}.md") for source in out.made_from)}
    assert "projects/bang-khae-queue-lean/index.md" in made_from_it, "the project it continues shows it (continued by)"
    others = [path for path in changed if path.startswith("projects/") and path not in made_from_it]
    assert others == [], f"pages the record says are not made from the edited file changed: {others}"


def test_a_page_whose_html_is_kept_counts_as_changed_when_its_title_or_metadata_change(knowledge_base):
    """An unchanged page is not hashed again (its HTML is the same object): its title and metadata still count."""
    site = _site(knowledge_base)
    site.remember([Output("p/index.md", Page("p/index.md", "ชื่อ", html := "<p>เนื้อหา</p>", {"x": 1}), ())])
    site.remember([Output("p/index.md", Page("p/index.md", "ชื่อ", html, {"x": 1}), ())])
    assert site.changed_outputs == set(), "the same page again is unchanged"
    site.remember([Output("p/index.md", Page("p/index.md", "ชื่อใหม่", html, {"x": 1}), ())])
    assert site.changed_outputs == {"p/index.md"}, "a new title with the same HTML object is a change"
    site.remember([Output("p/index.md", Page("p/index.md", "ชื่อใหม่", html, {"x": 2}), ())])
    assert site.changed_outputs == {"p/index.md"}, "new metadata with the same HTML object is a change"
    site.remember([Output("p/index.md", Page("p/index.md", "ชื่อใหม่", "<p>เนื้อหา</p>!", {"x": 2}), ())])
    assert site.changed_outputs == {"p/index.md"}, "new HTML is a change"
