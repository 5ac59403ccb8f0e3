"""Which of the server's requests are the worker's, and their answers.

``/control/<move>`` (JSON, with the control token) runs a move (``moves``); the
paths under ``/sandbox/worker/`` and ``/production/worker/`` are the worker site
(``site``). The edge asks ``claims`` first, then ``answer``.
"""

from __future__ import annotations

import hmac
import json
import re
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from moto.core.exceptions import ServiceException

from ..core import MTurkFake
from ..exceptions import InvalidAnswer, WorkerCannotAccept
from ..models import HIT
from . import crowd, qualification_test, site
from .moves import WORKER_ID, run_move

Answer = tuple[str, list[tuple[str, str]], bytes]
CONTROL = re.compile(r"^/control/([a-z-]+)$")
SITE = re.compile(r"^/(sandbox|production)/worker(/.*)?$")
COOKIE = "mturk_worker"
STATUS = {
    200: "200 OK",
    303: "303 See Other",
    400: "400 Bad Request",
    403: "403 Forbidden",
    404: "404 Not Found",
    405: "405 Method Not Allowed",
    409: "409 Conflict",
}
HTML = ("Content-Type", "text/html; charset=utf-8")
ASSETS = {"externalHIT_v1.js": site.HELPER, "crowd-html-elements.js": crowd.SCRIPT}
"""The emulator's stand-ins for the scripts AWS served to HIT pages."""


def _json(status: int, body: dict[str, Any]) -> Answer:
    return STATUS[status], [("Content-Type", "application/json")], json.dumps(body).encode()


def _form(body: bytes) -> dict[str, str | list[str]]:
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {name: values[0] if len(values) == 1 else values for name, values in fields.items()}


