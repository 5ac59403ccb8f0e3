"""Fixtures of the emulator's own tests: clients signed with the root key."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mturk_emulator import MTurkFake
from tests.emulator.support import mturk_client

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient


@pytest.fixture
def mturk_sandbox(aws: MTurkFake) -> MTurkClient:
    """A sandbox client signed with the account's root key."""
    return mturk_client()


@pytest.fixture
def mturk_production(aws: MTurkFake) -> MTurkClient:
    """A production client signed with the account's root key."""
    return mturk_client(sandbox=False)
