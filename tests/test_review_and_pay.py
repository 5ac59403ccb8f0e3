"""Tests for ``snippets/review_and_pay.py`` and ``.sh`` (page ``docs/review-and-pay.md``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from guide_tools.practice import ANSWER, WORKER_ID
from guide_tools.shell import Shell, ShellSnippetError, check_section
from mturk_emulator import MTurkFake
from snippets.check_setup import mturk_client
from snippets.first_hit import create_first_hit
from snippets.review_and_pay import answers, approve, pay_bonus, reject, submitted_assignments
from tests.conftest import ROOT, RunFailing, RunSnippet

SHELL = ROOT / "snippets" / "review_and_pay.sh"
QUESTION = ROOT / "snippets" / "first_hit_question.xml"


@pytest.fixture
def submitted(mturk_profile: str, mturk_fake: MTurkFake) -> tuple[str, str]:
    """A sandbox HIT with one assignment a worker has submitted: (HIT id, assignment id)."""
    hit_id = create_first_hit(mturk_client(), QUESTION)["HITId"]
    return hit_id, mturk_fake.submit_assignment(hit_id, WORKER_ID, ANSWER)


def test_main_reviews_every_reviewable_hit(
    submitted: tuple[str, str], mturk_fake: MTurkFake, run_snippet: RunSnippet
) -> None:
    run_snippet("snippets/review_and_pay.py")
    market = mturk_fake.marketplace(sandbox=True)
    assert market.assignments[submitted[1]].status == "Approved"
    assert [b.amount for b in market.bonuses] == [Decimal("0.25")]


def test_main_takes_hit_ids(
    submitted: tuple[str, str], mturk_fake: MTurkFake, run_snippet: RunSnippet
) -> None:
    run_snippet("snippets/review_and_pay.py", submitted[0])
    assert mturk_fake.marketplace(sandbox=True).assignments[submitted[1]].status == "Approved"


def test_main_names_an_unknown_hit_without_a_traceback(
    mturk_profile: str, run_failing: RunFailing
) -> None:
    ran = run_failing("snippets/review_and_pay.py", "3NOSUCHHIT")
    assert ran.exit_code == 1
    assert "AWS refused the request: RequestError" in ran.err
    assert "Traceback" not in ran.err


def test_reading_answers(submitted: tuple[str, str]) -> None:
    (assignment,) = submitted_assignments(mturk_client(), submitted[0])
    assert assignment["WorkerId"] == WORKER_ID
    assert answers(assignment) == {"feedback": "It worked."}


def test_approved_and_rejected_work_leaves_the_list(
    submitted: tuple[str, str], mturk_fake: MTurkFake
) -> None:
    approve(mturk_client(), submitted[1])
    assert submitted_assignments(mturk_client(), submitted[0]) == []
    hit_id = create_first_hit(mturk_client(), QUESTION)["HITId"]
    assignment_id = mturk_fake.submit_assignment(hit_id, "A2OTHERWORKER", ANSWER)
    reject(mturk_client(), assignment_id, "The answer box was empty.")
    rejected = mturk_fake.marketplace(sandbox=True).assignments[assignment_id]
    assert (rejected.status, rejected.requester_feedback) == (
        "Rejected",
        "The answer box was empty.",
    )


def test_a_bonus_is_paid_once_even_if_sent_twice(
    submitted: tuple[str, str], mturk_fake: MTurkFake
) -> None:
    approve(mturk_client(), submitted[1])
    assert pay_bonus(mturk_client(), WORKER_ID, submitted[1], "0.25", "Thanks.")
    assert not pay_bonus(mturk_client(), WORKER_ID, submitted[1], "0.25", "Thanks.")
    assert len(mturk_fake.marketplace(sandbox=True).bonuses) == 1


def test_the_cli_approves_and_pays(
    submitted: tuple[str, str], mturk_fake: MTurkFake, tmp_path: Path
) -> None:
    shell = Shell(tmp_path)
    listed = check_section(SHELL, "list-assignments", shell=shell)
    assert listed[-1].stdout.split() == [submitted[1], WORKER_ID]
    check_section(SHELL, "approve", shell=shell)
    assert mturk_fake.marketplace(sandbox=True).assignments[submitted[1]].status == "Approved"
    paid = check_section(SHELL, "bonus", shell=shell)
    assert paid[-1].stdout.split() == [WORKER_ID, "0.25"]
    with pytest.raises(ShellSnippetError, match="already paid with this UniqueRequestToken"):
        check_section(SHELL, "bonus", shell=shell)  # the token stops a second payment
    assert len(mturk_fake.marketplace(sandbox=True).bonuses) == 1
