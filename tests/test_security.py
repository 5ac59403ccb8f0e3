"""Tests for ``snippets/security.py`` and ``.sh`` (page ``docs/security.md``)."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import boto3
import pytest
from botocore.exceptions import ClientError

from guide_tools import constants
from guide_tools.shell import Shell, check_section, run_section
from guide_tools.store_keys import read_key_file
from mturk_emulator import MTurkFake
from snippets.iam_user import create_mturk_user
from snippets.security import (
    RotationError,
    active_keys,
    create_limited_user,
    deactivate_key,
    finish_rotation,
    start_rotation,
)
from tests.conftest import ROOT, RunFailing, RunSnippet

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

SHELL = ROOT / "snippets" / "security.sh"
POLICY = ROOT / "snippets" / "pay_bonuses_only.json"


def mturk_with(key_id: str, secret: str) -> MTurkClient:
    return boto3.client(
        "mturk",
        region_name=constants.REGION,
        endpoint_url=constants.SANDBOX_ENDPOINT,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
    )


def test_rotation_is_two_commands_and_the_old_key_works_until_the_second(
    aws: MTurkFake, run_snippet: RunSnippet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    old = create_mturk_user(boto3.client("iam"))
    run_snippet("snippets/security.py", "start")
    new = read_key_file(tmp_path / "mturk-api_newAccessKeys.csv")
    # Between the two commands both keys work: the reader's tools are switched over then.
    assert mturk_with(old["AccessKeyId"], old["SecretAccessKey"]).get_account_balance()
    assert mturk_with(new.key_id, new.secret).get_account_balance()
    run_snippet("snippets/security.py", "finish", old["AccessKeyId"][-4:])
    keys = boto3.client("iam").list_access_keys(UserName="mturk-api")["AccessKeyMetadata"]
    assert [k["AccessKeyId"] for k in keys] == [new.key_id]
    assert mturk_with(new.key_id, new.secret).get_account_balance()
    with pytest.raises(ClientError, match="security token included in the request is invalid"):
        mturk_with(old["AccessKeyId"], old["SecretAccessKey"]).get_account_balance()


def test_the_limited_user_command(
    aws: MTurkFake, run_snippet: RunSnippet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run_snippet("snippets/security.py", "limited-user", str(POLICY))
    policies = boto3.client("iam").list_user_policies(UserName="mturk-bonus-payer")
    assert policies["PolicyNames"] == ["pay_bonuses_only"]


def test_finish_refuses_to_retire_the_only_working_key(
    aws: MTurkFake, run_failing: RunFailing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    old = create_mturk_user(boto3.client("iam"))
    ran = run_failing("snippets/security.py", "finish", old["AccessKeyId"])
    assert ran.exit_code == 2
    assert "Nothing changed: the key ending" in ran.err
    assert "is mturk-api's only working key" in ran.err
    assert mturk_with(old["AccessKeyId"], old["SecretAccessKey"]).get_account_balance()


@pytest.mark.parametrize("given", ["", "ZFX", "NOPE"])
def test_finish_needs_a_key_the_user_has(
    aws: MTurkFake, run_failing: RunFailing, given: str
) -> None:
    old = create_mturk_user(boto3.client("iam"))
    ran = run_failing("snippets/security.py", "finish", given)
    assert ran.exit_code == 2
    assert "has no one key whose id ends" in ran.err
    assert active_keys(boto3.client("iam"), "mturk-api") == [old["AccessKeyId"]]


def test_finish_takes_the_full_id_too(aws: MTurkFake, run_failing: RunFailing) -> None:
    old = create_mturk_user(boto3.client("iam"))
    ran = run_failing("snippets/security.py", "finish", old["AccessKeyId"])
    assert "only working key" in ran.err


def test_finish_refuses_when_the_new_key_is_switched_off(
    aws: MTurkFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    iam = boto3.client("iam")
    old = create_mturk_user(iam)
    new_id = start_rotation(iam)
    deactivate_key(iam, "mturk-api", new_id)
    with pytest.raises(RotationError, match="only working key"):
        finish_rotation(iam, "mturk-api", old["AccessKeyId"])
    assert active_keys(iam, "mturk-api") == [old["AccessKeyId"]]


def test_start_refuses_a_third_key(
    aws: MTurkFake, run_failing: RunFailing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # IAM allows two access keys per user (facts.md section 3; IAM quotas).
    monkeypatch.chdir(tmp_path)
    iam = boto3.client("iam")
    create_mturk_user(iam)
    iam.create_access_key(UserName="mturk-api")
    ran = run_failing("snippets/security.py", "start")
    assert ran.exit_code == 2
    assert "already has two keys: finish the earlier rotation first" in ran.err
    assert not (tmp_path / "mturk-api_newAccessKeys.csv").exists()
    assert len(iam.list_access_keys(UserName="mturk-api")["AccessKeyMetadata"]) == 2


def test_main_without_the_user_says_so(aws: MTurkFake, run_failing: RunFailing) -> None:
    ran = run_failing("snippets/security.py", "start")
    assert ran.exit_code == 1
    assert "NoSuchEntity" in ran.err


def test_the_new_key_file_is_private_and_never_overwritten(
    aws: MTurkFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_failing: RunFailing
) -> None:
    monkeypatch.chdir(tmp_path)
    create_mturk_user(boto3.client("iam"))
    (tmp_path / "mturk-api_newAccessKeys.csv").write_text("a key saved earlier")
    before = (tmp_path / "mturk-api_newAccessKeys.csv").read_bytes()
    ran = run_failing("snippets/security.py", "start")
    assert ran.exit_code == 2
    assert "mturk-api_newAccessKeys.csv already exists" in ran.err
    assert (tmp_path / "mturk-api_newAccessKeys.csv").read_bytes() == before
    keys = boto3.client("iam").list_access_keys(UserName="mturk-api")["AccessKeyMetadata"]
    assert len(keys) == 1  # no key made that could not be saved


def test_the_saved_key_is_private(
    aws: MTurkFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    create_mturk_user(boto3.client("iam"))
    start_rotation(boto3.client("iam"))
    assert stat.S_IMODE((tmp_path / "mturk-api_newAccessKeys.csv").stat().st_mode) == 0o600


def test_a_deactivated_key_is_refused_at_once(aws: MTurkFake) -> None:
    key = create_mturk_user(boto3.client("iam"))
    client = mturk_with(key["AccessKeyId"], key["SecretAccessKey"])
    assert client.get_account_balance()
    deactivate_key(boto3.client("iam"), "mturk-api", key["AccessKeyId"])
    with pytest.raises(ClientError, match="security token included in the request is invalid"):
        client.get_account_balance()


def test_finish_rotation_removes_the_old_key(
    aws: MTurkFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    key = create_mturk_user(boto3.client("iam"))
    new_id = start_rotation(boto3.client("iam"))
    finish_rotation(boto3.client("iam"), "mturk-api", key["AccessKeyId"])
    keys = boto3.client("iam").list_access_keys(UserName="mturk-api")["AccessKeyMetadata"]
    assert [k["AccessKeyId"] for k in keys] == [new_id]


def test_the_cli_check_shows_when_finishing_would_leave_no_key(
    aws: MTurkFake, tmp_path: Path
) -> None:
    create_mturk_user(boto3.client("iam"))
    [result] = run_section(SHELL, "check-rotation", shell=Shell(tmp_path))
    assert result.stdout.strip() == "1"  # not the "2" the page says to wait for


def test_the_limited_user_can_pay_bonuses_and_nothing_else(aws: MTurkFake) -> None:
    create_limited_user(boto3.client("iam"), policy_file=POLICY)
    key = boto3.client("iam").create_access_key(UserName="mturk-bonus-payer")["AccessKey"]
    client = mturk_with(key["AccessKeyId"], key["SecretAccessKey"])
    assert client.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE
    # Allowed (the error is about the data, not the rights):
    with pytest.raises(ClientError, match="Assignment 3NOTHING does not exist"):
        client.list_bonus_payments(AssignmentId="3NOTHING")
    with pytest.raises(ClientError, match="mechanicalturk:CreateHIT"):
        client.create_hit(
            Title="t",
            Description="d",
            Reward="0.10",
            LifetimeInSeconds=3600,
            AssignmentDurationInSeconds=600,
            Question=(ROOT / "snippets" / "first_hit_question.xml").read_text(),
        )


def test_the_policy_names_only_mturk_actions() -> None:
    (statement,) = json.loads(POLICY.read_text())["Statement"]
    assert all(a.startswith(constants.IAM_ACTION_PREFIX) for a in statement["Action"])


def test_the_cli_rotation(aws: MTurkFake, tmp_path: Path) -> None:
    old = create_mturk_user(boto3.client("iam"))
    shutil.copy(POLICY, tmp_path)
    shell = Shell(tmp_path)
    listed = check_section(SHELL, "list-keys", shell=shell)
    assert listed[0].stdout.split() == [old["AccessKeyId"], "Active"]
    check_section(SHELL, "rotate-key", shell=shell)
    saved = tmp_path / "mturk-api_newAccessKey.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    new_id = json.loads(saved.read_text())["AccessKey"]["AccessKeyId"]
    check_section(SHELL, "check-rotation", shell=shell)  # "2": both keys work, go on
    check_section(SHELL, "deactivate-key", shell=shell)
    keys = boto3.client("iam").list_access_keys(UserName="mturk-api")["AccessKeyMetadata"]
    assert {k["AccessKeyId"]: k["Status"] for k in keys} == {
        old["AccessKeyId"]: "Inactive",
        new_id: "Active",
    }
    check_section(SHELL, "finish-rotation", shell=shell)
    keys = boto3.client("iam").list_access_keys(UserName="mturk-api")["AccessKeyMetadata"]
    assert [k["AccessKeyId"] for k in keys] == [new_id]
    check_section(SHELL, "least-privilege", shell=shell)
    policy = boto3.client("iam").get_user_policy(
        UserName="mturk-bonus-payer", PolicyName="PayBonusesOnly"
    )
    assert policy["PolicyDocument"] == json.loads(POLICY.read_text())
