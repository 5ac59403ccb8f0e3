"""Pages of results, as client projects written against the real service read them.

The real service sent a ``NextToken`` even with a single result
(aws/aws-sdk-js#2522), and Mephisto's ``get_outstanding_hits`` loops until an
empty page, reading ``NextToken`` from every page that had results.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError

from mturk_emulator import MTurkFake
from tests.emulator.support import ANSWER, new_hit

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient


def get_outstanding_hits(client: Any) -> list[dict[str, Any]]:
    """Mephisto's loop (mephisto/abstractions/providers/mturk/mturk_utils.py)."""
    new_hits = client.list_hits()
    all_hits = new_hits["HITs"]
    while len(new_hits["HITs"]) > 0:
        new_hits = client.list_hits(NextToken=new_hits["NextToken"])
        all_hits += new_hits["HITs"]
    return all_hits


@pytest.mark.evidence("pagination.token-on-every-page")
def test_mephistos_loop_reads_every_hit(mturk_sandbox: MTurkClient) -> None:
    created = [new_hit(mturk_sandbox) for _ in range(3)]
    assert [hit["HITId"] for hit in get_outstanding_hits(mturk_sandbox)] == created


@pytest.mark.evidence("pagination.token-on-every-page", "pagination.num-results")
def test_every_page_with_results_has_a_token_and_the_last_page_is_empty(
    mturk_sandbox: MTurkClient,
) -> None:
    created = [new_hit(mturk_sandbox) for _ in range(3)]
    first = mturk_sandbox.list_hits(MaxResults=2)
    second = mturk_sandbox.list_hits(MaxResults=2, NextToken=first["NextToken"])
    last = mturk_sandbox.list_hits(MaxResults=2, NextToken=second["NextToken"])
    assert [h["HITId"] for h in first["HITs"] + second["HITs"]] == created
    assert (first["NumResults"], second["NumResults"], last["NumResults"]) == (2, 1, 0)
    assert (last["HITs"], "NextToken" in last) == ([], False)
    pages = mturk_sandbox.get_paginator("list_hits").paginate(PaginationConfig={"PageSize": 2})
    assert [h["HITId"] for page in pages for h in page["HITs"]] == created


@pytest.mark.evidence("pagination.token-on-every-page")
def test_an_empty_listing_has_no_token(mturk_sandbox: MTurkClient) -> None:
    empty = mturk_sandbox.list_hits()
    assert (empty["NumResults"], "NextToken" in empty) == (0, False)


@pytest.mark.evidence("pagination.token-after-key")
def test_deleting_old_hits_during_a_walk_skips_nothing(mturk_sandbox: MTurkClient) -> None:
    """A token is the last item's key: on main, a position, and 9 of 20 HITs were skipped."""
    created = [new_hit(mturk_sandbox) for _ in range(30)]
    first = mturk_sandbox.list_hits(MaxResults=5)
    for hit_id in created[:10]:  # five already seen, five not yet
        mturk_sandbox.update_expiration_for_hit(HITId=hit_id, ExpireAt=datetime(2020, 1, 1))
        mturk_sandbox.delete_hit(HITId=hit_id)
    added = new_hit(mturk_sandbox)
    seen = [h["HITId"] for h in first["HITs"]]
    token = first["NextToken"]
    while token:
        page = mturk_sandbox.list_hits(MaxResults=5, NextToken=token)
        seen += [h["HITId"] for h in page["HITs"]]
        token = page.get("NextToken")
    assert seen == created[:5] + created[10:] + [added]


@pytest.mark.evidence("pagination.made-up-token")
@pytest.mark.parametrize("token", ["bm90IGpzb24", "WyJhIl0=", "W10=", "e30=", "WzEuNV0="])
def test_a_token_not_handed_out_or_of_another_listing_is_refused(
    mturk_sandbox: MTurkClient, token: str
) -> None:
    new_hit(mturk_sandbox)
    with pytest.raises(ClientError) as refused:
        mturk_sandbox.list_hits(NextToken=token)
    assert refused.value.response["Error"]["Code"] == "ParameterValidationError"
    assert "NextToken" in refused.value.response["Error"]["Message"]


def test_every_listing_walks_by_key(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> None:
    """Each paged operation hands out a token that its next call takes."""
    hit_id = new_hit(mturk_sandbox, MaxAssignments=3)
    type_id = mturk_sandbox.create_qualification_type(
        Name="Walk", Description="d", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    workers = ["A1WALKER", "A2WALKER", "A3WALKER"]
    mturk_fake.add_worker(*workers)
    for worker in workers:
        assignment_id = mturk_fake.submit_assignment(hit_id, worker, ANSWER)
        mturk_sandbox.send_bonus(
            WorkerId=worker, BonusAmount="0.10", AssignmentId=assignment_id, Reason="r"
        )
        mturk_sandbox.create_worker_block(WorkerId=worker, Reason="r")
        mturk_sandbox.associate_qualification_with_worker(
            QualificationTypeId=type_id, WorkerId=worker, IntegerValue=1
        )
        mturk_fake.request_qualification(type_id, worker)
    listings: dict[str, tuple[str, dict[str, Any]]] = {
        "list_assignments_for_hit": ("Assignments", {"HITId": hit_id}),
        "list_bonus_payments": ("BonusPayments", {"HITId": hit_id}),
        "list_worker_blocks": ("WorkerBlocks", {}),
        "list_workers_with_qualification_type": (
            "Qualifications", {"QualificationTypeId": type_id}
        ),
        "list_qualification_requests": ("QualificationRequests", {"QualificationTypeId": type_id}),
        "list_reviewable_hits": ("HITs", {}),
        "list_qualification_types": ("QualificationTypes", {"MustBeRequestable": False}),
    }  # fmt: skip
    for operation, (key, args) in listings.items():
        pages = mturk_sandbox.get_paginator(operation).paginate(  # type: ignore[call-overload]
            PaginationConfig={"PageSize": 1}, **args
        )
        walked = [item for page in pages for item in page[key]]
        whole = getattr(mturk_sandbox, operation)(**args)[key]
        assert walked == whole, operation


def test_hits_are_listed_by_creation_time_even_after_the_clock_was_set_back(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    later = new_hit(mturk_sandbox)
    mturk_fake.advance_time(-3600)
    earlier = new_hit(mturk_sandbox)
    assert [h["HITId"] for h in mturk_sandbox.list_hits()["HITs"]] == [earlier, later]
