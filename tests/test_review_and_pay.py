"""Tests for ``snippets/review_and_pay.py`` and ``.sh`` (page ``docs/review-and-pay.md``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from guide_tools.practice import ANSWER, WORKER_ID
from guide_tools.shell import Shell, check_section
from mturk_emulator import MTurkFake
from snippets.check_setup import mturk_client
from snippets.first_hit import create_first_hit
from snippets.review_and_pay import (
    all_submitted_work,
    answers,
    approve,
    main,
    pay_bonus,
    reject,
    submitted_assignments,
)
from tests.conftest import ROOT, RunFailing, RunSnippet

SHELL = ROOT / "snippets" / "review_and_pay.sh"
QUESTION = ROOT / "snippets" / "first_hit_question.xml"


@pytest.fixture
def submitted(mturk_profile: str, mturk_fake: MTurkFake) -> tuple[str, str]:
    """A sandbox HIT with one assignment a worker has submitted: (HIT id, assignment id)."""
    hit_id = create_first_hit(mturk_client(), QUESTION)["HITId"]
    return hit_id, mturk_fake.submit_answers(hit_id, WORKER_ID, ANSWER)


def test_main_reviews_all_submitted_work(
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


@pytest.mark.evidence("answers.crowd-form-task-answers")
def test_reading_answers_of_a_crowd_form(submitted: tuple[str, str]) -> None:
    (assignment,) = submitted_assignments(mturk_client(), submitted[0])
    assert assignment["WorkerId"] == WORKER_ID
    # The first HIT's form is a crowd-form: one answer, taskAnswers, with JSON in it.
    assert "<QuestionIdentifier>taskAnswers</QuestionIdentifier>" in assignment["Answer"]
    assert answers(assignment) == {"feedback": "It worked."}


PLAIN_FORM = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA['
    "<form method='post' action='https://workersandbox.mturk.com/mturk/externalSubmit'>"
    "<input name='age'><textarea name='comments'></textarea></form>]]></HTMLContent>"
    "<FrameHeight>400</FrameHeight></HTMLQuestion>"
)


@pytest.mark.evidence("answers.plain-form-one-per-field")
def test_reading_answers_of_a_plain_form(mturk_profile: str, mturk_fake: MTurkFake) -> None:
    mturk = mturk_client()
    hit_id = mturk.create_hit(
        Title="A plain form",
        Description="Two fields.",
        Reward="0.05",
        LifetimeInSeconds=3600,
        AssignmentDurationInSeconds=600,
        Question=PLAIN_FORM,
    )["HIT"]["HITId"]
    mturk_fake.submit_answers(hit_id, WORKER_ID, {"age": "30", "comments": "None."})
    (assignment,) = submitted_assignments(mturk, hit_id)
    assert answers(assignment) == {"age": "30", "comments": "None."}


@pytest.mark.evidence("hits.reviewable-status")
def test_work_on_a_hit_still_open_is_found_too(
    mturk_profile: str, mturk_fake: MTurkFake, capsys: pytest.CaptureFixture[str]
) -> None:
    """ListReviewableHITs would miss this HIT: it is still Assignable."""
    mturk = mturk_client()
    hit_id = mturk.create_hit(
        Title="Three answers wanted",
        Description="One question.",
        Reward="0.05",
        MaxAssignments=3,
        LifetimeInSeconds=3600,
        AssignmentDurationInSeconds=600,
        Question=QUESTION.read_text(),
    )["HIT"]["HITId"]
    first = mturk_fake.submit_answers(hit_id, WORKER_ID, ANSWER)
    second = mturk_fake.submit_answers(hit_id, "A2OTHERWORKER", {"feedback": "Fine."})
    assert mturk.get_hit(HITId=hit_id)["HIT"]["HITStatus"] == "Assignable"
    assert mturk.list_reviewable_hits()["HITs"] == []
    assert [a["AssignmentId"] for a in all_submitted_work(mturk)] == [first, second]
    assert main([]) == 0
    printed = capsys.readouterr().out
    assert "A1EXAMPLEWORKER answered {'feedback': 'It worked.'}" in printed
    assert "A2OTHERWORKER answered {'feedback': 'Fine.'}" in printed
    market = mturk_fake.marketplace(sandbox=True)
    assert [market.assignments[a].status for a in (first, second)] == ["Approved"] * 2
    assert len(market.bonuses) == 2


def test_all_submitted_work_reads_every_page(mturk_profile: str, mturk_fake: MTurkFake) -> None:
    mturk = mturk_client()
    hit_ids = [create_first_hit(mturk, QUESTION)["HITId"] for _ in range(101)]  # two pages
    last = mturk_fake.submit_answers(hit_ids[-1], WORKER_ID, ANSWER)
    assert [a["AssignmentId"] for a in all_submitted_work(mturk)] == [last]


def test_approved_and_rejected_work_leaves_the_list(
    submitted: tuple[str, str], mturk_fake: MTurkFake
) -> None:
    approve(mturk_client(), submitted[1])
    assert submitted_assignments(mturk_client(), submitted[0]) == []
    hit_id = create_first_hit(mturk_client(), QUESTION)["HITId"]
    assignment_id = mturk_fake.submit_answers(hit_id, "A2OTHERWORKER", ANSWER)
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
    # Run again more than 24 hours later, when MTurk has forgotten the token (botocore
    # model: "The unique token expires after 24 hours"): the check of the bonuses
    # already paid is what stops a second payment.
    mturk_fake.advance_time(25 * 3600)
    again = check_section(SHELL, "bonus", shell=shell)
    assert again[1].stdout == ""  # send-bonus did not run
    assert len(mturk_fake.marketplace(sandbox=True).bonuses) == 1


@pytest.mark.evidence("payments.bonus-token-24h")
def test_the_token_alone_would_pay_twice_after_24_hours(
    submitted: tuple[str, str], mturk_fake: MTurkFake
) -> None:
    """Why the page checks the bonuses already paid instead of trusting the token."""
    mturk = mturk_client()
    approve(mturk, submitted[1])
    for _ in range(2):
        mturk.send_bonus(
            WorkerId=WORKER_ID,
            AssignmentId=submitted[1],
            BonusAmount="0.25",
            Reason="Thanks.",
            UniqueRequestToken=f"bonus-{submitted[1]}",
        )
        mturk_fake.advance_time(24 * 3600)
    assert len(mturk_fake.marketplace(sandbox=True).bonuses) == 2
    assert not pay_bonus(mturk, WORKER_ID, submitted[1], "0.25", "Thanks.")
