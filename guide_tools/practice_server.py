"""Practice mode with a real local server: the worker's half of "Your first HIT".

``practice first-hit`` runs the page's code against the emulator's own server
(``mturk_emulator.server.serving``, on a free loopback port), so the HIT it posts
has a worker site. With ``--browser`` the server keeps running: the local worker
site opens at the new HIT, the reader signs in as a worker, does the HIT and
submits it, and ``practice review-and-pay``, run in another terminal, finds the
server through a small state file and reviews, approves and pays the reader's own
answer. Ctrl-C stops the server and removes the file.

The state file (``~/.mturk-practice/server.json``, or in ``$MTURK_PRACTICE_FOLDER``)
holds the server's address, its process id, the HIT and the folder of the practice
AWS profile; it is written 0600 in a 0700 folder and holds no key. Every wrong
situation (a file practice mode did not write, another user's file, a server that
is gone, a HIT not yet submitted, a port in use) is one sentence and an exit code.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import stat
import threading
import time
import urllib.request
import webbrowser
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from guide_tools import constants
from mturk_emulator import MTurkFake
from mturk_emulator.environment import isolated_aws_environment

FOLDER_VARIABLE = "MTURK_PRACTICE_FOLDER"
STATE_NAME = "server.json"
PRACTICE = "uv run --no-dev python -m snippets.practice"
BROWSER_COMMAND = f"{PRACTICE} first-hit --browser"
CAN_PROBE = os.name == "posix"
"""Whether ``os.kill(pid, 0)`` only asks: on Windows it would end the process."""
REVIEW_COMMAND = f"{PRACTICE} review-and-pay"


class PracticeProblem(Exception):
    """A situation practice mode cannot go on from: one sentence and an exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message, self.code = message, code


@dataclass(frozen=True)
class PracticeServer:
    """What ``first-hit --browser`` leaves for ``review-and-pay`` to find."""

    url: str  # the server, e.g. http://127.0.0.1:50123
    pid: int
    aws_folder: str  # the practice run's AWS config files (the ``mturk`` profile)
    hit_id: str
    hit_type_id: str

    @property
    def worker_site(self) -> str:
        return f"{self.url}/sandbox/worker"

    @property
    def hit_address(self) -> str:
        """Where MTurk sent a worker for a HIT group; the local site does the same."""
        return f"{self.worker_site}/projects/{self.hit_type_id}/tasks"


def state_path() -> Path:
    chosen = os.environ.get(FOLDER_VARIABLE, "").strip()
    return (Path(chosen) if chosen else Path.home() / ".mturk-practice") / STATE_NAME


# --- the state file ------------------------------------------------------------------------


