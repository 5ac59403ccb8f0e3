"""Qualification tests in Chromium (Playwright) against a real ``mturk-emulator serve``.

A worker takes a test with an answer key and one without, as a reader would; then the
requester API returns the score, or the answers exactly as typed, and the HIT that
required the qualification can be accepted. The test's pages pass axe at 1280 px and
at 375 px with touch.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from mturk_emulator.models.answers import build_answers
from tests.emulator.processes import start_process as start_server
from tests.emulator.processes import stop_process as stop_server
from tests.emulator.support import mturk_client
from tests.emulator.test_qualification_tests import KEY, TEST
from tests.emulator.test_worker import TOKEN
from tests.emulator.test_worker_browser import accept, axe, control, new_hit, sign_in
from tests.site.browser_support import DEVICES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    process, url = start_server("--control-token", TOKEN)
    yield url
    stop_server(process)


def new_type(url: str, name: str, **fields: str) -> str:
    created = mturk_client(endpoint_url=f"{url}/sandbox").create_qualification_type(
        Name=name, Description="Three short questions.", QualificationTypeStatus="Active",
        Test=TEST, TestDurationInSeconds=600, **fields,
    )  # fmt: skip
    return str(created["QualificationType"]["QualificationTypeId"])


def answer_the_test(page: Page, sum_: str, primes: list[str], why: str) -> None:
    page.get_by_text("Send your answers by").wait_for()
    page.get_by_role("radio", name=sum_).check()
    for prime in primes:
        page.get_by_role("checkbox", name=prime, exact=True).check()
    page.get_by_label("How did you work it out?").fill(why)
    page.get_by_role("button", name="Send my answers").click()


@pytest.mark.evidence(
    "worker.qualification-test-form",
    "worker.qualification-test-result",
    "qualifications.answer-key-scored-at-once",
    "qualifications.request-keeps-test",
    "worker.qualifications-tab",
)
def test_a_keyed_and_an_unkeyed_test(chromium: Browser, served: str) -> None:
    requester = mturk_client(endpoint_url=f"{served}/sandbox")
    keyed, unkeyed = new_type(served, "Arithmetic", AnswerKey=KEY), new_type(served, "Reviewed")
    scored_hit = new_hit(served, TEST, "Needs arithmetic", QualificationRequirements=[
        {"QualificationTypeId": keyed, "Comparator": "GreaterThanOrEqualTo",
         "IntegerValues": [70]}])  # fmt: skip
    reviewed_hit = new_hit(served, TEST, "Needs a review", QualificationRequirements=[
        {"QualificationTypeId": unkeyed, "Comparator": "Exists"}])  # fmt: skip
    page = chromium.new_page()
    worker = "A1TESTTAKER"
    sign_in(page, served, worker)
    page.get_by_role("button", name="Take the test for Arithmetic").click()
    answer_the_test(page, "Four", ["2"], "Counted on my fingers.")
    page.get_by_text("Your score: 70. You now hold Arithmetic with that score.").wait_for()
    page.get_by_role("link", name="Needs arithmetic").click()
    page.get_by_role("button", name="Accept").click()
    page.get_by_role("button", name="Return this HIT").wait_for()
    held = requester.get_qualification_score(QualificationTypeId=keyed, WorkerId=worker)
    assert held["Qualification"]["IntegerValue"] == 70
    assert requester.list_qualification_requests(QualificationTypeId=keyed)["NumResults"] == 0
    listed = requester.list_assignments_for_hit(HITId=scored_hit, AssignmentStatuses=["Submitted"])
    assert listed["NumResults"] == 0  # accepted, not yet submitted

    page.get_by_role("link", name="Qualifications").click()
    page.get_by_role("link", name="Reviewed").click()
    page.get_by_role("button", name="Take the test").click()
    typed = "Fünf & <so> on, I think."
    answer_the_test(page, "Three", ["3", "4"], typed)
    page.get_by_text("Your answers were sent to the requester").wait_for()
    [request] = requester.list_qualification_requests(QualificationTypeId=unkeyed)[
        "QualificationRequests"
    ]
    assert request["WorkerId"] == worker
    assert request["Test"] == TEST
    assert request["Answer"] == build_answers(
        TEST, {"sum": "3", "primes": ["3", "4"], "why": typed}
    )
    requester.accept_qualification_request(
        QualificationRequestId=request["QualificationRequestId"], IntegerValue=1
    )
    accept(page, served, reviewed_hit)
    page.close()


@pytest.mark.evidence("qualifications.test-late-answers")
def test_time_runs_out_on_a_test(chromium: Browser, served: str) -> None:
    type_id = new_type(served, "Quick", AnswerKey=KEY)
    page = chromium.new_page()
    sign_in(page, served, "A2SLOWTAKER")
    page.goto(f"{served}/sandbox/worker/qualification/{type_id}")
    page.get_by_role("button", name="Take the test").click()
    page.get_by_text("Send your answers by").wait_for()
    control(page, served, "advance-time", {"seconds": 601})
    answer_the_test(page, "Four", ["2", "3"], "Too slow.")
    alert = page.get_by_role("alert")
    assert alert.inner_text().startswith("The time for the Quick test ran out at ")
    assert alert.inner_text().endswith("the answers were not sent.")
    page.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_test_pages_pass_axe(chromium: Browser, served: str, device: str) -> None:
    type_id = new_type(served, f"Accessible test ({device})", AnswerKey=KEY)
    context = chromium.new_context(**DEVICES[device])
    page = context.new_page()
    sign_in(page, served, f"A3AXE{device.upper()}")
    found: dict[str, list[str]] = {}
    page.goto(f"{served}/sandbox/worker/qualifications")
    found["qualifications"] = axe(page)
    page.goto(f"{served}/sandbox/worker/qualification/{type_id}")
    found["qualification"] = axe(page)
    page.get_by_role("button", name="Take the test").click()
    page.get_by_text("Send your answers by").wait_for()
    found["test"] = axe(page)
    answer_the_test(page, "Four", ["2", "3"], "Carefully.")
    page.get_by_text("Your score: 100.").wait_for()
    found["result"] = axe(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= DEVICES[device]["viewport"]["width"]
    assert found == {key: [] for key in found}
    context.close()
