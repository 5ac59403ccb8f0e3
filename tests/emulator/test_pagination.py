"""Pages of results, as client projects written against the real service read them.

The real service sent a ``NextToken`` even with a single result
(aws/aws-sdk-js#2522), and Mephisto's ``get_outstanding_hits`` loops until an
empty page, reading ``NextToken`` from every page that had results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.emulator.support import new_hit

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
