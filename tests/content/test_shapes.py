"""Any shape of value in any field is a located problem, never an internal error (issue 25).

The rules loop over list fields and look up ids; the schema reports a value of the wrong type with its
line. Before, a list field holding one value (`partners: 5`) stopped `validate` with "internal error",
exit 2, and no other file was checked. The property test mutates the valid fixtures' values, keys and
YAML in many ways and runs the whole-knowledge-base `validate --json` in-process.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REFERENCE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bestservice import cli

VALID = FIXTURES / "valid"
EXAMPLES = 200  # derandomized: the same examples every run, well under a minute on 2 shared cores
FILES = sorted(VALID.rglob("*.md"))


def validate_json(kb: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["validate", "--json", "--projects", str(kb / "projects"), "--lessons", str(kb / "lessons")])
    return code, out.getvalue(), err.getvalue()


def split(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def join(data, body: str) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "---\n" + body


ONE_VALUE = [
    ("projects/2568/pathum-wan-big-idea.md", ("partners",), 5, "partners"),
    ("projects/2568/pathum-wan-big-idea.md", ("tools",), 5, "tools"),
    ("projects/2568/pathum-wan-big-idea.md", ("policy_dimensions",), 5, "policy_dimensions"),
    ("projects/2568/pathum-wan-big-idea.md", ("progress",), 5, "progress"),
    ("projects/2568/pathum-wan-big-idea.md", ("awards",), 5, "awards"),
    ("projects/2568/pathum-wan-big-idea.md", ("yearly_targets",), 5, "yearly_targets"),
    ("projects/2568/pathum-wan-big-idea.md", ("yearly_targets", 0, "fiscal_year"), [2568], "yearly_targets[0].fiscal_year"),
    ("projects/2568/bang-rak-big-idea.md", ("unit",), ["district-bang-rak"], "unit"),
    ("lessons/ask-before-building.md", ("projects",), 5, "projects"),
    ("lessons/ask-before-building.md", ("tools",), 5, "tools"),
]


@pytest.mark.parametrize(("file", "where", "value", "field"), ONE_VALUE, ids=[f"{c[3]}: {c[2]!r}" for c in ONE_VALUE])
def test_a_field_of_another_shape_is_a_located_error_and_every_file_is_still_checked(tmp_path, file, where, value, field):
    kb = tmp_path / "kb"
    shutil.copytree(VALID, kb)
    data, body = split(kb / file)
    place = data
    for step in where[:-1]:
        place = place[step]
    place[where[-1]] = value
    (kb / file).write_text(join(data, body), encoding="utf-8")
    code, out, err = validate_json(kb)
    assert code == 1, err
    report = json.loads(out)
    assert report["checked"] == 6, "every file is checked"
    assert any(p["path"].endswith(file) and p["field"] == field and p["line"] > 1 for p in report["problems"]), report["problems"]


# --- the property ----------------------------------------------------------------------------------

HUGE = "ก" * 200_000  # 600 KB of UTF-8: under the 1 MB file limit
CONTROL = "\x1b[2J\x1b]0;title\x07\x00\x7f\x85\u202e\u2066\ufffe"  # each written by YAML as an escape, so it reaches the value
SHAPES = st.sampled_from(
    [
        None,
        0,
        -1,
        5,
        2568,
        10**40,
        1.5,
        True,
        False,
        "",
        "x",
        "2568",
        "district-bang-rak",
        HUGE,
        CONTROL,
        [],
        [None],
        [5],
        ["x", 5],
        [[1]],
        [{}],
        [{"unit": [1]}],
        {},
        {"a": 1},
        {"unit": {"x": [1]}},
    ]
)


def paths(value, here=()):
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*here, index))


def mutate_data(data: dict, draw) -> dict:
    where = draw(st.sampled_from([p for p in paths(data) if p] + [("partners",), ("tools",), ("kpis",), ("decision",), ("continues",), ("long_term",)]))
    place = data
    for step in where[:-1]:
        place = place[step]
    operation = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]))
    if operation == "delete" and isinstance(place, dict) and where[-1] in place or operation == "delete" and isinstance(place, list):
        del place[where[-1]]
    elif operation == "add" and isinstance(place, dict):
        place[draw(st.sampled_from(["unknown_field", "id", "x-y", "1"]))] = copy.deepcopy(draw(SHAPES))
    elif isinstance(place, dict) or (isinstance(place, list) and where[-1] < len(place)):
        place[where[-1]] = copy.deepcopy(draw(SHAPES))
    return data


def mutate_text(text: str, draw) -> str:
    lines = text.split("\n")
    at = draw(st.integers(1, max(1, len(lines) - 1)))
    kind = draw(st.sampled_from(["duplicate key", "break YAML", "raw control"]))
    if kind == "duplicate key":
        keyed = [i for i, line in enumerate(lines) if ":" in line and not line.startswith((" ", "-"))] or [at]
        lines.insert(at, lines[draw(st.sampled_from(keyed))])
    elif kind == "break YAML":
        lines[at] += draw(st.sampled_from([": [", ' "open', "\t- x", ": : :", " &a", " *a", " !!python/object:os.system", "{", "\n  bad indent: x"]))
    else:
        lines[at] += draw(st.sampled_from(["\x1b[2J", "\x00", "\ufffe", "\x85", "\u2028", "\x7f"]))
    return "\n".join(lines)


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_validate_answers_every_mutation_with_located_problems(data):
    draw = data.draw
    kb = Path(tempfile.mkdtemp(prefix="bs-shapes-"))
    try:
        shutil.copytree(VALID, kb / "kb")
        kb = kb / "kb"
        target = kb / draw(st.sampled_from(FILES)).relative_to(VALID)
        front, body = split(target)
        for _ in range(draw(st.integers(1, 3))):
            front = mutate_data(front, draw)
        text = join(front, body)
        if draw(st.booleans()):
            text = mutate_text(text, draw)
        target.write_text(text, encoding="utf-8", errors="surrogatepass")
        code, out, err = validate_json(kb)
    finally:
        shutil.rmtree(kb.parent, ignore_errors=True)
    assert code in (0, 1), err
    assert "Traceback" not in err and "internal error" not in err
    for problem in json.loads(out)["problems"]:
        assert problem["path"] and problem["line"] >= 1 and problem["message"], problem
    if code == 1:
        assert json.loads(out)["problems"], "exit 1 says why"


# --- every part that reads content, after validate --------------------------------------------------

EVERY_SHAPE = [(file, where, value) for file, where, value, _ in ONE_VALUE] + [
    ("projects/2568/khlong-toei-queue-online.md", ("objectives",), [{"a": [1]}]),
    ("projects/2568/khlong-toei-queue-online.md", ("kpis",), [{"name": [1], "target": {"x": 1}}]),
    ("projects/2568/khlong-toei-queue-online.md", ("achievement_percent",), "9" * 5000),
    ("lessons/ask-before-building.md", ("what_worked",), 5),
    ("lessons/ask-before-building.md", ("projects",), [[1]]),
]


@pytest.fixture(scope="module")
def misshapen(tmp_path_factory):
    """The valid catalogue with every field above holding another shape, all at once."""
    kb = tmp_path_factory.mktemp("misshapen") / "kb"
    shutil.copytree(VALID, kb)
    for file, where, value in sorted(EVERY_SHAPE, key=lambda case: -len(case[1])):  # a nested field before its parent
        data, body = split(kb / file)
        place = data
        for step in where[:-1]:
            place = place[step]
        place[where[-1]] = copy.deepcopy(value)
        (kb / file).write_text(join(data, body), encoding="utf-8")
    from bestservice.content import load_content

    return load_content(kb / "projects", kb / "lessons")


def test_the_screening_board_open_data_feeds_search_and_form_take_any_shape(misshapen):
    from bestservice.authoring.form import form_data
    from bestservice.committee.screening import screening_board
    from bestservice.data import export, feeds
    from bestservice.search.index import content_fields

    assert not misshapen.unreadable
    assert screening_board(misshapen, REFERENCE, 2568).rows
    csv_text = export.export_files(misshapen, REFERENCE)["projects.csv"]
    assert '{""a"": [1]}' in csv_text, "a value of another shape is kept whole, as JSON"
    assert feeds.entries(misshapen) and content_fields(misshapen, REFERENCE) and form_data(misshapen, REFERENCE)


def test_the_generated_pages_take_any_shape(misshapen):
    from bestservice.pages import generate_pages

    assert generate_pages(misshapen, REFERENCE)
