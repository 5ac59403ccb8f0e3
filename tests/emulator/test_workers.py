"""Workers in the emulator: assignments, review, bonuses, qualifications and blocks.

MTurk has no API for workers; the emulator's controls stand in for them
(``accept_hit``, ``submit_assignment``, ``request_qualification``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from guide_tools import constants
from mturk_emulator import MTurkFake, WorkerCannotAccept
from mturk_emulator.exceptions import InvalidAnswer
from tests.emulator.support import (
    ANSWER,
    STAMP,
    WORKER,
    iam_user,
    mturk_client,
    new_hit,
    parameter_error,
    validation_message,
)

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

EXTERNAL = (
    "<ExternalQuestion><ExternalURL>https://x.org/</ExternalURL>"
    "<FrameHeight>600</FrameHeight></ExternalQuestion>"
)
TEST_FORM = (
    "<QuestionForm><Question><QuestionIdentifier>q1</QuestionIdentifier>"
    "<QuestionContent><Text>2 + 2?</Text></QuestionContent></Question></QuestionForm>"
)


def refusal(client: MTurkClient, call: Any) -> tuple[str, str]:
    with pytest.raises(client.exceptions.RequestError) as raised:
        call()
    response: Any = raised.value.response
    return response["Error"]["Message"], response["TurkErrorCode"]


def assignment(client: MTurkClient, assignment_id: str) -> dict[str, Any]:
    return dict(client.get_assignment(AssignmentId=assignment_id)["Assignment"])


def qualification_type(client: MTurkClient, name: str = "Pilot", **fields: Any) -> str:
    created = client.create_qualification_type(
        Name=name,
        Description="Took part in the pilot.",
        QualificationTypeStatus="Active",
        **fields,
    )
    return created["QualificationType"]["QualificationTypeId"]


def score(client: MTurkClient, type_id: str, worker_id: str = WORKER) -> int:
    held = client.get_qualification_score(QualificationTypeId=type_id, WorkerId=worker_id)
    return held["Qualification"]["IntegerValue"]


# --- a worker's assignment, from submit to bonus -----------------------------------


def test_from_submit_to_bonus(mturk_fake: MTurkFake) -> None:
    """The guide's path, as an IAM user with full access, in production with money."""
    mturk_fake.set_prepaid_balance("10.00")
    key = iam_user("mturk-api", managed=(constants.FULL_ACCESS_POLICY_ARN,))
    client = mturk_client(sandbox=False, key=key)
    hit_id = new_hit(client, Reward="1.00", MaxAssignments=2)  # 2 x (1.00 + 0.20)
    assert client.get_account_balance()["AvailableBalance"] == "7.60"

    assignment_id = mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    (submitted,) = client.list_assignments_for_hit(HITId=hit_id, AssignmentStatuses=["Submitted"])[
        "Assignments"
    ]
    assert (submitted["AssignmentId"], submitted["WorkerId"], submitted["Answer"]) == (
        assignment_id,
        WORKER,
        ANSWER,
    )
    assert submitted["AutoApprovalTime"] > submitted["SubmitTime"]

    client.approve_assignment(AssignmentId=assignment_id, RequesterFeedback="Thank you!")
    assert assignment(client, assignment_id)["AssignmentStatus"] == "Approved"
    client.send_bonus(
        WorkerId=WORKER,
        BonusAmount="0.50",
        AssignmentId=assignment_id,
        Reason="For a careful answer.",
        UniqueRequestToken=f"{assignment_id}-bonus",
    )
    (bonus,) = client.list_bonus_payments(HITId=hit_id)["BonusPayments"]
    assert (bonus["WorkerId"], bonus["BonusAmount"], bonus["AssignmentId"]) == (
        WORKER,
        "0.50",
        assignment_id,
    )
    assert client.get_account_balance()["AvailableBalance"] == "7.00"  # 0.50 + 0.10 fee
    # The sandbox saw none of it.
    assert mturk_client(key=key).list_hits()["HITs"] == []


