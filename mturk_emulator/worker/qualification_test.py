"""The worker site's qualification pages: a type's page, its test as a form, the result.

``/qualification/<id>`` shows a qualification type and what the worker may do: take
its test, or ask for it. Taking the test (``POST .../test``) opens it, which starts
its time (``TestDurationInSeconds``); ``.../test`` shows its QuestionForm with the
same fields a QuestionForm HIT gets (``site.question_fields``), and the answers
(``POST .../answers``) go through ``MTurkFake.take_qualification_test``, the move the
control route ``take-qualification-test`` and a Python test make too: scored at once
by an answer key, or sent to the requester. A wrong move gets one sentence.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from ..core import MTurkFake
from ..exceptions import InvalidAnswer, WorkerCannotAccept
from ..models import Marketplace, QualificationType
from ..models.answers import Answers
from . import site

Page = tuple[int, list[tuple[str, str]], bytes]
HTML = ("Content-Type", "text/html; charset=utf-8")


def _page(visit: site.Visit, status: int, title: str, body: str) -> Page:
    return status, [HTML], site.page(visit, title, body)


def _refused(visit: site.Visit, status: int, message: str) -> Page:
    return _page(visit, status, "Something went wrong", site.alert(message))


def _minutes(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    shown = f"{minutes} minute{'s' * (minutes != 1)}" if minutes else ""
    return " ".join(filter(None, [shown, f"{rest} seconds" if rest else ""])) or "0 seconds"


def answer(
    fake: MTurkFake, visit: site.Visit, method: str, parts: list[str], fields: Answers
) -> Page | None:
    """The page for ``parts`` (the path under the site) if it is a qualification page."""
    if method == "GET" and parts == ["qualifications"]:
        market = fake.marketplace(sandbox=visit.sandbox)
        return _page(visit, 200, "Qualifications", _listing(market, visit))
    if len(parts) not in (2, 3) or parts[0] != "qualification":
        return None
    action = parts[2] if len(parts) == 3 else ""
    if (method, action) not in {("GET", ""), ("POST", "test"), ("GET", "test"),
                                ("POST", "answers")}:  # fmt: skip
        return None
    market = fake.marketplace(sandbox=visit.sandbox)
    kind = market.qualification_types.get(parts[1])
    if kind is None or kind.status != "Active":
        return _refused(visit, 404, f"There is no qualification type {parts[1]} to ask for here.")
    if action == "":
        return _page(visit, 200, kind.name, _about(market, visit, kind))
    if visit.worker is None:
        return _refused(visit, 403, "Sign in to take a qualification test.")
    try:
        if method == "POST" and action == "test":
            fake.start_qualification_test(kind.id, visit.worker)
            return 303, [("Location", f"{visit.base}/qualification/{kind.id}/test")], b""
        if action == "test":
            return _test(market, visit, kind)
        outcome = fake.take_qualification_test(kind.id, visit.worker, fields)
    except (WorkerCannotAccept, InvalidAnswer) as refused:
        return _refused(visit, 409, str(refused))
    return _page(visit, 200, f"{kind.name}: test sent", _result(market, visit, kind, outcome))


def _listing(market: Marketplace, visit: site.Visit) -> str:
    """The Qualifications tab: every type a worker can ask for here."""
    kinds = sorted(
        (k for k in market.qualification_types.values() if k.status == "Active"),
        key=lambda k: k.creation_time,
    )
    items = "".join(
        f'<li><a href="{visit.base}/qualification/{escape(k.id)}">{escape(k.name)}</a>: '
        f"{escape(k.description)} ("
        + ("a test, scored at once" if k.answer_key else "a test" if k.test else "no test")
        + f"; {_standing(market, visit, k).lower().rstrip('.')})</li>"
        for k in kinds
    )
    return f"<ul>{items}</ul>" if items else "<p>No qualification can be asked for here yet.</p>"


def _about(market: Marketplace, visit: site.Visit, kind: QualificationType) -> str:
    retry = (
        "One request only."
        if kind.retry_delay is None
        else f"Again after {_minutes(kind.retry_delay)}."
    )
    test = (
        f"Yes: {_minutes(kind.test_duration or 0)} to answer, "
        + ("scored at once." if kind.answer_key else "checked by the requester.")
        if kind.test
        else "No."
    )
    facts = (
        f"<p>{escape(kind.description)}</p><dl><dt>Test</dt><dd>{test}</dd>"
        f"<dt>Retakes</dt><dd>{retry}</dd><dt>You</dt><dd>{_standing(market, visit, kind)}</dd>"
        "</dl>"
    )
    if visit.worker is None:
        return facts + f'<p><a href="{visit.base}/">Sign in</a> to ask for it.</p>'
    target, label = ("test", "Take the test") if kind.test else ("request", "Request it")
    return facts + (
        f'<form method="post" action="{visit.base}/qualification/{escape(kind.id)}/{target}">'
        f"<button>{label}</button></form>"
    )


def _standing(market: Marketplace, visit: site.Visit, kind: QualificationType) -> str:
    held = market.qualifications.get((kind.id, visit.worker or ""))
    if visit.worker is None:
        return "Sign in to see whether you hold it."
    if held is not None and held.status == "Granted":
        return f"You hold it with the score {held.value}."
    if market.waiting(kind.id, visit.worker):
        return "Your request is waiting for the requester."
    return "You do not hold it."


def _test(market: Marketplace, visit: site.Visit, kind: QualificationType) -> Page:
    attempt = market.open_test(kind.id, visit.worker or "")
    if attempt is None or kind.test is None:
        return _refused(
            visit,
            409,
            f"Your {kind.name} test is not open: take it from the qualification's page "
            f"({visit.base}/qualification/{kind.id}).",
        )
    deadline = market.deadline(kind, attempt)
    fields = site.question_fields(ET.fromstring(kind.test))  # noqa: S314 -- checked at creation
    body = (
        f"<p>Send your answers by <strong>{deadline:%Y-%m-%d %H:%M:%S} UTC</strong>: you have "
        f"{_minutes(kind.test_duration or 0)} from when you opened the test.</p>"
        f'<form method="post" action="{visit.base}/qualification/{escape(kind.id)}/answers">'
        f"{fields}<p><button>Send my answers</button></p></form>"
    )
    return _page(visit, 200, f"Qualification test: {kind.name}", body)


def _result(
    market: Marketplace, visit: site.Visit, kind: QualificationType, outcome: dict[str, object]
) -> str:
    if outcome["value"] is None:
        said = (
            "Your answers were sent to the requester, who will accept or reject your request. "
            "Your dashboard shows it while it waits."
        )
    else:
        said = f"Your score: {outcome['value']}. You now hold {kind.name} with that score."
    now, hits = market.now(), []
    for _, hit in market.hit_order.keyed_after(None):
        market.catch_up(hit, now)
        required = (r["QualificationTypeId"] for r in hit.hit_type.qualification_requirements)
        if hit.status(now) == "Assignable" and kind.id in required:
            hits.append(hit)
    listed = "".join(
        f'<li><a href="{visit.base}/hit/{escape(hit.id)}">{escape(hit.hit_type.title)}</a>: '
        + (
            "you can accept it now"
            if market.may(hit, visit.worker or "", "Accept")
            else "you do not meet its requirements yet"
        )
        + "</li>"
        for hit in hits
    )
    more = f"<h2>HITs that require {escape(kind.name)}</h2><ul>{listed}</ul>" if hits else ""
    return f'<p role="status">{escape(said)}</p>{more}'
