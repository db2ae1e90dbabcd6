"""Offline / intranet: the site makes zero requests to any host but its own.

- Static scan of the whole built site: no HTML, CSS or JS loads anything from another host
  (scripts, styles, fonts, images, frames, CSS url()/@import, manifest). Plain links to sources
  (<a href="https://...">) are navigation, not requests, and are allowed.
- In Chromium, every page in tests/site_pages.py, on a desktop and on a phone, with every
  non-local request aborted: zero such requests, no local request failing (a missing asset),
  Material's scripts and the local Thai font (Sarabun) working. Those visits are the accessibility
  tests' (tests/browser/test_accessibility.py): each page is loaded once for both.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

LOADING = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
    ("use", "href"),
    ("input", "src"),
}
NON_LOADING_LINK_RELS = {
    "canonical",
    "alternate",
    "author",
    "license",
    "help",
    "next",
    "prev",
    "search",
    "bookmark",
    "external",
    "nofollow",
    "noopener",
    "noreferrer",
    "me",
}
EXTERNAL_URL = re.compile(r"^\s*(?:https?:)?//", re.I)
CSS_LOAD = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])\s*((?:https?:)?//[^'\")\s]+)", re.I)
JS_LOAD = re.compile(
    r"""(?:fetch|importScripts|import)\s*\(\s*['"`]((?:https?:)?//[^'"`]+)|new\s+(?:Worker|EventSource|WebSocket)\s*\(\s*['"`]((?:https?:|wss?:)?//[^'"`]+)"""
)


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and set((attributes.get("rel") or "").lower().split()) <= NON_LOADING_LINK_RELS and attributes.get("rel"):
            return
        for name, value in attrs:
            if (tag, name) in LOADING and value and any(EXTERNAL_URL.match(part.strip().split(" ")[0]) for part in value.split(",")):
                self.found.append(f"<{tag} {name}={value}>")
            if name == "style" and value:
                self.found.extend(CSS_LOAD.findall(value))
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh" and "//" in (attributes.get("content") or ""):
            self.found.append(f"<meta refresh {attributes.get('content')}>")
        self.in_style = tag == "style"

    def handle_data(self, data):
        if self.in_style:
            self.found.extend(CSS_LOAD.findall(data))

    def handle_endtag(self, tag):
        self.in_style = False


def external_loads(site: Path) -> dict[str, list[str]]:
    """{file: [what it would load from another host]} for the whole built site."""
    problems: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js", ".webmanifest") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            parser = _Loads()
            parser.feed(text)
            found = parser.found
        elif path.suffix == ".css":
            found = CSS_LOAD.findall(text)
        elif path.suffix == ".js":
            found = [a or b for a, b in JS_LOAD.findall(text)]
        else:
            found = re.findall(r'"src"\s*:\s*"((?:https?:)?//[^"]+)"', text)
        if found:
            problems[path.relative_to(site).as_posix()] = found
    return problems


def test_no_file_of_the_site_loads_from_another_host(built_site):
    assert (built_site / "index.html").is_file()
    assert external_loads(built_site) == {}


def test_the_static_scan_finds_external_loads(tmp_path):
    """Control: the scanner is not blind."""
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"><link rel="canonical" href="https://example.org/">'
        '<script src="//cdn.example.org/x.js"></script><img srcset="a.png 1x, https://x.org/b.png 2x"><a href="https://ok.example.org/">ok</a>',
        encoding="utf-8",
    )
    (tmp_path / "b.css").write_text("@font-face{src:url(https://fonts.gstatic.com/s/x.woff2)} .a{background:url(img/local.png)}", encoding="utf-8")
    (tmp_path / "c.js").write_text("fetch('https://api.example.org/x'); fetch('data/projects.json')", encoding="utf-8")
    found = external_loads(tmp_path)
    assert len(found["a.html"]) == 3 and len(found["b.css"]) == 1 and len(found["c.js"]) == 1
