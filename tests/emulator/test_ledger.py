"""The fidelity ledger: every rule carries a label and a source."""

from __future__ import annotations

import re

import pytest

from mturk_emulator.ledger import LABELS, Rule, all_rules

RULES = all_rules()
SOURCE = re.compile(r"^(https://\S+|botocore model: \S.*)$")


def test_there_are_rules() -> None:
    assert len(RULES) >= 4


def test_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_has_evidence(rule: Rule) -> None:
    assert rule.label in LABELS
    assert rule.behaviour.strip()
    if rule.label == "inferred":
        assert len(rule.source.split()) >= 5, "an inferred rule says how it was inferred"
    else:
        assert SOURCE.match(rule.source), f"{rule.id}: a URL or 'botocore model: <shape>'"
