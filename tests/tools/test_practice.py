"""Tests for practice mode (``snippets/practice.py``), the readers' way to run every step."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guide_tools import practice
from guide_tools.shell import parse_commands, read_section
from tests.conftest import ROOT

COMMANDS = ROOT / "snippets" / "practice.sh"


@pytest.mark.parametrize("cli", [False, True], ids=["python", "cli"])
@pytest.mark.parametrize("name", list(practice.STEPS))
def test_every_step_runs(name: str, cli: bool, capsys: pytest.CaptureFixture[str]) -> None:
    step = practice.STEPS[name]
    argv = [name, "--cli"] if cli else [name]
    assert practice.main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Practice mode: {step.title} (docs/{step.page})\n")
    assert "permanently closed on September 30, 2026" in out
    if step.ends_in_error:
        assert "ends in an error on purpose" in out


def test_a_step_that_should_fail_but_passes_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    step = practice.STEPS["not-linked"]
    monkeypatch.setitem(
        practice.STEPS, "not-linked", practice.Step(**{**step.__dict__, "prepare": None})
    )
    assert practice.main(["not-linked"]) == 1


def test_a_failing_step_exits_non_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    step = practice.STEPS["check-setup"]
    monkeypatch.setitem(
        practice.STEPS,
        "check-setup",
        practice.Step(**{**step.__dict__, "prepare": practice._unlink_sandbox}),
    )
    assert practice.main(["check-setup"]) == 1
    assert "AWS refused the request: RequestError" in capsys.readouterr().err
    assert practice.main(["check-setup", "--cli"]) == 1


def test_the_readers_aws_files_are_never_touched(tmp_path: Path) -> None:
    before = (os.environ["AWS_CONFIG_FILE"], os.environ["AWS_SHARED_CREDENTIALS_FILE"])
    assert practice.main(["store-keys"]) == 0
    assert (os.environ["AWS_CONFIG_FILE"], os.environ["AWS_SHARED_CREDENTIALS_FILE"]) == before
    assert not Path(before[1]).exists()


def test_list_and_bad_step_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert practice.main(["--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == list(practice.STEPS)
    assert practice.main([]) == 2
    assert practice.main(["nope"]) == 2
    assert "There is no step 'nope'" in capsys.readouterr().err


def test_every_page_shows_the_practice_command_of_a_real_step() -> None:
    shown = {}
    for name in practice.STEPS:
        commands = parse_commands(read_section(COMMANDS, name))
        shown[name] = [c.text for c in commands]
    for name, texts in shown.items():
        assert f"uv run python -m snippets.practice {name}" in texts
        assert f"uv run python -m snippets.practice {name} --cli" in texts


def test_a_failing_earlier_step_stops_the_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    step = practice.STEPS["check-setup"]
    monkeypatch.setitem(
        practice.STEPS,
        "check-setup",
        practice.Step(**{**step.__dict__, "script": "snippets.payments", "args": ("nine",)}),
    )
    assert practice.main(["first-hit"]) == 1
    assert "Replaying the earlier step 'check-setup' failed." in capsys.readouterr().err


def test_a_reader_without_aws_variables_is_left_without_them(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("AWS_CONFIG_FILE")
    monkeypatch.delenv("AWS_SHARED_CREDENTIALS_FILE")
    assert practice.main(["check-setup"]) == 0
    assert "AWS_CONFIG_FILE" not in os.environ
    assert "AWS_SHARED_CREDENTIALS_FILE" not in os.environ


@pytest.mark.parametrize(
    ("name", "verdict"),
    [
        ("doctor", "All checks passed: the sandbox is ready."),
        ("doctor-not-linked", "FAIL   Sandbox           MT501 Sandbox not linked"),
    ],
)
def test_the_doctor_can_be_practised(
    name: str, verdict: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert practice.main([name]) == 0
    out = capsys.readouterr().out
    assert verdict in out
    assert 'MTurk setup doctor: profile "mturk", sandbox only' in out
