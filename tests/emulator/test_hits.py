"""HITs in the emulator: what the service refuses, and a HIT's life from creation to deletion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
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
    validation_message,
)

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

ONE_YEAR = 365 * 24 * 3600
THIRTY_DAYS = 30 * 24 * 3600


def refusal(client: MTurkClient, call: Any) -> tuple[str, str]:
    """Call, expect MTurk's RequestError, return its message and TurkErrorCode."""
    with pytest.raises(client.exceptions.RequestError) as raised:
        call()
    response: Any = raised.value.response
    return response["Error"]["Message"], response["TurkErrorCode"]


def status(client: MTurkClient, hit_id: str) -> str:
    return client.get_hit(HITId=hit_id)["HIT"]["HITStatus"]


# --- what CreateHIT accepts ----------------------------------------------------


@pytest.mark.parametrize(("reward", "shown"), [("0.50", "0.50"), ("0.5", "0.50"), ("12", "12.00")])
def test_a_reward_is_dollars_and_cents(
    mturk_sandbox: MTurkClient, reward: str, shown: str
) -> None:
    hit = mturk_sandbox.create_hit(**hit_args(Reward=reward))["HIT"]
    assert hit["Reward"] == shown


@pytest.mark.evidence("validation.currency-amount")
@pytest.mark.parametrize(
    "reward", ["$0.50", "0,50", "-1.00", "0.505", "1e2", "Infinity", "NaN", ""]
)
def test_other_rewards_are_refused(mturk_sandbox: MTurkClient, reward: str) -> None:
    # Changed from a RequestError (AWS.ParameterOutOfRange): the format is the model's
    # CurrencyAmount pattern, and the real service refused it as ValidationException,
    # "Value '0.9752' at 'bonusAmount' failed to satisfy constraint: Member must satisfy
    # regular expression pattern: ^[0-9]+(\.)?[0-9]{0,2}$" (Dallinger/Dallinger#1052).
    message = validation_message(mturk_sandbox, lambda: new_hit(mturk_sandbox, Reward=reward))
    assert f"Value '{reward}' at 'reward' failed to satisfy constraint" in message
    assert mturk_sandbox.list_hits()["NumResults"] == 0


@pytest.mark.evidence("validation.amount-too-large")
def test_an_amount_too_large_to_hold_is_refused(mturk_sandbox: MTurkClient) -> None:
    reward = "9" * 40  # fits the pattern
    message, parameter = parameter_error(
        mturk_sandbox, lambda: new_hit(mturk_sandbox, Reward=reward)
    )
    assert (message, parameter) == (
        f'The value "{reward}" is not valid for the parameter Reward.',
        "Reward",
    )


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("LifetimeInSeconds", 30, ONE_YEAR),
        ("AssignmentDurationInSeconds", 30, ONE_YEAR),
        ("AutoApprovalDelayInSeconds", 0, THIRTY_DAYS),
        ("MaxAssignments", 1, 1_000_000),
    ],
)
@pytest.mark.evidence("validation.range-wording", "validation.range-other-parameters")
def test_times_and_counts_have_bounds(
    mturk_sandbox: MTurkClient, name: str, low: int, high: int
) -> None:
    assert new_hit(mturk_sandbox, **{name: low})
    assert new_hit(mturk_sandbox, **{name: high})
    for value in (low - 1, high + 1):
        if value < 0:
            continue  # botocore itself refuses negative numbers here
        # Changed to the real service's error and wording (aws/aws-sdk-java#1817):
        # "ParameterValidationError ... The value 11 is invalid for
        # ExpirationIncrementInSeconds. Valid values range from 60 to 31536000."
        message, parameter = parameter_error(
            mturk_sandbox, lambda v=value: new_hit(mturk_sandbox, **{name: v})
        )
        assert message == (
            f"The value {value} is invalid for {name}. Valid values range from {low} to {high}."
        )
        assert parameter == name


@pytest.mark.parametrize(
    ("name", "limit"), [("Title", 128), ("Description", 2000), ("Keywords", 1000)]
)
@pytest.mark.evidence("validation.text-lengths")
def test_texts_have_lengths(mturk_sandbox: MTurkClient, name: str, limit: int) -> None:
    assert new_hit(mturk_sandbox, **{name: "x" * limit})
    # A ParameterValidationError like MTurk's other checks (ledger validation.text-lengths).
    message, parameter = parameter_error(
        mturk_sandbox, lambda: new_hit(mturk_sandbox, **{name: "x" * (limit + 1)})
    )
    assert (
        message == f"The value of {name} is not valid: it must be at most {limit} characters long."
    )
    assert parameter == name


