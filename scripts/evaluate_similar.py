"""Evaluate the similar-projects check on tests/similar/ and compare methods (ablations).

    .venv/bin/python scripts/evaluate_similar.py            # the shipped method, dev and test
    .venv/bin/python scripts/evaluate_similar.py --compare  # every variant; threshold chosen on dev

For each variant the `repeat` threshold is chosen on the dev split (the middle of the widest gap
that gives the best dev F1), then top-1 on repeats and P/R/F1 of `repeat` are reported on both.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "similar"
sys.path.insert(0, str(ROOT))

from bestservice.content.reference import load_reference  # noqa: E402
from bestservice.similar import corpus as similar_corpus  # noqa: E402
from bestservice.similar.corpus import Corpus  # noqa: E402
from bestservice.similar.evaluation import load_eval, run, score  # noqa: E402
from bestservice.similar.features import PAIR, Analyzer, analyzer  # noqa: E402


class WordsOnly(Analyzer):
    def features(self, text):
        counts, surfaces = super().features(text)
        return Counter({k: v for k, v in counts.items() if PAIR not in k}), surfaces


class CharTrigrams(Analyzer):
    def features(self, text):
        keys = "".join(t.key for t in self.tokens(text) if self.is_content(t.key))
        return Counter(keys[i : i + 3] for i in range(len(keys) - 2)), {}


def variants(base: Analyzer) -> dict[str, Analyzer]:
    plain = base
    return {
        "shipped: words+pairs, folding, stop+group words, TF-IDF": base,
        "words only (no pairs)": WordsOnly(**_fields(plain)),
        "no synonym folding": dataclasses.replace(plain, variants={}),
        "no stop list, no group weight (IDF only)": dataclasses.replace(plain, stop_words=frozenset(), group_weight=1.0),
        "no group weight": dataclasses.replace(plain, group_weight=1.0),
        "char 3-grams of folded content words": CharTrigrams(**_fields(plain)),
    }


def _fields(a: Analyzer) -> dict:
    return {f.name: getattr(a, f.name) for f in dataclasses.fields(a) if f.init}


def pick_threshold(rows, window: float = 0.05) -> float:
    """rows: (expected, best score, has cue) on dev. The threshold with the best dev F1 averaged
    over ±window (a broad plateau, not a lucky gap between two dev cases); grid of 0.005."""

    def f1(t: float) -> float:
        tp = sum(e == "repeat" and s >= t and not c for e, s, c in rows)
        fp = sum(e != "repeat" and s >= t and not c for e, s, c in rows)
        fn = sum(e == "repeat" for e, _, _ in rows) - tp
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    grid = [i / 200 for i in range(1, 200)]
    steps = round(window * 200)
    smooth = {t: sum(f1(t + k / 200) for k in range(-steps, steps + 1)) / (2 * steps + 1) for t in grid}
    return max(grid, key=lambda t: (round(smooth[t], 9), -t))


def evaluate(fold: Analyzer, verbose: bool = False) -> str:
    content, _ = load_eval(EVAL_DIR)
    reference = load_reference(ROOT / "reference")
    corpus = Corpus.__new__(Corpus)
    corpus.reference, corpus.analyzer = reference, fold
    corpus.projects = content.projects
    corpus.years, corpus.ids = [d.data["fiscal_year"] for d in corpus.projects], [d.id for d in corpus.projects]
    corpus.lessons = {}
    corpus.features = [fold.features(similar_corpus.project_text(d.data)) for d in corpus.projects]
    from bestservice.similar.features import Index

    corpus.index = Index.build(corpus.features)
    _, raw = run(EVAL_DIR, load_reference(ROOT / "reference"), "dev", corpus=corpus)
    rows = [(p["expect"], r.matches[0].score if r.matches else 0.0, bool(r.cues)) for p, r in raw]
    threshold = pick_threshold(rows)
    _, everything = run(EVAL_DIR, load_reference(ROOT / "reference"), None, corpus=corpus)
    repeats = [r.matches[0].score if r.matches else 0.0 for p, r in everything if p["expect"] == "repeat"]
    others = [r.matches[0].score if r.matches else 0.0 for p, r in everything if p["expect"] != "repeat" and not r.cues]
    auc = sum((a > b) + 0.5 * (a == b) for a in repeats for b in others) / (len(repeats) * len(others))
    saved = similar_corpus.REPEAT
    similar_corpus.REPEAT = threshold
    try:
        out = [
            f"threshold={threshold:.3f} AUC(best score, repeat vs not, all splits)={auc:.3f} lowest repeat={min(repeats):.3f} highest non-repeat={max(others):.3f}"
        ]
        for split in ("dev", "test"):
            _, raw = run(EVAL_DIR, load_reference(ROOT / "reference"), split, corpus=corpus)
            s = score([(p, r.verdict, [m.id for m in r.matches]) for p, r in raw])
            out.append(f"{split}: {s.line()}")
            if verbose:
                out.extend("    " + e for e in s.errors if "expected repeat" in e or "got repeat" in e)
    finally:
        similar_corpus.REPEAT = saved
    return "\n  ".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    base = analyzer(load_reference(ROOT / "reference"))
    if not args.compare:
        for split in ("dev", "test"):
            s, raw = run(EVAL_DIR, load_reference(ROOT / "reference"), split)
            print(f"{split}: {s.line()}  (REPEAT={similar_corpus.REPEAT}, RELATED={similar_corpus.RELATED})")
            for p, r in raw:
                best = r.matches[0] if r.matches else None
                print(f"  {p['id']:4} {p['expect']:8} → {r.verdict:8} {best.score if best else 0:.3f} {best.id if best else '-'}")
        return 0
    for name, fold in variants(base).items():
        print(f"{name}\n  {evaluate(fold, args.verbose)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