class WorkerRoutes:
    def __init__(self, control_token: str) -> None:
        self.control_token = control_token

    @staticmethod
    def claims(path: str) -> bool:
        return path.startswith("/control/") or SITE.match(path) is not None

    def answer(self, environ: dict[str, Any], body: bytes) -> Answer:
        path = str(environ.get("PATH_INFO", ""))
        method = str(environ.get("REQUEST_METHOD", ""))
        control = CONTROL.match(path)
        if path.startswith("/control/"):
            scheme, _, token = str(environ.get("HTTP_AUTHORIZATION", "")).partition(" ")
            if scheme != "Bearer" or not hmac.compare_digest(token, self.control_token):
                return _json(
                    403,
                    {
                        "error": "ControlTokenNeeded",
                        "message": (
                            "The control routes need the control token the server printed when "
                            "it started: send it as the header 'Authorization: Bearer <token>'."
                        ),
                    },
                )
            if method != "POST":
                return _json(405, {"error": "MethodNotAllowed", "message": "Use POST."})
            status, reply = run_move(control.group(1) if control else "", body)
            return _json(status, reply)
        found = SITE.match(path)
        assert found is not None  # claims() said so
        return self._site(environ, method, found.group(1), found.group(2) or "/", body)

    def _site(
        self, environ: dict[str, Any], method: str, market_name: str, rest: str, body: bytes
    ) -> Answer:
        cookie = SimpleCookie(str(environ.get("HTTP_COOKIE", "")))
        worker = cookie[COOKIE].value if COOKIE in cookie else None
        if worker is not None and not WORKER_ID.match(worker):
            worker = None
        visit = site.Visit(market_name, worker, str(environ.get("HTTP_HOST", "127.0.0.1")))
        fake = MTurkFake()
        with fake.backend.lock:
            return self._page(fake, visit, method, rest, body)

    def _page(
        self, fake: MTurkFake, visit: site.Visit, method: str, rest: str, body: bytes
    ) -> Answer:
        market = fake.marketplace(sandbox=visit.sandbox)
        parts = rest.strip("/").split("/")
        if method == "GET" and rest == "/":
            return STATUS[200], [HTML], site.hit_list(market, visit)
        if method == "GET" and parts == ["dashboard"]:
            if visit.worker is None:
                return self._error(visit, 403, "Sign in to see your dashboard.")
            return STATUS[200], [HTML], site.dashboard(market, visit)
        if method == "GET" and parts[:1] == ["assets"] and len(parts) == 2 and parts[1] in ASSETS:
            return STATUS[200], [("Content-Type", "text/javascript")], ASSETS[parts[1]]
        if method == "POST" and parts == ["sign-in"]:
            given = str(_form(body).get("worker_id", "")).strip().upper() or site.new_worker_id()
            if not WORKER_ID.match(given):
                return self._error(
                    visit,
                    400,
                    (
                        f'{given!r} is not a worker id: use "A" then capital letters and '
                        "digits, e.g. A1EXAMPLEWORKER."
                    ),
                )
            fake.add_worker(given, sandbox=visit.sandbox)
            return self._go(
                visit, f"{COOKIE}={given}; Path={visit.base}; HttpOnly; SameSite=Strict"
            )
        if method == "POST" and parts == ["sign-out"]:
            return self._go(visit, f"{COOKIE}=; Path={visit.base}; Max-Age=0; SameSite=Strict")
        if method == "POST" and parts == ["mturk", "externalSubmit"]:
            return self._external_submit(fake, visit, body)
        if method == "GET" and len(parts) == 3 and parts[0] == "projects" and parts[2] == "tasks":
            found = site.first_of_group(market, visit, parts[1])
            if found is None:
                return self._error(visit, 404, f"No HIT of the group {parts[1]} is available.")
            return STATUS[303], [("Location", f"{visit.base}/hit/{found.id}")], b""
        if method == "POST" and len(parts) == 3 and parts[::2] == ["qualification", "request"]:
            return self._request_qualification(fake, visit, parts[1])
        test_page = qualification_test.answer(fake, visit, method, parts, _form(body))
        if test_page is not None:
            status, headers, html = test_page
            return STATUS[status], headers, html
        if len(parts) >= 2 and parts[0] in {"hit", "task"}:
            hit = market.hits.get(parts[1])
            if hit is None or hit.disposed:
                return self._error(visit, 404, f"There is no HIT {parts[1]} here.")
            return self._hit(fake, visit, method, parts, hit)
        return self._error(visit, 404, "There is no such page on the worker site.")

    def _hit(
        self, fake: MTurkFake, visit: site.Visit, method: str, parts: list[str], hit: HIT
    ) -> Answer:
        market = fake.marketplace(sandbox=visit.sandbox)
        if parts[0] == "task" and method == "GET":
            if site.kind_of(hit) not in {"HTMLQuestion", "QuestionForm"}:
                return self._error(visit, 404, "This HIT has no HTML of its own.")
            return (
                STATUS[200],
                [HTML, ("Content-Security-Policy", site.TASK_POLICY)],
                (site.task_html(hit, visit.site_origin + visit.base)),
            )
        if method == "GET" and len(parts) == 2:
            status, html = site.hit_page(fake, market, visit, hit)
            return STATUS[status], [HTML], html
        if method == "POST" and len(parts) == 3 and parts[2] in {"accept", "return"}:
            if visit.worker is None:
                return self._error(visit, 403, "Sign in to accept or return a HIT.")
            try:
                if parts[2] == "accept":
                    fake.accept_hit(hit.id, visit.worker)
                else:
                    fake.return_assignment(hit.id, visit.worker)
            except WorkerCannotAccept as refused:
                return self._error(visit, 409, str(refused))
            target = f"{visit.base}/hit/{hit.id}" if parts[2] == "accept" else f"{visit.base}/"
            return STATUS[303], [("Location", target)], b""
        return self._error(visit, 404, "There is no such page on the worker site.")

    def _request_qualification(self, fake: MTurkFake, visit: site.Visit, type_id: str) -> Answer:
        if visit.worker is None:
            return self._error(visit, 403, "Sign in to request a qualification.")
        try:
            fake.request_qualification(type_id, visit.worker)
        except (WorkerCannotAccept, ServiceException) as refused:
            return self._error(visit, 409, getattr(refused, "message", str(refused)))
        return STATUS[303], [("Location", f"{visit.base}/dashboard")], b""

    def _external_submit(self, fake: MTurkFake, visit: site.Visit, body: bytes) -> Answer:
        fields = _form(body)
        assignment_id = fields.pop("assignmentId", "")
        if not isinstance(assignment_id, str) or assignment_id in {"", site.NOT_ACCEPTED}:
            message = (
                "The form was posted without the assignmentId of an accepted HIT: accept "
                "the HIT first, and keep the assignmentId field in the form."
            )
            return STATUS[400], [HTML], site.submitted(visit, message, done=False)
        try:
            fake.submit_form(assignment_id, fields)
        except (WorkerCannotAccept, InvalidAnswer) as refused:
            return STATUS[409], [HTML], site.submitted(visit, str(refused), done=False)
        message = "Your answers were submitted. Thank you."
        return STATUS[200], [HTML], site.submitted(visit, message, done=True)

    def _go(self, visit: site.Visit, cookie: str) -> Answer:
        return STATUS[303], [("Location", f"{visit.base}/"), ("Set-Cookie", cookie)], b""

    def _error(self, visit: site.Visit, status: int, message: str) -> Answer:
        return (
            STATUS[status],
            [HTML],
            site.page(visit, "Something went wrong", site.alert(message)),
        )
