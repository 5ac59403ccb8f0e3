"""Tests for ``snippets/payments.py`` and ``.sh`` (page ``docs/payments.md``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from botocore.exceptions import ClientError

from guide_tools import constants
from guide_tools.shell import check_section
from mturk_emulator import MTurkFake
from snippets.check_setup import mturk_client
from snippets.payments import hit_cost, mturk_fee
from tests.conftest import ROOT, RunFailing, RunSnippet

SHELL = ROOT / "snippets" / "payments.sh"
QUESTION = (ROOT / "snippets" / "first_hit_question.xml").read_text()


@pytest.mark.parametrize(
    ("amount", "assignments", "fee"),
    [
        ("1.00", 1, "0.20"),
        ("1.00", 9, "0.20"),
        ("1.00", 10, "0.40"),  # ten or more assignments: 20% more
        ("0.01", 1, "0.01"),  # never less than one cent
        ("0.05", 1, "0.01"),
        ("0.33", 1, "0.07"),  # rounded to the nearest cent
    ],
)
def test_mturk_fee(amount: str, assignments: int, fee: str) -> None:
    assert mturk_fee(Decimal(amount), assignments=assignments) == Decimal(fee)


def test_hit_cost() -> None:
    assert hit_cost("1.50", 100) == Decimal("210.00")
    assert hit_cost("1.50", 9) == Decimal("16.20")


@pytest.mark.parametrize(("reward", "assignments"), [("0.50", 9), ("1.50", 10), ("0.05", 3)])
def test_the_estimate_is_what_mturk_charges(
    mturk_profile: str, mturk_fake: MTurkFake, reward: str, assignments: int
) -> None:
    mturk_fake.set_prepaid_balance("500.00")
    mturk_client(production=True).create_hit(
        Title="t",
        Description="d",
        Reward=reward,
        MaxAssignments=assignments,
        LifetimeInSeconds=3600,
        AssignmentDurationInSeconds=600,
        Question=QUESTION,
    )
    assert Decimal("500.00") - mturk_fake.prepaid_balance == hit_cost(reward, assignments)


def test_not_enough_money_stops_the_launch(mturk_profile: str, mturk_fake: MTurkFake) -> None:
    mturk_fake.set_prepaid_balance("209.99")
    with pytest.raises(ClientError, match="RequestError"):
        mturk_client(production=True).create_hit(
            Title="t",
            Description="d",
            Reward="1.50",
            MaxAssignments=100,
            LifetimeInSeconds=3600,
            AssignmentDurationInSeconds=600,
            Question=QUESTION,
        )
    assert mturk_fake.prepaid_balance == Decimal("209.99")


def test_main_estimates_without_any_account(run_snippet: RunSnippet) -> None:
    run_snippet("snippets/payments.py", "1.50", "100")


def test_main_shows_the_production_balance_only_when_asked(
    mturk_profile: str, mturk_fake: MTurkFake, run_failing: RunFailing
) -> None:
    mturk_fake.set_prepaid_balance("12.50")
    ran = run_failing("snippets/payments.py", "1.50", "100", "--production")
    assert ran.exit_code == 0
    assert ran.out.splitlines()[-1] == "Your production balance: $12.50"


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("nine", "100"), "'nine' is not an amount in dollars and cents, such as 1.50"),
        (("1.505", "100"), "'1.505' is not an amount in dollars and cents"),
        (("0", "100"), "'0' is not an amount in dollars and cents"),
        (("1.50", "many"), "'many' is not a number of assignments, such as 100"),
        (("1.50", "0"), "'0' is not a number of assignments"),
        (("1.50",), "the following arguments are required: assignments"),
    ],
)
def test_bad_input_gets_a_message_and_the_usage(
    run_failing: RunFailing, args: tuple[str, ...], problem: str
) -> None:
    ran = run_failing("snippets/payments.py", *args)
    assert ran.exit_code == 2
    assert problem in ran.err
    assert "usage: python -m snippets.payments [-h] [--production] reward assignments" in ran.err
    assert "Traceback" not in ran.err


def test_the_cli_commands(mturk_profile: str, mturk_fake: MTurkFake) -> None:
    check_section(SHELL, "estimate")
    mturk_fake.set_prepaid_balance("3.00")
    shown = check_section(SHELL, "production-balance")
    assert shown[0].stdout.splitlines()[-1] == "Your production balance: $3.00"


def test_the_fee_rules_are_the_ones_in_constants() -> None:
    hundred = Decimal(100)
    base = hundred * Decimal(constants.COMMISSION_RATE)
    large = base + hundred * Decimal(constants.LARGE_HIT_EXTRA_RATE)
    below = constants.LARGE_HIT_ASSIGNMENTS - 1
    assert mturk_fee(hundred, assignments=below) == base
    assert mturk_fee(hundred, assignments=constants.LARGE_HIT_ASSIGNMENTS) == large
