"""The knowledge base's hand-written pages (docs/*.md): read as the site build needs them.

Two things need them besides MkDocs: the search index (their text, as HTML) and the site source for
generators without plugins (their guide macros rendered). Both are worked out here from the Markdown,
with the site's own Markdown extensions and the guide's macros (bestservice.pages.guide_markdown), so
the index holds what a reader of the built page sees.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.sandbox
import markdown
import yaml

from bestservice.content.document import display_path
from bestservice.content.load import read_inside
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


def site_folders(root: Path, folder: Path) -> tuple[str, ...]:
    """Where the files of a folder of the site (docs/, the theme's overrides) may be read from: the
    knowledge base and, when it lies inside it as mkdocs.yml names it, that folder wherever it links to."""
    named = Path(os.path.abspath(Path(root) / folder))  # ../ taken away as written, links not followed
    inside = named.is_relative_to(os.path.abspath(root))
    return (os.path.realpath(root), os.path.realpath(named)) if inside else (os.path.realpath(root),)


def page_url(source: str) -> str:
    """The address MkDocs gives a Markdown file with directory URLs: guide/process.md → guide/process/."""
    stem = source.removesuffix(".md")
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def split_front_matter(text: str, source: str = "") -> tuple[dict, str, str]:
    """(front matter, its text including the fences, the body) of a Markdown file; front matter that is
    not a mapping of YAML is a located error (`source`: the file, for the message)."""
    if text.startswith(FENCE):
        end = text.find("\n" + FENCE, 3)
        if end != -1:
            head = text[: end + 1 + len(FENCE)]
            try:
                meta = yaml.safe_load(text[len(FENCE) : end + 1]) or {}
            except yaml.YAMLError as err:
                mark = getattr(err, "problem_mark", None)
                raise _page_error(source, (mark.line + 2) if mark else 1, f"ส่วนหัว YAML อ่านไม่ได้ ({getattr(err, 'problem', None) or err})") from None
            if not isinstance(meta, dict):
                raise _page_error(source, 2, "ส่วนหัว YAML ต้องเป็นหัวข้อและค่า (mapping) เช่น title: ...")
            return meta, head, text[end + 1 + len(FENCE) :]
    return {}, "", text


def _page_error(source: str, line: int, message: str, fix: str = "แก้ส่วนหัวระหว่างบรรทัด --- ให้เป็น YAML แบบ key: value") -> ContentError:
    return ContentError([Problem(source, line, "file", message, "page", fix)])


def markdown_page(source: str, text: str) -> HandPage:
    """A Markdown page the build writes (the data page): indexed like the hand-written ones."""
    meta, head, body = split_front_matter(text)
    return HandPage(source, page_url(source), meta, head, body, macros=False)


def hand_pages(docs_dir: Path, reference: Reference, root: Path) -> list[HandPage]:
    """Every Markdown page of docs/, in path order, the guide's macros rendered where a page asks for
    them. `root`: the knowledge base; no page is read from outside it or docs/ (through a link)."""
    pages = []
    current = {"url": ""}
    guide = GuideMarkdown(reference, here=lambda: current["url"])
    jinja = GuideSandbox(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    for path in sorted(Path(docs_dir).rglob("*.md")):
        source = path.relative_to(docs_dir).as_posix()
        raw = read_inside(path, site_folders(root, docs_dir))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise _page_error(display_path(path), raw[: err.start].count(b"\n") + 1, "ไฟล์ไม่ได้เข้ารหัสเป็น UTF-8", "บันทึกไฟล์ใหม่เป็น UTF-8") from None
        meta, head, body = split_front_matter(text, display_path(path))
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


class GuideSandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Where a hand-written page's macros run: a page is read from a checkout anyone may have written, so
    its template reaches no Python internals (Jinja's sandbox), changes nothing, and makes nothing large:
    no statements (`{% for %}` could loop without end; the guide's pages need only `{{ expressions }}`),
    ranges and repeated strings or lists of at most MAX_ITEMS."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise jinja2.sandbox.SecurityError("a power this large is not computed")
        if operator == "*" and any(isinstance(side, str | list | tuple) for side in (left, right)):
            count = right if isinstance(left, str | list | tuple) else left
            size = len(left if isinstance(left, str | list | tuple) else right)
            if isinstance(count, int) and count * size > MAX_ITEMS:
                raise jinja2.sandbox.SecurityError("a repeat this long is not made")
        return super().call_binop(context, operator, left, right)


MAX_ITEMS = 100_000


def _rendered(jinja: jinja2.Environment, body: str, guide: GuideMarkdown, path: Path) -> str:
    """A guide page's macros rendered; a mistake in the page is a located error, not a traceback."""
    if "{%" in body:
        line = body[: body.index("{%")].count("\n") + 1
        raise ContentError(
            [Problem(display_path(path), line, "macro", "หน้าคู่มือใช้ได้เฉพาะคำสั่ง {{ ... }} ไม่ใช้ {% ... %}", "guide macro", "เรียกคำสั่งของคู่มือในวงเล็บ {{ }} แทน")]
        )
    try:
        return jinja.from_string(body).render(guide.macros())
    except jinja2.TemplateSyntaxError as err:
        raise ContentError(
            [Problem(display_path(path), err.lineno or 1, "macro", f"เขียนคำสั่งแมโครผิดรูปแบบ: {err.message}", "guide macro", "ตรวจวงเล็บ {{ }} และชื่อคำสั่งในบรรทัดนี้")]
        ) from None
    except Exception as err:  # noqa: BLE001 — anything a page's template does wrong is that page's problem
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

    def check(self, config_file: Path) -> None:
        """Every extension can be loaded with its settings (from the installed packages: the CLI never
        imports from the working directory), or a located error, before any page is rendered."""
        try:
            markdown.Markdown(extensions=self.names, extension_configs=self.settings)
        except Exception as err:  # noqa: BLE001 — an extension's own errors are as many as its options
            raise ContentError(
                [
                    Problem(
                        display_path(config_file),
                        1,
                        "markdown_extensions",
                        f"ใช้ส่วนขยาย Markdown ตามที่ตั้งไว้ไม่ได้ ({type(err).__name__}: {err})",
                        "site settings",
                        "ตรวจชื่อและการตั้งค่าของส่วนขยายใน markdown_extensions ให้ตรงกับแพ็กเกจที่ติดตั้งไว้",
                    )
                ]
            ) from None
