"""A worker asks for a qualification: with a test or without, once or again after a delay.

The rules, each in the ledger (``qualifications.*``):

* a type without a test: the request waits for the requester
  (``ListQualificationRequests``), or is granted at once when the type is AutoGranted;
* a type with a test: the worker opens it (``start_qualification_test``), which is
  the request's time, and has ``TestDurationInSeconds`` from then to send answers
  (botocore model: "starting from the time the Worker requests the Qualification");
  answers sent later are refused. With an AnswerKey the answers are scored at once
  and the qualification granted with the value the key computes (``grading``), with
  no request for the requester ("If not specified, you must process Qualification
  requests manually"); without one, the request waits with its Test and Answer;
* once only, unless the type has a RetryDelayInSeconds, and then not before that
  delay has passed since the last request; never while a request waits.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..exceptions import WorkerCannotAccept
from .answers import check_answer_xml
from .grading import parse_answer_key, selections_of
from .qualifications import Qualification, QualificationRequest, Qualifications, QualificationType


@dataclass
class Attempt:
    """A worker's last request for a qualification type; ``open`` while its test runs."""

    requested: datetime
    open: bool = False


@dataclass(frozen=True)
class Outcome:
    """What became of a request: its id while it waits, else the value granted."""

    request_id: str = ""
    value: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"request_id": self.request_id, "value": self.value}


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC"


class QualificationTests(Qualifications):
    def deadline(self, qualification_type: QualificationType, attempt: Attempt) -> datetime:
        return attempt.requested + timedelta(seconds=qualification_type.test_duration or 0)

    def open_test(self, type_id: str, worker_id: str) -> Attempt | None:
        """The worker's test of this type still running, if any (a late one is closed)."""
        attempt = self.qualification_attempts.get((type_id, worker_id))
        if attempt is None or not attempt.open:
            return None
        if self.now() > self.deadline(self.qualification_type(type_id), attempt):
            attempt.open = False
            return None
        return attempt

    def waiting(self, type_id: str, worker_id: str) -> bool:
        """Whether the worker's request for this type waits for the requester."""
        return any(r.type_id == type_id and r.worker_id == worker_id
                   for r in self.qualification_requests.values())  # fmt: skip

    def check_may_ask(self, qualification_type: QualificationType, worker_id: str) -> None:
        """Refuse a request the worker site would not have taken, in one sentence."""
        name, key = qualification_type.name, (qualification_type.id, worker_id)
        if self.waiting(qualification_type.id, worker_id):
            raise WorkerCannotAccept(
                f"Your request for {name} is waiting for the requester: you can ask again "
                "once they have accepted or rejected it."
            )
        attempt = self.qualification_attempts.get(key)
        if attempt is None:
            return
        if qualification_type.retry_delay is None:
            held = self.qualifications.get(key)
            having = (
                f" and hold it with the score {held.value}"
                if held is not None and held.status == "Granted"
                else ""
            )
            raise WorkerCannotAccept(
                f"You have already asked for {name}{having}: its owner allows one request "
                "only (no RetryDelayInSeconds)."
            )
        again = attempt.requested + timedelta(seconds=qualification_type.retry_delay)
        if self.now() < again:
            raise WorkerCannotAccept(
                f"You can ask for {name} again from {_when(again)}: its owner set a retry "
                f"delay of {qualification_type.retry_delay} seconds."
            )

    def start_qualification_test(self, type_id: str, worker_id: str) -> Attempt:
        """The worker opens the type's test: the request's time, and the clock starts."""
        qualification_type = self.qualification_type(type_id, usable=True)
        if qualification_type.test is None:
            raise WorkerCannotAccept(
                f"{qualification_type.name} has no qualification test: ask for it instead."
            )
        self.workers.add(worker_id)  # a worker who asks has an account here
        running = self.open_test(type_id, worker_id)
        if running is not None:
            return running  # opening the test again shows the same test and deadline
        self.check_may_ask(qualification_type, worker_id)
        attempt = Attempt(self.now(), open=True)
        self.qualification_attempts[(type_id, worker_id)] = attempt
        return attempt

    def request_qualification(self, type_id: str, worker_id: str, answer: str | None) -> str:
        """A request, or a test's answers (a QuestionFormAnswers document); returns the
        request id, '' when granted at once."""
        return self.ask(type_id, worker_id, answer).request_id

    def ask(self, type_id: str, worker_id: str, answer: str | None) -> Outcome:
        qualification_type = self.qualification_type(type_id, usable=True)
        self.workers.add(worker_id)
        key = (type_id, worker_id)
        if qualification_type.test is None:
            self.check_may_ask(qualification_type, worker_id)
            self.qualification_attempts[key] = Attempt(self.now())
            if qualification_type.auto_granted:
                value = qualification_type.auto_granted_value
                return self._grant(key, 1 if value is None else value)
            return self._file(qualification_type, worker_id, answer)
        if answer is None:
            raise WorkerCannotAccept(
                f"{qualification_type.name} has a qualification test: send the answers to "
                "its questions (take_qualification_test)."
            )
        check_answer_xml(answer)
        attempt = self.qualification_attempts.get(key)
        if attempt is None or not attempt.open:
            attempt = self.start_qualification_test(type_id, worker_id)
        attempt.open = False
        deadline = self.deadline(qualification_type, attempt)
        if self.now() > deadline:
            raise WorkerCannotAccept(
                f"The time for the {qualification_type.name} test ran out at "
                f"{_when(deadline)} ({qualification_type.test_duration} seconds from its "
                "start): the answers were not sent."
            )
        if qualification_type.answer_key is None:
            return self._file(qualification_type, worker_id, answer)
        # Checked when the type was created or updated.
        key_root = ET.fromstring(qualification_type.answer_key)  # noqa: S314
        return self._grant(key, parse_answer_key(key_root).value(selections_of(answer)))

    def _grant(self, key: tuple[str, str], value: int) -> Outcome:
        self.qualifications[key] = Qualification(key[0], key[1], self.now(), value)
        return Outcome(value=value)

    def _file(self, qualification_type: QualificationType, worker_id: str,
              answer: str | None) -> Outcome:  # fmt: skip
        request = QualificationRequest(
            self.new_id("QualificationRequest"), qualification_type.id, worker_id, self.now(),
            answer, qualification_type.test,
        )  # fmt: skip
        self.qualification_requests[request.id] = request
        return Outcome(request_id=request.id)
