"""`mkdocs serve` rebuilds after each save from what its last build kept (the documents of unchanged
files, their pages' HTML, their similar-check words): the site after an edit must be the site a full
build of the edited knowledge base makes. Each build runs in its own Python process, as serve does
(one process, rebuild after rebuild) and as `mkdocs build` does (one process, one build)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import compare_sites
import pytest
from conftest import FIXTURES, editable_catalogue, knowledge_base_over

PROJECT = "bang-khae-queue-online"
LESSON = "queue-mapping-first"
NEW_TITLE = "จองคิวงานทะเบียนออนไลน์ผ่านไลน์ เขตบางแค"

# The builds `mkdocs serve` runs: the first, then one after each edit (the first argument is the
# edit script, run between the builds), into the same folder.
# The number of checks the builds after the edits started is printed last.
SERVE = """
import runpy, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from bestservice.site import build as site_build
config_file, site, mode, *edits = sys.argv[1:]
dirty = mode == "dirty"
started_in_builds = 0
class Counted(site_build.Job):
    def __init__(self, function, *args, **kwargs):
        global started_in_builds
        started_in_builds += building and function.__name__ == "check_work"
        super().__init__(function, *args, **kwargs)
site_build.Job = Counted
def config():
    c = load_config(config_file=config_file, site_dir=site)
    c.site_url = "http://127.0.0.1:8000/"
    return c
first = config()
first.plugins.on_startup(command="serve", dirty=dirty)
building = False
build(first, serve_url="http://127.0.0.1:8000/", dirty=dirty)
for edit in edits:
    runpy.run_path(edit)
    building = True
    build(config(), serve_url="http://127.0.0.1:8000/", dirty=dirty)
    building = False
print(started_in_builds)
"""


def _serve_builds(config: Path, site: Path, *edits: Path, mode: str = "clean") -> int:
    """The builds; how many checks the builds after the edits started themselves."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-c", SERVE, str(config), str(site), mode, *map(str, edits)]
    done = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return int(done.stdout.split()[-1])


def _edit(tmp_path: Path, name: str, path: Path, old: str, new: str) -> Path:
    script = tmp_path / f"{name}.py"
    script.write_text(
        f"from pathlib import Path\np = Path({str(path)!r})\ntext = p.read_text(encoding='utf-8')\n"
        f"assert {old!r} in text\np.write_text(text.replace({old!r}, {new!r}, 1), encoding='utf-8')\n",
        encoding="utf-8",
    )
    return script


@pytest.mark.parametrize("mode", ["clean", "dirty"], ids=["mkdocs serve", "mkdocs serve --dirty"])
def test_after_an_edit_the_rebuilt_site_is_the_full_build_of_the_edited_content(tmp_path, mode):
    """--dirty writes only what changed: the pages left as they were must still be the full build's."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "catalogue", content)
    config = knowledge_base_over(tmp_path / "kb", content / "projects", content / "lessons")
    project = content / "projects" / "2568" / f"{PROJECT}.md"
    lesson = content / "lessons" / f"{LESSON}.md"
    # A new title (its page, the lists, search and the check page name it), a move to another unit
    # (it leaves one unit's list for another) and an edited lesson (the project page lists it).
    edits = [
        _edit(tmp_path, "title", project, "title: จองคิวงานทะเบียนออนไลน์ เขตบางแค", f"title: {NEW_TITLE}"),
        _edit(tmp_path, "unit", project, "unit: district-bang-khae", "unit: district-thon-buri"),
        _edit(tmp_path, "lesson", lesson, "title: ", "title: ฉบับปรับปรุง "),
    ]
    served = tmp_path / "served"
    # and with the lesson's edit, the HTML of a page that edit does not change is deleted: a --dirty
    # rebuild keeps that page's file object from the last build, and must still write it again
    unchanged_page = served / "projects" / "thon-buri-archive-service" / "index.html"
    edits[-1].write_text(edits[-1].read_text(encoding="utf-8") + f"Path({str(unchanged_page)!r}).unlink()\n", encoding="utf-8")
    checks_in_builds = _serve_builds(config, served, *edits, mode=mode)
    assert checks_in_builds == len(edits), "every edit of a project or lesson is checked again"
    full = tmp_path / "full"
    _serve_builds(config, full)

    page = (served / "projects" / PROJECT / "index.html").read_text(encoding="utf-8")
    assert NEW_TITLE in page and "ฉบับปรับปรุง" in page, "the edited project's page must show the edit and its edited lesson"
    assert NEW_TITLE in (served / "units" / "district-thon-buri" / "index.html").read_text(encoding="utf-8"), "the new unit's list must name it"
    assert PROJECT not in (served / "units" / "district-bang-khae" / "index.html").read_text(encoding="utf-8"), "the old unit's list still names it"
    assert compare_sites.differences(full, served) == [], "the rebuilt site differs from a full build of the same content"
    # Byte for byte too, but the open data's "generated" time (compare_sites compares the rest of it).
    compared = [p for p in (q.relative_to(full) for q in full.rglob("*") if q.is_file()) if p.suffix in (".html", ".js", ".json") and p.parts[0] != "data"]
    assert len(compared) > 50
    differing = [str(p) for p in compared if (full / p).read_bytes() != (served / p).read_bytes()]
    assert differing == [], f"not byte for byte the full build: {differing[:10]}"


@pytest.mark.parametrize("dirty", [False, True], ids=["mkdocs serve", "mkdocs serve --dirty"])
def test_an_edit_of_the_reference_data_shows_at_the_next_rebuild(tmp_path, dirty):
    """The reference data used to be read once per `mkdocs serve`: an edited unit name never showed.
    Now the rebuild after saving units.yaml is the full build of the edited data, guide pages included."""
    config = editable_catalogue(tmp_path)
    reference = tmp_path / "kb" / "reference"
    renamed = "สำนักงานเขตบางแค (ชื่อใหม่)"
    edits = [_edit(tmp_path, "units", reference / "units.yaml", "name_th: สำนักงานเขตบางแค\n", f"name_th: {renamed}\n")]
    served = tmp_path / "served"
    _serve_builds(config, served, *edits, mode="dirty" if dirty else "clean")
    assert renamed in (served / "units" / "district-bang-khae" / "index.html").read_text(encoding="utf-8"), "the unit's page keeps the old name"
    full = tmp_path / "full"
    _serve_builds(config, full)
    assert compare_sites.differences(full, served) == [], "the rebuilt site differs from a full build of the edited reference data"


def test_a_rebuild_with_no_content_changed_keeps_the_check_and_the_site(tmp_path):
    """A saved guide page rebuilds the site; the projects, lessons and reference data did not change, so the
    check, the boards and the open data of the last build stay (they were made again after every save)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "catalogue", content)
    config = knowledge_base_over(tmp_path / "kb", content / "projects", content / "lessons")
    nothing = tmp_path / "nothing.py"
    nothing.write_text("pass\n", encoding="utf-8")
    served = tmp_path / "served"
    assert _serve_builds(config, served, nothing, mode="dirty") == 0, "the build checked content that had not changed"
    full = tmp_path / "full"
    _serve_builds(config, full)
    assert compare_sites.differences(full, served) == [], "the rebuilt site differs from a full build"
