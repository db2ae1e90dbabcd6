"""MkDocs part: the similar check's index over every project, worked out once per build in a second
process (bestservice.background), for the two things that need it: the check page's data
(check/similar-index.js) and the committee's screening boards (validate's rules and the similar check
on every proposal of the screened years).

The second process is forked once the content is read, so it has all of it (the rules look across
files) without anything being copied in. The boards come back first thing the pages part asks for
them, at the end of the generated pages; the check page's data is written after the build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bestservice.background import Job
from bestservice.committee.screening import screening_boards
from bestservice.content import Content
from bestservice.content.cache import FileCache
from bestservice.content.reference import Reference
from bestservice.content.rules import Context
from bestservice.fiscal import current_fiscal_year
from bestservice.pages.screening import screened_years
from bestservice.similar.browser import FILE_NAME, browser_script
from bestservice.similar.rule import content_corpus
from bestservice_mkdocs import editing, knowledge

_job: dict = {}


def similar_work(content: Content, reference: Reference, today: dt.date, features: FileCache | None = None) -> tuple[list, str, dict | None]:
    """The screening boards and the check page's script, from one index of every project. Given the
    `features` of an earlier build, only the changed projects' words are worked out again; the
    features of this build come back with the result, for the next one."""
    corpus = content_corpus(content, Context(reference=reference, content=content, today=today, features=features))
    boards = screening_boards(content, reference, screened_years(content, current_fiscal_year(today)), today, corpus)
    return boards, browser_script(content, reference, corpus.features), features.used if features is not None else None


def on_config(config):
    if "work" in _job:  # a build that failed before its end (mkdocs serve)
        _job.pop("work").cancel()
    _job.clear()
    reference = knowledge.reference(config)
    # Under `mkdocs serve` each rebuild starts from the words of the last one (same reference data).
    features = None
    if editing.serving():
        kept = _features.get("entries") if _features.get("reference") == reference.fingerprint else None
        features = FileCache.carried_over(kept)
        _features.update(reference=reference.fingerprint, entries=None)
    _job["work"] = Job(similar_work, knowledge.content(config), reference, dt.date.today(), features)
    return config


_features: dict = {}  # the last serve build's project features, by reference data


def _result() -> tuple[list, str]:
    if "result" not in _job:
        boards, script, features = _job.pop("work").result()
        if features is not None:
            _features["entries"] = features
        _job["result"] = boards, script
    return _job["result"]


def boards() -> list | None:
    """This build's screening boards (the pages part formats them); None when this part is not in
    the build (the pages part then works them out itself)."""
    return _result()[0] if _job else None


def on_post_build(config, **kwargs):
    target = Path(config["site_dir"]) / "check" / FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_result()[1], encoding="utf-8")
    _job.clear()
