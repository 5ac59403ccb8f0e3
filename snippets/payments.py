"""What a study costs, and your production balance (guide page: ``docs/payments.md``).

    uv run --no-dev python -m snippets.payments 1.50 100               # an estimate only
    uv run --no-dev python -m snippets.payments 1.50 100 --production  # and your balance
"""

import sys

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


# --8<-- [start:main]
import argparse

from snippets.check_setup import balance, mturk_client


def dollars(text: str) -> str:
    """Accept "1.50" or "0.05"; refuse anything MTurk would not take as a reward."""
    try:
        amount = Decimal(text)
    except ArithmeticError:
        amount = Decimal(-1)
    if amount < CENT or amount != amount.quantize(CENT):
        message = f"{text!r} is not an amount in dollars and cents, such as 1.50"
        raise argparse.ArgumentTypeError(message)
    return text


def count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of assignments, such as 100")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m snippets.payments", description="What a study costs on MTurk."
    )
    parser.add_argument("reward", type=dollars, help="reward per assignment, e.g. 1.50")
    parser.add_argument("assignments", type=count, help="how many assignments, e.g. 100")
    parser.add_argument("--production", action="store_true", help="show your real balance")
    args = parser.parse_args(argv)

    reward, assignments = args.reward, args.assignments
    print(f"{assignments} assignments at ${reward}: ${hit_cost(reward, assignments)} in all")
    #> 100 assignments at $1.50: $210.00 in all
    if args.production:
        print(f"Your production balance: ${balance(mturk_client(production=True))}")
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors():
        sys.exit(main())
