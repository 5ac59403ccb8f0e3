"""Tests for ``snippets/after_the_closure.py`` and ``.sh`` (page ``docs/after-the-closure.md``)."""

from __future__ import annotations

import json
from datetime import datetime

import boto3
import pytest
from botocore.exceptions import ClientError

from guide_tools.shell import Shell, check_section
from mturk_emulator import MTurkFake
from snippets.after_the_closure import hit_record, remove_mturk_user
from snippets.check_setup import mturk_client
from snippets.iam_user import create_mturk_user
from tests.conftest import ROOT, RunFailing, RunSnippet

SHELL = ROOT / "snippets" / "after_the_closure.sh"


def users() -> list[str]:
    return [u["UserName"] for u in boto3.client("iam").list_users()["Users"]]


def test_main_only_looks_unless_told_to_delete(aws: MTurkFake, run_snippet: RunSnippet) -> None:
    create_mturk_user(boto3.client("iam"))
    run_snippet("snippets/after_the_closure.py", "mturk-api")
    assert users() == ["mturk-api"]
    run_snippet("snippets/after_the_closure.py", "mturk-api", "--delete")
    assert users() == []


def test_the_removed_key_no_longer_signs_anything(aws: MTurkFake) -> None:
    """Deleting the user's key is what revokes CloudResearch's (or any tool's) access."""
    key = create_mturk_user(boto3.client("iam"))
    iam = boto3.client("iam")
    allow = {"Effect": "Allow", "Action": "mechanicalturk:SendBonus", "Resource": "*"}
    inline = json.dumps({"Version": "2012-10-17", "Statement": [allow]})
    iam.put_user_policy(UserName="mturk-api", PolicyName="bonus", PolicyDocument=inline)
    assert remove_mturk_user(iam, "mturk-api") == [key["AccessKeyId"]]
    mturk = boto3.client(
        "mturk",
        region_name="us-east-1",
        endpoint_url="https://mturk-requester-sandbox.us-east-1.amazonaws.com",
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )
    with pytest.raises(ClientError, match="security token included in the request is invalid"):
        mturk.get_account_balance()


def test_an_unknown_user_is_one_clear_sentence(aws: MTurkFake, run_failing: RunFailing) -> None:
    ran = run_failing("snippets/after_the_closure.py", "nobody", "--delete")
    assert ran.exit_code != 0
    assert "Traceback" not in ran.err
    assert "nobody" in ran.err


def test_the_record_of_a_hit_names_what_a_methods_section_needs(
    mturk_profile: str, mturk_fake: MTurkFake
) -> None:
    mturk = mturk_client()
    locale = {"QualificationTypeId": "00000000000000000071", "Comparator": "EqualTo",
              "LocaleValues": [{"Country": "US"}]}  # fmt: skip
    hit = mturk.create_hit(
        Title="A study",
        Description="A study.",
        Reward="1.50",
        MaxAssignments=100,
        LifetimeInSeconds=3600,
        AssignmentDurationInSeconds=600,
        Question=(ROOT / "snippets" / "first_hit_question.xml").read_text(),
        QualificationRequirements=[locale],
    )["HIT"]
    record = hit_record(mturk, hit["HITId"])
    assert record["Environment"] == "https://mturk-requester-sandbox.us-east-1.amazonaws.com"
    assert record["FeeRate"] == "40%"  # 10 or more assignments: facts.md §5, MTurk pricing
    assert record["Reward"] == "1.50"
    assert record["QualificationRequirements"][0]["LocaleValues"] == [{"Country": "US"}]
    created = datetime.fromisoformat(record["Created"])
    assert (datetime.fromisoformat(record["Expires"]) - created).total_seconds() == 3600
    json.dumps(record)  # it can be saved as it is


def test_the_cli_commands_remove_the_user(aws: MTurkFake) -> None:
    create_mturk_user(boto3.client("iam"))
    shell = Shell(ROOT)
    check_section(SHELL, "remove-user", shell=shell)
    check_section(SHELL, "check-gone", shell=shell)
    assert users() == []
