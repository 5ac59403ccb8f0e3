"""HIT types and HITs: create, find, extend, expire, review, delete."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from heapq import heappop, heappush
from typing import TYPE_CHECKING, Any

from .. import constants
from ..exceptions import DoesNotExist, InvalidState, ParameterValidationError, RequestError
from .money import parse_money, reward_cost
from .ordered import Key, Ordered
from .qualifications import MASTERS, WORKER_LOCALE
from .questions import validate_question
from .state import MarketplaceState, Notification, request_id
from .validation import check_annotation, check_length, check_range

if TYPE_CHECKING:
    from decimal import Decimal

    from .assignments import Assignment
    from .qualifications import QualificationType

ONE_YEAR = 365 * 24 * 3600
THIRTY_DAYS = 30 * 24 * 3600
NOTIFICATION_VERSION = "2006-05-05"
"""botocore model, ``NotificationSpecification.Version``: "Valid value is 2006-05-05"."""


def _requirement_error(message: str) -> ParameterValidationError:
    # AWS does not publish these texts (ledger ``qualifications.requirement-rules``):
    # the model's own sentence, as a ParameterValidationError naming the parameter.
    return ParameterValidationError("QualificationRequirements", message)


def _java_date(moment: datetime) -> str:
    # How the service printed a date inside a message (Dallinger/Dallinger#3109).
    return moment.astimezone(timezone.utc).strftime("%a %b %d %H:%M:%S UTC %Y")


def hit_type_fields(
    title: str, description: str, reward: Decimal, duration: int, delay: int,
    keywords: str | None, requirements: list[dict[str, Any]],
) -> tuple[Any, ...]:  # fmt: skip
    """What makes two HIT types one (their requirements compared as data, as ``==`` does)."""
    return (title, description, reward, duration, delay, keywords,
            json.dumps(requirements, sort_keys=True))  # fmt: skip


def microseconds(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass
class HITType:
    id: str
    group_id: str  # a separate id, e.g. "36IAL8...": ledger ``hits.group-id``
    title: str
    description: str
    reward: Decimal
    assignment_duration: int
    auto_approval_delay: int
    keywords: str | None
    qualification_requirements: list[dict[str, Any]]
    notification: dict[str, Any] | None = None
    notification_active: bool = False

    @property
    def masters(self) -> bool:
        return any(r["QualificationTypeId"] in MASTERS for r in self.qualification_requirements)

    def signature(self) -> tuple[Any, ...]:
        return hit_type_fields(
            self.title, self.description, self.reward, self.assignment_duration,
            self.auto_approval_delay, self.keywords, self.qualification_requirements,
        )  # fmt: skip


NO_WORK: tuple[Ordered[Any], Counter[str], dict[str, list[Any]], list[Any]] = (
    Ordered(),
    Counter(),
    {},
    [],
)
"""The indexes of every HIT without assignments: only ever read (``HIT.add``)."""


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
    key: Key = ()
    """Where the HIT sorts in listings: its creation time (microseconds), then its number."""
    reviewing: bool = False
    disposed: bool = False
    # A HIT no worker has touched shares one set of empty indexes (``NO_WORK``): at
    # 100,000 HITs their own would cost 5 MB. ``add`` gives a HIT its own.
    assignments: Ordered[Assignment] = field(default_factory=lambda: NO_WORK[0], repr=False)
    """Its assignments in the order workers accepted them, by ``Assignment.key``."""
    counts: Counter[str] = field(default_factory=lambda: NO_WORK[1], repr=False)
    """How many of its assignments have each status, kept as they change."""
    by_worker: dict[str, list[Assignment]] = field(default_factory=lambda: NO_WORK[2], repr=False)
    due: list[tuple[datetime, int, Assignment]] = field(
        default_factory=lambda: NO_WORK[3], repr=False
    )
    """When its assignments next change by themselves (a deadline, an auto-approval): a heap."""

    def __getstate__(self) -> dict[str, Any]:
        # Pickled (the state file's checkpoints): its assignments, not what is built from them.
        state = {k: v for k, v in vars(self).items() if k not in {"counts", "by_worker", "due"}}
        state["assignments"] = [a for _, a in self.assignments.keyed_after(None)]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        assignments = state.pop("assignments")
        vars(self).update(state, assignments=NO_WORK[0], counts=NO_WORK[1],
                          by_worker=NO_WORK[2], due=NO_WORK[3])  # fmt: skip
        for assignment in assignments:
            self.add(assignment)
            if assignment.status == "Submitted" and assignment.auto_approval_time is not None:
                heappush(self.due, (assignment.auto_approval_time, assignment.key[0], assignment))

    def add(self, assignment: Assignment) -> None:
        if self.due is NO_WORK[3]:  # its first assignment: indexes of its own
            self.assignments, self.counts, self.by_worker, self.due = Ordered(), Counter(), {}, []
        self.assignments.add(assignment.key, assignment)
        self.counts[assignment.status] += 1
        self.by_worker.setdefault(assignment.worker_id, []).append(assignment)
        heappush(self.due, (assignment.deadline, assignment.key[0], assignment))

    def move(self, assignment: Assignment, status: str) -> None:
        """Give one of its assignments a new status, keeping the counts."""
        self.counts[assignment.status] -= 1
        self.counts[status] += 1
        assignment.status = status
        if status == "Submitted" and assignment.auto_approval_time is not None:
            heappush(self.due, (assignment.auto_approval_time, assignment.key[0], assignment))

    def drop(self, assignment: Assignment) -> None:
        """Forget an assignment its worker returned: the requester never sees it."""
        self.assignments.remove(assignment.key)
        self.counts[assignment.status] -= 1
        self.by_worker[assignment.worker_id].remove(assignment)
        assignment.status = "Returned"  # what is still due for it no longer applies

    def take_due(self, now: datetime) -> list[Assignment]:
        """Its assignments whose deadline or auto-approval time has come since last asked."""
        came = []
        while self.due and self.due[0][0] <= now:
            came.append(heappop(self.due)[2])
        return came

    def cost(self, assignments: int) -> Decimal:
        """What ``assignments`` of this HIT cost at its reward and size, fees included."""
        return reward_cost(
            self.hit_type.reward,
            assignments,
            max_assignments=self.max_assignments,
            masters=self.hit_type.masters,
        )

    def count(self, *statuses: str) -> int:
        return sum(self.counts[status] for status in statuses)

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
            "HITGroupId": self.hit_type.group_id,
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
            # Expiry leaves it as it was (ledger ``hits.available-after-expiry``).
            "NumberOfAssignmentsAvailable": max(0, self.max_assignments - taken),
            "NumberOfAssignmentsCompleted": self.count("Approved", "Rejected"),
        }


class HITs(MarketplaceState):
    if TYPE_CHECKING:

        def qualification_type(
            self, type_id: str, *, usable: bool = False
        ) -> QualificationType: ...

    def _check_requirements(self, requirements: list[dict[str, Any]]) -> None:
        """The rules botocore's model states for ``QualificationRequirement``, in its words."""
        if len(requirements) > 10:
            raise _requirement_error(
                "A HIT can have between zero and ten Qualification requirements."
            )
        for requirement in requirements:
            type_id = requirement["QualificationTypeId"]
            self.qualification_type(type_id, usable=True)
            comparator = requirement["Comparator"]
            integers = requirement.get("IntegerValues")
            locales = requirement.get("LocaleValues")
            if integers is not None and comparator in {"Exists", "DoesNotExist"}:
                raise _requirement_error(
                    "IntegerValue must not be present if Comparator is Exists or DoesNotExist."
                )
            if integers is not None and type_id == WORKER_LOCALE:
                raise _requirement_error(
                    "IntegerValue can only be used if the Qualification type has an integer "
                    "value; it cannot be used with the Worker_Locale QualificationType ID."
                )
            if locales is not None and type_id != WORKER_LOCALE:
                raise _requirement_error(
                    "LocaleValue can only be used with a Worker_Locale QualificationType ID."
                )
            if locales is not None and comparator not in {"EqualTo", "NotEqualTo", "In", "NotIn"}:
                raise _requirement_error(
                    "LocaleValue can only be used with the EqualTo, NotEqualTo, In, and NotIn "
                    "comparators."
                )
            values = integers if integers is not None else locales or []
            limit = 15 if integers is not None else 30
            if comparator in {"In", "NotIn"} and len(values) > limit:
                raise _requirement_error(
                    f"When performing a set comparison by using the In or the NotIn comparator, "
                    f"you can use up to {limit} values."
                )
            if comparator not in {"Exists", "DoesNotExist", "In", "NotIn"} and len(values) != 1:
                raise _requirement_error(f"The comparator {comparator} takes exactly one value.")
            if comparator in {"In", "NotIn"} and not values:
                raise _requirement_error(f"The comparator {comparator} needs at least one value.")
            if "RequiredToPreview" in requirement and "ActionsGuarded" in requirement:
                raise _requirement_error(
                    "ActionsGuarded should not be used in combination with the "
                    "RequiredToPreview field."
                )

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
        existing = self.hit_type_index.get(hit_type_fields(
            title, description, amount, assignment_duration, delay, keywords, requirements
        ))  # fmt: skip
        if existing is not None:
            return existing
        hit_type = HITType(
            self.new_id("HITType"),
            self.new_id("HITGroup"),
            title,
            description,
            amount,
            assignment_duration,
            delay,
            keywords,
            requirements,
        )
        self.add_hit_type(hit_type)
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
        check_annotation(requester_annotation)
        if (question is None) == (layout_id is None):
            raise ParameterValidationError(
                "Question",
                "Either a Question parameter or a HITLayoutId parameter must be provided.",
            )
        if question is not None:
            validate_question(question)
        elif layout_parameters is None:
            # Layouts were made on the requester website; the emulator cannot know
            # their placeholders, so it only insists that parameters are given.
            raise ParameterValidationError(
                "HITLayoutParameters", "A HITLayoutId needs its HITLayoutParameters."
            )
        existing = (
            self.recall_token(f"hit:{unique_request_token}") if unique_request_token else None
        )
        if existing:
            raise RequestError(
                f'The HIT with ID "{existing}" already exists.',
                "AWS.MechanicalTurk.HitAlreadyExists",
            )
        self.charge(
            reward_cost(
                hit_type.reward, assignments, max_assignments=assignments, masters=hit_type.masters
            )
        )
        now = self.now()
        hit = HIT(
            id=self.new_id("HIT"),
            hit_type=hit_type,
            creation_time=now,
            expiration=now + timedelta(seconds=lifetime),
            max_assignments=assignments,
            question=question,
            layout_id=layout_id,
            requester_annotation=requester_annotation,
            assignment_review_policy=assignment_review_policy,
            hit_review_policy=hit_review_policy,
            key=(microseconds(now), self.next_number()),
        )
        self.hits[hit.id] = hit
        self.hit_order.add(hit.key, hit)
        self.indexes.add(hit, now)
        if unique_request_token:
            self.remember_token(f"hit:{unique_request_token}", hit.id)
        return hit

    def hit(self, hit_id: str) -> HIT:
        hit = self.hits.get(hit_id)
        if hit is None or hit.disposed:
            raise DoesNotExist("Hit", hit_id)
        self.catch_up(hit)
        return hit

    def catch_up(self, hit: HIT, now: datetime | None = None) -> None:
        """What the passing of time did to a HIT's assignments since it was last seen.

        Work not submitted within AssignmentDurationInSeconds is abandoned, and its
        slot returns (ledger ``assignments.abandoned-after-duration``); submitted work
        is approved once its auto-approval time has come (``assignments.auto-approval``).
        Only the assignments whose time has come are looked at (``HIT.due``).
        """
        now = self.now() if now is None else now
        for assignment in hit.take_due(now):
            due = assignment.auto_approval_time
            if assignment.status == "Accepted" and now >= assignment.deadline:
                self.set_status(hit, assignment, "Abandoned", now)
            elif assignment.status == "Submitted" and due is not None and now >= due:
                assignment.approval_time = due
                self.set_status(hit, assignment, "Approved", now)

    def create_additional_assignments(
        self, hit_id: str, number: int, unique_request_token: str | None
    ) -> None:
        hit = self.hit(hit_id)
        check_range("NumberOfAdditionalAssignments", number, 1, 1_000_000)
        token = f"assignments:{unique_request_token}"
        earlier = self.recall_token(token) if unique_request_token else None
        if earlier:
            # botocore model: "subsequent calls will return an error with a message
            # containing the request ID".
            raise RequestError(
                "Additional assignments were already created with this UniqueRequestToken "
                f"(request {earlier}).",
                "AWS.MechanicalTurk.DuplicateRequest",
            )
        total = hit.max_assignments + number
        if hit.max_assignments < constants.LARGE_HIT_ASSIGNMENTS <= total:
            raise RequestError(
                "HITs created with fewer than 10 assignments cannot be extended to have "
                "10 or more assignments.",
                "AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease",
            )
        self.charge(
            reward_cost(
                hit.hit_type.reward, number, max_assignments=total, masters=hit.hit_type.masters
            )
        )
        hit.max_assignments = total
        self.indexes.review(hit, self.now())
        if unique_request_token:
            self.remember_token(token, request_id())

    def update_expiration(self, hit_id: str, expire_at: datetime) -> None:
        """Extend a HIT, or expire it now; never shorten it.

        AWS: "You cannot shorten the expiration time... To expire a HIT immediately,
        provide the value 0 or set ExpireAt to a time in the past." The service turns
        a later time into an increment over the current expiration, which must be
        60 s to a year (aws-sdk-java#1817, aws-sdk-ruby#2065), and refuses the same
        HIT and time twice (Dallinger/Dallinger#3109).
        """
        hit = self.hit(hit_id)
        if expire_at.tzinfo is None:
            expire_at = expire_at.replace(tzinfo=timezone.utc)
        token = f"expiration:{hit.id}{_java_date(expire_at)}"
        if self.recall_token(token):
            raise RequestError(
                f'The idempotency token "{hit.id}{_java_date(expire_at)}" has already been '
                "processed.",
                "AWS.MechanicalTurk.DuplicateRequest",
            )
        now = self.now()
        if expire_at <= now:
            hit.expiration = min(hit.expiration, now)
        else:
            increment = round((expire_at - hit.expiration).total_seconds())
            check_range("ExpirationIncrementInSeconds", increment, 60, ONE_YEAR)
            hit.expiration = expire_at
        self.indexes.review(hit, now)
        self.remember_token(token, hit.id)

    def update_review_status(self, hit_id: str, revert: bool) -> None:
        hit = self.hit(hit_id)
        status = hit.status(self.now())
        wanted = "Reviewing" if revert else "Reviewable"
        if status != wanted:
            raise InvalidState("HIT", status, wanted)
        hit.reviewing = not revert
        self.indexes.review(hit, self.now())

    def update_hit_type_of_hit(self, hit_id: str, hit_type_id: str) -> None:
        hit = self.hit(hit_id)
        new_type = self.hit_type(hit_type_id)
        # The money held for assignments not yet paid or refunded follows the new reward.
        unpaid = hit.max_assignments - hit.count("Approved", "Rejected")
        held, needed = (
            reward_cost(
                kind.reward, unpaid, max_assignments=hit.max_assignments, masters=kind.masters
            )
            for kind in (hit.hit_type, new_type)
        )
        if needed > held:
            self.charge(needed - held)
        else:
            self.refund(held - needed)
        self.indexes.remove(hit)  # filed under its old type's requirements
        hit.hit_type = new_type
        self.indexes.add(hit, self.now())

    def delete_hit(self, hit_id: str) -> None:
        hit = self.hit(hit_id)
        status = hit.status(self.now())
        if status not in {"Reviewable", "Reviewing"} or hit.count("Accepted", "Submitted"):
            # boto/boto3#2107, a Reviewable HIT with work not yet reviewed.
            raise InvalidState("HIT", status, "Reviewing, Reviewable")
        unused = hit.max_assignments - hit.count("Approved", "Rejected")
        self.refund(hit.cost(unused))
        hit.disposed = True
        self.hit_order.remove(hit.key)
        self.indexes.remove(hit)

    def update_notification_settings(
        self, hit_type_id: str, notification: dict[str, Any] | None, active: bool | None
    ) -> None:
        hit_type = self.hit_type(hit_type_id)
        if notification is None and hit_type.notification is None:
            raise ParameterValidationError(
                "Notification",
                "To change the Active status of a HIT type's notifications, the HIT type must "
                "already have a notification specification, or one must be provided.",
            )
        if notification is not None:
            self._check_notification(notification, test=False)
            hit_type.notification = notification
            hit_type.notification_active = True
        if active is not None:
            hit_type.notification_active = active

    @staticmethod
    def _check_notification(notification: dict[str, Any], *, test: bool) -> None:
        # botocore model, NotificationSpecification: "Valid value is 2006-05-05" and
        # "The Ping event is only valid for the SendTestEventNotification operation."
        if notification["Version"] != NOTIFICATION_VERSION:
            raise ParameterValidationError.not_valid("Notification", notification["Version"])
        if not test and "Ping" in notification["EventTypes"]:
            raise ParameterValidationError(
                "Notification",
                "The Ping event is only valid for the SendTestEventNotification operation.",
            )

    def send_test_event_notification(self, notification: dict[str, Any], event: str) -> None:
        self._check_notification(notification, test=True)
        self.notifications.append(
            Notification("TestEvent", {"Notification": notification, "EventType": event})
        )
