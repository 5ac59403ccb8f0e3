"""State and rules of the MTurk emulator: plain classes, no HTTP.

One ``MTurkBackend`` per AWS account (moto's ``BackendDict`` resets it whenever
a mock starts). Each backend holds two ``Marketplace`` objects, because the
sandbox and production are separate worlds: separate requester accounts,
separate links to the AWS account, separate HITs and money.
"""

from __future__ import annotations

import base64
import random
import string
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend

from snippets import constants

from .exceptions import (
    AccountNotLinked,
    DoesNotExist,
    InsufficientFunds,
    InvalidParameter,
    InvalidState,
    RequestError,
    WorkerCannotAccept,
)

CENT = Decimal("0.01")
ONE_YEAR = 365 * 24 * 3600
THIRTY_DAYS = 30 * 24 * 3600

# Qualification types every requester may use without creating them.
SYSTEM_QUALIFICATION_TYPES = {
    "00000000000000000071": ("Worker_Locale", "The Worker's country (and subdivision)."),
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


ID_ALPHABET = string.ascii_uppercase + string.digits


def parse_money(value: str, name: str) -> Decimal:
    """Parse a dollar amount the way MTurk accepts it: digits, at most two decimals."""
    try:
        amount = Decimal(value)
        valid = amount.is_finite() and amount >= 0 and amount == amount.quantize(CENT)
    except InvalidOperation:  # not a number, or more digits than Decimal holds
        valid = False
    if not valid or "e" in value.lower():
        raise InvalidParameter(
            f"{name} '{value}' is not a valid amount. "
            'Use US dollars and cents as a string, for example "0.50".'
        )
    return amount.quantize(CENT)


def check_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise InvalidParameter(
            f"Value {value} for parameter {name} is invalid. "
            f"Valid values are between {low} and {high}."
        )


def check_length(name: str, value: str | None, high: int) -> None:
    if value is not None and len(value) > high:
        raise InvalidParameter(f"{name} must be at most {high} characters long.")


def commission(amount: Decimal, *, large_hit: bool) -> Decimal:
    """MTurk's fee: 20%, 20% more on rewards of HITs with 10+ assignments, $0.01 at least."""
    rate = Decimal(constants.COMMISSION_RATE)
    if large_hit:
        rate += Decimal(constants.LARGE_HIT_EXTRA_RATE)
    return max(CENT, (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP))


def reward_cost(reward: Decimal, assignments: int, *, max_assignments: int) -> Decimal:
    large = max_assignments >= constants.LARGE_HIT_ASSIGNMENTS
    return assignments * (reward + commission(reward, large_hit=large))


def parse_xml(text: str, what: str) -> ET.Element:
    try:
        return ET.fromstring(text)  # noqa: S314 -- the requester's own input, in memory
    except ET.ParseError as error:
        raise RequestError(
            f"There was an error parsing the XML {what} data in your request. Please make "
            "sure the data is well-formed and validates against the appropriate schema. "
            f"Details: {error}",
            "AWS.MechanicalTurk.XMLParseError",
        ) from None


def local_name(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def validate_question(question: str) -> None:
    if len(question.encode()) > 65535:
        raise InvalidParameter("Question must not be larger than 65535 bytes.")
    root = parse_xml(question, "question")
    kind = local_name(root)
    required = {
        "ExternalQuestion": ("ExternalURL", "FrameHeight"),
        "HTMLQuestion": ("HTMLContent", "FrameHeight"),
        "QuestionForm": ("Question",),
    }
    if kind not in required:
        raise RequestError(
            "The question must be a QuestionForm, ExternalQuestion or HTMLQuestion data "
            f"structure, not {kind}.",
            "AWS.MechanicalTurk.XMLParseError",
        )
    children = {local_name(child) for child in root}
    missing = [name for name in required[kind] if name not in children]
    if missing:
        raise RequestError(
            f"The {kind} is missing the element {missing[0]}.",
            "AWS.MechanicalTurk.XMLParseError",
        )
    if kind == "ExternalQuestion":
        url = next(child for child in root if local_name(child) == "ExternalURL").text or ""
        if not url.strip().startswith("https://"):
            raise RequestError(
                "The ExternalURL of an ExternalQuestion must use https.",
                "AWS.MechanicalTurk.XMLParseError",
            )


def paginate(
    items: list[Any], next_token: str | None, max_results: int | None
) -> tuple[list[Any], str | None]:
    size = 100 if max_results is None else max_results
    check_range("MaxResults", size, 1, 100)
    start = 0
    if next_token:
        try:
            start = int(base64.urlsafe_b64decode(next_token.encode()).decode())
            if start < 0:
                raise ValueError(start)
        except ValueError:
            raise InvalidParameter("The pagination token is not valid.") from None
    page = items[start : start + size]
    end = start + size
    return page, base64.urlsafe_b64encode(str(end).encode()).decode() if end < len(items) else None


@dataclass
class HITType:
    id: str
    title: str
    description: str
    reward: Decimal
    assignment_duration: int
    auto_approval_delay: int
    keywords: str | None
    qualification_requirements: list[dict[str, Any]]
    notification: dict[str, Any] | None = None
    notification_active: bool = False


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


@dataclass
class HIT:
    id: str
    hit_type: HITType
    creation_time: datetime
    expiration: datetime
    max_assignments: int
    question: str | None
    layout_id: str | None
    requester_annotation: str | None
    assignment_review_policy: dict[str, Any] | None
    hit_review_policy: dict[str, Any] | None
    assignments: list[Assignment] = field(default_factory=list)
    reviewing: bool = False
    disposed: bool = False

    def count(self, *statuses: str) -> int:
        return sum(1 for a in self.assignments if a.status in statuses)

    def expired(self, now: datetime) -> bool:
        return now >= self.expiration

    def status(self, now: datetime) -> str:
        # Disposed HITs never get here: to the API they no longer exist.
        if self.reviewing:
            return "Reviewing"
        done = self.count("Submitted", "Approved", "Rejected")
        if self.expired(now) or done >= self.max_assignments:
            return "Reviewable"
        if done + self.count("Accepted") >= self.max_assignments:
            return "Unassignable"
        return "Assignable"

    def to_dict(self, now: datetime) -> dict[str, Any]:
        taken = self.count("Accepted", "Submitted", "Approved", "Rejected")
        return {
            "HITId": self.id,
            "HITTypeId": self.hit_type.id,
            "HITGroupId": self.hit_type.id,
            "HITLayoutId": self.layout_id,
            "CreationTime": self.creation_time,
            "Title": self.hit_type.title,
            "Description": self.hit_type.description,
            "Question": self.question,
            "Keywords": self.hit_type.keywords,
            "HITStatus": self.status(now),
            "MaxAssignments": self.max_assignments,
            "Reward": str(self.hit_type.reward),
            "AutoApprovalDelayInSeconds": self.hit_type.auto_approval_delay,
            "Expiration": self.expiration,
            "AssignmentDurationInSeconds": self.hit_type.assignment_duration,
            "RequesterAnnotation": self.requester_annotation,
            "QualificationRequirements": self.hit_type.qualification_requirements,
            "HITReviewStatus": "NotReviewed",
            "NumberOfAssignmentsPending": self.count("Accepted"),
            "NumberOfAssignmentsAvailable": (
                0 if self.expired(now) else max(0, self.max_assignments - taken)
            ),
            "NumberOfAssignmentsCompleted": self.count("Approved", "Rejected"),
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

    def to_dict(self, test: str | None) -> dict[str, Any]:
        return {
            "QualificationRequestId": self.id,
            "QualificationTypeId": self.type_id,
            "WorkerId": self.worker_id,
            "Test": test,
            "Answer": self.answer,
            "SubmitTime": self.submit_time,
        }


@dataclass
class BonusPayment:
    worker_id: str
    amount: Decimal
    assignment_id: str
    hit_id: str
    reason: str
    grant_time: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "WorkerId": self.worker_id,
            "BonusAmount": str(self.amount),
            "AssignmentId": self.assignment_id,
            "Reason": self.reason,
            "GrantTime": self.grant_time,
        }


@dataclass
class Notification:
    """A message MTurk would have sent (NotifyWorkers or a test event)."""

    kind: str
    details: dict[str, Any]


class Marketplace:
    """One MTurk environment (sandbox or production) of one AWS account."""

    def __init__(self, backend: MTurkBackend, *, sandbox: bool) -> None:
        self.backend = backend
        self.sandbox = sandbox
        self.linked = True
        self.balance = Decimal("0.00")
        self.hit_types: dict[str, HITType] = {}
        self.hits: dict[str, HIT] = {}
        self.assignments: dict[str, Assignment] = {}
        self.qualification_types: dict[str, QualificationType] = {}
        self.qualifications: dict[tuple[str, str], Qualification] = {}
        self.qualification_requests: dict[str, QualificationRequest] = {}
        self.worker_blocks: dict[str, str] = {}
        self.bonuses: list[BonusPayment] = []
        self.request_tokens: dict[str, str] = {}
        self.notifications: list[Notification] = []

    # --- account ---------------------------------------------------------------

    @property
    def developer_page(self) -> str:
        if self.sandbox:
            return constants.SANDBOX_DEVELOPER_PAGE
        return constants.PRODUCTION_DEVELOPER_PAGE

    def check_linked(self) -> None:
        if not self.linked:
            raise AccountNotLinked(self.developer_page)

    def now(self) -> datetime:
        return self.backend.now()

    def new_id(self) -> str:
        return self.backend.new_id()

    def get_account_balance(self) -> dict[str, str]:
        if self.sandbox:
            return {"AvailableBalance": constants.SANDBOX_BALANCE}
        return {"AvailableBalance": str(self.balance)}

    def charge(self, amount: Decimal) -> None:
        if self.sandbox:
            return
        if amount > self.balance:
            raise InsufficientFunds()
        self.balance -= amount

    def refund(self, amount: Decimal) -> None:
        if not self.sandbox:
            self.balance += amount

    # --- HIT types and HITs ----------------------------------------------------

    def _check_requirements(self, requirements: list[dict[str, Any]]) -> None:
        if len(requirements) > 10:
            raise InvalidParameter("A HIT can have at most 10 QualificationRequirements.")
        for requirement in requirements:
            self.qualification_type(requirement["QualificationTypeId"], usable=True)
            comparator = requirement["Comparator"]
            values = requirement.get("IntegerValues", [])
            if comparator in {"Exists", "DoesNotExist"}:
                continue
            if not values and not requirement.get("LocaleValues"):
                raise InvalidParameter(f"The comparator {comparator} needs IntegerValues.")
            if comparator not in {"In", "NotIn"} and len(values) > 1:
                raise InvalidParameter(f"The comparator {comparator} takes one value.")

    def create_hit_type(
        self,
        *,
        title: str,
        description: str,
        reward: str,
        assignment_duration: int,
        auto_approval_delay: int | None,
        keywords: str | None,
        qualification_requirements: list[dict[str, Any]] | None,
    ) -> HITType:
        check_length("Title", title, 128)
        check_length("Description", description, 2000)
        check_length("Keywords", keywords, 1000)
        check_range("AssignmentDurationInSeconds", assignment_duration, 30, ONE_YEAR)
        delay = THIRTY_DAYS if auto_approval_delay is None else auto_approval_delay
        check_range("AutoApprovalDelayInSeconds", delay, 0, THIRTY_DAYS)
        requirements = qualification_requirements or []
        self._check_requirements(requirements)
        amount = parse_money(reward, "Reward")
        # MTurk gives identical HIT types the same id, so HITs group together.
        for existing in self.hit_types.values():
            if (
                existing.title,
                existing.description,
                existing.reward,
                existing.assignment_duration,
                existing.auto_approval_delay,
                existing.keywords,
                existing.qualification_requirements,
            ) == (title, description, amount, assignment_duration, delay, keywords, requirements):
                return existing
        hit_type = HITType(
            self.new_id(),
            title,
            description,
            amount,
            assignment_duration,
            delay,
            keywords,
            requirements,
        )
        self.hit_types[hit_type.id] = hit_type
        return hit_type

    def hit_type(self, hit_type_id: str) -> HITType:
        try:
            return self.hit_types[hit_type_id]
        except KeyError:
            raise DoesNotExist("HITType", hit_type_id) from None

    def create_hit_with_hit_type(
        self,
        *,
        hit_type_id: str,
        max_assignments: int | None,
        lifetime: int,
        question: str | None,
        layout_id: str | None,
        layout_parameters: list[dict[str, str]] | None,
        requester_annotation: str | None,
        unique_request_token: str | None,
        assignment_review_policy: dict[str, Any] | None,
        hit_review_policy: dict[str, Any] | None,
    ) -> HIT:
        hit_type = self.hit_type(hit_type_id)
        assignments = 1 if max_assignments is None else max_assignments
        check_range("MaxAssignments", assignments, 1, 1_000_000)
        check_range("LifetimeInSeconds", lifetime, 30, ONE_YEAR)
        if (question is None) == (layout_id is None):
            raise InvalidParameter("Provide either a Question or a HITLayoutId, not both.")
        if question is not None:
            validate_question(question)
        elif layout_parameters is None:
            # Layouts were made on the requester website; the emulator cannot know
            # their placeholders, so it only insists that parameters are given.
            raise InvalidParameter("A HITLayoutId needs its HITLayoutParameters.")
        if unique_request_token in self.request_tokens:
            raise RequestError(
                f'The HIT with ID "{self.request_tokens[unique_request_token]}" already exists.',
                "AWS.MechanicalTurk.HitAlreadyExists",
            )
        self.charge(reward_cost(hit_type.reward, assignments, max_assignments=assignments))
        now = self.now()
        hit = HIT(
            id=self.new_id(),
            hit_type=hit_type,
            creation_time=now,
            expiration=now + timedelta(seconds=lifetime),
            max_assignments=assignments,
            question=question,
            layout_id=layout_id,
            requester_annotation=requester_annotation,
            assignment_review_policy=assignment_review_policy,
            hit_review_policy=hit_review_policy,
        )
        self.hits[hit.id] = hit
        if unique_request_token:
            self.request_tokens[unique_request_token] = hit.id
        return hit

    def hit(self, hit_id: str) -> HIT:
        hit = self.hits.get(hit_id)
        if hit is None or hit.disposed:
            raise DoesNotExist("Hit", hit_id)
        self._auto_approve(hit)
        return hit

    def _auto_approve(self, hit: HIT) -> None:
        now = self.now()
        for assignment in hit.assignments:
            due = assignment.auto_approval_time
            if assignment.status == "Submitted" and due is not None and now >= due:
                assignment.status = "Approved"
                assignment.approval_time = due

    def live_hits(self) -> list[HIT]:
        hits = [hit for hit in self.hits.values() if not hit.disposed]
        for hit in hits:
            self._auto_approve(hit)
        return sorted(hits, key=lambda hit: hit.creation_time)

    def create_additional_assignments(
        self, hit_id: str, number: int, unique_request_token: str | None
    ) -> None:
        hit = self.hit(hit_id)
        check_range("NumberOfAdditionalAssignments", number, 1, 1_000_000)
        token = f"assignments:{unique_request_token}"
        if unique_request_token and token in self.request_tokens:
            raise RequestError(
                "Additional assignments were already created with this UniqueRequestToken.",
                "AWS.MechanicalTurk.DuplicateRequest",
            )
        total = hit.max_assignments + number
        if hit.max_assignments < constants.LARGE_HIT_ASSIGNMENTS <= total:
            raise RequestError(
                "HITs created with fewer than 10 assignments cannot be extended to have "
                "10 or more assignments.",
                "AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease",
            )
        self.charge(reward_cost(hit.hit_type.reward, number, max_assignments=total))
        hit.max_assignments = total
        if unique_request_token:
            self.request_tokens[token] = hit.id

    def update_expiration(self, hit_id: str, expire_at: datetime) -> None:
        hit = self.hit(hit_id)
        if expire_at.tzinfo is None:
            expire_at = expire_at.replace(tzinfo=UTC)
        # A time in the past expires the HIT now.
        hit.expiration = max(expire_at, self.now())

    def update_review_status(self, hit_id: str, revert: bool) -> None:
        hit = self.hit(hit_id)
        status = hit.status(self.now())
        wanted = "Reviewing" if revert else "Reviewable"
        if status != wanted:
            raise InvalidState("HIT", status, wanted)
        hit.reviewing = not revert

    def update_hit_type_of_hit(self, hit_id: str, hit_type_id: str) -> None:
        hit = self.hit(hit_id)
        new_type = self.hit_type(hit_type_id)
        # The money held for assignments not yet paid or refunded follows the new reward.
        unpaid = hit.max_assignments - hit.count("Approved", "Rejected")
        held, needed = (
            reward_cost(reward, unpaid, max_assignments=hit.max_assignments)
            for reward in (hit.hit_type.reward, new_type.reward)
        )
        if needed > held:
            self.charge(needed - held)
        else:
            self.refund(held - needed)
        hit.hit_type = new_type

    def delete_hit(self, hit_id: str) -> None:
        hit = self.hit(hit_id)
        status = hit.status(self.now())
        if status != "Reviewable" or hit.count("Accepted", "Submitted"):
            raise InvalidState("HIT", status, "Reviewable, with every assignment reviewed")
        unused = hit.max_assignments - hit.count("Approved", "Rejected")
        self.refund(reward_cost(hit.hit_type.reward, unused, max_assignments=hit.max_assignments))
        hit.disposed = True

    def update_notification_settings(
        self, hit_type_id: str, notification: dict[str, Any] | None, active: bool | None
    ) -> None:
        hit_type = self.hit_type(hit_type_id)
        if notification is None and hit_type.notification is None:
            raise InvalidParameter(
                "This HIT type has no notification specification: provide a Notification."
            )
        if notification is not None:
            hit_type.notification = notification
            hit_type.notification_active = True
        if active is not None:
            hit_type.notification_active = active

    def send_test_event_notification(self, notification: dict[str, Any], event: str) -> None:
        self.notifications.append(
            Notification("TestEvent", {"Notification": notification, "EventType": event})
        )

    # --- assignments -----------------------------------------------------------

    def assignment(self, assignment_id: str) -> Assignment:
        """An assignment as the requester sees it: submitted, of a HIT not deleted.

        (The API has no status for work a worker has accepted and not yet submitted.)
        """
        assignment = self.assignments.get(assignment_id)
        if (
            assignment is None
            or assignment.status == "Accepted"
            or self.hits[assignment.hit_id].disposed
        ):
            raise DoesNotExist("Assignment", assignment_id)
        self._auto_approve(self.hits[assignment.hit_id])
        return assignment

    def accept(self, hit_id: str, worker_id: str) -> Assignment:
        hit = self.hits.get(hit_id)
        if hit is None or hit.disposed:
            raise WorkerCannotAccept(f"There is no HIT {hit_id} in this marketplace.")
        if worker_id in self.worker_blocks:
            raise WorkerCannotAccept(f"Worker {worker_id} is blocked by this requester.")
        if any(a.worker_id == worker_id for a in hit.assignments):
            raise WorkerCannotAccept(f"Worker {worker_id} already worked on HIT {hit_id}.")
        if hit.status(self.now()) != "Assignable":
            raise WorkerCannotAccept(f"HIT {hit_id} is not available to workers.")
        for requirement in hit.hit_type.qualification_requirements:
            if not self._meets(worker_id, requirement):
                raise WorkerCannotAccept(
                    f"Worker {worker_id} does not meet the qualification requirement "
                    f"{requirement['QualificationTypeId']}."
                )
        now = self.now()
        assignment = Assignment(
            id=self.new_id(),
            worker_id=worker_id,
            hit_id=hit_id,
            accept_time=now,
            deadline=now + timedelta(seconds=hit.hit_type.assignment_duration),
        )
        hit.assignments.append(assignment)
        self.assignments[assignment.id] = assignment
        return assignment

    def _meets(self, worker_id: str, requirement: dict[str, Any]) -> bool:
        type_id = requirement["QualificationTypeId"]
        if type_id in SYSTEM_QUALIFICATION_TYPES:
            # Simulated workers are taken to pass the system qualifications.
            return True
        held = self.qualifications.get((type_id, worker_id))
        has = held is not None and held.status == "Granted"
        comparator = requirement["Comparator"]
        if comparator == "Exists":
            return has
        if comparator == "DoesNotExist":
            return not has
        if held is None or not has:
            return False
        return COMPARATORS[comparator](held.value, requirement.get("IntegerValues", []))

    def submit(self, assignment_id: str, answer_xml: str) -> Assignment:
        assignment = self.assignments[assignment_id]
        parse_xml(answer_xml, "answer")
        hit = self.hits[assignment.hit_id]
        now = self.now()
        assignment.status = "Submitted"
        assignment.answer = answer_xml
        assignment.submit_time = now
        assignment.auto_approval_time = now + timedelta(seconds=hit.hit_type.auto_approval_delay)
        return assignment

    def approve(self, assignment_id: str, feedback: str | None, override: bool) -> None:
        assignment = self.assignment(assignment_id)
        allowed = {"Submitted", "Rejected"} if override else {"Submitted"}
        if assignment.status not in allowed:
            raise InvalidState("Assignment", assignment.status, " or ".join(sorted(allowed)))
        if assignment.status == "Rejected":
            hit = self.hits[assignment.hit_id]
            self.charge(reward_cost(hit.hit_type.reward, 1, max_assignments=hit.max_assignments))
        assignment.status = "Approved"
        assignment.approval_time = self.now()
        assignment.requester_feedback = feedback

    def reject(self, assignment_id: str, feedback: str) -> None:
        assignment = self.assignment(assignment_id)
        if assignment.status != "Submitted":
            raise InvalidState("Assignment", assignment.status, "Submitted")
        hit = self.hits[assignment.hit_id]
        self.refund(reward_cost(hit.hit_type.reward, 1, max_assignments=hit.max_assignments))
        assignment.status = "Rejected"
        assignment.rejection_time = self.now()
        assignment.requester_feedback = feedback

    def file_upload_url(self, assignment_id: str, question_identifier: str) -> str:
        assignment = self.assignment(assignment_id)
        answers = parse_xml(assignment.answer or "<QuestionFormAnswers/>", "answer")
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

    # --- bonuses and messages --------------------------------------------------

    def send_bonus(
        self, worker_id: str, amount: str, assignment_id: str, reason: str, token: str | None
    ) -> None:
        if token and f"bonus:{token}" in self.request_tokens:
            raise RequestError(
                "A bonus was already paid with this UniqueRequestToken "
                f"(request {self.request_tokens[f'bonus:{token}']}).",
                "AWS.MechanicalTurk.DuplicateRequest",
            )
        bonus = parse_money(amount, "BonusAmount")
        if bonus < CENT:
            raise InvalidParameter("BonusAmount must be at least 0.01.")
        assignment = self.assignment(assignment_id)
        if assignment.worker_id != worker_id:
            raise RequestError(
                f"Assignment {assignment_id} was not done by worker {worker_id}.",
                "AWS.MechanicalTurk.InvalidParameterValue",
            )
        self.charge(bonus + commission(bonus, large_hit=False))
        self.bonuses.append(
            BonusPayment(worker_id, bonus, assignment_id, assignment.hit_id, reason, self.now())
        )
        if token:
            self.request_tokens[f"bonus:{token}"] = self.new_id()

    def list_bonus_payments(
        self, hit_id: str | None, assignment_id: str | None
    ) -> list[BonusPayment]:
        if (hit_id is None) == (assignment_id is None):
            raise InvalidParameter("Provide either HITId or AssignmentId.")
        if hit_id is not None:
            self.hit(hit_id)
            return [bonus for bonus in self.bonuses if bonus.hit_id == hit_id]
        self.assignment(assignment_id or "")
        return [bonus for bonus in self.bonuses if bonus.assignment_id == assignment_id]

    def notify_workers(
        self, subject: str, message: str, worker_ids: list[str]
    ) -> list[dict[str, str]]:
        check_length("Subject", subject, 200)
        check_length("MessageText", message, 4096)
        if not 1 <= len(worker_ids) <= 100:
            raise InvalidParameter("WorkerIds must hold between 1 and 100 worker ids.")
        reviewed = {
            a.worker_id for a in self.assignments.values() if a.status in {"Approved", "Rejected"}
        }
        failures = []
        for worker_id in worker_ids:
            if worker_id in reviewed:
                self.notifications.append(
                    Notification(
                        "Email", {"WorkerId": worker_id, "Subject": subject, "Text": message}
                    )
                )
            else:
                failures.append(
                    {
                        "NotifyWorkersFailureCode": "HardFailure",
                        "NotifyWorkersFailureMessage": (
                            f"Cannot send a message to {worker_id}: you have not approved "
                            "or rejected work from this Worker."
                        ),
                        "WorkerId": worker_id,
                    }
                )
        return failures

    # --- workers ---------------------------------------------------------------

    def create_worker_block(self, worker_id: str, reason: str) -> None:
        self.worker_blocks[worker_id] = reason

    def delete_worker_block(self, worker_id: str) -> None:
        self.worker_blocks.pop(worker_id, None)

    # --- qualifications --------------------------------------------------------

    def qualification_type(self, type_id: str, *, usable: bool = False) -> QualificationType:
        if type_id in SYSTEM_QUALIFICATION_TYPES:
            name, description = SYSTEM_QUALIFICATION_TYPES[type_id]
            return QualificationType(
                type_id, name, description, datetime(2005, 1, 1, tzinfo=UTC), "Active",
                system=True,
            )  # fmt: skip
        found = self.qualification_types.get(type_id)
        if found is None or (usable and found.status != "Active"):
            raise DoesNotExist("QualificationType", type_id)
        return found

    def create_qualification_type(self, **fields: Any) -> QualificationType:
        name = fields["name"]
        if any(q.name == name for q in self.qualification_types.values()):
            raise RequestError(
                "You have already created a QualificationType with this name. A "
                "QualificationType's name must be unique among all of the "
                "QualificationTypes created by the same user.",
                "AWS.MechanicalTurk.QualificationTypeAlreadyExists",
            )
        qualification_type = QualificationType(
            id=self.new_id(), creation_time=self.now(), **fields
        )
        self._check_test(qualification_type)
        self.qualification_types[qualification_type.id] = qualification_type
        return qualification_type

    @staticmethod
    def _check_test(qualification_type: QualificationType) -> None:
        if qualification_type.test is not None:
            if qualification_type.auto_granted:
                raise InvalidParameter("A Qualification type with a test cannot be AutoGranted.")
            if qualification_type.test_duration is None:
                raise InvalidParameter("A test needs TestDurationInSeconds.")
            parse_xml(qualification_type.test, "question")
        if qualification_type.answer_key is not None:
            parse_xml(qualification_type.answer_key, "answer key")

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
        # Check the changed type before storing it: a refused update changes nothing.
        updated = replace(current, **{k: v for k, v in changes.items() if v is not None})
        self._check_test(updated)
        self.qualification_types[type_id] = updated
        return updated

    def delete_qualification_type(self, type_id: str) -> None:
        self.owned_qualification_type(type_id)
        del self.qualification_types[type_id]
        self.qualification_requests = {
            i: r for i, r in self.qualification_requests.items() if r.type_id != type_id
        }
        self.qualifications = {k: q for k, q in self.qualifications.items() if k[0] != type_id}

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
        if qualification_type.status != "Active":
            raise InvalidState("QualificationType", qualification_type.status, "Active")
        self.qualifications[(type_id, worker_id)] = Qualification(
            type_id, worker_id, self.now(), 1 if value is None else value
        )

    def disassociate_qualification(self, type_id: str, worker_id: str) -> None:
        self.owned_qualification_type(type_id)
        if self.qualifications.pop((type_id, worker_id), None) is None:
            raise DoesNotExist("Qualification", f"{type_id} for worker {worker_id}")

    def qualification_score(self, type_id: str, worker_id: str) -> Qualification:
        self.qualification_type(type_id)
        held = self.qualifications.get((type_id, worker_id))
        if held is None:
            raise RequestError(
                "You requested a Qualification that does not exist.",
                "AWS.MechanicalTurk.QualificationDoesNotExist",
            )
        return held

    def workers_with_qualification(self, type_id: str, status: str | None) -> list[Qualification]:
        self.qualification_type(type_id)
        return [
            q
            for (held_type, _), q in sorted(self.qualifications.items())
            if held_type == type_id and (status is None or q.status == status)
        ]

    def request_qualification(self, type_id: str, worker_id: str, answer: str | None) -> str:
        qualification_type = self.qualification_type(type_id, usable=True)
        if qualification_type.auto_granted:
            value = qualification_type.auto_granted_value
            self.qualifications[(type_id, worker_id)] = Qualification(
                type_id, worker_id, self.now(), 1 if value is None else value
            )
            return ""
        request = QualificationRequest(self.new_id(), type_id, worker_id, self.now(), answer)
        self.qualification_requests[request.id] = request
        return request.id

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


class MTurkBackend(BaseBackend):
    """The MTurk state of one AWS account: a sandbox and a production marketplace."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.clock_offset = timedelta()
        # Seeded, so a fresh emulator hands out the same ids in the same order:
        # the output a page shows can be checked word for word.
        self._ids = random.Random(account_id)  # noqa: S311 -- ids, not secrets
        self.sandbox = Marketplace(self, sandbox=True)
        self.production = Marketplace(self, sandbox=False)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.clock_offset

    def new_id(self) -> str:
        """An id shaped like MTurk's: 30 characters, upper-case letters and digits."""
        return "3" + "".join(self._ids.choice(ID_ALPHABET) for _ in range(29))

    def marketplace(self, *, sandbox: bool) -> Marketplace:
        return self.sandbox if sandbox else self.production


mturk_backends = BackendDict(MTurkBackend, "mturk", use_boto3_regions=False,
                             additional_regions=[constants.REGION])  # fmt: skip
