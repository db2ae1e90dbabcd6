"""What a record is (content.holdings): the committee's decision makes a proposal a project; counts keep kinds apart."""

from __future__ import annotations

import pytest
from conftest import REFERENCE

from bestservice.content.holdings import APPROVED, ARCHIVE, PROPOSAL, REJECTED, is_listed, standing, tally


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"record": "proposal"}, PROPOSAL),
        ({"record": "proposal", "status": "running"}, PROPOSAL),  # the file's own status is not the committee's decision
        ({"record": "proposal", "decision": {"status": "approved", "date": "2024-09-20"}}, APPROVED),
        ({"decision": {"status": "rejected"}}, REJECTED),
        ({"record": "archive", "kind": "service_innovation"}, ARCHIVE),
        ({"record": "proposal", "decision": "approved"}, PROPOSAL),  # a misshapen decision decides nothing
    ],
)
def test_a_record_is_a_project_once_the_committee_approves_it(data, expected):
    assert standing(data) == expected
    assert is_listed(data) == (expected in (APPROVED, ARCHIVE))


def test_a_tally_keeps_best_service_other_public_records_and_proposals_apart():
    counted = tally(
        [
            {"record": "archive", "kind": "best_service"},
            {"record": "archive", "kind": "service_innovation"},
            {"record": "archive", "kind": "service_innovation"},
            {"record": "proposal", "decision": {"status": "approved"}},
            {"record": "proposal"},
            {"record": "proposal", "decision": {"status": "rejected"}},
        ],
        REFERENCE,
    )
    assert [(c.key, c.count) for c in counted.best_service.parts] == [("approved", 1), ("archive:best_service", 1)]
    assert [(c.key, c.count) for c in counted.others.parts] == [("archive:service_innovation", 2)]
    assert (counted.best_service.count, counted.others.count, counted.proposals, counted.rejected) == (2, 2, 1, 1)
    assert counted.others.parts[0].holds_th.startswith("บริการใหม่ของหน่วยงานที่พบในข่าว")
