"""The one site build: everything a knowledge base's site holds beyond its hand-written Markdown.

`SiteBuild` owns what a build works on and what it makes:
- its inputs: the content files (kept by path, time and size: an edit reads one file again), the
  reference data (kept by its files' fingerprint: an edit of units.yaml is seen at the next refresh)
  and the hand-written pages;
- its work: the generated pages, the screening boards, the search index, the check page's data, the
  open data and feeds, with the slow parts in second processes (bestservice.background);
- a record of what each output was made from and of its bytes, so that a rebuild hands over and
  writes only what changed.

Three things drive it, and only translate: the MkDocs plugin (bestservice_mkdocs, which holds one
SiteBuild per `mkdocs build` or `mkdocs serve`), `bestservice pages --out DIR` (the complete site
source for generators without plugins, such as Zensical: bestservice.site.folder) and the tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass

from bestservice import urls
from bestservice.background import Job
from bestservice.content import Content, load_content
from bestservice.content.cache import FileMemo, with_changes
from bestservice.content.gitdates import GitHistory
from bestservice.content.problems import ERROR, Problem
from bestservice.content.reference import Reference, load_reference, reference_fingerprint
from bestservice.content.rules import Context
from bestservice.content.validate import document_problems
from bestservice.fiscal import current_fiscal_year
from bestservice.kb import KnowledgeBase
from bestservice.pages import Page, generate_pages
from bestservice.pages.problems import unreadable_pages, with_problems
from bestservice.pages.screening import screened_years
from bestservice.similar.vectors import encoder
from bestservice.site.hand_pages import HandPage, hand_pages, markdown_page
from bestservice.site.settings import SiteSettings
from bestservice.site.work import CHECK_DATA, MEANING_MODEL, CheckMemo, CheckResult, check_work, data_work, search_work


@dataclass
class Output:
    """One file the build makes: a generated page (`Page`), or a file's text or bytes, at its path in the site source."""

    path: str
    data: Page | str | bytes
    made_from: tuple[str, ...]

    def bytes(self) -> bytes:
        if isinstance(self.data, Page):
            return self.data.markdown().encode("utf-8")
        return self.data if isinstance(self.data, bytes) else self.data.encode("utf-8")


@dataclass
class Changes:
    """What a refresh found changed since the last one (everything, the first time)."""

    files: set[str]
    reference: bool

    def __bool__(self) -> bool:
        return bool(self.files) or self.reference


ALL_CONTENT = "content"  # an output made from every content file
REFERENCE = "reference"


