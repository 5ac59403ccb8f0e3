"""Rules about money: MTurk's fee, bonuses and their request tokens."""

from __future__ import annotations

from . import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "payments.fee",
        "MTurk's fee is 20% of every reward and bonus, at least $0.01, rounded half up to "
        "the cent.",
        "documented",
        "https://www.mturk.com/pricing",
        "20% fee on the reward and bonus amount (if any) you pay Workers.",
    ),
    # The botocore model (CreateHIT) says only "If a HIT is created with 10 or more
    # maximum assignments, there is an additional fee": the amount, and that it is on
    # the reward alone, are the pricing page's (the base fee names reward and bonus).
    Rule(
        "payments.large-hit-fee",
        "HITs with 10 or more assignments pay a further 20% on the reward; their bonuses "
        "pay only the 20% fee.",
        "documented",
        "https://www.mturk.com/pricing",
        "HITs with 10 or more assignments will be charged an additional 20% fee on the "
        "reward you pay Workers.",
    ),
    Rule(
        "payments.minimum-fee",
        "The fee is at least $0.01 per assignment or bonus; fractions of a cent round half up.",
        "inferred",
        "A secondary source quoting MTurk's pricing FAQ (turkrequesters.blogspot.com, "
        "January 2016): '$0.104 is rounded to $0.10, $0.105 is rounded to $0.11'.",
    ),
    Rule(
        "payments.masters-fee",
        "HITs that require the Masters qualification pay 5% more on the reward (secondary "
        "source).",
        "inferred",
        "Secondary only: turkrequesters.blogspot.com (January 2016), 'Requesters who were "
        "using the Masters qualifications had their fees reduced from 30% to 25%', i.e. "
        "20% plus 5%; no AWS page in this research pass.",
    ),
    Rule(
        "payments.held-at-creation",
        "Production holds a HIT's full cost when it is created, and gives back what no "
        "worker was paid (rejected work, unused assignments of a deleted HIT).",
        "inferred",
        "Real insufficient-funds errors came at CreateHIT (Mephisto#342), so the cost was "
        "taken then; a secondary FAQ says rejected work is not charged.",
    ),
    Rule(
        "payments.bonus-token",
        "A SendBonus repeated with the same UniqueRequestToken is refused with an error "
        "naming the first request's id, and pays nothing.",
        "documented",
        "botocore model: SendBonusRequest.UniqueRequestToken",
        "If the bonus already exists in the system from a previous call using the same "
        "UniqueRequestToken, subsequent calls will return an error with a message "
        "containing the request ID.",
    ),
    Rule(
        "payments.bonus-token-24h",
        "A bonus token, like every UniqueRequestToken, is forgotten after 24 hours of "
        "service time: the same request then pays again.",
        "inferred",
        "AWS documents the 24-hour expiry on CreateHIT's token ('The unique token expires "
        "after 24 hours'); SendBonus's token is documented alike but without the time, so "
        "the same limit is assumed.",
    ),
    Rule(
        "payments.bonus-needs-worker-and-assignment",
        "A bonus names a known worker and one of their submitted assignments; BonusAmount "
        "must be at least $0.01; ListBonusPayments takes exactly one of HITId and "
        "AssignmentId.",
        "inferred",
        "botocore model, SendBonus: 'requires the Worker's ID and the assignment ID'; the "
        "errors for a mismatch are not published, so they are ParameterValidationErrors.",
    ),
)