@pytest.mark.evidence(
    "assignments.listed-when-submitted", "assignments.unsubmitted-does-not-exist"
)
def test_an_accepted_assignment_is_not_listed_until_submitted(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox)
    assignment_id = mturk_fake.accept_hit(hit_id, WORKER)
    assert mturk_sandbox.list_assignments_for_hit(HITId=hit_id)["Assignments"] == []
    assert mturk_sandbox.get_hit(HITId=hit_id)["HIT"]["NumberOfAssignmentsPending"] == 1
    # The model has no status for work in progress: to the requester it is not there yet.
    for call in (
        lambda: mturk_sandbox.get_assignment(AssignmentId=assignment_id),
        lambda: mturk_sandbox.approve_assignment(AssignmentId=assignment_id),
        lambda: bonus(mturk_sandbox, assignment_id),
    ):
        message, code = refusal(mturk_sandbox, call)
        assert message.startswith(f"Assignment {assignment_id} does not exist.")
        assert code == "AWS.MechanicalTurk.AssignmentDoesNotExist"
    assert mturk_fake.submit_assignment(hit_id, WORKER, ANSWER) == assignment_id
    assert assignment(mturk_sandbox, assignment_id)["AssignmentStatus"] == "Submitted"


def test_workers_the_service_would_turn_away(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox)
    with pytest.raises(WorkerCannotAccept, match="There is no HIT 3NOSUCH in either marketplace"):
        mturk_fake.submit_assignment("3NOSUCH", WORKER, ANSWER)
    # The worker website, not the API, sends answers: a control's refusal, not an AWS error.
    with pytest.raises(InvalidAnswer, match="not a QuestionFormAnswers document"):
        mturk_fake.submit_assignment(hit_id, WORKER, "<QuestionFormAnswers>")
    mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    with pytest.raises(WorkerCannotAccept, match=f"already worked on HIT {hit_id}"):
        mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    with pytest.raises(WorkerCannotAccept, match="not available to workers"):
        mturk_fake.accept_hit(hit_id, "A1LATECOMER")


@pytest.mark.evidence("workers.blocks")
def test_a_blocked_worker_cannot_take_work(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox)
    mturk_sandbox.create_worker_block(WorkerId=WORKER, Reason="Random answers.")
    assert mturk_sandbox.list_worker_blocks()["WorkerBlocks"] == [
        {"WorkerId": WORKER, "Reason": "Random answers."}
    ]
    with pytest.raises(WorkerCannotAccept, match="is blocked by this requester"):
        mturk_fake.accept_hit(hit_id, WORKER)
    mturk_sandbox.delete_worker_block(WorkerId=WORKER)
    mturk_sandbox.delete_worker_block(WorkerId=WORKER)  # unblocking twice is no error
    assert mturk_sandbox.list_worker_blocks()["NumResults"] == 0
    assert mturk_fake.accept_hit(hit_id, WORKER)


def test_a_deleted_hit_takes_no_workers(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> None:
    hit_id = new_hit(mturk_sandbox, LifetimeInSeconds=30)
    mturk_fake.advance_time(30)
    mturk_sandbox.delete_hit(HITId=hit_id)
    with pytest.raises(WorkerCannotAccept, match=f"There is no HIT {hit_id} in this marketplace"):
        mturk_fake.accept_hit(hit_id, WORKER)


# --- review ------------------------------------------------------------------------


@pytest.mark.evidence(
    "assignments.only-submitted-reviewed", "assignments.override-rejection-window"
)
def test_approve_and_reject_only_submitted_work(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, MaxAssignments=2)
    good = mturk_fake.submit_assignment(hit_id, "A1GOOD", ANSWER)
    bad = mturk_fake.submit_assignment(hit_id, "A1BAD", ANSWER)
    mturk_sandbox.approve_assignment(AssignmentId=good)
    mturk_sandbox.reject_assignment(AssignmentId=bad, RequesterFeedback="No answer given.")
    # Changed to the real wording (NRGI/resourcecontracts.org#1384, Dallinger#3072):
    # "This operation can be called with a status of: Submitted (1624047673908)".
    submitted_only = "This operation can be called with a status of: Submitted"
    message, code = refusal(
        mturk_sandbox, lambda: mturk_sandbox.approve_assignment(AssignmentId=good)
    )
    assert (STAMP.sub("", message), code) == (
        submitted_only,
        "AWS.MechanicalTurk.InvalidAssignmentState",
    )
    message, _ = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.reject_assignment(AssignmentId=good, RequesterFeedback="Oops."),
    )
    assert STAMP.sub("", message) == submitted_only
    message, _ = refusal(mturk_sandbox, lambda: mturk_sandbox.approve_assignment(AssignmentId=bad))
    assert STAMP.sub("", message) == submitted_only
    # A rejection can be overturned, once.
    mturk_sandbox.approve_assignment(
        AssignmentId=bad, OverrideRejection=True, RequesterFeedback="Sorry, our mistake."
    )
    overturned = assignment(mturk_sandbox, bad)
    assert (overturned["AssignmentStatus"], overturned["RequesterFeedback"]) == (
        "Approved",
        "Sorry, our mistake.",
    )
    message, _ = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.approve_assignment(AssignmentId=bad, OverrideRejection=True),
    )
    assert STAMP.sub("", message).endswith("with a status of: Submitted, Rejected")