class SiteBuild:
    """The site of one knowledge base, kept up to date by `refresh()` and made by `outputs()`."""

    def __init__(
        self,
        kb: KnowledgeBase,
        settings: SiteSettings,
        *,
        serving: bool = False,
        show_problems: bool | None = None,
        today: dt.date | None = None,
        git: bool = True,
    ) -> None:
        """`serving`: builds follow one another in this process (`mkdocs serve`): keep what each worked
        out. `show_problems`: a file's problems show above its page (default: when serving)."""
        self.kb, self.settings, self.serving = kb, settings, serving
        self.show_problems = serving if show_problems is None else show_problems
        self._today = today
        self.history: GitHistory | bool = GitHistory() if git else False
        self.rendered: dict = {}  # page HTML by template, address and context, kept between builds
        self.reference: Reference | None = None
        self.content = Content()
        self._documents: FileMemo = FileMemo()
        self._check_memo = CheckMemo()  # what the last build's check worked out per file (serve only)
        self._search_memo: dict | None = None  # the pages the last build's search index read (serve only)
        self._jobs: dict[str, Job] = {}
        self._check: CheckResult | None = None
        self._data: dict[str, str] | None = None
        self.record: dict[str, str] = {}  # path → digest of what the last build made
        self._digests: dict[str, tuple] = {}  # path → (what was hashed there last, its digest)
        self._started_on: dt.date | None = None  # the day the work for this content was started (rules read the date)
        self.changed_outputs: set[str] = set()

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # --- inputs ---------------------------------------------------------------------------------
    def refresh(self) -> Changes:
        """Read what changed since the last refresh: content files by path, time and size, the
        reference data by its files' fingerprint. Unchanged files keep their Document objects. When
        nothing changed (and it is the same day), the work done for the content stays: under `mkdocs
        serve` a saved guide page does not make the check, the boards and the open data again."""
        fingerprint = reference_fingerprint(self.kb.reference_dir)
        reference_changed = self.reference is None or self.reference.fingerprint != fingerprint
        if reference_changed:
            self.reference = load_reference(self.kb.reference_dir)
            self._check_memo, self._search_memo = CheckMemo(), None  # words are folded by the reference's synonyms
        memo = FileMemo(self._documents.used)
        content = load_content(self.kb.projects_dir, self.kb.lessons_dir, memo)
        self._documents = memo
        unreadable = {problem.path for problem in set(content.unreadable) ^ set(self.content.unreadable)}
        changes = Changes(memo.changed() | {os.path.abspath(path) for path in unreadable}, reference_changed)
        if changes or self._started_on != self.today:
            self.content = content
            self.cancel()
        return changes

    def hand_pages(self) -> list[HandPage]:
        return hand_pages(self.kb.docs_dir, self.reference, self.kb.root)

    # --- work -----------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the parts that need only the content (in second processes where there are cores),
        unless they are running or done for this content already."""
        self._started_on = self.today
        if "check" not in self._jobs and self._check is None:
            years = screened_years(self.content, current_fiscal_year(self.today))
            memo = self._check_memo if self.serving else None
            self._jobs["check"] = Job(check_work, self.content, self.reference, self.today, years, memo, self.kb.cache_dir)
        if "data" not in self._jobs and self._data is None:
            if self.history:  # read the log here, once, rather than in each second process
                self.history.of([doc.path for doc in self.content.documents[:1]])
            self._jobs["data"] = Job(data_work, self.content, self.reference, self.settings.site_name, self.settings.site_url, self.history or None)

    def check(self) -> CheckResult:
        """The boards, the check page's script and the content's problems (waits for them)."""
        if self._check is None:
            if "check" not in self._jobs:
                self.start()
            self._check = self._jobs.pop("check").result()
            if self.serving:
                self._check_memo = self._check_memo.changed_by(self._check.memo)
        return self._check

    @property
    def problems(self) -> list[Problem]:
        return self.check().problems

    def problems_of(self, paths: set[str]) -> list[Problem]:
        """The problems of these files on their own and against the others (unreadable, schema, rules),
        worked out at once: what `mkdocs serve` prints right after a save. The similar check's come
        with the build's check (`problems`)."""
        ctx = Context(reference=self.reference, content=self.content, today=self.today)
        found = about(self.content.unreadable, paths)
        for doc in self.content.documents:
            if str(doc.path) in paths:
                found.extend(document_problems(doc, ctx))
        return sorted(set(found))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def data_files(self) -> dict[str, str]:
        if self._data is None:
            if "data" not in self._jobs:
                self.start()
            self._data = self._jobs.pop("data").result()
        return self._data

    def generated(self) -> list[Output]:
        """The generated pages and the files pages link to (open data, feeds, the form's data). The
        search index reads the pages as they are made, in a second process; `finished()` gives it.
        Under `mkdocs serve`, a file's problems show above its page, and a file that cannot be read
        gets a page of its problems."""
        kept = (self._search_memo or {}) if self.serving else None
        search = Job(search_work, self.content, self.reference, self.settings.site_name, self.settings.markdown_extensions, kept, stream=True)
        self._jobs["search"] = search

        def to_search(batch: list) -> None:
            search.send([(item.url, item.title, item.html) for item in batch if isinstance(item, Page)])

        items = generate_pages(
            self.content, self.reference, self.today, self.history, on_pages=to_search, boards=lambda: self.check().boards, rendered=self.rendered
        )
        data = self.data_files()
        search.send([markdown_page(path, text) for path, text in data.items() if path.endswith(".md")] + self.hand_pages())
        search.close()
        if self.show_problems:
            items = self._with_problems(items)
        sources = page_sources(self.content)
        outputs = [Output(item.path, item if isinstance(item, Page) else item.content, sources.get(item.path, (ALL_CONTENT,)) + (REFERENCE,)) for item in items]
        outputs += [Output(path, text, (ALL_CONTENT, REFERENCE)) for path, text in data.items()]
        return outputs

    def _with_problems(self, items: list) -> list:
        found: dict[str, list[Problem]] = {}
        for problem in self.problems:
            found.setdefault(problem.path, []).append(problem)
        by_path = {}
        for doc in self.content.documents:
            if doc.display_path in found:
                by_path[(urls.lesson(doc.id) if doc.kind == "lesson" else urls.project(doc.id)) + "index.md"] = found[doc.display_path]
        broken = unreadable_pages(self.content.unreadable, self.kb.lessons_dir)
        taken = {page.path for page in broken}
        kept = [
            with_problems(item, by_path[item.path]) if isinstance(item, Page) and item.path in by_path else item for item in items if item.path not in taken
        ]
        return kept + broken

    def finished(self) -> list[Output]:
        """What is made from every page and every project: the search index and the check page's data."""
        files, self.search_stats, changes = self._jobs.pop("search").result()
        if self.serving:
            self._search_memo = with_changes(self._search_memo or {}, changes)
        made = [Output(path, data, ("pages",)) for path, data in files.items()]
        return [
            *made,
            Output(CHECK_DATA, self.check().check_script, (ALL_CONTENT, REFERENCE)),
            Output(MEANING_MODEL, encoder().browser_model(), ("meaning model",)),
        ]

    def outputs(self) -> list[Output]:
        """Everything the build makes, for a folder (bestservice.site.folder)."""
        self.start()
        made = self.generated()
        made += self.finished()
        self.remember(made)
        return made

    def remember(self, outputs: list[Output]) -> None:
        """Record each output's digest (beside those of the build's other outputs, which a builder may
        remember apart: the pages first, the search index at the end); `changed_outputs` are those of
        `outputs` that differ from the last build."""
        record = {out.path: self._digest(out) for out in outputs}
        self.changed_outputs = {path for path, digest in record.items() if self.record.get(path) != digest}
        self.record |= record

    def _digest(self, out: Output) -> str:
        """An output's digest, not worked out again for what is the very object hashed last time: an
        unchanged page keeps its HTML between builds (pages.base.render; its title and metadata are
        compared), the meaning model is one bytes object. Hashing every output after each save was
        0.35 s of a rebuild at 5,000 projects."""
        page = out.data if isinstance(out.data, Page) else None
        made_of = (page.html, page.title, dict(page.meta)) if page is not None else (out.data,)
        kept = self._digests.get(out.path)
        if kept is not None and kept[0][0] is made_of[0] and kept[0][1:] == made_of[1:]:
            return kept[1]
        digest = hashlib.blake2b(out.bytes(), digest_size=16).hexdigest()
        self._digests[out.path] = (made_of, digest)
        return digest

    def __enter__(self) -> SiteBuild:
        return self

    def __exit__(self, *exc) -> None:
        self.cancel()

    def cancel(self) -> None:
        """Forget the work of the last build (a build that failed before its end leaves jobs running)."""
        for job in self._jobs.values():
            job.cancel()
        self._jobs.clear()
        self._check, self._data = None, None


