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
import threading
from datetime import datetime, timedelta, timezone

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.utils import utcnow
from moto.moto_api._internal import mock_random

from .. import constants
from .assignments import Assignment, Assignments
from .hits import HIT, HITs, HITType
from .money import commission, parse_money, reward_cost
from .payments import BonusPayment, Payments
from .qualification_tests import QualificationTests
from .qualifications import Qualification, QualificationRequest, QualificationType
from .state import IdKind, Notification
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
    "parse_money",
    "reward_cost",
]

ID_ALPHABET = string.ascii_uppercase + string.digits
"""Each kind of id has its own sequence (ledger ``ids.per-kind``): the first HIT type
of a fresh emulator and its first qualification type do not share an id."""


class Marketplace(HITs, Assignments, Payments, Workers, QualificationTests):
    """One MTurk environment (sandbox or production) of one AWS account."""


class MTurkBackend(BaseBackend):
    """The MTurk state of one AWS account: a sandbox and a production marketplace.

    Two clocks (ledger ``time.service-clock``): ``now()`` is the service's time,
    which ``advance_time`` moves on, as days passing would; ``signing_now()`` is
    the time against which request signatures are checked, which moves with the
    reader's clock: only ``client_skew`` (a computer's clock set wrong) puts
    it off.

    ``lock`` makes every operation on the account atomic against every other: the
    request dispatch (``responses.py``) and the controls (``MTurkFake``) hold it for
    the whole operation, so two requests never both take the last slot of a HIT,
    or both use one idempotency token.
    """

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.lock = threading.RLock()
        self.clock_offset = timedelta()
        self.client_skew = timedelta()
        self._issued: set[str] = set()
        self.sandbox = Marketplace(self, sandbox=True)
        self.production = Marketplace(self, sandbox=False)

    def __getstate__(self) -> dict[str, object]:
        # Pickled whole by the state file's checkpoints (mturk_emulator.store): all but the lock.
        return {name: value for name, value in vars(self).items() if name != "lock"}

    def __setstate__(self, state: dict[str, object]) -> None:
        vars(self).update(state)
        self.lock = threading.RLock()

    def now(self) -> datetime:
        # moto's clock (so freezegun and moto's own time travel apply), moved on.
        return utcnow().replace(tzinfo=timezone.utc) + self.clock_offset

    def signing_now(self) -> datetime:
        """The time a correctly set client clock shows, as the signature check sees it."""
        return utcnow().replace(tzinfo=timezone.utc) - self.client_skew

    def new_id(self, kind: IdKind) -> str:
        """An id shaped like MTurk's: 30 characters, upper-case letters and digits.

        Observed ids of every kind (HITs, HIT types and groups, assignments,
        qualification types) are 30 characters starting with "3" (evidence.md
        section 8). The randomness comes from moto's seeded generator, which
        ``/moto-api/seed`` seeds: the same steps give the same ids.
        """
        while True:
            draw = random.Random(f"{kind}:{mock_random.getrandbits(64)}")  # noqa: S311 -- ids
            new = "3" + "".join(draw.choice(ID_ALPHABET) for _ in range(29))
            if new not in self._issued:
                self._issued.add(new)
                return new

    def marketplace(self, *, sandbox: bool) -> Marketplace:
        return self.sandbox if sandbox else self.production


mturk_backends = BackendDict(MTurkBackend, "mturk", use_boto3_regions=False,
                             additional_regions=[constants.REGION])  # fmt: skip
