"""mephisto 1.1.1's MTurk functions (``mturk_utils``), unmodified, against the emulator.

Each function takes a boto3 client; the only change from mephisto's own use is that
the client points at the emulator. What each test checks afterwards it reads back
with plain boto3, so a function that swallows errors (``approve_work`` does) cannot
pass by doing nothing.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from botocore.exceptions import ClientError
from mephisto.abstractions.providers.mturk import mturk_utils

from mturk_emulator import WorkerCannotAccept
from tests.conformance.conftest import ANSWER, OTHER_WORKER, WORKER, Endpoint

TASK = SimpleNamespace(
    task_title="Rate a sentence",
    task_description="Read one sentence and rate it.",
    task_tags=["rating", "text"],
    task_reward=0.3,
    assignment_duration_in_seconds=600,
)


def launch(client: object, assignments: int = 2) -> tuple[str, str]:
    """mephisto's launch path: a HIT type, then a HIT of that type; (type id, HIT id)."""
    type_id = mturk_utils.create_hit_type(
        client, TASK, qualifications=[], auto_approve_delay=3600, skip_locale_qual=True
    )
    _, hit_id, _ = mturk_utils.create_hit_with_hit_type(
        client, 600, "https://example.com/task?a=1&b=2", type_id, assignments
    )
    return type_id, hit_id


def test_balance_sandbox_and_production(endpoint: Endpoint) -> None:
    # Sandbox balance: AWS "Using the sandbox" (constants.SANDBOX_BALANCE).
    assert mturk_utils.get_requester_balance(endpoint.client()) == 10000.0
    endpoint.fake.set_prepaid_balance("25.00")
    assert mturk_utils.get_requester_balance(endpoint.client(sandbox=False)) == 25.0


def test_client_is_sandbox_reads_the_endpoint(endpoint: Endpoint) -> None:
    # mephisto decides "sandbox" by comparing the endpoint with MTurk's sandbox URL,
    # so a client of the local server counts as live (it then adds a locale rule
    # to HIT types unless skip_locale_qual=True, as launch() passes).
    assert mturk_utils.client_is_sandbox(endpoint.client()) is (endpoint.server_url is None)


def test_create_and_get_hit(endpoint: Endpoint) -> None:
    client = endpoint.client()
    type_id, hit_id = launch(client)
    hit = mturk_utils.get_hit(client, hit_id)["HIT"]
    assert (hit["HITTypeId"], hit["MaxAssignments"]) == (type_id, 2)
    assert Decimal(hit["Reward"]) == Decimal("0.3")  # mephisto sends str(0.3)
    assert "https://example.com/task?a=1&amp;b=2" in hit["Question"]
    assert hit["HITStatus"] == "Assignable"


def test_get_hit_of_unknown_id_is_logged_not_raised(endpoint: Endpoint) -> None:
    assert mturk_utils.get_hit(endpoint.client(), "3" + "X" * 29) == {}


def test_expire_hit(endpoint: Endpoint) -> None:
    client = endpoint.client()
    _, hit_id = launch(client)
    mturk_utils.expire_hit(client, hit_id)  # ExpireAt 2015-01-01: "expires instantly"
    hit = client.get_hit(HITId=hit_id)["HIT"]
    assert hit["HITStatus"] == "Reviewable"
    with pytest.raises(WorkerCannotAccept):
        endpoint.fake.accept_hit(hit_id, WORKER)


# pagination.token-on-every-page: mephisto's get_outstanding_hits loops
# 'while HITs: list_hits(NextToken=page["NextToken"])', as the real service allowed.
@pytest.mark.evidence("pagination.token-on-every-page")
def test_outstanding_hits_by_type(endpoint: Endpoint) -> None:
    client = endpoint.client()
    type_id, first = launch(client)
    _, second = launch(client)
    outstanding = mturk_utils.get_outstanding_hits(client)
    assert sorted(hit["HITId"] for hit in outstanding[type_id]) == sorted([first, second])


def test_review_approve_reject_and_bonus(endpoint: Endpoint) -> None:
    client = endpoint.client()
    _, hit_id = launch(client)
    approved = endpoint.fake.submit_assignment(hit_id, WORKER, ANSWER)
    rejected = endpoint.fake.submit_assignment(hit_id, OTHER_WORKER, ANSWER)
    listed = mturk_utils.get_assignments_for_hit(client, hit_id)
    assert sorted(a["AssignmentId"] for a in listed) == sorted([approved, rejected])
    assert {a["AssignmentStatus"] for a in listed} == {"Submitted"}

    mturk_utils.approve_work(client, approved)
    mturk_utils.reject_work(client, rejected, "The answer was blank.")
    status = mturk_utils.get_assignment(client, approved)["Assignment"]["AssignmentStatus"]
    assert status == "Approved"
    got = mturk_utils.get_assignment(client, rejected)["Assignment"]
    assert (got["AssignmentStatus"], got["RequesterFeedback"]) == (
        "Rejected",
        "The answer was blank.",
    )
    # approve_work logs and swallows the error of approving twice.
    mturk_utils.approve_work(client, approved)

    paid = mturk_utils.pay_bonus(client, WORKER, 0.25, approved, "Thank you", "bonus-1")
    assert paid is True
    bonuses = client.list_bonus_payments(AssignmentId=approved)["BonusPayments"]
    assert [(b["WorkerId"], b["BonusAmount"]) for b in bonuses] == [(WORKER, "0.25")]