@pytest.mark.evidence("hits.question-or-layout")
def test_a_question_or_a_layout_is_needed(mturk_sandbox: MTurkClient) -> None:
    neither = {k: v for k, v in hit_args().items() if k != "Question"}
    # botocore model: "Either a Question parameter or a HITLayoutId parameter must be provided."
    either = "Either a Question parameter or a HITLayoutId parameter must be provided."
    message, _ = parameter_error(mturk_sandbox, lambda: mturk_sandbox.create_hit(**neither))
    assert message == either
    message, _ = parameter_error(
        mturk_sandbox, lambda: new_hit(mturk_sandbox, HITLayoutId="3LAYOUT")
    )
    assert message == either
    message, parameter = parameter_error(
        mturk_sandbox, lambda: mturk_sandbox.create_hit(**neither, HITLayoutId="3LAYOUT")
    )
    assert (message, parameter) == (
        "A HITLayoutId needs its HITLayoutParameters.",
        "HITLayoutParameters",
    )
    hit = mturk_sandbox.create_hit(
        **neither, HITLayoutId="3LAYOUT", HITLayoutParameters=[{"Name": "n", "Value": "v"}]
    )["HIT"]
    assert hit["HITLayoutId"] == "3LAYOUT"


EXTERNAL = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">'
    "<ExternalURL>{url}</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>"
)
QUESTION_FORM = (
    "<QuestionForm><Question><QuestionIdentifier>q</QuestionIdentifier>"
    "<QuestionContent><Text>Why?</Text></QuestionContent></Question></QuestionForm>"
)


@pytest.mark.parametrize(
    "question", [QUESTION, QUESTION_FORM, EXTERNAL.format(url="https://x.org/")]
)
def test_the_three_kinds_of_question(mturk_sandbox: MTurkClient, question: str) -> None:
    hit = mturk_sandbox.create_hit(**hit_args(Question=question))["HIT"]
    assert hit["Question"] == question


@pytest.mark.evidence("validation.bad-xml", "hits.question-kinds")
@pytest.mark.parametrize(
    "question",
    [
        "<HTMLQuestion><HTMLContent>",
        "<Survey/>",
        "<HTMLQuestion><HTMLContent/></HTMLQuestion>",
        EXTERNAL.format(url="http://x.org/"),
    ],
)
@pytest.mark.evidence("hits.external-url-https")
def test_bad_questions_are_refused(mturk_sandbox: MTurkClient, question: str) -> None:
    # Changed from RequestError (XMLParseError): the real service refused bad XML in
    # Test as 'ParameterValidationError ... The value "<xml>" is not valid for the
    # parameter Test.' with "Parameter":"Test" (boto/boto3#2108); Question by analogy.
    message, parameter = parameter_error(
        mturk_sandbox, lambda: new_hit(mturk_sandbox, Question=question)
    )
    assert (message, parameter) == (
        f'The value "{question}" is not valid for the parameter Question.',
        "Question",
    )


@pytest.mark.evidence("hits.question-size")
def test_a_question_larger_than_64_kilobytes_is_refused(mturk_sandbox: MTurkClient) -> None:
    question = QUESTION.replace("400", "4" * 70000)
    message, parameter = parameter_error(
        mturk_sandbox, lambda: new_hit(mturk_sandbox, Question=question)
    )
    assert "must not be larger than 64 kilobytes (65,535 bytes)" in message
    assert parameter == "Question"