@pytest.mark.evidence("assignments.auto-approval")
def test_work_is_approved_automatically_after_the_delay(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, AutoApprovalDelayInSeconds=120)
    assignment_id = mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    submitted = assignment(mturk_sandbox, assignment_id)
    assert submitted["AssignmentStatus"] == "Submitted"
    mturk_fake.advance_time(119)
    assert assignment(mturk_sandbox, assignment_id)["AssignmentStatus"] == "Submitted"
    mturk_fake.advance_time(1)
    approved = assignment(mturk_sandbox, assignment_id)
    assert approved["AssignmentStatus"] == "Approved"
    assert approved["ApprovalTime"] == submitted["AutoApprovalTime"]
    message, _ = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.reject_assignment(AssignmentId=assignment_id, RequesterFeedback="x"),
    )
    assert "with a status of: Submitted" in message


def test_no_delay_approves_at_once_in_every_list(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, AutoApprovalDelayInSeconds=0)
    mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    (listed,) = mturk_sandbox.list_assignments_for_hit(HITId=hit_id)["Assignments"]
    assert listed["AssignmentStatus"] == "Approved"
    (hit,) = mturk_sandbox.list_hits()["HITs"]
    assert hit["NumberOfAssignmentsCompleted"] == 1


@pytest.mark.evidence("assignments.file-upload-url")
def test_file_uploads(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> None:
    hit_id = new_hit(mturk_sandbox)
    assignment_id = mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    message, code = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.get_file_upload_url(
            AssignmentId=assignment_id, QuestionIdentifier="feedback"
        ),
    )
    assert message.startswith("No file was uploaded for the question feedback.")
    assert code == "AWS.MechanicalTurk.FileUploadDoesNotExist"
    message, _ = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.get_file_upload_url(AssignmentId="3NO", QuestionIdentifier="f"),
    )
    assert message.startswith("Assignment 3NO does not exist.")


# --- bonuses ---------------------------------------------------------------------


@pytest.fixture
def approved(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> str:
    hit_id = new_hit(mturk_sandbox)
    assignment_id = mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    mturk_sandbox.approve_assignment(AssignmentId=assignment_id)
    return assignment_id


def bonus(client: MTurkClient, assignment_id: str, **fields: Any) -> None:
    client.send_bonus(
        **{
            "WorkerId": WORKER,
            "BonusAmount": "0.25",
            "AssignmentId": assignment_id,
            "Reason": "Thanks.",
            **fields,
        }
    )


@pytest.mark.evidence("payments.bonus-token")
def test_a_bonus_token_pays_once(mturk_sandbox: MTurkClient, approved: str) -> None:
    bonus(mturk_sandbox, approved, UniqueRequestToken="once")
    message, code = refusal(
        mturk_sandbox, lambda: bonus(mturk_sandbox, approved, UniqueRequestToken="once")
    )
    assert message.startswith("A bonus was already paid with this UniqueRequestToken")
    assert code == "AWS.MechanicalTurk.DuplicateRequest"
    bonus(mturk_sandbox, approved, UniqueRequestToken="twice")
    bonus(mturk_sandbox, approved)
    bonus(mturk_sandbox, approved)  # without a token, every call pays
    assert mturk_sandbox.list_bonus_payments(AssignmentId=approved)["NumResults"] == 4


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"BonusAmount": "0.00"}, 'The value "0.00" is not valid for the parameter BonusAmount.'),
        ({"WorkerId": "A1SOMEONEELSE"}, "was not done by worker A1SOMEONEELSE."),
    ],
)
@pytest.mark.evidence("payments.bonus-needs-worker-and-assignment")
def test_bonuses_the_service_refuses(
    mturk_sandbox: MTurkClient,
    mturk_fake: MTurkFake,
    approved: str,
    fields: dict[str, str],
    complaint: str,
) -> None:
    mturk_fake.add_worker("A1SOMEONEELSE")
    message, _ = parameter_error(mturk_sandbox, lambda: bonus(mturk_sandbox, approved, **fields))
    assert complaint in message
    assert mturk_sandbox.list_bonus_payments(AssignmentId=approved)["BonusPayments"] == []


