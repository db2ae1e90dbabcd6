"""Evaluate the similar-projects check on the labelled sets and choose its weight and bands.

    .venv/bin/python scripts/evaluate_similar.py             # the shipped method on both sets, dev and test
    .venv/bin/python scripts/evaluate_similar.py --choose    # words only, meaning only, combined: chosen on dev
    .venv/bin/python scripts/evaluate_similar.py -v          # every proposal's verdict and best match

Sets: tests/similar/hard/ (written blind to the method) and tests/similar/ (the first set). For each
weight the `repeat` band is chosen on the dev splits of both sets together (the middle of the best
plateau of dev F1), `related` as the score that best tells any link (repeat or continuation) from new
work on dev; then top-1 on repeats and P/R/F1 of `repeat` are reported on each set's dev and test splits.
"Today's check" is the words-only method with the bands it shipped with (0.38 / 0.14).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bestservice.content.reference import load_reference  # noqa: E402
from bestservice.similar import verdict as shipped  # noqa: E402
from bestservice.similar.corpus import Corpus, fiscal_year_of, project_text  # noqa: E402
from bestservice.similar.evaluation import load_eval, run  # noqa: E402
from bestservice.similar.vectors import encoder, meaning_text  # noqa: E402

HARD, REAL, FIRST = ROOT / "tests" / "similar" / "hard", ROOT / "tests" / "similar" / "real", ROOT / "tests" / "similar"
TODAY = ("today's check (words only, 0.38 / 0.14)", 0.0, 0.38, 0.14)


@dataclass
class Scored:
    """One proposal's two measures against every past project."""

    proposal: dict
    meaning: np.ndarray
    words: np.ndarray
    continues: bool  # declares what it continues, or uses a continuation cue word


def scored(directory: Path) -> tuple[list[str], list[Scored]]:
    content, proposals = load_eval(directory)
    corpus = Corpus(content, load_reference(ROOT / "reference"))
    rows = []
    for proposal in proposals:
        words = corpus.index.scores(corpus.index.query_vector(corpus.analyzer.features(project_text(proposal))))
        meaning = corpus.vectors.cosines(encoder().encode([meaning_text(proposal)])[0])
        earlier = corpus.year_numbers < fiscal_year_of(proposal)
        cues = corpus.analyzer.has_cue(project_text(proposal, ("title", "summary", "activities", "whats_new", "problem")))
        declared = isinstance(proposal.get("continues"), str) and bool(proposal.get("whats_new"))
        rows.append(Scored(proposal, np.where(earlier, meaning, -1.0), np.where(earlier, words, -1.0), bool(cues) or declared))
    return corpus.ids, rows


def best(row: Scored, weight: float) -> tuple[int, float]:
    scores = np.round(weight * row.meaning + (1.0 - weight) * row.words, 4)
    number = int(np.argmax(scores))
    return number, float(scores[number])


def f1_repeat(rows: list[Scored], weight: float, repeat: float) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for row in rows:
        flagged = best(row, weight)[1] >= repeat and not row.continues
        expected = row.proposal["expect"] == "repeat"
        tp, fp, fn = tp + (flagged and expected), fp + (flagged and not expected), fn + (expected and not flagged)
    precision, recall = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def f1_any_link(rows: list[Scored], weight: float, related: float) -> float:
    tp = sum(best(r, weight)[1] >= related and r.proposal["expect"] != "new" for r in rows)
    fp = sum(best(r, weight)[1] >= related and r.proposal["expect"] == "new" for r in rows)
    fn = sum(best(r, weight)[1] < related and r.proposal["expect"] != "new" for r in rows)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def plateau(grid: list[float], f, window: int = 4) -> float:
    """The value of `grid` in the middle of the best plateau of f: not a lucky gap between two dev cases."""
    smooth = [np.mean([f(grid[j]) for j in range(max(0, i - window), min(len(grid), i + window + 1))]) for i in range(len(grid))]
    top = max(smooth)
    best_run = [g for g, s in zip(grid, smooth, strict=True) if s >= top - 1e-9]
    return best_run[len(best_run) // 2]


def choose(rows: list[Scored], weight: float) -> tuple[float, float]:
    dev = [r for r in rows if r.proposal["split"] == "dev"]
    grid = [i / 200 for i in range(1, 200)]
    repeat = plateau(grid, lambda t: f1_repeat(dev, weight, t)[2])
    related = plateau([g for g in grid if g < repeat], lambda t: f1_any_link(dev, weight, t))
    return repeat, related


def report(name: str, ids: list[str], rows: list[Scored], weight: float, repeat: float, related: float) -> str:
    lines = [f"{name}: weight of meaning {weight:.2f}, repeat ≥ {repeat:.3f}, related ≥ {related:.3f}"]
    for split in ("dev", "test"):
        part = [r for r in rows if r.proposal["split"] == split]
        repeats = [r for r in part if r.proposal["expect"] == "repeat"]
        top1 = sum(ids[best(r, weight)[0]] == r.proposal["top1"] for r in repeats)
        p, rec, f1 = f1_repeat(part, weight, repeat)
        lines.append(
            f"  {split}: top-1 of repeats {top1}/{len(repeats)}  repeat P={p:.3f} R={rec:.3f} F1={f1:.3f}  any-link F1={f1_any_link(part, weight, related):.3f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--choose", action="store_true", help="compare the methods, each with bands chosen on dev")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    sets = {HARD: scored(HARD), REAL: scored(REAL), FIRST: scored(FIRST)}
    if args.choose:
        for weight in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
            bands = choose([row for _, rows in sets.values() for row in rows], weight)
            for directory, (ids, rows) in sets.items():
                print(report(f"{directory.name}, weight {weight}", ids, rows, weight, *bands))
        return 0
    method = ("shipped", shipped.WEIGHT_MEANING, shipped.REPEAT, shipped.RELATED)
    for directory, (ids, rows) in sets.items():
        print(f"== {directory.relative_to(ROOT)}")
        print(report(TODAY[0], ids, rows, *TODAY[1:]))
        print(report(*method[:1], ids, rows, *method[1:]))
        for split in ("dev", "test"):
            s, raw = run(directory, load_reference(ROOT / "reference"), split)
            print(f"  {split} through Corpus.check: {s.line()}")
            if args.verbose:
                for p, r in raw:
                    top = r.matches[0] if r.matches else None
                    print(f"    {p['id']:4} {p['expect']:8} → {r.verdict:8} {top.score if top else 0:.3f} {top.id if top else '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
