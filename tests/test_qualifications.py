"""Tests for ``snippets/qualifications.py`` and ``.sh`` (page ``docs/qualifications.md``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from guide_tools.shell import Shell, check_section
from mturk_emulator import MTurkFake
from mturk_emulator.exceptions import WorkerCannotAccept
from snippets.check_setup import mturk_client
from snippets.qualifications import (
    assign_score,
    block_worker,
    create_qualification_type,
    exclude_holders,
    score_of,
    unblock_worker,
)
from tests.conftest import ROOT, RunFailing, RunSnippet

SHELL = ROOT / "snippets" / "qualifications.sh"
QUESTION_FILE = ROOT / "snippets" / "first_hit_question.xml"
QUESTION = QUESTION_FILE.read_text()
PILOT_WORKER, NEW_WORKER = "A1EXAMPLEWORKER", "A2NEWWORKER"


@pytest.fixture(autouse=True)
def _workers_exist(request: pytest.FixtureRequest) -> None:
    """The page's workers have sandbox accounts: MTurk refused worker IDs it did not
    know (aws/aws-sdk-java#2055), so the emulator must be told of them."""
    if "mturk_profile" in request.fixturenames:
        fake: MTurkFake = request.getfixturevalue("mturk_fake")
        fake.add_worker(PILOT_WORKER, NEW_WORKER, sandbox=True)


@pytest.mark.evidence("workers.unknown-worker")
def test_an_unknown_worker_is_named_without_a_traceback(
    mturk_profile: str, run_failing: RunFailing, mturk_fake: MTurkFake
) -> None:
    mturk_fake.marketplace(sandbox=True).workers.clear()
    ran = run_failing("snippets/qualifications.py", str(QUESTION_FILE))
    assert ran.exit_code == 1
    assert "is not valid for the parameter WorkerId" in ran.err
    assert "Traceback" not in ran.err


def test_main_hides_the_follow_up_from_the_pilots_workers(
    mturk_profile: str, mturk_fake: MTurkFake, run_snippet: RunSnippet
) -> None:
    run_snippet("snippets/qualifications.py", str(QUESTION_FILE))
    (follow_up,) = mturk_fake.marketplace(sandbox=True).hits.values()
    with pytest.raises(WorkerCannotAccept, match="qualification requirement"):
        mturk_fake.accept_hit(follow_up.id, PILOT_WORKER)
    assert mturk_fake.accept_hit(follow_up.id, NEW_WORKER)


def test_main_reports_a_duplicate_name_without_a_traceback(
    mturk_profile: str, run_failing: RunFailing
) -> None:
    create_qualification_type(mturk_client(), "Took part in the pilot", "Made earlier.")
    ran = run_failing("snippets/qualifications.py", str(QUESTION_FILE))
    assert ran.exit_code == 1
    assert "AWS refused the request" in ran.err


def test_scores_are_kept_per_worker(mturk_profile: str) -> None:
    pilot = create_qualification_type(mturk_client(), "Pilot", "Did the pilot.")
    assign_score(mturk_client(), pilot, PILOT_WORKER, score=7)
    assert score_of(mturk_client(), pilot, PILOT_WORKER) == 7
    assign_score(mturk_client(), pilot, PILOT_WORKER, score=3)
    assert score_of(mturk_client(), pilot, PILOT_WORKER) == 3
    with pytest.raises(ClientError, match="RequestError"):
        score_of(mturk_client(), pilot, NEW_WORKER)


def test_the_requirement_is_valid_for_create_hit(mturk_profile: str) -> None:
    pilot = create_qualification_type(mturk_client(), "Pilot", "Did the pilot.")
    hit = mturk_client().create_hit(
        Title="t",
        Description="d",
        Reward="0.10",
        MaxAssignments=1,
        LifetimeInSeconds=3600,
        AssignmentDurationInSeconds=600,
        Question=QUESTION,
        QualificationRequirements=[exclude_holders(pilot)],
    )["HIT"]
    assert hit["QualificationRequirements"] == [exclude_holders(pilot)]


def test_a_blocked_worker_cannot_accept_until_unblocked(
    mturk_profile: str, mturk_fake: MTurkFake
) -> None:
    hit_id = mturk_client().create_hit(
        Title="t",
        Description="d",
        Reward="0.10",
        MaxAssignments=1,
        LifetimeInSeconds=3600,
        AssignmentDurationInSeconds=600,
        Question=QUESTION,
    )["HIT"]["HITId"]
    block_worker(mturk_client(), PILOT_WORKER, "Copied answers.")
    with pytest.raises(WorkerCannotAccept, match="blocked"):
        mturk_fake.accept_hit(hit_id, PILOT_WORKER)
    unblock_worker(mturk_client(), PILOT_WORKER, "Blocked by mistake.")
    assert mturk_fake.accept_hit(hit_id, PILOT_WORKER)


def test_the_cli_commands(mturk_profile: str, mturk_fake: MTurkFake, tmp_path: Path) -> None:
    shell = Shell(tmp_path)
    check_section(SHELL, "qualification-type", shell=shell)
    pilot = shell.variables["PILOT"]
    assert pilot in mturk_fake.marketplace(sandbox=True).qualification_types
    scored = check_section(SHELL, "assign-score", shell=shell)
    assert scored[-1].stdout.strip() == "1"
    blocks = check_section(SHELL, "block-worker", shell=shell)
    assert blocks[1].stdout.split("\t")[0] == PILOT_WORKER
    assert mturk_fake.marketplace(sandbox=True).worker_blocks == {}
