"""Facts the guide's pages, its tools and its tests share.

Facts about MTurk itself (endpoints, sites, region, policies, fees) belong to the
emulator, which is built on them: they are re-exported here from
``mturk_emulator.constants`` so that there is one source for each. What is about
the guide (its address, the service-status notice) lives here. Every page that
states one of these values is checked against this module by
``tests/test_constants.py``; change a value and the prose must follow.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Final

from mturk_emulator.constants import (
    COMMISSION_RATE,
    FULL_ACCESS_POLICY,
    FULL_ACCESS_POLICY_ARN,
    IAM_ACTION_PREFIX,
    LARGE_HIT_ASSIGNMENTS,
    LARGE_HIT_EXTRA_RATE,
    MINIMUM_COMMISSION,
    PREPAID_HITS_PAGE,
    PRODUCTION_DEVELOPER_PAGE,
    PRODUCTION_ENDPOINT,
    PRODUCTION_REQUESTER_SITE,
    PRODUCTION_WORKER_SITE,
    READ_ONLY_POLICY,
    READ_ONLY_POLICY_ARN,
    REGION,
    SANDBOX_BALANCE,
    SANDBOX_DEVELOPER_PAGE,
    SANDBOX_ENDPOINT,
    SANDBOX_REQUESTER_SITE,
    SANDBOX_WORKER_SITE,
)

__all__ = [
    "COMMISSION_RATE",
    "FULL_ACCESS_POLICY",
    "FULL_ACCESS_POLICY_ARN",
    "GUIDE_URL",
    "GUIDE_URL_VARIABLE",
    "IAM_ACTION_PREFIX",
    "LARGE_HIT_ASSIGNMENTS",
    "LARGE_HIT_EXTRA_RATE",
    "MINIMUM_COMMISSION",
    "PREPAID_HITS_PAGE",
    "PRODUCTION_DEVELOPER_PAGE",
    "PRODUCTION_ENDPOINT",
    "PRODUCTION_REQUESTER_SITE",
    "PRODUCTION_WORKER_SITE",
    "READ_ONLY_POLICY",
    "READ_ONLY_POLICY_ARN",
    "REGION",
    "SANDBOX_BALANCE",
    "SANDBOX_DEVELOPER_PAGE",
    "SANDBOX_ENDPOINT",
    "SANDBOX_REQUESTER_SITE",
    "SANDBOX_WORKER_SITE",
    "SERVICE_CLOSED_ON",
    "SERVICE_HELP_PAGE",
    "SERVICE_STATUS",
    "SERVICE_STATUS_SHORT",
    "SERVICE_STATUS_SOURCE",
    "guide_url",
]

GUIDE_URL: Final = "https://mturk-setup-guide.github.io/mturk-setup-guide/"
"""Where the guide is published: the address the GitHub Pages workflow deploys to.

This is the one place that holds it. The site build takes its ``site_url`` from here
(``site_content/facts.py``, which ``mkdocs.yml`` calls), and every link
the tools print starts with it. ``MTURK_GUIDE_URL`` (or the doctor's ``--guide-url``)
points both at another copy, such as a lab's mirror."""
GUIDE_URL_VARIABLE: Final = "MTURK_GUIDE_URL"


def guide_url(override: str | None = None) -> str:
    """The guide's address, ending in ``/``: ``override``, else $MTURK_GUIDE_URL, else ours."""
    chosen = override or os.environ.get(GUIDE_URL_VARIABLE, "").strip() or GUIDE_URL
    return chosen.rstrip("/") + "/"


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
SERVICE_STATUS_SHORT: Final = (
    f"MTurk closed on {SERVICE_CLOSED_ON:%B} {SERVICE_CLOSED_ON.day}, {SERVICE_CLOSED_ON.year}. "
    "This guide is its runnable record."
)
"""The banner on every page: one line on a phone. The overview shows ``SERVICE_STATUS``."""
