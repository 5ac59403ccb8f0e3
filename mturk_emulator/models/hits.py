"""HIT types and HITs: create, find, extend, expire, review, delete."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .. import constants
from ..exceptions import DoesNotExist, InvalidParameter, InvalidState, RequestError
from .money import parse_money, reward_cost
from .questions import validate_question
from .state import MarketplaceState, Notification
from .validation import check_length, check_range

if TYPE_CHECKING:
    from decimal import Decimal

    from .assignments import Assignment
    from .qualifications import QualificationType

ONE_YEAR = 365 * 24 * 3600
THIRTY_DAYS = 30 * 24 * 3600


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


class HITs(MarketplaceState):
    if TYPE_CHECKING:

        def qualification_type(
            self, type_id: str, *, usable: bool = False
        ) -> QualificationType: ...

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
