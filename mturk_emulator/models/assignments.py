"""Assignments: what simulated workers accept and submit, and their review."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..exceptions import AssignmentState, DoesNotExist, RequestError, WorkerCannotAccept
from .answers import check_answer_xml
from .qualifications import COMPARATORS, SYSTEM_QUALIFICATION_TYPES
from .questions import local_name
from .state import MarketplaceState

GUARDS = {
    "Discover": ("DiscoverPreviewAndAccept",),
    "Preview": ("PreviewAndAccept", "DiscoverPreviewAndAccept"),
    "Accept": ("Accept", "PreviewAndAccept", "DiscoverPreviewAndAccept"),
}
"""Which ``ActionsGuarded`` values guard each action a worker takes (botocore model,
``QualificationRequirement.ActionsGuarded``; ledger ``worker.actions-guarded``)."""
OVERRIDE_WINDOW = timedelta(days=30)
"""botocore model, ``ApproveAssignment``: overriding a rejection "only works on rejected
assignments that were submitted within the previous 30 days"."""

if TYPE_CHECKING:
    from .hits import HIT


@dataclass
class Assignment:
    id: str
    worker_id: str
    hit_id: str
    accept_time: datetime
    deadline: datetime
    status: str = "Accepted"
    answer: str | None = None
    submit_time: datetime | None = None
    auto_approval_time: datetime | None = None
    approval_time: datetime | None = None
    rejection_time: datetime | None = None
    requester_feedback: str | None = None
    key: tuple[int] = (0,)
    """Its number: where it sorts among its HIT's assignments (the order of accepting)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "AssignmentId": self.id,
            "WorkerId": self.worker_id,
            "HITId": self.hit_id,
            "AssignmentStatus": self.status,
            "AutoApprovalTime": self.auto_approval_time,
            "AcceptTime": self.accept_time,
            "SubmitTime": self.submit_time,
            "ApprovalTime": self.approval_time,
            "RejectionTime": self.rejection_time,
            "Deadline": self.deadline,
            "Answer": self.answer,
            "RequesterFeedback": self.requester_feedback,
        }


def guarded(requirement: dict[str, Any]) -> str:
    """The actions a qualification requirement guards."""
    if "ActionsGuarded" in requirement:
        return str(requirement["ActionsGuarded"])
    return "PreviewAndAccept" if requirement.get("RequiredToPreview") else "Accept"


class Assignments(MarketplaceState):
    if TYPE_CHECKING:

        def catch_up(self, hit: HIT, now: datetime | None = None) -> None: ...

    def assignment(self, assignment_id: str) -> Assignment:
        """An assignment as the requester sees it: submitted, of a HIT not deleted.

        (The API has no status for work a worker has accepted and not yet submitted,
        nor for work abandoned: facebookresearch/Mephisto#1081.)
        """
        assignment = self.assignments.get(assignment_id)
        if assignment is not None:
            self.catch_up(self.hits[assignment.hit_id])
        if (
            assignment is None
            or assignment.status in {"Accepted", "Abandoned"}
            or self.hits[assignment.hit_id].disposed
        ):
            raise DoesNotExist("Assignment", assignment_id)
        return assignment

    def accept(self, hit_id: str, worker_id: str) -> Assignment:
        hit = self.hits.get(hit_id)
        if hit is None or hit.disposed:
            raise WorkerCannotAccept(f"There is no HIT {hit_id} in this marketplace.")
        self.catch_up(hit)
        if worker_id in self.worker_blocks:
            raise WorkerCannotAccept(f"Worker {worker_id} is blocked by this requester.")
        mine = hit.by_worker.get(worker_id, [])
        if any(a.status != "Abandoned" for a in mine):
            raise WorkerCannotAccept(f"Worker {worker_id} already worked on HIT {hit_id}.")
        if hit.status(self.now()) != "Assignable":
            raise WorkerCannotAccept(f"HIT {hit_id} is not available to workers.")
        for requirement in hit.hit_type.qualification_requirements:
            if not self.meets(worker_id, requirement):
                raise WorkerCannotAccept(
                    f"Worker {worker_id} does not meet the qualification requirement "
                    f"{requirement['QualificationTypeId']}."
                )
        self.workers.add(worker_id)  # a worker who takes work has an account here
        now = self.now()
        assignment = Assignment(
            id=self.new_id("Assignment"),
            worker_id=worker_id,
            hit_id=hit_id,
            accept_time=now,
            deadline=now + timedelta(seconds=hit.hit_type.assignment_duration),
            key=(self.next_number(),),
        )
        hit.add(assignment)
        self.assignments[assignment.id] = assignment
        return assignment

    def may(self, hit: HIT, worker_id: str, action: str) -> bool:
        """Whether a worker may discover, preview or accept ``hit`` (its ``ActionsGuarded``).

        A requirement without ``ActionsGuarded`` guards Accept, or Preview and Accept
        with the deprecated ``RequiredToPreview`` (botocore model).
        """
        return all(
            self.meets(worker_id, requirement)
            for requirement in hit.hit_type.qualification_requirements
            if guarded(requirement) in GUARDS[action]
        )

    def meets(self, worker_id: str, requirement: dict[str, Any]) -> bool:
        type_id = requirement["QualificationTypeId"]
        held = self.qualifications.get((type_id, worker_id))
        if type_id in SYSTEM_QUALIFICATION_TYPES and held is None:
            # Simulated workers pass the system qualifications, unless given a score
            # for one (MTurkFake.grant_system_qualification).
            return True
        has = held is not None and held.status == "Granted"
        comparator = requirement["Comparator"]
        if comparator == "Exists":
            return has
        if comparator == "DoesNotExist":
            return not has
        if held is None or not has:
            return False
        return COMPARATORS[comparator](held.value, requirement.get("IntegerValues", []))

    def worker_submits(self, hit_id: str, worker_id: str, answer_xml: str) -> Assignment:
        """A worker submits answers, accepting the HIT first if they had not yet."""
        check_answer_xml(answer_xml)
        hit = self.hits[hit_id]
        self.catch_up(hit)
        mine = hit.by_worker.get(worker_id, [])
        if mine and mine[-1].status == "Abandoned":
            raise WorkerCannotAccept(
                f"Worker {worker_id}'s time for HIT {hit_id} ran out: the assignment "
                f"{mine[-1].id} was abandoned."
            )
        pending = [a for a in mine if a.status == "Accepted"]
        assignment = pending[0] if pending else self.accept(hit_id, worker_id)
        return self.submit(assignment.id, answer_xml)

    def submit(self, assignment_id: str, answer_xml: str) -> Assignment:
        assignment = self.assignments[assignment_id]
        hit = self.hits[assignment.hit_id]
        now = self.now()
        assignment.answer = answer_xml
        assignment.submit_time = now
        assignment.auto_approval_time = now + timedelta(seconds=hit.hit_type.auto_approval_delay)
        self.set_status(hit, assignment, "Submitted")
        return assignment

    def approve(self, assignment_id: str, feedback: str | None, override: bool) -> None:
        assignment = self.assignment(assignment_id)
        allowed = ("Submitted", "Rejected") if override else ("Submitted",)
        if assignment.status not in allowed:
            raise AssignmentState(", ".join(allowed))
        hit = self.hits[assignment.hit_id]
        if assignment.status == "Rejected":
            submitted = assignment.submit_time or assignment.accept_time
            if self.now() - submitted > OVERRIDE_WINDOW:
                raise RequestError(
                    "A rejection can only be overridden on assignments that were submitted "
                    "within the previous 30 days.",
                    "AWS.MechanicalTurk.InvalidAssignmentState",
                )
            self.charge(hit.cost(1))
        self.set_status(hit, assignment, "Approved")
        assignment.approval_time = self.now()
        assignment.requester_feedback = feedback

    def reject(self, assignment_id: str, feedback: str) -> None:
        assignment = self.assignment(assignment_id)
        if assignment.status != "Submitted":
            raise AssignmentState("Submitted")
        hit = self.hits[assignment.hit_id]
        self.refund(hit.cost(1))
        self.set_status(hit, assignment, "Rejected")
        assignment.rejection_time = self.now()
        assignment.requester_feedback = feedback

    def file_upload_url(self, assignment_id: str, question_identifier: str) -> str:
        assignment = self.assignment(assignment_id)
        answers = ET.fromstring(assignment.answer or "<QuestionFormAnswers/>")  # noqa: S314
        for answer in answers:
            fields = {local_name(child): child.text for child in answer}
            if fields.get("QuestionIdentifier") == question_identifier and "UploadedFileKey" in {
                local_name(child) for child in answer.iter()
            }:
                return (
                    "https://mturk-file-uploads.s3.amazonaws.com/"
                    f"{assignment.id}/{question_identifier}?X-Amz-Expires=60"
                )
        raise RequestError(
            f"No file was uploaded for the question {question_identifier}.",
            "AWS.MechanicalTurk.FileUploadDoesNotExist",
        )
