"""The worker's half: the moves over HTTP (``/control/<move>``) and the worker site.

Against ``serving()`` in this process (for coverage), with plain HTTP; one test
runs the moves against a real ``mturk-emulator serve`` process, and one from the
AWS SDK for JavaScript. The requester's side is read with boto3.
"""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

from mturk_emulator import MTurkFake, server
from mturk_emulator.worker.site import NOT_ACCEPTED, Visit
from tests.conftest import ROOT
from tests.emulator.processes import start_process as start_server
from tests.emulator.processes import stop_process as stop_server
from tests.emulator.support import mturk_client

TOKEN = "test-control-token"
WORKER = "A1EXAMPLEWORKER"
HTML_FORM = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html lang="en">'
    "<head><title>task</title><script src='https://s3.amazonaws.com/mturk-public/"
    "externalHIT_v1.js'></script></head><body><form name='mturk_form' method='post' "
    "id='mturk_form' action='https://www.mturk.com/mturk/externalSubmit'>"
    "<input type='hidden' value='' name='assignmentId' id='assignmentId'>"
    "<label>Weather <textarea name='weather'></textarea></label>"
    "<label><input type='checkbox' name='seen' value='rain'>rain</label>"
    "<label><input type='checkbox' name='seen' value='sun'>sun</label>"
    "<input type='submit' id='submitButton' value='Submit'></form>"
    "<script>turkSetAssignmentID();</script></body></html>]]></HTMLContent>"
    "<FrameHeight>450</FrameHeight></HTMLQuestion>"
)
QUESTION_FORM = (
    '<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2017-11-06/QuestionForm.xsd"><Overview><Text>Read &lt;this&gt; first.</Text></Overview>'
    "<Question><QuestionIdentifier>why</QuestionIdentifier>"
    "<QuestionContent><Text>Why?</Text></QuestionContent><AnswerSpecification>"
    "<FreeTextAnswer/></AnswerSpecification></Question>"
    "<Question><QuestionIdentifier>colour</QuestionIdentifier>"
    "<QuestionContent><Text>Colour</Text></QuestionContent><AnswerSpecification>"
    "<SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>"
    "<Selection><SelectionIdentifier>r</SelectionIdentifier><Text>Red</Text></Selection>"
    "<Selection><SelectionIdentifier>g</SelectionIdentifier><Text>Green</Text></Selection>"
    "</Selections></SelectionAnswer></AnswerSpecification></Question>"
    "<Question><QuestionIdentifier>pets</QuestionIdentifier>"
    "<QuestionContent><Text>Pets</Text></QuestionContent><AnswerSpecification>"
    "<SelectionAnswer><MinSelectionCount>0</MinSelectionCount>"
    "<MaxSelectionCount>2</MaxSelectionCount><StyleSuggestion>checkbox</StyleSuggestion>"
    "<Selections><Selection><SelectionIdentifier>cat</SelectionIdentifier><Text>Cat</Text>"
    "</Selection><Selection><SelectionIdentifier>dog</SelectionIdentifier><Text>Dog</Text>"
    "</Selection></Selections></SelectionAnswer></AnswerSpecification></Question>"
    "</QuestionForm>"
)


def external(url: str) -> str:
    return (
        '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/'
        'AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">'
        f"<ExternalURL>{url}</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>"
    )


@pytest.fixture
def served() -> Iterator[server.MTurkServer]:
    with server.serving(port=0, control_token=TOKEN) as running:
        yield running


def create_hit(url: str, question: str, **extra: Any) -> str:
    hit = mturk_client(endpoint_url=f"{url}/sandbox").create_hit(
        Title=extra.pop("Title", "Weather <today>"),
        Description="Say what the weather is.",
        Reward="0.25",
        AssignmentDurationInSeconds=600,
        LifetimeInSeconds=3600,
        MaxAssignments=extra.pop("MaxAssignments", 2),
        Question=question,
        **extra,
    )
    return hit["HIT"]["HITId"]


def move(url: str, name: str, body: Any, token: str = TOKEN, method: str = "POST") -> Any:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    connection.request(
        method, f"/control/{name}", body=data, headers={"Authorization": f"Bearer {token}"}
    )
    response = connection.getresponse()
    answer = (response.status, json.loads(response.read()))
    connection.close()
    return answer


