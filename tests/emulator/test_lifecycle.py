"""Lifecycle rules of the real service that the emulator first got wrong.

Each test names its ledger rule; the rule carries the AWS text or the public
report it comes from (``mturk_emulator/ledger/``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

from mturk_emulator import MTurkFake, WorkerCannotAccept
from tests.emulator.support import (
    ANSWER,
    QUESTION,
    STAMP,
    WORKER,
    hit_args,
    new_hit,
    parameter_error,
)

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

DAY = 24 * 3600


def request_error(client: MTurkClient, call: Any) -> tuple[str, str]:
    with pytest.raises(client.exceptions.RequestError) as raised:
        call()
    response: Any = raised.value.response
    return STAMP.sub("", response["Error"]["Message"]), response["TurkErrorCode"]


def expiration(client: MTurkClient, hit_id: str) -> datetime:
    return client.get_hit(HITId=hit_id)["HIT"]["Expiration"]


# --- UpdateExpirationForHIT ------------------------------------------------------------


@pytest.mark.evidence("hits.expiry-cannot-shorten", "hits.expiration-increment-range")
def test_an_expiration_cannot_be_shortened_to_a_future_time(mturk_sandbox: MTurkClient) -> None:
    hit_id = new_hit(mturk_sandbox, LifetimeInSeconds=DAY)
    before = expiration(mturk_sandbox, hit_id)
    sooner = before - timedelta(hours=12)
    message, parameter = parameter_error(
        mturk_sandbox,
        lambda: mturk_sandbox.update_expiration_for_hit(HITId=hit_id, ExpireAt=sooner),
    )
    # aws/aws-sdk-ruby#2065: "The value -380572 is invalid for ExpirationIncrementInSeconds."
    assert message == (
        "The value -43200 is invalid for ExpirationIncrementInSeconds. "
        "Valid values range from 60 to 31536000."
    )
    assert parameter == "ExpirationIncrementInSeconds"
    assert expiration(mturk_sandbox, hit_id) == before


@pytest.mark.evidence("hits.expiration-increment-range")
@pytest.mark.parametrize("seconds", [11, 59, 365 * DAY + 1])
def test_an_extension_must_be_between_a_minute_and_a_year(
    mturk_sandbox: MTurkClient, seconds: int
) -> None:
    hit_id = new_hit(mturk_sandbox)
    later = expiration(mturk_sandbox, hit_id) + timedelta(seconds=seconds)
    message, _ = parameter_error(
        mturk_sandbox,
        lambda: mturk_sandbox.update_expiration_for_hit(HITId=hit_id, ExpireAt=later),
    )
    assert message.startswith(f"The value {seconds} is invalid for ExpirationIncrementInSeconds.")
    for fine in (60, 365 * DAY):
        ok = expiration(mturk_sandbox, hit_id) + timedelta(seconds=fine)
        mturk_sandbox.update_expiration_for_hit(HITId=hit_id, ExpireAt=ok)


@pytest.mark.evidence("hits.expire-now")
@pytest.mark.parametrize("expire_at", [0, datetime(2015, 1, 1, tzinfo=UTC)])
def test_zero_or_a_past_time_expires_the_hit_now(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake, expire_at: Any
) -> None:
    hit_id = new_hit(mturk_sandbox)
    mturk_sandbox.update_expiration_for_hit(HITId=hit_id, ExpireAt=expire_at)
    hit = mturk_sandbox.get_hit(HITId=hit_id)["HIT"]
    assert hit["HITStatus"] == "Reviewable"
    assert abs(hit["Expiration"] - mturk_fake.backend.now()) < timedelta(seconds=2)


@pytest.mark.evidence("hits.expiration-idempotency")
def test_the_same_expiration_twice_is_refused_as_already_processed(
    mturk_sandbox: MTurkClient,
) -> None:
    hit_id = new_hit(mturk_sandbox)
    later = (expiration(mturk_sandbox, hit_id) + timedelta(days=2)).replace(microsecond=0)
    mturk_sandbox.update_expiration_for_hit(HITId=hit_id, ExpireAt=later)
    message, code = request_error(
        mturk_sandbox,
        lambda: mturk_sandbox.update_expiration_for_hit(HITId=hit_id, ExpireAt=later),
    )
    # Dallinger/Dallinger#3109: the HIT id followed by the date, as Java prints dates.
    # (The token there: "3VJ4PFXFJ5VXUC3I783DUQKOMF2UAWWed Jul 14 20:26:06 UTC 2021".)
    java_date = later.strftime("%a %b %d %H:%M:%S UTC %Y")
    assert message == f'The idempotency token "{hit_id}{java_date}" has already been processed.'

    assert code == "AWS.MechanicalTurk.DuplicateRequest"


# --- assignments ------------------------------------------------------------------------


@pytest.mark.evidence("assignments.abandoned-after-duration")
def test_an_assignment_not_submitted_in_time_is_abandoned_and_the_slot_returns(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, AssignmentDurationInSeconds=600, LifetimeInSeconds=DAY)
    mturk_fake.accept_hit(hit_id, "A1SLOW")
    hit = mturk_sandbox.get_hit(HITId=hit_id)["HIT"]
    assert (hit["HITStatus"], hit["NumberOfAssignmentsAvailable"]) == ("Unassignable", 0)
    mturk_fake.advance_time(601)
    hit = mturk_sandbox.get_hit(HITId=hit_id)["HIT"]
    assert (hit["HITStatus"], hit["NumberOfAssignmentsAvailable"]) == ("Assignable", 1)
    assert hit["NumberOfAssignmentsPending"] == 0
    with pytest.raises(WorkerCannotAccept, match="ran out"):
        mturk_fake.submit_assignment(hit_id, "A1SLOW", ANSWER)
    assert mturk_fake.submit_assignment(hit_id, "A1QUICK", ANSWER)


@pytest.mark.evidence("assignments.override-rejection-window")
def test_a_rejection_can_be_overridden_only_within_30_days_of_submission(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, MaxAssignments=2)
    early = mturk_fake.submit_assignment(hit_id, "A1EARLY", ANSWER)
    late = mturk_fake.submit_assignment(hit_id, "A1LATE", ANSWER)
    for assignment_id in (early, late):
        mturk_sandbox.reject_assignment(AssignmentId=assignment_id, RequesterFeedback="Blank.")
    mturk_fake.advance_time(29 * DAY)
    mturk_sandbox.approve_assignment(AssignmentId=early, OverrideRejection=True)
    mturk_fake.advance_time(DAY + 1)
    message, _ = request_error(
        mturk_sandbox,
        lambda: mturk_sandbox.approve_assignment(AssignmentId=late, OverrideRejection=True),
    )
    assert "within the previous 30 days" in message


# --- qualifications ----------------------------------------------------------------------


@pytest.mark.evidence("qualifications.revoke-keeps-record", "qualifications.revoked-score")
def test_a_revoked_qualification_stays_on_record_as_revoked(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    mturk_fake.add_worker(WORKER, sandbox=True)
    type_id = mturk_sandbox.create_qualification_type(
        Name="Pilot", Description="Pilot.", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    mturk_sandbox.associate_qualification_with_worker(QualificationTypeId=type_id, WorkerId=WORKER)
    mturk_sandbox.disassociate_qualification_from_worker(
        QualificationTypeId=type_id, WorkerId=WORKER, Reason="Pilot is over."
    )
    revoked = mturk_sandbox.list_workers_with_qualification_type(
        QualificationTypeId=type_id, Status="Revoked"
    )["Qualifications"]
    assert [(q["WorkerId"], q["Status"]) for q in revoked] == [(WORKER, "Revoked")]
    message, _ = request_error(
        mturk_sandbox,
        lambda: mturk_sandbox.get_qualification_score(
            QualificationTypeId=type_id, WorkerId=WORKER
        ),
    )
    # Dallinger's client code matches this sentence to detect a revoked qualification.
    assert message == "This operation can be called with a status of: Granted"


@pytest.mark.evidence("qualifications.delete-keeps-scores", "qualifications.delete-name-48h")
def test_deleting_a_type_keeps_workers_scores_and_reserves_its_name(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    def create() -> str:
        return mturk_sandbox.create_qualification_type(
            Name="Skill", Description="Skill.", QualificationTypeStatus="Active"
        )["QualificationType"]["QualificationTypeId"]

    mturk_fake.add_worker("A1SKILLED", sandbox=True)
    type_id = create()
    mturk_sandbox.associate_qualification_with_worker(
        QualificationTypeId=type_id, WorkerId="A1SKILLED", IntegerValue=80
    )
    requirement = {
        "QualificationTypeId": type_id,
        "Comparator": "GreaterThan",
        "IntegerValues": [50],
    }
    hit_id = new_hit(mturk_sandbox, QualificationRequirements=[requirement])
    mturk_sandbox.delete_qualification_type(QualificationTypeId=type_id)
    # "does not revoke Qualifications already assigned... might be needed for active HITs"
    assert mturk_fake.accept_hit(hit_id, "A1SKILLED")
    _, code = request_error(mturk_sandbox, create)
    assert code == "AWS.MechanicalTurk.QualificationTypeAlreadyExists"
    mturk_fake.advance_time(48 * 3600 + 1)
    assert create() != type_id


@pytest.mark.evidence("qualifications.requirement-rules")
@pytest.mark.parametrize(
    "requirement",
    [
        {"Comparator": "Exists", "IntegerValues": [1]},
        {"Comparator": "DoesNotExist", "IntegerValues": [1]},
        {"Comparator": "In", "IntegerValues": list(range(16))},
        {"Comparator": "GreaterThan", "LocaleValues": [{"Country": "US"}]},
        {
            "QualificationTypeId": "00000000000000000071",
            "Comparator": "EqualTo",
            "IntegerValues": [1],
        },
        {
            "QualificationTypeId": "00000000000000000071",
            "Comparator": "GreaterThan",
            "LocaleValues": [{"Country": "US"}],
        },
        {
            "QualificationTypeId": "00000000000000000071",
            "Comparator": "EqualTo",
            "LocaleValues": [{"Country": "US"}, {"Country": "CA"}],
        },
        {
            "QualificationTypeId": "00000000000000000071",
            "Comparator": "In",
            "LocaleValues": [{"Country": "US"}] * 31,
        },
        {
            "Comparator": "GreaterThan",
            "IntegerValues": [90],
            "RequiredToPreview": True,
            "ActionsGuarded": "Accept",
        },
    ],
)
@pytest.mark.evidence("qualifications.requirement-error-wording")
def test_requirements_the_model_documents_as_invalid_are_refused(
    mturk_sandbox: MTurkClient, requirement: dict[str, Any]
) -> None:
    requirement = {"QualificationTypeId": "000000000000000000L0", **requirement}
    _, parameter = parameter_error(
        mturk_sandbox, lambda: new_hit(mturk_sandbox, QualificationRequirements=[requirement])
    )
    assert parameter == "QualificationRequirements"


@pytest.mark.evidence("qualifications.requirement-rules")
def test_the_largest_valid_sets_are_accepted(mturk_sandbox: MTurkClient) -> None:
    assert new_hit(
        mturk_sandbox,
        QualificationRequirements=[
            {
                "QualificationTypeId": "000000000000000000L0",
                "Comparator": "In",
                "IntegerValues": list(range(15)),
            },
            {
                "QualificationTypeId": "00000000000000000071",
                "Comparator": "NotIn",
                "LocaleValues": [{"Country": "US"}] * 30,
            },
        ],
    )


# --- ids and money -----------------------------------------------------------------------


@pytest.mark.evidence("hits.group-id", "ids.per-kind")
def test_ids_of_different_kinds_differ_and_look_like_mturks(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit = mturk_sandbox.create_hit(**hit_args())["HIT"]
    type_id = mturk_sandbox.create_qualification_type(
        Name="Pilot", Description="Pilot.", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    assignment_id = mturk_fake.submit_assignment(hit["HITId"], WORKER, ANSWER)
    ids = [hit["HITId"], hit["HITTypeId"], hit["HITGroupId"], type_id, assignment_id]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"3[0-9A-Z]{29}", i) for i in ids), ids
    again = mturk_sandbox.create_hit(**hit_args())["HIT"]
    assert (again["HITTypeId"], again["HITGroupId"]) == (hit["HITTypeId"], hit["HITGroupId"])


@pytest.mark.evidence("payments.masters-fee")
def test_a_masters_requirement_adds_five_percent(
    mturk_production: MTurkClient, mturk_fake: MTurkFake
) -> None:
    mturk_fake.set_prepaid_balance("100.00")
    masters = {"QualificationTypeId": "2F1QJWKUDD8XADTFD2Q0G6UTO95ALH", "Comparator": "Exists"}
    new_hit(mturk_production, Reward="1.00", MaxAssignments=2, QualificationRequirements=[masters])
    # 2 x ($1.00 + 20% + 5%)
    assert mturk_fake.prepaid_balance == Decimal("97.50")


@pytest.mark.evidence("hits.notification-version")
def test_notifications_use_the_2006_05_05_version(mturk_sandbox: MTurkClient) -> None:
    type_id = mturk_sandbox.create_hit_type(
        Title="t", Description="d", Reward="0.10", AssignmentDurationInSeconds=300
    )["HITTypeId"]
    spec = {
        "Destination": "lab@example.org",
        "Transport": "Email",
        "Version": "2014-08-15",
        "EventTypes": ["AssignmentSubmitted"],
    }
    for bad in (spec, {**spec, "Version": "2006-05-05", "EventTypes": ["Ping"]}):
        _, parameter = parameter_error(
            mturk_sandbox,
            lambda b=bad: mturk_sandbox.update_notification_settings(
                HITTypeId=type_id, Notification=b
            ),
        )
        assert parameter == "Notification"
    mturk_sandbox.update_notification_settings(
        HITTypeId=type_id, Notification={**spec, "Version": "2006-05-05"}
    )


@pytest.mark.evidence("qualifications.delete-rejects-requests")
def test_deleting_a_type_deletes_the_hit_types_that_require_it(
    mturk_sandbox: MTurkClient,
) -> None:
    type_id = mturk_sandbox.create_qualification_type(
        Name="Pilot", Description="Pilot.", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    requirement = {"QualificationTypeId": type_id, "Comparator": "Exists"}
    fields = {"Title": "t", "Description": "d", "Reward": "0.10"}
    with_it = mturk_sandbox.create_hit_type(
        **fields, AssignmentDurationInSeconds=300, QualificationRequirements=[requirement]
    )["HITTypeId"]
    without = mturk_sandbox.create_hit_type(**fields, AssignmentDurationInSeconds=300)["HITTypeId"]
    mturk_sandbox.delete_qualification_type(QualificationTypeId=type_id)
    message, code = request_error(
        mturk_sandbox,
        lambda: mturk_sandbox.create_hit_with_hit_type(HITTypeId=with_it, LifetimeInSeconds=60),
    )
    assert (message, code) == (
        f"HITType {with_it} does not exist.",
        "AWS.MechanicalTurk.HITTypeDoesNotExist",
    )
    assert mturk_sandbox.create_hit_with_hit_type(
        HITTypeId=without, LifetimeInSeconds=60, Question=QUESTION
    )
