"""The knowledge base's hand-written pages (docs/*.md): read as the site build needs them.

Two things need them besides MkDocs: the search index (their text, as HTML) and the site source for
generators without plugins (their guide macros rendered). Both are worked out here from the Markdown,
with the site's own Markdown extensions and the guide's macros (bestservice.pages.guide_markdown), so
the index holds what a reader of the built page sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown
import yaml

from bestservice.content.document import display_path
from bestservice.content.problems import ContentError, Problem
from bestservice.content.reference import Reference
from bestservice.pages.guide_markdown import GuideMarkdown

FENCE = "---\n"
MACROS_FLAG = "render_macros"


@dataclass
class HandPage:
    """One Markdown file of docs/: its address, its front matter and its text with macros rendered."""

    source: str  # path under docs/, e.g. guide/criteria.md
    url: str
    meta: dict
    front_matter: str  # the file's front matter as written (without the macros flag once rendered)
    markdown: str
    macros: bool  # made with the guide's macros (so from the reference data too)

    @property
    def text(self) -> str:
        """The page as a Markdown file that needs no macros plugin."""
        return self.front_matter + self.markdown

    def title(self, site_name: str) -> str:
        """What the theme shows as its title: front matter, else the first heading, else the site's name."""
        heading = next((line[2:].strip() for line in self.markdown.splitlines() if line.startswith("# ")), None)
        return str(self.meta.get("title") or heading or site_name)


def page_url(source: str) -> str:
    """The address MkDocs gives a Markdown file with directory URLs: guide/process.md → guide/process/."""
    stem = source.removesuffix(".md")
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def split_front_matter(text: str) -> tuple[dict, str, str]:
    """(front matter, its text including the fences, the body) of a Markdown file."""
    if text.startswith(FENCE):
        end = text.find("\n" + FENCE, 3)
        if end != -1:
            head = text[: end + 1 + len(FENCE)]
            return yaml.safe_load(text[len(FENCE) : end + 1]) or {}, head, text[end + 1 + len(FENCE) :]
    return {}, "", text


def markdown_page(source: str, text: str) -> HandPage:
    """A Markdown page the build writes (the data page): indexed like the hand-written ones."""
    meta, head, body = split_front_matter(text)
    return HandPage(source, page_url(source), meta, head, body, macros=False)


def hand_pages(docs_dir: Path, reference: Reference) -> list[HandPage]:
    """Every Markdown page of docs/, in path order, the guide's macros rendered where a page asks for them."""
    pages = []
    current = {"url": ""}
    guide = GuideMarkdown(reference, here=lambda: current["url"])
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    for path in sorted(Path(docs_dir).rglob("*.md")):
        source = path.relative_to(docs_dir).as_posix()
        meta, head, body = split_front_matter(path.read_text(encoding="utf-8"))
        current["url"] = page_url(source)
        macros = meta.get(MACROS_FLAG) is True
        if macros:
            body = _rendered(jinja, body, guide, path).lstrip("\n")
            if source.startswith("guide/"):
                body = guide.with_term_links(body)
            head = head.replace(f"{MACROS_FLAG}: true\n", "")
            head = "" if head == FENCE + FENCE else head
        pages.append(HandPage(source, current["url"], {k: v for k, v in meta.items() if k != MACROS_FLAG}, head, body, macros))
    return pages


def _rendered(jinja: jinja2.Environment, body: str, guide: GuideMarkdown, path: Path) -> str:
    """A guide page's macros rendered; a mistake in the page is a located error, not a traceback."""
    try:
        return jinja.from_string(body).render(guide.macros())
    except jinja2.TemplateSyntaxError as err:
        raise ContentError(
            [Problem(display_path(path), err.lineno or 1, "macro", f"เขียนคำสั่งแมโครผิดรูปแบบ: {err.message}", "guide macro", "ตรวจวงเล็บ {{ }} และชื่อคำสั่งในบรรทัดนี้")]
        ) from None
    except (jinja2.TemplateError, KeyError, TypeError) as err:
        raise ContentError(
            [
                Problem(
                    display_path(path),
                    1,
                    "macro",
                    f"ใช้คำสั่งแมโครไม่ได้: {err}",
                    "guide macro",
                    "ใช้เฉพาะคำสั่งที่มีในคู่มือ (bestservice.pages.guide_markdown) และรหัสที่มีในข้อมูลอ้างอิง",
                )
            ]
        ) from None


class MarkdownRenderer:
    """The site's Markdown extensions (mkdocs.yml `markdown_extensions`), as MkDocs applies them."""

    def __init__(self, extensions: list) -> None:
        names, settings = [], {}
        for item in extensions:
            name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            names.append(name)
            if options:
                settings[name] = options
        self.names, self.settings = names, settings

    def html(self, text: str) -> str:
        return markdown.Markdown(extensions=self.names, extension_configs=self.settings).convert(text)
