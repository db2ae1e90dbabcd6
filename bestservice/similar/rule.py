"""`bestservice validate`: the similar-projects check over the whole content (criteria 11 and 12).

Only projects of the LATEST fiscal year in the content are checked (earlier years were already
decided). The corpus is indexed once; each checked project then costs one query.
"""

from __future__ import annotations

from collections.abc import Iterable

from bestservice.content import Content
from bestservice.content.problems import Problem
from bestservice.content.rules import Context, problem
from bestservice.similar.corpus import Corpus, indexed, project_features
from bestservice.similar.features import analyzer


def similar_projects(content: Content, ctx: Context, targets: list) -> Iterable[Problem]:
    years = [doc.data["fiscal_year"] for doc in content.projects if type(doc.data.get("fiscal_year")) is int]
    if not years:
        return
    latest = max(years)
    checked = [doc for doc in targets if doc.kind == "project" and doc.data.get("fiscal_year") == latest]
    if not checked:
        return
    features = None
    if ctx.features is not None:
        fold = analyzer(ctx.reference)
        features = [ctx.features.get(doc.path, lambda doc=doc: project_features(fold, doc)) for doc in content.projects if indexed(doc)]
    corpus = Corpus(content, ctx.reference, features)
    note = " ".join(str(ctx.reference.service_center.get("confidence_note_th", "")).split())
    for doc in checked:
        result = corpus.check(doc.data, top=3, exclude=doc.id)
        if result.verdict == "repeat":
            best = result.matches[0]
            yield problem(
                doc,
                ("title",),
                f"โครงการนี้คล้ายโครงการ {best.id} «{best.title}» ปีงบประมาณ {best.fiscal_year} ของ{ctx.reference.unit_name(best.unit)} "
                f"(คะแนน {best.score:.2f}; คำที่ใช้ร่วมกัน: {', '.join(best.shared[:5])}) — เกณฑ์ข้อ 12 ห้ามเสนอโครงการที่เคยเสนอแล้วซ้ำ",
                f"ถ้าพัฒนาต่อจากโครงการเดิม ให้ระบุ continues: {best.id} และ whats_new ว่าต่างจากเดิมและเป็นประโยชน์ต่อผู้รับบริการมากขึ้นอย่างไร "
                "มิฉะนั้นให้ปรับโครงการให้ต่างจากโครงการเดิม",
            )
        for overlap in result.service_center:
            yield problem(
                doc,
                ("title",),
                f"อาจเป็นบริการแบบเดียวกับ «{overlap.service}» ของ{overlap.centre} (เกณฑ์ข้อ 11; คำที่พบ: {', '.join(overlap.shared)}). {note}",
                "ตรวจว่าโครงการไม่ใช่บริการเดียวกับศูนย์บริการกรุงเทพมหานคร แล้วระบุในคำรับรอง (declarations) หรือปรับโครงการ",
                severity="warning",
            )
