"""dallinger 12.4.0's ``MTurkService``, unmodified, against the emulator.

``MTurkService`` makes its own boto3 session and client from the key, secret and
region it is given, for the sandbox or production host. In process that is all it
needs; for the local server a subclass changes ``host``, the one property that
names the endpoint. What each test checks afterwards it reads back with boto3.
"""

from __future__ import annotations

from typing import Any

import pytest
from dallinger.mturk import (
    MTurkQualificationRequirements,
    MTurkService,
    MTurkServiceException,
    RevokedQualification,
    WorkerLacksQualification,
)

from mturk_emulator import WorkerCannotAccept
from mturk_emulator.environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from tests.conformance.conftest import ANSWER, EXTERNAL_QUESTION, OTHER_WORKER, WORKER, Endpoint


def service(endpoint: Endpoint, *, key: tuple[str, str] | None = None) -> MTurkService:
    key_id, secret = key or (ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY)
    if endpoint.server_url is None:
        return MTurkService(key_id, secret, "us-east-1", sandbox=True)

    class LocalMTurkService(MTurkService):
        host = endpoint.sandbox_url

    return LocalMTurkService(key_id, secret, "us-east-1", sandbox=True)


def create_hit(mturk: MTurkService, **overrides: Any) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "experiment_id": "exp-1",
        "title": "A short study",
        "description": "Answer three questions.",
        "keywords": ["study", "survey"],
        "reward": 0.5,
        "duration_hours": 0.25,
        "lifetime_days": 1,
        "question": EXTERNAL_QUESTION,
        "max_assignments": 2,
        "qualifications": [],
        "do_subscribe": False,  # SNS notifications: not part of MTurk
    }
    hit: dict[str, Any] = mturk.create_hit(**{**settings, **overrides})
    return hit


def test_balance_and_credentials(endpoint: Endpoint) -> None:
    mturk = service(endpoint)
    assert mturk.account_balance() == 10000.0  # the sandbox's (AWS "Using the sandbox")
    assert mturk.check_credentials() is True


def test_unknown_key_is_invalid_credentials(endpoint: Endpoint) -> None:
    mturk = service(
        endpoint, key=("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")
    )
    with pytest.raises(MTurkServiceException, match="Invalid AWS credentials"):
        mturk.check_credentials()


def test_create_list_extend_and_expire_hit(endpoint: Endpoint) -> None:
    mturk = service(endpoint)
    hit = create_hit(mturk, annotation="exp-1 batch 1")
    assert (hit["status"], hit["reward"], hit["max_assignments"]) == ("Assignable", 0.5, 2)
    assert hit["annotation"] == "exp-1 batch 1"
    assert [h["id"] for h in mturk.get_hits()] == [hit["id"]]
    assert list(mturk.get_hits(lambda h: h["annotation"] == "other")) == []

    extended = mturk.extend_hit(hit["id"], number=3, duration_hours=2)
    assert extended["max_assignments"] == 5
    assert extended["expiration"] > hit["expiration"]

    assert mturk.expire_hit(hit["id"]) is True
    assert mturk.get_hit(hit["id"])["status"] == "Reviewable"


def test_submitted_work_is_read_and_bonused(endpoint: Endpoint) -> None:
    mturk = service(endpoint)
    hit = create_hit(mturk)
    assignment_id = endpoint.fake.submit_assignment(hit["id"], WORKER, ANSWER)
    got = mturk.get_assignment(assignment_id)
    assert (got["id"], got["hit_id"], got["worker_id"]) == (assignment_id, hit["id"], WORKER)
    assert mturk.grant_bonus(assignment_id, 0.25, "Thank you") is True
    client = endpoint.client()
    bonuses = client.list_bonus_payments(HITId=hit["id"])["BonusPayments"]
    assert [(b["WorkerId"], b["BonusAmount"]) for b in bonuses] == [(WORKER, "0.25")]


def test_unknown_assignment_is_none(endpoint: Endpoint) -> None:
    # dallinger looks for "does not exist" in the error message.
    assert service(endpoint).get_assignment("3" + "Z" * 29) is None


@pytest.mark.xfail(
    strict=True,
    raises=MTurkServiceException,
    reason=(
        "Auto-approval with delay 0: dallinger registers every HIT type with "
        "AutoApprovalDelayInSeconds=0 and approves each assignment after it is submitted. "
        "The emulator approves at once at delay 0 (AutoApprovalTime = SubmitTime + delay, "
        "AWS 'Retrieving results'), so ApproveAssignment then finds it Approved. Whether "
        "MTurk approved before a requester could is not documented; dallinger swallows "
        "the error (recruiters.MTurkRecruiter.approve_hit), so its use proves nothing."
    ),
)
def test_approve_submitted_assignment(endpoint: Endpoint) -> None:
    mturk = service(endpoint)
    hit = create_hit(mturk)
    assignment_id = endpoint.fake.submit_assignment(hit["id"], WORKER, ANSWER)
    assert mturk.approve_assignment(assignment_id) is True


def test_qualification_lifecycle(endpoint: Endpoint) -> None:
    mturk = service(endpoint)
    qtype = mturk.create_qualification_type("returning", "Took part before")
    assert (qtype["name"], qtype["status"]) == ("returning", "Active")
    assert mturk.get_qualification_type_by_name("returning")["id"] == qtype["id"]
    with pytest.raises(MTurkServiceException):
        mturk.create_qualification_type("returning", "a second one")  # names are unique

    assert mturk.assign_qualification(qtype["id"], WORKER, 7) is True
    assert mturk.increment_qualification_score(qtype["id"], WORKER)["score"] == 8
    assert mturk.current_qualification_score(qtype["id"], WORKER) == 8
    assert mturk.assign_named_qualification("returning", OTHER_WORKER, 1) is True
    workers = sorted(mturk.get_workers_with_qualification(qtype["id"]), key=lambda w: w["id"])
    assert workers == [{"id": WORKER, "score": 8}, {"id": OTHER_WORKER, "score": 1}]

    assert mturk.revoke_qualification(qtype["id"], WORKER, "Study over") is True
    assert [w["id"] for w in mturk.get_workers_with_qualification(qtype["id"])] == [OTHER_WORKER]
    # dallinger tells a revoked qualification from a missing one by the error text.
    with pytest.raises((RevokedQualification, WorkerLacksQualification)):
        mturk.current_qualification_score(qtype["id"], WORKER)
    assert mturk.current_named_qualification_score("returning", WORKER)["score"] is None
    assert mturk.increment_named_qualification_score("returning", WORKER)["score"] == 1
    assert mturk.dispose_qualification_type(qtype["id"]) is True


def test_qualification_requirement_from_dallinger(endpoint: Endpoint) -> None:
    mturk = service(endpoint)
    qtype = mturk.create_qualification_type("already-did-it", "Excluded")
    mturk.assign_qualification(qtype["id"], WORKER, 1)
    requirement = MTurkQualificationRequirements.must_not_have(qtype["id"])
    hit = create_hit(mturk, qualifications=[requirement])
    with pytest.raises(WorkerCannotAccept, match="qualification"):
        endpoint.fake.accept_hit(hit["id"], WORKER)
    assert endpoint.fake.accept_hit(hit["id"], OTHER_WORKER)
