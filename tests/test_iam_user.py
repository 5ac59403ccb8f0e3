"""Tests for ``snippets/iam_user.py`` and ``.sh`` (page ``docs/iam-user.md``).

They prove the page's promises: a user made exactly as the page says can do
what the page says it can, and no more.
"""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError

from guide_tools import constants
from guide_tools.shell import check_section
from mturk_emulator import MTurkFake
from snippets.iam_user import create_mturk_user, save_access_key
from tests.conftest import ROOT, RunFailing, RunSnippet

SHELL = ROOT / "snippets" / "iam_user.sh"
QUESTION = (
    "<HTMLQuestion xmlns="
    '"http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">'
    "<HTMLContent><![CDATA[<p>Hello</p>]]></HTMLContent><FrameHeight>300</FrameHeight>"
    "</HTMLQuestion>"
)


def mturk_as(key: dict[str, str]) -> object:
    return boto3.client(
        "mturk",
        region_name=constants.REGION,
        endpoint_url=constants.SANDBOX_ENDPOINT,
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )


def create_hit(client: object) -> str:
    hit = client.create_hit(  # type: ignore[attr-defined]
        Title="A test",
        Description="A test HIT",
        Reward="0.10",
        LifetimeInSeconds=600,
        AssignmentDurationInSeconds=300,
        Question=QUESTION,
    )
    return str(hit["HIT"]["HITId"])


def test_main_creates_the_user_and_a_private_key_file(
    aws: MTurkFake, run_snippet: RunSnippet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run_snippet("snippets/iam_user.py")
    path = tmp_path / "mturk-api_accessKeys.csv"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    header, (key_id, secret) = list(csv.reader(path.read_text().splitlines()))
    assert header == ["Access key ID", "Secret access key"]
    iam = boto3.client("iam")
    (listed,) = iam.list_access_keys(UserName="mturk-api")["AccessKeyMetadata"]
    assert listed["AccessKeyId"] == key_id
    assert create_hit(mturk_as({"AccessKeyId": key_id, "SecretAccessKey": secret}))
    attached = iam.list_attached_user_policies(UserName="mturk-api")["AttachedPolicies"]
    assert [p["PolicyName"] for p in attached] == [constants.FULL_ACCESS_POLICY]


def test_full_access_user_can_create_a_sandbox_hit(aws: MTurkFake) -> None:
    key = create_mturk_user(boto3.client("iam"))
    assert create_hit(mturk_as(key)).startswith("3")


def test_read_only_user_reads_the_balance_but_cannot_create_hits(aws: MTurkFake) -> None:
    key = create_mturk_user(boto3.client("iam"), "mturk-reader", constants.READ_ONLY_POLICY)
    client = mturk_as(key)
    assert client.get_account_balance()["AvailableBalance"] == "10000.00"  # type: ignore[attr-defined]
    with pytest.raises(ClientError) as denied:
        create_hit(client)
    assert denied.value.response["Error"]["Code"] == "AccessDeniedException"
    assert "mechanicalturk:CreateHIT" in str(denied.value)


def test_user_without_a_policy_is_denied(aws: MTurkFake) -> None:
    iam = boto3.client("iam")
    iam.create_user(UserName="nobody")
    key = iam.create_access_key(UserName="nobody")["AccessKey"]
    with pytest.raises(ClientError, match="not authorized to perform: mechanicalturk"):
        mturk_as(dict(key)).get_account_balance()  # type: ignore[attr-defined]


def test_the_key_file_is_never_overwritten(aws: MTurkFake, tmp_path: Path) -> None:
    key = create_mturk_user(boto3.client("iam"))
    save_access_key(key, tmp_path / "mturk-api_accessKeys.csv")
    with pytest.raises(FileExistsError):
        save_access_key(key, tmp_path / "mturk-api_accessKeys.csv")


def test_main_refuses_before_creating_anything_when_a_key_file_exists(
    aws: MTurkFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_failing: RunFailing
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mturk-api_accessKeys.csv").write_text("an older key")
    ran = run_failing("snippets/iam_user.py")
    assert ran.exit_code == 2
    assert "mturk-api_accessKeys.csv already exists" in ran.err
    assert (tmp_path / "mturk-api_accessKeys.csv").read_text() == "an older key"
    assert boto3.client("iam").list_users()["Users"] == []


def test_cli_creates_the_user_and_saves_the_key_privately(aws: MTurkFake, tmp_path: Path) -> None:
    results = check_section(SHELL, "create-user", directory=tmp_path)
    assert results[0].stdout.strip() == "arn:aws:iam::123456789012:user/mturk-api"
    assert results[-1].stdout.strip() == constants.FULL_ACCESS_POLICY
    results = check_section(SHELL, "create-key", directory=tmp_path)
    saved = tmp_path / "mturk-api_accessKey.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    key = json.loads(saved.read_text())["AccessKey"]
    assert all(key["SecretAccessKey"] not in r.stdout + r.stderr for r in results)
    assert create_hit(mturk_as(key)).startswith("3")
