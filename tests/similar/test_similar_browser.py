"""The check page's data (bestservice/similar/browser.py): everything the core ranks with, compactly.

tests/browser/test_check_page.py checks that similar.js reads it back to the very same weights.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys

import numpy as np
from conftest import EVAL_DIR, FIXTURES, REFERENCE_DIR, ROOT

from bestservice.committee.screening import screening_boards
from bestservice.content import load_content
from bestservice.content.reference import load_reference
from bestservice.content.validate import validate
from bestservice.fiscal import current_fiscal_year
from bestservice.pages.screening import screened_years
from bestservice.similar.browser import DIGITS, MORE, browser_script, front_coded, varints, varints_at_once
from bestservice.similar.corpus import Corpus
from bestservice.similar.evaluation import load_eval
from bestservice.site.work import CheckMemo, check_work
from bestservice.thai.words import text_rules

REF = load_reference(REFERENCE_DIR)


def page_data(content) -> dict:
    """What window.BS_SIMILAR_INDEX holds once the page has run the script."""
    script = browser_script(Corpus(content, REF))
    return json.loads(script.removeprefix("window.BS_SIMILAR_INDEX=").removesuffix(";\n"))


def read_varints(text: str) -> tuple[list[int], int]:
    """Every varint of text, and where the last complete one ends (the format, written out once more)."""
    numbers, number, end = [], 0, 0
    for at, char in enumerate(text):
        digit = DIGITS.index(char)
        number = number * MORE + digit % MORE
        if digit < MORE:
            numbers.append(number)
            number, end = 0, at + 1
    return numbers, end


def read_vocab(entries: list[str]) -> list[str]:
    words, before = [], ""
    for entry in entries:
        shared = 0
        while DIGITS.index(entry[shared]) >= MORE:
            shared += 1
        (units,), _ = read_varints(entry[: shared + 1])
        prefix = before.encode("utf-16-le")[: units * 2].decode("utf-16-le")
        words.append(before := prefix + entry[shared + 1 :])
    return words


def test_varints_and_front_coding_read_back():
    numbers = [0, 1, MORE - 1, MORE, MORE * MORE, 123456789]
    assert read_varints(varints(numbers)) == (numbers, len(varints(numbers)))
    assert varints_at_once(np.array(numbers))[0] == varints(numbers), "the projects' features are written all at once: the same digits"
    words = ["", "ก", "กข|ค", "กข|คง", "𠀀𠀁ก", "𠀀𠀁ข", "x" * 40 + "a", "x" * 40 + "b"]
    assert read_vocab(front_coded(words)) == words


def test_the_page_gets_each_projects_features_term_frequencies_and_idf():
    content, _ = load_eval(EVAL_DIR)
    corpus = Corpus(content, REF)
    data = page_data(content)
    vocab = read_vocab(data["vocab"])
    assert vocab == sorted(corpus.index.idf)
    df = [0] * len(vocab)
    for number, counts in enumerate(corpus.features):
        codes, _ = read_varints(data["projects"]["features"][number])
        tf, feature, at = {}, -1, 0
        while at < len(codes):
            feature += codes[at] // 2
            tf[vocab[feature]] = data["tf"][codes[at + 1]] if codes[at] % 2 else data["tf"][0]
            df[feature] += 1
            at += 2 if codes[at] % 2 else 1
        assert tf == counts, corpus.ids[number]
        assert list(tf) == sorted(corpus.index.vectors[number]), corpus.ids[number]
    assert [data["idf"][str(count)] for count in df] == [corpus.index.idf[key] for key in vocab]
    assert data["projects"]["id"] == corpus.ids


def test_index_stays_small(tmp_path):
    """Size regression, per project (300 projects): the words' data ~2,800 bytes before the compact format,
    ~800 after; the meaning vector 512 int8 codes (~700 bytes as base64 and its scale; float32 would be 2,700)."""
    if "synthetic" not in sys.modules:  # as tests/test_synthetic.py loads it
        spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
        sys.modules["synthetic"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["synthetic"])
    sys.modules["synthetic"].generate(tmp_path, 300, 30, seed=3)
    content = load_content(tmp_path / "projects", tmp_path / "lessons")
    data = page_data(content)
    meaning = data.pop("meaning")
    assert len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")) / len(content.projects) < 1500
    assert len(json.dumps(meaning, separators=(",", ":"))) / len(content.projects) < 720
    data = page_data(content)
    assert len(data["projects"]["id"]) == len(content.projects) == 300
    assert any(data["lessons"].values())


def test_the_builds_one_index_gives_the_check_page_and_the_boards_what_they_get_alone():
    """The site build indexes every project once (bestservice.site.work.check_work) for the check
    page's data, the committee's boards and its own check of the content: each must be exactly what
    it is when worked out on its own."""
    kb = FIXTURES / "screening"  # proposals to screen (the repository's own records are all from public sources, on no board)
    content = load_content(kb / "projects", kb / "lessons")
    today = dt.date(2026, 12, 7)
    years = screened_years(content, current_fiscal_year(today))
    first = check_work(content, REF, today, years, CheckMemo())
    assert first.check_script == browser_script(Corpus(content, REF))
    alone = screening_boards(content, REF, years, today)
    assert [board.as_dict() for board in first.boards] == [board.as_dict() for board in alone]
    assert first.problems == validate(projects_dir=kb / "projects", lessons_dir=kb / "lessons", reference=REF, today=today).problems
    # `mkdocs serve`'s next build starts from these features: the same results again.
    again = check_work(content, REF, today, years, CheckMemo().changed_by(first.memo))
    assert again.check_script == first.check_script, "features carried over to the next build changed the check page's data"
    assert [board.as_dict() for board in again.boards] == [board.as_dict() for board in alone], "features carried over changed a board"
    assert sum(len(board.rows) for board in first.boards) > 0, "the fixture's latest fiscal year has proposals to screen"


def test_the_check_page_gets_the_text_rules_of_the_core():
    """similar.js normalises and cuts with data.text (thai.words), never with characters of its own."""
    content, _ = load_eval(EVAL_DIR)
    assert page_data(content)["text"] == text_rules()
    script = (ROOT / "docs" / "assets" / "javascripts" / "similar.js").read_text(encoding="utf-8")
    for rule, characters in text_rules().items():
        if rule != "locale":
            assert not set(characters) & set(script), f"similar.js writes {rule} itself: read it from data.text instead"