def test_bonuses_for_no_submitted_assignment_or_in_no_format(
    mturk_sandbox: MTurkClient, approved: str
) -> None:
    message, _ = refusal(
        mturk_sandbox, lambda: bonus(mturk_sandbox, approved, AssignmentId="3NOSUCH")
    )
    assert message.startswith("Assignment 3NOSUCH does not exist.")
    # The format is the model's CurrencyAmount pattern (Dallinger/Dallinger#1052).
    message = validation_message(
        mturk_sandbox, lambda: bonus(mturk_sandbox, approved, BonusAmount="lots")
    )
    assert "Value 'lots' at 'bonusAmount' failed to satisfy constraint" in message
    assert mturk_sandbox.list_bonus_payments(AssignmentId=approved)["BonusPayments"] == []


@pytest.mark.evidence("payments.bonus-needs-worker-and-assignment")
def test_list_bonus_payments_by_one_id(mturk_sandbox: MTurkClient, approved: str) -> None:
    hit_id = assignment(mturk_sandbox, approved)["HITId"]
    for both_or_neither in ({"HITId": hit_id, "AssignmentId": approved}, {}):
        message, _ = parameter_error(
            mturk_sandbox, lambda a=both_or_neither: mturk_sandbox.list_bonus_payments(**a)
        )
        assert message == "Provide either HITId or AssignmentId."
    message, _ = refusal(mturk_sandbox, lambda: mturk_sandbox.list_bonus_payments(HITId="3NO"))
    assert message.startswith("Hit 3NO does not exist.")


# --- messages to workers -----------------------------------------------------------


@pytest.mark.evidence("workers.notify-only-reviewed")
def test_notify_workers_reaches_workers_you_reviewed(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake, approved: str
) -> None:
    answer = mturk_sandbox.notify_workers(
        Subject="Follow-up", MessageText="Part 2 is open.", WorkerIds=[WORKER, "A1STRANGER"]
    )
    assert [f["WorkerId"] for f in answer["NotifyWorkersFailureStatuses"]] == ["A1STRANGER"]
    assert mturk_fake.notifications() == [
        {"kind": "Email", "WorkerId": WORKER, "Subject": "Follow-up", "Text": "Part 2 is open."}
    ]


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"Subject": "s" * 201}, "Subject is not valid: it must be at most 200 characters"),
        ({"MessageText": "m" * 4097}, "MessageText is not valid: it must be at most 4096"),
        ({"WorkerIds": [f"A{n}" for n in range(101)]}, "up to 100 Workers at a time"),
        ({"WorkerIds": []}, "up to 100 Workers at a time"),
    ],
)
@pytest.mark.evidence("workers.notify-limits", "validation.text-lengths")
def test_notify_workers_limits(
    mturk_sandbox: MTurkClient, fields: dict[str, Any], complaint: str
) -> None:
    arguments = {"Subject": "s", "MessageText": "m", "WorkerIds": [WORKER], **fields}
    message, _ = parameter_error(mturk_sandbox, lambda: mturk_sandbox.notify_workers(**arguments))
    assert complaint in message


# --- qualifications ------------------------------------------------------------------


