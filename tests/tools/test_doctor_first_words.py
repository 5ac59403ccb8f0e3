"""The doctor's first words to a reader without MTurk: the live service is closed, and
the practice doctor shows it at work (issue 25). Practice mode, and a setup that
answers, go straight to the report."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide_tools.doctor.cli import LIVE_SERVICE_CLOSED, PRACTICE_DOCTOR, main
from guide_tools.errors import DOCTOR_COMMAND
from mturk_emulator import emulator
from mturk_emulator.environment import isolated_aws_environment

FIRST_WORDS = "MTurk closed on September 30, 2026:"


@pytest.fixture
def no_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A reader's computer with no AWS key anywhere."""
    with isolated_aws_environment(tmp_path):
        for name in [n for n in os.environ if n.startswith("AWS_") and n != "AWS_DATA_PATH"]:
            monkeypatch.delenv(name)
        monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
        monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
        # No cloud machine's metadata service to ask (a laptop's answer is "none").
        monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
        yield


@pytest.mark.usefixtures("no_keys")
def test_a_reader_without_keys_first_hears_that_mturk_closed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 2
    out = capsys.readouterr().out
    assert out.startswith(FIRST_WORDS)
    assert PRACTICE_DOCTOR in " ".join(out.split())
    assert LIVE_SERVICE_CLOSED.startswith(FIRST_WORDS)
    assert "MT101" in out


@pytest.mark.usefixtures("no_keys")
def test_practice_mode_and_json_get_the_report_alone(capsys: pytest.CaptureFixture[str]) -> None:
    token = DOCTOR_COMMAND.set(PRACTICE_DOCTOR)
    try:
        main([])
    finally:
        DOCTOR_COMMAND.reset(token)
    assert capsys.readouterr().out.startswith("MTurk setup doctor:")
    main(["--json"])
    assert capsys.readouterr().out.startswith("{")


def test_a_setup_that_answers_gets_the_report_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with emulator(aws_folder=tmp_path):
        main([])
    out = capsys.readouterr().out
    assert out.startswith("MTurk setup doctor:")
    assert FIRST_WORDS not in out
