"""One located problem in a content file, formatted the same way everywhere.

Every message is Thai, names the English field, and says how to fix it:
`path:line: field: <Thai message> (<English field name>) — <how to fix>`.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


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
        return f"{self.path}:{self.line}: {self.field}: {label}{self.message} ({self.field_en}) — {self.fix}"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
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
