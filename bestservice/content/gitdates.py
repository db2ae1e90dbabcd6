"""Dates of content files from git: when each was first added and last changed, from ONE `git log` call."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


class GitHistory:
    """When content files were first added and last changed, from ONE `git log` per commit checked out.

    A site build keeps one for all its builds: `mkdocs serve` rebuilds after every save, and a long
    history takes git a while to walk. A new commit (another HEAD) reads the log again."""

    def __init__(self) -> None:
        self._log: tuple[tuple[Path, str], str | None] | None = None

    def of(self, paths: list[Path]) -> dict[Path, tuple[dt.datetime, dt.datetime]]:
        """Map each file, as given, to (first added, last changed); files git does not know are left out.

        The log is newest first: the first time a file appears is its last change, the last time is
        when it was added. No git, or no repository: {}."""
        paths = [Path(p) for p in paths]
        if not paths:
            return {}
        try:
            top = subprocess.run(["git", "rev-parse", "--show-toplevel", "HEAD"], cwd=paths[0].parent, capture_output=True, text=True, timeout=30)
            if top.returncode != 0:  # no git, no repository, or no commit yet
                return {}
            root, head = top.stdout.split()
            root = Path(root).resolve()
            log = self._read(root, head)
        except (OSError, subprocess.SubprocessError, ValueError):
            return {}
        return _history(log, paths, root) if log is not None else {}

    def _read(self, root: Path, head: str) -> str | None:
        if self._log is None or self._log[0] != (root, head):
            log = subprocess.run(
                ["git", "-c", "core.quotepath=off", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "."],
                cwd=root,
                capture_output=True,
                text=True,
                timeout=120,
            )
            self._log = ((root, head), log.stdout if log.returncode == 0 else None)
        return self._log[1]

    def last_changes(self, paths: list[Path]) -> dict[Path, dt.date]:
        """The day of the last commit touching each file (shown on project and lesson pages)."""
        return {path: last.date() for path, (_, last) in self.of(paths).items()}

    def first_added(self, paths: list[Path]) -> dict[Path, dt.datetime]:
        """When each file was first committed (the date of a new entry in the feeds)."""
        return {path: first for path, (first, _) in self.of(paths).items()}


def _history(log: str, paths: list[Path], root: Path) -> dict[Path, tuple[dt.datetime, dt.datetime]]:
    wanted = {}
    folders: dict[Path, Path] = {}  # each folder resolved once: thousands of files share a few
    for path in paths:
        folder = folders.get(path.parent) or folders.setdefault(path.parent, path.parent.resolve())
        try:
            wanted[(folder / path.name).relative_to(root).as_posix()] = path
        except ValueError:
            continue
    history: dict[Path, tuple[dt.datetime, dt.datetime]] = {}
    when = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            try:
                when = dt.datetime.fromisoformat(line[1:].strip())
            except ValueError:
                when = None
            continue
        path = wanted.get(line.strip())
        if path is not None and when is not None:
            last = history[path][1] if path in history else when
            history[path] = (when, last)
    return history
