"""MkDocs hook: writes check/similar-index.js (the check page's data) from the core after the build."""

from __future__ import annotations

from pathlib import Path

from bestservice.content import shared_content
from bestservice.reference import load_reference
from bestservice.similar_web import FILE_NAME, browser_script


def on_post_build(config, **kwargs):
    target = Path(config["site_dir"]) / "check" / FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(browser_script(shared_content(), load_reference()), encoding="utf-8")
