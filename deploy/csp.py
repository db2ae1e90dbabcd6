#!/usr/bin/env python3
"""Print the nginx Content-Security-Policy line for a built site: the inline scripts the product writes, by hash.

    python3 deploy/csp.py site > /etc/nginx/snippets/bestservice-csp.conf

The product's pages hold a few small inline scripts, all written by the theme (the page scope, the tab a
link points at...). Their texts are listed in csp-inline-scripts.json beside this file, exact but for the
page's base path. This script allows exactly the listed scripts the site holds ('sha256-...'), nothing
else: no 'unsafe-inline', no 'unsafe-eval', no other host. Any other inline script, inline event handler
(onclick=...) or javascript: link is not allowed but refused: the step fails (exit 1) and names each page,
since such a script got into a page from somewhere it should not have (run it after every build; it must
not allow what it was meant to stop).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

KNOWN = Path(__file__).with_name("csp-inline-scripts.json")
BASE = r"(?:\.|\.\.(?:/\.\.)*|/(?:[A-Za-z0-9._~%-]+/)*)"  # the page's base path: . or ../.. or /a/b/
DATA_BLOCKS = {"application/json", "application/ld+json"}  # script elements that hold data and never run
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
SHOWN = 5  # pages named per kind of refusal


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline: list[str] = []
        self._current: list[str] | None = None
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.handlers.extend(f"{name}=" for name in attributes if name.startswith("on"))
        self.handlers.extend(f"{name}=javascript:" for name, value in attrs if name in URL_ATTRIBUTES and _is_javascript(value))
        if tag == "script" and "src" not in attributes and (attributes.get("type") or "").strip().lower() not in DATA_BLOCKS:
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.inline.append("".join(self._current))
            self._current = None


def _is_javascript(value: str | None) -> bool:
    return re.sub(r"[\x00-\x20]", "", value or "").lower().startswith("javascript:")


def known_scripts(path: Path = KNOWN) -> list[re.Pattern]:
    """Each listed script as a pattern: its text exactly, `{base}` standing for the page's base path."""
    return [re.compile(BASE.join(map(re.escape, item["text"].split("{base}")))) for item in json.loads(path.read_text(encoding="utf-8"))["scripts"]]


def inline_scripts(site: Path, known: list[re.Pattern]) -> tuple[dict[str, int], dict[str, list[str]]]:
    """The site's inline scripts the product writes, as {'sha256-...': pages using it}, and the pages
    holding anything else: {what was found: [pages]}."""
    hashes: dict[str, int] = {}
    refused: dict[str, list[str]] = {}
    for page in sorted(Path(site).rglob("*.html")):
        parser = _Scripts()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for text in parser.inline:
            if not any(pattern.fullmatch(text) for pattern in known):
                refused.setdefault(f"<script>{text[:60]!r}", []).append(str(page.relative_to(site)))
                continue
            digest = "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
            hashes[digest] = hashes.get(digest, 0) + 1
        for handler in parser.handlers:
            refused.setdefault(handler, []).append(str(page.relative_to(site)))
    return hashes, refused


def policy(hashes) -> str:
    scripts = " ".join(f"'{h}'" for h in sorted(hashes))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {scripts}".strip(),
            "style-src 'self' 'unsafe-inline'",  # style="" attributes in theme markup; styles cannot run code
            "img-src 'self' data:",  # Material's icons are data: SVGs in CSS
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site folder")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: ไม่ใช่โฟลเดอร์เว็บไซต์ที่สร้างแล้ว (ไม่มี index.html) — รัน make build ก่อน", file=sys.stderr)
        return 1
    hashes, refused = inline_scripts(args.site, known_scripts())
    if refused:
        print("พบสคริปต์ในหน้าเว็บที่ธีมและโปรแกรมไม่ได้เขียน จึงไม่สร้าง CSP ให้ (อาจมีผู้แทรกสคริปต์เข้ามาในเนื้อหาหรือเทมเพลต):", file=sys.stderr)
        for what, pages in refused.items():
            more = f" และอีก {len(pages) - SHOWN} หน้า" if len(pages) > SHOWN else ""
            print(f"  {what} ใน {', '.join(pages[:SHOWN])}{more}", file=sys.stderr)
        print(f"ตรวจและลบสคริปต์นั้นออกจากหน้าที่ระบุ หรือถ้าเป็นสคริปต์ของธีมรุ่นใหม่ ให้เพิ่มข้อความของสคริปต์ใน {KNOWN.name}", file=sys.stderr)
        return 1
    print(f"# generated by deploy/csp.py from {len(hashes)} distinct inline scripts of the theme; regenerate after every build")
    print(f'add_header Content-Security-Policy "{policy(hashes)}" always;')
    return 0


if __name__ == "__main__":
    sys.exit(main())
