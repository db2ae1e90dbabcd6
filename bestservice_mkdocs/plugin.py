"""The site's one MkDocs plugin: hands the core's work to MkDocs, part by part, in a fixed order.

Each part is a module with MkDocs event functions (as a hook file would have). The order is written
here, not in mkdocs.yml, because it matters: the similar check's second process starts as soon as
the content is read (on_config), the search index sees the generated pages as the core makes them
(on_files) before the pages part hands them to MkDocs, and the data part adds its files last.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as option
from mkdocs.plugins import BasePlugin

from bestservice_mkdocs import data, editing, pages, search, similar

PARTS = {"similar": similar, "search": search, "pages": pages, "data": data, "editing": editing}


def _chain(event: str):
    """An event method that passes its item through every part's function for that event, as MkDocs
    does between plugins: a part that returns None leaves the item as it was."""

    def method(self, *args, **kwargs):
        item, rest = (args[0], args[1:]) if args else (None, ())
        for name, part in PARTS.items():
            function = getattr(part, event, None) if name in self.config.parts else None
            if function is not None:
                result = function(item, *rest, **kwargs) if args else function(**kwargs)
                item = item if result is None else result
        return item

    method.__name__ = event
    return method


class BestServiceConfig(base.Config):
    # Every part by default; the benchmark builds with `parts: [pages]` to see what the others cost.
    parts = option.ListOfItems(option.Choice(tuple(PARTS)), default=list(PARTS))


class BestServicePlugin(BasePlugin[BestServiceConfig]):
    """`plugins: [bestservice]`: catalogue pages, Thai search, similar-check data, open data and feeds."""

    on_startup = _chain("on_startup")
    on_config = _chain("on_config")
    on_files = _chain("on_files")
    on_nav = _chain("on_nav")
    on_env = _chain("on_env")
    on_page_content = _chain("on_page_content")
    on_post_page = _chain("on_post_page")
    on_post_build = _chain("on_post_build")
    on_serve = _chain("on_serve")
