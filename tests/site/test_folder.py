"""bestservice.site.folder: the site source folder is written safely and kept up to date file by file."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from bestservice.cli import main
from bestservice.content.problems import ContentError
from bestservice.kb import from_config_file
from bestservice.site.build import SiteBuild
from bestservice.site.folder import RECORD, write_site_source
from bestservice.site.settings import SiteSettings


def _build() -> SiteBuild:
    build = SiteBuild(from_config_file(str(ROOT / "mkdocs.yml")), SiteSettings.read(ROOT / "mkdocs.yml"), git=False)
    build.refresh()
    return build


def test_a_second_run_writes_only_what_changed_and_removes_what_is_gone(tmp_path):
    out = tmp_path / "source"
    first = write_site_source(_build(), out)
    assert first["written"] == first["files"] > 300
    stale = out / "docs" / "projects" / "gone" / "index.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    record = json.loads((out / RECORD).read_text(encoding="utf-8"))
    record["files"]["docs/projects/gone/index.md"] = {"digest": "x", "made_from": []}
    (out / RECORD).write_text(json.dumps(record), encoding="utf-8")
    again = write_site_source(_build(), out)
    assert again["written"] < 10, "an unchanged knowledge base must not be written again (a watching generator would rebuild every page)"
    assert again["removed"] == 1 and not stale.exists(), "an output that is no longer made must go"


def test_it_never_writes_over_a_folder_of_someone_else_without_force(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.md").write_text("สำคัญ", encoding="utf-8")
    with pytest.raises(ContentError, match="ไม่เขียนทับ"):
        write_site_source(_build(), out)
    assert (out / "notes.md").read_text(encoding="utf-8") == "สำคัญ"


def test_it_never_writes_into_the_knowledge_bases_own_pages(tmp_path, capsys):
    assert main(["pages", "--root", str(ROOT), "--out", str(ROOT / "docs")]) == 1
    assert "docs/" in capsys.readouterr().err
    assert not (ROOT / "docs" / RECORD).exists()


def test_it_never_writes_through_a_symlink_out_of_the_folder(tmp_path):
    out, outside = tmp_path / "source", tmp_path / "outside"
    write_site_source(_build(), out)
    outside.mkdir()
    target = out / "docs" / "catalogue"
    for item in sorted(target.rglob("*"), reverse=True):
        item.rmdir() if item.is_dir() else item.unlink()
    target.rmdir()
    target.symlink_to(outside, target_is_directory=True)
    with pytest.raises(ContentError, match="symlink"):
        write_site_source(_build(), out)
    assert list(outside.iterdir()) == [], "a file was written through the symlink"


@pytest.fixture
def new_knowledge_base(tmp_path):
    assert main(["init", str(tmp_path / "kb")]) == 0
    return tmp_path / "kb"


def test_an_asset_linked_from_outside_the_knowledge_base_is_not_copied_into_the_site(new_knowledge_base, tmp_path, capsys):
    """A checkout's link to a file elsewhere (a key, a password file) must not end up in what gets published."""
    (tmp_path / "secret.txt").write_text("รหัสผ่าน", encoding="utf-8")
    (new_knowledge_base / "docs" / "assets" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    assert main(["pages", "--root", str(new_knowledge_base), "--out", str(tmp_path / "out")]) == 1
    assert "docs/assets/leak.txt:1: file: ไฟล์นี้อยู่นอกคลังความรู้" in capsys.readouterr().err.replace(str(new_knowledge_base) + "/", "")
    assert not any("รหัสผ่าน" in path.read_text(encoding="utf-8", errors="replace") for path in (tmp_path / "out").rglob("*") if path.is_file())


def test_theme_overrides_named_outside_the_knowledge_base_are_not_copied(new_knowledge_base, tmp_path, capsys):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.html").write_text("รหัสผ่าน", encoding="utf-8")
    config = new_knowledge_base / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("custom_dir: overrides", "custom_dir: ../elsewhere"), encoding="utf-8")
    assert "custom_dir: ../elsewhere" in config.read_text(encoding="utf-8"), "the new knowledge base's mkdocs.yml changed: update the test"
    assert main(["pages", "--root", str(new_knowledge_base), "--out", str(tmp_path / "out")]) == 1
    assert "ไฟล์นี้อยู่นอกคลังความรู้" in capsys.readouterr().err
    assert not (tmp_path / "out" / "overrides" / "secret.html").exists()
