"""The AWS CLI, run in-process the way the guide's shell snippets run, talks to the emulator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guide_tools import constants
from guide_tools.shell import Command, Result, Shell, run_command
from mturk_emulator import MTurkFake
from tests.emulator.support import ACCOUNT_ID, QUESTION, iam_user, mturk_client

SANDBOX = f"--endpoint-url {constants.SANDBOX_ENDPOINT}"
PRODUCTION = f"--endpoint-url {constants.PRODUCTION_ENDPOINT}"


def cli(tmp_path: Path, command: str) -> Result:
    return run_command(Command(f"aws {command}", 1), Shell(tmp_path))


def test_the_cli_reads_the_sandbox_balance(aws: MTurkFake, tmp_path: Path) -> None:
    ran = cli(tmp_path, f"mturk get-account-balance {SANDBOX}")
    assert (ran.exit_code, json.loads(ran.stdout)) == (0, {"AvailableBalance": "10000.00"})


def test_the_cli_and_boto3_share_one_emulator(mturk_fake: MTurkFake, tmp_path: Path) -> None:
    (tmp_path / "question.xml").write_text(QUESTION)
    ran = cli(
        tmp_path,
        f"mturk create-hit {SANDBOX} --title Feedback --description One-question "
        "--reward 0.05 --lifetime-in-seconds 600 --assignment-duration-in-seconds 300 "
        "--question file://question.xml --query HIT.HITId --output text",
    )
    assert ran.exit_code == 0, ran.stderr
    hit_id = ran.stdout.strip()
    (listed,) = mturk_client().list_hits()["HITs"]
    assert (listed["HITId"], listed["Reward"]) == (hit_id, "0.05")
    mturk_fake.submit_assignment(hit_id, "A1EXAMPLEWORKER", "<QuestionFormAnswers/>")
    ran = cli(
        tmp_path,
        f"mturk list-assignments-for-hit {SANDBOX} --hit-id {hit_id} "
        "--query Assignments[].WorkerId --output text",
    )
    assert ran.stdout.split() == ["A1EXAMPLEWORKER"]


def test_the_cli_signs_in_as_root_and_sees_the_errors(
    mturk_fake: MTurkFake, tmp_path: Path
) -> None:
    identity = json.loads(cli(tmp_path, "sts get-caller-identity").stdout)
    assert identity["Arn"] == f"arn:aws:iam::{ACCOUNT_ID}:root"
    mturk_fake.set_linked(False, sandbox=False)
    ran = cli(tmp_path, f"mturk get-account-balance {PRODUCTION}")
    assert ran.exit_code == 255
    assert "An error occurred (RequestError) when calling the GetAccountBalance operation" in (
        ran.stderr
    )
    assert constants.PRODUCTION_DEVELOPER_PAGE in ran.stderr
    ran = cli(tmp_path, f"mturk get-account-balance {SANDBOX} --region us-west-1")
    assert "(InvalidSignatureException)" in ran.stderr
    assert "not 'us-west-1'" in ran.stderr


def test_the_cli_with_a_read_only_key(
    aws: MTurkFake, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    key_id, secret = iam_user("reader", managed=(constants.READ_ONLY_POLICY_ARN,))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key_id)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", secret)
    assert cli(tmp_path, f"mturk list-hits {SANDBOX}").exit_code == 0
    ran = cli(tmp_path, f"mturk delete-hit {SANDBOX} --hit-id 3X")
    assert ran.exit_code == 255
    assert "user/reader is not authorized to perform: mechanicalturk:DeleteHIT" in ran.stderr
