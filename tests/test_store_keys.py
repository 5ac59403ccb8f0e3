"""Tests for ``snippets/store_keys.py`` and ``.sh`` (page ``docs/store-keys.md``)."""

from __future__ import annotations

import configparser
import stat
from pathlib import Path

import boto3
import pytest

from guide_tools import constants
from guide_tools.shell import check_section
from mturk_emulator import MTurkFake
from snippets.iam_user import create_mturk_user, save_access_key
from snippets.store_keys import KeyFileError, credentials_file, main, read_access_key, save_profile
from tests.conftest import ROOT, RunSnippet

KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SHELL = ROOT / "snippets" / "store_keys.sh"


@pytest.mark.parametrize(
    "content",
    [
        # Today's per-key download: UTF-8 with a byte-order mark and CRLF line ends.
        f"\ufeffAccess key ID,Secret access key\r\n{KEY_ID},{SECRET}\r\n",
        # The 2017-2022 "Add user" wizard's credentials.csv.
        "User name,Password,Access key ID,Secret access key,Console login link\n"
        f"mturk-api,,{KEY_ID},{SECRET},https://123456789012.signin.aws.amazon.com/console\n",
        # About 2016, other capitals.
        f"User Name,Access Key Id,Secret Access Key\nmturk-api,{KEY_ID},{SECRET}\n",
        # The legacy rootkey.csv.
        f"AWSAccessKeyId={KEY_ID}\nAWSSecretKey={SECRET}\n",
        # Spaces pasted around the values.
        f"Access key ID,Secret access key\n {KEY_ID} , {SECRET} \n",
    ],
    ids=["current", "wizard-2017", "old-2016", "rootkey", "spaces"],
)
def test_reads_every_layout_aws_has_used(tmp_path: Path, content: str) -> None:
    path = tmp_path / "key.csv"
    path.write_text(content, encoding="utf-8")
    assert read_access_key(path) == (KEY_ID, SECRET)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "no 'Access key ID'"),
        ("Name,Value\nfoo,bar\n", "no 'Access key ID'"),
        ("Access key ID,Secret access key\n", "no key"),
        (f"Access key ID,Secret access key\nASIA{KEY_ID[4:]},{SECRET}\n", "temporary"),
        (f"Access key ID,Secret access key\n{KEY_ID},two words\n", "long-term"),
        (f"Access key ID,Secret access key\nAKIA-NOT-A-KEY,{SECRET}\n", "long-term"),
        ("AWSAccessKeyId=\n", "long-term"),
    ],
)
def test_bad_key_files_get_a_clear_message(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "key.csv"
    path.write_text(content)
    with pytest.raises(KeyFileError, match=message):
        read_access_key(path)


def test_unreadable_key_file(tmp_path: Path) -> None:
    path = tmp_path / "key.csv"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(KeyFileError, match="Cannot read"):
        read_access_key(path)
    with pytest.raises(KeyFileError, match="Cannot read"):
        read_access_key(tmp_path / "missing.csv")


def test_saving_keeps_other_profiles_and_comments_and_is_private(tmp_path: Path) -> None:
    path = credentials_file()
    original = "# my lab's keys\n[default]\naws_access_key_id = AKIAEXAMPLEDEFAULT01"
    path.write_text(original)
    path.chmod(0o644)
    assert save_profile(KEY_ID, SECRET) == path
    text = path.read_text()
    assert text.startswith(original + "\n")
    parser = configparser.ConfigParser()
    parser.read_string(text)
    assert parser["mturk"]["aws_access_key_id"] == KEY_ID
    assert parser["mturk"]["aws_secret_access_key"] == SECRET
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.with_name(path.name + ".new").exists()


def test_saving_creates_the_folder_and_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "new" / ".aws" / "credentials")
    )
    path = save_profile(KEY_ID, SECRET, "lab")
    assert path.read_text() == (
        f"[lab]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    )
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_default_location_is_in_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_SHARED_CREDENTIALS_FILE")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert credentials_file() == tmp_path / ".aws" / "credentials"


def test_an_existing_profile_is_never_replaced(tmp_path: Path) -> None:
    save_profile(KEY_ID, SECRET)
    before = credentials_file().read_text()
    with pytest.raises(KeyFileError, match="already has a profile named 'mturk'"):
        save_profile("AKIAIOSFODNN7EXAMPLE", SECRET)
    assert credentials_file().read_text() == before


def test_a_broken_credentials_file_is_left_alone(tmp_path: Path) -> None:
    credentials_file().write_text("this is not = an ini file\n[")
    with pytest.raises(KeyFileError, match="not a valid credentials file"):
        save_profile(KEY_ID, SECRET)
    assert credentials_file().read_text() == "this is not = an ini file\n["


def test_main_reports_problems_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.csv")]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("Not saved: Cannot read")
    assert "Traceback" not in captured.err


def test_main_stores_the_key_from_the_console_download(
    aws: MTurkFake, run_snippet: RunSnippet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    key = create_mturk_user(boto3.client("iam"))
    save_access_key(key)
    run_snippet("snippets/store_keys.py", "mturk-api_accessKeys.csv", "--profile", "mturk")
    sts = boto3.Session(profile_name="mturk").client("sts", region_name=constants.REGION)
    assert sts.get_caller_identity()["Arn"].endswith(":user/mturk-api")


def test_the_command_the_page_shows(
    aws: MTurkFake, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = create_mturk_user(boto3.client("iam"))
    save_access_key(key, tmp_path / "mturk-api_accessKeys.csv")
    results = check_section(SHELL, "python", directory=tmp_path)
    assert results[0].exit_code == 0
    assert "Saved key ending" in results[0].stdout
    assert key["SecretAccessKey"] not in results[0].stdout + results[0].stderr


def test_aws_configure_stores_the_pasted_key(aws: MTurkFake, tmp_path: Path) -> None:
    key = create_mturk_user(boto3.client("iam"))
    typed = f"{key['AccessKeyId']}\n{key['SecretAccessKey']}\n{constants.REGION}\njson\n"
    check_section(SHELL, "configure", directory=tmp_path, stdin=typed)
    assert stat.S_IMODE(credentials_file().stat().st_mode) == 0o600
    session = boto3.Session(profile_name="mturk")
    assert session.region_name == constants.REGION
    assert session.client("sts").get_caller_identity()["Arn"].endswith(":user/mturk-api")


def test_an_unusual_length_is_a_note_not_a_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key_file = tmp_path / "keys.csv"
    key_file.write_text(f"Access key ID,Secret access key\n{KEY_ID}LONGER,{SECRET[:-1]}\n")
    assert main([str(key_file)]) == 0
    out = capsys.readouterr().out
    assert "not the usual 20 + 40 characters" in out
    assert SECRET[:-1] not in out
