"""MkDocs hook (thin adapter): open data, feeds, the data/ page and the proposal form's data.

- on_config: starts the open-data files and feeds in a second process (bestservice.background):
  they need only the content, and the main process is busy generating the catalogue pages meanwhile.
- on_files: adds data/index.md (generated from the schema), data/*.json|csv, feed.xml and
  units/<id>/feed.xml as generated files, so links to them are checked by `mkdocs build --strict`.
- on_page_content: embeds the form's schema and reference data in propose/ as inert JSON.
- on_post_page: links the site's Atom feed from <head>. A unit's own feed is linked in its page body
  instead: the theme fetches `sitemap.xml` next to every `<link rel="alternate">` (for language
  versions), which for `units/<id>/feed.xml` is a request that can only fail.
"""

from __future__ import annotations

import html
import json

from mkdocs.structure.files import File

from bestservice.authoring import form
from bestservice.background import Job
from bestservice.data import export, feeds
from bestservice_mkdocs import knowledge

_state: dict = {}


def on_config(config):
    if "files" in _state:  # a build that failed before its end (mkdocs serve)
        _state["files"].cancel()
    _state.clear()
    _state["content"] = knowledge.content(config)
    _state["reference"] = knowledge.reference(config)
    _state["files"] = Job(data_and_feeds, _state["content"], _state["reference"], config["site_name"], config.get("site_url") or "")
    return config


def data_and_feeds(content, reference, site_name: str, site_url: str) -> dict[str, str]:
    """Path → text of the open-data files and the Atom feeds."""
    files = {f"data/{name}": text for name, text in export.export_files(content, reference).items()}
    return files | feeds.feed_files(content, reference, site_name, site_url)


def on_files(files, config):
    content, reference = _state["content"], _state["reference"]
    generated = {"data/index.md": export.data_page(content, reference)} | _state.pop("files").result()
    for src_uri, text in generated.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=text))
    return files


def on_page_content(html_text, page, config, files):
    if page.file.src_uri == "propose/index.md":
        html_text += "\n" + form_html(_state["content"], _state["reference"], _root(page))
    return html_text


def form_html(content, reference, root: str) -> str:
    """The proposal form's schema and reference data as inert JSON, and its style and script.
    JSON inside <script>: <, > and & are escaped so contributor text can never close the element."""
    payload = json.dumps(form.form_data(content, reference), ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (
        f'<script type="application/json" id="propose-data">{payload}</script>\n'
        f'<link rel="stylesheet" href="{root}assets/stylesheets/propose.css">\n'
        f'<script src="{root}assets/javascripts/propose.js"></script>\n'
    )


def on_post_page(output, page, config):
    root = _root(page)
    links = f'<link rel="alternate" type="application/atom+xml" title="{html.escape(config["site_name"])}: โครงการและบทเรียนใหม่" href="{root}feed.xml">'
    return output.replace("</head>", f"{links}\n</head>", 1)


def _root(page) -> str:
    url = page.url or ""
    return "../" * url.count("/") if url else ""
