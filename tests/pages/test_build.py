"""A real `mkdocs build --strict` of the repository: Thai, and nothing fetched from other hosts."""

from __future__ import annotations

from conftest import FIXTURES, build_site

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