def test_qualification_requirements_are_checked(mturk_sandbox: MTurkClient) -> None:
    def requirement(**fields: Any) -> dict[str, Any]:
        return {"QualificationTypeId": "000000000000000000L0", **fields}

    def invalid(*requirements: dict[str, Any]) -> str:
        message, parameter = parameter_error(
            mturk_sandbox,
            lambda: new_hit(mturk_sandbox, QualificationRequirements=list(requirements)),
        )
        assert parameter == "QualificationRequirements"
        return message

    def refused(*requirements: dict[str, Any]) -> str:
        message, _ = refusal(
            mturk_sandbox,
            lambda: new_hit(mturk_sandbox, QualificationRequirements=list(requirements)),
        )
        return message

    exists = requirement(Comparator="Exists")
    # botocore model: "A HIT can have between zero and ten Qualification requirements."
    assert invalid(*[exists] * 11).startswith("A HIT can have between zero and ten")
    assert invalid(requirement(Comparator="GreaterThan")).startswith(
        "The comparator GreaterThan takes exactly one value."
    )
    assert invalid(requirement(Comparator="EqualTo", IntegerValues=[1, 2])).startswith(
        "The comparator EqualTo takes exactly one value."
    )
    assert invalid(requirement(Comparator="In")).startswith(
        "The comparator In needs at least one value."
    )
    assert refused({"QualificationTypeId": "3NOSUCHTYPE", "Comparator": "Exists"}).startswith(
        "QualificationType 3NOSUCHTYPE does not exist."
    )
    inactive = mturk_sandbox.create_qualification_type(
        Name="Retired", Description="No longer used.", QualificationTypeStatus="Inactive"
    )["QualificationType"]["QualificationTypeId"]
    assert refused({"QualificationTypeId": inactive, "Comparator": "Exists"}).startswith(
        f"QualificationType {inactive} does not exist."
    )
    assert new_hit(mturk_sandbox, QualificationRequirements=[exists] * 10)
    in_list = requirement(Comparator="In", IntegerValues=[90, 95, 100])
    assert new_hit(mturk_sandbox, QualificationRequirements=[in_list])


@pytest.mark.evidence("hits.identical-types-one")
def test_identical_hit_types_are_one(mturk_sandbox: MTurkClient) -> None:
    fields = {
        "Title": "Rate a photo",
        "Description": "One photo.",
        "Reward": "0.10",
        "AssignmentDurationInSeconds": 300,
    }
    first = mturk_sandbox.create_hit_type(**fields)["HITTypeId"]
    assert mturk_sandbox.create_hit_type(**fields)["HITTypeId"] == first
    assert mturk_sandbox.create_hit_type(**{**fields, "Reward": "0.11"})["HITTypeId"] != first
    # CreateHIT files its HIT under the same type when the type's fields match.
    hit = mturk_sandbox.create_hit(
        **fields, LifetimeInSeconds=600, Question=QUESTION, AutoApprovalDelayInSeconds=THIRTY_DAYS
    )["HIT"]
    assert hit["HITTypeId"] == first


@pytest.mark.evidence("hits.request-token-duplicate")
def test_a_unique_request_token_creates_one_hit(mturk_sandbox: MTurkClient) -> None:
    first = new_hit(mturk_sandbox, UniqueRequestToken="study-7")
    message, code = refusal(
        mturk_sandbox, lambda: new_hit(mturk_sandbox, UniqueRequestToken="study-7")
    )
    assert message.startswith(f'The HIT with ID "{first}" already exists.')
    assert code == "AWS.MechanicalTurk.HitAlreadyExists"
    assert mturk_sandbox.list_hits()["NumResults"] == 1


@pytest.mark.parametrize(
    ("operation", "arguments", "kind"),
    [
        ("get_hit", {"HITId": "3NOSUCH"}, "Hit"),
        ("delete_hit", {"HITId": "3NOSUCH"}, "Hit"),
        ("list_assignments_for_hit", {"HITId": "3NOSUCH"}, "Hit"),
        ("get_assignment", {"AssignmentId": "3NOSUCH"}, "Assignment"),
        ("approve_assignment", {"AssignmentId": "3NOSUCH"}, "Assignment"),
        ("get_qualification_type", {"QualificationTypeId": "3NOSUCH"}, "QualificationType"),
        ("create_hit_with_hit_type", {"HITTypeId": "3NOSUCH", "LifetimeInSeconds": 60}, "HITType"),
        (
            "update_notification_settings",
            {"HITTypeId": "3NOSUCH", "Active": True},
            "HITType",
        ),
        (
            "accept_qualification_request",
            {"QualificationRequestId": "3NOSUCH"},
            "QualificationRequest",
        ),
    ],
)
@pytest.mark.evidence("hits.does-not-exist")
def test_unknown_ids_are_refused(
    mturk_sandbox: MTurkClient, operation: str, arguments: dict[str, Any], kind: str
) -> None:
    message, code = refusal(mturk_sandbox, lambda: getattr(mturk_sandbox, operation)(**arguments))
    assert message.startswith(f"{kind} 3NOSUCH does not exist. (")
    assert code == f"AWS.MechanicalTurk.{kind}DoesNotExist"


