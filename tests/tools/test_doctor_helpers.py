"""The doctor and a profile's credential helper (``credential_process``), round two.

Through the real command line, each case of issue 27 that failed before: a helper that
hangs made the doctor hang without a word; a helper's ``"Expiration"`` was printed in
the doctor's message (a secret can be put there); garbage from a helper was "an error
in the doctor itself" (exit 3), not the broken helper (MT112). botocore runs the helper
and waits without a limit (``botocore/credentials.py``, ``ProcessProvider``), and its
messages quote what the helper printed; ``guide_tools/doctor/helpers.py`` keeps it on a
leash. Then, in this process: every finding about a helper is made by
``helpers.finding``, which is given no helper output, and what a helper printed is
hidden from the whole report.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide_tools.command import STOPPED
from guide_tools.doctor import helpers
from guide_tools.doctor.cli import main
from tests.conftest import ROOT

HELPER_SECRET = "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyEXAMPLE1"
KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def doctor(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "snippets.doctor", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "MTURK_GUIDE_URL": "", "AWS_ENDPOINT_URL": "http://127.0.0.1:1"},
        check=False,
        timeout=60,
    )


def helper(script: str) -> str:
    """A helper program that runs ``script`` (Python), as a profile's config names it."""
    path = Path(os.environ["AWS_CONFIG_FILE"]).with_name("helper.py")
    path.write_text(script)
    Path(os.environ["AWS_CONFIG_FILE"]).write_text(
        f"[profile mturk]\ncredential_process = {sys.executable} {path}\n"
    )
    return path.name


def answer(**fields: object) -> str:
    """A helper that prints this JSON."""
    return f"print({json.dumps(json.dumps(fields))})\n"


# --- the cases, through the command line -------------------------------------------------


@pytest.mark.process
def test_a_helper_that_hangs_is_waited_for_aloud_then_stopped(tmp_path: Path) -> None:
    pid_file = tmp_path / "helper.pid"
    helper(
        "import os, pathlib, time\n"
        f"pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        "time.sleep(600)\n"
    )
    started = time.monotonic()
    ran = doctor("--timeout", "1")
    assert time.monotonic() - started < 30  # it used to wait for ever
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr == (
        f"Waiting for `{Path(sys.executable).name}`, the program on the profile's "
        "credential_process line, to give the key (the doctor gives up after about 2 "
        "seconds; --timeout changes that)...\n"
    )
    words = " ".join(ran.stdout.split())
    assert "FAIL Credentials MT112 Credential helper failed" in words
    assert "gave no answer within 2 seconds, so the doctor stopped it" in words
    assert stops(int(pid_file.read_text())), "the helper was left running"


@pytest.mark.process
def test_ctrl_c_while_waiting_for_a_helper_stops_the_helper_too(tmp_path: Path) -> None:
    # The helper runs in a process group of its own (so that it can be stopped whole):
    # a terminal's Ctrl-C no longer reaches it, so the doctor must stop it.
    pid_file = tmp_path / "helper.pid"
    helper(
        "import os, pathlib, time\n"
        f"pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        "time.sleep(600)\n"
    )
    process = subprocess.Popen(
        # --timeout 3: the doctor says it waits after 1.5 s (3 s at the default), and
        # gives up after 6, long after the Ctrl-C.
        [sys.executable, "-m", "snippets.doctor", "--timeout", "3"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "MTURK_GUIDE_URL": ""},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as from a terminal
    )
    assert process.stderr is not None
    assert process.stderr.readline().startswith("Waiting for `")  # the helper is running
    helper_pid = int(pid_file.read_text())
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err.strip().splitlines()) == (
        130,
        [STOPPED["guide_tools.doctor.cli"]],
    )
    assert stops(helper_pid), "the helper was left running"


