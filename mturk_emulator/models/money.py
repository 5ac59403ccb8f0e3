"""What things cost: amounts as MTurk parses them, and its fee."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .. import constants
from ..exceptions import InvalidParameter

CENT = Decimal("0.01")


def parse_money(value: str, name: str) -> Decimal:
    """Parse a dollar amount the way MTurk accepts it: digits, at most two decimals."""
    try:
        amount = Decimal(value)
        valid = amount.is_finite() and amount >= 0 and amount == amount.quantize(CENT)
    except InvalidOperation:  # not a number, or more digits than Decimal holds
        valid = False
    if not valid or "e" in value.lower():
        raise InvalidParameter(
            f"{name} '{value}' is not a valid amount. "
            'Use US dollars and cents as a string, for example "0.50".'
        )
    return amount.quantize(CENT)


def commission(amount: Decimal, *, large_hit: bool) -> Decimal:
    """MTurk's fee: 20%, 20% more on rewards of HITs with 10+ assignments, $0.01 at least."""
    rate = Decimal(constants.COMMISSION_RATE)
    if large_hit:
        rate += Decimal(constants.LARGE_HIT_EXTRA_RATE)
    return max(CENT, (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP))


def reward_cost(reward: Decimal, assignments: int, *, max_assignments: int) -> Decimal:
    large = max_assignments >= constants.LARGE_HIT_ASSIGNMENTS
    return assignments * (reward + commission(reward, large_hit=large))
