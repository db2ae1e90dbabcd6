"""The staging folder: the whole site as plain files, so a generator without our plugin builds it.

    .venv/bin/python -m bestservice_mkdocs.staging --out build/staging   (make build-staged)

writes `OUT/mkdocs.yml` (the knowledge base's own, with no plugins) and `OUT/docs/`: the hand-written
pages with the guide's macros already rendered, and everything the `bestservice` plugin adds during a
build: the generated pages, the search index, the check page's data, the open data and feeds and the
proposal form's data. MkDocs + Material with no plugin, or Material's successor Zensical (which ignores
MkDocs plugins), then only renders Markdown and copies files. Every part comes from the same functions
the plugin calls; this module only writes their output to disk instead of handing it to MkDocs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import jinja2
import markdown
import yaml

from bestservice.content import load_content
from bestservice.content.problems import ContentError
from bestservice.content.reference import load_reference
from bestservice.data import export
from bestservice.kb import from_config_file
from bestservice.pages import Page, generate_pages, write_pages
from bestservice.search.index import index_rendered_site
from bestservice.similar.browser import FILE_NAME, browser_script
from bestservice_mkdocs import macros
from bestservice_mkdocs.data import data_and_feeds, form_html

FRONT_MATTER_END = "\n---\n"


def stage(config_file: Path, out: Path) -> dict:
    """Write the staging folder for the knowledge base of `config_file`; return what it holds."""
    kb = from_config_file(config_file)
    config = yaml.safe_load(Path(config_file).read_text(encoding="utf-8"))
    reference = load_reference(kb.reference_dir)
    content = load_content(kb.projects_dir, kb.lessons_dir)
    if content.unreadable:
        raise ContentError(sorted(content.unreadable))
    docs = Path(out) / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    site_name = config.get("site_name") or ""

    generated = generate_pages(content, reference)
    write_pages(generated, docs)
    # the hand-written pages shadow generated ones at the same path, as in a build
    source = Path(config_file).parent / config.get("docs_dir", "docs")
    shutil.copytree(source, docs, dirs_exist_ok=True)
    hand_pages = [docs / path.relative_to(source) for path in sorted(source.rglob("*.md"))]
    env = MacroEnvironment(config_file)
    macros.define_env(env)  # reads the reference data once for every guide page
    for path in hand_pages:
        _render_macros(path, docs, env)
    files = {"data/index.md": export.data_page(content, reference)} | data_and_feeds(content, reference, site_name, config.get("site_url") or "")
    for name, text in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    hand_pages += [docs / name for name in files if name.endswith(".md")]
    propose = docs / "propose" / "index.md"
    if propose.is_file():
        propose.write_text(propose.read_text(encoding="utf-8") + "\n" + form_html(content, reference, "../") + "\n", encoding="utf-8")
    (docs / "check" / FILE_NAME).write_text(browser_script(content, reference), encoding="utf-8")

    shadowed = {_url(path.relative_to(docs)) for path in hand_pages}
    bodies = [(item.url, item.title, item.html) for item in generated if isinstance(item, Page) and item.url not in shadowed]
    others = [_rendered(path, docs, config, site_name) for path in hand_pages]
    stats = index_rendered_site(docs, content, reference, site_name, [bodies, others])

    staged = {key: value for key, value in config.items() if key not in ("plugins", "docs_dir", "site_dir")}
    # No plugin but the theme's search, switched off (the site searches with its own index): with no
    # plugins at all, MkDocs and Zensical both add their search.
    staged |= {"docs_dir": "docs", "site_dir": "site", "plugins": [{"search": {"enabled": False}}]}
    staged["markdown_extensions"] = [*config.get("markdown_extensions", []), "bestservice_mkdocs.html_toc"]
    staged["theme"] = _with_feed_link(dict(config.get("theme") or {}), Path(config_file).parent, Path(out))
    (Path(out) / "mkdocs.yml").write_text(
        "# Written by bestservice_mkdocs.staging: a complete site source, no plugins needed.\n" + yaml.safe_dump(staged, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return {"pages": sum(isinstance(item, Page) for item in generated) + len(hand_pages), "files": sum(1 for p in docs.rglob("*") if p.is_file()), **stats}


FEED_LINK = """{% extends "base.html" %}
{% block extrahead %}{{ super() }}{% if page %}<link rel="alternate" type="application/atom+xml" title="{{ config.site_name | e }}: โครงการและบทเรียนใหม่" href="{{ base_url }}/feed.xml">{% endif %}{% endblock %}
"""


def _with_feed_link(theme: dict, root: Path, out: Path) -> dict:
    """The plugin links the site's Atom feed from every page's <head>; here a theme override does
    (not from 404.html, which has no page and is served at any depth, as in the plugin build)."""
    overrides = out / "overrides"
    if overrides.exists():
        shutil.rmtree(overrides)
    if theme.get("custom_dir"):
        shutil.copytree(root / theme["custom_dir"], overrides)
    overrides.mkdir(parents=True, exist_ok=True)
    if not (overrides / "main.html").exists():  # a knowledge base's own main.html links what it wants
        (overrides / "main.html").write_text(FEED_LINK, encoding="utf-8")
    return theme | {"custom_dir": "overrides"}


def _url(relative: Path) -> str:
    """A page's URL with directory URLs: guide/process.md → guide/process/, guide/index.md → guide/."""
    parts = relative.with_suffix("").as_posix()
    if parts == "index":
        return ""
    return parts[: -len("index")] if parts.endswith("/index") else parts + "/"


