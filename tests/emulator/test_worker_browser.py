"""The worker site in Chromium (Playwright) against a real ``mturk-emulator serve``.

A worker signs in, previews, accepts, works and submits HITs as a reader would;
after each, the requester API returns exactly the answers typed. A HIT's own script
tries to read the worker site's cookie, storage and page, and fails. The pages pass
axe at 1280 px and at 375 px with touch.

The ExternalQuestion's page comes from a small experiment server on this computer.
MTurk took only HTTPS addresses for it (ledger ``validation``), so the HIT names
``https://experiment.test/`` and Playwright hands the browser that server's page.
Chromium then takes the page for one from the internet, and would block its post to
this computer (Local Network Access): those checks are off, as in
``test_server_browser.py``. The HIT's own script meets the same-origin rules, which
stay on.
"""

from __future__ import annotations

import json
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Frame, Page, Route

from tests.conftest import ROOT
from tests.emulator.processes import start_process as start_server
from tests.emulator.processes import stop_process as stop_server
from tests.emulator.support import mturk_client
from tests.emulator.test_worker import HTML_FORM, QUESTION_FORM, TOKEN, external
from tests.site.browser_support import AXE_SOURCE, DEVICES

WORKER = "A1BROWSERWORKER"
ANSWERS_NS = (
    "{http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/"
    "QuestionFormAnswers.xsd}"
)
EXPERIMENT = """<!doctype html><html lang="en"><head><title>Experiment</title></head><body>
<p id="seen"></p>
<form id="f" method="post"><input type="hidden" name="assignmentId" id="a">
<label>Your age <input name="age" id="age"></label><button>Send</button></form>
<script>
const q = new URLSearchParams(location.search);
document.getElementById("seen").textContent = ["assignmentId", "hitId", "turkSubmitTo",
  "workerId"].map(k => k + "=" + q.get(k)).join(" ");
document.getElementById("a").value = q.get("assignmentId");
document.getElementById("f").action = q.get("turkSubmitTo") + "/mturk/externalSubmit";
</script></body></html>"""
SNOOP = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html lang="en">'
    "<head><title>snoop</title></head><body><p id='out'>running</p><script>"
    "const tries = {cookie: () => document.cookie, storage: () => localStorage.getItem('s'),"
    " parent: () => parent.document.body.innerHTML};"
    "const out = Object.entries(tries).map(([k, f]) => { try { const v = f();"
    " return k + ':' + (v ? 'READ ' + v : 'empty'); } catch (e) { return k + ':blocked'; } });"
    "fetch(new URL(location.search.match(/turkSubmitTo=([^&]*)/)[1] ? "
    "decodeURIComponent(location.search.match(/turkSubmitTo=([^&]*)/)[1]) + '/dashboard' : ''),"
    " {credentials: 'include'}).then(r => r.text()).then("
    " t => 'fetch:READ ' + t.length, () => 'fetch:blocked').then(f => {"
    " document.getElementById('out').textContent = out.concat([f]).join(' '); });"
    "</script></body></html>]]></HTMLContent><FrameHeight>200</FrameHeight></HTMLQuestion>"
)


class Experiment(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = EXPERIMENT.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    process, url = start_server("--control-token", TOKEN)
    yield url
    stop_server(process)


@pytest.fixture(scope="module")
def experiment() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Experiment)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def new_hit(url: str, question: str, title: str, **extra: Any) -> str:
    hit = mturk_client(endpoint_url=f"{url}/sandbox").create_hit(
        Title=title, Description="A HIT for the browser test.", Reward="0.50",
        AssignmentDurationInSeconds=600, LifetimeInSeconds=3600, MaxAssignments=3,
        Question=question, **extra,
    )  # fmt: skip
    return str(hit["HIT"]["HITId"])


def answers(url: str, hit_id: str) -> list[str]:
    listed = mturk_client(endpoint_url=f"{url}/sandbox").list_assignments_for_hit(HITId=hit_id)
    return [str(a["Answer"]) for a in listed["Assignments"]]


def sign_in(page: Page, url: str, worker: str = WORKER) -> None:
    page.goto(f"{url}/sandbox/worker/")
    page.get_by_label("Worker id").fill(worker)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {worker}").wait_for()


def accept(page: Page, url: str, hit_id: str) -> None:
    page.goto(f"{url}/sandbox/worker/hit/{hit_id}")
    page.get_by_role("button", name="Accept").click()
    page.get_by_role("button", name="Return this HIT").wait_for()


