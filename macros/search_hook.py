"""MkDocs hook: after the build, hand the built pages to bestservice.search (the index lives in the core)."""

from __future__ import annotations

import logging
from pathlib import Path

from bestservice.content import shared_content
from bestservice.search import build

log = logging.getLogger("mkdocs.hooks.search")


def on_post_build(config, **kwargs):
    stats = build(Path(config["site_dir"]), shared_content(), site_name=config.get("site_name") or "")
    log.info("Thai search index: %(pages)d pages, %(docs)d sections, %(terms)d words, %(term_shards)d term shards, %(doc_blocks)d doc blocks", stats)
