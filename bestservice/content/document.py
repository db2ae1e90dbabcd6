"""One content file as the rest of the product reads it: its front matter, body and where each field is,
with the derived fields (fiscal year, unit, title) worked out once; and the document as the user's cache
keeps it (content.cache)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import orjson

from bestservice.content.problems import Problem

Location = tuple  # a path into the data, e.g. ("kpis", 0, "target")


@dataclass
class Document:
    """One content file: its front matter, its Markdown body and where each field is.

    `data` holds the values as the schema means them (content.values: ISO dates, real numbers),
    `problems` what is wrong with the file that did not stop it being read (a missing body, a
    duplicate field): reported with the schema's and the rules' findings, all in one run."""

    path: Path
    kind: str  # "project" or "lesson"
    data: dict
    body: str
    lines: dict = field(default_factory=dict)
    body_line: int = 1
    problems: list = field(default_factory=list)
    # the file as it was read (path, modification time, size), when read through a FileMemo: what was
    # worked out from this document is kept under it (content.cache.FileMemo.of)
    source: tuple | None = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else self.path.stem

    # Derived fields, worked out once and read defensively: content may be invalid (validate says
    # how), and every page, check and export reads a field the same way.
    @cached_property
    def fiscal_year(self) -> int | None:
        return fiscal_year_value(self.data.get("fiscal_year"))

    @cached_property
    def unit(self) -> str:
        value = self.data.get("unit")
        return value if isinstance(value, str) else ""

    @cached_property
    def title(self) -> str:
        value = self.data.get("title")
        return value if isinstance(value, str) and value.strip() else self.id

    @property
    def display_path(self) -> str:
        return display_path(self.path)

    def as_json(self) -> dict:
        """The document as JSON (the validate cache keeps it so between runs)."""
        return {
            "path": str(self.path),
            "kind": self.kind,
            "data": self.data,
            "body": self.body,
            "lines": self.lines.text if isinstance(self.lines, KeptLines) else KeptLines.encode(self.lines),
            "body_line": self.body_line,
            "problems": [problem.as_dict() for problem in self.problems],
        }

    @classmethod
    def from_json(cls, value: dict) -> Document:
        problems = [Problem(**problem) for problem in value["problems"]]
        return cls(Path(value["path"]), value["kind"], value["data"], value["body"], KeptLines(str(value["lines"])), value["body_line"], problems)

    def entries(self, name: str) -> list:
        """The items of a list field; a field holding one value or a mapping has none to go through
        (its type is the schema's to explain, with its line)."""
        value = self.data.get(name)
        return value if isinstance(value, list) else []

    def line_of(self, location: Location) -> int:
        """The line of a field, or of its closest parent that exists."""
        location = tuple(location)
        while location:
            if location in self.lines:
                return self.lines[location]
            location = location[:-1]
        return self.lines.get((), 1)


class KeptLines(Mapping):
    """Where each field of a kept document is, as the cache keeps it (one JSON text), read only when one
    of its problems is located: decoding every document's lines was a fifth of a one-file check at 5,000
    projects, for the few files that have something to report."""

    def __init__(self, text: str) -> None:
        self.text = text

    @staticmethod
    def encode(lines: dict) -> str:
        return orjson.dumps([[list(location), line] for location, line in lines.items()]).decode("utf-8")

    @cached_property
    def _lines(self) -> dict:
        return {tuple(location): line for location, line in orjson.loads(self.text)}

    def __getitem__(self, location: Location) -> int:
        return self._lines[location]

    def __iter__(self) -> Iterator:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


def fiscal_year_value(value) -> int | None:
    """A fiscal year as a file or a form gives it: a whole number of at most six digits (the schema says
    which are valid; a number longer than any year is none, and Python will not even read one of
    thousands of digits)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if abs(value) < 1_000_000 else None
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 6:
        return int(value.strip())  # int() reads Thai digits too
    return None


def display_path(path: Path) -> str:
    """A path inside the working directory relative to it (what a person can click on), any other whole."""
    return _display_path(os.fspath(path), os.getcwd())


@lru_cache(maxsize=65536)
def _display_path(path: str, working_directory: str) -> str:
    """(Kept: a build asks for each file's several times over, and relpath was 0.4 s of a rebuild at 5,000 projects.)"""
    try:
        relative = os.path.relpath(path, working_directory)
    except ValueError:
        return path
    return path if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative
