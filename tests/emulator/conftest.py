"""Fixtures of the emulator's own tests: clients signed with the root key.

MTurk refused worker ids it did not know in an environment (ledger
``workers.unknown-worker``), so both fixtures also sign up the tests' usual
worker, ``WORKER``, in their environment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mturk_emulator import MTurkFake
from tests.emulator.support import WORKER, mturk_client

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient


@pytest.fixture
def mturk_sandbox(aws: MTurkFake) -> MTurkClient:
    """A sandbox client signed with the account's root key."""
    aws.add_worker(WORKER, sandbox=True)
    return mturk_client()


@pytest.fixture
def mturk_production(aws: MTurkFake) -> MTurkClient:
    """A production client signed with the account's root key."""
    aws.add_worker(WORKER, sandbox=False)
    return mturk_client(sandbox=False)
