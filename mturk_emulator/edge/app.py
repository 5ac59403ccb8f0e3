"""The edge: one small WSGI application in front of moto's backends.

Every request passes here first. The edge answers on its own what no AWS service
would pass on (an oversize body, a missing or malformed signature, a scope for a
service not served here, an unknown operation, a body that is not the JSON the
operation takes) and the server's own routes (``/health``, the control routes), and
hands the rest to the Flask app moto made for the backend: ``mturk``, ``iam`` or
``sts``. It also decides CORS, and writes the request log.
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from io import BytesIO
from threading import Lock
from typing import Any
from typing import Protocol as Protocol_
from urllib.parse import quote

from . import checks, errors
from .cors import OriginPolicy
from .errors import Protocol, Refusal

log = logging.getLogger("mturk_emulator.server")

MAX_BODY = 1024 * 1024
"""The largest request body served: 1 MiB. MTurk's largest request (a qualification
test and its answer key, 65,535 bytes each, JSON-escaped) is well below it."""
CONTROL_PREFIX = "/moto-api"
HEALTH = b'{"status": "ok"}'
_LOG_SAFE = "/:@!$&'()*+,;=-._~"

StartResponse = Callable[..., Any]
Answer = tuple[str, list[tuple[str, str]], bytes]


class LocalRoutes(Protocol_):
    """Routes the server answers itself (``mturk_emulator.worker.WorkerRoutes``)."""

    def claims(self, path: str) -> bool: ...

    def answer(self, environ: dict[str, Any], body: bytes) -> Answer: ...


@dataclass(frozen=True)
class EdgeSettings:
    control_token: str
    cors: OriginPolicy = field(default_factory=OriginPolicy)
    max_body: int = MAX_BODY


@dataclass
class _Entry:
    """One line of the request log."""

    method: str
    path: str
    service: str = "-"
    action: str = "-"
    status: str = "-"
    service_backend: str = ""  # the backend the request is passed to

    def line(self, elapsed: float, request_id: str) -> str:
        fields = [self.method, self.path, self.service, self.action]
        shown = " ".join(quote(text, safe=_LOG_SAFE) or "-" for text in fields)
        ending = f" request {request_id}" if self.status.startswith("5") else ""
        return f"{shown} -> {self.status} ({elapsed * 1000:.0f} ms){ending}"


def _control_token(environ: dict[str, Any]) -> str:
    scheme, _, token = str(environ.get("HTTP_AUTHORIZATION", "")).partition(" ")
    return token if scheme == "Bearer" else ""


class Edge:
    """The WSGI application the server runs (see the module's docstring)."""

    def __init__(
        self,
        settings: EdgeSettings,
        create_app: Callable[[str], Any],
        after_reset: Callable[[], None],
        local: LocalRoutes | None = None,
    ) -> None:
        self.settings = settings
        self._local = local
        self._create_app = create_app
        self._after_reset = after_reset
        self._apps: dict[str, Any] = {}
        self._lock = Lock()

    def _app(self, backend: str) -> Any:
        with self._lock:
            if backend not in self._apps:
                app = self._create_app(backend)
                # A bug of ours reaches the edge (logged, 500 InternalFailure), not
                # Flask's HTML error page.
                app.config["PROPAGATE_EXCEPTIONS"] = True
                self._apps[backend] = app
            return self._apps[backend]

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        request_id = errors.new_request_id()
        entry = _Entry(str(environ.get("REQUEST_METHOD", "")), str(environ.get("PATH_INFO", "")))
        origin = environ.get("HTTP_ORIGIN")
        extra: list[tuple[str, str]] = []
        if origin is not None and self.settings.cors.allows(str(origin)):
            extra = OriginPolicy.response_headers(str(origin))
        protocol = checks.protocol_of(environ)
        sent: list[bool] = []

        def respond(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            entry.status = status.partition(" ")[0]
            sent.append(True)
            return start_response(status, headers + extra, exc_info)

        def respond_for_backend(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Any:
            # moto's Flask apps allow every origin (flask-cors); the edge decides.
            kept = [(k, v) for k, v in headers if not k.lower().startswith("access-control-")]
            return respond(status, kept, exc_info)

        try:
            answer = self._answer(environ, entry, protocol, request_id)
            if answer is None:
                result: Iterable[bytes] = self._app(entry.service_backend)(
                    environ, respond_for_backend
                )
                if entry.path == f"{CONTROL_PREFIX}/reset":
                    self._after_reset()  # moto wiped IAM: a new account has the policies
            else:
                status, headers, body = answer
                respond(status, headers)
                result = [body]
        except Exception:
            log.exception("request %s failed", request_id)
            if sent:
                raise  # too late for another status line; werkzeug closes the connection
            status, headers, body = errors.render(
                errors.internal_failure(), protocol, request_id, entry.service
            )
            respond(status, headers)
            result = [body]
        log.info("%s", entry.line(time.perf_counter() - started, request_id))
        return result

    def _answer(
        self, environ: dict[str, Any], entry: _Entry, protocol: Protocol, request_id: str
    ) -> Answer | None:
        """The edge's own answer, or None: pass the request on (to ``entry.service_backend``)."""
        try:
            return self._check(environ, entry, protocol)
        except Refusal as refusal:
            service = entry.service if entry.service in checks.QUERY_SERVICES else "iam"
            return errors.render(refusal, protocol, request_id, service)

    def _check(self, environ: dict[str, Any], entry: _Entry, protocol: Protocol) -> Answer | None:
        if self._local is not None and self._local.claims(entry.path):
            # The worker's routes: a web site (whose HIT frames post from any origin)
            # and the control token's moves; none of them is an AWS service.
            entry.service = "worker"
            body = checks.read_body(environ, self.settings.max_body, protocol)
            return self._local.answer(environ, body)
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and not self.settings.cors.allows(str(origin)):
            raise errors.origin_not_allowed(str(origin))
        if entry.method == "OPTIONS":
            if origin is None:
                raise errors.origin_not_allowed("")
            requested = str(environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS", ""))
            return "204 No Content", OriginPolicy.preflight_headers(requested), b""
        if entry.path == "/health" and entry.method in {"GET", "HEAD"}:
            return "200 OK", [("Content-Type", "application/json")], HEALTH
        body = checks.read_body(environ, self.settings.max_body, protocol)
        environ["wsgi.input"] = BytesIO(body)  # the backend reads it again
        environ["CONTENT_LENGTH"] = str(len(body))
        if entry.path.startswith(CONTROL_PREFIX):
            if not hmac.compare_digest(_control_token(environ), self.settings.control_token):
                raise errors.control_token_needed()
            entry.service_backend = "moto_api"
            return None
        action = checks.query_action(environ, body) if protocol is Protocol.QUERY else ""
        entry.service = checks.signed_service(environ, protocol) or "-"
        backend = checks.route(entry.path, entry.service, protocol, action)
        if backend == "mturk":
            entry.action = checks.mturk_operation(environ)
            checks.mturk_body(entry.action, body, str(environ.get("CONTENT_TYPE", "")))
        else:
            entry.action = action or "-"
            checks.check_query_action(backend, action)
        entry.service_backend = backend
        # Plain HTTP only because the server is local: the backends evaluate the call as
        # the HTTPS call it stands for (aws:SecureTransport; ledger edge.secure-transport).
        environ["wsgi.url_scheme"] = "https"
        return None