def control(page: Page, url: str, move: str, data: dict[str, Any]) -> Any:
    """A control move with the token, from the test (never from a page)."""
    reply = page.request.post(
        f"{url}/control/{move}", data=data, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert reply.status == 200, reply.text()
    return reply.json()


@pytest.mark.browser
@pytest.mark.evidence("worker.external-submit")
def test_html_question_plain_form(chromium: Browser, served: str) -> None:
    hit_id = new_hit(served, HTML_FORM, "Weather in the browser")
    page = chromium.new_page()
    sign_in(page, served)
    page.get_by_role("link", name="Weather in the browser").click()
    preview = page.frame_locator("iframe")
    assert "ASSIGNMENT_ID_NOT_AVAILABLE" in (page.locator("iframe").get_attribute("src") or "")
    assert preview.locator("#submitButton").is_disabled()  # turkSetAssignmentID, in preview
    page.get_by_role("button", name="Accept").click()
    page.get_by_role("button", name="Return this HIT").wait_for()  # the HIT's own page
    task = page.frame_locator("iframe")
    task.get_by_label("Weather").fill("Sunny, then rain")
    task.get_by_label("sun").check()
    task.get_by_role("button", name="Submit").click()
    task.get_by_text("Your answers were submitted").wait_for()
    [answer] = answers(served, hit_id)
    assert "<QuestionIdentifier>weather</QuestionIdentifier><FreeText>Sunny, then rain" in answer
    assert "<QuestionIdentifier>seen</QuestionIdentifier><FreeText>sun</FreeText>" in answer
    page.get_by_role("link", name="Dashboard").click()
    assert page.get_by_role("cell", name="Submitted").is_visible()
    page.close()


@pytest.mark.browser
@pytest.mark.evidence("worker.crowd-elements-offline")
def test_the_guides_own_crowd_form_hit(chromium: Browser, served: str) -> None:
    question = (ROOT / "snippets" / "first_hit_question.xml").read_text()
    extra = question.replace(
        "</crowd-form>", '<crowd-bounding-box name="box"></crowd-bounding-box></crowd-form>'
    )
    hit_id = new_hit(served, extra, "Tell us how the setup went")
    page = chromium.new_page()
    sign_in(page, served, "A6CROWDWORKER")
    page.goto(f"{served}/sandbox/worker/hit/{hit_id}")
    assert page.frame_locator("iframe").get_by_role("button", name="Submit").is_disabled()
    page.get_by_role("button", name="Accept").click()
    page.get_by_role("button", name="Return this HIT").wait_for()
    task = page.frame_locator("iframe")
    assert "does not implement <crowd-bounding-box>" in task.get_by_role("note").inner_text()
    task.get_by_label("Your answer").fill("It went well")
    task.get_by_role("button", name="Submit").click()
    task.get_by_text("Your answers were submitted").wait_for()
    [answer] = answers(served, hit_id)
    assert "<QuestionIdentifier>taskAnswers</QuestionIdentifier>" in answer
    assert '[{"feedback": "It went well"}]' in answer.replace("&quot;", '"')
    page.close()


@pytest.mark.browser
@pytest.mark.evidence("worker.question-form-rendered")
def test_question_form(chromium: Browser, served: str) -> None:
    hit_id = new_hit(served, QUESTION_FORM, "A QuestionForm")
    page = chromium.new_page()
    sign_in(page, served, "A5FORMWORKER")
    accept(page, served, hit_id)
    task = page.frame_locator("iframe")
    task.get_by_label("Why?").fill("Because it is")
    task.get_by_label("Green").check()
    task.get_by_label("Cat").check()
    task.get_by_label("Dog").check()
    task.get_by_role("button", name="Submit").click()
    task.get_by_text("Your answers were submitted").wait_for()
    [answer] = answers(served, hit_id)
    assert "<QuestionIdentifier>why</QuestionIdentifier><FreeText>Because it is<" in answer
    assert "<QuestionIdentifier>colour</QuestionIdentifier><SelectionIdentifier>g<" in answer
    assert "<SelectionIdentifier>cat</SelectionIdentifier><SelectionIdentifier>dog<" in answer
    page.close()


@pytest.mark.browser
@pytest.mark.evidence("worker.four-parameters", "worker.preview-assignment-id")
def test_external_question_from_an_experiment_server(
    chromium: Browser, served: str, experiment: str
) -> None:
    hit_id = new_hit(served, external("https://experiment.test/study?arm=b"), "Experiment")
    page = chromium.new_page()

    def from_experiment(route: Route) -> None:
        local = route.request.url.replace("https://experiment.test", experiment)
        route.fulfill(response=route.fetch(url=local))

    page.route("https://experiment.test/**", from_experiment)
    sign_in(page, served)
    page.goto(f"{served}/sandbox/worker/hit/{hit_id}")
    seen = page.frame_locator("iframe").locator("#seen")
    assert seen.inner_text().startswith("assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE hitId=")
    assert "workerId=null" in seen.inner_text()
    page.get_by_role("button", name="Accept").click()
    page.get_by_role("button", name="Return this HIT").wait_for()
    frame = page.frame_locator("iframe")
    shown = frame.locator("#seen").inner_text()
    assert f"hitId={hit_id}" in shown
    assert f"turkSubmitTo={served}/sandbox/worker" in shown
    assert f"workerId={WORKER}" in shown
    frame.get_by_label("Your age").fill("42")
    frame.get_by_role("button", name="Send").click()
    frame.get_by_text("Your answers were submitted").wait_for()
    [answer] = answers(served, hit_id)
    assert "<QuestionIdentifier>age</QuestionIdentifier><FreeText>42</FreeText>" in answer
    page.close()


@pytest.mark.browser
@pytest.mark.evidence("worker.actions-guarded")
def test_refused_and_returned(chromium: Browser, served: str) -> None:
    masters = {"QualificationTypeId": "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6", "Comparator": "EqualTo",
               "IntegerValues": [2]}  # fmt: skip
    refused = new_hit(served, HTML_FORM, "Masters only", QualificationRequirements=[masters])
    subprocess_free = new_hit(served, HTML_FORM, "Returned")
    worker = "A2BROWSERWORKER"
    page = chromium.new_page()
    sign_in(page, served, worker)
    # A score of 1 for Masters: the requirement (EqualTo 2) is no longer met.
    granted = {"qualification_type_id": masters["QualificationTypeId"], "worker_id": worker}
    control(page, served, "grant-system-qualification", granted)
    page.goto(f"{served}/sandbox/worker/hit/{refused}")
    page.get_by_text("needed to accept this HIT").wait_for()
    assert page.get_by_role("button", name="Accept").count() == 0
    page.goto(f"{served}/sandbox/worker/hit/{subprocess_free}")
    page.get_by_role("button", name="Accept").click()
    page.get_by_role("button", name="Return this HIT").click()
    page.get_by_role("heading", name="HITs", exact=True).wait_for()
    assert answers(served, subprocess_free) == []
    hit = mturk_client(endpoint_url=f"{served}/sandbox").get_hit(HITId=subprocess_free)["HIT"]
    assert (hit["NumberOfAssignmentsPending"], hit["NumberOfAssignmentsAvailable"]) == (0, 3)
    page.close()


@pytest.mark.browser
@pytest.mark.evidence("worker.html-question-origin")
def test_a_hit_script_cannot_read_the_worker_site(chromium: Browser, served: str) -> None:
    hit_id = new_hit(served, SNOOP, "Snoop")
    page = chromium.new_page()
    sign_in(page, served, "A3SNOOPEDWORKER")
    page.evaluate("localStorage.setItem('s', 'secret')")
    accept(page, served, hit_id)
    out = page.frame_locator("iframe").locator("#out")
    out.filter(has_not_text="running").wait_for()
    assert out.inner_text() == "cookie:blocked storage:blocked parent:blocked fetch:blocked"
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_pages_pass_axe(chromium: Browser, served: str, device: str) -> None:
    hit_id = new_hit(served, HTML_FORM, "Accessible HIT")
    context = chromium.new_context(**DEVICES[device])
    page = context.new_page()
    found: dict[str, Any] = {}
    for path in ("/", f"/hit/{hit_id}"):
        page.goto(f"{served}/sandbox/worker{path}")
        found[path] = axe(page)
    sign_in(page, served, "A4AXEWORKER")
    accept(page, served, hit_id)
    found["work"] = axe(page)
    page.goto(f"{served}/sandbox/worker/dashboard")
    found["dashboard"] = axe(page)
    assert found == {key: [] for key in found}
    context.close()


def axe(page: Page | Frame) -> list[str]:
    page.add_script_tag(content=AXE_SOURCE)
    violations: list[str] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return violations


# --- More crowd elements, expiry, the control token (issue 24, second round) ---

CROWD_SURVEY = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html lang="en">'
    "<head><title>Survey</title><script src='https://assets.crowd.aws/crowd-html-elements.js'>"
    "</script></head><body><main><h1>Survey</h1><crowd-form><p>Which parts did you finish?</p>"
    "<crowd-checkbox name='parts' value='iam'>IAM user</crowd-checkbox>"
    "<crowd-checkbox name='parts' value='keys'>Access keys</crowd-checkbox>"
    "<crowd-checkbox name='parts' value='sandbox'>Sandbox</crowd-checkbox>"
    "<crowd-checkbox name='consent'>I agree to take part</crowd-checkbox>"
    "<p>Was the guide clear?</p><crowd-radio-group>"
    "<crowd-radio-button name='clear' value='yes'>Clear</crowd-radio-button>"
    "<crowd-radio-button name='unclear' value='no'>Not clear</crowd-radio-button>"
    "</crowd-radio-group>"
    "<crowd-slider name='effort' label='Effort, 1 to 10' min='1' max='10' step='1' value='5'>"
    "</crowd-slider>"
    "<crowd-toggle-button name='again' value='yes'>I would do it again</crowd-toggle-button>"
    "<crowd-classifier name='reader' header='Who are you?' "
    "categories='[&quot;Researcher&quot;, &quot;Student&quot;, &quot;Other&quot;]'>"
    "<classification-target><p>You, today.</p></classification-target></crowd-classifier>"
    "</crowd-form></main></body></html>]]></HTMLContent><FrameHeight>900</FrameHeight>"
    "</HTMLQuestion>"
)


