"""Ctrl-C at any moment of a command's life: one sentence and exit 130, or its own result.

The harness runs each command a reader runs (``python -m snippets.store_keys``,
``snippets.doctor``, ``snippets.practice``) as a process of its own, and sends it SIGINT
at a chosen audit event (``tests/tools/ctrl_c_site/sitecustomize.py``): counted from the
entry module's first call, which takes Ctrl-C over (``guide_tools/command.py``), so
start-up (the imports of boto3, botocore, moto: where the first round's tracebacks came
from), the work and the shutdown are all included. A
first run counts the events; the points are then drawn from that count with a fixed
seed, plus the very first and the very last event. Each run must end either as it would
have (its own exit status and output) or with exactly the command's sentence on stderr
and exit status 130: never a traceback, never "Exception ignored", never a second line.

The gate tries ``CTRL_C_POINTS`` points per command (default 3, plus the first and the
last event); maintainers run many more with ``CTRL_C_POINTS=200 uv run pytest
tests/tools/test_ctrl_c.py``. Before that first call, Python is starting and runs the
entry module's two import lines: what Ctrl-C does there is Python's own. The harness
checks that this stays a handful of events (``BEFORE``), so nothing heavy moves there.

``guide_tools.command`` itself is tested in this process below (coverage sees it).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide_tools import command
from guide_tools.command import INTERRUPTED, STOPPED, run
from tests.conftest import ROOT

KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SITE = Path(__file__).resolve().parent / "ctrl_c_site"
POINTS = int(os.environ.get("CTRL_C_POINTS", "3"))
BEFORE = 20  # 15 on Python 3.13: two small modules imported
"""At most this many events between the entry module's start and its first call."""
SEED = 27

COMMANDS = {
    # entry module: (arguments, the module holding main, the exit status of a whole run)
    "store_keys": (["key.csv", "--profile", "lab"], "guide_tools.store_keys", 0),
    "doctor": (["--timeout", "1"], "guide_tools.doctor.cli", 3),
    "practice": (["iam-user"], "guide_tools.practice", 0),
}


def _environment(folder: Path, **more: str) -> dict[str, str]:
    aws = folder / "aws"
    aws.mkdir(exist_ok=True)
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SITE), str(ROOT)]),
        "AWS_SHARED_CREDENTIALS_FILE": str(aws / "credentials"),
        "AWS_CONFIG_FILE": str(aws / "config"),
        "AWS_ENDPOINT_URL": "http://127.0.0.1:1",  # the doctor's calls: refused at once
        "MTURK_GUIDE_URL": "",
        **more,
    }


def _prepare(name: str, folder: Path) -> None:
    (folder / "key.csv").write_text(f"Access key ID,Secret access key\n{KEY_ID},{SECRET}\n")
    (folder / "aws").mkdir(exist_ok=True)
    credentials = folder / "aws" / "credentials"
    if name == "doctor":
        credentials.write_text(
            f"[mturk]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
        )
    else:
        credentials.unlink(missing_ok=True)
    for draft in (folder / "aws").glob(".credentials.*"):
        draft.unlink()


