"""What the knowledge base holds: what each record is, and counts that say what they count.

A record is one of four things (its `standing`):
- a proposal: sent to the committee through this knowledge base, no decision recorded yet;
- a rejected proposal: the committee recorded `decision.status: rejected`;
- an approved Best Service project: the committee recorded `decision.status: approved`;
- an archive record: gathered from public sources (`record: archive`), of a kind in reference/awards.yaml.

Only approved projects and archive records are listed and counted as projects on public pages;
proposals are the committee's until it decides. A count is never one number over all records: a
`Tally` keeps Best Service projects (approved here, or found in public sources), the other kinds of
public record, and the proposals waiting for a decision apart, each with what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bestservice.content.reference import Reference

PROPOSAL, REJECTED, APPROVED, ARCHIVE = "proposal", "rejected", "approved", "archive"
BEST_SERVICE = "best_service"  # the record kind of every proposal (the schema's default)
LISTED = (APPROVED, ARCHIVE)


def standing(data: dict) -> str:
    """What a record is now, from its `record` and the committee's `decision`."""
    if data.get("record") == "archive":
        return ARCHIVE
    decision = data.get("decision")
    status = decision.get("status") if isinstance(decision, dict) else None
    return APPROVED if status == "approved" else REJECTED if status == "rejected" else PROPOSAL


def is_listed(data: dict) -> bool:
    """Whether the public lists show the record and count it: approved projects and archive records."""
    return standing(data) in LISTED


def kind_of(data: dict) -> str:
    return data["kind"] if isinstance(data.get("kind"), str) else BEST_SERVICE


def is_best_service(data: dict) -> bool:
    return kind_of(data) == BEST_SERVICE


def collection_of(data: dict) -> str:
    """The collection a listed record is counted in: `approved`, or `archive:<kind>`."""
    return APPROVED if standing(data) == APPROVED else f"{ARCHIVE}:{kind_of(data)}"


@dataclass(frozen=True)
class Count:
    """One collection: its Thai name, where its records come from, how many, and what it holds when partial."""

    key: str
    name_th: str
    source_th: str
    count: int
    holds_th: str = ""


@dataclass(frozen=True)
class Group:
    name_th: str
    parts: tuple[Count, ...]

    @property
    def count(self) -> int:
        return sum(part.count for part in self.parts)


@dataclass(frozen=True)
class Tally:
    """Best Service projects, other public records and waiting proposals, counted apart."""

    best_service: Group
    others: Group
    proposals: int = 0
    rejected: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def collections(self) -> list[Count]:
        return [*self.best_service.parts, *self.others.parts]

    def as_dict(self) -> dict:
        def group(g: Group) -> dict:
            return {"name_th": g.name_th, "count": g.count, "collections": [_count(c) for c in g.parts]}

        return {
            "best_service_projects": group(self.best_service),
            "other_public_records": group(self.others),
            "proposals_waiting_for_a_decision": self.proposals,
            "rejected_proposals": self.rejected,
        }


def _count(c: Count) -> dict:
    return {"key": c.key, "name_th": c.name_th, "source_th": c.source_th, "count": c.count, "holds_th": c.holds_th or None}


APPROVED_TH = ("โครงการ Best Service ที่คณะกรรมการอนุมัติ", "เสนอผ่านคลังความรู้นี้และคณะกรรมการมีมติอนุมัติ")
PUBLIC_SOURCES_TH = "รวบรวมจากแหล่งข้อมูลสาธารณะ"


def collections(reference: Reference) -> list[Count]:
    """Every collection a listed record may be counted in, in the order pages show them (count 0)."""
    kinds = [Count(APPROVED, *APPROVED_TH, 0)]
    for kind in reference.record_kinds:
        name = "โครงการ Best Service" if kind["id"] == BEST_SERVICE else kind["name_th"]
        kinds.append(Count(f"{ARCHIVE}:{kind['id']}", name, PUBLIC_SOURCES_TH, 0, kind.get("holds_th", "")))
    return kinds


def tally(records: list[dict], reference: Reference) -> Tally:
    """The records' data counted apart. Collections with no record are left out, except the two
    kinds of Best Service project: a page always says how many of each it holds (0 is an answer too)."""
    counts: dict[str, int] = {}
    waiting = rejected = 0
    for data in records:
        kind = standing(data)
        waiting += kind == PROPOSAL
        rejected += kind == REJECTED
        if kind in LISTED:
            counts[collection_of(data)] = counts.get(collection_of(data), 0) + 1
    found = [Count(c.key, c.name_th, c.source_th, counts.get(c.key, 0), c.holds_th) for c in collections(reference)]
    unknown = sorted(set(counts) - {c.key for c in found})  # a kind not in the reference data (validate reports it)
    found += [Count(key, key.split(":", 1)[1], PUBLIC_SOURCES_TH, counts[key]) for key in unknown]
    best = tuple(c for c in found if c.key in (APPROVED, f"{ARCHIVE}:{BEST_SERVICE}"))
    others = tuple(c for c in found if c.key not in (APPROVED, f"{ARCHIVE}:{BEST_SERVICE}") and c.count)
    notes = tuple(dict.fromkeys(c.holds_th for c in (*best, *others) if c.holds_th))
    return Tally(Group("โครงการ Best Service", best), Group("ระเบียนอื่นจากแหล่งข้อมูลสาธารณะ", others), waiting, rejected, notes)
