"""Measure the similar-projects check on a labelled set (the repo's tests/similar/): top-1 and P/R/F1 of `repeat`.

`python scripts/evaluate_similar.py` prints the numbers; tests/similar/test_similar_eval.py asserts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bestservice.content import Content, load_content
from bestservice.content.document import Document
from bestservice.content.reference import Reference
from bestservice.similar.corpus import Corpus


def labelled_projects(directory: Path) -> list[dict]:
    """The past projects of the labelled set in `directory` (projects.yaml)."""
    return yaml.safe_load((Path(directory) / "projects.yaml").read_text(encoding="utf-8"))["projects"]


def load_eval(directory: Path) -> tuple[Content, list[dict]]:
    """The past projects and the labelled proposals of a set. A set without projects.yaml is checked
    against the knowledge base's own records (tests/similar/real/: the repository's projects/, as written)."""
    directory = Path(directory)
    proposals = yaml.safe_load((directory / "proposals.yaml").read_text(encoding="utf-8"))["proposals"]
    if not (directory / "projects.yaml").is_file():
        root = next(folder for folder in directory.parents if (folder / "projects").is_dir() and (folder / "mkdocs.yml").is_file())
        return Content(projects=load_content(root / "projects", root / "lessons").projects), proposals
    projects = labelled_projects(directory)
    docs = [Document(path=directory / f"{p['fiscal_year']}" / f"{p['id']}.md", kind="project", data=dict(p), body="") for p in projects]
    for proposal in proposals:
        proposal.setdefault("fiscal_year", 2568)
    return Content(projects=docs), proposals


@dataclass
class Scores:
    top1: float
    precision: float
    recall: float
    f1: float
    related_top1: float
    n: int
    errors: list[str]

    def line(self) -> str:
        return f"n={self.n} top1(repeat)={self.top1:.3f} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} top1(related)={self.related_top1:.3f}"


def score(results: list[tuple[dict, str, list[str]]]) -> Scores:
    """results: (proposal, predicted verdict, ranked ids)."""
    tp = fp = fn = 0
    top_hits = repeats = rel_hits = rels = 0
    errors = []
    for proposal, predicted, ranked in results:
        expected = proposal["expect"]
        if expected == "repeat":
            repeats += 1
            top_hits += bool(ranked) and ranked[0] == proposal["top1"]
        if expected == "related" and proposal.get("top1"):
            rels += 1
            rel_hits += bool(ranked) and ranked[0] == proposal["top1"]
        tp += predicted == "repeat" and expected == "repeat"
        fp += predicted == "repeat" and expected != "repeat"
        fn += predicted != "repeat" and expected == "repeat"
        if predicted != expected or (proposal.get("top1") and ranked[:1] != [proposal["top1"]]):
            errors.append(f"{proposal['id']}: expected {expected} {proposal.get('top1', '')}, got {predicted} {ranked[:1]}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(top_hits / max(repeats, 1), precision, recall, f1, rel_hits / max(rels, 1), len(results), errors)


def run(directory: Path, reference: Reference, split: str | None = None, corpus: Corpus | None = None) -> tuple[Scores, list]:
    content, proposals = load_eval(directory)
    corpus = corpus or Corpus(content, reference)
    results, raw = [], []
    for proposal in proposals:
        if split and proposal["split"] != split:
            continue
        result = corpus.check(proposal, top=5)
        results.append((proposal, result.verdict, [m.id for m in result.matches]))
        raw.append((proposal, result))
    return score(results), raw


def write_markdown(directory: Path, projects: list[dict]) -> Path:
    """Write projects as content files (<dir>/<year>/<id>.md): to build a site or run the CLI over them."""
    for project in projects:
        folder = Path(directory) / str(project["fiscal_year"])
        folder.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(project, allow_unicode=True, sort_keys=False)
        (folder / f"{project['id']}.md").write_text(f"---\n{front}---\n\n{project['summary']}\n", encoding="utf-8")
    return Path(directory)


def proposal_text(proposal: dict) -> str:
    """What a user would type in the page's text box for this proposal."""
    return "\n".join(str(proposal.get(k) or "") for k in ("problem", "activities", "whats_new") if proposal.get(k))
