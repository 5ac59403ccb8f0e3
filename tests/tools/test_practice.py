"""Tests for practice mode (``snippets/practice.py``), the readers' way to run every step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from guide_tools import constants, practice
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
    assert out.startswith(f"Practice mode: {step.title} ({step.url})\n")
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
        assert f"uv run --no-dev python -m snippets.practice {name}" in texts
        cli = f"uv run --no-dev --extra cli python -m snippets.practice {name} --cli"
        assert cli in texts


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


# --- through the real command line (the safety issue's cases) ------------------------------


def practise(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "snippets.practice", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=300,
    )


def test_ctrl_c_in_process_is_one_line_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(step: practice.Step, **options: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(practice, "run", interrupted)
    assert practice.main(["check-setup"]) == 130
    assert "Stopped. Practice mode works in a temporary folder" in capsys.readouterr().err


STOPPED = (
    "Stopped. Practice mode works in a temporary folder, now deleted: nothing of yours was "
    "changed."
)


def test_ctrl_c_inside_a_page_program_stops_practice_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The key importer stops on KeyboardInterrupt with its own advice ("Run the command
    # again to be sure"); in practice mode, where it runs as a replayed step, that gave
    # two messages and exit code 1 (found by sending Ctrl-C at random moments).
    import guide_tools.store_keys

    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # as from a terminal

    def ctrl_c_while_saving(*args: object, **kwargs: object) -> None:
        signal.raise_signal(signal.SIGINT)
        raise AssertionError("Ctrl-C did not stop practice mode")

    monkeypatch.setattr(guide_tools.store_keys, "save_profile", ctrl_c_while_saving)
    try:
        code = practice.main(["review-and-pay"])
    finally:
        handler = signal.signal(signal.SIGINT, before)
    assert handler is signal.default_int_handler  # practice mode put it back
    assert (code, capsys.readouterr().err.strip().splitlines()) == (130, [STOPPED])


def test_practice_mode_leaves_an_ignored_ctrl_c_alone(capsys: pytest.CaptureFixture[str]) -> None:
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as under nohup
    try:
        assert practice.main(["check-setup"]) == 0
    finally:
        handler = signal.signal(signal.SIGINT, before)
    assert handler is signal.SIG_IGN
    assert "Practice mode: " in capsys.readouterr().out


def test_practice_mode_runs_outside_the_main_thread_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Only the main thread may set a signal handler: elsewhere Ctrl-C is left as it is.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    codes: list[int] = []
    try:
        worker = threading.Thread(target=lambda: codes.append(practice.main(["check-setup"])))
        worker.start()
        worker.join()
    finally:
        signal.signal(signal.SIGINT, before)
    assert codes == [0]
    assert "Practice mode: " in capsys.readouterr().out


@pytest.mark.process
def test_ctrl_c_stops_with_one_line_not_a_traceback() -> None:
    process = subprocess.Popen(
        # A step that replays four earlier ones: Ctrl-C lands while it runs.
        [sys.executable, "-m", "snippets.practice", "review-and-pay"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        # As from a terminal: a test run started in the background (nohup, `&` in a
        # script) passes Ctrl-C on as ignored, and Python then never raises it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    # The run has begun (the header is printed inside it): Ctrl-C now lands while the
    # emulator starts and the earlier steps replay, however fast or busy the machine.
    first = process.stdout.readline()
    assert first.startswith("Practice mode: Review, approve and pay a bonus")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    # One comparison, so that a failure shows the exit code and every line at once (no
    # traceback, no "KeyboardInterrupt", nothing but the sentence).
    assert (process.returncode, err.strip().splitlines()) == (
        130,
        [
            "Stopped. Practice mode works in a temporary folder, now deleted: nothing of "
            "yours was changed."
        ],
    )


READERS_VARIABLES = {
    "endpoint": {"AWS_ENDPOINT_URL": "http://127.0.0.1:1"},
    "endpoint-cli": {
        "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
        "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:1",
    },
    "output-format-cli": {"AWS_DEFAULT_OUTPUT": "text"},
    "profile-and-token": {"AWS_PROFILE": "someone-elses", "AWS_SESSION_TOKEN": "EXAMPLETOKEN"},
}


@pytest.mark.process
def test_the_readers_aws_variables_change_nothing_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # mturk_emulator/environment.py sets every AWS_* variable aside while the run lasts:
    # once through the real command line, with the variables that broke it most, against
    # the same step run clean (in this process: its output is the command's, a second
    # interpreter cost a second)...
    assert practice.main(["check-setup", "--cli"]) == 0
    clean = capsys.readouterr().out
    ran = practise("check-setup", "--cli", env=READERS_VARIABLES["endpoint-cli"])
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == clean
    assert "Traceback" not in ran.stderr


@pytest.mark.parametrize("case", READERS_VARIABLES)
def test_the_readers_aws_variables_change_nothing(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # ... and each case through practice mode's main, in this process (no new interpreter).
    args = ["check-setup", "--cli"] if case.endswith("-cli") else ["check-setup"]
    assert practice.main(args) == 0
    clean = capsys.readouterr()
    for name, value in READERS_VARIABLES[case].items():
        monkeypatch.setenv(name, value)
    assert practice.main(args) == 0
    ran = capsys.readouterr()
    assert ran.out == clean.out
    assert "Traceback" not in ran.err


def test_the_not_linked_step_points_to_the_practice_doctor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert practice.main(["not-linked"]) == 0
    err = capsys.readouterr().err
    assert (
        "Run `uv run --no-dev python -m snippets.practice doctor-not-linked` to find the cause"
        in err
    )
    assert "snippets.doctor`" not in err


def test_links_follow_the_guides_address(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MTURK_GUIDE_URL", raising=False)
    assert practice.STEPS["not-linked"].url == "docs/link-aws.md"
    assert practice.STEPS["iam-user"].url == constants.guide_link("iam-user/")
    monkeypatch.setenv("MTURK_GUIDE_URL", "https://lab.example.org/mturk")
    assert practice.main(["not-linked"]) == 0
    captured = capsys.readouterr()
    assert "(https://lab.example.org/mturk/link-aws/)" in captured.out
    assert "see https://lab.example.org/mturk/troubleshooting/" in captured.err


def test_a_cli_run_without_the_aws_cli_names_the_command_that_installs_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The AWS CLI is the readers' opt-in ``cli`` extra (issue 25): one line, exit 2."""
    monkeypatch.setattr(practice, "find_spec", lambda name: None)
    assert practice.main(["first-hit", "--cli"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "The AWS CLI runs need the guide's cli extra, which installs the AWS CLI: "
        "uv run --no-dev --extra cli python -m snippets.practice first-hit --cli"
    ]