def task_answers(url: str, hit_id: str) -> tuple[str, Any]:
    """The one taskAnswers FreeText of a crowd-form HIT's one assignment, and its JSON."""
    [answer] = answers(url, hit_id)
    root = ET.fromstring(answer)
    assert [q.text for q in root.iter(f"{ANSWERS_NS}QuestionIdentifier")] == ["taskAnswers"]
    text = root.findtext(f"{ANSWERS_NS}Answer/{ANSWERS_NS}FreeText") or ""
    return text, json.loads(text)


@pytest.mark.browser
@pytest.mark.evidence(
    "answers.crowd-checkbox",
    "answers.crowd-radio-button",
    "answers.crowd-toggle-button",
    "answers.crowd-slider",
    "answers.crowd-classifier",
    "answers.crowd-members-sorted",
)
def test_crowd_elements_answer_in_their_shapes(chromium: Browser, served: str) -> None:
    hit_id = new_hit(served, CROWD_SURVEY, "A survey of crowd elements")
    page = chromium.new_page()
    sign_in(page, served, "A7ELEMENTSWORKER")
    accept(page, served, hit_id)
    task = page.frame_locator("iframe")
    task.get_by_label("IAM user").check()
    task.get_by_label("Access keys").check()
    task.get_by_label("Clear", exact=True).check()
    task.get_by_label("Not clear").check()  # one radio button of a group at a time
    assert not task.get_by_label("Clear", exact=True).is_checked()
    slider = task.get_by_label("Effort, 1 to 10")
    slider.focus()
    slider.press("ArrowRight")  # with the keyboard: 5, 6, 7
    slider.press("ArrowRight")
    task.get_by_role("switch", name="I would do it again").press("Space")
    task.get_by_role("group", name="Who are you?").get_by_label("Student").check()
    task.get_by_role("button", name="Submit").click()
    task.get_by_text("Your answers were submitted").wait_for()
    text, task_json = task_answers(served, hit_id)
    expected = [{
        "again": {"yes": True},
        "clear": {"yes": False},
        "consent": {"on": False},
        "effort": 7,
        "parts": {"iam": True, "keys": True, "sandbox": False},
        "reader": {"label": "Student"},
        "unclear": {"no": True},
    }]  # fmt: skip
    assert task_json == expected
    assert text == json.dumps(expected, sort_keys=True)
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_crowd_elements_pass_axe(chromium: Browser, served: str, device: str) -> None:
    hit_id = new_hit(served, CROWD_SURVEY, "Accessible crowd elements")
    context = chromium.new_context(**DEVICES[device])
    page = context.new_page()
    sign_in(page, served, f"A8AXE{device.upper()}")
    accept(page, served, hit_id)
    page.frame_locator("iframe").get_by_role("switch").wait_for()  # the stand-in has run
    assert axe(next(f for f in page.frames if "/task/" in f.url)) == []  # in the frame
    context.close()