def stops(pid: int, within: float = 10) -> bool:
    """Whether process ``pid`` ends within ``within`` seconds (looked at every 20 ms)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and running(pid):
        time.sleep(0.02)
    return not running(pid)


def running(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, stopped but not yet collected, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.process
def test_a_helpers_expiration_is_never_echoed() -> None:
    helper(answer(Version=1, AccessKeyId=KEY_ID, SecretAccessKey=SECRET, Expiration=HELPER_SECRET))
    for args in ([], ["--json"]):
        ran = doctor(*args)
        assert ran.returncode == 2, ran.stderr
        assert HELPER_SECRET not in ran.stdout + ran.stderr
        assert SECRET not in ran.stdout + ran.stderr
        assert "MT112" in ran.stdout
        assert "printed something other than the credentials" in " ".join(ran.stdout.split())


@pytest.mark.process
@pytest.mark.parametrize(
    "script",
    [
        f"print('garbage {HELPER_SECRET}')\n",
        "import sys; sys.stdout.buffer.write(b'\\xff\\xfe not text')\n",
        answer(Version=2, AccessKeyId=KEY_ID, SecretAccessKey=HELPER_SECRET),
        answer(Version=1, SecretAccessKey=HELPER_SECRET),
        f"print('[\"{HELPER_SECRET}\", 1]')\n",
    ],
    ids=["garbage", "not-utf-8", "wrong-version", "no-key-id", "a-list"],
)
def test_garbage_from_a_helper_is_the_broken_helper_not_the_doctor(script: str) -> None:
    helper(script)
    ran = doctor()
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert "MT112 Credential helper failed" in ran.stdout
    assert "an error in the doctor itself" not in ran.stdout + ran.stderr
    assert HELPER_SECRET not in ran.stdout + ran.stderr
    assert "Traceback" not in ran.stderr


@pytest.mark.process
def test_a_helper_that_cannot_be_started() -> None:
    Path(os.environ["AWS_CONFIG_FILE"]).write_text(
        "[profile mturk]\ncredential_process = /no/such/helper --token abc\n"
    )
    ran = doctor()
    assert ran.returncode == 2, ran.stderr
    words = " ".join(ran.stdout.split())
    assert "credential_process line (`helper`) could not be started" in words
    assert "Error: No such file or directory" in words


# --- in this process -----------------------------------------------------------------------


@pytest.mark.process  # the helpers are processes of their own
def test_in_process_a_hung_helper_and_a_bad_answer(capsys: pytest.CaptureFixture[str]) -> None:
    helper("import time; time.sleep(600)\n")
    assert main(["--timeout", "0.5"]) == 2
    captured = capsys.readouterr()
    assert "gave no answer within 1 seconds" in " ".join(captured.out.split())
    assert "Waiting for `" in captured.err
    helper(
        answer(Version=1, AccessKeyId=KEY_ID, SecretAccessKey=SECRET, Expiration=[HELPER_SECRET])
    )
    assert main(["--json"]) == 2
    assert HELPER_SECRET not in capsys.readouterr().out


@pytest.mark.process  # botocore tries to start a process
def test_in_process_a_helper_that_cannot_be_started(capsys: pytest.CaptureFixture[str]) -> None:
    Path(os.environ["AWS_CONFIG_FILE"]).write_text(
        "[profile mturk]\ncredential_process = /no/such/helper\n"
    )
    assert main([]) == 2
    assert "(`helper`) could not be started" in " ".join(capsys.readouterr().out.split())


def test_waiting_for_credentials_that_are_not_a_helper(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Credentials that never come from another source (single sign-on, a container):
    # the doctor still gives up, without naming a helper.
    def slow(self: object) -> None:
        time.sleep(5)

    monkeypatch.setattr("botocore.session.Session.get_credentials", slow)
    assert main(["--timeout", "0.2"]) == 3
    captured = capsys.readouterr()
    assert "Waiting for the credentials to give the key" in captured.err
    assert "MT901" in captured.out
    assert "no credentials within 0.4 seconds" in captured.out


@pytest.mark.parametrize("error", [OSError(5, "Input/output error"), RuntimeError("a bug")])
def test_an_error_without_a_helper_is_still_the_doctors_own(
    error: Exception, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing(self: object) -> None:
        raise error

    monkeypatch.setattr("botocore.session.Session.get_credentials", failing)
    assert main([]) == 3
    err = capsys.readouterr().err
    assert (
        f"an error in the doctor itself ({type(error).__name__} at test_doctor_helpers.py:" in err
    )


def test_a_helper_is_stopped_where_there_are_no_process_groups(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    killed: list[bool] = []

    class Process:
        pid = 0
        returncode: int | None = None  # still running

        def poll(self) -> int | None:
            return self.returncode

        def kill(self) -> None:
            killed.append(True)

    monkeypatch.setattr(helpers, "POSIX", False)
    helpers.stop(Process())  # type: ignore[arg-type]
    assert killed == [True]
    ended = Process()
    ended.returncode = 0
    helpers.stop(ended)  # type: ignore[arg-type]
    assert killed == [True]  # one that has ended is left alone: its id may be reused


# --- property: nothing a helper prints reaches the report ----------------------------------

# Hypothesis draws strings from the code under test too: a piece that is a phrase of the
# doctor's own (a catalogue text) is in the report for that reason, not the helper's.
VOCABULARY = "".join(path.read_text("utf-8") for path in (ROOT / "guide_tools").rglob("*.py"))
texts = st.text(min_size=8, max_size=40).filter(lambda text: text.strip() not in VOCABULARY)
outputs = st.one_of(
    texts,
    st.builds(
        lambda value, version: json.dumps(
            {
                "Version": version,
                "AccessKeyId": KEY_ID,
                "SecretAccessKey": SECRET,
                "Expiration": value,
            }
        ),
        texts,
        st.sampled_from([1, 2, "1"]),
    ),
    st.builds(lambda value: json.dumps({"Version": 1, "SecretAccessKey": value}), texts),
    st.builds(lambda value: json.dumps([value]), texts),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(printed=outputs, failed=st.booleans())
def test_nothing_a_helper_prints_reaches_the_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], printed: str, failed: bool
) -> None:
    """Whatever the helper prints, on stdout or (failing) stderr: never in the report.

    The helper is botocore's ``Popen`` call answered in this process (no program runs),
    so that every way botocore and dateutil quote what it printed is reached quickly.
    """
    helper("")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")

    def started(self: subprocess.Popen[bytes], args: object, **options: object) -> None:
        self.returncode, self.pid = (1 if failed else 0), 0

    def answered(
        self: subprocess.Popen[bytes], *args: object, **kwargs: object
    ) -> tuple[bytes, bytes]:
        data = printed.encode("utf-8", "surrogatepass")
        return (b"", data) if failed else (data, b"")

    monkeypatch.setattr(subprocess.Popen, "__init__", started)
    monkeypatch.setattr(subprocess.Popen, "communicate", answered)
    monkeypatch.setattr(subprocess.Popen, "__del__", lambda self: None)
    for args in ([], ["--json"]):
        capsys.readouterr()
        code = main(["--timeout", "1", *args])
        captured = capsys.readouterr()
        output = captured.out + captured.err
        assert code in (2, 3), output
        assert "an error in the doctor itself" not in output
        assert "Traceback" not in output
        pieces = [printed.strip()]
        with contextlib.suppress(ValueError, TypeError):
            data = json.loads(printed)
            values = data.values() if isinstance(data, dict) else data
            pieces += [str(value).strip() for value in values]
        for piece in pieces:
            if len(piece) >= 8 and piece not in VOCABULARY and piece not in (KEY_ID, SECRET):
                assert piece not in output
                assert json.dumps(piece)[1:-1] not in output
