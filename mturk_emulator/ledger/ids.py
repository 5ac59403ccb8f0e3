"""Rules about identifiers."""

from __future__ import annotations

from . import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "ids.per-kind",
        "HIT, HIT type, HIT group, assignment and qualification type ids are 30 characters "
        "of upper-case letters and digits starting with 3, drawn for each kind, never equal "
        "to an id of another kind.",
        "observed",
        "https://github.com/aws/aws-sdk-ruby/issues/2065",
        "3TX9T2ZCB9V8XRMJ7M3JT83CUQQWZ3",
    ),
    Rule(
        "ids.seeded",
        "Ids come from moto's seeded random generator, so seeding it (moto's /moto-api/seed) "
        "gives the same ids for the same steps.",
        "inferred",
        "Not a fact about MTurk: moto's convention, so that a page's printed output can be "
        "checked word for word.",
    ),
)
