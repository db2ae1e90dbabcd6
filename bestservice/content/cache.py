"""What was worked out from each content file, kept so that one changed file costs little more than itself.

Two keepers, both keyed by a file's path, modification time and size (an edit, or a checkout that
touches the file, makes its value worked out again):

- `FileMemo`: in memory, for the next build of the same process (`mkdocs serve` rebuilds after every
  save): the values of unchanged files are the very same objects.
- `DiskCache`: between runs of `bestservice validate` (the pre-commit hook) and builds. It lives OUTSIDE the
  knowledge base, in the user's cache folder, because a checkout is written by many people: a file
  committed into it (`git add -f .cache/...`) must never decide what a check finds, let alone run as
  code. It is JSON, never pickle; its format, version and salt are checked before anything in it is
  used, and any doubt (missing, damaged, foreign, another version) only means starting over. orjson
  reads and writes it: decoding the cache was half of a one-file check at 5,000 projects.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

import orjson

from bestservice import __version__
from bestservice.content.problems import ContentError
from bestservice.files import regular_file_bytes, write_file

T = TypeVar("T")
FORMAT = "bestservice-cache"
FORMAT_VERSION = 7
# Where earlier versions kept caches inside the checkout (validate's, and compiled theme templates):
# never read, only reported.
LEGACY_FOLDERS = (Path(".cache") / "bestservice", Path(".cache") / "jinja")


def file_key(path: Path) -> tuple[str, int, int]:
    stat = os.stat(path)
    return (str(path), stat.st_mtime_ns, stat.st_size)


class Memo(Generic[T]):
    """Values worked out in an earlier build (`kept`), reused for equal keys; `used` holds what this
    build used, to carry over to the next (what is no longer used is dropped)."""

    def __init__(self, kept: dict | None = None) -> None:
        self.kept: dict = dict(kept or {})
        self.used: dict = {}

    def get(self, key, make: Callable[[], T]) -> T:
        if key in self.used:
            return self.used[key]
        value = self.kept[key] if key in self.kept else make()
        self.used[key] = value
        return value


def changes_since(used: dict, kept: dict) -> tuple[list[int], dict]:
    """A memo's `used` as changes to the `kept` it started from: which kept entries it used (their
    positions in kept's order) and its new entries. A build's second process sends these back, not the
    memo: the parent holds `kept` already (the child inherited it), and sending every page's search
    words back after each save took longer than the work itself."""
    positions = {key: number for number, key in enumerate(kept)}
    return [positions[key] for key in used if key in positions], {key: value for key, value in used.items() if key not in positions}


def with_changes(kept: dict, changes: tuple[list[int], dict]) -> dict:
    """The `used` of a memo that started from `kept`, from its changes_since()."""
    numbers, new = changes
    keys = list(kept)
    return {**{keys[number]: kept[keys[number]] for number in numbers}, **new}


class FileMemo(Memo[T]):
    """Values by file, worked out again only for files changed since the memo they were carried over from."""

    def get(self, file: Path, make: Callable[[], T]) -> T:
        """The value for `file`, worked out by make() only when the file changed since it was kept."""
        return super().get(file_key(file), make)

    def of(self, doc, make: Callable[[], T]) -> T:
        """The value for a Document, under the key of the file it was read from (no second look at the file)."""
        return super().get(doc.source or file_key(doc.path), make)

    def document(self, path: Path, read: Callable[[], T]) -> T:
        """A file's Document, read only when the file changed; it keeps the key it is kept under
        (`Document.source`), which the memos of what is worked out from it use (`of`)."""
        key = file_key(path)
        doc = super().get(key, read)
        doc.source = key
        return doc

    def changed(self) -> set[str]:
        """Paths whose value was worked out anew (or dropped) since the memo this one was carried over from."""
        return {key[0] for key in self.used.keys() ^ self.kept.keys()}


def cache_home() -> Path | None:
    """The user's cache folder for bestservice (BESTSERVICE_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache)."""
    if os.environ.get("BESTSERVICE_CACHE_DIR"):
        return Path(os.environ["BESTSERVICE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or (str(Path.home() / ".cache") if Path.home() != Path("/") else "")
    return Path(base) / "bestservice" if base else None


def knowledge_base_cache(root: Path) -> Path | None:
    """This knowledge base's folder in the user's cache (one per checkout, named by its absolute path)."""
    home = cache_home()
    if home is None:
        return None
    digest = hashlib.sha256(str(Path(root).absolute()).encode("utf-8")).hexdigest()[:16]
    return home / f"kb-{digest}"


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector kept off what a cache holds. Decoding one makes millions of objects, none
    of them garbage and none in a cycle: the collector ran over all of them during the decoding, and
    once more afterwards. At 5,000 projects that was 0.6 s of a one-file check's 1.2 s. Frozen objects
    are still freed when nothing refers to them (reference counting); only cycles among them are not."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


SHARDS = 32


def shard_of(path: str) -> int:
    """Which of a cache's files keeps a content file's entry (the same in every run)."""
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % SHARDS


class DiskCache(FileMemo[T]):
    """A FileMemo kept between runs in a folder of JSON files, each holding the entries of the content
    files whose path falls in it (a shard): saving one edited file rewrites one shard, not the whole
    cache (writing three whole caches was 0.35 s of a one-file check at 5,000 projects).
    `encode`/`decode` turn a value into JSON and back."""

    def __init__(self, folder: Path | None, encode: Callable[[T], object], decode: Callable[[object], T], salt: str = "") -> None:
        super().__init__()
        self.folder = Path(folder) if folder is not None else None
        self.encode, self.decode = encode, decode
        self.salt = f"{__version__}:{salt}"  # another version of the program, or other reference data: start over
        self._kept_keys: list[set] = [set() for _ in range(SHARDS)]  # what each shard held when read
        if self.folder is not None:
            with collector_paused():
                for shard in range(SHARDS):
                    entries = self._read(shard)
                    self._kept_keys[shard] = set(entries)
                    self.kept.update(entries)

    def shard_path(self, shard: int) -> Path:
        return self.folder / f"{shard:02x}.json"

    def _read(self, shard: int) -> dict[tuple, T]:
        raw = regular_file_bytes(self.shard_path(shard))
        if raw is None:
            return {}
        with contextlib.suppress(ValueError, TypeError, KeyError):
            stored = orjson.loads(raw)
            if isinstance(stored, dict) and stored.get("format") == FORMAT and stored.get("version") == FORMAT_VERSION and stored.get("salt") == self.salt:
                return {(path, mtime, size): self.decode(value) for path, mtime, size, value in stored["entries"]}
        return {}

    def save(self) -> None:
        """Keep this run's entries (those of deleted or changed files go); each changed shard written whole or not at all."""
        if self.folder is None or not self.used:
            return
        by_shard: list[dict] = [{} for _ in range(SHARDS)]
        for key, value in self.used.items():
            by_shard[shard_of(key[0])][key] = value
        for shard, used in enumerate(by_shard):
            if used.keys() == self._kept_keys[shard]:
                continue
            entries = [[path, mtime, size, self.encode(value)] for (path, mtime, size), value in used.items()]
            # no cache folder, a read-only one, a link there, a file name that is not UTF-8: only slower
            with contextlib.suppress(OSError, ContentError, TypeError, ValueError):
                data = orjson.dumps({"format": FORMAT, "version": FORMAT_VERSION, "salt": self.salt, "entries": entries})
                self.folder.mkdir(parents=True, exist_ok=True)
                write_file(self.shard_path(shard), data, root=self.folder, force=True)
                self._kept_keys[shard] = set(used)
