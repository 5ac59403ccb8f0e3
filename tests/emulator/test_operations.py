"""Every one of the 39 operations of botocore's ``mturk`` model, checked on the wire.

Each operation has a scenario below that calls it (and checks what it did). The
JSON body the emulator sent back is then checked against the operation's
output shape by a validator written here, independently of the emulator's own
``check_shape``: no unknown members, required ones present, scalar types as
the JSON protocol sends them (timestamps as epoch seconds), enum values known.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import botocore.session
import pytest
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.model import ListShape, Shape, StructureShape

from guide_tools import constants
from mturk_emulator import MTurkFake, emulator
from mturk_emulator.responses import check_shape
from tests.emulator.support import ANSWER, WORKER, hit_args, mturk_client

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

SERVICE = botocore.session.get_session().get_service_model("mturk")
OPERATIONS = SERVICE.operation_names

UPLOAD_ANSWER = (
    "<QuestionFormAnswers><Answer><QuestionIdentifier>photo</QuestionIdentifier>"
    "<UploadedFileSizeInBytes>1024</UploadedFileSizeInBytes>"
    "<UploadedFileKey>uploads/photo.jpg</UploadedFileKey></Answer></QuestionFormAnswers>"
)
TEST_FORM = (
    "<QuestionForm><Question><QuestionIdentifier>q1</QuestionIdentifier>"
    "<QuestionContent><Text>2 + 2?</Text></QuestionContent></Question></QuestionForm>"
)
ANSWER_KEY = (
    "<AnswerKey><Question><QuestionIdentifier>q1</QuestionIdentifier>"
    "<AnswerOption><SelectionIdentifier>4</SelectionIdentifier>"
    "<AnswerScore>100</AnswerScore></AnswerOption></Question></AnswerKey>"
)
NOTIFICATION = {
    "Destination": "lab@example.org",
    "Transport": "Email",
    # Changed from "2014-08-15": botocore model, NotificationSpecification.Version,
    # "Valid value is 2006-05-05".
    "Version": "2006-05-05",
    "EventTypes": ["AssignmentSubmitted", "HITReviewable"],
}
REVIEW_POLICY = {
    "PolicyName": "ScoreMyKnownAnswers/2011-09-01",
    "Parameters": [
        {"Key": "AnswerKey", "MapEntries": [{"Key": "q1", "Values": ["4"]}]},
        {"Key": "ApproveIfKnownAnswerScoreIsAtLeast", "Values": ["80"]},
    ],
}


# --- the wire validator ----------------------------------------------------------

_WIRE_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "timestamp": (int, float),  # the JSON protocol's epoch seconds
}


def check_wire(shape: Shape, value: Any, path: str, seen: set[str]) -> None:
    """Assert that a decoded JSON body fits ``shape``; add each member path to ``seen``."""
    seen.add(path)
    if isinstance(shape, StructureShape):
        assert isinstance(value, dict), f"{path}: {value!r} is not an object"
        assert set(value) <= set(shape.members), (
            f"{path}: unknown {set(value) - set(shape.members)}"
        )
        missing = set(shape.required_members) - set(value)
        assert not missing, f"{path}: missing {missing}"
        for name, item in value.items():
            assert item is not None, f"{path}.{name} is null"
            check_wire(shape.members[name], item, f"{shape.name}.{name}", seen)
    elif isinstance(shape, ListShape):
        assert isinstance(value, list), f"{path}: {value!r} is not an array"
        for item in value:
            check_wire(shape.member, item, path, seen)
    else:
        wanted = _WIRE_TYPES[shape.type_name]
        assert isinstance(value, wanted), f"{path}: {value!r} is not a {shape.type_name}"
        assert shape.type_name == "boolean" or not isinstance(value, bool), path
        enum = shape.metadata.get("enum")
        assert enum is None or value in enum, f"{path}: {value!r} not in {enum}"


# --- the scenarios -----------------------------------------------------------------


@dataclass
class World:
    """A sandbox as root, with helpers that put things in it."""

    client: MTurkClient
    fake: MTurkFake
    bodies: dict[str, list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The worker accounts the scenarios name (MTurk refused unknown workers).
        self.fake.add_worker(WORKER, "A1SPAMMER", "A1FORGIVEN", "A3ZED", "A1ABLE", "A2B", "A1A")

    def hit(self, **overrides: Any) -> str:
        return self.client.create_hit(**hit_args(**overrides))["HIT"]["HITId"]

    def submitted(self, answer: str = ANSWER, **overrides: Any) -> tuple[str, str]:
        hit_id = self.hit(**overrides)
        return hit_id, self.fake.submit_assignment(hit_id, WORKER, answer)

    def approved(self) -> tuple[str, str]:
        hit_id, assignment_id = self.submitted()
        self.client.approve_assignment(AssignmentId=assignment_id, RequesterFeedback="Thanks!")
        return hit_id, assignment_id

    def qualification_type(self, name: str = "Pilot", **overrides: Any) -> str:
        created = self.client.create_qualification_type(
            Name=name,
            Description="Took part in the pilot.",
            QualificationTypeStatus="Active",
            **overrides,
        )
        return created["QualificationType"]["QualificationTypeId"]


BOTO3_NAMES = {xform_name(name): name for name in OPERATIONS}
SCENARIOS: dict[str, Callable[[World], None]] = {}


def scenario(function: Callable[[World], None]) -> Callable[[World], None]:
    SCENARIOS[BOTO3_NAMES[function.__name__]] = function
    return function


@scenario
def accept_qualification_request(w: World) -> None:
    type_id = w.qualification_type()
    request_id = w.fake.request_qualification(type_id, WORKER, ANSWER)
    w.client.accept_qualification_request(QualificationRequestId=request_id, IntegerValue=7)
    score = w.client.get_qualification_score(QualificationTypeId=type_id, WorkerId=WORKER)
    assert score["Qualification"]["IntegerValue"] == 7


@scenario
def approve_assignment(w: World) -> None:
    _, assignment_id = w.submitted()
    w.client.approve_assignment(AssignmentId=assignment_id, RequesterFeedback="Good work.")
    assignment = w.client.get_assignment(AssignmentId=assignment_id)["Assignment"]
    assert assignment["AssignmentStatus"] == "Approved"
    assert assignment["RequesterFeedback"] == "Good work."


@scenario
def associate_qualification_with_worker(w: World) -> None:
    type_id = w.qualification_type()
    w.client.associate_qualification_with_worker(
        QualificationTypeId=type_id, WorkerId=WORKER, IntegerValue=3, SendNotification=False
    )
    score = w.client.get_qualification_score(QualificationTypeId=type_id, WorkerId=WORKER)
    assert score["Qualification"]["IntegerValue"] == 3


@scenario
def create_additional_assignments_for_hit(w: World) -> None:
    hit_id = w.hit(MaxAssignments=2)
    w.client.create_additional_assignments_for_hit(
        HITId=hit_id, NumberOfAdditionalAssignments=3, UniqueRequestToken="more-1"
    )
    hit = w.client.get_hit(HITId=hit_id)["HIT"]
    assert (hit["MaxAssignments"], hit["NumberOfAssignmentsAvailable"]) == (5, 5)


@scenario
def create_hit(w: World) -> None:
    pilot = w.qualification_type()
    hit = w.client.create_hit(
        **hit_args(
            Keywords="survey, setup",
            RequesterAnnotation="batch 1",
            AutoApprovalDelayInSeconds=3600,
            UniqueRequestToken="first-hit",
            AssignmentReviewPolicy=REVIEW_POLICY,
            HITReviewPolicy={"PolicyName": "SimplePlurality/2011-09-01"},
            QualificationRequirements=[
                {
                    "QualificationTypeId": "00000000000000000071",
                    "Comparator": "In",
                    "LocaleValues": [{"Country": "US"}, {"Country": "CA", "Subdivision": "QC"}],
                    "ActionsGuarded": "Accept",
                },
                {
                    "QualificationTypeId": pilot,
                    "Comparator": "DoesNotExist",
                    "RequiredToPreview": True,
                },
                {
                    "QualificationTypeId": "000000000000000000L0",
                    "Comparator": "GreaterThanOrEqualTo",
                    "IntegerValues": [95],
                },
            ],
        )
    )["HIT"]
    assert (hit["Reward"], hit["HITStatus"], hit["MaxAssignments"]) == ("0.50", "Assignable", 1)
    # Changed: the group id is an id of its own (evidence.md section 8, a recorded
    # sandbox HIT: "HITGroupId": "36IAL8...", "HITTypeId": "3V76OX...").
    assert hit["HITGroupId"] != hit["HITTypeId"]
    assert hit["Expiration"] - hit["CreationTime"] == timedelta(hours=1)


@scenario
def create_hit_type(w: World) -> None:
    first = w.client.create_hit_type(
        Title="Rate a photo", Description="One photo.", Reward="0.10",
        AssignmentDurationInSeconds=300, Keywords="photo",
    )  # fmt: skip
    again = w.client.create_hit_type(
        Title="Rate a photo", Description="One photo.", Reward="0.10",
        AssignmentDurationInSeconds=300, Keywords="photo",
    )  # fmt: skip
    assert first["HITTypeId"] == again["HITTypeId"]


@scenario
def create_hit_with_hit_type(w: World) -> None:
    type_id = w.client.create_hit_type(
        Title="Rate a photo", Description="One photo.", Reward="0.10",
        AssignmentDurationInSeconds=300,
    )["HITTypeId"]  # fmt: skip
    hit = w.client.create_hit_with_hit_type(
        HITTypeId=type_id,
        MaxAssignments=3,
        LifetimeInSeconds=600,
        HITLayoutId="3LAYOUTEXAMPLE",
        HITLayoutParameters=[{"Name": "image_url", "Value": "https://example.org/1.jpg"}],
    )["HIT"]
    assert (hit["HITTypeId"], hit["HITLayoutId"], hit["Title"]) == (
        type_id,
        "3LAYOUTEXAMPLE",
        "Rate a photo",
    )
    assert "Question" not in hit


@scenario
def create_qualification_type(w: World) -> None:
    created = w.client.create_qualification_type(
        Name="Arithmetic",
        Keywords="math",
        Description="Can add.",
        QualificationTypeStatus="Active",
        RetryDelayInSeconds=3600,
        Test=TEST_FORM,
        AnswerKey=ANSWER_KEY,
        TestDurationInSeconds=300,
    )["QualificationType"]
    assert (created["Name"], created["IsRequestable"], created["AutoGranted"]) == (
        "Arithmetic",
        True,
        False,
    )
    granted = w.client.create_qualification_type(
        Name="Everyone",
        Description="Granted on request.",
        QualificationTypeStatus="Active",
        AutoGranted=True,
        AutoGrantedValue=5,
    )["QualificationType"]
    assert (granted["AutoGranted"], granted["AutoGrantedValue"]) == (True, 5)


@scenario
def create_worker_block(w: World) -> None:
    w.client.create_worker_block(WorkerId="A1SPAMMER", Reason="Copied answers.")
    assert {"WorkerId": "A1SPAMMER", "Reason": "Copied answers."} in w.client.list_worker_blocks()[
        "WorkerBlocks"
    ]


@scenario
def delete_hit(w: World) -> None:
    hit_id, _ = w.approved()
    w.client.delete_hit(HITId=hit_id)
    with pytest.raises(w.client.exceptions.RequestError, match=f"Hit {hit_id} does not exist"):
        w.client.get_hit(HITId=hit_id)


@scenario
def delete_qualification_type(w: World) -> None:
    type_id = w.qualification_type("Old")
    w.client.delete_qualification_type(QualificationTypeId=type_id)
    with pytest.raises(w.client.exceptions.RequestError, match="does not exist"):
        w.client.get_qualification_type(QualificationTypeId=type_id)


@scenario
def delete_worker_block(w: World) -> None:
    w.client.create_worker_block(WorkerId="A1FORGIVEN", Reason="Mistake.")
    w.client.delete_worker_block(WorkerId="A1FORGIVEN", Reason="It was our mistake.")
    blocked = [b["WorkerId"] for b in w.client.list_worker_blocks()["WorkerBlocks"]]
    assert "A1FORGIVEN" not in blocked


@scenario
def disassociate_qualification_from_worker(w: World) -> None:
    type_id = w.qualification_type()
    w.client.associate_qualification_with_worker(QualificationTypeId=type_id, WorkerId=WORKER)
    w.client.disassociate_qualification_from_worker(
        QualificationTypeId=type_id, WorkerId=WORKER, Reason="Pilot is over."
    )
    # Revoked, not deleted (ledger qualifications.revoked-score; Dallinger's client code).
    with pytest.raises(w.client.exceptions.RequestError, match="with a status of: Granted"):
        w.client.get_qualification_score(QualificationTypeId=type_id, WorkerId=WORKER)


@scenario
def get_account_balance(w: World) -> None:
    assert w.client.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE


@scenario
def get_assignment(w: World) -> None:
    hit_id, assignment_id = w.approved()
    found = w.client.get_assignment(AssignmentId=assignment_id)
    assignment = found["Assignment"]
    assert (assignment["HITId"], assignment["WorkerId"], assignment["Answer"]) == (
        hit_id,
        WORKER,
        ANSWER,
    )
    assert assignment["AcceptTime"] <= assignment["SubmitTime"] <= assignment["ApprovalTime"]
    assert found["HIT"]["HITId"] == hit_id
    _, rejected_id = w.submitted()
    w.client.reject_assignment(AssignmentId=rejected_id, RequesterFeedback="Empty answer.")
    rejected = w.client.get_assignment(AssignmentId=rejected_id)["Assignment"]
    assert rejected["AssignmentStatus"] == "Rejected"
    assert "RejectionTime" in rejected


@scenario
def get_file_upload_url(w: World) -> None:
    _, assignment_id = w.submitted(answer=UPLOAD_ANSWER)
    url = w.client.get_file_upload_url(AssignmentId=assignment_id, QuestionIdentifier="photo")
    assert url["FileUploadURL"].startswith("https://")
    assert assignment_id in url["FileUploadURL"]


@scenario
def get_hit(w: World) -> None:
    hit_id = w.hit(Keywords="setup", RequesterAnnotation="batch 2")
    w.fake.accept_hit(hit_id, WORKER)
    hit = w.client.get_hit(HITId=hit_id)["HIT"]
    assert (hit["HITStatus"], hit["NumberOfAssignmentsPending"]) == ("Unassignable", 1)
    assert (hit["Keywords"], hit["RequesterAnnotation"]) == ("setup", "batch 2")


@scenario
def get_qualification_score(w: World) -> None:
    type_id = w.qualification_type()
    w.client.associate_qualification_with_worker(QualificationTypeId=type_id, WorkerId=WORKER)
    held = w.client.get_qualification_score(QualificationTypeId=type_id, WorkerId=WORKER)
    assert held["Qualification"]["IntegerValue"] == 1  # the default value
    assert held["Qualification"]["Status"] == "Granted"


@scenario
def get_qualification_type(w: World) -> None:
    type_id = w.qualification_type()
    found = w.client.get_qualification_type(QualificationTypeId=type_id)["QualificationType"]
    assert (found["QualificationTypeId"], found["QualificationTypeStatus"]) == (type_id, "Active")
    masters = w.client.get_qualification_type(QualificationTypeId="2ARFPLSP75KLA8M8DH1HTEQVJT3SY6")
    assert masters["QualificationType"]["IsRequestable"] is False


@scenario
def list_assignments_for_hit(w: World) -> None:
    hit_id = w.hit(MaxAssignments=3)
    w.fake.submit_assignment(hit_id, "A1FIRST", ANSWER)
    w.fake.accept_hit(hit_id, "A1SECOND")  # accepted, not submitted: not listed
    listed = w.client.list_assignments_for_hit(HITId=hit_id)
    assert [a["WorkerId"] for a in listed["Assignments"]] == ["A1FIRST"]
    assert listed["NumResults"] == 1
    approved = w.client.list_assignments_for_hit(HITId=hit_id, AssignmentStatuses=["Approved"])
    assert approved["Assignments"] == []


@scenario
def list_bonus_payments(w: World) -> None:
    hit_id, assignment_id = w.approved()
    w.client.send_bonus(
        WorkerId=WORKER, BonusAmount="0.25", AssignmentId=assignment_id, Reason="Thanks."
    )
    by_hit = w.client.list_bonus_payments(HITId=hit_id)
    by_assignment = w.client.list_bonus_payments(AssignmentId=assignment_id)
    assert by_hit["BonusPayments"] == by_assignment["BonusPayments"]
    (bonus,) = by_hit["BonusPayments"]
    assert (bonus["BonusAmount"], bonus["Reason"], bonus["WorkerId"]) == (
        "0.25",
        "Thanks.",
        WORKER,
    )


@scenario
def list_hits(w: World) -> None:
    ids = [w.hit(Title=f"HIT {n}") for n in range(3)]
    listed = w.client.list_hits(MaxResults=2)
    rest = w.client.list_hits(MaxResults=2, NextToken=listed["NextToken"])
    assert [h["HITId"] for h in listed["HITs"] + rest["HITs"]][-3:] == ids
    # Every page with results has a token; the page after the last is empty
    # (ledger pagination.token-on-every-page).
    assert "NextToken" in rest
    last = w.client.list_hits(MaxResults=2, NextToken=rest["NextToken"])
    assert (last["HITs"], "NextToken" in last) == ([], False)


@scenario
def list_hits_for_qualification_type(w: World) -> None:
    type_id = w.qualification_type()
    requirement = {"QualificationTypeId": type_id, "Comparator": "Exists"}
    wanted = w.hit(QualificationRequirements=[requirement])
    w.hit(Title="Open to all")
    listed = w.client.list_hits_for_qualification_type(QualificationTypeId=type_id)
    assert [h["HITId"] for h in listed["HITs"]] == [wanted]


@scenario
def list_qualification_requests(w: World) -> None:
    # Without an AnswerKey: a test with one is scored at once, and no request waits.
    type_id = w.qualification_type("Arithmetic", Test=TEST_FORM, TestDurationInSeconds=300)
    request_id = w.fake.request_qualification(type_id, WORKER, ANSWER)
    (request,) = w.client.list_qualification_requests(QualificationTypeId=type_id)[
        "QualificationRequests"
    ]
    assert (request["QualificationRequestId"], request["Test"], request["Answer"]) == (
        request_id,
        TEST_FORM,
        ANSWER,
    )


@scenario
def list_qualification_types(w: World) -> None:
    type_id = w.qualification_type("Pilot study", Keywords="pilot")
    mine = w.client.list_qualification_types(MustBeRequestable=False, MustBeOwnedByCaller=True)
    assert type_id in [q["QualificationTypeId"] for q in mine["QualificationTypes"]]
    everyone = w.client.list_qualification_types(MustBeRequestable=False, Query="masters")
    assert {q["Name"] for q in everyone["QualificationTypes"]} == {"Masters"}


@scenario
def list_review_policy_results_for_hit(w: World) -> None:
    plurality = {"PolicyName": "SimplePlurality/2011-09-01"}
    hit_id = w.hit(AssignmentReviewPolicy=REVIEW_POLICY, HITReviewPolicy=plurality)
    results = w.client.list_review_policy_results_for_hit(
        HITId=hit_id, PolicyLevels=["Assignment", "HIT"], RetrieveActions=True
    )
    assert results["HITId"] == hit_id
    assert results["AssignmentReviewPolicy"] == REVIEW_POLICY
    assert results["HITReviewPolicy"] == plurality
    assert results["AssignmentReviewReport"] == {"ReviewResults": [], "ReviewActions": []}


@scenario
def list_reviewable_hits(w: World) -> None:
    hit_id, _ = w.submitted()
    w.hit(Title="Still open")
    reviewable = w.client.list_reviewable_hits()["HITs"]
    # Changed: only ids, as the real sandbox answered (aws/aws-sdk-js#2522:
    # "HITs: [ { HITId: '388FBO7JZT48TG61MZMH91GBEYPYNF' } ]").
    assert reviewable == [{"HITId": hit_id}]


@scenario
def list_worker_blocks(w: World) -> None:
    for worker in ("A3ZED", "A1ABLE"):
        w.client.create_worker_block(WorkerId=worker, Reason="Spam.")
    blocks = w.client.list_worker_blocks()["WorkerBlocks"]
    assert [b["WorkerId"] for b in blocks if b["WorkerId"] in {"A3ZED", "A1ABLE"}] == [
        "A1ABLE",
        "A3ZED",
    ]


@scenario
def list_workers_with_qualification_type(w: World) -> None:
    type_id = w.qualification_type()
    for worker in ("A2B", "A1A"):
        w.client.associate_qualification_with_worker(QualificationTypeId=type_id, WorkerId=worker)
    listed = w.client.list_workers_with_qualification_type(
        QualificationTypeId=type_id, Status="Granted"
    )
    assert [q["WorkerId"] for q in listed["Qualifications"]] == ["A1A", "A2B"]


@scenario
def notify_workers(w: World) -> None:
    w.approved()
    answer = w.client.notify_workers(
        Subject="A follow-up study", MessageText="It is open now.", WorkerIds=[WORKER, "A1NEVER"]
    )
    (failure,) = answer["NotifyWorkersFailureStatuses"]
    assert (failure["WorkerId"], failure["NotifyWorkersFailureCode"]) == ("A1NEVER", "HardFailure")


@scenario
def reject_assignment(w: World) -> None:
    _, assignment_id = w.submitted()
    w.client.reject_assignment(AssignmentId=assignment_id, RequesterFeedback="Empty answer.")
    assignment = w.client.get_assignment(AssignmentId=assignment_id)["Assignment"]
    assert (assignment["AssignmentStatus"], assignment["RequesterFeedback"]) == (
        "Rejected",
        "Empty answer.",
    )


@scenario
def reject_qualification_request(w: World) -> None:
    type_id = w.qualification_type()
    request_id = w.fake.request_qualification(type_id, WORKER)
    w.client.reject_qualification_request(QualificationRequestId=request_id, Reason="No.")
    listed = w.client.list_qualification_requests(QualificationTypeId=type_id)
    assert listed["QualificationRequests"] == []


@scenario
def send_bonus(w: World) -> None:
    _, assignment_id = w.approved()
    w.client.send_bonus(
        WorkerId=WORKER,
        BonusAmount="1.00",
        AssignmentId=assignment_id,
        Reason="Great answer.",
        UniqueRequestToken="bonus-1",
    )
    (bonus,) = w.client.list_bonus_payments(AssignmentId=assignment_id)["BonusPayments"]
    assert bonus["BonusAmount"] == "1.00"


@scenario
def send_test_event_notification(w: World) -> None:
    w.client.send_test_event_notification(Notification=NOTIFICATION, TestEventType="Ping")
    assert w.fake.notifications()[-1] == {
        "kind": "TestEvent",
        "Notification": NOTIFICATION,
        "EventType": "Ping",
    }


@scenario
def update_expiration_for_hit(w: World) -> None:
    hit_id = w.hit()
    w.client.update_expiration_for_hit(HITId=hit_id, ExpireAt=datetime(2015, 1, 1, tzinfo=UTC))
    hit = w.client.get_hit(HITId=hit_id)["HIT"]
    assert (hit["HITStatus"], hit["NumberOfAssignmentsAvailable"]) == ("Reviewable", 1)


@scenario
def update_hit_review_status(w: World) -> None:
    hit_id, _ = w.submitted()
    w.client.update_hit_review_status(HITId=hit_id, Revert=False)
    assert w.client.get_hit(HITId=hit_id)["HIT"]["HITStatus"] == "Reviewing"
    w.client.update_hit_review_status(HITId=hit_id, Revert=True)
    assert w.client.get_hit(HITId=hit_id)["HIT"]["HITStatus"] == "Reviewable"


@scenario
def update_hit_type_of_hit(w: World) -> None:
    hit_id = w.hit()
    type_id = w.client.create_hit_type(
        Title="Renamed", Description="New type.", Reward="0.75", AssignmentDurationInSeconds=900
    )["HITTypeId"]
    w.client.update_hit_type_of_hit(HITId=hit_id, HITTypeId=type_id)
    hit = w.client.get_hit(HITId=hit_id)["HIT"]
    assert (hit["HITTypeId"], hit["Title"], hit["Reward"]) == (type_id, "Renamed", "0.75")


@scenario
def update_notification_settings(w: World) -> None:
    hit_id = w.hit()
    type_id = w.client.get_hit(HITId=hit_id)["HIT"]["HITTypeId"]
    w.client.update_notification_settings(HITTypeId=type_id, Notification=NOTIFICATION)
    w.client.update_notification_settings(HITTypeId=type_id, Active=False)
    hit_type = w.fake.marketplace(sandbox=True).hit_types[type_id]
    assert (hit_type.notification, hit_type.notification_active) == (NOTIFICATION, False)


@scenario
def update_qualification_type(w: World) -> None:
    type_id = w.qualification_type()
    updated = w.client.update_qualification_type(
        QualificationTypeId=type_id,
        Description="Took part in the 2026 pilot.",
        QualificationTypeStatus="Inactive",
        RetryDelayInSeconds=60,
    )["QualificationType"]
    assert (updated["Description"], updated["QualificationTypeStatus"]) == (
        "Took part in the 2026 pilot.",
        "Inactive",
    )
    assert updated["Name"] == "Pilot"


# --- the tests -----------------------------------------------------------------


def _recording(client: MTurkClient, bodies: dict[str, list[Any]]) -> None:
    def record(operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
        if response_dict["status_code"] == 200:
            body = json.loads(response_dict["body"] or b"{}")
            bodies.setdefault(operation_model.name, []).append(body)

    client.meta.events.register("before-parse.mturk", record, unique_id="recording")


@pytest.fixture
def world(mturk_fake: MTurkFake) -> Iterator[World]:
    w = World(mturk_client(), mturk_fake)
    _recording(w.client, w.bodies)
    yield w
    w.client.meta.events.unregister("before-parse.mturk", unique_id="recording")


def test_every_operation_has_a_scenario() -> None:
    assert len(OPERATIONS) == 39
    assert sorted(SCENARIOS) == sorted(OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_operation_answers_in_its_output_shape(world: World, operation: str) -> None:
    SCENARIOS[operation](world)
    assert world.bodies.get(operation), f"the {operation} scenario never called {operation}"
    output = SERVICE.operation_model(operation).output_shape
    for body in world.bodies[operation]:
        check_wire(output, body, operation, set())


# Members of the output shapes that no answer of the emulator carries: review
# policy results (it runs no review policies), money on hold, and a worker's
# locale. (Every list with results carries a NextToken: ledger pagination.token-on-every-page.)
NEVER_SENT = {
    "ListReviewPolicyResultsForHITResponse.NextToken",  # one HIT's results: never a second page
    "GetAccountBalanceResponse.OnHoldBalance",
    "Qualification.LocaleValue",
    *(f"ReviewActionDetail.{m}" for m in SERVICE.shape_for("ReviewActionDetail").members),
    *(f"ReviewResultDetail.{m}" for m in SERVICE.shape_for("ReviewResultDetail").members),
}


def _member_paths() -> set[str]:
    paths: set[str] = set()

    def walk(shape: Shape) -> None:
        if isinstance(shape, StructureShape):
            for name, member in shape.members.items():
                path = f"{shape.name}.{name}"
                if path not in paths:
                    paths.add(path)
                    walk(member)
        elif isinstance(shape, ListShape):
            walk(shape.member)

    for operation in OPERATIONS:
        walk(SERVICE.operation_model(operation).output_shape)
    return paths


def test_all_scenarios_together_send_every_member_of_every_output_shape() -> None:
    seen: set[str] = set()
    client = mturk_client()  # one client serves every emulator started after it
    for run in SCENARIOS.values():
        with emulator() as fake:
            w = World(client, fake)
            _recording(client, w.bodies)
            run(w)
            client.meta.events.unregister("before-parse.mturk", unique_id="recording")
        for operation, bodies in w.bodies.items():
            for body in bodies:
                check_wire(SERVICE.operation_model(operation).output_shape, body, operation, seen)
    assert _member_paths() - seen == NEVER_SENT


# --- the emulator's own check, on results and on requests --------------------------

HIT_SHAPE = SERVICE.shape_for("HIT")
GET_HIT = SERVICE.operation_model("GetHIT").output_shape


@pytest.mark.parametrize(
    ("shape", "value", "complaint"),
    [
        (GET_HIT, [], "X: expected a structure, got []"),
        (
            GET_HIT,
            {"HIT": {"HITId": "3X", "Colour": "red"}},
            "X.HIT: unknown members {'Colour'}, missing members set()",
        ),
        (
            SERVICE.operation_model("CreateHIT").input_shape,
            {"Title": "t", "Description": "d", "Reward": "1.00", "LifetimeInSeconds": 60},
            "X: unknown members set(), missing members {'AssignmentDurationInSeconds'}",
        ),
        (
            HIT_SHAPE,
            {"QualificationRequirements": {}},
            "X.QualificationRequirements: expected a list, got {}",
        ),
        (HIT_SHAPE, {"MaxAssignments": "1"}, "X.MaxAssignments: expected integer, got '1'"),
        (HIT_SHAPE, {"MaxAssignments": True}, "X.MaxAssignments: expected integer, got True"),
        (HIT_SHAPE, {"HITId": 3}, "X.HITId: expected string, got 3"),
        (
            HIT_SHAPE,
            {"CreationTime": "2026-01-01"},
            "X.CreationTime: expected timestamp, got '2026-01-01'",
        ),
        (
            HIT_SHAPE,
            {"HITStatus": "Gone"},
            "X.HITStatus: 'Gone' is not one of ['Assignable', 'Unassignable', 'Reviewable', "
            "'Reviewing', 'Disposed']",
        ),
        (
            HIT_SHAPE,
            {"QualificationRequirements": [{"QualificationTypeId": "3Q"}]},
            "X.QualificationRequirements[0]: unknown members set(), "
            "missing members {'Comparator'}",
        ),
    ],
)
def test_check_shape_rejects_what_does_not_fit(shape: Shape, value: Any, complaint: str) -> None:
    with pytest.raises(TypeError) as raised:
        check_shape(shape, value, "X")
    assert str(raised.value) == complaint


def test_check_shape_accepts_what_fits() -> None:
    value = {
        "HITId": "3X",
        "MaxAssignments": 2,
        "HITStatus": "Assignable",
        "CreationTime": datetime.now(UTC),
        "Keywords": None,  # absent, as the serializer leaves it out
        "QualificationRequirements": [
            {"QualificationTypeId": "3Q", "Comparator": "Exists", "RequiredToPreview": False}
        ],
    }
    check_shape(HIT_SHAPE, value, "HIT")


@pytest.mark.evidence("validation.model-constraints", "validation.model-required")
def test_requests_are_checked_against_the_model(mturk_fake: MTurkFake) -> None:
    # Changed from RequestError: the real service answered the model's constraints with
    # ValidationException (Dallinger/Dallinger#1052; boto/boto3#1223 for a missing member).
    client = mturk_client()
    with pytest.raises(ClientError) as raised:
        client.list_reviewable_hits(Status="Done")  # type: ignore[arg-type]
    assert raised.value.response["Error"] == {
        "Code": "ValidationException",
        "Message": "1 validation error detected: Value 'Done' at 'status' failed to satisfy "
        "constraint: Member must satisfy enum value set: [Reviewable, Reviewing]",
    }
    # Without botocore's own checks, the emulator still refuses what the model forbids.
    unchecked = mturk_client(config=Config(parameter_validation=False))
    with pytest.raises(ClientError, match=re.escape("Value null at 'title' failed to satisfy")):
        unchecked.create_hit(**{k: v for k, v in hit_args().items() if k != "Title"})
    assert client.list_hits()["NumResults"] == 0
