"""A real `mkdocs build --strict` of the repository: Thai, and nothing fetched from other hosts."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import FIXTURES, build_site
from synthetic import knowledge_base_over

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg"}


def test_site_is_thai_uses_local_sarabun_and_never_google_fonts(tmp_path):
    site = build_site(tmp_path / "site")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="th"' in index
    assert 'href="assets/stylesheets/fonts.css"' in index
    fonts_css = (site / "assets" / "stylesheets" / "fonts.css").read_text(encoding="utf-8")
    assert 'font-family: "Sarabun"' in fonts_css
    for font in (part.split('"')[0] for part in fonts_css.split('url("../fonts/')[1:]):
        assert (site / "assets" / "fonts" / font).is_file(), f"{font} is linked but not in the site"
    offenders = [
        str(path.relative_to(site))
        for path in site.rglob("*")
        if path.suffix in TEXT_SUFFIXES and ("fonts.googleapis" in (text := path.read_text(encoding="utf-8", errors="replace")) or "fonts.gstatic" in text)
    ]
    assert offenders == []


def test_build_uses_the_content_folders_it_is_given(tmp_path):
    """The build reads the content of the knowledge base whose mkdocs.yml it builds: a fixture catalogue builds too."""
    fixtures = FIXTURES / "valid"
    site = build_site(tmp_path / "site", projects=fixtures / "projects", lessons=fixtures / "lessons")
    assert (site / "index.html").is_file()


def test_materials_own_search_files_stay_out_unless_its_plugin_is_on(tmp_path):
    """The Thai search replaces Material's: its lunr languages and worker are not shipped (no page loads
    them: the browser tests fail on any missing local file), but a site that turns the plugin on keeps them."""
    site = build_site(tmp_path / "site")
    assert not (site / "assets" / "javascripts" / "lunr").exists() and not list((site / "assets" / "javascripts").glob("workers/search.*"))
    assert list((site / "assets" / "javascripts").glob("bundle.*.min.js")), "Material's own script is still there"
    with_plugin = build_site(
        tmp_path / "with-plugin",
        config={"plugins": ["search", {"macros": {"modules": ["bestservice_mkdocs.macros"], "render_by_default": False}}, "bestservice"]},
    )
    assert (with_plugin / "assets" / "javascripts" / "lunr").is_dir() and list((with_plugin / "assets" / "javascripts").glob("workers/search.*"))


def test_a_failing_build_ends_with_every_error_of_a_file_in_thai_not_buried_in_notices(tmp_path):
    """The proposal has no body, a misspelt unit and a misspelt policy dimension: all three stop the build
    at once (not the body first, the rest after it is fixed), and they are the last lines MkDocs prints."""
    config = knowledge_base_over(tmp_path / "kb", FIXTURES / "build" / "projects", FIXTURES / "build" / "lessons")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(tmp_path / "site")],
        cwd=config.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    output = (result.stdout + result.stderr).splitlines()
    assert not [line for line in output if "unrecognized relative link" in line]
    located = [line.removeprefix("ERROR   -  ") for line in output if "khlong-toei-queue-online.md:" in line]
    assert [line.split(": ")[1] for line in located] == ["unit", "policy_dimensions[0]", "body"], "every error, in the order of the file"
    assert "ไม่พบหน่วยงาน เขตคลองเตยย" in located[0] and "managment" in located[1] and "ไม่มีเนื้อหาหลังส่วนหัว" in located[2]
    last = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if line.strip()][-4:]
    assert last[:3] == located and last[3].startswith("เนื้อหามีข้อผิดพลาด 3 รายการ"), f"the errors are not at the end:\n{last}"


def test_a_guide_page_that_reaches_for_python_stops_the_build_located_before_any_macro_runs(tmp_path):
    """mkdocs-macros renders a page that asks for it without a sandbox; the site build reads every such page in
    Jinja's sandbox first (for the search index), so the build stops there, with the page's line, not a traceback."""
    kb = tmp_path / "kb"
    subprocess.run([sys.executable, "-m", "bestservice", "init", str(kb)], check=True, capture_output=True)
    marker = tmp_path / "PWNED"
    (kb / "docs" / "ssti.md").write_text(
        f"---\nrender_macros: true\n---\n# x\n\n{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=kb, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1")
    )
    assert done.returncode == 1 and not marker.exists(), "the page's template ran"
    assert "docs/ssti.md:1: macro: ใช้คำสั่งแมโครไม่ได้" in done.stderr and "Traceback" not in done.stderr, done.stderr[-2000:]
