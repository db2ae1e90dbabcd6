"""One located problem in a content file, formatted the same way everywhere.

Every message is Thai, names the English field, and says how to fix it:
`path:line: field: <Thai message> (<English field name>) — <how to fix>`.

Values from content reach a terminal: every character a terminal would obey rather than show
(an escape sequence that clears or retitles it, a bidi control that reorders the line) is shown
as an escape instead (`visible`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

# Control characters (C0 but tab, DEL, C1), the bidi controls (U+061C, U+200E-U+200F, U+202A-U+202E,
# U+2066-U+2069), the line and paragraph separators, and lone surrogates (bytes of a file name that is not UTF-8).
HIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str, keep: str = "") -> str:
    """The text with each character a terminal would act on written as an escape (ESC as `\\x1b`,
    U+202E as `\\u202e`); the characters in `keep` (a line break in multi-line output) stay."""
    return HIDDEN.sub(lambda found: found.group() if found.group() in keep else _escape(ord(found.group())), text)


def _escape(code: int) -> str:
    if 0xDC80 <= code <= 0xDCFF:  # how Python keeps a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    field_en: str
    fix: str
    severity: str = ERROR

    def format(self) -> str:
        label = "" if self.severity == ERROR else "คำเตือน: "
        return visible(f"{self.path}:{self.line}: {self.field}: {label}{self.message} ({self.field_en}) — {self.fix}")

    def as_dict(self) -> dict:
        return {
            "path": visible(self.path),  # a file name that is not UTF-8 has no exact JSON string
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "field_en": self.field_en,
            "fix": self.fix,
            "severity": self.severity,
        }


class ContentError(Exception):
    """Raised when a file cannot be read at all; carries the located problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


def most_important_first(problems) -> list[Problem]:
    """Each file's problems once, its errors before its warnings, each kind in the order of the file's lines."""
    return sorted(set(problems), key=lambda p: (p.path, p.severity != ERROR, p.line, p.field, p.message, p.field_en, p.fix))
