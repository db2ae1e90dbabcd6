"""What was worked out from each content file, kept between runs (the knowledge base's .cache/).

Validating one changed file must not read and analyse the 5,000 that did not change: each entry is
keyed by the file's path, modification time and size, so an edit (or a checkout that touches the
file) makes it worked out again. The cache is the knowledge base's own, never committed (.cache/ is
in .gitignore), and any problem with it (missing, damaged, from another version) only means
starting over: it never changes a result.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from bestservice import __version__

T = TypeVar("T")


class FileCache:
    """One kind of value per content file (parsed documents, similarity features...)."""

    def __init__(self, path: Path, salt: str = "") -> None:
        self.path = Path(path)
        self.salt = f"{__version__}:{salt}"  # another version, or other reference data: start over
        self.used: dict[tuple, object] = {}
        self.kept: dict[tuple, object] | None = None

    @classmethod
    def carried_over(cls, entries: dict | None) -> FileCache:
        """A cache that lives in memory only, holding the `used` entries of the same process's last
        run (`mkdocs serve`): the values of unchanged files are the very same objects."""
        cache = cls(Path(os.devnull))
        cache.kept = dict(entries or {})
        return cache

    def _load(self) -> dict[tuple, object]:
        if self.kept is None:
            self.kept = {}
            with contextlib.suppress(Exception):  # a damaged or foreign file is only a cold start
                salt, entries = pickle.loads(self.path.read_bytes())
                if salt == self.salt:
                    self.kept = entries
        return self.kept

    def get(self, file: Path, make: Callable[[], T]) -> T:
        """The value for `file`, worked out by make() only when the file changed since it was kept."""
        stat = Path(file).stat()
        key = (str(file), stat.st_mtime_ns, stat.st_size)
        if key in self.used:
            return self.used[key]
        kept = self._load()
        value = kept[key] if key in kept else make()
        self.used[key] = value
        return value

    def save(self) -> None:
        """Keep this run's entries (those of deleted or changed files go); written whole or not at all."""
        if not self.used or self.used == self.kept:
            return
        with contextlib.suppress(OSError):  # a read-only checkout still validates, only slower
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            partial.write_bytes(pickle.dumps((self.salt, self.used), protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(self.path)