@pytest.mark.evidence("qualifications.comparators")
def test_a_requirement_decides_who_may_work(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    skill = qualification_type(mturk_sandbox, "Skill")
    banned = qualification_type(mturk_sandbox, "Took the pilot")
    locale = "00000000000000000071"
    requirements = [
        {
            "QualificationTypeId": skill,
            "Comparator": "GreaterThanOrEqualTo",
            "IntegerValues": [50],
        },
        {"QualificationTypeId": banned, "Comparator": "DoesNotExist"},
        {
            "QualificationTypeId": locale,
            "Comparator": "EqualTo",
            "LocaleValues": [{"Country": "US"}],
        },
    ]
    hit_id = new_hit(mturk_sandbox, MaxAssignments=5, QualificationRequirements=requirements)
    mturk_fake.add_worker("A1LOW", "A1HIGH", "A1PILOT")
    for worker, value in (("A1LOW", 49), ("A1HIGH", 50), ("A1PILOT", 90)):
        mturk_sandbox.associate_qualification_with_worker(
            QualificationTypeId=skill, WorkerId=worker, IntegerValue=value
        )
    mturk_sandbox.associate_qualification_with_worker(
        QualificationTypeId=banned, WorkerId="A1PILOT"
    )
    for worker in ("A1LOW", "A1PILOT", "A1NOBODY"):
        with pytest.raises(
            WorkerCannotAccept, match="does not meet the qualification requirement"
        ):
            mturk_fake.accept_hit(hit_id, worker)
    assert mturk_fake.accept_hit(hit_id, "A1HIGH")
    # The comparators of the model, each on a held score of 50.
    for comparator, values, allowed in [
        ("LessThan", [51], True), ("LessThanOrEqualTo", [49], False),
        ("GreaterThan", [50], False), ("EqualTo", [50], True), ("NotEqualTo", [50], False),
        ("In", [10, 50], True), ("NotIn", [10, 50], False), ("Exists", [], True),
    ]:  # fmt: skip
        requirement = {"QualificationTypeId": skill, "Comparator": comparator}
        if values:
            requirement["IntegerValues"] = values
        other = new_hit(mturk_sandbox, Title=comparator, QualificationRequirements=[requirement])
        if allowed:
            assert mturk_fake.accept_hit(other, "A1HIGH")
        else:
            with pytest.raises(WorkerCannotAccept):
                mturk_fake.accept_hit(other, "A1HIGH")


@pytest.mark.evidence("qualifications.name-unique")
def test_qualification_type_names_are_unique(mturk_sandbox: MTurkClient) -> None:
    qualification_type(mturk_sandbox, "Pilot")
    message, code = refusal(mturk_sandbox, lambda: qualification_type(mturk_sandbox, "Pilot"))
    assert message.startswith("You have already created a QualificationType with this name.")
    assert code == "AWS.MechanicalTurk.QualificationTypeAlreadyExists"


@pytest.mark.evidence("qualifications.test-rules", "validation.bad-xml")
@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"Test": TEST_FORM}, "TestDurationInSeconds must also be specified"),
        (
            {"Test": TEST_FORM, "TestDurationInSeconds": 60, "AutoGranted": True},
            "AutoGranted cannot be true when a Test is specified.",
        ),
        (
            {"Test": "<QuestionForm>", "TestDurationInSeconds": 60},
            'The value "<QuestionForm>" is not valid for the parameter Test.',
        ),
        (
            {"Test": EXTERNAL, "TestDurationInSeconds": 60},
            "is not valid for the parameter Test.",
        ),
        (
            {"Test": TEST_FORM.replace("2 + 2?", "x" * 65536), "TestDurationInSeconds": 60},
            "must not be larger than 64 kilobytes",
        ),
        ({"AnswerKey": "<AnswerKey>"}, 'The value "<AnswerKey>" is not valid for the parameter'),
    ],
)
def test_qualification_tests_are_checked(
    mturk_sandbox: MTurkClient, fields: dict[str, Any], complaint: str
) -> None:
    # Changed from RequestError: MTurk refused a bad Test with ParameterValidationError,
    # '"Parameter":"Test","TurkErrorCode":"AWS.MechanicalTurk.InvalidParameterValue"'
    # (boto/boto3#2108); the Test "Must be a QuestionForm data structure" (botocore model).
    message, _ = parameter_error(
        mturk_sandbox, lambda: qualification_type(mturk_sandbox, **fields)
    )
    assert complaint in message
    listed = mturk_sandbox.list_qualification_types(
        MustBeRequestable=True, MustBeOwnedByCaller=True
    )
    assert listed["QualificationTypes"] == []


def test_a_refused_update_changes_nothing(mturk_sandbox: MTurkClient) -> None:
    type_id = qualification_type(mturk_sandbox, Test=TEST_FORM, TestDurationInSeconds=60)
    for change in ({"AutoGranted": True}, {"Test": "<broken", "Description": "New."}):
        message, _ = parameter_error(
            mturk_sandbox,
            lambda c=change: mturk_sandbox.update_qualification_type(
                QualificationTypeId=type_id, **c
            ),
        )
        assert "AutoGranted cannot be true" in message or "parameter Test" in message
    kept = mturk_sandbox.get_qualification_type(QualificationTypeId=type_id)["QualificationType"]
    assert (kept["Test"], kept["AutoGranted"], kept["Description"]) == (
        TEST_FORM,
        False,
        "Took part in the pilot.",
    )
    updated = mturk_sandbox.update_qualification_type(
        QualificationTypeId=type_id, TestDurationInSeconds=120, RetryDelayInSeconds=600
    )["QualificationType"]
    assert (updated["Test"], updated["TestDurationInSeconds"]) == (TEST_FORM, 120)