@pytest.mark.browser
@pytest.mark.evidence("assignments.abandoned-after-duration")
def test_time_runs_out_while_the_worker_types(chromium: Browser, served: str) -> None:
    hit_id = new_hit(served, HTML_FORM, "Too slow")  # ten minutes to do it
    page = chromium.new_page()
    sign_in(page, served, "A9SLOWWORKER")
    accept(page, served, hit_id)
    src = page.locator("iframe").get_attribute("src") or ""
    assignment_id = parse_qs(urlsplit(src).query)["assignmentId"][0]
    task = page.frame_locator("iframe")
    task.get_by_label("Weather").fill("Typed too slowly")
    control(page, served, "advance-time", {"seconds": 601})
    task.get_by_role("button", name="Submit").click()
    refused = task.get_by_role("alert")
    refused.wait_for()
    assert refused.inner_text() == (
        f"The assignment {assignment_id} cannot take answers: it is abandoned."
    )
    page.get_by_role("link", name="Dashboard").click()
    row = page.get_by_role("row").filter(has_text="Too slow")
    assert row.get_by_role("cell").all_inner_texts() == ["Too slow", "$0.50", "Abandoned"]
    assert answers(served, hit_id) == []
    hit = mturk_client(endpoint_url=f"{served}/sandbox").get_hit(HITId=hit_id)["HIT"]
    assert (hit["NumberOfAssignmentsPending"], hit["NumberOfAssignmentsAvailable"]) == (0, 3)
    page.close()