@dataclass
class Browser:
    """A worker's browser, cookie and all, as plain HTTP."""

    url: str
    market: str = "sandbox"
    cookie: str = ""
    host: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    def go(self, method: str, path: str, form: dict[str, Any] | None = None) -> tuple[int, str]:
        parts = urlsplit(self.url)
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if self.host:
            headers["Host"] = self.host
        body = urlencode(form or {}, doseq=True).encode() if method == "POST" else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, f"/{self.market}/worker{path}", body=body, headers=headers)
        response = connection.getresponse()
        self.headers = dict(response.getheaders())
        cookie = self.headers.get("Set-Cookie", "")
        if cookie:
            self.cookie = cookie.split(";")[0]
        text = response.read().decode()
        connection.close()
        return response.status, text

    def sign_in(self, worker: str = WORKER) -> None:
        assert self.go("POST", "/sign-in", {"worker_id": worker})[0] == 303


def answers_of(url: str, hit_id: str) -> list[str]:
    found = mturk_client(endpoint_url=f"{url}/sandbox").list_assignments_for_hit(HITId=hit_id)
    return [a["Answer"] for a in found["Assignments"]]


# --- the moves -----------------------------------------------------------------------


@pytest.mark.evidence("worker.moves-over-http", "answers.plain-form-one-per-field")
def test_every_move_over_http(served: server.MTurkServer) -> None:
    url = served.url
    hit_id = create_hit(url, HTML_FORM)
    assert move(url, "add-worker", {"worker_ids": [WORKER, "A2OTHER"]}) == (200, {})
    status, accepted = move(url, "accept-hit", {"hit_id": hit_id, "worker_id": "A2OTHER"})
    assert status == 200
    assert len(accepted["assignment_id"]) == 30
    assert move(url, "return-assignment", {"hit_id": hit_id, "worker_id": "A2OTHER"}) == (200, {})
    status, _submitted = move(
        url,
        "submit-answers",
        {
            "hit_id": hit_id,
            "worker_id": WORKER,
            "answers": {"weather": "rain", "seen": ["a", "b"]},
        },
    )
    assert status == 200
    [answer] = answers_of(url, hit_id)
    assert "<QuestionIdentifier>weather</QuestionIdentifier><FreeText>rain</FreeText>" in answer
    assert "<FreeText>a|b</FreeText>" in answer
    assert move(url, "set-prepaid-balance", {"amount": "12.50"}) == (200, {})
    assert (
        mturk_client(endpoint_url=f"{url}/production").get_account_balance()["AvailableBalance"]
        == "12.50"
    )
    assert move(url, "set-linked", {"linked": False}) == (200, {})
    with pytest.raises(Exception, match="must be linked"):
        mturk_client(endpoint_url=f"{url}/sandbox").list_hits()
    assert move(url, "set-linked", {"linked": True, "sandbox": True}) == (200, {})
    assert move(url, "advance-time", {"seconds": 7200}) == (200, {})
    hit = mturk_client(endpoint_url=f"{url}/sandbox").get_hit(HITId=hit_id)["HIT"]
    assert hit["HITStatus"] == "Reviewable"  # expired an hour ago
    late = move(url, "accept-hit", {"hit_id": hit_id, "worker_id": "A5LATE"})
    assert late == (409, {"error": "MoveNotAllowed",
                          "message": f"HIT {hit_id} is not available to workers."})  # fmt: skip


