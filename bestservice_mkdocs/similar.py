"""MkDocs hook: check/similar-index.js (the check page's data), computed by the core in a second
process (bestservice.background) from the start of the build, while the main process reads the
content and then generates and renders the pages, and written after the build.

The first part of the plugin (plugin.py fixes the order): its on_config reads the content and hands
each document to the second process as it is read, so the similar check's text analysis runs beside
the reading of the files (after another part had read them, it would get them all at once: the same
data, later).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bestservice.background import Job
from bestservice.similar.browser import FILE_NAME, streamed_browser_script
from bestservice_mkdocs import knowledge

_job: dict = {}


def on_config(config):
    if "script" in _job:  # a build that failed before its end (mkdocs serve)
        _job.pop("script").cancel()
    job = Job(streamed_browser_script, knowledge.reference(config), stream=True)
    # the field lines, which only validation messages use, stay behind: a tenth less to send
    knowledge.content(config, on_documents=lambda batch: job.send([dataclasses.replace(doc, lines={}) for doc in batch]))
    job.close()
    _job["script"] = job
    return config


def on_post_build(config, **kwargs):
    target = Path(config["site_dir"]) / "check" / FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_job.pop("script").result(), encoding="utf-8")