def _split(text: str) -> tuple[dict, str, str]:
    """(front matter, its text, the body) of a Markdown file."""
    if text.startswith("---\n") and FRONT_MATTER_END in text[3:]:
        end = text.index(FRONT_MATTER_END, 3)
        head = text[4:end]
        return yaml.safe_load(head) or {}, text[: end + len(FRONT_MATTER_END)], text[end + len(FRONT_MATTER_END) :]
    return {}, "", text


def _render_macros(path: Path, docs: Path, env: MacroEnvironment) -> None:
    """Render a hand-written page that asks for it (`render_macros: true`) with the guide's own macros."""
    text = path.read_text(encoding="utf-8")
    meta, head, body = _split(text)
    if meta.get("render_macros") is not True:
        return
    relative = path.relative_to(docs)
    env.page = SimpleNamespace(url=_url(relative), file=SimpleNamespace(src_uri=relative.as_posix()))
    env.markdown = env.render(body)
    macros.on_post_page_macros(env)
    head = head.replace("render_macros: true\n", "")
    path.write_text(("" if head == "---\n---\n" else head) + env.markdown.lstrip("\n"), encoding="utf-8")


class MacroEnvironment:
    """What the guide's macros module needs of mkdocs-macros: variables, @macro, the page being
    rendered, the config. Strict like the site's settings (on_undefined: strict): an unknown name
    stops the staging."""

    def __init__(self, config_file: Path) -> None:
        self.conf = SimpleNamespace(config_file_path=str(config_file))
        self.page = None
        self.variables: dict = {}
        self.markdown = ""
        self.jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)

    def macro(self, function):
        self.variables[function.__name__] = function
        return function

    def render(self, text: str) -> str:
        return self.jinja.from_string(text).render(self.variables)


def _rendered(path: Path, docs: Path, config: dict, site_name: str) -> tuple[str, str, str]:
    """(url, title, body HTML) of a hand-written page, as the search index gets it from MkDocs."""
    meta, _, body = _split(path.read_text(encoding="utf-8"))
    extensions, settings = [], {}
    for item in config.get("markdown_extensions", []):
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        extensions.append(name)
        if options:
            settings[name] = options
    html = markdown.Markdown(extensions=extensions, extension_configs=settings).convert(body)
    title = meta.get("title") or next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), site_name)
    return _url(path.relative_to(docs)), title, html


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="เขียนโฟลเดอร์ staging: ต้นฉบับเว็บไซต์ครบทุกไฟล์ สร้างได้โดยไม่ต้องใช้ปลั๊กอิน (a complete site source)")
    parser.add_argument("--out", type=Path, required=True, help="โฟลเดอร์ปลายทาง เช่น build/staging")
    parser.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml ของคลังความรู้")
    args = parser.parse_args(argv)
    try:
        stats = stage(args.config_file.absolute(), args.out)
    except ContentError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    print(f"เขียน {stats['pages']} หน้า ({stats['files']} ไฟล์) ลงใน {args.out}: สร้างต่อด้วย mkdocs build -f {args.out}/mkdocs.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
