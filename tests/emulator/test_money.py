"""Money in the emulator: balances, MTurk's fees, refunds and insufficient funds.

Fees (facts.md §5, MTurk's pricing): 20% on every reward and bonus, 20% more on
the rewards of HITs with 10 or more assignments (not on their bonuses), and at
least $0.01 a reward or bonus. Production holds a HIT's full cost when it is
created and gives back what no worker was paid.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

from guide_tools import constants
from mturk_emulator import MTurkFake
from snippets.payments import hit_cost
from tests.emulator.support import ANSWER, QUESTION, WORKER, new_hit

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

INSUFFICIENT_FUNDS = (
    "This Requester has insufficient funds in their account to complete this transaction. "
    "Please visit https://requester.mturk.com/prepayments/new to purchase Prepaid HITs."
)


def balance(client: MTurkClient) -> Decimal:
    return Decimal(client.get_account_balance()["AvailableBalance"])


def refused_for_money(client: MTurkClient, call: Any) -> None:
    with pytest.raises(client.exceptions.RequestError) as raised:
        call()
    response: Any = raised.value.response
    assert response["Error"]["Message"] == INSUFFICIENT_FUNDS
    assert response["TurkErrorCode"] == "AWS.MechanicalTurk.InsufficientFunds"


@pytest.mark.evidence("account.sandbox-balance")
def test_the_sandbox_always_has_ten_thousand_dollars(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    answer = mturk_sandbox.get_account_balance()
    assert (answer["AvailableBalance"], "OnHoldBalance" in answer) == ("10000.00", False)
    mturk_fake.set_prepaid_balance("3.00")
    hit_id = new_hit(mturk_sandbox, Reward="900.00", MaxAssignments=20)  # $25,200 in production
    assignment_id = mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    mturk_sandbox.approve_assignment(AssignmentId=assignment_id)
    mturk_sandbox.send_bonus(
        WorkerId=WORKER, BonusAmount="5000.00", AssignmentId=assignment_id, Reason="Wow."
    )
    assert mturk_sandbox.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE
    assert mturk_fake.prepaid_balance == Decimal("3.00")


def test_production_starts_at_zero_and_takes_a_prepaid_balance(
    mturk_production: MTurkClient, mturk_fake: MTurkFake
) -> None:
    assert mturk_production.get_account_balance()["AvailableBalance"] == "0.00"
    mturk_fake.set_prepaid_balance("25")
    assert mturk_production.get_account_balance()["AvailableBalance"] == "25.00"
    assert mturk_fake.prepaid_balance == Decimal("25.00")
    # A control, not an API call: a plain ValueError (the API answers ValidationException).
    with pytest.raises(ValueError, match="balance 'lots' is not a valid amount"):
        mturk_fake.set_prepaid_balance("lots")


@pytest.mark.parametrize(
    ("reward", "assignments", "cost"),
    [
        ("0.50", 3, "1.80"),  # 3 x (0.50 + 0.10)
        ("1.00", 9, "10.80"),  # 9 x 1.20: still 20%
        ("1.00", 10, "14.00"),  # 10 x (1.00 + 0.40): 10 or more assignments
        ("0.01", 1, "0.02"),  # the fee is at least a cent
        ("0.03", 1, "0.04"),  # 0.006 rounds up to a cent
        ("0.12", 1, "0.14"),  # 0.024 rounds to 0.02
        ("0.13", 1, "0.16"),  # 0.026 rounds to 0.03
    ],
)
@pytest.mark.evidence("payments.fee", "payments.large-hit-fee", "payments.minimum-fee")
def test_create_hit_charges_rewards_and_fees(
    mturk_production: MTurkClient, mturk_fake: MTurkFake, reward: str, assignments: int, cost: str
) -> None:
    mturk_fake.set_prepaid_balance("100.00")
    new_hit(mturk_production, Reward=reward, MaxAssignments=assignments)
    assert Decimal("100.00") - balance(mturk_production) == Decimal(cost)
    # The guide's own calculator agrees with the emulator.
    assert hit_cost(reward, assignments) == Decimal(cost)


def test_a_hit_costing_exactly_the_balance_is_created(
    mturk_production: MTurkClient, mturk_fake: MTurkFake
) -> None:
    mturk_fake.set_prepaid_balance("1.80")
    new_hit(mturk_production, Reward="0.50", MaxAssignments=3)
    assert mturk_production.get_account_balance()["AvailableBalance"] == "0.00"


@pytest.mark.evidence("account.insufficient-funds", "payments.held-at-creation")
def test_a_hit_costing_more_is_refused_and_costs_nothing(
    mturk_production: MTurkClient, mturk_fake: MTurkFake
) -> None:
    mturk_fake.set_prepaid_balance("1.79")
    refused_for_money(
        mturk_production, lambda: new_hit(mturk_production, Reward="0.50", MaxAssignments=3)
    )
    assert mturk_production.get_account_balance()["AvailableBalance"] == "1.79"
    assert mturk_production.list_hits()["HITs"] == []


def test_create_hit_with_hit_type_charges_too(
    mturk_production: MTurkClient, mturk_fake: MTurkFake
) -> None:
    mturk_fake.set_prepaid_balance("5.00")
    type_id = mturk_production.create_hit_type(
        Title="t", Description="d", Reward="2.00", AssignmentDurationInSeconds=60
    )["HITTypeId"]
    assert balance(mturk_production) == Decimal("5.00")  # a HIT type costs nothing
    mturk_production.create_hit_with_hit_type(
        HITTypeId=type_id, LifetimeInSeconds=60, MaxAssignments=2, Question=QUESTION
    )
    assert balance(mturk_production) == Decimal("0.20")  # 2 x 2.40
    refused_for_money(
        mturk_production,
        lambda: mturk_production.create_hit_with_hit_type(
            HITTypeId=type_id, LifetimeInSeconds=60, Question=QUESTION
        ),
    )


def test_additional_assignments_are_charged(
    mturk_production: MTurkClient, mturk_fake: MTurkFake
) -> None:
    mturk_fake.set_prepaid_balance("20.00")
    small = new_hit(mturk_production, Reward="0.50", MaxAssignments=3)  # 1.80
    big = new_hit(mturk_production, Reward="0.50", MaxAssignments=10)  # 10 x 0.70 = 7.00
    assert balance(mturk_production) == Decimal("11.20")
    mturk_production.create_additional_assignments_for_hit(
        HITId=small, NumberOfAdditionalAssignments=2
    )
    assert balance(mturk_production) == Decimal("10.00")  # 2 x 0.60
    mturk_production.create_additional_assignments_for_hit(
        HITId=big, NumberOfAdditionalAssignments=2
    )
    assert balance(mturk_production) == Decimal("8.60")  # 2 x 0.70
    refused_for_money(
        mturk_production,
        lambda: mturk_production.create_additional_assignments_for_hit(
            HITId=big,
            NumberOfAdditionalAssignments=13,  # 9.10
        ),
    )
    assert mturk_production.get_hit(HITId=big)["HIT"]["MaxAssignments"] == 12
    assert balance(mturk_production) == Decimal("8.60")


@pytest.mark.evidence("payments.fee")
def test_bonuses_are_charged_at_twenty_percent(
    mturk_production: MTurkClient, mturk_fake: MTurkFake
) -> None:
    mturk_fake.set_prepaid_balance("20.00")
    hit_id = new_hit(mturk_production, Reward="0.10", MaxAssignments=10)  # 10 x 0.14 = 1.40
    assignment_id = mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    mturk_production.approve_assignment(AssignmentId=assignment_id)
    assert balance(mturk_production) == Decimal("18.60")

    def pay(amount: str) -> None:
        mturk_production.send_bonus(
            WorkerId=WORKER, BonusAmount=amount, AssignmentId=assignment_id, Reason="Thanks."
        )

    pay("1.00")  # 1.20, no large-HIT surcharge on a bonus
    pay("0.01")  # 0.02: the fee is at least a cent
    assert balance(mturk_production) == Decimal("17.38")
    refused_for_money(mturk_production, lambda: pay("14.49"))  # 17.39 with the fee
    pay("14.48")  # 17.376 -> 17.38: exactly what is left
    assert balance(mturk_production) == Decimal("0.00")
    assert mturk_production.list_bonus_payments(AssignmentId=assignment_id)["NumResults"] == 3


@pytest.mark.evidence("payments.held-at-creation")
def test_unpaid_work_is_given_back(mturk_production: MTurkClient, mturk_fake: MTurkFake) -> None:
    mturk_fake.set_prepaid_balance("10.00")
    hit_id = new_hit(mturk_production, Reward="1.00", MaxAssignments=4)  # 4.80 held
    approved = mturk_fake.submit_assignment(hit_id, "A1GOOD", ANSWER)
    rejected = mturk_fake.submit_assignment(hit_id, "A1BAD", ANSWER)
    mturk_production.approve_assignment(AssignmentId=approved)
    mturk_production.reject_assignment(AssignmentId=rejected, RequesterFeedback="Blank.")
    assert balance(mturk_production) == Decimal("6.40")  # the rejected 1.20 came back
    mturk_production.approve_assignment(AssignmentId=rejected, OverrideRejection=True)
    assert balance(mturk_production) == Decimal("5.20")  # and went again
    mturk_production.update_expiration_for_hit(HITId=hit_id, ExpireAt=0)  # type: ignore[arg-type]
    mturk_production.delete_hit(HITId=hit_id)
    assert balance(mturk_production) == Decimal("7.60")  # two assignments nobody took
    # Two workers were paid 1.00 each, and MTurk kept 0.20 of each.
    assert Decimal("10.00") - balance(mturk_production) == 2 * Decimal("1.20")


def test_a_new_hit_type_moves_the_money_held(
    mturk_production: MTurkClient, mturk_fake: MTurkFake
) -> None:
    mturk_fake.set_prepaid_balance("10.00")
    hit_id = new_hit(mturk_production, Reward="1.00", MaxAssignments=3)  # 3.60 held
    done = mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)
    mturk_production.approve_assignment(AssignmentId=done)

    def new_type(reward: str) -> str:
        return mturk_production.create_hit_type(
            Title="t", Description="d", Reward=reward, AssignmentDurationInSeconds=60
        )["HITTypeId"]

    dearer, cheaper = new_type("2.00"), new_type("0.50")
    mturk_production.update_hit_type_of_hit(HITId=hit_id, HITTypeId=dearer)
    assert balance(mturk_production) == Decimal("4.00")  # 6.40 - 2 unpaid x (2.40 - 1.20)
    mturk_production.update_hit_type_of_hit(HITId=hit_id, HITTypeId=cheaper)
    assert balance(mturk_production) == Decimal("7.60")  # + 2 x (2.40 - 0.60)
    mturk_fake.set_prepaid_balance("0.50")
    refused_for_money(
        mturk_production,
        lambda: mturk_production.update_hit_type_of_hit(HITId=hit_id, HITTypeId=dearer),
    )
    assert mturk_production.get_hit(HITId=hit_id)["HIT"]["Reward"] == "0.50"
