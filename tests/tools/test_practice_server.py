"""Practice mode's local server (``guide_tools/practice_server.py``): ``first-hit
--browser`` and ``review-and-pay`` on the reader's own answer, in this process.

The reader's browser is played by the emulator's controller (the worker site itself
is driven by Chromium in tests/site/test_practice_browser.py); the state file is
tried with every kind of thing a path can name, garbage, another user's file and a
server that was killed.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import threading
import webbrowser
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from guide_tools import practice, practice_server
from guide_tools.practice_server import PracticeProblem, PracticeServer
from mturk_emulator import MTurkFake
from tests.tools.file_kinds import PATH_KINDS, ROOT_USER, make

READER = "A8PRACTISINGREADER"
DEAD_PID = 4_194_305  # above Linux's largest process id: never running


@pytest.fixture(autouse=True)
def state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "practice"
    monkeypatch.setenv(practice_server.FOLDER_VARIABLE, str(folder))
    return folder


def a_server(**changes: Any) -> PracticeServer:
    fields = {
        "url": "http://127.0.0.1:9",
        "pid": DEAD_PID,
        "aws_folder": "/",  # a folder that exists: the server is what is missing
        "hit_id": "3HIT",
        "hit_type_id": "3TYPE",
        **changes,
    }
    return PracticeServer(**fields)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = practice.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the reader's path, in this process ------------------------------------------------------


def reader_does_the_hit(answer: str) -> PracticeServer:
    """What the reader does in the browser while first-hit --browser waits."""
    server = practice_server.find()
    assert server is not None
    fake = MTurkFake()
    fake.add_worker(READER, sandbox=True)
    fake.submit_answers(server.hit_id, READER, {"feedback": answer})
    return server


@pytest.mark.parametrize("cli", [False, True], ids=["python", "cli"])
def test_the_readers_own_answer_is_reviewed(
    cli: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, Any] = {}

    def reader(*args: Any) -> None:
        seen["shown"] = capsys.readouterr().out  # what first-hit --browser printed
        # Before the reader submits: one sentence, nothing approved.
        seen["early"] = run(capsys, "review-and-pay")
        seen["server"] = reader_does_the_hit("Fine, thanks.")
        seen["mode"] = practice_server.state_path().stat().st_mode & 0o777
        seen["review"] = run(capsys, "review-and-pay", *(["--cli"] if cli else []))
        seen["again"] = run(capsys, "review-and-pay")
        raise KeyboardInterrupt  # the reader's Ctrl-C

    monkeypatch.setattr(practice_server, "wait_until_stopped", reader)
    monkeypatch.setattr(webbrowser, "open", lambda address: seen.setdefault("opened", address))
    code, out, err = run(capsys, "first-hit", "--browser")
    assert (code, err.strip().splitlines()) == (130, [practice.STOPPED[practice.__name__]])
    out = seen["shown"]
    assert "The local worker site is open in your browser, at the new HIT:" in out
    server: PracticeServer = seen["server"]
    assert seen["opened"] == server.hit_address
    assert f"  {server.hit_address}" in out.splitlines()
    assert "workersandbox" not in out
    assert seen["mode"] == 0o600
    assert not practice_server.state_path().parent.exists()  # the file and its folder

    code, out, err = seen["early"]
    assert code == 1
    assert err.strip().splitlines() == [
        "Nobody has submitted the HIT yet: submit the HIT in the browser first "
        f"({server.hit_address}), then run this again."
    ]
    code, out, err = seen["review"]
    assert code == 0, err
    assert f"Your own answer, from the practice server at {server.worker_site}/." in out
    if cli:
        assert f"{READER}\tSubmitted" in out or READER in out
        assert "0.25" in out
    else:
        assert f"{READER} answered {{'feedback': 'Fine, thanks.'}}" in out
        assert f"Approved and paid a $0.25 bonus to {READER}" in out
    code, out, err = seen["again"]
    assert code == 1
    assert "Your answer is already approved and paid" in err


def test_without_a_server_review_and_pay_uses_the_simulated_worker(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "review-and-pay")
    assert code == 0, err
    assert practice_server.no_server_line() in out.splitlines()
    assert "A1EXAMPLEWORKER answered {'feedback': 'It worked.'}" in out


def test_first_hit_without_browser_says_how_to_do_the_hit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "first-hit")
    assert code == 0, err
    [link] = [line for line in out.splitlines() if line.startswith("http://127.0.0.1:")]
    assert link.endswith("/tasks")
    assert "/sandbox/worker/projects/" in link
    assert out.splitlines()[-1].endswith(practice_server.BROWSER_COMMAND)
    assert not practice_server.state_path().exists()


def test_no_browser_prints_the_address_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def opened(address: str) -> bool:
        raise AssertionError("--no-open opened a browser")

    monkeypatch.setattr(webbrowser, "open", opened)
    monkeypatch.setattr(practice_server, "wait_until_stopped", practice_server_stops)
    code, out, _ = run(capsys, "first-hit", "--browser", "--no-open")
    assert code == 130
    assert "Open the local worker site in your browser, at the new HIT:" in out


def practice_server_stops() -> None:
    raise practice.Stopped


def test_a_browser_that_cannot_open_means_the_address_is_printed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fails(address: str) -> bool:
        raise webbrowser.Error("no runnable browser")

    monkeypatch.setattr(webbrowser, "open", fails)
    monkeypatch.setattr(practice_server, "wait_until_stopped", practice_server_stops)
    code, out, _ = run(capsys, "first-hit", "--browser")
    assert code == 130
    assert "Open the local worker site in your browser, at the new HIT:" in out


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["check-setup", "--browser"], "Only the first-hit step opens the worker site"),
        (["first-hit", "--browser", "--cli"], "--browser runs the Python version of the page"),
        (["first-hit", "--no-open"], "--no-open and --port go with --browser"),
        (["first-hit", "--port", "5005"], "--no-open and --port go with --browser"),
        (["first-hit", "--browser", "--port", "70000"], "--port 70000 is not a port number"),
    ],
)
def test_wrong_browser_options_are_one_sentence(
    args: list[str], sentence: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    [line] = err.strip().splitlines()
    assert line.startswith(sentence)


def test_a_port_in_use_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run(capsys, "first-hit", "--browser", "--no-open", "--port", str(port))
    assert code == 1
    assert err.strip().splitlines() == [
        f"Port {port} is already in use on this computer: choose another with --port, "
        "or leave --port out for a free one."
    ]
    assert not practice_server.state_path().exists()


def test_a_port_refused_otherwise_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    from mturk_emulator import server

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(server, "serving", refused)
    with pytest.raises(PracticeProblem) as problem, practice_server.served(Path("aws"), 80):
        pass  # pragma: no cover -- never reached
    assert problem.value.message == (
        "Practice mode cannot listen on port 80 (Permission denied): choose another with --port."
    )


def test_a_second_practice_server_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, Any] = {}

    def second(*args: Any) -> None:
        seen["second"] = run(capsys, "first-hit", "--browser", "--no-open")
        raise practice.Stopped

    monkeypatch.setattr(practice_server, "wait_until_stopped", second)
    assert run(capsys, "first-hit", "--browser", "--no-open")[0] == 130
    code, _, err = seen["second"]
    assert code == 1
    assert err.startswith("Another practice server is running at http://127.0.0.1:")
    assert not practice_server.state_path().exists()


def test_a_stale_file_is_replaced_and_a_foreign_one_kept(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = practice_server.state_path()
    practice_server.write_state(a_server(), path)  # a server killed without its clean-up
    monkeypatch.setattr(practice_server, "wait_until_stopped", practice_server_stops)
    assert run(capsys, "first-hit", "--browser", "--no-open")[0] == 130
    assert not path.parent.exists()
    path.parent.mkdir()
    path.write_text("not practice mode's")
    code, _, err = run(capsys, "first-hit", "--browser", "--no-open")
    assert (code, path.read_text()) == (1, "not practice mode's")
    assert err.strip() == practice_server._foreign(path)


def test_a_server_gone_during_the_review_is_one_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, Any] = {}

    def reader(*args: Any) -> None:
        server = reader_does_the_hit("Fine.")
        # The server stops between the check of the file and the review's first call.
        gone = a_server(hit_id=server.hit_id, aws_folder=server.aws_folder)
        monkeypatch.setattr(practice_server, "find", lambda: gone)
        seen["review"] = run(capsys, "review-and-pay")
        raise practice.Stopped

    monkeypatch.setattr(practice_server, "wait_until_stopped", reader)
    assert run(capsys, "first-hit", "--browser", "--no-open")[0] == 130
    code, _, err = seen["review"]
    assert code == 1
    assert err.strip() == practice_server._gone(practice_server.state_path())


def test_a_failing_review_exits_non_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, int] = {}

    def reader(*args: Any) -> None:
        server = reader_does_the_hit("Fine.")
        seen["code"] = practice_server.review(server, lambda folder: False)
        raise practice.Stopped

    monkeypatch.setattr(practice_server, "wait_until_stopped", reader)
    assert practice.main(["first-hit", "--browser", "--no-open"]) == 130
    assert seen["code"] == 1


# --- waiting for Ctrl-C --------------------------------------------------------------------


def test_sigterm_stops_the_wait_too() -> None:
    assert threading.current_thread() is threading.main_thread()
    before = signal.getsignal(signal.SIGTERM)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    with pytest.raises(practice.Stopped):
        practice_server.wait_until_stopped()
    assert signal.getsignal(signal.SIGTERM) is before


def test_outside_the_main_thread_the_wait_leaves_signals_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def stop(seconds: float) -> None:
        raise practice.Stopped

    monkeypatch.setattr(practice_server.time, "sleep", stop)
    raised: list[BaseException] = []

    def wait() -> None:
        try:
            practice_server.wait_until_stopped()
        except practice.Stopped as stopped:
            raised.append(stopped)

    worker = threading.Thread(target=wait)
    worker.start()
    worker.join()
    assert len(raised) == 1


# --- the state file: every kind of thing, garbage, another user's, stale ---------------------


def test_no_file_means_no_server() -> None:
    assert practice_server.find() is None


def test_the_file_lives_in_the_readers_home_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(practice_server.FOLDER_VARIABLE)
    assert practice_server.state_path() == Path.home() / ".mturk-practice" / "server.json"


def test_the_file_is_private_and_holds_no_key(state_folder: Path) -> None:
    path = practice_server.state_path()
    practice_server.write_state(a_server(aws_folder=str(state_folder)), path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert state_folder.stat().st_mode & 0o777 == 0o700
    assert set(json.loads(path.read_text())) == {
        "url",
        "pid",
        "aws_folder",
        "hit_id",
        "hit_type_id",
    }
    assert "AKIA" not in path.read_text()
    assert list(state_folder.iterdir()) == [path]  # no half-written file left behind


@pytest.mark.parametrize("kind", PATH_KINDS)
def test_every_kind_of_path_is_one_sentence(kind: str, state_folder: Path) -> None:
    path = practice_server.state_path()
    state_folder.mkdir()
    make(kind, path, json.dumps(asdict(a_server())).encode())
    with pytest.raises(PracticeProblem) as problem:
        practice_server.read_state(path)
    if kind == "file":  # ours, but the server is gone: removed, so the next run starts clean
        assert problem.value.message == practice_server._gone(path)
        assert not path.exists()
    elif kind == "someone-elses" and ROOT_USER:
        assert problem.value.message.endswith(
            "remove the file, or run practice mode as that user."
        )
        assert path.exists()
    elif kind == "someone-elses":  # without root, a file made here is this user's own
        assert problem.value.message == practice_server._gone(path)
    else:
        assert problem.value.message == practice_server._foreign(path)
        assert path.is_symlink() or path.exists()
    assert "\n" not in problem.value.message


def test_another_users_file_is_left_alone(
    state_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = practice_server.state_path()
    practice_server.write_state(a_server(), path)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(path).st_uid + 1)
    with pytest.raises(PracticeProblem, match="belongs to another user"):
        practice_server.read_state(path)
    assert path.exists()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=8,
)


@hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    content=st.binary()
    | JSON.map(lambda value: json.dumps(value).encode())
    | st.fixed_dictionaries(
        {
            "url": JSON,
            "pid": JSON,
            "aws_folder": JSON,
            "hit_id": JSON,
            "hit_type_id": JSON,
        }
    ).map(lambda value: json.dumps(value).encode())
)
def test_garbage_is_one_sentence_never_a_traceback(content: bytes, state_folder: Path) -> None:
    path = practice_server.state_path()
    state_folder.mkdir(exist_ok=True)
    path.write_bytes(content)
    with pytest.raises(PracticeProblem) as problem:
        practice_server.read_state(path)
    assert problem.value.message in {practice_server._foreign(path), practice_server._gone(path)}


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({**asdict(a_server()), "url": 5}).encode(),
        json.dumps({**asdict(a_server()), "pid": True}).encode(),
        json.dumps({**asdict(a_server()), "pid": -1}).encode(),
        json.dumps({**asdict(a_server()), "more": "x"}).encode(),
        json.dumps([asdict(a_server())]).encode(),
        b"[" * 100_000,
        b"\xff\xfe",
    ],
    ids=["url-number", "pid-bool", "pid-negative", "more", "list", "deep", "not-utf8"],
)
def test_near_misses_are_not_taken_for_a_server(content: bytes, state_folder: Path) -> None:
    # The property test above runs these too; coverage cannot see inside it (Hypothesis
    # takes Python's monitoring for itself).
    path = practice_server.state_path()
    state_folder.mkdir()
    path.write_bytes(content)
    with pytest.raises(PracticeProblem) as problem:
        practice_server.read_state(path)
    assert problem.value.message == practice_server._foreign(path)


@pytest.mark.parametrize(
    "changes",
    [
        {"pid": os.getpid(), "url": "http://lab.example.org:5005"},  # not this computer
        {"pid": os.getpid()},  # alive, but nothing answers at the address
        {"pid": 1, "_kill": PermissionError},  # another user's process
        {"pid": 2**70},  # no such process id at all
        {"pid": os.getpid(), "aws_folder": "/nowhere/at/all"},  # its folder was deleted
    ],
    ids=["elsewhere", "silent", "other-users-process", "huge-pid", "folder-gone"],
)
def test_a_file_whose_server_is_gone_is_removed(
    changes: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    kill = changes.pop("_kill", None)
    if kill is not None:

        def refuse(pid: int, signal_number: int) -> None:
            raise kill

        monkeypatch.setattr(os, "kill", refuse)
    path = practice_server.state_path()
    practice_server.write_state(a_server(**changes), path)
    with pytest.raises(PracticeProblem) as problem:
        practice_server.read_state(path)
    assert problem.value.message == practice_server._gone(path)
    assert not path.exists()


def test_without_process_ids_the_address_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(practice_server, "CAN_PROBE", False)
    assert practice_server._running(DEAD_PID)
    path = practice_server.state_path()
    practice_server.write_state(a_server(), path)
    with pytest.raises(PracticeProblem, match="has stopped"):
        practice_server.read_state(path)  # nothing answers at its address


def test_read_pid_of_anything(state_folder: Path) -> None:
    path = state_folder / "x.json"
    assert practice_server.read_pid(path) is None
    state_folder.mkdir()
    for text, pid in [("[]", None), ("{", None), ('{"pid": "1"}', None), ('{"pid": 7}', 7)]:
        path.write_text(text)
        assert practice_server.read_pid(path) == pid


def test_the_pages_show_the_commands_practice_mode_names() -> None:
    """The command the pages show is the one the tool's own sentences name."""
    from guide_tools.shell import parse_commands, read_section
    from tests.tools.test_practice import COMMANDS

    [shown] = parse_commands(read_section(COMMANDS, "first-hit-browser"))
    assert shown.text == practice_server.BROWSER_COMMAND
    assert practice_server.REVIEW_COMMAND in [
        command.text for command in parse_commands(read_section(COMMANDS, "review-and-pay"))
    ]


@pytest.mark.process
def test_a_killed_practice_server_is_found_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fault injection: first-hit --browser killed outright (no clean-up runs)."""
    import shutil
    import subprocess
    import sys

    from tests.conftest import ROOT

    folder = practice_server.state_path().parent
    process = subprocess.Popen(
        [sys.executable, "-m", "snippets.practice", "first-hit", "--browser", "--no-open"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, practice_server.FOLDER_VARIABLE: str(folder)},
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Press Ctrl-C here"):
            break
    left = practice_server.find()
    assert left is not None
    process.kill()
    process.communicate(timeout=30)
    shutil.rmtree(Path(left.aws_folder).parent)  # what the kill left in the temporary folder
    code, out, err = run(capsys, "review-and-pay")
    assert (code, err.strip().splitlines()) == (
        1,
        [practice_server._gone(practice_server.state_path())],
    )
    assert not practice_server.state_path().exists()
    code, out, _ = run(capsys, "review-and-pay")  # the next run is back to the simulated worker
    assert code == 0
    assert practice_server.no_server_line() in out.splitlines()
