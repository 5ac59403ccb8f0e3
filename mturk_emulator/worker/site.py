"""The worker web site: pages rendered on the server, every value escaped.

One site per marketplace, at ``/sandbox/worker/`` and ``/production/worker/``. A
worker signs in by worker id (a cookie; no password: the site is local). The task
opens in an iframe as MTurk rendered it (ledger ``worker.*`` rules): an
``ExternalQuestion`` is the requester's URL with ``assignmentId``, ``hitId``,
``turkSubmitTo`` and ``workerId`` appended; an ``HTMLQuestion``'s HTML is served by
this server under the *other* loopback host name (``localhost`` for a site opened at
``127.0.0.1``, and the other way round), so it has an origin of its own, and with
``Content-Security-Policy: sandbox``, so its scripts run in an opaque origin: they
can read neither the site's cookie nor its storage. The control token never
reaches a browser: the site's moves run on the server.
"""

from __future__ import annotations

import secrets
import string
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlencode, urlsplit

from ..core import MTurkFake
from ..models import HIT, Marketplace
from ..models.qualifications import SYSTEM_QUALIFICATION_TYPES
from ..models.questions import local_name
from . import crowd

NOT_ACCEPTED = "ASSIGNMENT_ID_NOT_AVAILABLE"
"""AWS, ExternalQuestion: the ``assignmentId`` of a preview."""
SUBMIT_HOSTS = (
    "https://www.mturk.com/mturk/externalSubmit",
    "https://workersandbox.mturk.com/mturk/externalSubmit",
)
"""The submit addresses AWS's HTMLQuestion examples put in a form's ``action``."""
HELPER_SCRIPT = "https://s3.amazonaws.com/mturk-public/externalHIT_v1.js"
HELPER = b"""function turkGetParam(name, fallback) {
  var value = new URLSearchParams(window.location.search).get(name);
  return value === null ? fallback : value;
}
function turkSetAssignmentID() {
  var id = turkGetParam("assignmentId", "");
  var field = document.getElementById("assignmentId");
  if (field) { field.value = id; }
  var form = document.getElementById("mturk_form");
  if (form) { form.action = turkGetParam("turkSubmitTo", "") + "/mturk/externalSubmit"; }
  if (id === "ASSIGNMENT_ID_NOT_AVAILABLE") {
    var button = document.getElementById("submitButton");
    if (button) {
      button.disabled = true;
      button.value = "You must ACCEPT the HIT before you can submit the results.";
    }
  }
}
"""
"""The emulator's stand-in for AWS's ``externalHIT_v1.js`` (its two documented functions)."""
TASK_POLICY = "sandbox allow-scripts allow-forms"
STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.5}
header{background:#232f3e;color:#fff;padding:0 0 .75rem}
header nav,header>p:not(.local),header form{padding:0 1rem}
header a{color:#fff}
.local{background:#fff3cd;color:#1b1b1b;padding:.5rem 1rem;border-bottom:2px solid #8a6d00}
main{padding:1rem;max-width:70rem}
article{border:1px solid #767676;border-radius:4px;padding:.5rem 1rem;margin:0 0 1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{font-weight:600}dd{margin:0}
iframe{width:100%;border:1px solid #767676}
button,input{font:inherit;min-height:44px}
.alert{border:2px solid #a4262c;padding:.5rem 1rem}
nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;gap:1rem;flex-wrap:wrap}
"""


@dataclass(frozen=True)
class Visit:
    """One request to the site: which marketplace, who is signed in, where it came to."""

    market: str  # "sandbox" or "production"
    worker: str | None
    host: str  # the Host header: the site's origin

    @property
    def sandbox(self) -> bool:
        return self.market == "sandbox"

    @property
    def base(self) -> str:
        return f"/{self.market}/worker"

    @property
    def site_origin(self) -> str:
        return f"http://{self.host}"

    @property
    def task_origin(self) -> str:
        """The other loopback host name, same port: an origin of its own for HIT pages."""
        parts = urlsplit(f"http://{self.host}")
        other = "127.0.0.1" if parts.hostname == "localhost" else "localhost"
        return f"http://{other}:{parts.port}" if parts.port else f"http://{other}"


def new_worker_id() -> str:
    """A new worker id in MTurk's shape: "A" and 13 capital letters and digits."""
    alphabet = string.ascii_uppercase + string.digits
    return "A" + "".join(secrets.choice(alphabet) for _ in range(13))


def page(visit: Visit, title: str, body: str) -> bytes:
    market = "sandbox" if visit.sandbox else "production"
    signed = (
        f"<p>Signed in as <strong>{escape(visit.worker)}</strong>.</p>"
        f'<form method="post" action="{visit.base}/sign-out"><button>Sign out</button></form>'
        if visit.worker
        else f'<p><a href="{visit.base}/">Sign in</a> to accept HITs.</p>'
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · local MTurk emulator ({market})</title><style>{STYLE}</style></head>
<body><header><p class="local"><strong>Local MTurk emulator, {market} worker site.</strong>
This is not Amazon Mechanical Turk: it runs on this computer, and no one is paid.</p>
<nav aria-label="Worker site"><ul>
<li><a href="{visit.base}/">HITs</a></li><li><a href="{visit.base}/dashboard">Dashboard</a></li>
<li><a href="{visit.base}/qualifications">Qualifications</a></li>
</ul></nav>{signed}</header>
<main><h1>{escape(title)}</h1>{body}</main></body></html>""".encode()


def submitted(visit: Visit, message: str, *, done: bool) -> bytes:
    """What the task's frame shows after its form was posted (no site header: it is a frame)."""
    role = "status" if done else "alert"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{"HIT submitted" if done else "Not submitted"} · local MTurk emulator</title></head>
<body><main><p role="{role}">{escape(message)}</p></main></body></html>""".encode()


def _requirement(market: Marketplace, visit: Visit, requirement: dict[str, Any]) -> str:
    name = type_name(market, requirement["QualificationTypeId"])
    values = requirement.get("IntegerValues") or [
        "-".join(v.get(k, "") for k in ("Country", "Subdivision") if v.get(k))
        for v in requirement.get("LocaleValues", [])
    ]
    shown = f"{name} {requirement['Comparator']} {', '.join(map(str, values))}".strip()
    if visit.worker is None:
        verdict = "sign in to see whether you meet it"
    elif market.meets(visit.worker, requirement):
        verdict = "you meet it"
    else:
        verdict = "you do not meet it"
        requestable = market.qualification_types.get(requirement["QualificationTypeId"])
        if requestable is not None and requestable.status == "Active" and requestable.test:
            verdict += (
                f'<form method="post" action="{visit.base}/qualification/{escape(requestable.id)}'
                f'/test"><button>Take the test for {escape(name)}</button></form>'
            )
        elif requestable is not None and requestable.status == "Active":
            verdict += (
                f'<form method="post" action="{visit.base}/qualification/'
                f'{escape(requestable.id)}/request"><button>Request {escape(name)}</button></form>'
            )
    return f"<li>{escape(shown)}: {verdict}</li>"


def _facts(market: Marketplace, visit: Visit, hit: HIT, available: int) -> str:
    kind = hit.hit_type
    minutes = kind.assignment_duration // 60
    requirements = "".join(_requirement(market, visit, r) for r in kind.qualification_requirements)
    return (
        f"<dl><dt>Requester</dt><dd>{escape(requester_name(market))}</dd>"
        f"<dt>Reward</dt><dd>${kind.reward}</dd>"
        f"<dt>Time allotted</dt><dd>{minutes} minutes</dd>"
        f"<dt>HITs available</dt><dd>{available}</dd>"
        f"<dt>Expires</dt><dd>{hit.expiration:%Y-%m-%d %H:%M} UTC</dd>"
        f"<dt>Qualifications required</dt><dd>"
        f"{f'<ul>{requirements}</ul>' if requirements else 'None'}</dd></dl>"
    )


def requester_name(market: Marketplace) -> str:
    """The emulator has one requester per account: named after the account."""
    return f"Requester of AWS account {market.backend.account_id}"


def _available(hit: HIT) -> int:
    return max(0, hit.max_assignments - hit.count("Accepted", "Submitted", "Approved", "Rejected"))


def first_of_group(market: Marketplace, visit: Visit, group: str) -> HIT | None:
    """The first HIT a worker can take of a HIT group (by its HITGroupId or HITTypeId):
    where MTurk's address ``/projects/<id>/tasks`` took a worker."""
    now = market.now()
    for _, hit in market.hit_order.keyed_after(None):
        if group in {hit.hit_type.group_id, hit.hit_type.id}:
            market.catch_up(hit, now)
            if hit.status(now) == "Assignable" and market.may(hit, visit.worker or "", "Discover"):
                return hit
    return None


def hit_list(market: Marketplace, visit: Visit) -> bytes:
    """The HIT groups a worker can discover, as the worker site listed them."""
    now = market.now()
    groups: dict[str, tuple[HIT, int]] = {}
    for _, hit in market.hit_order.keyed_after(None):
        market.catch_up(hit, now)
        if hit.status(now) != "Assignable":
            continue
        if not market.may(hit, visit.worker or "", "Discover"):
            continue
        first, count = groups.get(hit.hit_type.group_id, (hit, 0))
        groups[hit.hit_type.group_id] = (first, count + _available(hit))
    items = "".join(
        f'<article><h2><a href="{visit.base}/hit/{escape(hit.id)}">'
        f"{escape(hit.hit_type.title)}</a></h2><p>{escape(hit.hit_type.description)}</p>"
        f"{_facts(market, visit, hit, count)}</article>"
        for hit, count in groups.values()
    )
    sign_in = (
        ""
        if visit.worker
        else f"""<section aria-labelledby="sign-in"><h2 id="sign-in">Sign in</h2>
<form method="post" action="{visit.base}/sign-in">
<p><label for="worker_id">Worker id</label>
<input id="worker_id" name="worker_id" autocomplete="username"
 pattern="A[A-Z0-9]{{1,63}}" aria-describedby="worker_id_help"></p>
<p id="worker_id_help">"A" then capital letters and digits, e.g. A1EXAMPLEWORKER. A new
worker is made the first time an id is used; leave it empty for a new id.</p>
<button>Sign in</button></form></section>"""
    )
    found = items or "<p>No HITs are available right now.</p>"
    return page(visit, "HITs", f"{sign_in}<h2>Available HITs</h2>{found}")


def frame(hit: HIT, visit: Visit, assignment_id: str | None) -> str:
    """The iframe MTurk showed the task in (ledger ``worker.external-question-url`` ...)."""
    if hit.question is None:
        return "<p>This HIT was made from a layout, which this local site cannot show.</p>"
    root = ET.fromstring(hit.question)  # noqa: S314 -- checked when the HIT was created
    params = {
        "assignmentId": assignment_id or NOT_ACCEPTED,
        "hitId": hit.id,
        "turkSubmitTo": visit.site_origin + visit.base,
    }
    if assignment_id and visit.worker:
        params["workerId"] = visit.worker
    query = urlencode(params)
    values = {local_name(child): (child.text or "").strip() for child in root}
    height = values.get("FrameHeight", "")
    height = height if height.isdigit() and height != "0" else "600"  # 0: as tall as needed
    kind = local_name(root)
    if kind == "ExternalQuestion":
        url = values["ExternalURL"]
        src = f"{url}{'&' if '?' in url else '?'}{query}"
        sandbox = ""
    else:  # an HTMLQuestion, or a QuestionForm this site renders
        src = f"{visit.task_origin}{visit.base}/task/{hit.id}?{query}"
        sandbox = ' sandbox="allow-scripts allow-forms"'
    return (
        f'<iframe title="The HIT: {escape(hit.hit_type.title)}" src="{escape(src)}"'
        f' height="{height}"{sandbox}></iframe>'
    )


def task_html(hit: HIT, turk_submit_to: str) -> bytes:
    """An HTMLQuestion's HTML as its iframe gets it, with AWS's addresses made local;
    a QuestionForm rendered as a form (``question_form``)."""
    root = ET.fromstring(hit.question or "")  # noqa: S314 -- checked when the HIT was created
    if local_name(root) == "QuestionForm":
        return question_form(root, turk_submit_to)
    html = next((c.text or "" for c in root if local_name(c) == "HTMLContent"), "")
    for address in SUBMIT_HOSTS:
        html = html.replace(address, f"{turk_submit_to}/mturk/externalSubmit")
    html = html.replace(crowd.ADDRESS, "../assets/crowd-html-elements.js")
    return html.replace(HELPER_SCRIPT, "../assets/externalHIT_v1.js").encode()


def _texts(element: ET.Element) -> str:
    """The Text elements of a content element, as paragraphs."""
    return "".join(
        f"<p>{escape((e.text or '').strip())}</p>"
        for e in element.iter()
        if local_name(e) == "Text"
    )


def _text_of(element: ET.Element, name: str) -> str:
    found = next((c for c in element if local_name(c) == name), None)
    return "" if found is None else (found.text or "").strip()


def kind_of(hit: HIT) -> str:
    """ExternalQuestion, HTMLQuestion or QuestionForm ('' for a HIT made from a layout)."""
    if hit.question is None:
        return ""
    return local_name(ET.fromstring(hit.question))  # noqa: S314 -- checked at CreateHIT


def question_form(root: ET.Element, turk_submit_to: str) -> bytes:
    """A QuestionForm HIT as its iframe's web form (``question_fields``)."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>HIT</title>
<script src="../assets/externalHIT_v1.js"></script></head><body><main>
<form method="post" id="mturk_form" action="{escape(turk_submit_to)}/mturk/externalSubmit">
<input type="hidden" name="assignmentId" id="assignmentId">{question_fields(root)}
<p><input type="submit" id="submitButton" value="Submit"></p></form>
<script>turkSetAssignmentID();</script></main></body></html>""".encode()


def question_fields(root: ET.Element) -> str:
    """A QuestionForm's questions as form fields (a HIT's, or a qualification test's): a
    text box per free-text question, radio buttons (check boxes when more than one may
    be chosen) per selection question."""
    parts = []
    for number, part in enumerate(root):
        content = next((c for c in part if local_name(c) == "QuestionContent"), part)
        label = _texts(content)
        if local_name(part) == "Overview":
            parts.append(f"<section>{label}</section>")
            continue
        name = escape(_text_of(part, "QuestionIdentifier"))
        answer = next((e for e in part.iter() if local_name(e) == "SelectionAnswer"), None)
        if answer is None:
            parts.append(
                f'<div><label for="q{number}">{label or name}</label>'
                f'<textarea id="q{number}" name="{name}" rows="3"></textarea></div>'
            )
            continue
        kind = "radio" if _text_of(answer, "MaxSelectionCount") in {"", "1"} else "checkbox"
        options = "".join(
            f'<label><input type="{kind}" name="{name}" value="'
            f'{escape(_text_of(choice, "SelectionIdentifier"))}"> '
            f"{escape(_text_of(choice, 'Text') or _text_of(choice, 'SelectionIdentifier'))}"
            "</label><br>"
            for choice in answer.iter()
            if local_name(choice) == "Selection"
        )
        parts.append(f"<fieldset><legend>{label or name}</legend>{options}</fieldset>")
    return "".join(parts)


def hit_page(fake: MTurkFake, market: Marketplace, visit: Visit, hit: HIT) -> tuple[int, bytes]:
    market.catch_up(hit)
    mine = [a for a in hit.by_worker.get(visit.worker or "", []) if a.status == "Accepted"]
    facts = _facts(market, visit, hit, _available(hit))
    title = hit.hit_type.title
    if mine:
        action = (
            f'<form method="post" action="{visit.base}/hit/{escape(hit.id)}/return">'
            "<button>Return this HIT</button></form>"
        )
        deadline = f"<p>Submit by {mine[0].deadline:%Y-%m-%d %H:%M:%S} UTC.</p>"
        return 200, page(visit, title, facts + deadline + action + frame(hit, visit, mine[0].id))
    if not market.may(hit, visit.worker or "", "Preview"):
        return 403, page(visit, title, facts + alert(
            "You do not meet the qualification requirements needed to preview this HIT."
        ))  # fmt: skip
    if visit.worker is None:
        action = f'<p><a href="{visit.base}/">Sign in</a> to accept this HIT.</p>'
    elif market.may(hit, visit.worker, "Accept"):
        action = (
            f'<form method="post" action="{visit.base}/hit/{escape(hit.id)}/accept">'
            "<button>Accept</button></form>"
        )
    else:
        action = alert("You do not meet the qualification requirements needed to accept this HIT.")
    return 200, page(visit, title, facts + action + frame(hit, visit, None))


def alert(message: str) -> str:
    return f'<p class="alert" role="alert">{escape(message)}</p>'


def dashboard(market: Marketplace, visit: Visit) -> bytes:
    worker = visit.worker or ""
    rows = []
    for assignment in market.assignments.values():
        if assignment.worker_id != worker:
            continue
        hit = market.hits[assignment.hit_id]
        market.catch_up(hit)
        paid = " (paid)" if assignment.status == "Approved" else ""
        rows.append(
            f"<tr><td>{escape(hit.hit_type.title)}</td><td>${hit.hit_type.reward}</td>"
            f"<td>{escape(assignment.status)}{paid}</td></tr>"
        )
    bonuses = [
        f"<li>${b.amount} for {escape(b.hit_id)}: {escape(b.reason)}</li>"
        for b in market.bonuses
        if b.worker_id == worker
    ]
    held = [
        f"<li>{escape(type_name(market, q.type_id))}: {q.value} ({escape(q.status)})</li>"
        for (_, holder), q in sorted(market.qualifications.items())
        if holder == worker
    ]
    held += [
        f"<li>{escape(type_name(market, r.type_id))}: requested, waiting for the requester</li>"
        for r in market.qualification_requests.values()
        if r.worker_id == worker
    ]
    messages = [
        f"<li><strong>{escape(n.details['Subject'])}</strong>: {escape(n.details['Text'])}</li>"
        for n in market.notifications
        if n.kind == "Email" and n.details.get("WorkerId") == worker
    ]

    def listed(items: list[str], none: str) -> str:
        return f"<ul>{''.join(items)}</ul>" if items else f"<p>{none}</p>"

    table = (
        '<table><caption>Your assignments</caption><thead><tr><th scope="col">HIT</th>'
        '<th scope="col">Reward</th><th scope="col">Status</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        if rows
        else "<p>No assignments yet.</p>"
    )
    return page(
        visit,
        "Dashboard",
        f"<h2>Assignments</h2>{table}<h2>Bonuses</h2>{listed(bonuses, 'No bonuses yet.')}"
        f"<h2>Qualifications</h2>{listed(held, 'No qualifications yet.')}"
        f"<h2>Messages</h2>{listed(messages, 'No messages yet.')}",
    )


def type_name(market: Marketplace, type_id: str) -> str:
    if type_id in SYSTEM_QUALIFICATION_TYPES:
        return SYSTEM_QUALIFICATION_TYPES[type_id][0]
    found = market.qualification_types.get(type_id)
    return found.name if found else type_id
