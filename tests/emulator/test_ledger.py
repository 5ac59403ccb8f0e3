"""The fidelity ledger: every rule carries a label and evidence, and a test pins it.

A test pins a rule with ``@pytest.mark.evidence("<rule id>", ...)``. The markers
are found by reading the test files' syntax trees (no test module is imported;
the files are read once, by the test that first asks): every rule must be pinned by
at least one test, and every marker must name a rule that exists.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from mturk_emulator.ledger import LABELS, TOPICS, Rule, all_rules

RULES = all_rules()
SOURCE = re.compile(r"^(https://\S+|botocore model: \S.*)$")
TESTS = Path(__file__).resolve().parent.parent


def test_there_are_rules() -> None:
    assert len(RULES) >= 4


def test_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_has_evidence(rule: Rule) -> None:
    assert rule.label in LABELS
    assert rule.behaviour.strip()
    assert rule.id.split(".")[0] in TOPICS, "a rule's id starts with its topic"
    if rule.label == "inferred":
        assert len(rule.source.split()) >= 5, "an inferred rule says how it was inferred"
    else:
        assert SOURCE.match(rule.source), f"{rule.id}: a URL or 'botocore model: <shape>'"
        assert rule.quote.strip(), f"{rule.id}: documented and observed rules quote it"
    assert len(rule.quote) <= 300, "a quote is the decisive words, at most two lines"


def evidence_markers(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, rule id) of every ``pytest.mark.evidence(...)`` in a module's tree."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "evidence"
            and ast.unparse(node.func.value) == "pytest.mark"
        ):
            for argument in node.args:
                assert isinstance(argument, ast.Constant), "rule ids are string literals"
                yield node.lineno, str(argument.value)


@functools.cache
def pinned() -> dict[str, list[str]]:
    """Where each rule id is pinned by a test (read when a test asks, not at collection:
    every test process collects this file, one runs it)."""
    found: dict[str, list[str]] = {}
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for line, rule_id in evidence_markers(tree):
            found.setdefault(rule_id, []).append(f"{path.relative_to(TESTS)}:{line}")
    return found


def test_markers_are_found() -> None:
    tree = ast.parse('@pytest.mark.evidence("a.b", "c.d")\ndef test_x(): pass\n')
    assert list(evidence_markers(tree)) == [(1, "a.b"), (1, "c.d")]
    assert "hits.expiry-cannot-shorten" in pinned()


def test_every_marker_names_a_rule() -> None:
    known = {rule.id for rule in RULES}
    unknown = {rule_id: where for rule_id, where in pinned().items() if rule_id not in known}
    assert unknown == {}


def test_every_rule_is_pinned_by_a_test() -> None:
    unpinned = [rule.id for rule in RULES if rule.id not in pinned()]
    assert unpinned == []