def about(problems: list[Problem], paths: set[str]) -> list[Problem]:
    """The problems of the files at these absolute paths."""
    return [problem for problem in problems if os.path.abspath(problem.path) in paths]


def page_sources(content: Content) -> dict[str, tuple[str, ...]]:
    """The files each project's and lesson's page is made from: its own, and those of the records it
    shows (the projects it continues or extends and those that continue or extend it, its lessons;
    a lesson's projects). Lists, overviews and boards are made from every file."""
    path_of = {doc.id: doc.display_path for doc in content.projects}
    linked: dict[str, set[str]] = {doc.id: {doc.display_path} for doc in content.projects}
    for doc in content.projects:
        for name in ("continues", "extends"):
            other = doc.data.get(name)
            if isinstance(other, str) and other in linked:
                linked[doc.id].add(path_of[other])
                linked[other].add(doc.display_path)
    sources = {}
    for lesson in content.lessons:
        projects = [p for p in lesson.data.get("projects") or [] if isinstance(p, str) and p in linked]
        for project in projects:
            linked[project].add(lesson.display_path)
        sources[urls.lesson(lesson.id) + "index.md"] = (lesson.display_path, *sorted(path_of[p] for p in projects))
    sources |= {urls.project(key) + "index.md": tuple(sorted(paths)) for key, paths in linked.items()}
    return sources
