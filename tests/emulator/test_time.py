"""Two clocks: the service's (which tests move on) and the client's (which may be wrong).

``advance_time`` is time passing for everyone: HITs expire, work is approved
automatically, request tokens are forgotten, and requests signed just now are
still valid. ``skew_client_clock`` puts this computer's clock off AWS's, which
is what "Signature expired" is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from moto.moto_api._internal import mock_random

from mturk_emulator import MTurkFake, emulator
from tests.emulator.support import ANSWER, WORKER, hit_args, mturk_client, new_hit

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

DAY = 24 * 3600


@pytest.mark.evidence("time.service-clock", "assignments.auto-approval")
def test_thirty_days_later_the_api_still_answers_and_work_is_approved(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, AutoApprovalDelayInSeconds=30 * DAY)
    assignment_id = mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    mturk_fake.advance_time(30 * DAY)
    assignment = mturk_sandbox.get_assignment(AssignmentId=assignment_id)["Assignment"]
    assert assignment["AssignmentStatus"] == "Approved"
    assert mturk_sandbox.get_hit(HITId=hit_id)["HIT"]["HITStatus"] == "Reviewable"


@pytest.mark.evidence("time.signature-expired", "time.signature-not-yet-current")
@pytest.mark.parametrize(
    ("skew", "wording"), [(-400, "Signature expired"), (400, "Signature not yet current")]
)
def test_a_client_clock_off_by_more_than_five_minutes_is_refused(
    aws: MTurkFake, skew: int, wording: str
) -> None:
    client = mturk_client()
    aws.skew_client_clock(skew)  # this computer's clock, against AWS's
    with pytest.raises(client.exceptions.ClientError) as raised:
        client.get_account_balance()
    error = raised.value.response["Error"]
    assert error["Code"] == "InvalidSignatureException"
    assert error["Message"].startswith(wording)
    aws.skew_client_clock(0)
    aws.advance_time(400)  # time passing is not a wrong clock
    assert client.get_account_balance()


@pytest.mark.evidence("hits.request-token-24h")
def test_a_hit_request_token_is_forgotten_after_24_hours(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    first = mturk_sandbox.create_hit(**hit_args(UniqueRequestToken="batch-1"))["HIT"]["HITId"]
    with pytest.raises(mturk_sandbox.exceptions.RequestError, match=first):
        mturk_sandbox.create_hit(**hit_args(UniqueRequestToken="batch-1"))
    mturk_fake.advance_time(DAY + 1)
    again = mturk_sandbox.create_hit(**hit_args(UniqueRequestToken="batch-1"))["HIT"]["HITId"]
    assert again != first


@pytest.mark.evidence("payments.bonus-token-24h")
def test_a_bonus_token_is_forgotten_after_24_hours(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox)
    assignment_id = mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    mturk_sandbox.approve_assignment(AssignmentId=assignment_id)

    def bonus() -> None:
        mturk_sandbox.send_bonus(
            WorkerId=WORKER,
            BonusAmount="0.25",
            AssignmentId=assignment_id,
            Reason="Thanks.",
            UniqueRequestToken=f"bonus-{assignment_id}",
        )

    bonus()
    mturk_fake.advance_time(DAY - 1)
    with pytest.raises(mturk_sandbox.exceptions.RequestError):
        bonus()
    mturk_fake.advance_time(2)
    bonus()  # AWS: duplicates are possible once the token has expired
    assert mturk_sandbox.list_bonus_payments(AssignmentId=assignment_id)["NumResults"] == 2


@pytest.mark.evidence("ids.seeded")
def test_ids_come_from_motos_seeded_generator() -> None:
    def first_ids(seed: int) -> tuple[str, str]:
        with emulator(enforce_authorization=False):
            mock_random.seed(seed)  # what moto's /moto-api/seed endpoint does
            hit = mturk_client().create_hit(**hit_args())["HIT"]
            return hit["HITId"], hit["HITTypeId"]

    assert first_ids(7) == first_ids(7)
    assert first_ids(7) != first_ids(8)
