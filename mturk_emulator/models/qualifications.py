"""Qualification types, workers' scores, and requests for a qualification."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from ..exceptions import DoesNotExist, InvalidState, ParameterValidationError, RequestError
from .grading import check_answer_key
from .questions import validate_question
from .state import MarketplaceState

WORKER_LOCALE = "00000000000000000071"
MASTERS = {"2F1QJWKUDD8XADTFD2Q0G6UTO95ALH", "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6"}
"""Masters in production and in the sandbox (AWS's QualificationRequirement page; MTurkR)."""
NAME_RESERVED = timedelta(hours=48)
"""botocore model, ``DeleteQualificationType``: "It may take up to 48 hours before ... the
unique name of the Qualification type is available for reuse"."""

# Qualification types every requester may use without creating them.
SYSTEM_QUALIFICATION_TYPES = {
    WORKER_LOCALE: ("Worker_Locale", "The Worker's country (and subdivision)."),
    "00000000000000000040": ("Worker_NumberHITsApproved", "Number of HITs approved."),
    "000000000000000000L0": (
        "Worker_PercentAssignmentsApproved",
        "Percentage of assignments approved.",
    ),
    "00000000000000000060": ("Worker_Adult", "The Worker is at least 18 years old."),
    "2F1QJWKUDD8XADTFD2Q0G6UTO95ALH": ("Masters", "Masters in production."),
    "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6": ("Masters", "Masters in the sandbox."),
}

COMPARATORS: dict[str, Callable[[int, list[int]], bool]] = {
    "LessThan": lambda have, want: have < want[0],
    "LessThanOrEqualTo": lambda have, want: have <= want[0],
    "GreaterThan": lambda have, want: have > want[0],
    "GreaterThanOrEqualTo": lambda have, want: have >= want[0],
    "EqualTo": lambda have, want: have == want[0],
    "NotEqualTo": lambda have, want: have != want[0],
    "In": lambda have, want: have in want,
    "NotIn": lambda have, want: have not in want,
}


@dataclass
class QualificationType:
    id: str
    name: str
    description: str
    creation_time: datetime
    status: str
    keywords: str | None = None
    retry_delay: int | None = None
    test: str | None = None
    answer_key: str | None = None
    test_duration: int | None = None
    auto_granted: bool = False
    auto_granted_value: int | None = None
    system: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "QualificationTypeId": self.id,
            "CreationTime": self.creation_time,
            "Name": self.name,
            "Description": self.description,
            "Keywords": self.keywords,
            "QualificationTypeStatus": self.status,
            "Test": self.test,
            "TestDurationInSeconds": self.test_duration,
            "AnswerKey": self.answer_key,
            "RetryDelayInSeconds": self.retry_delay,
            "IsRequestable": not self.system,
            "AutoGranted": self.auto_granted,
            "AutoGrantedValue": self.auto_granted_value if self.auto_granted else None,
        }


@dataclass
class Qualification:
    type_id: str
    worker_id: str
    grant_time: datetime
    value: int
    status: str = "Granted"

    def to_dict(self) -> dict[str, Any]:
        return {
            "QualificationTypeId": self.type_id,
            "WorkerId": self.worker_id,
            "GrantTime": self.grant_time,
            "IntegerValue": self.value,
            "Status": self.status,
        }


@dataclass
class QualificationRequest:
    id: str
    type_id: str
    worker_id: str
    submit_time: datetime
    answer: str | None
    test: str | None = None
    """The test as the worker was shown it (botocore model, ``QualificationRequest.Test``:
    "identical to the QuestionForm associated with the Qualification type at the time
    the Worker requests the Qualification")."""

    def to_dict(self, test: str | None) -> dict[str, Any]:
        return {
            "QualificationRequestId": self.id,
            "QualificationTypeId": self.type_id,
            "WorkerId": self.worker_id,
            "Test": self.test if self.test is not None else test,
            "Answer": self.answer,
            "SubmitTime": self.submit_time,
        }


