"""Tests for ``snippets/errors.py``: every error ends in a sentence and an exit code."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ProfileNotFound

from guide_tools import constants
from guide_tools.errors import friendly_errors


def ended(
    error: BaseException, capsys: pytest.CaptureFixture[str], usage: str = ""
) -> tuple[int, str]:
    with pytest.raises(SystemExit) as leaving, friendly_errors(usage):
        raise error
    assert isinstance(leaving.value.code, int)
    return leaving.value.code, capsys.readouterr().err


def test_aws_refusals_name_the_code_and_the_doctor(capsys: pytest.CaptureFixture[str]) -> None:
    error = ClientError(
        {"Error": {"Code": "AccessDeniedException", "Message": "not authorized"}}, "CreateHIT"
    )
    code, err = ended(error, capsys)
    assert code == 1
    assert "AWS refused the request: AccessDeniedException: not authorized" in err
    assert "uv run --no-dev python -m snippets.doctor" in err
    assert constants.guide_link("troubleshooting/") in err


def test_a_missing_profile_points_to_the_key_page(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = ended(ProfileNotFound(profile="mturk"), capsys)
    assert code == 2
    assert "The config profile (mturk) could not be found" in err
    assert constants.guide_link("store-keys/") in err


def test_no_connection_is_reported_as_such(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = ended(EndpointConnectionError(endpoint_url="https://example.invalid"), capsys)
    assert code == 1
    assert "did not reach AWS" in err
    assert "https://example.invalid" in err


def test_an_existing_file_is_never_overwritten(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = ended(FileExistsError(17, "File exists", "keys.csv"), capsys)
    assert code == 2
    assert "keys.csv already exists" in err


def test_bad_input_shows_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = ended(ValueError("'x' is not a number"), capsys, usage="python -m x N")
    assert code == 2
    assert "That input is not valid ('x' is not a number)" in err
    assert "Usage: python -m x N" in err
    code, err = ended(IndexError("list index out of range"), capsys)
    assert code == 2
    assert "Usage" not in err


def test_other_errors_are_not_hidden() -> None:
    with pytest.raises(KeyError), friendly_errors():
        raise KeyError("a bug should show its traceback")
