"""The emulator as a local HTTP endpoint, for code in any language: MTurk, IAM and STS.

Built on moto's own server machinery (``ThreadedMotoServer``, its werkzeug
dispatcher and Flask apps): moto picks the backend from the request's credential
scope, so one port serves ``mturk-requester``, ``iam`` and ``sts``. Authorization
is enforced from the first request, and the process starts as a new AWS account
whose root user holds AWS's example key. The marketplace is chosen by path:
``http://127.0.0.1:PORT/sandbox`` (also ``/``) or ``/production``.

This module needs Flask (``pip install "mturk-emulator[server]"``).
"""

from __future__ import annotations

import io
import logging
import re
import socket
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from threading import Thread
from typing import Any
from urllib.parse import parse_qs

import moto.backend_index as backend_index
from moto.core.authorization import enable_iam_authentication
from moto.core.base_backend import BackendDict
from moto.moto_api._internal import mock_random
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

from . import models, urls
from .core import install_mturk_managed_policies
from .moto_iam import aws_access_control
from .service_model import on_data_path

SERVICE = "mturk"
MOTO_MODULE = f"moto.{SERVICE}"
log = logging.getLogger(__name__)


@contextmanager
def moto_registration() -> Iterator[None]:
    """Make moto's server dispatcher serve the MTurk backend while the block runs.

    moto knows its backends by name: the dispatcher maps a host to a name with
    ``backend_index.backend_url_patterns``, then imports ``moto.<name>`` and reads
    ``<name>_backends``. Both are given here and taken back afterwards.
    """
    patterns = [(SERVICE, re.compile(base)) for base in urls.url_bases]
    backend_index.backend_url_patterns.extend(patterns)
    sys.modules[MOTO_MODULE] = models
    try:
        yield
    finally:
        for pattern in patterns:
            backend_index.backend_url_patterns.remove(pattern)
        del sys.modules[MOTO_MODULE]


def _action(environ: dict[str, Any]) -> str:
    """The operation a request asks for, from its target header or its form body."""
    target = str(environ.get("HTTP_X_AMZ_TARGET", ""))
    if target:
        return target.rpartition(".")[2]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)  # moto reads it again
    actions = parse_qs(body.decode("utf-8", "replace")).get("Action", ["-"])
    return str(actions[0])


class RequestLog(DomainDispatcherApplication):
    """moto's dispatcher, logging one line per request (never a key or a body).

    After ``POST /moto-api/reset`` (moto wipes every backend) it puts AWS's two
    MTurk managed policies back into IAM, as a new account has them.
    """

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        started = time.perf_counter()
        scope = str(environ.get("HTTP_AUTHORIZATION", "")).partition("Credential=")[2]
        service = (scope.split("/") + [""] * 4)[3] or "-"
        action = _action(environ)
        status: list[str] = []

        def record(code: str, headers: Any, exc_info: Any = None) -> Any:
            status.append(code.partition(" ")[0])
            return start_response(code, headers, exc_info)

        result: Iterable[bytes] = super().__call__(environ, record)
        path = environ.get("PATH_INFO", "")
        if path == "/moto-api/reset":
            install_mturk_managed_policies()
        log.info(
            "%s %s %s %s -> %s (%.0f ms)",
            environ["REQUEST_METHOD"],
            path,
            service,
            action,
            status[0] if status else "-",
            (time.perf_counter() - started) * 1000,
        )
        return result


class RequestHandler(MotoRequestHandler):
    """moto's request handler without werkzeug's access log (``RequestLog`` logs instead)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class MTurkServer(ThreadedMotoServer):
    """moto's threaded server with the request log, binding its port in ``start()``.

    ``ThreadedMotoServer`` binds in its thread, and waits for it forever when the port
    is taken (werkzeug prints a message and exits that thread). Here the port is bound
    first, in the caller's thread, so the ``OSError`` reaches the caller; werkzeug then
    serves the bound socket.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 5005) -> None:
        super().__init__(ip_address=host, port=port, verbose=False)

    def start(self) -> None:
        family = socket.AF_INET6 if ":" in self._ip_address else socket.AF_INET
        with socket.create_server((self._ip_address, self._port), family=family) as listener:
            self._server = make_server(
                self._ip_address,
                listener.getsockname()[1],
                RequestLog(create_backend_app),
                threaded=True,
                request_handler=RequestHandler,
                fd=listener.fileno(),  # werkzeug serves a copy of it
            )
        # A short poll: stop() waits up to one interval for the loop to notice (a test
        # that starts a server per test waited 25 ms a test at 0.05 s); idle, the loop
        # costs a select() call per interval.
        self._thread = Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self.get_host_and_port()
        return f"http://{host}:{port}"


@contextmanager
def serving(
    host: str = "127.0.0.1",
    port: int = 5005,
    *,
    enforce_authorization: bool = True,
    state: Path | None = None,
) -> Iterator[MTurkServer]:
    """Serve a brand-new AWS account's MTurk, IAM and STS on ``host:port`` during the block.

    ``port=0`` picks a free port (``server.url`` says which). Raises ``OSError`` when
    the port cannot be used. The backends are process-wide, so ``MTurkFake()`` in the
    same process drives the simulated workers of the served account. With ``state``,
    the account is kept in that file and restored from it (``mturk_emulator.store``).
    """
    with ExitStack() as stack:
        stack.enter_context(on_data_path())
        stack.enter_context(moto_registration())
        stack.enter_context(aws_access_control())
        if enforce_authorization:
            stack.enter_context(enable_iam_authentication())
        BackendDict.reset()  # what mock_aws does when it starts: a new account
        mock_random.seed(0)
        install_mturk_managed_policies()
        if state is not None:
            from .store.journal import persistent_state

            stack.enter_context(persistent_state(state))
        server = MTurkServer(host, port)
        server.start()
        stack.callback(server.stop)
        yield server
