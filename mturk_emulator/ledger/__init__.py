"""The fidelity ledger: every behaviour rule of the emulator, with its evidence.

Each rule says what the emulator does, how sure we are that the real service did
the same, and where that comes from:

* ``documented``: an AWS documentation page, or the botocore service model;
* ``observed``: a public report of what the real service answered (an issue
  thread of a client project with a pasted response, a recorded fixture);
* ``inferred``: neither; our nearest reading of the documented behaviour.

The rules are split by topic, one module each (``auth``, ``mturk``...), each
defining ``RULES``. ``all_rules()`` gathers them; the site's fidelity reference
page is generated from them, and a test fails when a rule has no source.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Literal

Label = Literal["documented", "observed", "inferred"]
LABELS: tuple[Label, ...] = ("documented", "observed", "inferred")
TOPICS: tuple[str, ...] = (
    "account",
    "hits",
    "assignments",
    "answers",
    "qualifications",
    "payments",
    "workers",
    "validation",
    "pagination",
    "time",
    "ids",
    "auth",
    "edge",
    "worker",
)
"""The modules of this package that hold rules, in the order the page shows them."""


@dataclass(frozen=True)
class Rule:
    id: str  # stable, e.g. "auth.deny-only-never-grants"
    behaviour: str  # what the emulator does, one sentence
    label: Label
    source: str  # a URL, "botocore model: <shape or operation>", or for inferred: the reasoning
    quote: str = ""  # the decisive words of the source, verbatim, at most two lines


def all_rules() -> list[Rule]:
    rules: list[Rule] = []
    for topic in TOPICS:
        module = importlib.import_module(f"{__name__}.{topic}")
        rules.extend(module.RULES)
    return rules
