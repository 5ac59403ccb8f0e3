"""What things cost: amounts as MTurk parses them, and its fee."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .. import constants
from ..exceptions import ParameterValidationError

CENT = Decimal("0.01")
_FORMAT = re.compile(r"^[0-9]+(\.)?[0-9]{0,2}$")  # the model's CurrencyAmount, for the controls


def parse_money(value: str, name: str) -> Decimal:
    """A dollar amount the model's ``CurrencyAmount`` pattern has already let through.

    Requests are checked against the pattern before this runs (``validator.py``);
    what is left is an amount too large for MTurk to hold. The controls
    (``set_prepaid_balance``) check the same pattern here.
    """
    if not _FORMAT.search(value):
        raise ValueError(
            f"{name} '{value}' is not a valid amount. "
            'Use US dollars and cents as a string, for example "0.50".'
        )
    try:
        return Decimal(value).quantize(CENT)
    except InvalidOperation:  # more digits than MTurk's amounts hold
        raise ParameterValidationError.not_valid(name, value) from None


def commission(amount: Decimal, *, large_hit: bool, masters: bool = False) -> Decimal:
    """MTurk's fee: 20%, 20% more on rewards of HITs with 10+ assignments, 5% more on
    rewards of HITs that require Masters, $0.01 at least."""
    rate = Decimal(constants.COMMISSION_RATE)
    if large_hit:
        rate += Decimal(constants.LARGE_HIT_EXTRA_RATE)
    if masters:
        rate += Decimal(constants.MASTERS_EXTRA_RATE)
    return max(CENT, (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP))


def reward_cost(
    reward: Decimal, assignments: int, *, max_assignments: int, masters: bool = False
) -> Decimal:
    large = max_assignments >= constants.LARGE_HIT_ASSIGNMENTS
    return assignments * (reward + commission(reward, large_hit=large, masters=masters))
