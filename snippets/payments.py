"""What a study costs, and your production balance (guide page: ``docs/payments.md``).

    uv run python -m snippets.payments 1.50 100               # an estimate only
    uv run python -m snippets.payments 1.50 100 --production  # and your balance
"""

# --8<-- [start:hit-cost]
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def mturk_fee(amount: Decimal, *, assignments: int = 1) -> Decimal:
    """MTurk's fee on one reward or bonus: 20%, 40% on HITs with 10+ assignments."""
    rate = Decimal("0.40") if assignments >= 10 else Decimal("0.20")
    return max(CENT, (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP))


def hit_cost(reward: str, assignments: int) -> Decimal:
    """What a HIT costs you in total: every worker's reward plus MTurk's fees."""
    each = Decimal(reward)
    return assignments * (each + mturk_fee(each, assignments=assignments))
# --8<-- [end:hit-cost]


if __name__ == "__main__":
    import sys

    from snippets.check_setup import balance
    from snippets.errors import friendly_errors

    with friendly_errors("python -m snippets.payments REWARD ASSIGNMENTS [--production]"):
        # --8<-- [start:main]
        reward, assignments = sys.argv[1], int(sys.argv[2])
        print(f"{assignments} assignments at ${reward}: ${hit_cost(reward, assignments)} in all")
        if "--production" in sys.argv:
            print(f"Your production balance: ${balance(production=True)}")
        # --8<-- [end:main]
