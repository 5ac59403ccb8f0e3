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

import re
import secrets
import socket
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from threading import BoundedSemaphore, Thread
from typing import Any

import moto.backend_index as backend_index
from moto.core.authorization import enable_iam_authentication
from moto.core.base_backend import BackendDict
from moto.core.model_instances import reset_model_data
from moto.moto_api._internal import mock_random
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import MotoRequestHandler, create_backend_app
from werkzeug.serving import ThreadedWSGIServer, make_server

from . import models, urls
from .core import install_mturk_managed_policies
from .edge import Edge, EdgeSettings, OriginPolicy
from .edge.errors import Protocol, new_request_id, render, too_many_connections
from .moto_iam import aws_access_control
from .service_model import on_data_path
from .worker import WorkerRoutes

SERVICE = "mturk"
MOTO_MODULE = f"moto.{SERVICE}"
IDLE_TIMEOUT = 30.0
"""Seconds a connection may stay silent (AWS's SDKs send a request at once)."""
MAX_CONNECTIONS = 128
"""Connections served at once, each by a thread of its own; the next get a 503 at once."""


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


class RequestHandler(MotoRequestHandler):
    """moto's request handler, without werkzeug's own log (the edge logs instead).

    ``timeout`` (seconds, set per server) closes a connection that sends nothing for
    that long: a half-open connection does not hold its thread for ever.
    """

    timeout = IDLE_TIMEOUT

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass

    def log_error(self, format: str, *args: Any) -> None:
        pass  # a timed-out or dropped connection: nothing a reader can act on


def limit_connections(server: ThreadedWSGIServer, most: int) -> None:
    """Serve at most ``most`` connections at once (a thread each); answer the next with
    a 503 from the accepting thread, without a thread of its own.

    Idle connections also close after the idle timeout; together they keep a flood of
    half-open connections from holding a thread each.
    """
    slots = BoundedSemaphore(most)
    serve_one = server.process_request_thread

    def process_request_thread(request: Any, client_address: Any) -> None:
        try:
            serve_one(request, client_address)
        finally:
            slots.release()

    def process_request(request: Any, client_address: Any) -> None:
        if slots.acquire(blocking=False):
            Thread(
                target=process_request_thread, args=(request, client_address), daemon=True
            ).start()
            return
        status, headers, body = render(too_many_connections(most), Protocol.JSON, new_request_id())
        head = "".join(f"{name}: {value}\r\n" for name, value in headers)
        with suppress(OSError):  # the client may be gone already
            request.settimeout(1.0)  # a client that reads nothing cannot hold the server
            request.sendall(
                f"HTTP/1.1 {status}\r\n{head}Connection: close\r\n\r\n".encode() + body
            )
        server.shutdown_request(request)

    server.process_request_thread = process_request_thread  # type: ignore[method-assign]
    server.process_request = process_request  # type: ignore[method-assign]


class MTurkServer(ThreadedMotoServer):
    """moto's threaded server behind the edge, binding its port in ``start()``.

    ``ThreadedMotoServer`` binds in its thread, and waits for it forever when the port
    is taken (werkzeug prints a message and exits that thread). Here the port is bound
    first, in the caller's thread, so the ``OSError`` reaches the caller; werkzeug then
    serves the bound socket.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 5005,
        *,
        settings: EdgeSettings,
        idle_timeout: float = IDLE_TIMEOUT,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        super().__init__(ip_address=host, port=port, verbose=False)
        self.settings = settings
        self.max_connections = max_connections
        self._handler = type("Handler", (RequestHandler,), {"timeout": idle_timeout})

    def start(self) -> None:
        family = socket.AF_INET6 if ":" in self._ip_address else socket.AF_INET
        with socket.create_server((self._ip_address, self._port), family=family) as listener:
            self._server = make_server(
                self._ip_address,
                listener.getsockname()[1],
                Edge(
                    self.settings,
                    create_backend_app,
                    install_mturk_managed_policies,
                    WorkerRoutes(self.settings.control_token),
                ),
                threaded=True,
                request_handler=self._handler,
                fd=listener.fileno(),  # werkzeug serves a copy of it
            )
        assert isinstance(self._server, ThreadedWSGIServer)  # threaded=True
        limit_connections(self._server, self.max_connections)
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
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def control_token(self) -> str:
        return self.settings.control_token


@contextmanager
def serving(
    host: str = "127.0.0.1",
    port: int = 5005,
    *,
    enforce_authorization: bool = True,
    control_token: str | None = None,
    cors_origins: Iterable[str] = (),
    idle_timeout: float = IDLE_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
    state: Path | None = None,
) -> Iterator[MTurkServer]:
    """Serve a brand-new AWS account's MTurk, IAM and STS on ``host:port`` during the block.

    ``port=0`` picks a free port (``server.url`` says which). Raises ``OSError`` when
    the port cannot be used. The backends are process-wide, so ``MTurkFake()`` in the
    same process drives the simulated workers of the served account. With ``state``,
    the account is kept in that file and restored from it (``mturk_emulator.store``).

    The control routes (moto's ``/moto-api/``) answer only requests that carry
    ``control_token`` (a new random one if not given: ``server.control_token``).
    Web pages on loopback origins, and on ``cors_origins``, may call the server.
    """
    settings = EdgeSettings(
        control_token=control_token or secrets.token_urlsafe(24),
        cors=OriginPolicy.with_origins(cors_origins),
    )
    with ExitStack() as stack:
        stack.enter_context(on_data_path())
        stack.enter_context(moto_registration())
        stack.enter_context(aws_access_control())
        if enforce_authorization:
            stack.enter_context(enable_iam_authentication())
        BackendDict.reset()  # what mock_aws does when it starts: a new account
        reset_model_data()  # and the instances moto's /moto-api/data.json lists
        mock_random.seed(0)
        install_mturk_managed_policies()
        if state is not None:
            from .store.journal import persistent_state

            stack.enter_context(persistent_state(state))
        server = MTurkServer(
            host,
            port,
            settings=settings,
            idle_timeout=idle_timeout,
            max_connections=max_connections,
        )
        server.start()
        stack.callback(server.stop)
        yield server