@pytest.mark.evidence("hits.environments-separate")
def test_sandbox_and_production_are_separate_worlds(
    mturk_sandbox: MTurkClient, mturk_production: MTurkClient
) -> None:
    hit_id = new_hit(mturk_sandbox)
    message, _ = refusal(mturk_production, lambda: mturk_production.get_hit(HITId=hit_id))
    assert message.startswith(f"Hit {hit_id} does not exist.")
    assert mturk_production.list_hits()["HITs"] == []


# --- a HIT's life ----------------------------------------------------------------


@pytest.mark.evidence("hits.status-lifecycle", "hits.review-status-transitions")
def test_status_follows_the_workers(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> None:
    hit_id = new_hit(mturk_sandbox, MaxAssignments=2)
    assert status(mturk_sandbox, hit_id) == "Assignable"
    mturk_fake.accept_hit(hit_id, "A1FIRST")
    second = mturk_fake.accept_hit(hit_id, "A1SECOND")
    hit = mturk_sandbox.get_hit(HITId=hit_id)["HIT"]
    assert (hit["HITStatus"], hit["NumberOfAssignmentsPending"]) == ("Unassignable", 2)
    assert hit["NumberOfAssignmentsAvailable"] == 0
    mturk_fake.submit_assignment(hit_id, "A1FIRST", ANSWER)
    assert status(mturk_sandbox, hit_id) == "Unassignable"
    assert mturk_fake.submit_assignment(hit_id, "A1SECOND", ANSWER) == second
    assert status(mturk_sandbox, hit_id) == "Reviewable"
    mturk_sandbox.update_hit_review_status(HITId=hit_id)
    assert status(mturk_sandbox, hit_id) == "Reviewing"
    assert [
        h["HITId"] for h in mturk_sandbox.list_reviewable_hits(Status="Reviewing")["HITs"]
    ] == [hit_id]
    message, code = refusal(
        mturk_sandbox, lambda: mturk_sandbox.update_hit_review_status(HITId=hit_id)
    )
    assert message.startswith("This HIT is currently in the state 'Reviewing'.")
    assert code == "AWS.MechanicalTurk.InvalidHITState"
    mturk_sandbox.update_hit_review_status(HITId=hit_id, Revert=True)
    assert status(mturk_sandbox, hit_id) == "Reviewable"
    message, _ = refusal(
        mturk_sandbox, lambda: mturk_sandbox.update_hit_review_status(HITId=hit_id, Revert=True)
    )
    assert "'Reviewable'" in message


@pytest.mark.evidence("hits.expires-after-lifetime")
def test_a_hit_expires_at_the_end_of_its_lifetime(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, LifetimeInSeconds=60)
    mturk_fake.advance_time(59)
    assert status(mturk_sandbox, hit_id) == "Assignable"
    mturk_fake.advance_time(1)
    hit = mturk_sandbox.get_hit(HITId=hit_id)["HIT"]
    assert (hit["HITStatus"], hit["NumberOfAssignmentsAvailable"]) == ("Reviewable", 1)
    with pytest.raises(WorkerCannotAccept, match="not available"):
        mturk_fake.accept_hit(hit_id, WORKER)


@pytest.mark.evidence("hits.available-after-expiry", "hits.expire-now")
def test_an_expired_hit_keeps_its_available_count_as_the_service_answered(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    """boto/boto3#2226: 5 assignments, one submitted, expired into the past."""
    hit_id = new_hit(mturk_sandbox, MaxAssignments=5)
    mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    mturk_sandbox.update_expiration_for_hit(
        HITId=hit_id, ExpireAt=datetime(2019, 1, 1, tzinfo=UTC)
    )
    hit = mturk_sandbox.get_hit(HITId=hit_id)["HIT"]
    counts = [hit[f"NumberOfAssignments{kind}"] for kind in ("Pending", "Available", "Completed")]
    assert (hit["HITStatus"], hit["MaxAssignments"], counts) == ("Reviewable", 5, [0, 4, 0])


def test_update_expiration_ends_or_extends_a_hit(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox)
    mturk_sandbox.update_expiration_for_hit(
        HITId=hit_id, ExpireAt=datetime(2015, 1, 1, tzinfo=UTC)
    )
    assert status(mturk_sandbox, hit_id) == "Reviewable"
    # An expired HIT is gone for workers, and can be deleted right away.
    with pytest.raises(WorkerCannotAccept, match="not available to workers"):
        mturk_fake.accept_hit(hit_id, WORKER)
    later = datetime.now(UTC) + timedelta(days=2)
    mturk_sandbox.update_expiration_for_hit(HITId=hit_id, ExpireAt=later)
    hit = mturk_sandbox.get_hit(HITId=hit_id)["HIT"]
    assert hit["HITStatus"] == "Assignable"
    assert abs(hit["Expiration"] - later) < timedelta(seconds=1)
    assert mturk_fake.accept_hit(hit_id, WORKER)


@pytest.mark.evidence(
    "hits.delete-rules", "hits.list-excludes-deleted", "assignments.override-rejection-window"
)
def test_deleting_a_hit_follows_the_rules(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, MaxAssignments=2)

    def delete_refused() -> str:
        message, code = refusal(mturk_sandbox, lambda: mturk_sandbox.delete_hit(HITId=hit_id))
        assert code == "AWS.MechanicalTurk.InvalidHITState"
        return message

    assert delete_refused().startswith("This HIT is currently in the state 'Assignable'.")
    first = mturk_fake.submit_assignment(hit_id, "A1FIRST", ANSWER)
    mturk_fake.accept_hit(hit_id, "A1SECOND")
    mturk_sandbox.update_expiration_for_hit(
        HITId=hit_id, ExpireAt=datetime(2015, 1, 1, tzinfo=UTC)
    )
    # Reviewable now, but one assignment is submitted and one still being worked on.
    # boto/boto3#2107, word for word (two spaces after the first sentence).
    assert STAMP.sub("", delete_refused()) == (
        "This HIT is currently in the state 'Reviewable'.  "
        "This operation can be called with a status of: Reviewing, Reviewable"
    )
    mturk_sandbox.reject_assignment(AssignmentId=first, RequesterFeedback="Blank.")
    assert "'Reviewable'" in delete_refused()
    second = mturk_fake.submit_assignment(hit_id, "A1SECOND", ANSWER)
    mturk_sandbox.approve_assignment(AssignmentId=second)
    mturk_sandbox.delete_hit(HITId=hit_id)
    assert mturk_sandbox.list_hits()["HITs"] == []
    assert mturk_sandbox.list_reviewable_hits()["HITs"] == []
    # "After you dispose of a HIT, you can no longer approve the HIT's rejected assignments."
    message, _ = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.approve_assignment(AssignmentId=first, OverrideRejection=True),
    )
    assert message.startswith(f"Assignment {first} does not exist.")
    message, _ = refusal(mturk_sandbox, lambda: mturk_sandbox.delete_hit(HITId=hit_id))
    assert message.startswith(f"Hit {hit_id} does not exist.")


def test_a_hit_can_change_its_type(mturk_sandbox: MTurkClient) -> None:
    hit_id = new_hit(mturk_sandbox)
    message, _ = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.update_hit_type_of_hit(HITId=hit_id, HITTypeId="3NOSUCH"),
    )
    assert message.startswith("HITType 3NOSUCH does not exist.")
    assert mturk_sandbox.get_hit(HITId=hit_id)["HIT"]["Title"] == hit_args()["Title"]