# A HIT's script tries every way it has to the control token and reports what it got.
TOKEN_HUNT = """
(async () => {
  const report = {};
  const q = new URLSearchParams(location.search);
  const port = new URL(q.get("turkSubmitTo")).port;
  const hosts = ["127.0.0.1", "localhost"].map(h => "http://" + h + ":" + port);
  async function attempt(key, how) {
    try { report[key] = String(await how()); } catch (e) { report[key] = "blocked: " + e.name; }
  }
  function xhr(method, url, body) {  // with the site's cookie; fetch without
    return new Promise((done, failed) => {
      const request = new XMLHttpRequest();
      request.open(method, url);
      request.withCredentials = true;
      request.onload = () => done(request.status + " " + request.responseText);
      request.onerror = () => failed(new Error("xhr"));
      request.send(body);
    });
  }
  const heard = [];
  addEventListener("message", event => heard.push(String(event.data)));
  await attempt("cookie", () => document.cookie);
  await attempt("localStorage", () => JSON.stringify(Object.entries(localStorage)));
  await attempt("sessionStorage", () => JSON.stringify(Object.entries(sessionStorage)));
  await attempt("parent", () => parent.document.documentElement.outerHTML);
  await attempt("top", () => top.location.href);
  await attempt("referrer", () => document.referrer);
  await attempt("window.name", () => window.name);
  await attempt("postMessage", () => { parent.postMessage("control token?", "*");
    top.postMessage({want: "token"}, "*"); return "sent"; });
  const skip = JSON.stringify({seconds: 40000000});
  for (const host of hosts) {
    for (const move of ["advance-time", "add-worker"]) {
      await attempt("fetch POST " + host + "/control/" + move, async () => {
        const reply = await fetch(host + "/control/" + move, {method: "POST", body: skip});
        return reply.status + " " + await reply.text();
      });
      await attempt("xhr POST " + host + "/control/" + move,
        () => xhr("POST", host + "/control/" + move, skip));
    }
    for (const path of ["/moto-api/", "/moto-api/data.json", "/control/advance-time",
        "/sandbox/worker/", "/sandbox/worker/dashboard", "/production/worker/",
        "/sandbox/worker/hit/" + q.get("hitId"),
        "/sandbox/worker/assets/crowd-html-elements.js"]) {
      await attempt("fetch GET " + host + path, async () => {
        const reply = await fetch(host + path);
        return reply.status + " " + await reply.text();
      });
      await attempt("xhr GET " + host + path, () => xhr("GET", host + path, null));
    }
  }
  await new Promise(done => setTimeout(done, 300));
  report.heard = heard.join(" | ");
  const out = document.getElementById("out");
  out.textContent = JSON.stringify(report);
  out.dataset.done = "yes";
})();
"""
HUNT_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>hunt</title></head><body>'
    f"<pre id='out'>running</pre><script>{TOKEN_HUNT}</script></body></html>"
)
HUNT_HTML_QUESTION = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    f'2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[{HUNT_PAGE}]]></HTMLContent>'
    "<FrameHeight>200</FrameHeight></HTMLQuestion>"
)
HUNT_ORIGINS = {
    "html-question": None,  # its own opaque origin, on the other loopback name
    "external-remote": "https://experiment.test",  # a study on the internet
    "external-loopback": "https://localhost:9",  # a study on this computer: CORS lets it read
}


