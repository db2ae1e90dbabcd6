"""Where each generated page lives on the site (paths relative to the site root, ending in /).

Every part of the product links through these functions, so a page can move in one place.
"""

from __future__ import annotations


def relative(target: str, from_url: str) -> str:
    """A link from the page at `from_url` to `target`, both site paths as this module gives them
    ('' for the home page, else ending in '/'; `target` may end in a file name or carry a #fragment).
    Relative links work wherever the site is served: a sub-folder of an intranet server, or file://."""
    return "../" * from_url.count("/") + target or "./"


def project(project_id: str) -> str:
    return f"projects/{project_id}/"


def lesson(lesson_id: str) -> str:
    return f"lessons/{lesson_id}/"


def lessons_index() -> str:
    return "lessons/"


def lesson_form() -> str:
    """The lesson form (a hand-written page: docs/propose/lesson.md)."""
    return "propose/lesson/"


def catalogue() -> str:
    return "catalogue/"


def unit(unit_id: str) -> str:
    return f"units/{unit_id}/"


def units_index() -> str:
    return "units/"


def group(group_id: str) -> str:
    return f"groups/{group_id}/"


def fiscal_year(year: int) -> str:
    return f"years/{year}/"


def fiscal_years_index() -> str:
    return "years/"


def groups_index() -> str:
    return "groups/"


def tool_projects(tool_id: str) -> str:
    """The catalogue's list of projects that applied a tool (the guide's tool page links here)."""
    return f"catalogue/tools/{tool_id}/"


def criterion_projects(number: int) -> str:
    return f"catalogue/criteria/{number}/"


def big_idea(key: str) -> str:
    return f"big-ideas/{key}/"


def policy_dimension(dimension_id: str) -> str:
    return f"catalogue/policy/{dimension_id}/"


def awards() -> str:
    return "awards/"


def coverage(year: int | None = None) -> str:
    return "coverage/" if year is None else f"coverage/{year}/"


def statistics() -> str:
    return "stats/"


def guide_tool(tool_id: str) -> str:
    """The guide's hand-written page for one management tool."""
    return f"guide/tools/{tool_id}/"


def guide_criterion(number: int) -> str:
    return f"guide/criteria/#criterion-{number}"


def search(query: str | None = None) -> str:
    return "search/" if not query else f"search/?q={query}"


def check() -> str:
    """The "has this been done before?" page (ตรวจสอบก่อนเสนอโครงการ)."""
    return "check/"


def propose() -> str:
    """The proposal form."""
    return "propose/"


def data() -> str:
    return "data/"


def screening(year: int | None = None) -> str:
    """The committee's screening board: its index, or one fiscal year's board."""
    return "screening/" if year is None else f"screening/{year}/"


def screening_card(year: int, project_id: str) -> str:
    """One proposal's screening card (the criteria checklist, printable on A4)."""
    return f"screening/{year}/{project_id}/"


def screening_workbook(year: int) -> str:
    return f"screening/{year}/board-{year}.xlsx"
