"""Tests for ``snippets/store_keys.py`` and ``.sh`` (page ``docs/store-keys.md``).

The page shows the importer's idea in a few lines (``snippets/store_keys.py``) and tells
readers to run the importer itself, ``guide_tools/store_keys.py``, whose every input and
fault is tested in ``tests/tools/test_store_keys.py``. Here: the idea works as the page
says, and the commands the page shows run.
"""

from __future__ import annotations

import configparser
import stat
from pathlib import Path

import boto3
import pytest

from guide_tools import constants
from guide_tools.shell import check_section
from guide_tools.store_keys import credentials_path
from mturk_emulator import MTurkFake
from snippets.iam_user import create_mturk_user, save_access_key
from snippets.store_keys import read_access_key, save_profile
from tests.conftest import ROOT, RunSnippet

KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SHELL = ROOT / "snippets" / "store_keys.sh"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The idea writes to ~/.aws/credentials: a home folder of the test's own."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def test_the_idea_reads_todays_download(tmp_path: Path) -> None:
    path = tmp_path / "mturk-api_accessKeys.csv"
    # Today's per-key download: UTF-8 with a byte-order mark and CRLF (facts.md section 3).
    path.write_text(f"\ufeffAccess key ID,Secret access key\r\n{KEY_ID},{SECRET}\r\n")
    assert read_access_key(path) == (KEY_ID, SECRET)


def test_the_idea_adds_a_private_profile_and_keeps_the_others(home: Path) -> None:
    path = home / ".aws" / "credentials"
    path.parent.mkdir()
    path.write_text("[default]\nregion = eu-west-1")
    path.chmod(0o644)
    save_profile(KEY_ID, SECRET)
    parser = configparser.RawConfigParser()
    parser.read_string(path.read_text())
    assert parser["default"]["region"] == "eu-west-1"
    assert dict(parser["mturk"]) == {
        "aws_access_key_id": KEY_ID,
        "aws_secret_access_key": SECRET,
    }
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["credentials"]


def test_the_idea_never_replaces_a_profile(home: Path) -> None:
    save_profile(KEY_ID, SECRET, "lab")
    before = (home / ".aws" / "credentials").read_bytes()
    with pytest.raises(ValueError, match="already a profile named 'lab'"):
        save_profile(KEY_ID, SECRET, "lab")
    assert (home / ".aws" / "credentials").read_bytes() == before


def test_main_stores_the_key_from_the_console_download(
    aws: MTurkFake, run_snippet: RunSnippet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    key = create_mturk_user(boto3.client("iam"))
    save_access_key(key)
    run_snippet("snippets/store_keys.py", "mturk-api_accessKeys.csv", "--profile", "mturk")
    assert stat.S_IMODE(credentials_path().stat().st_mode) == 0o600
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
    assert stat.S_IMODE(credentials_path().stat().st_mode) == 0o600
    session = boto3.Session(profile_name="mturk")
    assert session.region_name == constants.REGION
    assert session.client("sts").get_caller_identity()["Arn"].endswith(":user/mturk-api")
