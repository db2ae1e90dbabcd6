"""MkDocs hook: the Thai search index (bestservice.search) of every page of the site.

The index is built in a second process (bestservice.background) beside the main one: it reads the
generated pages (projects, units...) while the core is still making them, gets the other pages (the
guide, the forms) as soon as MkDocs has turned their Markdown into HTML (on_env, before any page is
written), and writes search/index/ itself. The build collects its result at the end.

Its on_files runs before the pages part's (the order is fixed in plugin.py): it starts the core's
page generation and sees the pages as they come; after the pages part had made them, it would get
them all at once (the same index, later).
"""

from __future__ import annotations

import logging
from pathlib import Path

from bestservice.background import Job
from bestservice.pages import Page, shared_pages
from bestservice.search.index import index_rendered_site, page_url
from bestservice_mkdocs import knowledge, similar

log = logging.getLogger("mkdocs.hooks.search")
_job: dict = {}


def on_files(files, config):
    if "index" in _job:  # a build that failed before its end (mkdocs serve)
        _job.pop("index").cancel()
    content, reference = knowledge.content(config), knowledge.reference(config)
    job = Job(index_rendered_site, Path(config["site_dir"]), content, reference, config.get("site_name") or "", stream=True)
    streamed: set[str] = set()

    def forward(batch: list) -> None:
        bodies = [(item.url, item.title, item.html) for item in batch if isinstance(item, Page)]
        streamed.update(url for url, _, _ in bodies)
        job.send(bodies)

    shared_pages(content, reference, on_pages=forward, boards=similar.boards)
    _job.update(index=job, streamed=streamed)
    return files


def on_env(env, config, files):
    """Every page's HTML is ready (not yet in the theme): hand over those the core did not make."""
    site_name = config.get("site_name") or ""
    others = []
    for file in files.documentation_pages():
        url = page_url(file.dest_uri)
        if file.page is not None and (url not in _job["streamed"] or file.generated_by is None):
            others.append((url, file.page.title or site_name, file.page.content or ""))  # the theme's <h1> falls back to the site name
    _job["index"].send(others)
    _job["index"].close()
    return env


def on_post_build(config, **kwargs):
    stats = _job.pop("index").result()
    log.info("Thai search index: %(pages)d pages, %(docs)d sections, %(terms)d words, %(term_shards)d term shards, %(doc_blocks)d doc blocks", stats)