@pytest.mark.evidence("worker.local-stand-ins")
def test_system_qualification_scores(served: server.MTurkServer) -> None:
    approved = "00000000000000000040"
    requirement = {
        "QualificationTypeId": approved,
        "Comparator": "GreaterThan",
        "IntegerValues": [100],
    }
    hit_id = create_hit(served.url, HTML_FORM, QualificationRequirements=[requirement])
    taken = move(served.url, "accept-hit", {"hit_id": hit_id, "worker_id": "A3FRESH"})
    assert taken[0] == 200  # met until a score is given
    body = {"qualification_type_id": approved, "worker_id": WORKER, "value": 5}
    assert move(served.url, "grant-system-qualification", body) == (200, {})
    status, error = move(served.url, "accept-hit", {"hit_id": hit_id, "worker_id": WORKER})
    assert (status, error["error"]) == (409, "MoveNotAllowed")
    assert error["message"] == (
        f"Worker {WORKER} does not meet the qualification requirement {approved}."
    )
    own = move(
        served.url,
        "grant-system-qualification",
        {"qualification_type_id": "3OWN", "worker_id": WORKER},
    )
    assert own[0] == 409
    assert "not a system qualification type" in own[1]["message"]
    locale = move(
        served.url,
        "grant-system-qualification",
        {"qualification_type_id": "00000000000000000071", "worker_id": WORKER},
    )
    assert locale[0] == 409
    assert "locale is not a score" in locale[1]["message"]


@pytest.mark.parametrize(
    ("name", "body", "status", "code"),
    [
        ("nope", {}, 404, "UnknownMove"),
        ("advance-time", b"{", 400, "InvalidJson"),
        ("advance-time", [1], 400, "InvalidJson"),
        ("advance-time", {"seconds": 1, "minutes": 2}, 400, "UnknownMember"),
        ("advance-time", {}, 400, "MissingMember"),
        ("advance-time", {"seconds": True}, 400, "InvalidMember"),
        ("add-worker", {"worker_ids": ["lower"]}, 400, "InvalidMember"),
        ("set-prepaid-balance", {"amount": "lots"}, 400, "InvalidValue"),
        ("set-prepaid-balance", {"amount": "9" * 40}, 400, "InvalidValue"),
        ("accept-hit", {"hit_id": "3NONE", "worker_id": WORKER}, 409, "MoveNotAllowed"),
    ],
)
def test_wrong_moves_get_one_json_error(
    served: server.MTurkServer, name: str, body: Any, status: int, code: str
) -> None:
    got_status, error = move(served.url, name, body)
    assert (got_status, error["error"]) == (status, code)
    assert set(error) == {"error", "message"}
    assert error["message"]
    assert "Traceback" not in error["message"]


def test_moves_need_the_token_and_post(served: server.MTurkServer) -> None:
    status, error = move(served.url, "advance-time", {"seconds": 1}, token="wrong")
    assert (status, error["error"]) == (403, "ControlTokenNeeded")
    assert move(served.url, "advance-time", b"", method="GET")[0] == 405


def test_submit_form_refusals() -> None:
    with server.serving(port=0):
        fake = MTurkFake()
        with pytest.raises(Exception, match="no accepted assignment 3NONE"):
            fake.submit_form("3NONE", {})


@pytest.mark.process
def test_moves_against_a_real_server_process() -> None:
    process, url = start_server("--control-token", TOKEN)
    try:
        hit_id = create_hit(url, external("https://example.com/task"))
        body = {"hit_id": hit_id, "worker_id": WORKER, "answers": {"colour": "blue"}}
        assert move(url, "add-worker", {"worker_ids": [WORKER]}) == (200, {})
        assert move(url, "submit-answers", body)[0] == 200
        again = move(url, "accept-hit", {"hit_id": hit_id, "worker_id": WORKER})
        assert again == (
            409,
            {
                "error": "MoveNotAllowed",
                "message": f"Worker {WORKER} already worked on HIT {hit_id}.",
            },
        )
        [answer] = answers_of(url, hit_id)
        assert "<QuestionIdentifier>colour</QuestionIdentifier><FreeText>blue</FreeText>" in answer
    finally:
        _, err = stop_server(process)
    assert "Traceback" not in err