@pytest.mark.evidence("hits.additional-assignments-ten")
def test_additional_assignments(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> None:
    hit_id = new_hit(mturk_sandbox, MaxAssignments=1)
    mturk_fake.submit_assignment(hit_id, "A1FIRST", ANSWER)
    assert status(mturk_sandbox, hit_id) == "Reviewable"
    mturk_sandbox.create_additional_assignments_for_hit(
        HITId=hit_id, NumberOfAdditionalAssignments=1, UniqueRequestToken="more"
    )
    assert status(mturk_sandbox, hit_id) == "Assignable"
    message, code = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.create_additional_assignments_for_hit(
            HITId=hit_id, NumberOfAdditionalAssignments=1, UniqueRequestToken="more"
        ),
    )
    assert message.startswith("Additional assignments were already created")
    assert code == "AWS.MechanicalTurk.DuplicateRequest"
    message, code = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.create_additional_assignments_for_hit(
            HITId=hit_id, NumberOfAdditionalAssignments=8
        ),
    )
    assert message.startswith("HITs created with fewer than 10 assignments cannot be extended")
    assert code == "AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease"
    assert mturk_sandbox.get_hit(HITId=hit_id)["HIT"]["MaxAssignments"] == 2
    big = new_hit(mturk_sandbox, MaxAssignments=10)
    mturk_sandbox.create_additional_assignments_for_hit(HITId=big, NumberOfAdditionalAssignments=5)
    assert mturk_sandbox.get_hit(HITId=big)["HIT"]["MaxAssignments"] == 15