@pytest.mark.evidence("qualifications.only-owner")
def test_system_qualification_types_are_not_yours(mturk_sandbox: MTurkClient) -> None:
    masters = "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6"
    found = mturk_sandbox.get_qualification_type(QualificationTypeId=masters)["QualificationType"]
    assert (found["Name"], found["IsRequestable"]) == ("Masters", False)
    for call in (
        lambda: mturk_sandbox.update_qualification_type(
            QualificationTypeId=masters, Description="Mine now."
        ),
        lambda: mturk_sandbox.associate_qualification_with_worker(
            QualificationTypeId=masters, WorkerId=WORKER
        ),
        lambda: mturk_sandbox.list_hits_for_qualification_type(QualificationTypeId=masters),
    ):
        message, code = refusal(mturk_sandbox, call)
        assert message.startswith(f"You do not own the QualificationType {masters}.")
        assert code == "AWS.MechanicalTurk.PermissionDenied"


@pytest.mark.evidence("qualifications.system-types")
def test_listing_qualification_types(mturk_sandbox: MTurkClient) -> None:
    pilot = qualification_type(mturk_sandbox, "Pilot study", Keywords="wave-one")
    mine = mturk_sandbox.list_qualification_types(
        MustBeRequestable=False, MustBeOwnedByCaller=True
    )
    assert [q["QualificationTypeId"] for q in mine["QualificationTypes"]] == [pilot]
    everything = mturk_sandbox.list_qualification_types(MustBeRequestable=False)
    names = [q["Name"] for q in everything["QualificationTypes"]]
    assert names[-1] == "Pilot study"
    assert {"Masters", "Worker_Locale", "Worker_Adult"} <= set(names)
    requestable = mturk_sandbox.list_qualification_types(MustBeRequestable=True)
    assert [q["Name"] for q in requestable["QualificationTypes"]] == ["Pilot study"]
    for query in ("WAVE-ONE", "pilot", "took part"):  # keywords, name, description
        found = mturk_sandbox.list_qualification_types(MustBeRequestable=True, Query=query)
        assert found["NumResults"] == 1, query
    assert (
        mturk_sandbox.list_qualification_types(MustBeRequestable=False, Query="zzz")[
            "QualificationTypes"
        ]
        == []
    )


@pytest.mark.evidence("qualifications.inactive-cannot-assign")
def test_granting_and_revoking_scores(mturk_sandbox: MTurkClient) -> None:
    type_id = qualification_type(mturk_sandbox)
    message, code = refusal(mturk_sandbox, lambda: score(mturk_sandbox, type_id))
    assert message.startswith("You requested a Qualification that does not exist.")
    assert code == "AWS.MechanicalTurk.QualificationDoesNotExist"
    mturk_sandbox.associate_qualification_with_worker(
        QualificationTypeId=type_id, WorkerId=WORKER, IntegerValue=80
    )
    assert score(mturk_sandbox, type_id) == 80
    mturk_sandbox.disassociate_qualification_from_worker(
        QualificationTypeId=type_id, WorkerId=WORKER
    )
    message, _ = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.disassociate_qualification_from_worker(
            QualificationTypeId=type_id, WorkerId=WORKER
        ),
    )
    assert message.startswith(f"Qualification {type_id} for worker {WORKER} does not exist.")
    mturk_sandbox.update_qualification_type(
        QualificationTypeId=type_id, QualificationTypeStatus="Inactive"
    )
    message, _ = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.associate_qualification_with_worker(
            QualificationTypeId=type_id, WorkerId=WORKER
        ),
    )
    assert message.startswith("This QualificationType is currently in the state 'Inactive'.")


def test_workers_with_a_qualification_type(mturk_sandbox: MTurkClient) -> None:
    type_id = qualification_type(mturk_sandbox)
    mturk_sandbox.associate_qualification_with_worker(QualificationTypeId=type_id, WorkerId=WORKER)
    listed = mturk_sandbox.list_workers_with_qualification_type(QualificationTypeId=type_id)
    assert [q["WorkerId"] for q in listed["Qualifications"]] == [WORKER]
    revoked = mturk_sandbox.list_workers_with_qualification_type(
        QualificationTypeId=type_id, Status="Revoked"
    )
    assert revoked["Qualifications"] == []
    message, _ = refusal(
        mturk_sandbox,
        lambda: mturk_sandbox.list_workers_with_qualification_type(QualificationTypeId="3NO"),
    )
    assert message.startswith("QualificationType 3NO does not exist.")


