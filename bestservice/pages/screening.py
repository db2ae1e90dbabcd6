"""The committee's screening pages: screening/, screening/<fy>/ (the board) and screening/<fy>/<id>/ (cards).

Boards are made for the years the committee screens: the current fiscal year and the latest year
that has proposals. Earlier years were decided long ago, and a board for each would double the
build for nobody. The states come from bestservice.committee (screening, states); this module only
formats. Each board's workbook is offered for download beside it, so no committee member needs a terminal.
"""

from __future__ import annotations

from bestservice import urls
from bestservice.committee.screening import DECISION_TH, Board, board_years, screening_boards
from bestservice.committee.states import STATES
from bestservice.committee.workbook import board_workbook
from bestservice.content import Content
from bestservice.pages.base import Page, page
from bestservice.pages.catalogue import Catalogue

WIDE = {"hide": ["navigation", "toc"]}


def screened_years(content: Content, current: int) -> list[int]:
    latest = board_years(content)[:1]
    return sorted({current, *latest}, reverse=True)


def screening_pages(catalogue: Catalogue, current: int, asset, boards: list[Board] | None = None) -> list:
    """The index, and for each screened year its board, its cards and its workbook (`asset(path, bytes)`).
    `boards`: those of screened_years(), when worked out already (a build does it in a second process)."""
    content, reference = catalogue.content, catalogue.reference
    type_names = {t["id"]: t["name_th"] for t in reference.unit_types}
    group_names = {g["id"]: g["name_th"] for g in reference.groups}
    if boards is None:
        boards = screening_boards(content, reference, screened_years(content, current))
    items: list = [index_page(catalogue, boards, current)]
    for board in boards:
        items.append(board_page(catalogue, board, type_names, group_names))
        items.extend(card_page(catalogue, board, row, type_names, group_names) for row in board.rows)
        items.append(asset(urls.screening_workbook(board.fiscal_year), workbook(catalogue, board, type_names, group_names)))
    return items


def workbook(catalogue: Catalogue, board: Board, type_names: dict, group_names: dict) -> bytes:
    """The board's workbook, made again only when the board changed (an xlsx costs a second to write)."""
    key = ("workbook", board.fiscal_year)
    state = (board.as_dict(), type_names, group_names)
    kept = catalogue.rendered.get(key)
    if kept is None or kept[0] != state:
        kept = catalogue.rendered[key] = (state, board_workbook(board, type_names, group_names))
    return kept[1]


def index_page(catalogue: Catalogue, boards: list[Board], current: int) -> Page:
    return page(urls.screening(), "กระดานพิจารณาข้อเสนอโครงการ", "screening_index.html", catalogue, boards=boards, current=current, states=STATES)


def _labels(type_names: dict, group_names: dict) -> dict:
    """What the board and its cards both show: the names of unit types and groups, states, decisions."""
    return {"type_names": type_names, "group_names": group_names, "states": STATES, "decisions": DECISION_TH}


def board_page(catalogue: Catalogue, board: Board, type_names: dict, group_names: dict) -> Page:
    title = f"กระดานพิจารณาข้อเสนอโครงการ ปีงบประมาณ {board.fiscal_year}"
    labels = _labels(type_names, group_names)
    return page(urls.screening(board.fiscal_year), title, "screening_board.html", catalogue, meta=WIDE, board=board, **labels)


def card_page(catalogue: Catalogue, board: Board, row, type_names: dict, group_names: dict) -> Page:
    """A proposal's card. It is given its row alone, not the board: under `mkdocs serve` a card whose row
    did not change keeps its HTML when another row does."""
    labels = _labels(type_names, group_names)
    url = urls.screening_card(board.fiscal_year, row.key)
    return page(
        url,
        f"ใบพิจารณา: {row.title}",
        "screening_card.html",
        catalogue,
        meta=WIDE,
        row=row,
        fiscal_year=board.fiscal_year,
        has_page=row.id in catalogue.by_id,
        **labels,
    )
