"""Bonuses: paid once per request token, charged with MTurk's fee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..exceptions import ParameterValidationError, RequestError
from .money import CENT, commission, parse_money
from .state import MarketplaceState, request_id

if TYPE_CHECKING:
    from .assignments import Assignment
    from .hits import HIT


@dataclass
class BonusPayment:
    worker_id: str
    amount: Decimal
    assignment_id: str
    hit_id: str
    reason: str
    grant_time: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "WorkerId": self.worker_id,
            "BonusAmount": str(self.amount),
            "AssignmentId": self.assignment_id,
            "Reason": self.reason,
            "GrantTime": self.grant_time,
        }


class Payments(MarketplaceState):
    if TYPE_CHECKING:

        def hit(self, hit_id: str) -> HIT: ...

        def assignment(self, assignment_id: str) -> Assignment: ...

    def send_bonus(
        self, worker_id: str, amount: str, assignment_id: str, reason: str, token: str | None
    ) -> None:
        earlier = self.recall_token(f"bonus:{token}") if token else None
        if earlier:
            # botocore model: "subsequent calls will return an error with a message
            # containing the request ID"; forgotten after 24 hours like every token.
            raise RequestError(
                f"A bonus was already paid with this UniqueRequestToken (request {earlier}).",
                "AWS.MechanicalTurk.DuplicateRequest",
            )
        bonus = parse_money(amount, "BonusAmount")
        if bonus < CENT:
            raise ParameterValidationError.not_valid("BonusAmount", amount)
        self.check_worker(worker_id)
        assignment = self.assignment(assignment_id)
        if assignment.worker_id != worker_id:
            raise ParameterValidationError(
                "WorkerId", f"Assignment {assignment_id} was not done by worker {worker_id}."
            )
        self.charge(bonus + commission(bonus, large_hit=False))
        self.add_bonus(
            BonusPayment(worker_id, bonus, assignment_id, assignment.hit_id, reason, self.now())
        )
        if token:
            self.remember_token(f"bonus:{token}", request_id())

    def add_bonus(self, bonus: BonusPayment) -> None:
        self.bonuses.append(bonus)
        for key in (bonus.hit_id, bonus.assignment_id):
            self.bonuses_of.setdefault(key, []).append(bonus)

    def list_bonus_payments(
        self, hit_id: str | None, assignment_id: str | None
    ) -> list[BonusPayment]:
        if (hit_id is None) == (assignment_id is None):
            raise ParameterValidationError("HITId", "Provide either HITId or AssignmentId.")
        if hit_id is not None:
            self.hit(hit_id)
            return self.bonuses_of.get(hit_id, [])
        self.assignment(assignment_id or "")
        return self.bonuses_of.get(assignment_id or "", [])
