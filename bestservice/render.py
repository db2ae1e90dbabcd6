"""Contributor Markdown to safe HTML: python-markdown, then the nh3 sanitizer.

Contributor text is data. It never passes through Jinja or macros; its Markdown body is rendered
here and cleaned so that no script, event handler, style or javascript: URL survives.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache

import markdown
import nh3

from bestservice.content.load import MAX_MARKUP_SIGNS, markup_signs

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One parser for every body: building a Markdown instance costs more than converting a page."""
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def markdown_to_html(text: str) -> str:
    """Render a Markdown body (headings shifted below the page's own h1) and sanitize it.

    Images are dropped: the site must make no request to another host (intranet, offline)."""
    if not isinstance(text, str) or not text.strip():
        return ""
    return _rendered(text)


@lru_cache(maxsize=50_000)
def _rendered(text: str) -> str:
    """Kept by text: `mkdocs serve` renders again only the bodies an edit changed."""
    if markup_signs(text) > MAX_MARKUP_SIGNS:  # rendering it could take minutes: plain text
        return "\n".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())
    md = _markdown()
    md.reset()
    rendered = md.convert(text)
    rendered = rendered.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def escape(value) -> str:
    """Plain text for HTML (quotes included)."""
    return html.escape("" if value is None else str(value), quote=True)


def page_title(value: str) -> str:
    """A title for MkDocs' `title:` meta, which the theme prints without escaping: escaped here."""
    return escape(" ".join(str(value).split()))


# Characters that would let text inside <script> close it (<, > and & also keep the HTML parser out
# of comments and entities) or, unescaped, end a line of JavaScript (U+2028, U+2029).
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_html(value) -> str:
    """Compact JSON that is inert wherever it is put: in a <script> element, a script file or an attribute.
    (str.replace, not str.translate: translating Thai text goes character by character, 0.3 s for the
    check page's data at 5,000 projects.)"""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _SCRIPT_SAFE.items():
        text = text.replace(character, escaped)
    return text


def script_data(name: str, value) -> str:
    """A script file that sets `window.<name>`: pages load their data this way, which works from
    file:// as well as over http (fetch() does not)."""
    return f"window.{name}={json_for_html(value)};\n"