def write_state(server: PracticeServer, path: Path) -> None:
    """Write the file 0600 (in a 0700 folder), all at once: a reader never sees half of it."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(asdict(server), file)
    os.replace(partial, path)


def _gone(path: Path) -> str:
    return (
        f"The practice server that `{BROWSER_COMMAND}` started has stopped (its note {path} "
        "was left behind and is now removed): start it again, do the HIT, then run this."
    )


def _foreign(path: Path) -> str:
    return (
        f"{path} was not written by practice mode: remove it, then start "
        f"`{BROWSER_COMMAND}` again."
    )


def read_state(path: Path) -> PracticeServer | None:
    """The practice server ``path`` names; None when there is no file.

    Raises ``PracticeProblem`` for a file practice mode did not write, another user's
    file, and a server that is gone (whose stale file is then removed).
    """
    try:
        found = path.lstat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(found.st_mode):  # a folder, a link, a pipe: never ours
        raise PracticeProblem(_foreign(path))
    if hasattr(os, "getuid") and found.st_uid != os.getuid():
        raise PracticeProblem(
            f"{path} belongs to another user: practice mode only uses its own user's "
            "server; remove the file, or run practice mode as that user."
        )
    try:
        fields = json.loads(path.read_bytes())
        server = PracticeServer(**fields)
        if not all(isinstance(getattr(server, name), str) for name in fields if name != "pid"):
            raise TypeError(fields)
        if not isinstance(server.pid, int) or isinstance(server.pid, bool) or server.pid <= 0:
            raise TypeError(fields)
    except (ValueError, TypeError, RecursionError):
        raise PracticeProblem(_foreign(path)) from None
    alive = _running(server.pid) and Path(server.aws_folder).is_dir() and _answers(server)
    if not alive:
        path.unlink(missing_ok=True)
        raise PracticeProblem(_gone(path))
    return server


def _running(pid: int) -> bool:
    if not CAN_PROBE:
        return True  # the address is still asked (_answers)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process, or no such id
        return False
    return True


def _answers(server: PracticeServer) -> bool:
    """Whether the worker site answers at the recorded address (on loopback only)."""
    if not server.url.startswith(("http://127.0.0.1:", "http://[::1]:", "http://localhost:")):
        return False
    try:
        with urllib.request.urlopen(server.worker_site + "/", timeout=5) as answer:  # noqa: S310
            return bool(answer.status == 200)
    except (OSError, ValueError):
        return False


# --- the server, and the page's code sent to it ----------------------------------------------


@contextlib.contextmanager
def mturk_requests_to(url: str) -> Iterator[None]:
    """Clients made for MTurk's endpoints are made for the local server's instead.

    The page's code names MTurk's own addresses (``snippets/check_setup.py``); here
    they become the server's ``/sandbox`` and ``/production``, so the code runs
    unchanged, and a client's ``meta.endpoint_url`` is the local one (the first HIT's
    worker link is made from it). Other services go to the server through
    ``AWS_ENDPOINT_URL``.
    """
    import botocore.session

    local = {
        constants.SANDBOX_ENDPOINT: f"{url}/sandbox",
        constants.PRODUCTION_ENDPOINT: f"{url}/production",
    }
    create_client = botocore.session.Session.create_client

    def to_the_server(self: Any, *args: Any, **kwargs: Any) -> Any:
        endpoint = kwargs.get("endpoint_url")
        if isinstance(endpoint, str) and endpoint.rstrip("/") in local:
            kwargs["endpoint_url"] = local[endpoint.rstrip("/")]
        return create_client(self, *args, **kwargs)

    botocore.session.Session.create_client = to_the_server  # type: ignore[method-assign]
    try:
        yield
    finally:
        botocore.session.Session.create_client = create_client  # type: ignore[method-assign]


@contextlib.contextmanager
def served(aws_folder: Path, port: int = 0) -> Iterator[tuple[MTurkFake, str]]:
    """A new account served on loopback, with this process's AWS clients sent to it.

    Yields the emulator's controller and the server's address. A port that cannot be
    used is one sentence (``PracticeProblem``).
    """
    from mturk_emulator.server import serving  # Flask: only for the served steps

    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(serving("127.0.0.1", port))
        except OSError as error:
            raise PracticeProblem(_port_problem(error, port)) from None
        stack.enter_context(
            isolated_aws_environment(aws_folder, extra={"AWS_ENDPOINT_URL": server.url})
        )
        stack.enter_context(mturk_requests_to(server.url))
        yield MTurkFake(), server.url


def _port_problem(error: OSError, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"Port {port} is already in use on this computer: choose another with --port, "
            "or leave --port out for a free one."
        )
    return (
        f"Practice mode cannot listen on port {port} ({error.strerror}): "
        "choose another with --port."
    )


# --- first-hit --browser -----------------------------------------------------------------------


def none_running() -> None:
    """Refuse to start a second practice server while one is running (one sentence);
    a stale note from a killed one is removed."""
    path = state_path()
    if not (path.exists() or path.is_symlink()):
        return
    try:
        other = read_state(path)
    except PracticeProblem as problem:
        if problem.message != _gone(path):
            raise  # a file practice mode did not write: the reader decides
        return
    if other is not None:
        raise PracticeProblem(
            f"Another practice server is running at {other.worker_site}/: stop it with "
            "Ctrl-C in its terminal first, or use that one."
        )


def hand_over(server: PracticeServer, *, open_browser: bool) -> None:
    """Write the state file, show the reader the worker site, and serve until Ctrl-C."""
    path = state_path()
    write_state(server, path)
    try:
        opened = open_browser and _open(server.hit_address)
        print()
        if opened:
            print("The local worker site is open in your browser, at the new HIT:")
        else:
            print("Open the local worker site in your browser, at the new HIT:")
        print(f"  {server.hit_address}")
        print("Do the HIT as a worker would:")
        print(
            '  1. Click "Sign in" and sign in with any worker id the page shows (for example'
            " A1EXAMPLEWORKER)."
        )
        print('  2. Open the HIT "Tell us how the setup went" and click Accept.')
        print("  3. Type your answer in the box and click Submit.")
        print("Then review, approve and pay your own answer, in another terminal:")
        print(f"  {REVIEW_COMMAND}")
        print("Press Ctrl-C here when you are done: the local service stops.", flush=True)
        wait_until_stopped()
    finally:
        with contextlib.suppress(OSError):
            if read_pid(path) == server.pid:
                path.unlink()
            path.parent.rmdir()  # only if empty: nothing of practice mode's is left


def read_pid(path: Path) -> int | None:
    try:
        pid = json.loads(path.read_bytes()).get("pid")
    except (OSError, ValueError, AttributeError):
        return None
    return pid if isinstance(pid, int) else None


def _open(address: str) -> bool:
    try:
        return webbrowser.open(address)
    except webbrowser.Error:
        return False


def wait_until_stopped() -> None:
    """Serve until Ctrl-C (practice mode's handler raises) or, in the main thread, SIGTERM."""
    from guide_tools.practice import Stopped

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            time.sleep(0.25)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


# --- review-and-pay on the reader's own answer ---------------------------------------------------


def review(server: PracticeServer, run_page: Callable[[Path], bool]) -> int:
    """Run the page's review code (``run_page``) against the practice server."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    print(f"Your own answer, from the practice server at {server.worker_site}/.")
    with contextlib.ExitStack() as stack:
        stack.enter_context(
            isolated_aws_environment(
                Path(server.aws_folder), extra={"AWS_ENDPOINT_URL": server.url}
            )
        )
        stack.enter_context(mturk_requests_to(server.url))
        try:
            mturk = boto3.Session(profile_name="mturk").client(
                "mturk", region_name=constants.REGION, endpoint_url=constants.SANDBOX_ENDPOINT
            )
            statuses = [
                a["AssignmentStatus"]
                for a in mturk.list_assignments_for_hit(HITId=server.hit_id)["Assignments"]
            ]
        except (BotoCoreError, ClientError):  # the server went away between the checks
            state_path().unlink(missing_ok=True)
            raise PracticeProblem(_gone(state_path())) from None
        if "Submitted" not in statuses:
            if statuses:
                raise PracticeProblem(
                    "Your answer is already approved and paid: do the HIT again in a new "
                    f"`{BROWSER_COMMAND}` to practise once more."
                )
            raise PracticeProblem(
                f"Nobody has submitted the HIT yet: submit the HIT in the browser first "
                f"({server.hit_address}), then run this again."
            )
        print()
        return 0 if run_page(Path(server.aws_folder)) else 1


def find() -> PracticeServer | None:
    """The running practice server, or None (``PracticeProblem`` when something is wrong)."""
    return read_state(state_path())


def no_server_line() -> str:
    return (
        "No practice server is running, so a simulated worker, A1EXAMPLEWORKER, answers the "
        f"HIT (to answer it yourself, start `{BROWSER_COMMAND}` first)."
    )


__all__ = [
    "PracticeProblem",
    "PracticeServer",
    "find",
    "hand_over",
    "no_server_line",
    "none_running",
    "review",
    "served",
    "state_path",
]
