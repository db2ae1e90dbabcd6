"""The user's cache of what was worked out per content file (bestservice.content.cache.DiskCache)."""

from __future__ import annotations

from pathlib import Path

from bestservice.content.cache import SHARDS, DiskCache, changes_since, shard_of, with_changes
from bestservice.content.document import Document, KeptLines
from bestservice.content.load import read_document
from bestservice.similar.corpus import decode_features, encode_features

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "valid" / "projects" / "2568" / "bang-rak-archive-next.md"


def keep_lengths(folder: Path, files: list[Path]) -> DiskCache:
    cache = DiskCache(folder, encode=lambda n: n, decode=int)
    for file in files:
        cache.get(file, lambda file=file: len(file.read_bytes()))
    cache.save()
    return cache


def test_a_saved_value_is_read_back_by_the_next_run(tmp_path):
    files = [tmp_path / f"p{n}.md" for n in range(40)]
    for n, file in enumerate(files):
        file.write_text("x" * n)
    keep_lengths(tmp_path / "cache", files)
    later = DiskCache(tmp_path / "cache", encode=lambda n: n, decode=int)
    assert [later.get(file, lambda: -1) for file in files] == list(range(40)), "the next run must find every value kept"


def test_an_edited_file_rewrites_only_its_own_shard(tmp_path):
    """One edit, one small write: saving the whole cache was a third of a one-file check at 5,000 projects."""
    files = [tmp_path / f"p{n}.md" for n in range(200)]
    for file in files:
        file.write_text("x")
    keep_lengths(tmp_path / "cache", files)
    shards = sorted((tmp_path / "cache").glob("*.json"))
    assert len(shards) == SHARDS, "200 files fill every shard"
    before = {shard.name: shard.stat().st_mtime_ns for shard in shards}

    files[7].write_text("edited")
    keep_lengths(tmp_path / "cache", files)
    after = {shard.name: shard.stat().st_mtime_ns for shard in sorted((tmp_path / "cache").glob("*.json"))}
    rewritten = sorted(name for name in after if after[name] != before[name])
    assert rewritten == [f"{shard_of(str(files[7])):02x}.json"], f"only the edited file's shard should be written, not {rewritten}"
    assert DiskCache(tmp_path / "cache", encode=lambda n: n, decode=int).get(files[7], lambda: -1) == 6


def test_a_shard_that_is_a_folder_only_means_starting_over(tmp_path):
    """Anything unexpected in the cache folder is not an error of the user's content (it said "cannot read 3")."""
    files = [tmp_path / f"p{n}.md" for n in range(3)]
    for file in files:
        file.write_text("x")
    (tmp_path / "cache").mkdir()
    for shard in range(SHARDS):
        (tmp_path / "cache" / f"{shard:02x}.json").mkdir()
    later = DiskCache(tmp_path / "cache", encode=lambda n: n, decode=int)
    assert later.kept == {} and [later.get(file, lambda: 1) for file in files] == [1, 1, 1]
    later.save()  # a folder where a shard goes is left as it is


def test_a_deleted_file_leaves_the_cache(tmp_path):
    files = [tmp_path / f"p{n}.md" for n in range(3)]
    for file in files:
        file.write_text("x")
    keep_lengths(tmp_path / "cache", files)
    keep_lengths(tmp_path / "cache", files[:2])
    later = DiskCache(tmp_path / "cache", encode=lambda n: n, decode=int)
    assert str(files[2]) not in {path for path, _, _ in later.kept}, "a file gone from the knowledge base must leave the cache"


def test_a_kept_document_locates_its_fields_like_a_read_one():
    """Lines are kept as one text and read only when a problem is located: the same lines either way."""
    read = read_document(FIXTURE, "project")
    kept = Document.from_json(Document(**{**read.__dict__}).as_json())
    assert isinstance(kept.lines, KeptLines)
    for location in [(), ("title",), ("kpis", 0, "target"), ("kpis", 0, "no-such-field"), ("nowhere",)]:
        assert kept.line_of(location) == read.line_of(location), f"line of {location} differs after the cache"
    assert kept == read and Document.from_json(kept.as_json()) == read


def test_a_memo_carried_back_as_changes_is_the_memo_the_other_process_used():
    """A build's second process sends back what changed in its memo; the parent makes the same memo of it."""
    kept = {"a": 1, "b": 2, "c": 3}
    used = {"c": 3, "d": 4, "a": 1}
    changes = changes_since(used, kept)
    assert changes == ([2, 0], {"d": 4}), "only the new entry travels, the kept ones by position"
    assert with_changes(kept, changes) == used
    assert with_changes({}, changes_since(used, {})) == used


def test_kept_words_that_are_not_term_frequencies_are_worked_out_again(tmp_path):
    """A damaged or foreign entry in the words cache means starting over, never a crash later in the index."""
    file = tmp_path / "p.md"
    file.write_text("x")
    cache = DiskCache(tmp_path / "cache", encode_features, decode_features)
    cache.get(file, lambda: {"บริการ": 1.0, "บริการ|ออนไลน์": 1.6931})
    cache.save()
    assert DiskCache(tmp_path / "cache", encode_features, decode_features).get(file, lambda: None) == {"บริการ": 1.0, "บริการ|ออนไลน์": 1.6931}
    for shard in (tmp_path / "cache").glob("*.json"):
        shard.write_text(shard.read_text().replace("1.6931", '"1.6931"'))
    assert DiskCache(tmp_path / "cache", encode_features, decode_features).get(file, lambda: "worked out again") == "worked out again"