# --- lists and pages ---------------------------------------------------------------


def test_lists_come_in_pages(mturk_sandbox: MTurkClient) -> None:
    ids = [new_hit(mturk_sandbox, Title=f"HIT {n}") for n in range(5)]
    seen, token, sizes = [], None, []
    while True:
        page = mturk_sandbox.list_hits(MaxResults=2, **({"NextToken": token} if token else {}))
        sizes.append(page["NumResults"])
        seen += [h["HITId"] for h in page["HITs"]]
        token = page.get("NextToken")
        if token is None:
            break
    # Changed from [2, 2, 1]: every page with results carries a NextToken, the one
    # after the last item is empty (aws/aws-sdk-js#2522: "NextToken" with NumResults: 1).
    assert (seen, sizes) == (ids, [2, 2, 1, 0])
    # boto3's paginator reads the same tokens.
    pages = mturk_sandbox.get_paginator("list_hits").paginate(PaginationConfig={"PageSize": 3})
    assert [h["HITId"] for page in pages for h in page["HITs"]] == ids
    assert mturk_sandbox.list_hits()["NumResults"] == 5


@pytest.mark.evidence("pagination.made-up-token")
@pytest.mark.parametrize("token", ["not a token!", "LTE="])  # the second is "-1"
def test_a_made_up_token_is_refused(mturk_sandbox: MTurkClient, token: str) -> None:
    message, parameter = parameter_error(
        mturk_sandbox, lambda: mturk_sandbox.list_hits(NextToken=token)
    )
    assert (message, parameter) == (
        f'The value "{token}" is not valid for the parameter NextToken.',
        "NextToken",
    )


@pytest.mark.evidence("pagination.max-results")
def test_at_most_100_results_a_page(mturk_sandbox: MTurkClient) -> None:
    # Changed to the model layer's error: ResultSize is 1-100 in the botocore model.
    message = validation_message(
        mturk_sandbox, lambda: mturk_sandbox.list_worker_blocks(MaxResults=101)
    )
    assert message.endswith("Member must have value less than or equal to 100")


