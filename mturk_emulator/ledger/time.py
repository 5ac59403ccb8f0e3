"""Rules about time: the service's clock and the client's."""

from __future__ import annotations

from . import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "time.service-clock",
        "The service's time (expiry, auto-approval, request tokens, windows) moves on with "
        "MTurkFake.advance_time, and requests signed by a correct clock stay valid: 30 days "
        "later the API still answers.",
        "inferred",
        "Time passing moves the requester's clock too; only a wrong clock makes signatures "
        "expire (see time.signature-expired). MTurkFake.skew_client_clock sets one.",
    ),
    Rule(
        "time.signature-expired",
        "A request signed by a clock more than 5 minutes behind AWS's is refused: "
        "InvalidSignatureException 'Signature expired: <date> is now earlier than <date> "
        "(<date> - 5 min.)'.",
        "observed",
        "https://github.com/m0ngr31/kanzi/issues/270",
        "Signature expired: 20180707T233021Z is now earlier than 20180710T071214Z "
        "(20180710T071714Z - 5 min.)",
    ),
    Rule(
        "time.signature-not-yet-current",
        "A request signed by a clock more than 5 minutes ahead is refused: 'Signature not "
        "yet current: <date> is still later than <date> (<date> + 5 min.)'.",
        "observed",
        "https://github.com/serverless/enterprise/issues/11",
        "Signature not yet current: 20181120T211543Z is still later than 20181120T211529Z "
        "(20181120T211029Z + 5 min.)",
    ),
)
