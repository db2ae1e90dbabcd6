"""Hostile content for scripts/hostile_run.py: malformed project and lesson files, special files and links.

Every function here writes into a knowledge base it is given and returns the files it made. Payloads
that would run code (a YAML tag calling os.system, a Jinja expression, a pickled cache) try to create a
file named `canary-*` in the folder the command runs in: the run counts any such file as an execution.
"""

from __future__ import annotations

import os
import pickle
import socket
from pathlib import Path

import yaml

SHAPES = {"int": 5, "text": "x", "list": [1], "dict": {"a": 1}, "null": None, "nested": [[1]], "deep": [{"a": [1]}]}
PROJECT_KEYS = [
    "id",
    "title",
    "record",
    "kind",
    "fiscal_year",
    "end_fiscal_year",
    "long_term",
    "yearly_targets",
    "unit",
    "partners",
    "other_partners",
    "big_idea",
    "summary",
    "recipients",
    "problem",
    "root_cause",
    "objectives",
    "activities",
    "kpis",
    "budget",
    "timeline",
    "tools",
    "policy_dimensions",
    "continues",
    "whats_new",
    "extends",
    "status",
    "progress",
    "awards",
    "sources",
    "declarations",
    "decision",
    "achievement_percent",
]
LESSON_KEYS = ["id", "title", "projects", "tools", "criteria", "what_worked", "what_didnt", "for_whom", "published", "sources"]
CONTROLS = "\x1b[2J\x1b]0;pwned\x07\x9b31m\u202e\u2066"


def split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def join(data, body: str) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "---\n" + body


def text_cases(base: str) -> dict[str, bytes]:
    """Files broken as text: encodings, fences, YAML syntax and its dangerous features, sizes, characters."""
    raw = base.encode("utf-8")
    head, body = raw.split(b"\n---\n", 1)
    front = head.removeprefix(b"---\n")

    def with_front(extra: str) -> bytes:
        return b"---\n" + front + b"\n" + extra.encode("utf-8") + b"\n---\n" + body

    return {
        "empty": b"",
        "whitespace-only": b"  \n\n\t\n",
        "bom": b"\xef\xbb\xbf" + raw,
        "crlf": raw.replace(b"\n", b"\r\n"),
        "tis620": base.encode("cp874", "replace"),
        "nul-byte": raw.replace(b"\n", b"\n\x00", 3),
        "no-front-matter": body,
        "no-closing-fence": b"---\n" + front + b"\n" + body,
        "empty-front-matter": b"---\n---\n" + body,
        "list-front-matter": b"---\n- a\n- b\n---\n" + body,
        "text-front-matter": b"---\njust text\n---\n" + body,
        "two-yaml-documents": b"---\n" + front + b"\n...\n---\nid: again\n---\n" + body,
        "tab-indentation": with_front("kpis:\n\t- name: x"),
        "bad-indentation": with_front("summary: a\n  b: c"),
        "unquoted-colon": with_front("whats_new: a: b: c"),
        "unclosed-quote": with_front('whats_new: "never closed'),
        "unclosed-flow": with_front("other_partners: [a, b"),
        "deep-nesting": with_front("whats_new: " + "[" * 5000 + "]" * 5000),
        "anchor-and-alias": with_front("whats_new: &a x\nunit_detail: *a"),
        "billion-laughs": with_front(
            "x1: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nx2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx3: [*b, *b, *b, *b, *b, *b]"
        ),
        "python-tag-os-system": with_front('whats_new: !!python/object/apply:os.system ["touch canary-yaml-tag"]'),
        "python-name-tag": with_front("whats_new: !!python/name:os.system"),
        "custom-tag": with_front("whats_new: !Ref x"),
        "binary-tag": with_front("whats_new: !!binary aGVsbG8="),
        "duplicate-keys": with_front(front.decode().splitlines()[1]),
        "two-megabytes": raw + b"x" * 2_000_000,
        "just-over-one-megabyte": raw + b"y" * (1_000_001 - len(raw)),
        "title-of-900-kb": with_front("whats_new: " + "ก" * 300_000),
        "integer-of-5000-digits": with_front("achievement_percent: " + "9" * 5000),
        "infinite-and-nan": with_front("achievement_percent: .inf\nbudget_note: .nan"),
        "impossible-dates": with_front("timeline:\n  start: 2024-02-30\n  end: 2024-13-01"),
        "raw-u-fffe": with_front("whats_new: คลอง\ufffeสวย"),
        "raw-escape-sequence": with_front("whats_new: ก\x1b[2J\x1b]0;pwned\x07"),
        "raw-next-line-u-0085": with_front("whats_new: ก\x85ข"),
        "raw-line-separator-u-2028": with_front("whats_new: ก\u2028ข"),
        "surrogate-bytes": raw.replace(b"\n---\n", b"\xed\xa0\x80\n---\n", 1),
        "overlong-utf8": raw.replace(b"\n---\n", b"\xc0\xaf\n---\n", 1),
        "escapes-in-yaml": with_front('whats_new: "\\e[2J\\e]0;pwned\\a"\nunit_detail: "\\uFFFE\\x85"'),
        "bidi-override-in-values": with_front(f"whats_new: ok{CONTROLS[-2:]}txet\nunit_detail: \u202ecba"),
        "jinja-payload": with_front("whats_new: \"{{ lipsum.__globals__.os.popen('touch canary-jinja').read() }}\""),
        "html-and-script": with_front('whats_new: "<script>alert(1)</script><img src=x onerror=alert(1)>"') + b"\n<script>alert(1)</script>\n",
        "javascript-link": with_front("sources:\n  - url: javascript:alert(1)\n    title: x"),
        "id-traversal": with_front("").replace(b"\nid: ", b"\nid: ../../../etc/passwd\nx_old_id: ", 1),
        "yes-no-booleans": with_front("long_term: yes\nwhats_new: no\nunit_detail: on"),
    }


