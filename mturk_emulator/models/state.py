"""What one marketplace (the sandbox, or production) holds, and its account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .. import constants
from ..exceptions import AccountNotLinked, InsufficientFunds

if TYPE_CHECKING:
    from . import MTurkBackend
    from .assignments import Assignment
    from .hits import HIT, HITType
    from .payments import BonusPayment
    from .qualifications import Qualification, QualificationRequest, QualificationType


@dataclass
class Notification:
    """A message MTurk would have sent (NotifyWorkers or a test event)."""

    kind: str
    details: dict[str, Any]


class MarketplaceState:
    """One MTurk environment (sandbox or production) of one AWS account.

    The operations live in one class per resource (``hits``, ``assignments``,
    ``payments``, ``workers``, ``qualifications``); this class holds the state they
    share and the account itself: its link, its balance, the clock and the ids.
    """

    def __init__(self, backend: MTurkBackend, *, sandbox: bool) -> None:
        self.backend = backend
        self.sandbox = sandbox
        self.linked = True
        self.balance = Decimal("0.00")
        self.hit_types: dict[str, HITType] = {}
        self.hits: dict[str, HIT] = {}
        self.assignments: dict[str, Assignment] = {}
        self.qualification_types: dict[str, QualificationType] = {}
        self.qualifications: dict[tuple[str, str], Qualification] = {}
        self.qualification_requests: dict[str, QualificationRequest] = {}
        self.worker_blocks: dict[str, str] = {}
        self.bonuses: list[BonusPayment] = []
        self.request_tokens: dict[str, str] = {}
        self.notifications: list[Notification] = []

    @property
    def developer_page(self) -> str:
        if self.sandbox:
            return constants.SANDBOX_DEVELOPER_PAGE
        return constants.PRODUCTION_DEVELOPER_PAGE

    def check_linked(self) -> None:
        if not self.linked:
            raise AccountNotLinked(self.developer_page)

    def now(self) -> datetime:
        return self.backend.now()

    def new_id(self) -> str:
        return self.backend.new_id()

    def get_account_balance(self) -> dict[str, str]:
        if self.sandbox:
            return {"AvailableBalance": constants.SANDBOX_BALANCE}
        return {"AvailableBalance": str(self.balance)}

    def charge(self, amount: Decimal) -> None:
        if self.sandbox:
            return
        if amount > self.balance:
            raise InsufficientFunds()
        self.balance -= amount

    def refund(self, amount: Decimal) -> None:
        if not self.sandbox:
            self.balance += amount
