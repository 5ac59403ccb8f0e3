"""Tests for ``snippets/first_hit.py`` and ``.sh`` (page ``docs/first-hit.md``)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import boto3
import pytest
from botocore.exceptions import ClientError

from guide_tools import constants
from guide_tools.practice_server import mturk_requests_to
from guide_tools.shell import Shell, check_section
from guide_tools.store_keys import save_profile
from mturk_emulator import MTurkFake
from snippets.check_setup import mturk_client
from snippets.first_hit import create_first_hit, worker_link
from snippets.iam_user import create_mturk_user
from tests.conftest import ROOT, RunFailing, RunSnippet

SHELL = ROOT / "snippets" / "first_hit.sh"
QUESTION = ROOT / "snippets" / "first_hit_question.xml"
LOCAL = "http://127.0.0.1:5005"
"""``mturk-emulator serve``'s usual address, which the page's output shows."""


@pytest.fixture
def served_locally(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The page's code sent to ``LOCAL``, as practice mode sends it to its server, and
    answered in this process (no port: the address the page shows is always the same)."""
    from botocore.awsrequest import AWSResponse
    from moto.core.botocore_stubber import MockRawResponse
    from moto.core.request import normalize_request

    from mturk_emulator import core
    from mturk_emulator.responses import MTurkResponse

    answer = core.handle_mturk_request

    def answer_locally(request: Any, **kwargs: Any) -> Any:
        if f"http://{urlsplit(request.url).netloc}" != LOCAL:
            return answer(request, **kwargs)
        status, headers, body = MTurkResponse.dispatch(normalize_request(request))
        return AWSResponse(request.url, status, headers, MockRawResponse(body))

    monkeypatch.setattr(core, "handle_mturk_request", answer_locally)
    with mturk_requests_to(LOCAL):
        yield


def test_main_creates_a_sandbox_hit(
    mturk_profile: str, served_locally: None, run_snippet: RunSnippet
) -> None:
    run_snippet("snippets/first_hit.py", str(QUESTION))


def test_the_hit_is_open_in_the_sandbox_only(mturk_profile: str, mturk_fake: MTurkFake) -> None:
    hit = create_first_hit(mturk_client(), QUESTION)
    assert hit["HITStatus"] == "Assignable"
    sandbox = mturk_fake.marketplace(sandbox=True).hits[hit["HITId"]]
    assert sandbox.hit_type.reward == Decimal("0.05")
    assert sandbox.question is not None
    assert "crowd-form" in sandbox.question
    assert mturk_fake.marketplace(sandbox=False).hits == {}
    assert mturk_fake.prepaid_balance == 0


def test_a_worker_can_take_the_hit(mturk_profile: str, mturk_fake: MTurkFake) -> None:
    hit = create_first_hit(mturk_client(), QUESTION)
    assignment_id = mturk_fake.accept_hit(hit["HITId"], "A1EXAMPLEWORKER")
    market = mturk_fake.marketplace(sandbox=True)
    assert market.assignments[assignment_id].hit_id == hit["HITId"]
    assert market.hits[hit["HITId"]].count("Accepted") == 1


def mturk_fake_hits(profile: str) -> int:
    return len(mturk_client(profile).list_hits()["HITs"])


@pytest.mark.parametrize(
    ("endpoint", "site"),
    [
        # What it printed against MTurk, whose worker sites closed with it (the
        # reference page records both addresses).
        (constants.SANDBOX_ENDPOINT, constants.SANDBOX_WORKER_SITE),
        (constants.PRODUCTION_ENDPOINT, constants.PRODUCTION_WORKER_SITE),
        # The emulator's server: its worker sites sit beside its two API addresses
        # (``/`` is the sandbox too: mturk_emulator/server.py).
        (f"{LOCAL}/sandbox", f"{LOCAL}/sandbox/worker"),
        (f"{LOCAL}/production", f"{LOCAL}/production/worker"),
        (f"{LOCAL}/", f"{LOCAL}/sandbox/worker"),
        ("http://[::1]:5005/sandbox/", "http://[::1]:5005/sandbox/worker"),
    ],
)
def test_the_worker_link_follows_the_endpoint(endpoint: str, site: str) -> None:
    mturk = boto3.client("mturk", region_name=constants.REGION, endpoint_url=endpoint)
    assert worker_link(mturk, "3ABC") == f"{site}/projects/3ABC/tasks"


def test_a_read_only_user_cannot_create_hits(aws: MTurkFake) -> None:
    key = create_mturk_user(boto3.client("iam"), "reader", policy=constants.READ_ONLY_POLICY)
    save_profile(key["AccessKeyId"], key["SecretAccessKey"], "mturk")
    with pytest.raises(ClientError, match="mechanicalturk:CreateHIT") as denied:
        create_first_hit(mturk_client(), QUESTION)
    assert denied.value.response["Error"]["Code"] == "AccessDeniedException"


def test_main_explains_an_unlinked_sandbox(
    mturk_profile: str, mturk_fake: MTurkFake, run_failing: RunFailing
) -> None:
    mturk_fake.set_linked(False, sandbox=True)
    ran = run_failing("snippets/first_hit.py", str(QUESTION))
    assert ran.exit_code == 1
    assert "must be linked" in ran.err
    assert "snippets.doctor" in ran.err


def test_main_names_a_missing_question_file(
    mturk_profile: str, run_failing: RunFailing, tmp_path: Path
) -> None:
    ran = run_failing("snippets/first_hit.py", str(tmp_path / "nowhere.xml"))
    assert ran.exit_code == 2
    assert ran.err.splitlines()[0] == (
        f"{tmp_path / 'nowhere.xml'}: No such file or directory. Check the file's name and folder."
    )
    assert "Traceback" not in ran.err
    assert mturk_fake_hits(mturk_profile) == 0


def test_the_cli_creates_and_lists_the_hit(
    mturk_profile: str, mturk_fake: MTurkFake, tmp_path: Path
) -> None:
    shutil.copy(QUESTION, tmp_path)
    shell = Shell(tmp_path)
    created = check_section(SHELL, "create-hit", shell=shell)
    hit_id, hit_type_id, status = created[0].stdout.split()
    assert status == "Assignable"
    assert mturk_fake.marketplace(sandbox=True).hits[hit_id].hit_type.id == hit_type_id
    listed = check_section(SHELL, "list-hits", shell=shell)
    assert listed[0].stdout.split("\t")[0] == hit_id
    assert boto3.client("mturk", endpoint_url=constants.SANDBOX_ENDPOINT).list_hits()["NumResults"]
