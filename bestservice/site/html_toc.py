"""Python-Markdown extension `bestservice.site.html_toc`: a table of contents for a page whose body
is finished HTML.

The site source's generated pages are HTML inside Markdown files, and the toc extension reads
only Markdown headings. This fills in `toc_tokens`, when the toc extension found none, from the
page's own <h2>/<h3 id> by the function the plugin's pages use (bestservice.pages.base.html_toc), so
the staged build shows the same table of contents (and Material's skip link that comes with it). A
Markdown extension, not a MkDocs plugin: generators that ignore MkDocs plugins still load these.
"""

from __future__ import annotations

from markdown import Extension
from markdown.postprocessors import Postprocessor

from bestservice.pages.base import html_toc


class HtmlToc(Postprocessor):
    def run(self, text: str) -> str:
        if not getattr(self.md, "toc_tokens", None):
            self.md.toc_tokens = html_toc(text)
        return text


class HtmlTocExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.postprocessors.register(HtmlToc(md), "bestservice_html_toc", 0)  # last: after raw HTML is back in place


def makeExtension(**kwargs) -> HtmlTocExtension:
    return HtmlTocExtension(**kwargs)
