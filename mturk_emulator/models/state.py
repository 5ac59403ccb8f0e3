"""What one marketplace (the sandbox, or production) holds, and its account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from moto.moto_api._internal import mock_random

from .. import constants
from ..exceptions import AccountNotLinked, InsufficientFunds, ParameterValidationError
from .indexes import HITIndexes
from .ordered import Ordered

if TYPE_CHECKING:
    from . import MTurkBackend
    from .assignments import Assignment
    from .hits import HIT, HITType
    from .payments import BonusPayment
    from .qualification_tests import Attempt
    from .qualifications import Qualification, QualificationRequest, QualificationType


IdKind = Literal["HIT", "HITType", "HITGroup", "Assignment", "QualificationType",
                 "QualificationRequest"]  # fmt: skip
TOKEN_LIFETIME = timedelta(hours=24)
"""How long MTurk remembers a UniqueRequestToken (ledger ``hits.request-token-24h``)."""


def request_id() -> str:
    """A request id, UUID-shaped as in real answers (``af1802ad-3ebf-4e59-9284-859f875db476``)."""
    return str(mock_random.uuid4())


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
        self.hit_type_index: dict[tuple[Any, ...], HITType] = {}
        """The HIT types by what makes them one (``hits.hit_type_fields``)."""
        self.hits: dict[str, HIT] = {}
        self.hit_order: Ordered[HIT] = Ordered()
        """The HITs not deleted, in the order ListHITs shows them (by ``HIT.key``)."""
        self.built_indexes: HITIndexes | None = HITIndexes()
        self.numbers = 0
        """The last number given to a HIT or an assignment: their order of creation."""
        self.assignments: dict[str, Assignment] = {}
        self.qualification_types: dict[str, QualificationType] = {}
        self.qualifications: dict[tuple[str, str], Qualification] = {}
        self.qualification_requests: dict[str, QualificationRequest] = {}
        self.qualification_attempts: dict[tuple[str, str], Attempt] = {}
        """Each worker's last request per qualification type (``qualification_tests``)."""
        self.worker_blocks: dict[str, str] = {}
        self.bonuses: list[BonusPayment] = []
        self.bonuses_of: dict[str, list[BonusPayment]] = {}
        """The bonuses by HIT id and by assignment id, in the order they were paid."""
        self.reviewed_workers: set[str] = set()
        """The workers whose work this requester approved or rejected (NotifyWorkers)."""
        self.request_tokens: dict[str, tuple[str, datetime]] = {}
        self.notifications: list[Notification] = []
        self.deleted_qualification_names: dict[str, datetime] = {}
        self.workers: set[str] = set()
        """The worker accounts of this environment that the emulator knows of."""

    DERIVED = ("hit_type_index", "hit_order", "bonuses_of", "built_indexes")
    """What is built from the rest: not pickled (the state file's checkpoints), built again."""

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if k not in self.DERIVED}

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(
            state, hit_type_index={}, hit_order=Ordered(), bonuses_of={}, built_indexes=None
        )
        for hit_type in self.hit_types.values():
            self.hit_type_index[hit_type.signature()] = hit_type
        for hit in sorted(self.hits.values(), key=lambda hit: hit.key):
            if not hit.disposed:
                self.hit_order.add(hit.key, hit)
        for bonus in self.bonuses:
            for key in (bonus.hit_id, bonus.assignment_id):
                self.bonuses_of.setdefault(key, []).append(bonus)

    @property
    def indexes(self) -> HITIndexes:
        """The sparse listings' HITs (``indexes.py``), built on first use after a restore:
        filing a HIT needs the time, which the backend only tells once restored whole."""
        if self.built_indexes is None:
            self.built_indexes = HITIndexes()
            now = self.now()
            for _, hit in self.hit_order.keyed_after(None):
                self.built_indexes.add(hit, now)
        return self.built_indexes

    def add_hit_type(self, hit_type: HITType) -> None:
        self.hit_types[hit_type.id] = hit_type
        self.hit_type_index[hit_type.signature()] = hit_type

    def remove_hit_types(self, doomed: set[str]) -> None:
        self.hit_types = {i: t for i, t in self.hit_types.items() if i not in doomed}
        self.hit_type_index = {k: t for k, t in self.hit_type_index.items() if t.id not in doomed}

    def next_number(self) -> int:
        self.numbers += 1
        return self.numbers

    def set_status(
        self, hit: HIT, assignment: Assignment, status: str, now: datetime | None = None
    ) -> None:
        hit.move(assignment, status)
        self.indexes.review(hit, self.now() if now is None else now)
        if status in {"Approved", "Rejected"}:
            self.reviewed_workers.add(assignment.worker_id)

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

    def new_id(self, kind: IdKind) -> str:
        return self.backend.new_id(kind)

    def recall_token(self, key: str) -> str | None:
        """What a request token was used for, if MTurk still remembers it (24 hours)."""
        found = self.request_tokens.get(key)
        if found is None or self.now() - found[1] >= TOKEN_LIFETIME:
            self.request_tokens.pop(key, None)
            return None
        return found[0]

    def remember_token(self, key: str, value: str) -> None:
        self.request_tokens[key] = (value, self.now())

    def check_worker(self, worker_id: str) -> None:
        """A worker id the model's pattern allows, but no worker of this environment has.

        aws/aws-sdk-java#2055 (a production worker in the sandbox): 'The value
        "REDACTED" is not valid for the parameter WorkerId.' Ledger ``workers.unknown-worker``.
        """
        if worker_id not in self.workers:
            raise ParameterValidationError.not_valid("WorkerId", worker_id)

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
