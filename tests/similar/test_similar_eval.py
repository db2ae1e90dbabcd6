"""The shipped method, measured on the labelled set tests/similar/ (thresholds were chosen on dev)."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import EVAL_DIR, REFERENCE_DIR, ROOT

from bestservice.content.reference import load_reference
from bestservice.similar import corpus
from bestservice.similar.evaluation import load_eval, run


def test_the_evaluation_set_is_big_enough_and_well_labelled():
    content, proposals = load_eval(EVAL_DIR)
    ids = {doc.id for doc in content.projects}
    assert len(ids) == len(content.projects) >= 30
    assert len(proposals) >= 40
    assert len({p["id"] for p in proposals}) == len(proposals)
    for proposal in proposals:
        assert proposal["expect"] in ("repeat", "related", "new"), proposal["id"]
        assert proposal["split"] in ("dev", "test"), proposal["id"]
        if proposal["expect"] == "repeat":
            assert proposal["top1"] in ids, proposal["id"]
    kinds = {(p["split"], p["expect"]) for p in proposals}
    assert {(s, e) for s in ("dev", "test") for e in ("repeat", "related", "new")} <= kinds


@pytest.mark.parametrize("split", ["dev", "test"])
def test_shipped_method_finds_repeats(split):
    scores, _ = run(EVAL_DIR, load_reference(REFERENCE_DIR), split)
    assert scores.top1 >= 0.9, scores.line()
    assert scores.f1 >= 0.85, scores.line() + "\n" + "\n".join(scores.errors)


def test_continuations_point_at_the_project_they_continue():
    scores, _ = run(EVAL_DIR, load_reference(REFERENCE_DIR), "test")
    assert scores.related_top1 >= 0.9, scores.line()


def test_shipped_threshold_is_the_one_chosen_on_dev():
    spec = importlib.util.spec_from_file_location("evaluate_similar", ROOT / "scripts" / "evaluate_similar.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _, raw = run(EVAL_DIR, load_reference(REFERENCE_DIR), "dev")
    rows = [(p["expect"], r.matches[0].score if r.matches else 0.0, bool(r.cues)) for p, r in raw]
    assert module.pick_threshold(rows) == pytest.approx(corpus.REPEAT, abs=0.0051)
