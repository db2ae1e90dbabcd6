#!/usr/bin/env python3
"""What the committee's screening board costs: its page weight and the build time it adds.

    .venv/bin/python scripts/measure_screening.py --projects 5000 --proposals 100

Generates a synthetic knowledge base (scripts/synthetic.py), keeps `--proposals` projects in the
latest fiscal year (the others of that year move to the year before, so the total stays), then
measures in one process what bestservice.pages.screening adds to a build (the boards, the cards,
the workbooks: the rule functions and the similar check over every row) and the board page's
weight as the browser gets it (HTML, gzip) before its shared theme assets. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

from bestservice.content import load_content  # noqa: E402
from bestservice.content.reference import load_reference  # noqa: E402
from bestservice.fiscal import current_fiscal_year  # noqa: E402
from bestservice.pages import Asset, generate_pages  # noqa: E402
from bestservice.pages.catalogue import Catalogue  # noqa: E402
from bestservice.pages.screening import screening_pages  # noqa: E402


def keep_proposals(folder: Path, count: int) -> int:
    """Move all but `count` projects of the latest year to the year before; return that year."""
    years = sorted(int(p.name) for p in (folder / "projects").iterdir() if p.name.isdigit())
    latest = years[-1]
    earlier = folder / "projects" / str(latest - 1)
    earlier.mkdir(exist_ok=True)
    for path in sorted((folder / "projects" / str(latest)).glob("*.md"))[count:]:
        text = path.read_text(encoding="utf-8").replace(f"fiscal_year: {latest}\n", f"fiscal_year: {latest - 1}\n", 1)
        (earlier / path.name).write_text(text, encoding="utf-8")
        path.unlink()
    return latest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="วัดน้ำหนักหน้าและเวลาของกระดานพิจารณา (screening board)")
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--proposals", type=int, default=100)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bestservice-screening-"))
    try:
        synthetic.generate(work, args.projects, max(1, args.projects // 10), seed=1)
        synthetic.knowledge_base_over(work)
        latest = keep_proposals(work, args.proposals)
        content = load_content(work / "projects", work / "lessons")
        reference = load_reference(work / "reference")
        catalogue = Catalogue(content, reference)
        started = time.perf_counter()
        items = screening_pages(catalogue, current_fiscal_year(), Asset)
        screening_s = time.perf_counter() - started
        started = time.perf_counter()
        generate_pages(content, reference, git=False)
        all_pages_s = time.perf_counter() - started
        board = next(i for i in items if i.path == f"screening/{latest}/index.md")
        rows = len(re.findall(r'class="bs-board__row"', board.html))
        workbook = next(i for i in items if i.path.endswith(f"board-{latest}.xlsx"))
        cards = [i for i in items if re.match(rf"screening/{latest}/[^/]+/index.md$", i.path)]
        html = board.html.encode("utf-8")
        print(f"{args.projects:,} projects, {rows} in fiscal year {latest} on the board")
        print(f"- screening pages (index, boards, {len(cards)} cards, workbooks): {screening_s:.2f} s of {all_pages_s:.2f} s for all generated pages")
        print(
            f"- board page body: {len(html) / 1024:.0f} kB ({len(gzip.compress(html, 6)) / 1024:.0f} kB gzip), {len(html) / max(rows, 1) / 1024:.1f} kB per row"
        )
        print(
            f"- workbook: {len(workbook.content) / 1024:.0f} kB; a card body: {sum(len(c.html) for c in cards) / max(len(cards), 1) / 1024:.1f} kB on average"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