@pytest.mark.process
def test_moves_from_javascript(served: server.MTurkServer) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed: apt-get install nodejs npm"
    hit_id = create_hit(served.url, external("https://example.com/task"))
    ran = subprocess.run(
        [node, str(ROOT / "tests" / "js" / "worker_moves.mjs"), served.url, TOKEN, hit_id],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    result = json.loads(ran.stdout)
    assert result["refused"] == {"status": 409, "error": "MoveNotAllowed"}
    [answer] = answers_of(served.url, hit_id)
    assert result["answers"] == [answer]  # the SDK reads what the move recorded
    assert "<FreeText>from JavaScript</FreeText>" in answer


# --- the worker site -------------------------------------------------------------------


def test_visit_origins() -> None:
    assert Visit("sandbox", None, "127.0.0.1:5").task_origin == "http://localhost:5"
    assert Visit("sandbox", None, "localhost:5").task_origin == "http://127.0.0.1:5"
    assert Visit("production", None, "localhost").task_origin == "http://127.0.0.1"


@pytest.mark.evidence(
    "worker.four-parameters",
    "worker.preview-assignment-id",
    "worker.external-submit",
)
def test_sign_in_preview_accept_submit_over_http(served: server.MTurkServer) -> None:
    hit_id = create_hit(served.url, HTML_FORM)
    browser = Browser(served.url)
    status, listing = browser.go("GET", "/")
    assert status == 200
    assert "Local MTurk emulator, sandbox worker site" in listing
    assert "Weather &lt;today&gt;" in listing
    assert "Requester of AWS account 123456789012" in listing
    assert "Sign in" in listing
    status, preview = browser.go("GET", f"/hit/{hit_id}")
    assert f"assignmentId={NOT_ACCEPTED}" in preview
    assert "workerId" not in preview
    assert "to accept this HIT" in preview
    assert browser.go("POST", f"/hit/{hit_id}/accept")[0] == 403
    browser.sign_in()
    assert "Signed in as <strong>A1EXAMPLEWORKER</strong>" in browser.go("GET", "/")[1]
    assert browser.go("POST", f"/hit/{hit_id}/accept")[0] == 303
    _, work = browser.go("GET", f"/hit/{hit_id}")
    assignment_id = work.split("assignmentId=")[1].split("&amp;")[0]
    assert assignment_id != NOT_ACCEPTED
    assert f"workerId={WORKER}" in work
    assert 'sandbox="allow-scripts allow-forms"' in work
    assert "Return this HIT" in work
    port = urlsplit(served.url).port
    assert f'src="http://localhost:{port}/sandbox/worker/task/{hit_id}?' in work
    status, task = browser.go("GET", f"/task/{hit_id}?assignmentId={assignment_id}")
    assert status == 200
    assert browser.headers["Content-Security-Policy"] == "sandbox allow-scripts allow-forms"
    assert "action='http://127.0.0.1:" in task
    assert "/sandbox/worker/mturk/externalSubmit'" in task
    assert "../assets/externalHIT_v1.js" in task
    assert "turkSetAssignmentID" in browser.go("GET", "/assets/externalHIT_v1.js")[1]
    posted = {"assignmentId": assignment_id, "weather": "windy", "seen": ["rain", "sun"]}
    status, done = browser.go("POST", "/mturk/externalSubmit", posted)
    assert status == 200
    assert "submitted" in done
    [answer] = answers_of(served.url, hit_id)
    assert "<QuestionIdentifier>weather</QuestionIdentifier><FreeText>windy</FreeText>" in answer
    assert "<FreeText>rain|sun</FreeText>" in answer
    assert browser.go("POST", "/mturk/externalSubmit", posted)[0] == 409  # submitted already
    assert browser.go("POST", "/mturk/externalSubmit", {"assignmentId": NOT_ACCEPTED})[0] == 400
    assert browser.go("POST", "/mturk/externalSubmit", {"weather": "x"})[0] == 400


@pytest.mark.evidence("worker.group-address")
def test_return_dashboard_and_refusals(served: server.MTurkServer) -> None:
    hit_id = create_hit(served.url, external("https://example.com/task?x=1"))
    requester = mturk_client(endpoint_url=f"{served.url}/sandbox")
    browser = Browser(served.url)
    assert browser.go("GET", "/dashboard")[0] == 403
    assert browser.go("POST", "/sign-in", {"worker_id": "bad id"})[0] == 400
    browser.sign_in("")  # a new worker id
    assert browser.cookie.startswith("mturk_worker=A")
    assert len(browser.cookie) == 27
    browser.sign_in()
    assert browser.go("POST", f"/hit/{hit_id}/return")[0] == 409  # nothing to return
    assert browser.go("POST", f"/hit/{hit_id}/accept")[0] == 303
    _, work = browser.go("GET", f"/hit/{hit_id}")
    assert "https://example.com/task?x=1&amp;assignmentId=" in work
    assert 'height="600"' in work
    assert browser.go("POST", f"/hit/{hit_id}/return")[0] == 303
    assert "Accept" in browser.go("GET", f"/hit/{hit_id}")[1]
    assert browser.go("GET", f"/task/{hit_id}")[0] == 404  # an ExternalQuestion has no HTML here
    assignment = MTurkFake().submit_answers(hit_id, WORKER, {"colour": "red"})
    requester.approve_assignment(AssignmentId=assignment)
    requester.send_bonus(
        WorkerId=WORKER, BonusAmount="1.00", AssignmentId=assignment, Reason="Great <work>"
    )
    requester.notify_workers(Subject="Thanks", MessageText="More soon", WorkerIds=[WORKER])
    kind = requester.create_qualification_type(
        Name="Skilled", Description="d", QualificationTypeStatus="Active"
    )
    requester.associate_qualification_with_worker(
        QualificationTypeId=kind["QualificationType"]["QualificationTypeId"],
        WorkerId=WORKER,
        IntegerValue=7,
        SendNotification=False,
    )
    MTurkFake().grant_system_qualification("2ARFPLSP75KLA8M8DH1HTEQVJT3SY6", WORKER)
    _, dashboard = browser.go("GET", "/dashboard")
    assert "Approved (paid)" in dashboard
    assert "$1.00" in dashboard
    assert "Great &lt;work&gt;" in dashboard
    assert "Skilled: 7 (Granted)" in dashboard
    assert "Masters: 1" in dashboard
    assert "<strong>Thanks</strong>: More soon" in dashboard
    assert (
        "No assignments yet"
        in Browser(served.url, cookie="mturk_worker=A9NEW").go("GET", "/dashboard")[1]
    )
    requester.create_worker_block(WorkerId=WORKER, Reason="spam")
    other = create_hit(served.url, QUESTION_FORM, Title="Other")
    status, page = browser.go("POST", f"/hit/{other}/accept")
    assert status == 409
    assert f"Worker {WORKER} is blocked by this requester." in page
    assert "/task/" in browser.go("GET", f"/hit/{other}")[1]  # rendered by the site
    assert browser.go("GET", "/hit/3NONE")[0] == 404
    layout = mturk_client(endpoint_url=f"{served.url}/sandbox").create_hit(
        Title="From a layout",
        Description="d",
        Reward="0.10",
        AssignmentDurationInSeconds=60,
        LifetimeInSeconds=600,
        MaxAssignments=1,
        HITLayoutId="3LAYOUTEXAMPLE",
        HITLayoutParameters=[{"Name": "n", "Value": "v"}],
    )["HIT"]["HITId"]
    assert "made from a layout" in browser.go("GET", f"/hit/{layout}")[1]
    assert browser.go("GET", f"/task/{layout}")[0] == 404
    type_id = requester.get_hit(HITId=other)["HIT"]["HITTypeId"]
    assert browser.go("GET", f"/projects/{type_id}/tasks")[0] == 303
    assert browser.headers["Location"] == f"/sandbox/worker/hit/{other}"
    assert browser.go("GET", "/projects/3NOGROUP/tasks")[0] == 404
    MTurkFake().accept_hit(layout, "A4TAKER")  # its only slot: no longer listed
    assert "From a layout" not in browser.go("GET", "/")[1]
    assert browser.go("GET", f"/hit/{other}/more")[0] == 404
    assert browser.go("GET", "/nowhere")[0] == 404
    assert browser.go("POST", "/sign-out")[0] == 303
    assert browser.cookie == "mturk_worker="
    assert "Sign in" in Browser(served.url, cookie="mturk_worker=<bad>").go("GET", "/")[1]
    assert "No HITs" in Browser(served.url, market="production").go("GET", "/")[1]


@pytest.mark.evidence("worker.actions-guarded")
def test_actions_guarded(served: server.MTurkServer) -> None:
    requester = mturk_client(endpoint_url=f"{served.url}/sandbox")
    kind = requester.create_qualification_type(
        Name="Trained", Description="d", QualificationTypeStatus="Active"
    )
    type_id = kind["QualificationType"]["QualificationTypeId"]

    def guarded(actions: str | None, title: str, **extra: Any) -> str:
        requirement: dict[str, Any] = {"QualificationTypeId": type_id, "Comparator": "Exists"}
        if actions:
            requirement["ActionsGuarded"] = actions
        requirement.update(extra)
        return create_hit(
            served.url,
            HTML_FORM,
            Title=title,
            QualificationRequirements=[
                requirement,
                {
                    "QualificationTypeId": "00000000000000000071",
                    "Comparator": "EqualTo",
                    "LocaleValues": [{"Country": "US"}],
                },
            ],
        )

    hidden = guarded("DiscoverPreviewAndAccept", "Hidden")
    no_preview = guarded("PreviewAndAccept", "No preview")
    old_style = guarded(None, "Old style", RequiredToPreview=True)
    accept_only = guarded("Accept", "Accept only")
    browser = Browser(served.url)
    browser.sign_in()
    _, listing = browser.go("GET", "/")
    assert "Hidden" not in listing
    assert "No preview" in listing
    assert "Accept only" in listing
    assert "Trained Exists: you do not meet it" in listing
    assert "Worker_Locale EqualTo US: you meet it" in listing
    assert "sign in to see whether" in Browser(served.url).go("GET", "/")[1]
    for hit_id in (hidden, no_preview, old_style):
        status, page = browser.go("GET", f"/hit/{hit_id}")
        assert status == 403
        assert "needed to preview this HIT" in page
        assert "<iframe" not in page
    status, page = browser.go("GET", f"/hit/{accept_only}")
    assert status == 200
    assert "needed to accept this HIT" in page
    assert "<iframe" in page
    requester.associate_qualification_with_worker(
        QualificationTypeId=type_id, WorkerId=WORKER, IntegerValue=1, SendNotification=False
    )
    assert "Hidden" in browser.go("GET", "/")[1]
    assert browser.go("POST", f"/hit/{hidden}/accept")[0] == 303


@pytest.mark.evidence("worker.question-form-rendered", "answers.question-form-one-per-question")
def test_question_form_rendered_and_answered(served: server.MTurkServer) -> None:
    hit_id = create_hit(served.url, QUESTION_FORM)
    browser = Browser(served.url)
    browser.sign_in()
    assert browser.go("POST", f"/hit/{hit_id}/accept")[0] == 303
    _, work = browser.go("GET", f"/hit/{hit_id}")
    assignment_id = work.split("assignmentId=")[1].split("&amp;")[0]
    _, form = browser.go("GET", f"/task/{hit_id}")
    assert "<section><p>Read &lt;this&gt; first.</p></section>" in form
    assert '<label for="q1"><p>Why?</p></label><textarea id="q1" name="why"' in form
    assert '<input type="radio" name="colour" value="g"> Green' in form
    assert '<input type="checkbox" name="pets" value="dog"> Dog' in form
    posted = {"assignmentId": assignment_id, "why": "Because", "colour": "g",
              "pets": ["cat", "dog"]}  # fmt: skip
    assert browser.go("POST", "/mturk/externalSubmit", posted)[0] == 200
    [answer] = answers_of(served.url, hit_id)
    assert "<QuestionIdentifier>colour</QuestionIdentifier><SelectionIdentifier>g<" in answer
    assert "<SelectionIdentifier>cat</SelectionIdentifier><SelectionIdentifier>dog<" in answer


@pytest.mark.evidence("worker.crowd-elements-offline", "answers.crowd-form-task-answers")
def test_crowd_form_served_offline(served: server.MTurkServer) -> None:
    question = (ROOT / "snippets" / "first_hit_question.xml").read_text()
    hit_id = create_hit(served.url, question)
    browser = Browser(served.url)
    _, task = browser.go("GET", f"/task/{hit_id}")
    assert '<script src="../assets/crowd-html-elements.js"></script>' in task
    assert "assets.crowd.aws" not in task
    _, script = browser.go("GET", "/assets/crowd-html-elements.js")
    assert browser.headers["Content-Type"] == "text/javascript"
    assert "does not implement" in script
    assert browser.go("GET", "/assets/other.js")[0] == 404
    browser.sign_in()
    browser.go("POST", f"/hit/{hit_id}/accept")
    _, work = browser.go("GET", f"/hit/{hit_id}")
    assignment_id = work.split("assignmentId=")[1].split("&amp;")[0]
    posted = {"assignmentId": assignment_id, "feedback": "Smooth"}
    assert browser.go("POST", "/mturk/externalSubmit", posted)[0] == 200
    [answer] = answers_of(served.url, hit_id)
    assert "<QuestionIdentifier>taskAnswers</QuestionIdentifier>" in answer
    assert '<FreeText>[{"feedback": "Smooth"}]</FreeText>' in answer.replace("&quot;", '"')


@pytest.mark.evidence("worker.qualification-requests")
def test_qualification_requests(served: server.MTurkServer) -> None:
    requester = mturk_client(endpoint_url=f"{served.url}/sandbox")
    kind = requester.create_qualification_type(
        Name="Reviewed", Description="d", QualificationTypeStatus="Active"
    )["QualificationType"]
    create_hit(served.url, HTML_FORM, Title="Needs review", QualificationRequirements=[
        {"QualificationTypeId": kind["QualificationTypeId"], "Comparator": "Exists"}])  # fmt: skip
    browser = Browser(served.url)
    path = f"/qualification/{kind['QualificationTypeId']}/request"
    assert browser.go("POST", path)[0] == 403  # signed out
    browser.sign_in()
    assert "<button>Request Reviewed</button>" in browser.go("GET", "/")[1]
    assert browser.go("POST", path)[0] == 303
    assert "Reviewed: requested, waiting for the requester" in browser.go("GET", "/dashboard")[1]
    [request] = requester.list_qualification_requests(
        QualificationTypeId=kind["QualificationTypeId"]
    )["QualificationRequests"]
    assert request["WorkerId"] == WORKER
    requester.accept_qualification_request(
        QualificationRequestId=request["QualificationRequestId"], IntegerValue=3
    )
    assert "Reviewed Exists: you meet it" in browser.go("GET", "/")[1]
    assert browser.go("POST", "/qualification/3NOTYPE/request")[0] == 409
    auto = requester.create_qualification_type(
        Name="Auto", Description="d", QualificationTypeStatus="Active", AutoGranted=True
    )["QualificationType"]["QualificationTypeId"]
    status, reply = move(served.url, "request-qualification",
                         {"qualification_type_id": auto, "worker_id": "A7ASKER"})  # fmt: skip
    assert (status, reply) == (200, {"request_id": ""})  # granted at once
    score = requester.get_qualification_score(QualificationTypeId=auto, WorkerId="A7ASKER")
    assert score["Qualification"]["Status"] == "Granted"


@pytest.mark.evidence("assignments.abandoned-after-duration")
def test_time_runs_out_on_an_accepted_hit(served: server.MTurkServer) -> None:
    hit_id = create_hit(served.url, HTML_FORM)  # ten minutes to do it
    browser = Browser(served.url)
    browser.sign_in()
    browser.go("POST", f"/hit/{hit_id}/accept")
    _, work = browser.go("GET", f"/hit/{hit_id}")
    assignment_id = work.split("assignmentId=")[1].split("&amp;")[0]
    assert move(served.url, "advance-time", {"seconds": 601}) == (200, {})
    _, page = browser.go("GET", f"/hit/{hit_id}")
    assert "Return this HIT" not in page  # a preview again: the slot is free
    assert f"assignmentId={NOT_ACCEPTED}" in page
    status, late = browser.go("POST", "/mturk/externalSubmit",
                              {"assignmentId": assignment_id, "weather": "late"})  # fmt: skip
    assert status == 409
    assert f"The assignment {assignment_id} cannot take answers: it is abandoned." in late
    assert "<td>Abandoned</td>" in browser.go("GET", "/dashboard")[1]
    assert answers_of(served.url, hit_id) == []
