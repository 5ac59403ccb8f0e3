"""The ``mturk-emulator`` command (also ``python -m mturk_emulator``).

``mturk-emulator serve [--host 127.0.0.1] [--port 5005]`` runs the local server
until Ctrl-C (``serve --help`` lists its flags); ``mturk-emulator data-path`` prints
the folder holding the shipped ``mturk`` model, for ``AWS_DATA_PATH``.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import logging
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from . import __version__
from .constants import REGION
from .environment import ROOT_ACCESS_KEY_ID
from .store import commands as state
from .store.errors import StateError

if TYPE_CHECKING:
    from .server import MTurkServer

DEFAULT_PORT = 5005
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
TOKEN_VARIABLE = "MTURK_EMULATOR_CONTROL_TOKEN"  # noqa: S105 -- a variable's name


@dataclass(frozen=True)
class ServeOptions:
    """What ``serve`` was asked for: the keyword arguments of ``server.serving``."""

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    enforce_authorization: bool = True
    control_token: str | None = None  # None: a new random token, printed once
    token_from: str = ""  # where the given token came from, for the banner
    cors_origins: tuple[str, ...] = field(default=())
    state: Path | None = None  # --state: the file that keeps the account

    def serving_arguments(self) -> dict[str, Any]:
        return {
            "enforce_authorization": self.enforce_authorization,
            "control_token": self.control_token,
            "cors_origins": self.cors_origins,
            "state": self.state,
        }


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
        "--port", default=str(DEFAULT_PORT), help=f"port ({DEFAULT_PORT}; 0: any free port)"
    )
    serve.add_argument(
        "--no-authorization",
        action="store_true",
        help="let any key do anything (moto's default); normally IAM policies are enforced",
    )
    serve.add_argument(
        "--control-token",
        help=f"the token the control routes (/moto-api/) need (default: ${TOKEN_VARIABLE}, "
        "else a new random one, printed at start)",
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="also let web pages from ORIGIN (e.g. https://lab.example.org) call the server; "
        "pages on this computer (localhost, 127.0.0.1, [::1]) always may; repeatable",
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


def _port_number(text: str) -> int | None:
    number = int(text) if text.isdigit() else -1
    return number if 0 <= number <= 65535 else None


def _is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may well resolve to an outside address


def serve(options: ServeOptions) -> int:
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
            return _serve(server.serving, options, announced=announced)
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


def _banner(running: MTurkServer, options: ServeOptions) -> str:
    url = running.url
    enforced = "enforced" if options.enforce_authorization else "NOT enforced"
    token = options.token_from or f"this token (shown only now): {running.control_token}"
    return (
        f"MTurk emulator (with IAM and STS) on {url}\n"
        f"  sandbox:    {url}/sandbox  (also {url}/)\n"
        f"  production: {url}/production\n"
        f"  Sign with region {REGION} and AWS's example key {ROOT_ACCESS_KEY_ID} (the root user)\n"
        f"  or an IAM user's key. IAM policies are {enforced}.\n"
        f"  Control routes ({url}/moto-api/) need the header 'Authorization: Bearer <token>'\n"
        f"  with {token}\n"
        "  Press Ctrl-C to stop."
    )


def _exposure_warning(host: str) -> str:
    return (
        f"Warning: listening on {host}, which other computers may reach. Anyone who reaches "
        f"this port can sign with AWS's public example key {ROOT_ACCESS_KEY_ID} and act as "
        "the account's root user. Use --host 127.0.0.1 unless other computers must call it."
    )


def _serve(
    serving: Callable[..., AbstractContextManager[MTurkServer]],  # server.serving
    options: ServeOptions,
    *,
    announced: threading.Event,
) -> int:
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {number: signal.signal(number, on_signal) for number in STOP_SIGNALS}
    try:
        with ExitStack() as stack:
            host, port = options.host, options.port
            try:
                running = stack.enter_context(serving(host, port, **options.serving_arguments()))
            except OSError as error:
                print(_port_problem(error, host, port), file=sys.stderr)
                return 1
            if not _is_loopback(host):
                print(_exposure_warning(host), file=sys.stderr, flush=True)
            print(_banner(running, options), flush=True)
            announced.set()
            # A timed wait: the signal handler runs in this thread, which an untimed
            # wait does not always leave when the signal reached another thread. (Its
            # body always runs once: a stop within the first 0.25 s left a `pass`
            # line unrun, and the gate's coverage 0.02% short on a quiet machine.)
            stopped = False
            while not stopped:
                stopped = stop.wait(timeout=0.25)
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
    port = _port_number(arguments.port)
    if port is None:
        print(
            f"--port {arguments.port} is not a port number: "
            "choose one from 1 to 65535 (or 0 for any free port).",
            file=sys.stderr,
        )
        return 2
    return serve(
        ServeOptions(
            host=arguments.host,
            port=port,
            enforce_authorization=not arguments.no_authorization,
            control_token=arguments.control_token or os.environ.get(TOKEN_VARIABLE) or None,
            token_from=(
                "the token given with --control-token"
                if arguments.control_token
                else f"the token in ${TOKEN_VARIABLE}"
                if os.environ.get(TOKEN_VARIABLE)
                else ""
            ),
            cors_origins=tuple(arguments.cors_origin),
            state=arguments.state,
        )
    )
