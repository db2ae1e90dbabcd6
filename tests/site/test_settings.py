"""bestservice.site.settings: mkdocs.yml read as data, never run; what cannot be read is located."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from bestservice.content.problems import ContentError
from bestservice.site.settings import SiteSettings


def _read(tmp_path, text: str) -> SiteSettings:
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return SiteSettings.read(config)


def _refused(tmp_path, text: str) -> str:
    with pytest.raises(ContentError) as refused:
        _read(tmp_path, text)
    (problem,) = refused.value.problems
    assert problem.path.endswith("mkdocs.yml") and problem.field == "mkdocs.yml", problem
    return problem.message


def test_python_names_and_mkdocs_tags_are_read_as_text_never_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = _read(
        tmp_path,
        "site_name: !ENV [SITE, 'คลัง']\n"
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - name: mermaid\n          format: !!python/name:pymdownx.superfences.fence_code_format\n"
        "extra:\n  x: !!python/object/apply:os.system ['touch PWNED']\n",
    )
    fence = settings.markdown_extensions[0]["pymdownx.superfences"]["custom_fences"][0]
    assert fence["format"] == "pymdownx.superfences.fence_code_format"
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("site_name: [ไม่ปิด\n", "อ่านไฟล์ตั้งค่าไม่ได้"),
        ("- รายการ\n- แทนการตั้งค่า\n", "ต้องเป็นหัวข้อและค่า"),
        ("markdown_extensions: toc\n", "markdown_extensions ต้องเป็นรายการ"),
        ("markdown_extensions: [{toc: {}, attr_list: {}}]\n", "markdown_extensions ต้องเป็นรายการ"),
        ("theme: material\n", "theme ต้องเป็น"),
        ("INHERIT: mkdocs.yml\n", "สืบทอดวนกลับ"),
    ],
)
def test_settings_that_cannot_be_used_are_a_located_problem(tmp_path, text, says):
    assert says in _refused(tmp_path, text)


def test_a_settings_file_that_is_not_utf8_is_located(tmp_path):
    (tmp_path / "mkdocs.yml").write_bytes("site_name: คลัง\n".encode("cp874"))
    with pytest.raises(ContentError, match="อ่านไฟล์ตั้งค่าไม่ได้"):
        SiteSettings.read(tmp_path / "mkdocs.yml")


def test_pages_never_imports_a_markdown_extension_from_the_checkout(tmp_path):
    """`python -m bestservice` runs in the checkout: a module there named as an extension is not code to run."""
    kb = tmp_path / "kb"
    subprocess.run([sys.executable, "-m", "bestservice", "init", str(kb)], check=True, capture_output=True)
    (kb / "evil_extension.py").write_text(f"open({str(tmp_path / 'PWNED')!r}, 'w').close()\n", encoding="utf-8")
    config = kb / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nmarkdown_extensions: [evil_extension]\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bestservice", "pages", "--out", str(tmp_path / "out")], cwd=kb, capture_output=True, text=True)
    assert not (tmp_path / "PWNED").exists(), "a module of the checkout was imported"
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "mkdocs.yml:1: markdown_extensions: ใช้ส่วนขยาย Markdown ตามที่ตั้งไว้ไม่ได้" in done.stderr
    assert not (tmp_path / "out").exists()


def test_the_repositorys_settings_read_as_mkdocs_reads_them():
    settings = SiteSettings.read(ROOT / "mkdocs.yml")
    assert settings.site_name and any("toc" in str(item) for item in settings.markdown_extensions)