@pytest.mark.evidence("qualifications.requests")
def test_qualification_requests(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> None:
    type_id = qualification_type(mturk_sandbox)
    other = qualification_type(mturk_sandbox, "Other")
    first = mturk_fake.request_qualification(type_id, "A1FIRST")
    second = mturk_fake.request_qualification(type_id, "A1SECOND", "I did the pilot.")
    mturk_fake.request_qualification(other, "A1THIRD")
    listed = mturk_sandbox.list_qualification_requests(QualificationTypeId=type_id)
    assert [r["QualificationRequestId"] for r in listed["QualificationRequests"]] == [
        first,
        second,
    ]
    assert listed["QualificationRequests"][1]["Answer"] == "I did the pilot."
    assert mturk_sandbox.list_qualification_requests()["NumResults"] == 3
    mturk_sandbox.accept_qualification_request(QualificationRequestId=first)
    assert score(mturk_sandbox, type_id, "A1FIRST") == 1
    mturk_sandbox.reject_qualification_request(QualificationRequestId=second)
    for request_id in (first, second):
        message, _ = refusal(
            mturk_sandbox,
            lambda r=request_id: mturk_sandbox.reject_qualification_request(
                QualificationRequestId=r
            ),
        )
        assert message.startswith(f"QualificationRequest {request_id} does not exist.")
    assert (
        mturk_sandbox.list_qualification_requests(QualificationTypeId=type_id)["NumResults"] == 0
    )


@pytest.mark.evidence("qualifications.auto-granted")
def test_an_auto_granted_type_needs_no_request(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    plain = qualification_type(mturk_sandbox, "Everyone", AutoGranted=True)
    valued = qualification_type(mturk_sandbox, "Everyone, 5", AutoGranted=True, AutoGrantedValue=5)
    assert mturk_fake.request_qualification(plain, WORKER) == ""
    assert mturk_fake.request_qualification(valued, WORKER) == ""
    assert (score(mturk_sandbox, plain), score(mturk_sandbox, valued)) == (1, 5)
    assert mturk_sandbox.list_qualification_requests()["QualificationRequests"] == []


def test_requests_reach_the_marketplace_of_their_type(mturk_fake: MTurkFake) -> None:
    production = mturk_client(sandbox=False)
    type_id = qualification_type(production)
    request_id = mturk_fake.request_qualification(type_id, WORKER)
    listed = production.list_qualification_requests()["QualificationRequests"]
    assert [r["QualificationRequestId"] for r in listed] == [request_id]
    assert mturk_client().list_qualification_requests()["NumResults"] == 0
    with pytest.raises(WorkerCannotAccept, match=r"There is no qualification type 3NO\."):
        mturk_fake.request_qualification("3NO", WORKER)


@pytest.mark.evidence(
    "qualifications.delete-rejects-requests", "qualifications.delete-keeps-scores"
)
def test_deleting_a_type_rejects_its_requests_but_keeps_scores(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    type_id = qualification_type(mturk_sandbox)
    mturk_fake.request_qualification(type_id, "A1ASKING")
    mturk_sandbox.associate_qualification_with_worker(QualificationTypeId=type_id, WorkerId=WORKER)
    mturk_sandbox.delete_qualification_type(QualificationTypeId=type_id)
    market = mturk_fake.marketplace(sandbox=True)
    # Changed: scores are kept. botocore model, DeleteQualificationType: "This operation
    # does not revoke Qualifications already assigned to Workers because the
    # Qualifications might be needed for active HITs. If there are any pending requests
    # for the Qualification type, Amazon Mechanical Turk rejects those requests."
    assert market.qualification_requests == {}
    assert market.qualifications[(type_id, WORKER)].status == "Granted"
    assert mturk_sandbox.list_qualification_requests()["NumResults"] == 0
    message, _ = refusal(
        mturk_sandbox, lambda: mturk_sandbox.delete_qualification_type(QualificationTypeId=type_id)
    )
    assert message.startswith(f"QualificationType {type_id} does not exist.")
