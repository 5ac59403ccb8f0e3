"""Every operation is atomic against every other on the same account (``MTurkBackend.lock``).

Each race runs many trials: in process with the interpreter switching threads every
microsecond (``sys.setswitchinterval(1e-6)``), where main without the lock gave two
HITs for one token, the last slot of a HIT to two workers, and a bonus paid twice;
and over a real server, whose threads serve requests at the same time. Without the
lock, 300 trials in process gave duplicates in three of the races (tokens, last
slot, bonus). The gate runs 200 trials of each race in process and 50 over the
server (about 6 s); ``RACE_TRIALS=1000`` runs 1,000 of every one (about 35 s).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError

from mturk_emulator import MTurkFake, server
from tests.emulator.support import ANSWER, hit_args, mturk_client

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

TRIALS = int(os.environ.get("RACE_TRIALS", "200"))
SERVER_TRIALS = int(os.environ.get("RACE_TRIALS", "50"))
pytestmark = pytest.mark.slow


def together(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released at the same moment; each one's result or error."""
    results: list[Any] = [None] * len(calls)
    gate = threading.Barrier(len(calls))

    def run(index: int, call: Callable[[], Any]) -> None:
        gate.wait()
        try:
            results[index] = call()
        except Exception as error:  # what the call raised is its outcome
            results[index] = error

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def refused(results: list[Any]) -> list[str]:
    return [r.response["Error"]["Code"] for r in results if isinstance(r, ClientError)]


@pytest.fixture
def switching() -> Iterator[None]:
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def token_race(mturk: MTurkClient, trials: int) -> None:
    for trial in range(trials):
        args = hit_args(UniqueRequestToken=f"t{trial}")
        results = together(*[lambda: mturk.create_hit(**args)] * 2)  # noqa: B023
        assert refused(results) == ["RequestError"], results
    assert len(mturk.get_paginator("list_hits").paginate().build_full_result()["HITs"]) == trials


def last_slot_race(mturk: MTurkClient, fake: MTurkFake, trials: int) -> None:
    for _ in range(trials):
        hit_id = mturk.create_hit(**hit_args(MaxAssignments=1))["HIT"]["HITId"]
        results = together(
            lambda: fake.submit_assignment(hit_id, "A1RACER", ANSWER),  # noqa: B023
            lambda: fake.submit_assignment(hit_id, "A2RACER", ANSWER),  # noqa: B023
        )
        assert sum(isinstance(r, str) for r in results) == 1, results
        assert mturk.get_hit(HITId=hit_id)["HIT"]["NumberOfAssignmentsAvailable"] == 0


def bonus_race(mturk: MTurkClient, fake: MTurkFake, trials: int) -> None:
    fake.set_prepaid_balance("100000.00")
    hit_id = mturk.create_hit(**hit_args(Reward="0.10"))["HIT"]["HITId"]
    assignment_id = fake.submit_assignment(hit_id, "A1RACER", ANSWER)
    mturk.approve_assignment(AssignmentId=assignment_id)
    before = fake.prepaid_balance
    for trial in range(trials):
        bonus = {
            "WorkerId": "A1RACER", "BonusAmount": "1.00", "AssignmentId": assignment_id,
            "Reason": "Thanks", "UniqueRequestToken": f"b{trial}",
        }  # fmt: skip
        results = together(*[lambda: mturk.send_bonus(**bonus)] * 2)  # noqa: B023
        assert refused(results) == ["RequestError"], results
    # $1.00 and MTurk's 20% fee, once per token
    assert before - fake.prepaid_balance == Decimal("1.20") * trials
    paid = mturk.list_bonus_payments(AssignmentId=assignment_id, MaxResults=100)
    assert paid["NumResults"] == min(trials, 100)


def balance_race(mturk: MTurkClient, fake: MTurkFake, trials: int) -> None:
    for _ in range(trials):
        fake.set_prepaid_balance("0.12")  # one HIT: $0.10 and the $0.02 fee
        results = together(*[lambda: mturk.create_hit(**hit_args(Reward="0.10"))] * 2)
        assert refused(results) == ["RequestError"], results
        assert fake.prepaid_balance == 0


def qualification_race(mturk: MTurkClient, fake: MTurkFake, trials: int) -> None:
    type_id = mturk.create_qualification_type(
        Name="Race", Description="d", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    for trial in range(trials):
        worker = f"A{trial}RACER"
        request_id = fake.request_qualification(type_id, worker)
        results = together(
            lambda: mturk.accept_qualification_request(QualificationRequestId=request_id),  # noqa: B023
            lambda: mturk.reject_qualification_request(QualificationRequestId=request_id),  # noqa: B023
        )
        assert refused(results) == ["RequestError"], results
    asked = mturk.list_qualification_requests(QualificationTypeId=type_id)
    granted = mturk.list_workers_with_qualification_type(QualificationTypeId=type_id)
    assert (asked["NumResults"], granted["NumResults"] <= min(trials, 100)) == (0, True)


def block_race(mturk: MTurkClient, fake: MTurkFake, trials: int) -> None:
    """Listing blocks while blocks are made and lifted: never an error, never a half state."""
    workers = [f"A{n}BLOCKED" for n in range(trials)]
    fake.add_worker(*workers)
    for worker in workers:
        results = together(
            lambda: mturk.create_worker_block(WorkerId=worker, Reason="r"),  # noqa: B023
            lambda: mturk.list_worker_blocks(MaxResults=100),
        )
        assert not refused(results), results
    listed = mturk.get_paginator("list_worker_blocks").paginate().build_full_result()
    assert sorted(b["WorkerId"] for b in listed["WorkerBlocks"]) == sorted(workers)


@pytest.mark.usefixtures("switching")
def test_one_hit_per_request_token_in_process(aws: MTurkFake) -> None:
    token_race(mturk_client(), TRIALS)


@pytest.mark.usefixtures("switching")
def test_the_last_slot_goes_to_one_worker_in_process(aws: MTurkFake) -> None:
    last_slot_race(mturk_client(), aws, TRIALS)


@pytest.mark.usefixtures("switching")
def test_a_bonus_is_paid_once_per_token_in_process(aws: MTurkFake) -> None:
    bonus_race(mturk_client(sandbox=False), aws, TRIALS)


@pytest.mark.usefixtures("switching")
def test_the_balance_pays_for_one_hit_only_in_process(aws: MTurkFake) -> None:
    balance_race(mturk_client(sandbox=False), aws, TRIALS)


@pytest.mark.usefixtures("switching")
def test_a_qualification_request_is_answered_once_in_process(aws: MTurkFake) -> None:
    qualification_race(mturk_client(), aws, TRIALS)


@pytest.mark.usefixtures("switching")
def test_worker_blocks_listed_while_made_in_process(aws: MTurkFake) -> None:
    block_race(mturk_client(), aws, TRIALS)


@pytest.fixture
def served() -> Iterator[str]:
    with server.serving(port=0) as running:
        yield running.url


def test_races_over_the_server(served: str) -> None:
    fake = MTurkFake()
    fake.add_worker("A1RACER", sandbox=False)
    sandbox = mturk_client(endpoint_url=f"{served}/sandbox")
    production = mturk_client(endpoint_url=f"{served}/production")
    token_race(sandbox, SERVER_TRIALS)
    last_slot_race(sandbox, fake, SERVER_TRIALS)
    bonus_race(production, fake, SERVER_TRIALS)
    balance_race(production, fake, SERVER_TRIALS)
    qualification_race(sandbox, fake, SERVER_TRIALS)
    block_race(sandbox, fake, SERVER_TRIALS)
