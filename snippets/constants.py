"""Facts the guide, the emulator and the doctor share.

Every page that states one of these values is checked against this module by
``tests/test_constants.py``; change a value here and the prose must follow.
"""

from __future__ import annotations

from datetime import date
from typing import Final

GUIDE_URL: Final = "http://127.0.0.1:8000/"
"""Where the guide lives: the address ``uv run mkdocs serve`` uses. Readers can pass
``--guide-url`` to the doctor, or set ``MTURK_GUIDE_URL``, to point at a hosted copy."""

REGION: Final = "us-east-1"
"""MTurk's API exists in this AWS region only."""

SANDBOX_ENDPOINT: Final = "https://mturk-requester-sandbox.us-east-1.amazonaws.com"
PRODUCTION_ENDPOINT: Final = "https://mturk-requester.us-east-1.amazonaws.com"

SANDBOX_REQUESTER_SITE: Final = "https://requestersandbox.mturk.com"
PRODUCTION_REQUESTER_SITE: Final = "https://requester.mturk.com"
SANDBOX_DEVELOPER_PAGE: Final = "https://requestersandbox.mturk.com/developer"
PRODUCTION_DEVELOPER_PAGE: Final = "https://requester.mturk.com/developer"
SANDBOX_WORKER_SITE: Final = "https://workersandbox.mturk.com"
PRODUCTION_WORKER_SITE: Final = "https://worker.mturk.com"

SANDBOX_BALANCE: Final = "10000.00"
"""What ``GetAccountBalance`` always reports in the sandbox."""

IAM_ACTION_PREFIX: Final = "mechanicalturk:"
"""MTurk's prefix in IAM policies (not the API's signing name, ``mturk-requester``)."""

FULL_ACCESS_POLICY: Final = "AmazonMechanicalTurkFullAccess"
READ_ONLY_POLICY: Final = "AmazonMechanicalTurkReadOnly"
FULL_ACCESS_POLICY_ARN: Final = f"arn:aws:iam::aws:policy/{FULL_ACCESS_POLICY}"
READ_ONLY_POLICY_ARN: Final = f"arn:aws:iam::aws:policy/{READ_ONLY_POLICY}"

COMMISSION_RATE: Final = "0.20"
"""MTurk's fee on rewards and bonuses."""
LARGE_HIT_EXTRA_RATE: Final = "0.20"
"""The extra fee on HITs with at least ``LARGE_HIT_ASSIGNMENTS`` assignments."""
LARGE_HIT_ASSIGNMENTS: Final = 10

SERVICE_CLOSED_ON: Final = date(2026, 9, 30)
SERVICE_STATUS_SOURCE: Final = (
    "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMturkAPI/Welcome.html"
)
SERVICE_HELP_PAGE: Final = "https://www.mturk.com/help"
SERVICE_STATUS: Final = (
    "Amazon Mechanical Turk permanently closed on "
    f"{SERVICE_CLOSED_ON:%B} {SERVICE_CLOSED_ON.day}, {SERVICE_CLOSED_ON.year}, "
    "as announced in AWS's MTurk documentation. "
    "This guide is kept as a runnable record of the setup: "
    "every API step runs on your own computer against a local emulator, "
    "with no AWS account."
)
