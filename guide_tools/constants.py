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
    "guide_link",
    "guide_url",
]

GUIDE_URL_VARIABLE: Final = "MTURK_GUIDE_URL"
"""Where the guide's site is, when someone says so: the Pages workflow sets it to the
address it publishes at, a lab to its mirror. The site build takes its ``site_url``
from it (``site_content/facts.py``), and the tools' links start with it. Nothing
else names the site: an address nobody configured is one nobody can vouch for
(issue 25), so without it the tools name the page's file in the reader's copy."""


def guide_url(override: str | None = None) -> str | None:
    """The guide's address, ending in ``/``: ``override``, else $MTURK_GUIDE_URL, else none."""
    chosen = override or os.environ.get(GUIDE_URL_VARIABLE, "").strip()
    return chosen.rstrip("/") + "/" if chosen else None


def guide_link(page: str, override: str | None = None) -> str:
    """Where a reader finds a page of the guide (``"sandbox/"``, ``"troubleshooting/#MT101"``):
    its address on the configured site, else its file in the reader's copy."""
    site = guide_url(override)
    if site:
        return site + page
    path, _, anchor = page.partition("#")
    return f"docs/{path.strip('/') or 'index'}.md" + (f"#{anchor}" if anchor else "")


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