def _launch(name: str, folder: Path, **more: str) -> subprocess.CompletedProcess[str]:
    args, _, _ = COMMANDS[name]
    return subprocess.run(
        [sys.executable, "-m", f"snippets.{name}", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=_environment(folder, CTRL_C_ENTRY=f"snippets/{name}.py", **more),
        # As from a terminal: a test run started in the background passes Ctrl-C on as
        # ignored, and Python then never raises it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        timeout=120,
        check=False,
    )


def points(count: int, tries: int = POINTS) -> list[int]:
    """The events to interrupt at: the first, the last and ``tries`` in between."""
    chosen = random.Random(SEED).sample(range(2, count), min(tries, max(count - 2, 0)))
    return sorted({1, *chosen, count})


@pytest.mark.process
@pytest.mark.parametrize("name", COMMANDS)
def test_ctrl_c_at_any_moment(name: str, tmp_path: Path) -> None:
    _, module, whole = COMMANDS[name]
    _prepare(name, tmp_path)
    counted = _launch(name, tmp_path, CTRL_C_COUNT=str(tmp_path / "count"))
    assert counted.returncode == whole, counted.stderr
    before, count = map(int, (tmp_path / "count").read_text().split())
    assert before <= BEFORE, "the entry module imports something heavy before run()"
    assert count > 100  # the imports alone are hundreds of events
    seen = []
    for at in points(count):
        _prepare(name, tmp_path)
        ran = _launch(name, tmp_path, CTRL_C_AT=str(at))
        seen.append((at, ran.returncode))
        said = ran.stderr.strip().splitlines()
        if ran.returncode == INTERRUPTED:
            assert said == [STOPPED[module]], (at, ran.stderr)
        else:  # Ctrl-C came after the result: it stands
            assert ran.returncode == whole, (at, ran.stderr)
            assert "Traceback" not in ran.stderr, (at, ran.stderr)
            assert "Exception ignored" not in ran.stderr, (at, ran.stderr)
        if name == "store_keys":  # interrupted or not: no draft holding the secret is left
            assert [p.name for p in (tmp_path / "aws").iterdir()] in ([], ["credentials"])
    assert seen[0][1] == INTERRUPTED, seen  # the first event is in the middle of start-up
    print(name, before, "+", count, "events; (event, exit status):", seen)


# --- guide_tools.command, in this process -------------------------------------------------


@pytest.fixture
def entry(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """A command module of the test's own, run as if it were ``python -m`` itself."""
    module = types.ModuleType("tests.tools.fake_command")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(STOPPED, module.__name__, "Stopped by the test.")
    monkeypatch.setattr(command, "_is_the_process", lambda: True)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield module
    finally:
        signal.signal(signal.SIGINT, before)


def test_a_finished_command_ignores_a_late_ctrl_c(entry: types.ModuleType) -> None:
    entry.main = lambda: 0  # type: ignore[attr-defined]
    assert run(entry.__name__) == 0
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # Python's shutdown: undisturbed


def test_ctrl_c_in_the_command_is_one_sentence(
    entry: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    def main() -> int:
        signal.raise_signal(signal.SIGINT)
        raise AssertionError("Ctrl-C did not stop the command")

    entry.main = main  # type: ignore[attr-defined]
    assert run(entry.__name__) == INTERRUPTED
    assert capsys.readouterr().err == "Stopped by the test.\n"
    # The first Ctrl-C disarms: a second one cannot interrupt the clean-up.
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_ctrl_c_lost_in_a_finaliser_is_delivered_again(entry: types.ModuleType) -> None:
    def main() -> int:
        class Finalised:
            def __del__(self) -> None:
                raise KeyboardInterrupt  # as Ctrl-C landing in a __del__ would

        Finalised()  # freed at once: Python reports the error to sys.unraisablehook
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pass  # the Ctrl-C, delivered again, lands here
        raise AssertionError("the Ctrl-C was lost")

    entry.main = main  # type: ignore[attr-defined]
    assert run(entry.__name__) == INTERRUPTED


def test_other_unraisable_errors_go_to_the_previous_hook(entry: types.ModuleType) -> None:
    seen: list[object] = []
    sys.unraisablehook = seen.append

    def main() -> int:
        class Finalised:
            def __del__(self) -> None:
                raise ValueError("not a Ctrl-C")

        Finalised()
        return 0

    entry.main = main  # type: ignore[attr-defined]
    assert run(entry.__name__) == 0
    assert [type(getattr(each, "exc_value", None)) for each in seen] == [ValueError]


def test_in_another_program_nothing_is_installed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Tests and practice mode run the entry modules in their own process: there the
    # handler stays theirs, and only the sentence is said.
    module = types.ModuleType("tests.tools.fake_command")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(STOPPED, module.__name__, "Stopped by the test.")

    def main() -> int:
        raise KeyboardInterrupt

    module.main = main  # type: ignore[attr-defined]
    handler = signal.getsignal(signal.SIGINT)
    assert run(module.__name__) == INTERRUPTED
    assert signal.getsignal(signal.SIGINT) is handler
    assert capsys.readouterr().err == "Stopped by the test.\n"


@pytest.mark.parametrize(
    ("argv", "spec", "handler", "expected"),
    [
        (["python", "-m", "snippets.doctor"], "snippets.doctor", "default", True),
        (
            ["python", "-X", "dev", "-m", "snippets.doctor", "--json"],
            "snippets.doctor",
            "default",
            True,
        ),
        (["python", "-m", "pytest"], "snippets.doctor", "default", False),
        (["python", "-m", "snippets.doctor"], "snippets.doctor", "ignored", False),
        (["python", "script.py"], None, "default", False),
    ],
    ids=["python-m", "with-options", "in-pytest", "under-nohup", "no-spec"],
)
def test_whether_the_command_is_the_process(
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    spec: str | None,
    handler: str,
    expected: bool,
) -> None:
    main = types.ModuleType("__main__")
    main.__spec__ = types.SimpleNamespace(name=spec) if spec else None  # type: ignore[assignment]
    monkeypatch.setitem(sys.modules, "__main__", main)
    monkeypatch.setattr(sys, "orig_argv", argv)
    chosen = signal.default_int_handler if handler == "default" else signal.SIG_IGN
    before = signal.signal(signal.SIGINT, chosen)
    try:
        assert command._is_the_process() is expected
    finally:
        signal.signal(signal.SIGINT, before)


def test_the_points_include_the_first_and_last_event() -> None:
    assert points(1000, 3)[0] == 1
    assert points(1000, 3)[-1] == 1000
    assert len(points(1000, 3)) == 5
    assert points(1000, 3) == points(1000, 3)  # the same every run
