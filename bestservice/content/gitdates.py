"""Dates of content files from git: when each was first added and last changed, from ONE `git log` call."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def file_history(paths: list[Path]) -> dict[Path, tuple[dt.datetime, dt.datetime]]:
    """Map each file, as given, to (first added, last changed); files git does not know are left out.

    Runs a single `git log --name-only` in the repository of the first file. The log is newest
    first: the first time a file appears is its last change, the last time is when it was added.
    No git, or no repository: {}.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        return {}
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel", "HEAD"], cwd=paths[0].parent, capture_output=True, text=True, timeout=30)
        if top.returncode != 0:  # no git, no repository, or no commit yet
            return {}
        root, head = top.stdout.split()
        root = Path(root).resolve()
        log = _log(root, head)
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    if log is None:
        return {}
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


_logs: dict[tuple[Path, str], str | None] = {}


def _log(root: Path, head: str) -> str | None:
    """The repository's log of file names, read once per commit checked out: `mkdocs serve`
    rebuilds on every save, and a long history takes git a while to walk."""
    if (root, head) not in _logs:
        log = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
        )
        _logs.clear()
        _logs[(root, head)] = log.stdout if log.returncode == 0 else None
    return _logs[(root, head)]


def last_changes(paths: list[Path]) -> dict[Path, dt.date]:
    """The day of the last commit touching each file (shown on project and lesson pages)."""
    return {path: last.date() for path, (_, last) in file_history(paths).items()}


def first_added(paths: list[Path]) -> dict[Path, dt.datetime]:
    """When each file was first committed (the date of a new entry in the feeds)."""
    return {path: first for path, (first, _) in file_history(paths).items()}
