"""Facts about Amazon Mechanical Turk that the emulator is built on.

Each value is a fact about the real service, with its source beside it. Importing
this module imports nothing else (no boto3, no moto), so tools that only need the
facts stay fast.
"""

from __future__ import annotations

from typing import Final

REGION: Final = "us-east-1"
"""MTurk's API exists in this AWS region only (botocore's ``endpoints.json``)."""

SIGNING_NAME: Final = "mturk-requester"
"""The service name in a SigV4 credential scope (botocore model, ``signingName``)."""

SANDBOX_ENDPOINT: Final = "https://mturk-requester-sandbox.us-east-1.amazonaws.com"
PRODUCTION_ENDPOINT: Final = "https://mturk-requester.us-east-1.amazonaws.com"
SANDBOX_HOST: Final = SANDBOX_ENDPOINT.removeprefix("https://")
PRODUCTION_HOST: Final = PRODUCTION_ENDPOINT.removeprefix("https://")

SANDBOX_REQUESTER_SITE: Final = "https://requestersandbox.mturk.com"
PRODUCTION_REQUESTER_SITE: Final = "https://requester.mturk.com"
SANDBOX_DEVELOPER_PAGE: Final = f"{SANDBOX_REQUESTER_SITE}/developer"
PRODUCTION_DEVELOPER_PAGE: Final = f"{PRODUCTION_REQUESTER_SITE}/developer"
PREPAID_HITS_PAGE: Final = f"{PRODUCTION_REQUESTER_SITE}/prepayments/new"
"""Named in the "insufficient funds" error (facebookresearch/Mephisto#342)."""
SANDBOX_WORKER_SITE: Final = "https://workersandbox.mturk.com"
PRODUCTION_WORKER_SITE: Final = "https://worker.mturk.com"

SANDBOX_BALANCE: Final = "10000.00"
"""What ``GetAccountBalance`` always reports in the sandbox (AWS, "Using the sandbox")."""

IAM_ACTION_PREFIX: Final = "mechanicalturk:"
"""MTurk's prefix in IAM policies (not the signing name; Service Authorization Reference)."""

FULL_ACCESS_POLICY: Final = "AmazonMechanicalTurkFullAccess"
READ_ONLY_POLICY: Final = "AmazonMechanicalTurkReadOnly"
FULL_ACCESS_POLICY_ARN: Final = f"arn:aws:iam::aws:policy/{FULL_ACCESS_POLICY}"
READ_ONLY_POLICY_ARN: Final = f"arn:aws:iam::aws:policy/{READ_ONLY_POLICY}"

COMMISSION_RATE: Final = "0.20"
"""MTurk's fee on rewards and bonuses (MTurk pricing page)."""
LARGE_HIT_EXTRA_RATE: Final = "0.20"
"""The extra fee on HITs with at least ``LARGE_HIT_ASSIGNMENTS`` assignments."""
LARGE_HIT_ASSIGNMENTS: Final = 10
MASTERS_EXTRA_RATE: Final = "0.05"
"""The extra fee on the rewards of HITs that require the Masters qualification (a
secondary source: turkrequesters.blogspot.com, January 2016; ledger ``payments.masters-fee``)."""
MINIMUM_COMMISSION: Final = "0.01"
"""The smallest fee MTurk charges on one reward or bonus (MTurk pricing page)."""

# The words of the real service's errors, as users reported them (the ledger gives
# each its source). The emulator answers with them, and the guide's doctor quotes
# them, from here.
NOT_LINKED_MESSAGE: Final = (
    "To use the MTurk API, you will need an Amazon Web Services (AWS) Account. "
    "Your AWS account must be linked to your Amazon Mechanical Turk Account. "
    "Visit {developer_page} to get started."
)
"""Ledger ``account.not-linked`` (the sandbox's words; production's page assumed)."""
INSUFFICIENT_FUNDS_MESSAGE: Final = (
    "This Requester has insufficient funds in their account to complete this "
    f"transaction. Please visit {PREPAID_HITS_PAGE} to purchase Prepaid HITs."
)
"""Ledger ``account.insufficient-funds``."""
UNKNOWN_KEY_MESSAGE: Final = "The security token included in the request is invalid."
BAD_SIGNATURE_MESSAGE: Final = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. "
    "Consult the service documentation for details."
)
