"""MkDocs hook: the Thai search index (bestservice.search) of every page of the site.

The generated pages (projects, units...) are indexed from the core's HTML in a second process while
MkDocs renders (bestservice.background); after the build the other pages are read from the site
and the index is written.
"""

from __future__ import annotations

import logging
from pathlib import Path

from bestservice.background import Job
from bestservice.content import shared_content
from bestservice.pages import Page, shared_pages
from bestservice.reference import load_reference
from bestservice.search import build, generated_page_docs

log = logging.getLogger("mkdocs.hooks.search")
_job: dict = {}


def on_files(files, config):
    content, reference = shared_content(), load_reference()
    pages = [item for item in shared_pages(content, reference) if isinstance(item, Page) and _generated(files, item.path)]
    _job["generated"] = Job(generated_page_docs, pages, content, reference, config.get("site_name") or "")
    return files


def _generated(files, path: str) -> bool:
    """The page macros/hooks.py added (not a file of docs/ with the same name, which it skips)."""
    file = files.get_file_from_path(path)
    return file is not None and file.generated_by is not None


def on_post_build(config, **kwargs):
    ready = _job.pop("generated").result()
    stats = build(Path(config["site_dir"]), shared_content(), site_name=config.get("site_name") or "", ready=ready)
    log.info("Thai search index: %(pages)d pages, %(docs)d sections, %(terms)d words, %(term_shards)d term shards, %(doc_blocks)d doc blocks", stats)
