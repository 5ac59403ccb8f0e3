"""Rules about the requester account itself: its link to AWS, its money, its region."""

from __future__ import annotations

from . import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "account.sandbox-balance",
        "GetAccountBalance in the sandbox always answers an AvailableBalance of 10000.00.",
        "documented",
        "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkRequester/mturk-use-sandbox.html",
        "This returns an available balance of 10000.00, the default balance in the sandbox.",
    ),
    Rule(
        "account.not-linked",
        "An AWS account not linked on an environment's Developer page gets a RequestError "
        "naming that page, in that environment only.",
        "observed",
        "https://github.com/nodeGame/nodegame/issues/132",
        "Your AWS account must be linked to your Amazon Mechanical Turk Account. "
        "Visit https://requestersandbox.mturk.com/developer to get started.",
    ),
    Rule(
        "account.insufficient-funds",
        "A production HIT or bonus that the prepaid balance cannot cover (with the fee) is "
        "refused with a RequestError naming the prepaid-HITs page, and nothing is charged.",
        "observed",
        "https://github.com/facebookresearch/Mephisto/issues/342",
        "This Requester has insufficient funds in their account to complete this transaction. "
        "Please visit https://requester.mturk.com/prepayments/new to purchase Prepaid HITs.",
    ),
    Rule(
        "account.region",
        "A request signed for a region other than us-east-1 is refused with "
        "InvalidSignatureException naming the region.",
        "observed",
        "https://github.com/jcjohnson/simple-amt/issues/29",
        "Credential should be scoped to a valid region, not 'us-west-1'.",
    ),
)
