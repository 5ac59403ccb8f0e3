"""State and rules of the MTurk emulator: plain classes, no HTTP.

One ``MTurkBackend`` per AWS account (moto's ``BackendDict`` resets it whenever
a mock starts). Each backend holds two ``Marketplace`` objects, because the
sandbox and production are separate worlds: separate requester accounts,
separate links to the AWS account, separate HITs and money. A marketplace's
operations are split by resource, one module each.
"""

from __future__ import annotations

import random
import string
from datetime import UTC, datetime, timedelta

from moto.core.base_backend import BackendDict, BaseBackend

from .. import constants
from .assignments import Assignment, Assignments
from .hits import HIT, HITs, HITType
from .money import commission, parse_money, reward_cost
from .payments import BonusPayment, Payments
from .qualifications import Qualification, QualificationRequest, Qualifications, QualificationType
from .state import Notification
from .validation import paginate
from .workers import Workers

__all__ = [
    "HIT",
    "Assignment",
    "BonusPayment",
    "HITType",
    "MTurkBackend",
    "Marketplace",
    "Notification",
    "Qualification",
    "QualificationRequest",
    "QualificationType",
    "commission",
    "mturk_backends",
    "paginate",
    "parse_money",
    "reward_cost",
]

ID_ALPHABET = string.ascii_uppercase + string.digits


class Marketplace(HITs, Assignments, Payments, Workers, Qualifications):
    """One MTurk environment (sandbox or production) of one AWS account."""


class MTurkBackend(BaseBackend):
    """The MTurk state of one AWS account: a sandbox and a production marketplace."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.clock_offset = timedelta()
        # Seeded, so a fresh emulator hands out the same ids in the same order:
        # the output a page shows can be checked word for word.
        self._ids = random.Random(account_id)  # noqa: S311 -- ids, not secrets
        self.sandbox = Marketplace(self, sandbox=True)
        self.production = Marketplace(self, sandbox=False)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.clock_offset

    def new_id(self) -> str:
        """An id shaped like MTurk's: 30 characters, upper-case letters and digits."""
        return "3" + "".join(self._ids.choice(ID_ALPHABET) for _ in range(29))

    def marketplace(self, *, sandbox: bool) -> Marketplace:
        return self.sandbox if sandbox else self.production


mturk_backends = BackendDict(MTurkBackend, "mturk", use_boto3_regions=False,
                             additional_regions=[constants.REGION])  # fmt: skip
