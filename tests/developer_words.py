"""What a page for the public must not show: the words of the files and the code (issue 29).

The list: every field name of the schemas (a name with `_` anywhere in a page; any other name when the
page shows it as code), every validation rule's name, the content and reference file paths, the
commands, and the words YAML, Markdown and front matter. One page holds them on purpose: the page for
editors (editors/). The open-data page (data/) documents the columns of the exports for developers.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bestservice.content import rules
from bestservice.content.schema import load_schema
from bestservice.similar import rule as similar_rule

FOR_EDITORS_AND_DEVELOPERS = ("editors/", "data/")
CODE_TAGS = {"code", "kbd", "pre", "samp"}
NOT_TEXT = {"script", "style", "svg", "template"}


def field_names(schema: dict) -> set[str]:
    names = set()
    for name, node in schema.get("properties", {}).items():
        names.add(name)
        names |= field_names(node.get("items", node) if node.get("type") == "array" else node)
    return names


FIELDS = field_names(load_schema("project")) | field_names(load_schema("lesson"))
RULES = {rule.__name__ for rule in [*rules.PROJECT_RULES, *rules.LESSON_RULES, *similar_rule.SIMILAR_RULES]}


def _words(names) -> re.Pattern:
    return re.compile(r"(?<![\w./-])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?![\w-])")


ANYWHERE = [
    _words({name for name in FIELDS if "_" in name} | RULES),
    re.compile(r"\b(?:reference|schema|projects|lessons)/\S*|[\w-]+\.(?:ya?ml|md)\b"),  # file paths
    re.compile(r"\b(?:bestservice|mkdocs)\b|\bYAML\b|\bMarkdown\b|\bfront matter\b"),
]
IN_CODE = _words(FIELDS)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.code = 0
        self.text: list[str] = []
        self.code_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.skip += tag in NOT_TEXT
        self.code += tag in CODE_TAGS

    def handle_endtag(self, tag):
        self.skip -= tag in NOT_TEXT
        self.code -= tag in CODE_TAGS

    def handle_data(self, data):
        if not self.skip:
            (self.code_text if self.code else self.text).append(data)


def developer_words(html: str) -> list[str]:
    """The developer words a page's visible text holds."""
    page = _Text()
    page.feed(html)
    text, code = " ".join(page.text), " ".join(page.code_text)
    found = [hit.group() for pattern in ANYWHERE for hit in pattern.finditer(text + " " + code)]
    found += [hit.group() for hit in IN_CODE.finditer(code)]
    return sorted(set(found))


def visible_words(text: str) -> list[str]:
    """The developer words of a page's text as the browser shows it (innerText: code is not told apart)."""
    return sorted({hit.group() for pattern in ANYWHERE for hit in pattern.finditer(text)})
