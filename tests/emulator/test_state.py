"""The account kept on disk: ``serve --state``, a restart, ``kill -9``, export and import.

On main every restart gave a new account: the IAM user's key was refused
(``InvalidClientTokenId``) and the HITs were gone.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
import urllib.request
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mturk_emulator import MTurkFake, cli, server
from mturk_emulator.constants import FULL_ACCESS_POLICY_ARN
from mturk_emulator.store import StateError, journal
from mturk_emulator.store.exchange import import_state
from tests.emulator.processes import start_process
from tests.emulator.support import ANSWER, ROOT_KEY, client, hit_args, mturk_client


@dataclass
class Account:
    """What one server run made, to be found again after a restart."""

    key: tuple[str, str]
    hit_id: str
    assignment_id: str
    production_hit: str
    type_id: str
    request_id: str


def make_account(url: str) -> Account:
    iam = client("iam", endpoint_url=url, key=ROOT_KEY)
    iam.create_user(UserName="researcher")
    iam.attach_user_policy(UserName="researcher", PolicyArn=FULL_ACCESS_POLICY_ARN)
    made = iam.create_access_key(UserName="researcher")["AccessKey"]
    key = (made["AccessKeyId"], made["SecretAccessKey"])
    sandbox = mturk_client(endpoint_url=f"{url}/sandbox", key=key)
    production = mturk_client(endpoint_url=f"{url}/production", key=key)
    fake = MTurkFake()
    study = hit_args(MaxAssignments=2, UniqueRequestToken="study-1")
    hit_id = sandbox.create_hit(**study)["HIT"]["HITId"]
    assignment_id = fake.submit_assignment(hit_id, "A1KEPT", ANSWER)
    sandbox.approve_assignment(AssignmentId=assignment_id, RequesterFeedback="Thanks")
    sandbox.create_worker_block(WorkerId="A1KEPT", Reason="test")
    fake.set_prepaid_balance("20.00")
    paid = production.create_hit(**hit_args(Reward="1.00"))["HIT"]["HITId"]
    fake.add_worker("A2KEPT", sandbox=False)
    fake.submit_assignment(paid, "A2KEPT", ANSWER)  # waits for review
    sandbox.send_bonus(
        WorkerId="A1KEPT", BonusAmount="0.50", AssignmentId=assignment_id, Reason="Thanks"
    )
    type_id = sandbox.create_qualification_type(
        Name="Kept", Description="d", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    request_id = fake.request_qualification(type_id, "A3KEPT")
    fake.advance_time(60)
    fake.skew_client_clock(30)
    return Account(key, hit_id, assignment_id, paid, type_id, request_id)


def check_account(url: str, kept: Account) -> None:
    sandbox = mturk_client(endpoint_url=f"{url}/sandbox", key=kept.key)
    production = mturk_client(endpoint_url=f"{url}/production", key=kept.key)
    hit = sandbox.get_hit(HITId=kept.hit_id)["HIT"]
    assert (hit["NumberOfAssignmentsCompleted"], hit["NumberOfAssignmentsAvailable"]) == (1, 1)
    assignment = sandbox.get_assignment(AssignmentId=kept.assignment_id)["Assignment"]
    assert (assignment["AssignmentStatus"], assignment["Answer"]) == ("Approved", ANSWER)
    assert sandbox.list_worker_blocks()["WorkerBlocks"] == [
        {"WorkerId": "A1KEPT", "Reason": "test"}
    ]
    assert production.get_account_balance()["AvailableBalance"] == "18.80"  # $1.00 + 20%
    assert production.get_hit(HITId=kept.production_hit)["HIT"]["Reward"] == "1.00"
    waiting = production.list_assignments_for_hit(HITId=kept.production_hit)["Assignments"]
    assert [(a["WorkerId"], a["AssignmentStatus"]) for a in waiting] == [("A2KEPT", "Submitted")]
    bonuses = sandbox.list_bonus_payments(HITId=kept.hit_id)["BonusPayments"]
    assert [(b["WorkerId"], b["BonusAmount"]) for b in bonuses] == [("A1KEPT", "0.50")]
    asked = sandbox.list_qualification_requests(QualificationTypeId=kept.type_id)
    assert [r["QualificationRequestId"] for r in asked["QualificationRequests"]] == [
        kept.request_id
    ]
    with pytest.raises(ClientError, match="already exists"):  # the token is remembered
        sandbox.create_hit(**hit_args(MaxAssignments=2, UniqueRequestToken="study-1"))
    backend = MTurkFake().backend
    assert (backend.clock_offset.total_seconds(), backend.client_skew.total_seconds()) == (
        60,
        30,
    )


def sql(state: Path, statement: str, *parameters: Any) -> list[Any]:
    """Run one statement on a state file, as another program (or a crash) would."""
    with closing(sqlite3.connect(state)) as db, db:
        return db.execute(statement, parameters).fetchall()


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "account.state"


def made_and_stopped(state: Path) -> Account:
    with server.serving(port=0, state=state) as running:
        return make_account(running.url)


@pytest.mark.parametrize("kept_by", ["checkpoint", "journal", "another version"])
def test_a_restart_keeps_the_whole_account(state: Path, kept_by: str) -> None:
    kept = made_and_stopped(state)
    assert state.stat().st_mode & 0o777 == 0o600  # it holds IAM secrets
    if kept_by == "journal":  # as after kill -9 before any checkpoint
        sql(state, "DELETE FROM checkpoints")
    elif kept_by == "another version":  # replayed from the journal, never misread
        sql(state, "UPDATE checkpoints SET emulator = '0.0.0'")
    with server.serving(port=0, state=state) as running:
        check_account(running.url, kept)
        new = mturk_client(endpoint_url=f"{running.url}/sandbox", key=kept.key)
        later = new.create_hit(**hit_args())["HIT"]["HITId"]
    with server.serving(port=0, state=state) as running:
        check_account(running.url, kept)
        assert mturk_client(endpoint_url=f"{running.url}/sandbox", key=kept.key).get_hit(
            HITId=later
        )


def test_without_state_everything_is_forgotten(state: Path) -> None:
    with server.serving(port=0) as running:
        kept = make_account(running.url)
    with server.serving(port=0) as running:
        sandbox = mturk_client(endpoint_url=f"{running.url}/sandbox", key=kept.key)
        with pytest.raises(ClientError) as refused:
            sandbox.get_account_balance()
    assert refused.value.response["Error"]["Code"] == "UnrecognizedClientException"
    assert not state.exists()


def test_checkpoints_as_requests_come(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal, "CHECKPOINT_EVERY", 3)
    with server.serving(port=0, state=state) as running:
        kept = make_account(running.url)
        [(covered, version, data)] = sql(state, "SELECT * FROM checkpoints")
        assert covered >= 3
        sandbox = mturk_client(endpoint_url=f"{running.url}/sandbox", key=kept.key)
        later = sandbox.create_hit(**hit_args())["HIT"]["HITId"]
    sql(state, "DELETE FROM checkpoints")  # killed after that checkpoint: replay the rest
    sql(state, "INSERT INTO checkpoints VALUES (?, ?, ?)", covered, version, data)
    with server.serving(port=0, state=state) as running:
        check_account(running.url, kept)
        sandbox = mturk_client(endpoint_url=f"{running.url}/sandbox", key=kept.key)
        assert sandbox.get_hit(HITId=later)["HIT"]["HITId"] == later


def test_a_file_that_is_not_a_state_is_refused(state: Path) -> None:
    state.write_text("my notes\n" * 100)
    refused = pytest.raises(StateError, match=r"is not an emulator state file: give --state")
    with refused, server.serving(port=0, state=state):
        pass
    assert state.read_text() == "my notes\n" * 100  # never overwritten


def test_a_state_of_a_later_layout_is_refused(state: Path) -> None:
    made_and_stopped(state)
    sql(state, "UPDATE meta SET value = '99' WHERE key = 'format'")
    sql(state, "UPDATE meta SET value = '9.0' WHERE key = 'emulator'")
    message = r"written by mturk-emulator 9.0 in a layout this version \(.*\) does not know"
    with pytest.raises(StateError, match=message), server.serving(port=0, state=state):
        pass


def test_cli_refuses_a_bad_state_in_one_sentence(
    state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state.write_bytes(b"\x00" * 4096)
    assert cli.main(["serve", "--port", "0", "--state", str(state)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"{state} is not an emulator state file: give --state a new file name, or the file "
        "an earlier 'mturk-emulator serve --state' wrote.\n"
    )


# --- export and import ---------------------------------------------------------------


def test_export_and_import_make_the_same_account(
    tmp_path: Path, state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = made_and_stopped(state)
    exported = tmp_path / "study.json"
    assert cli.main(["export", "--state", str(state), str(exported)]) == 0
    assert exported.stat().st_mode & 0o777 == 0o600
    document = json.loads(exported.read_text())
    assert (document["format"], document["version"]) == ("mturk-emulator-state", 1)
    assert kept.key[1] not in exported.read_text()  # never a secret key
    copy = tmp_path / "copy.state"
    assert cli.main(["import", str(exported), "--state", str(copy)]) == 0
    out = capsys.readouterr().out
    count = len(document["requests"])
    assert f"Wrote {count} requests of {state} to {exported}." in out
    assert f"Made {copy} from {count} requests of {exported}" in out
    with server.serving(port=0, state=copy) as running:
        check_account(running.url, kept)
    assert cli.main(["import", str(exported), "--state", str(copy)]) == 1
    assert "already exists: import into a new file name" in capsys.readouterr().err


def test_export_of_a_missing_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.state"
    assert cli.main(["export", "--state", str(missing), str(tmp_path / "out.json")]) == 1
    assert capsys.readouterr().err == (
        f"There is no state file {missing}: give the --state of a server run.\n"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "There is no file"),
        (b"\xff\xfe", "is not a JSON file (UnicodeDecodeError)"),
        (b"{", "is not a JSON file (JSONDecodeError)"),
        (b"[]", 'is not an exported emulator state (no "format"'),
        (b'{"format": "mturk-emulator-state", "version": 2}', "of version 2, which"),
        (b'{"format": "mturk-emulator-state", "version": 1}', 'has no list of "requests"'),
    ],
)
def test_import_refuses_what_export_did_not_write(
    tmp_path: Path, content: bytes | None, problem: str
) -> None:
    source = tmp_path / "study.json"
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(StateError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        import_state(source, tmp_path / "new.state")
    assert not (tmp_path / "new.state").exists()


GOOD = {
    "service": "mturk", "seed": "0:0", "served": "2026-09-30T12:00:00", "method": "POST",
    "url": "http://127.0.0.1:5005/sandbox", "headers": {}, "body": "{}",
}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ("not an object", "is not an object"),
        ({"seed": None}, "has seed that is not text"),
        ({"service": "s3"}, "names a service the emulator does not keep ('s3')"),
        ({"service": "control", "method": "reset"}, "names a control the emulator does not"),
        ({"headers": {"a": 1}}, "has headers that are not an object of texts"),
        ({"served": "yesterday"}, "has a time that is not an ISO date in UTC"),
        ({"served": "2026-09-30T12:00:00+02:00"}, "has a time that is not an ISO date in UTC"),
    ],
)
def test_import_names_the_request_at_fault(tmp_path: Path, change: Any, problem: str) -> None:
    request = change if isinstance(change, str) else {**GOOD, **change}
    missing = {k: v for k, v in GOOD.items() if k != "url"}
    source = tmp_path / "study.json"
    source.write_text(json.dumps({"format": "mturk-emulator-state", "version": 1,
                                  "requests": [GOOD, request, missing]}))  # fmt: skip
    with pytest.raises(StateError, match=re.escape(f"Request 2 of {source} {problem}")):
        import_state(source, tmp_path / "new.state")
    source.write_text(json.dumps({"format": "mturk-emulator-state", "version": 1,
                                  "requests": [GOOD, missing]}))  # fmt: skip
    with pytest.raises(StateError, match=r"Request 2 .* lacks url: give the file 'export' wrote"):
        import_state(source, tmp_path / "new.state")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    requests=st.lists(
        st.fixed_dictionaries({}, optional={name: json_values for name in GOOD}) | json_values,
        max_size=3,
    )
)
def test_any_json_is_imported_or_refused_in_one_sentence(
    tmp_path: Path, requests: list[Any]
) -> None:
    source = tmp_path / "study.json"
    target = tmp_path / f"new-{time.perf_counter_ns()}.state"
    source.write_text(json.dumps({"format": "mturk-emulator-state", "version": 1,
                                  "requests": requests}))  # fmt: skip
    try:
        outcome = str(import_state(source, target))
    except StateError as error:
        outcome = str(error)
        assert not target.exists()
    assert outcome == str(len(requests)) or outcome.endswith(
        "give the file 'export' wrote, unchanged."
    )
    assert "\n" not in outcome


def test_an_imported_request_the_emulator_refuses_is_counted(tmp_path: Path) -> None:
    """A request the service refuses again (a HIT of an unknown type) changes nothing."""
    source = tmp_path / "study.json"
    refused = {**GOOD, "headers": {"X-Amz-Target": "MTurkRequesterServiceV20170117.GetHIT"}}
    broken = {**GOOD, "url": "not a url at all", "method": "\n"}
    no_hit = {**GOOD, "service": "control", "method": "accept_hit",
              "body": '[["3NOHIT", "A"], {}]', "headers": {"account": "123456789012"}}  # fmt: skip
    source.write_text(json.dumps({"format": "mturk-emulator-state", "version": 1,
                                  "requests": [refused, broken, no_hit]}))  # fmt: skip
    import_state(source, tmp_path / "new.state")
    kept = journal.Journal(tmp_path / "new.state")
    try:
        assert kept.restore() == (3, 3)
        with pytest.raises(sqlite3.ProgrammingError):  # a row that does not fit: none kept
            kept.append([GOOD_ROW, ("too", "short")])  # type: ignore[list-item]
        assert (kept.seq, len(list(kept.rows()))) == (3, 3)
    finally:
        kept.close()


GOOD_ROW = ("mturk", "0:0", "2026-09-30T12:00:00", "POST", "http://h/", "{}", b"{}")


# --- kill -9 in the middle of a load ---------------------------------------------------


def load(url: str, key: tuple[str, str], answered: list[str], stop: threading.Event) -> None:
    sandbox = mturk_client(endpoint_url=f"{url}/sandbox", key=key)
    while not stop.is_set():
        try:
            answered.append(sandbox.create_hit(**hit_args())["HIT"]["HITId"])
        except Exception:  # the server was killed: this one was never answered
            return


@pytest.mark.process
@pytest.mark.parametrize("after", [0.3, 0.9])
def test_kill_9_during_a_load_loses_no_answered_request(state: Path, after: float) -> None:
    process, url = start_process("--state", str(state))
    try:
        iam = client("iam", endpoint_url=url, key=ROOT_KEY)
        iam.create_user(UserName="loader")
        iam.attach_user_policy(UserName="loader", PolicyArn=FULL_ACCESS_POLICY_ARN)
        made = iam.create_access_key(UserName="loader")["AccessKey"]
        key = (made["AccessKeyId"], made["SecretAccessKey"])
        answered: list[str] = []
        stop = threading.Event()
        loaders = [
            threading.Thread(target=load, args=(url, key, answered, stop)) for _ in range(3)
        ]
        for loader in loaders:
            loader.start()
        # The load is under way (on a busy machine the first HIT took longer than 0.3 s).
        started = time.monotonic()
        while not answered and time.monotonic() - started < 30:
            time.sleep(0.01)
        time.sleep(after)
        process.kill()  # SIGKILL: no checkpoint, no clean stop
        process.wait(timeout=30)
        stop.set()
        for loader in loaders:
            loader.join(timeout=30)
    finally:
        process.kill()
        process.communicate(timeout=30)
    assert answered, "the load made no HIT before the kill"
    process, url = start_process("--state", str(state))
    try:
        sandbox = mturk_client(endpoint_url=f"{url}/sandbox", key=key)  # the key still works
        listed = sandbox.get_paginator("list_hits").paginate().build_full_result()["HITs"]
        found = {hit["HITId"] for hit in listed}
        assert set(answered) <= found
        assert len(found) - len(answered) <= 3  # at most the ones in flight at the kill
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (0, "")


def test_a_reset_forgets_the_old_account(state: Path) -> None:
    with server.serving(port=0, state=state) as running:
        sandbox = mturk_client(endpoint_url=f"{running.url}/sandbox", key=ROOT_KEY)
        before = sandbox.create_hit(**hit_args())["HIT"]["HITId"]
        request = urllib.request.Request(
            f"{running.url}/moto-api/reset",
            method="POST",
            headers={"Authorization": f"Bearer {running.control_token}"},  # issue 28
        )
        with urllib.request.urlopen(request) as answer:
            assert answer.status == 200
        after = sandbox.create_hit(**hit_args())["HIT"]["HITId"]
    for from_journal in (True, False):  # then from the checkpoint the first restart left
        if from_journal:
            sql(state, "DELETE FROM checkpoints")
        with server.serving(port=0, state=state) as running:
            sandbox = mturk_client(endpoint_url=f"{running.url}/sandbox", key=ROOT_KEY)
            assert [h["HITId"] for h in sandbox.list_hits()["HITs"]] == [after]
            with pytest.raises(ClientError, match="does not exist"):
                sandbox.get_hit(HITId=before)