def shape_cases(base: str, keys: list[str]) -> dict[str, str]:
    """The valid file with one field holding each shape of value in turn (and the field deleted)."""
    data, body = split(base)
    cases = {}
    for key in keys:
        for shape, value in SHAPES.items():
            cases[f"{key}-as-{shape}"] = join({**data, key: value}, body)
        cases[f"{key}-deleted"] = join({k: v for k, v in data.items() if k != key}, body)
        cases[f"{key}-with-controls"] = join({**data, key: f"{data.get(key, '')}{CONTROLS}"}, body)
    cases["every-field-null"] = join(dict.fromkeys(data), body)
    return cases


def place(folder: Path, cases: dict, kind: str, base_id: str) -> list[Path]:
    """Each case as its own file (named for the case, its id matching the name)."""
    written = []
    for name, content in cases.items():
        path = folder / f"{name}.md"
        text = content if isinstance(content, bytes) else content.encode("utf-8")
        path.write_bytes(text.replace(f"id: {base_id}\n".encode(), f"id: {name}\n".encode(), 1))
        written.append(path)
    return written


def misplaced(kb: Path, base: str) -> list[Path]:
    """Files where the build does not look for them: they used to pass without a word."""
    spots = [
        kb / "projects" / "loose.md",
        kb / "projects" / "misc" / "in-a-folder.md",
        kb / "projects" / "2567" / "sub" / "too-deep.md",
        kb / "lessons" / "drafts" / "lesson.md",
    ]
    for path in spots:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(base.replace("\nid: ", f"\nid: {path.stem}\nx_id: ", 1), encoding="utf-8")
    return spots


def special_files(kb: Path, victim: Path) -> list[Path]:
    """What is not a regular file: a FIFO, devices, sockets, links that loop, dangle or leave the knowledge base."""
    year = kb / "projects" / "2567"
    os.mkfifo(year / "fifo.md")
    (year / "dev-zero.md").symlink_to("/dev/zero")
    (year / "dev-urandom.md").symlink_to("/dev/urandom")
    (year / "loop.md").symlink_to("loop.md")
    (year / "loop-a.md").symlink_to("loop-b.md")
    (year / "loop-b.md").symlink_to("loop-a.md")
    (year / "dangling.md").symlink_to("deleted.md")
    (year / "secret.md").symlink_to(victim / "secret.md")
    (kb / "projects" / "2566").symlink_to(victim)
    (year / "again").symlink_to("..")
    (year / "a-folder.md").mkdir()
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(year / "socket.md"))
    (year / os.fsdecode(b"caf\xe9.md")).write_text("---\nid: x\n---\n\nx\n", encoding="utf-8")
    (year / "escape-\x1b]0;pwned\x07.md").write_text("---\nid: x\n---\n\nx\n", encoding="utf-8")
    return sorted(p for p in year.iterdir()) + [kb / "projects" / "2566"]


class _Payload:
    """Unpickling it runs os.system: what a planted cache file would do."""

    def __reduce__(self):
        return (os.system, ("touch canary-pickle",))


def planted_cache(kb: Path) -> Path:
    """A pickled cache committed to the checkout (.cache/ is only in .gitignore): bestservice.content.cache unpickles it."""
    path = kb / ".cache" / "bestservice" / "documents.pickle"
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps(_Payload()))
    return path
