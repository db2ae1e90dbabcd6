"""`bestservice validate`: the similar-projects check over the whole content (criteria 11 and 12).

Only projects of the LATEST fiscal year in the content are checked (earlier years were already
decided). The corpus is indexed once; each checked project then costs one query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from bestservice.content import Content
from bestservice.content.document import Document
from bestservice.content.problems import Problem
from bestservice.content.rules import Context, problem
from bestservice.similar.corpus import Corpus, SimilarResult, indexed, project_features
from bestservice.similar.features import analyzer
from bestservice.similar.verdict import band


def similar_projects(content: Content, ctx: Context, targets: list) -> Iterable[Problem]:
    """validate's corpus check: the projects of the latest fiscal year against the earlier ones."""
    years = [doc.fiscal_year for doc in content.projects if doc.fiscal_year is not None]
    if not years:
        return
    latest = max(years)
    checked = [doc for doc in targets if doc.kind == "project" and doc.fiscal_year == latest]
    for doc, result in similar_results(content, ctx, checked):
        for rule in SIMILAR_RULES:
            yield from rule(doc, result, ctx)


def similar_results(content: Content, ctx: Context, checked: list[Document], corpus: Corpus | None = None) -> Iterator[tuple[Document, SimilarResult]]:
    """Each checked project with what the similar check found for it (one query each, one index)."""
    if not checked:
        return
    corpus = corpus or content_corpus(content, ctx)
    corpus.compare([doc.data for doc in checked])
    for doc in checked:
        yield doc, corpus.check(doc.data, top=3, exclude=doc.id)


def content_corpus(content: Content, ctx: Context) -> Corpus:
    """The index of every project, from the words and meaning vectors of unchanged files the last run
    left (ctx.features, ctx.vectors)."""
    if ctx.corpus is not None:
        return ctx.corpus
    features = None
    if ctx.features is not None:
        fold = analyzer(ctx.reference)
        features = [ctx.features.of(doc, lambda doc=doc: project_features(fold, doc)) for doc in content.projects if indexed(doc)]
    return Corpus(content, ctx.reference, features, ctx.vectors)


def repeats_an_earlier_project(doc: Document, result: SimilarResult, ctx: Context) -> Iterable[Problem]:
    if result.verdict == "repeat":
        best = result.matches[0]
        yield problem(
            doc,
            ("title",),
            f"โครงการนี้คล้ายโครงการ {best.id} «{best.title}» ปีงบประมาณ {best.fiscal_year} ของ{ctx.reference.unit_name(best.unit)} "
            f"(คะแนน {best.score:.2f} {band(best.score)}; {why_alike(best)}) — เกณฑ์ข้อ 12 ห้ามเสนอโครงการที่เคยเสนอแล้วซ้ำ",
            f"ถ้าพัฒนาต่อจากโครงการเดิม ให้ระบุ continues: {best.id} และ whats_new ว่าต่างจากเดิมและเป็นประโยชน์ต่อผู้รับบริการมากขึ้นอย่างไร มิฉะนั้นให้ปรับโครงการให้ต่างจากโครงการเดิม",
        )


def declares_the_project_it_continues(doc: Document, result: SimilarResult, ctx: Context) -> Iterable[Problem]:
    """A proposal that says it develops an earlier project further (ระยะที่ 2, ต่อยอด...) and is very like one,
    without naming it: named, so the owner can declare it (a declared continuation is never a repeat)."""
    if result.undeclared_continuation:
        best = result.matches[0]
        yield problem(
            doc,
            ("continues",),
            f"ดูเหมือนต่อยอดจากโครงการ {best.id} «{best.title}» ปีงบประมาณ {best.fiscal_year} (คะแนน {best.score:.2f}) แต่ยังไม่ได้ระบุ",
            f"ถ้าใช่ ให้ระบุ continues: {best.id} และ whats_new ว่าอะไรใหม่ (เกณฑ์ข้อ 12)",
            severity="warning",
        )


def why_alike(match) -> str:
    """What two projects share, as a person reads it: their phrases, or their meaning where the words differ."""
    if match.shared:
        return "คำที่ใช้ร่วมกัน: " + ", ".join(match.shared[:5])
    return "ใจความคล้ายกันแม้ใช้ถ้อยคำต่างกัน"


def may_be_a_service_centre_service(doc: Document, result: SimilarResult, ctx: Context) -> Iterable[Problem]:
    """Criterion 11, once per field the words were found in: the service they name and the words. Once the
    owner declares the project is not the centre's service, the warning says in one line why it still shows."""
    declared = isinstance(doc.data.get("declarations"), dict) and doc.data["declarations"].get("not_service_center") is True
    by_field: dict[str, list] = {}
    for overlap in result.service_center:
        by_field.setdefault(overlap.field or "title", []).append(overlap)
    for name, overlaps in by_field.items():
        services = " และ ".join(f"«{o.service}»" for o in overlaps)
        found = list(dict.fromkeys(word for o in overlaps for word in o.shared))
        words = ", ".join(word for word in found if not any(word != other and word in other for other in found))
        if declared:
            yield problem(
                doc,
                (name,),
                f"รับรองข้อ 11 แล้ว แต่คำว่า {words} ตรงกับบริการ {services} ของศูนย์บริการ กทม.",
                "ไม่ต้องแก้ถ้ามั่นใจ: คำเตือนนี้คงไว้ให้คณะกรรมการเทียบบริการเอง (เกณฑ์ข้อ 11)",
                severity="warning",
            )
        else:
            yield problem(
                doc,
                (name,),
                f"อาจเป็นบริการเดียวกับ {services} ของศูนย์บริการ กทม. (เกณฑ์ข้อ 11): คำว่า {words}",
                "ถ้าไม่ใช่ ให้รับรองใน declarations.not_service_center: true หรือปรับโครงการ",
                severity="warning",
            )


SimilarRule = Callable[[Document, SimilarResult, Context], Iterable[Problem]]
# reference/criteria.yaml names these under criteria 11 and 12, as it names the rules of rules.py
SIMILAR_RULES: list[SimilarRule] = [repeats_an_earlier_project, declares_the_project_it_continues, may_be_a_service_centre_service]
