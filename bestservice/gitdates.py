"""Last change date of content files from git, with ONE `git log` call for all of them."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changes(paths: list[Path]) -> dict[Path, dt.date]:
    """Map each file to the date of the last commit touching it; files git does not know are left out.

    Runs a single `git log --name-only` in the repository of the first file (the log is newest
    first, so the first time a file appears is its last change). No git, or no repository: {}.
    """
    paths = [Path(p).resolve() for p in paths]
    if not paths:
        return {}
    start = paths[0].parent
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=start, capture_output=True, text=True, timeout=30)
        if top.returncode != 0:
            return {}
        root = Path(top.stdout.strip()).resolve()
        log = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if log.returncode != 0:
        return {}
    wanted = {}
    for path in paths:
        try:
            wanted[path.relative_to(root).as_posix()] = path
        except ValueError:
            continue
    found: dict[Path, dt.date] = {}
    day = None
    for line in log.stdout.splitlines():
        if line.startswith("\x00"):
            try:
                day = dt.date.fromisoformat(line[1:].strip())
            except ValueError:
                day = None
            continue
        path = wanted.get(line.strip())
        if path is not None and path not in found and day is not None:
            found[path] = day
            if len(found) == len(wanted):
                break
    return found
