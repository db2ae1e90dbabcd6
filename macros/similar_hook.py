"""MkDocs hook: check/similar-index.js (the check page's data), computed by the core in a second
process (bestservice.background) from the start of the build, while the main process generates and
renders the pages, and written after the build."""

from __future__ import annotations

from pathlib import Path

from bestservice.background import Job
from bestservice.content import shared_content
from bestservice.reference import load_reference
from bestservice.similar_web import FILE_NAME, browser_script

_job: dict = {}


def on_config(config):
    if "script" in _job:  # a build that failed before its end (mkdocs serve)
        _job.pop("script").cancel()
    _job["script"] = Job(browser_script, shared_content(), load_reference())
    return config


def on_post_build(config, **kwargs):
    target = Path(config["site_dir"]) / "check" / FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_job.pop("script").result(), encoding="utf-8")
