"""``mock_mturk`` as a context manager and a decorator, and the controller's workers."""

from __future__ import annotations

import unittest
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.core.models import botocore_stubber

from mturk_emulator import MockMTurk, MTurkFake, WorkerCannotAccept, mock_mturk
from mturk_emulator.constants import SANDBOX_ENDPOINT
from tests.emulator.support import ANSWER, QUESTION, WORKER

UNKNOWN_KEY = {
    "aws_access_key_id": "AKIAI44QH8DHBEXAMPLE",
    "aws_secret_access_key": "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
}


def sandbox(**keys: str) -> object:
    return boto3.client("mturk", region_name="us-east-1", endpoint_url=SANDBOX_ENDPOINT, **keys)


def new_hit(mturk: object) -> str:
    hit = mturk.create_hit(
        Title="t",
        Description="d",
        Reward="0.10",
        AssignmentDurationInSeconds=600,
        LifetimeInSeconds=3600,
        MaxAssignments=2,
        Question=QUESTION,
    )
    hit_id: str = hit["HIT"]["HITId"]
    return hit_id


def hit_count() -> int:
    hits: list[object] = sandbox().list_hits()["HITs"]
    return len(hits)


def test_with_block_yields_the_controls() -> None:
    with mock_mturk() as mturk_fake:
        assert isinstance(mturk_fake, MTurkFake)
        mturk_fake.set_prepaid_balance("12.50")
        production = boto3.client("mturk", region_name="us-east-1")
        assert production.get_account_balance()["AvailableBalance"] == "12.50"


def test_a_block_enforces_authorization_unless_told(tmp_path: Path) -> None:
    with mock_mturk(), pytest.raises(ClientError, match="security token"):
        sandbox(**UNKNOWN_KEY).get_account_balance()
    with mock_mturk(enforce_authorization=False, aws_folder=tmp_path / "aws"):
        assert sandbox(**UNKNOWN_KEY).get_account_balance()


def test_one_mock_can_be_entered_again_and_nested() -> None:
    mock = mock_mturk()
    assert isinstance(mock, MockMTurk)
    with mock:
        new_hit(sandbox())
        assert hit_count() == 1
    with mock:
        assert hit_count() == 0  # a brand-new account each time


@mock_mturk
def counted_hits_after_creating_one() -> int:
    new_hit(sandbox())
    return hit_count()


def test_decorated_function_gets_a_new_emulator_per_call() -> None:
    assert counted_hits_after_creating_one() == 1
    assert counted_hits_after_creating_one() == 1
    assert counted_hits_after_creating_one.__name__ == "counted_hits_after_creating_one"


@mock_mturk
def test_decorated_test_function_keeps_its_fixtures(tmp_path: Path) -> None:
    assert tmp_path.is_dir()
    MTurkFake().set_prepaid_balance("3.00")
    production = boto3.client("mturk", region_name="us-east-1")
    assert production.get_account_balance()["AvailableBalance"] == "3.00"


@mock_mturk(enforce_authorization=False)
class TestDecoratedClass:
    helper_ran = False

    def helper(self) -> None:  # not a test: not wrapped
        TestDecoratedClass.helper_ran = True

    def test_first(self) -> None:
        new_hit(sandbox(**UNKNOWN_KEY))
        assert hit_count() == 1

    def test_second(self) -> None:
        assert hit_count() == 0
        self.helper()
        assert self.helper_ran


def test_decorated_unittest_case_runs_from_setup_to_cleanup() -> None:
    seen: list[int] = []

    @mock_mturk
    class Study(unittest.TestCase):
        def setUp(self) -> None:
            self.hit_id = new_hit(sandbox())

        def test_worker_submits(self) -> None:
            MTurkFake().submit_assignment(self.hit_id, WORKER, ANSWER)
            listed = sandbox().list_assignments_for_hit(HITId=self.hit_id)
            seen.append(len(listed["Assignments"]))

        def test_again_fresh(self) -> None:
            seen.append(hit_count())

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Study).run(result)
    assert (result.testsRun, result.errors, result.failures) == (2, [], [])
    assert sorted(seen) == [1, 1]
    assert not botocore_stubber.enabled  # the emulator stopped with the cleanups


def test_generators_and_coroutines_are_refused() -> None:
    def numbers() -> object:
        yield 1

    async def later() -> None:
        pass

    for target in (numbers, later):
        with pytest.raises(TypeError, match="use a with block"):
            mock_mturk(target)


def test_return_assignment_makes_it_available_again(mturk_fake: MTurkFake) -> None:
    mturk = sandbox()
    hit_id = new_hit(mturk)
    mturk_fake.accept_hit(hit_id, WORKER)
    hit = mturk.get_hit(HITId=hit_id)["HIT"]
    assert (hit["NumberOfAssignmentsPending"], hit["NumberOfAssignmentsAvailable"]) == (1, 1)
    mturk_fake.return_assignment(hit_id, WORKER)
    # botocore model, HIT.NumberOfAssignmentsPending: "accepted by Workers, but have
    # not yet been submitted, returned, or abandoned".
    hit = mturk.get_hit(HITId=hit_id)["HIT"]
    assert (hit["NumberOfAssignmentsPending"], hit["NumberOfAssignmentsAvailable"]) == (0, 2)
    assert mturk.list_assignments_for_hit(HITId=hit_id)["Assignments"] == []
    mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)  # the HIT can be taken again
    with pytest.raises(WorkerCannotAccept, match="no accepted assignment"):
        mturk_fake.return_assignment(hit_id, WORKER)  # submitted: too late to return
