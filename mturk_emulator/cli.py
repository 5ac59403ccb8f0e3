"""The ``mturk-emulator`` command (also ``python -m mturk_emulator``).

``mturk-emulator serve [--host 127.0.0.1] [--port 5005]`` runs the local server
until Ctrl-C; ``mturk-emulator data-path`` prints the folder holding the shipped
``mturk`` model, for ``AWS_DATA_PATH``.
"""

from __future__ import annotations

import argparse
import errno
import logging
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from functools import partial
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from . import __version__
from .constants import REGION
from .environment import ROOT_ACCESS_KEY_ID
from .store import commands as state
from .store.errors import StateError

if TYPE_CHECKING:
    from .server import MTurkServer

DEFAULT_PORT = 5005
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mturk-emulator",
        description="A local Amazon Mechanical Turk (with IAM and STS) for MTurk-era code.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve MTurk, IAM and STS on a local port")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT}; 0: any free port)"
    )
    serve.add_argument(
        "--no-authorization",
        action="store_true",
        help="let any key do anything (moto's default); normally IAM policies are enforced",
    )
    commands.add_parser("data-path", help="print the folder of the shipped mturk service model")
    state.add_arguments(commands, serve)
    return parser


def _port_problem(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"Port {port} on {host} is already in use. Stop the program using it, "
            "or choose another port with --port."
        )
    if error.errno == errno.EACCES:
        return f"This user may not listen on port {port}. Choose a port above 1023 with --port."
    return f"Cannot listen on {host}:{port} ({error.strerror}). Check --host and --port."


def serve(host: str, port: int, *, enforce_authorization: bool, kept: Path | None = None) -> int:
    """Run the server until SIGINT (Ctrl-C) or SIGTERM; return the exit code."""
    try:
        with warnings.catch_warnings():
            # moto's own advice (install moto[server]) names the wrong package here.
            warnings.filterwarnings("ignore", "When using MotoServer", UserWarning)
            from . import server  # Flask: only for this command
    except ModuleNotFoundError as missing:
        print(
            f"The server needs {missing.name}: pip install 'mturk-emulator[server]'",
            file=sys.stderr,
        )
        return 1
    with _request_log() as announced:
        try:
            return _serve(
                partial(server.serving, state=kept),
                host,
                port,
                enforce_authorization=enforce_authorization,
                announced=announced,
            )
        except StateError as error:  # a --state file that cannot be used
            print(error, file=sys.stderr)
            return 1


class _AfterTheBanner(logging.Filter):
    """Holds request lines until the banner is out: a client may call as soon as the
    port is bound, before the banner that names it is printed."""

    def __init__(self) -> None:
        super().__init__()
        self.announced = threading.Event()

    def filter(self, record: logging.LogRecord) -> bool:
        self.announced.wait(timeout=5)  # never forever, whatever happened to the banner
        return True


@contextmanager
def _request_log() -> Iterator[threading.Event]:
    """The server's one line per request, on standard output, after the banner
    (set the event yielded once it is printed)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    held = _AfterTheBanner()
    handler.addFilter(held)
    log = logging.getLogger("mturk_emulator.server")
    saved = log.level, log.propagate
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        yield held.announced
    finally:
        log.removeHandler(handler)
        log.level, log.propagate = saved


def _serve(
    serving: Callable[..., AbstractContextManager[MTurkServer]],  # server.serving
    host: str,
    port: int,
    *,
    enforce_authorization: bool,
    announced: threading.Event,
) -> int:
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {number: signal.signal(number, on_signal) for number in STOP_SIGNALS}
    try:
        with ExitStack() as stack:
            try:
                running = stack.enter_context(
                    serving(host, port, enforce_authorization=enforce_authorization)
                )
            except OSError as error:
                print(_port_problem(error, host, port), file=sys.stderr)
                return 1
            url = running.url
            print(
                f"MTurk emulator (with IAM and STS) on {url}\n"
                f"  sandbox:    {url}/sandbox  (also {url}/)\n"
                f"  production: {url}/production\n"
                f"  Sign with region {REGION} and AWS's example key {ROOT_ACCESS_KEY_ID}"
                " (the root user)\n"
                "  or an IAM user's key. IAM policies are"
                f" {'enforced' if enforce_authorization else 'NOT enforced'}.\n"
                "  Press Ctrl-C to stop.",
                flush=True,
            )
            announced.set()
            stop.wait()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    print("Stopped.", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    ran = state.run(arguments)
    if ran is not None:
        return ran
    if arguments.command == "data-path":
        from .service_model import DATA_PATH

        print(DATA_PATH)
        return 0
    return serve(
        arguments.host,
        arguments.port,
        enforce_authorization=not arguments.no_authorization,
        kept=arguments.state,
    )