def test_approve_assignments_for_hit(endpoint: Endpoint) -> None:
    client = endpoint.client()
    _, hit_id = launch(client)
    endpoint.fake.submit_assignment(hit_id, WORKER, ANSWER)
    endpoint.fake.submit_assignment(hit_id, OTHER_WORKER, ANSWER)
    mturk_utils.approve_assignments_for_hit(client, hit_id)
    statuses = {
        a["AssignmentStatus"] for a in client.list_assignments_for_hit(HITId=hit_id)["Assignments"]
    }
    assert statuses == {"Approved"}


def test_bonus_refused_without_funds_in_production(endpoint: Endpoint) -> None:
    client = endpoint.client(sandbox=False)
    endpoint.fake.set_prepaid_balance("1.00")
    _, hit_id = launch(client, assignments=1)
    assignment = endpoint.fake.submit_assignment(hit_id, WORKER, ANSWER)
    mturk_utils.approve_work(client, assignment)
    # mephisto checks the balance itself first (bonus + 20% fee, at least $0.01).
    assert mturk_utils.pay_bonus(client, WORKER, 5.0, assignment, "Thanks", "bonus-2") is False
    assert client.list_bonus_payments(AssignmentId=assignment)["BonusPayments"] == []


@pytest.mark.evidence("qualifications.revoke-keeps-record")
def test_qualifications(endpoint: Endpoint) -> None:
    client = endpoint.client()
    qual_id = mturk_utils.find_or_create_qualification(client, "rated-before", "Took part")
    assert qual_id is not None
    # Found again by name (ListQualificationTypes with Query), not created twice.
    assert mturk_utils.find_or_create_qualification(client, "rated-before", "again") == qual_id
    assert mturk_utils.find_qualification(client, "rated-before") == (True, qual_id)

    mturk_utils.give_worker_qualification(client, WORKER, qual_id, value=3)
    score = client.get_qualification_score(QualificationTypeId=qual_id, WorkerId=WORKER)
    assert score["Qualification"]["IntegerValue"] == 3
    mturk_utils.remove_worker_qualification(client, WORKER, qual_id, reason="Study over")
    # qualifications.revoke-keeps-record: ListWorkersWithQualificationType "returns all
    # of the Workers that have been associated with a given Qualification type" (botocore
    # model); a revoked one stays on record with the status Revoked.
    workers = client.list_workers_with_qualification_type(QualificationTypeId=qual_id)
    assert [(q["WorkerId"], q["Status"]) for q in workers["Qualifications"]] == [
        (WORKER, "Revoked")
    ]
    granted = client.list_workers_with_qualification_type(
        QualificationTypeId=qual_id, Status="Granted"
    )
    assert granted["Qualifications"] == []
    mturk_utils.delete_qualification(client, qual_id)
    assert mturk_utils.find_qualification(client, "rated-before") == (True, None)


def test_qualification_requirement_keeps_out_other_workers(endpoint: Endpoint) -> None:
    client = endpoint.client()
    qual_id = mturk_utils.find_or_create_qualification(client, "trained", "Passed training")
    assert qual_id is not None
    mturk_utils.give_worker_qualification(client, WORKER, qual_id)
    type_id = mturk_utils.create_hit_type(
        client,
        TASK,
        qualifications=[
            {"QualificationTypeId": qual_id, "Comparator": "Exists", "ActionsGuarded": "Accept"}
        ],
        skip_locale_qual=True,
    )
    _, hit_id, _ = mturk_utils.create_hit_with_hit_type(
        client, 600, "https://example.com", type_id
    )
    with pytest.raises(WorkerCannotAccept):
        endpoint.fake.accept_hit(hit_id, OTHER_WORKER)
    assert endpoint.fake.accept_hit(hit_id, WORKER)


def test_block_and_unblock(endpoint: Endpoint) -> None:
    client = endpoint.client()
    _, hit_id = launch(client)
    mturk_utils.block_worker(client, WORKER, "Answers were random.")
    assert mturk_utils.is_worker_blocked(client, WORKER) is True
    with pytest.raises(WorkerCannotAccept):
        endpoint.fake.accept_hit(hit_id, WORKER)
    mturk_utils.unblock_worker(client, WORKER, "Blocked by mistake.")
    assert mturk_utils.is_worker_blocked(client, WORKER) is False
    assert endpoint.fake.accept_hit(hit_id, WORKER)


def test_email_worker(endpoint: Endpoint) -> None:
    client = endpoint.client()
    _, hit_id = launch(client)
    mturk_utils.approve_work(client, endpoint.fake.submit_assignment(hit_id, WORKER, ANSWER))
    assert mturk_utils.email_worker(client, WORKER, "Thanks", "Thank you for taking part.") == (
        True,
        "",
    )
    sent = [n for n in endpoint.fake.notifications() if n["kind"] == "Email"]
    assert [(n["WorkerId"], n["Subject"]) for n in sent] == [(WORKER, "Thanks")]
    ok, message = mturk_utils.email_worker(client, OTHER_WORKER, "Hello", "Never worked for us")
    assert ok is False
    assert OTHER_WORKER in message


def test_errors_reach_the_caller_as_client_errors(endpoint: Endpoint) -> None:
    with pytest.raises(ClientError, match="does not exist"):
        mturk_utils.get_assignment(endpoint.client(), "3" + "Y" * 29)