class Qualifications(MarketplaceState):
    def qualification_type(self, type_id: str, *, usable: bool = False) -> QualificationType:
        if type_id in SYSTEM_QUALIFICATION_TYPES:
            name, description = SYSTEM_QUALIFICATION_TYPES[type_id]
            return QualificationType(
                type_id, name, description, datetime(2005, 1, 1, tzinfo=timezone.utc), "Active",
                system=True,
            )  # fmt: skip
        found = self.qualification_types.get(type_id)
        if found is None or (usable and found.status != "Active"):
            raise DoesNotExist("QualificationType", type_id)
        return found

    def create_qualification_type(self, **fields: Any) -> QualificationType:
        name = fields["name"]
        deleted = self.deleted_qualification_names.get(name)
        reserved = deleted is not None and self.now() - deleted < NAME_RESERVED
        if reserved or any(q.name == name for q in self.qualification_types.values()):
            raise RequestError(
                "You have already created a QualificationType with this name. A "
                "QualificationType's name must be unique among all of the "
                "QualificationTypes created by the same user.",
                "AWS.MechanicalTurk.QualificationTypeAlreadyExists",
            )
        qualification_type = QualificationType(
            id=self.new_id("QualificationType"), creation_time=self.now(), **fields
        )
        self._check_test(qualification_type)
        self.qualification_types[qualification_type.id] = qualification_type
        return qualification_type

    @staticmethod
    def _check_test(qualification_type: QualificationType) -> None:
        # botocore model, CreateQualificationTypeRequest.Test: "If this parameter is
        # specified, TestDurationInSeconds must also be specified... Must not be longer
        # than 65535 bytes. Must be a QuestionForm data structure. This parameter cannot
        # be specified if AutoGranted is true."
        test = qualification_type.test
        if test is not None:
            if qualification_type.auto_granted:
                raise ParameterValidationError(
                    "AutoGranted", "AutoGranted cannot be true when a Test is specified."
                )
            if qualification_type.test_duration is None:
                raise ParameterValidationError(
                    "TestDurationInSeconds",
                    "If the Test parameter is specified, TestDurationInSeconds must also be "
                    "specified.",
                )
            if validate_question(test, "Test") != "QuestionForm":
                raise ParameterValidationError.not_valid("Test", test)
        if qualification_type.answer_key is not None:
            check_answer_key(qualification_type.answer_key, test)

    def owned_qualification_type(self, type_id: str) -> QualificationType:
        qualification_type = self.qualification_type(type_id)
        if qualification_type.system:
            raise RequestError(
                f"You do not own the QualificationType {type_id}.",
                "AWS.MechanicalTurk.PermissionDenied",
            )
        return qualification_type

    def update_qualification_type(self, type_id: str, **changes: Any) -> QualificationType:
        current = self.owned_qualification_type(type_id)
        if changes.get("test") is not None:
            # botocore model, UpdateQualificationType: "If you provide an updated Test but
            # no AnswerKey, the new test will not have an answer key."
            current = replace(current, answer_key=None)
        # Check the changed type before storing it: a refused update changes nothing.
        updated = replace(current, **{k: v for k, v in changes.items() if v is not None})
        self._check_test(updated)
        self.qualification_types[type_id] = updated
        return updated

    def delete_qualification_type(self, type_id: str) -> None:
        """Delete a type: AWS "deletes any HIT types that are associated with the
        Qualification type. This operation does not revoke Qualifications already
        assigned to Workers... Amazon Mechanical Turk rejects those requests." The
        name stays taken for 48 hours (ledger ``qualifications.delete-name-48h``)."""
        deleted = self.owned_qualification_type(type_id)
        del self.qualification_types[type_id]
        self.deleted_qualification_names[deleted.name] = self.now()
        self.qualification_requests = {
            i: r for i, r in self.qualification_requests.items() if r.type_id != type_id
        }
        self.remove_hit_types({
            i
            for i, t in self.hit_types.items()
            if any(r["QualificationTypeId"] == type_id for r in t.qualification_requirements)
        })  # fmt: skip

    def list_qualification_types(
        self, query: str | None, must_be_requestable: bool, owned_only: bool | None
    ) -> list[QualificationType]:
        found = list(self.qualification_types.values())
        if not owned_only:
            found += [self.qualification_type(i) for i in SYSTEM_QUALIFICATION_TYPES]
        if must_be_requestable:
            found = [q for q in found if not q.system]
        if query:
            needle = query.lower()
            found = [
                q
                for q in found
                if needle in q.name.lower() or needle in (q.keywords or "").lower()
                or needle in q.description.lower()
            ]  # fmt: skip
        return sorted(found, key=lambda q: q.creation_time)

    def associate_qualification(self, type_id: str, worker_id: str, value: int | None) -> None:
        qualification_type = self.owned_qualification_type(type_id)
        self.check_worker(worker_id)
        if qualification_type.status != "Active":
            raise InvalidState("QualificationType", qualification_type.status, "Active")
        self.qualifications[(type_id, worker_id)] = Qualification(
            type_id, worker_id, self.now(), 1 if value is None else value
        )

    def disassociate_qualification(self, type_id: str, worker_id: str) -> None:
        """Revoke: the record stays, with the status Revoked (botocore model,
        ``QualificationStatus``: Granted | Revoked; ledger
        ``qualifications.revoke-keeps-record``)."""
        self.owned_qualification_type(type_id)
        self.check_worker(worker_id)
        held = self.qualifications.get((type_id, worker_id))
        if held is None or held.status != "Granted":
            raise DoesNotExist("Qualification", f"{type_id} for worker {worker_id}")
        held.status = "Revoked"

    def qualification_score(self, type_id: str, worker_id: str) -> Qualification:
        self.qualification_type(type_id)
        held = self.qualifications.get((type_id, worker_id))
        if held is None:
            raise RequestError(
                "You requested a Qualification that does not exist.",
                "AWS.MechanicalTurk.QualificationDoesNotExist",
            )
        if held.status != "Granted":
            # Dallinger's client code, written against the live service, recognises a
            # revoked qualification by: "operation can be called with a status of: Granted".
            raise RequestError(
                "This operation can be called with a status of: Granted",
                "AWS.MechanicalTurk.InvalidQualificationState",
            )
        return held

    def workers_with_qualification(self, type_id: str, status: str | None) -> list[Qualification]:
        self.qualification_type(type_id)
        return [
            q
            for (held_type, _), q in sorted(self.qualifications.items())
            if held_type == type_id and (status is None or q.status == status)
        ]

    def qualification_request(self, request_id: str) -> QualificationRequest:
        try:
            return self.qualification_requests[request_id]
        except KeyError:
            raise DoesNotExist("QualificationRequest", request_id) from None

    def accept_qualification_request(self, request_id: str, value: int | None) -> None:
        request = self.qualification_request(request_id)
        del self.qualification_requests[request_id]
        self.qualifications[(request.type_id, request.worker_id)] = Qualification(
            request.type_id, request.worker_id, self.now(), 1 if value is None else value
        )

    def reject_qualification_request(self, request_id: str) -> None:
        self.qualification_request(request_id)
        del self.qualification_requests[request_id]