@pytest.mark.browser
@pytest.mark.evidence("worker.html-question-origin", "edge.control-token-unreachable")
@pytest.mark.parametrize("kind", list(HUNT_ORIGINS))
def test_a_hit_script_cannot_get_the_control_token(
    chromium: Browser, served: str, kind: str
) -> None:
    origin = HUNT_ORIGINS[kind]
    question = HUNT_HTML_QUESTION if origin is None else external(f"{origin}/study")
    hit_id = new_hit(served, question, f"Token hunt ({kind})")
    page = chromium.new_page()
    if origin is not None:
        page.route(f"{origin}/**", lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=HUNT_PAGE
        ))  # fmt: skip
    sign_in(page, served, "A9HUNTER" + kind.upper().replace("-", ""))
    page.evaluate("localStorage.setItem('site', 'the site only')")
    accept(page, served, hit_id)
    out = page.frame_locator("iframe").locator("#out[data-done]")
    report: dict[str, str] = json.loads(out.inner_text())
    assert TOKEN not in json.dumps(report)
    assert "mturk_worker=" not in json.dumps(report)  # nor the site's cookie
    assert report["parent"] == "blocked: SecurityError"
    assert report["heard"] == ""  # nothing answers a HIT's messages
    assert "the site only" not in report["localStorage"]
    moves = {k: v for k, v in report.items() if "/control/" in k and "POST" in k}
    assert len(moves) == 8
    assert all(v.startswith(("blocked", "403 ")) for v in moves.values()), moves
    hit = mturk_client(endpoint_url=f"{served}/sandbox").get_hit(HITId=hit_id)["HIT"]
    assert hit["HITStatus"] == "Assignable"  # the clock did not jump 463 days
    if kind == "external-loopback":  # a page CORS lets read: the server refused each call
        assert [v[:4] for k, v in moves.items() if k.startswith("fetch")] == ["403 "] * 4
        port = served.rsplit(":", 1)[1]
        for host in ("127.0.0.1", "localhost"):  # what it read held no token
            assert report[f"fetch GET http://{host}:{port}/moto-api/"].startswith("403 ")
            assert report[f"fetch GET http://{host}:{port}/sandbox/worker/"].startswith("200 ")
    page.close()


@pytest.mark.browser
@pytest.mark.evidence("edge.control-token-unreachable")
def test_the_control_token_is_on_no_page_of_the_site(chromium: Browser, served: str) -> None:
    crowd = new_hit(served, CROWD_SURVEY, "Every page, crowd")
    form = new_hit(served, QUESTION_FORM, "Every page, form")
    page = chromium.new_page()
    seen: list[str] = []

    def keep(response: Any) -> None:
        seen.append(f"{response.url} {response.all_headers()}")
        if response.request.resource_type in {"document", "script", "xhr", "fetch"}:
            seen.append(response.text())

    page.on("response", keep)
    for market in ("sandbox", "production"):
        page.goto(f"{served}/{market}/worker/")
        page.goto(f"{served}/{market}/worker/no-such-page")
    sign_in(page, served, "A9EVERYPAGE")
    for hit_id in (crowd, form):
        page.goto(f"{served}/sandbox/worker/hit/{hit_id}")  # a preview
        accept(page, served, hit_id)
        page.frame_locator("iframe").get_by_role("button", name="Submit").click()
    page.goto(f"{served}/sandbox/worker/dashboard")
    page.goto(f"{served}/sandbox/worker/projects/none/tasks")
    documents = [t for t in seen if t.lstrip().lower().startswith("<!doctype html>")]
    assert len(documents) >= 12  # the pages above, their frames and the answers' pages
    assert not [t for t in seen if TOKEN in t]
    page.close()