def test_worker_blocks_page_too(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> None:
    mturk_fake.add_worker("A3", "A1", "A2", sandbox=True)
    for worker in ("A3", "A1", "A2"):
        mturk_sandbox.create_worker_block(WorkerId=worker, Reason="Spam.")
    first = mturk_sandbox.list_worker_blocks(MaxResults=2)
    rest = mturk_sandbox.list_worker_blocks(MaxResults=2, NextToken=first["NextToken"])
    assert [b["WorkerId"] for b in first["WorkerBlocks"] + rest["WorkerBlocks"]] == [
        "A1",
        "A2",
        "A3",
    ]


@pytest.mark.evidence("hits.reviewable-status", "hits.reviewable-ids-only")
def test_reviewable_hits_by_type(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> None:
    photo = new_hit(mturk_sandbox, Title="Photo")
    survey = new_hit(mturk_sandbox, Title="Survey")
    for hit_id in (photo, survey):
        mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    photo_type = mturk_sandbox.get_hit(HITId=photo)["HIT"]["HITTypeId"]
    listed = mturk_sandbox.list_reviewable_hits(HITTypeId=photo_type)["HITs"]
    # Only the id: the real sandbox answered "HITs: [ { HITId: '388FBO7...' } ]".
    assert listed == [{"HITId": photo}]
    assert len(mturk_sandbox.list_reviewable_hits()["HITs"]) == 2


# --- review policies and notifications -------------------------------------------


def test_review_policies_are_kept_and_reported(mturk_sandbox: MTurkClient) -> None:
    policy = {
        "PolicyName": "SimplePlurality/2011-09-01",
        "Parameters": [{"Key": "QuestionIds", "Values": ["q1"]}],
    }
    plain = new_hit(mturk_sandbox)
    with_policy = new_hit(mturk_sandbox, HITReviewPolicy=policy)
    assert "HITReviewPolicy" not in mturk_sandbox.list_review_policy_results_for_hit(HITId=plain)
    results = mturk_sandbox.list_review_policy_results_for_hit(HITId=with_policy)
    assert results["HITReviewPolicy"] == policy
    assert results["HITReviewReport"] == {"ReviewResults": [], "ReviewActions": []}


NOTIFICATION = {
    "Destination": "arn:aws:sns:us-east-1:123456789012:mturk",
    "Transport": "SNS",
    # Changed from "2014-08-15": botocore model, NotificationSpecification.Version,
    # "The version of the Notification API to use. Valid value is 2006-05-05."
    "Version": "2006-05-05",
    "EventTypes": ["AssignmentSubmitted"],
}


@pytest.mark.evidence("hits.notification-needs-spec")
def test_notification_settings_need_a_specification_first(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    type_id = mturk_sandbox.get_hit(HITId=new_hit(mturk_sandbox))["HIT"]["HITTypeId"]
    # botocore model: "the HIT type must already have a notification specification,
    # or one must be provided in the same call".
    message, _ = parameter_error(
        mturk_sandbox,
        lambda: mturk_sandbox.update_notification_settings(HITTypeId=type_id, Active=True),
    )
    assert message.startswith("To change the Active status of a HIT type's notifications")
    mturk_sandbox.update_notification_settings(HITTypeId=type_id, Notification=NOTIFICATION)
    hit_type = mturk_fake.marketplace(sandbox=True).hit_types[type_id]
    assert (hit_type.notification, hit_type.notification_active) == (NOTIFICATION, True)
    mturk_sandbox.update_notification_settings(HITTypeId=type_id, Active=False)
    mturk_sandbox.update_notification_settings(HITTypeId=type_id, Active=True)
    assert hit_type.notification_active is True


def test_test_events_are_recorded_per_environment(
    mturk_sandbox: MTurkClient, mturk_production: MTurkClient, mturk_fake: MTurkFake
) -> None:
    mturk_production.send_test_event_notification(
        Notification=NOTIFICATION, TestEventType="HITReviewable"
    )
    assert mturk_fake.notifications(sandbox=False) == [
        {"kind": "TestEvent", "Notification": NOTIFICATION, "EventType": "HITReviewable"}
    ]
    assert mturk_fake.notifications() == []
    message = validation_message(
        mturk_sandbox,
        lambda: mturk_sandbox.send_test_event_notification(
            Notification={**NOTIFICATION, "Transport": "Pigeon"},  # type: ignore[typeddict-item]
            TestEventType="Ping",
        ),
    )
    assert "Value 'Pigeon' at 'notification.transport' failed to satisfy constraint" in message
    assert message.endswith("Member must satisfy enum value set: [Email, SQS, SNS]")


def test_hits_without_work_share_empty_indexes_that_stay_empty(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    """A HIT gets indexes of its own with its first assignment (models/hits.py NO_WORK)."""
    from mturk_emulator.models.hits import NO_WORK

    idle, busy = new_hit(mturk_sandbox), new_hit(mturk_sandbox, MaxAssignments=2)
    mturk_fake.accept_hit(busy, WORKER)
    mturk_fake.return_assignment(busy, WORKER)
    mturk_fake.submit_assignment(busy, WORKER, ANSWER)
    mturk_sandbox.list_hits()
    market = mturk_fake.marketplace(sandbox=True)
    assert market.hits[idle].due is NO_WORK[3]
    assert market.hits[busy].due is not NO_WORK[3]
    assert (len(list(NO_WORK[0].keyed_after(None))), *map(len, NO_WORK[1:])) == (0, 0, 0, 0)
