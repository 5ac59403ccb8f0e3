"""Fixtures of the emulator's own tests: clients signed with the root key.

MTurk refused worker ids it did not know in an environment (ledger
``workers.unknown-worker``), so both fixtures also sign up the tests' usual
worker, ``WORKER``, in their environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from mturk_emulator import MTurkFake
from tests.emulator.support import WORKER, mturk_client

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient
    from playwright.sync_api import Browser, BrowserType

# Pages handed over by Playwright cannot be told apart by network, and Chromium would
# block their calls to this computer before any reached the server (Local Network
# Access). Off: the server's own answers (CORS, the worker site's) are what is tested.
LOCAL_NETWORK_CHECKS_OFF = (
    "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,"
    "BlockInsecurePrivateNetworkRequests"
)


@pytest.fixture(scope="module")
def chromium(browser_type: BrowserType) -> Iterator[Browser]:
    """Debian's Chromium, started by pytest-playwright's Playwright (one per test module)."""
    from tests.site.browser_support import CHROMIUM_ARGS, chromium_executable  # browser only

    launched = browser_type.launch(
        executable_path=chromium_executable(), args=[*CHROMIUM_ARGS, LOCAL_NETWORK_CHECKS_OFF]
    )
    yield launched
    launched.close()


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
