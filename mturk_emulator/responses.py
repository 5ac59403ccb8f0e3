"""MTurk's wire protocol: JSON requests in, calls on the backend, JSON out.

moto's ``BaseResponse`` does the heavy lifting: it parses each request against
botocore's ``mturk`` service model, authenticates and authorizes it, and
serializes results and modeled errors back through the same model. This module
checks requests and results against the model (``validator.py``: moto's parser
and serializer are lenient) and maps the 39 operations onto ``Marketplace``
methods.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any
from urllib.parse import ParseResult

from botocore import xform_name
from moto.core.responses import ActionResult, BaseResponse
from moto.core.utils import camelcase_to_underscores
from werkzeug.http import http_date

from . import constants
from .auth import authorize_mturk_request
from .exceptions import ValidationException
from .models import HIT, Marketplace, MTurkBackend, mturk_backends
from .models.hits import microseconds
from .models.ordered import Walk, paginate, sorted_walk
from .service_model import service_model
from .validator import check_shape, request_problems

__all__ = ["MTurkResponse", "check_shape"]

SANDBOX_HOST = constants.SANDBOX_HOST
PRODUCTION_HOST = constants.PRODUCTION_HOST


MARKET_PATHS = {"sandbox": True, "production": False}
"""The local server's paths: ``http://127.0.0.1:PORT/sandbox`` and ``/production``."""


def wants_sandbox(url: ParseResult) -> bool:
    """Which marketplace a request is for: the sandbox, unless it asks for production.

    In process, the host name says so (MTurk's two endpoints). The local server is
    reached at an address of its own, so there the first part of the path says so:
    ``/sandbox`` or ``/production`` (the Host header is signed and cannot change).
    """
    first = url.path.strip("/").partition("/")[0]
    if first in MARKET_PATHS:
        return MARKET_PATHS[first]
    return url.hostname != PRODUCTION_HOST


class MTurkResponse(BaseResponse):
    """One method per MTurk operation, named as boto3 names the operation."""

    def __init__(self) -> None:
        super().__init__(service_name="mturk")
        self.automated_parameter_parsing = True

    # --- plumbing --------------------------------------------------------------

    def setup_class(self, *args: Any, **kwargs: Any) -> None:
        super().setup_class(*args, **kwargs)
        # The service's wall clock, as a reader compares it with their own to spot
        # clock skew (``skew_client_clock`` moves it; ``advance_time`` does not).
        self.response_headers["date"] = http_date(self.backend.signing_now())

    def _authenticate_and_authorize_normal_action(self, resource: str = "*") -> None:
        authorize_mturk_request(self, resource)

    @property
    def backend(self) -> MTurkBackend:
        return mturk_backends[self.current_account][constants.REGION]

    @property
    def market(self) -> Marketplace:
        market = self.backend.marketplace(sandbox=wants_sandbox(self.parsed_url))
        market.check_linked()
        return market

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    def respond(self, result: dict[str, Any] | None = None) -> ActionResult:
        operation = service_model().operation_model(self._get_action())
        body = result or {}
        if operation.output_shape is not None:
            check_shape(operation.output_shape, body, operation.name)
        return ActionResult(body)

    def page(
        self, key: str, walk: Walk[Any], show: Callable[[Any], dict[str, Any] | None]
    ) -> ActionResult:
        """One page of a listing: ``show`` turns an item into its answer (None: leave it out)."""
        found, token = paginate(walk, self.param("NextToken"), self.param("MaxResults"), show)
        return self.respond({key: found, "NumResults": len(found), "NextToken": token})

    def page_of_hits(
        self,
        show: Callable[[HIT, datetime], dict[str, Any] | None],
        walk: Callable[[Marketplace, datetime], Walk[HIT]] = lambda market, _: (
            market.hit_order.keyed_after
        ),
    ) -> ActionResult:
        """A page of HITs not deleted, oldest first, each caught up with the time, which
        is read once for the whole page. ``walk`` picks the HITs: all of them, or one
        of the sparse listings' indexes (``models/indexes.py``)."""
        market = self.market
        now = self.now()

        def caught_up(hit: HIT) -> dict[str, Any] | None:
            market.catch_up(hit, now)
            return show(hit, now)

        return self.page("HITs", walk(market, now), caught_up)

    def now(self) -> datetime:
        return self.backend.now()

    # --- account ---------------------------------------------------------------

    def get_account_balance(self) -> ActionResult:
        return self.respond(dict(self.market.get_account_balance()))

    # --- HIT types and HITs ----------------------------------------------------

    def _hit_type_fields(self) -> dict[str, Any]:
        return {
            "title": self.param("Title"),
            "description": self.param("Description"),
            "reward": self.param("Reward"),
            "assignment_duration": self.param("AssignmentDurationInSeconds"),
            "auto_approval_delay": self.param("AutoApprovalDelayInSeconds"),
            "keywords": self.param("Keywords"),
            "qualification_requirements": self.param("QualificationRequirements"),
        }

    def _hit_fields(self) -> dict[str, Any]:
        return {
            "max_assignments": self.param("MaxAssignments"),
            "lifetime": self.param("LifetimeInSeconds"),
            "question": self.param("Question"),
            "layout_id": self.param("HITLayoutId"),
            "layout_parameters": self.param("HITLayoutParameters"),
            "requester_annotation": self.param("RequesterAnnotation"),
            "unique_request_token": self.param("UniqueRequestToken"),
            "assignment_review_policy": self.param("AssignmentReviewPolicy"),
            "hit_review_policy": self.param("HITReviewPolicy"),
        }

    def create_hit_type(self) -> ActionResult:
        hit_type = self.market.create_hit_type(**self._hit_type_fields())
        return self.respond({"HITTypeId": hit_type.id})

    def create_hit(self) -> ActionResult:
        market = self.market
        hit_type = market.create_hit_type(**self._hit_type_fields())
        hit = market.create_hit_with_hit_type(hit_type_id=hit_type.id, **self._hit_fields())
        return self.respond({"HIT": hit.to_dict(self.now())})

    def create_hit_with_hit_type(self) -> ActionResult:
        hit = self.market.create_hit_with_hit_type(
            hit_type_id=self.param("HITTypeId"), **self._hit_fields()
        )
        return self.respond({"HIT": hit.to_dict(self.now())})

    def get_hit(self) -> ActionResult:
        return self.respond({"HIT": self.market.hit(self.param("HITId")).to_dict(self.now())})

    def list_hits(self) -> ActionResult:
        return self.page_of_hits(HIT.to_dict)

    def list_reviewable_hits(self) -> ActionResult:
        wanted = self.param("Status", "Reviewable")
        hit_type_id = self.param("HITTypeId")
        # The real sandbox answered with HIT objects holding only the HITId
        # (aws/aws-sdk-js#2522; ledger hits.reviewable-ids-only). The index holds the
        # HITs of that status once it has heard of those that expired by now; one whose
        # status a clock set back has changed since is left out.

        def reviewable(market: Marketplace, now: datetime) -> Walk[HIT]:
            market.indexes.expire(now)
            return market.indexes.reviewable(wanted, hit_type_id)

        return self.page_of_hits(
            lambda hit, now: {"HITId": hit.id} if hit.status(now) == wanted else None,
            reviewable,
        )

    def list_hits_for_qualification_type(self) -> ActionResult:
        type_id = self.param("QualificationTypeId")
        self.market.owned_qualification_type(type_id)
        return self.page_of_hits(
            HIT.to_dict, lambda market, _: market.indexes.for_qualification(type_id)
        )

    def create_additional_assignments_for_hit(self) -> ActionResult:
        self.market.create_additional_assignments(
            self.param("HITId"),
            self.param("NumberOfAdditionalAssignments"),
            self.param("UniqueRequestToken"),
        )
        return self.respond()

    def update_expiration_for_hit(self) -> ActionResult:
        self.market.update_expiration(self.param("HITId"), self.param("ExpireAt"))
        return self.respond()

    def update_hit_review_status(self) -> ActionResult:
        self.market.update_review_status(self.param("HITId"), bool(self.param("Revert", False)))
        return self.respond()

    def update_hit_type_of_hit(self) -> ActionResult:
        self.market.update_hit_type_of_hit(self.param("HITId"), self.param("HITTypeId"))
        return self.respond()

    def delete_hit(self) -> ActionResult:
        self.market.delete_hit(self.param("HITId"))
        return self.respond()

    def list_review_policy_results_for_hit(self) -> ActionResult:
        hit = self.market.hit(self.param("HITId"))
        empty_report: dict[str, list[Any]] = {"ReviewResults": [], "ReviewActions": []}
        return self.respond(
            {
                "HITId": hit.id,
                "AssignmentReviewPolicy": hit.assignment_review_policy,
                "HITReviewPolicy": hit.hit_review_policy,
                "AssignmentReviewReport": dict(empty_report),
                "HITReviewReport": dict(empty_report),
            }
        )

    # --- notifications ---------------------------------------------------------

    def update_notification_settings(self) -> ActionResult:
        self.market.update_notification_settings(
            self.param("HITTypeId"), self.param("Notification"), self.param("Active")
        )
        return self.respond()

    def send_test_event_notification(self) -> ActionResult:
        self.market.send_test_event_notification(
            self.param("Notification"), self.param("TestEventType")
        )
        return self.respond()

    def notify_workers(self) -> ActionResult:
        failures = self.market.notify_workers(
            self.param("Subject"), self.param("MessageText"), self.param("WorkerIds")
        )
        return self.respond({"NotifyWorkersFailureStatuses": failures})

    # --- assignments -----------------------------------------------------------

    def get_assignment(self) -> ActionResult:
        market = self.market
        assignment = market.assignment(self.param("AssignmentId"))
        hit = market.hit(assignment.hit_id)
        return self.respond({"Assignment": assignment.to_dict(), "HIT": hit.to_dict(self.now())})

    def list_assignments_for_hit(self) -> ActionResult:
        hit = self.market.hit(self.param("HITId"))
        statuses = self.param("AssignmentStatuses") or ["Submitted", "Approved", "Rejected"]
        return self.page(
            "Assignments",
            hit.assignments.keyed_after,
            lambda a: a.to_dict() if a.status in statuses else None,
        )

    def approve_assignment(self) -> ActionResult:
        self.market.approve(
            self.param("AssignmentId"),
            self.param("RequesterFeedback"),
            bool(self.param("OverrideRejection", False)),
        )
        return self.respond()

    def reject_assignment(self) -> ActionResult:
        self.market.reject(self.param("AssignmentId"), self.param("RequesterFeedback"))
        return self.respond()

    def get_file_upload_url(self) -> ActionResult:
        url = self.market.file_upload_url(
            self.param("AssignmentId"), self.param("QuestionIdentifier")
        )
        return self.respond({"FileUploadURL": url})

    # --- bonuses ---------------------------------------------------------------

    def send_bonus(self) -> ActionResult:
        self.market.send_bonus(
            self.param("WorkerId"),
            self.param("BonusAmount"),
            self.param("AssignmentId"),
            self.param("Reason"),
            self.param("UniqueRequestToken"),
        )
        return self.respond()

    def list_bonus_payments(self) -> ActionResult:
        bonuses = self.market.list_bonus_payments(self.param("HITId"), self.param("AssignmentId"))
        # Bonuses are never taken back: a bonus's place in the list is its key.
        numbered = sorted_walk(enumerate(bonuses), lambda pair: (pair[0],))
        return self.page("BonusPayments", numbered, lambda pair: pair[1].to_dict())

    # --- workers ---------------------------------------------------------------

    def create_worker_block(self) -> ActionResult:
        self.market.create_worker_block(self.param("WorkerId"), self.param("Reason"))
        return self.respond()

    def delete_worker_block(self) -> ActionResult:
        self.market.delete_worker_block(self.param("WorkerId"))
        return self.respond()

    def list_worker_blocks(self) -> ActionResult:
        blocks = [
            {"WorkerId": worker_id, "Reason": reason}
            for worker_id, reason in self.market.worker_blocks.items()
        ]
        return self.page(
            "WorkerBlocks", sorted_walk(blocks, lambda block: (block["WorkerId"],)), dict
        )

    # --- qualifications --------------------------------------------------------

    def _qualification_fields(self) -> dict[str, Any]:
        return {
            "description": self.param("Description"),
            "status": self.param("QualificationTypeStatus"),
            "retry_delay": self.param("RetryDelayInSeconds"),
            "test": self.param("Test"),
            "answer_key": self.param("AnswerKey"),
            "test_duration": self.param("TestDurationInSeconds"),
            "auto_granted": self.param("AutoGranted"),
            "auto_granted_value": self.param("AutoGrantedValue"),
        }

    def create_qualification_type(self) -> ActionResult:
        fields = self._qualification_fields()
        fields["auto_granted"] = bool(fields["auto_granted"])
        qualification_type = self.market.create_qualification_type(
            name=self.param("Name"), keywords=self.param("Keywords"), **fields
        )
        return self.respond({"QualificationType": qualification_type.to_dict()})

    def get_qualification_type(self) -> ActionResult:
        found = self.market.qualification_type(self.param("QualificationTypeId"))
        return self.respond({"QualificationType": found.to_dict()})

    def update_qualification_type(self) -> ActionResult:
        updated = self.market.update_qualification_type(
            self.param("QualificationTypeId"), **self._qualification_fields()
        )
        return self.respond({"QualificationType": updated.to_dict()})

    def delete_qualification_type(self) -> ActionResult:
        self.market.delete_qualification_type(self.param("QualificationTypeId"))
        return self.respond()

    def list_qualification_types(self) -> ActionResult:
        found = self.market.list_qualification_types(
            self.param("Query"),
            bool(self.param("MustBeRequestable")),
            self.param("MustBeOwnedByCaller"),
        )
        by_age = sorted_walk(found, lambda q: (microseconds(q.creation_time), q.id))
        return self.page("QualificationTypes", by_age, lambda q: q.to_dict())

    def associate_qualification_with_worker(self) -> ActionResult:
        self.market.associate_qualification(
            self.param("QualificationTypeId"), self.param("WorkerId"), self.param("IntegerValue")
        )
        return self.respond()

    def disassociate_qualification_from_worker(self) -> ActionResult:
        self.market.disassociate_qualification(
            self.param("QualificationTypeId"), self.param("WorkerId")
        )
        return self.respond()

    def get_qualification_score(self) -> ActionResult:
        held = self.market.qualification_score(
            self.param("QualificationTypeId"), self.param("WorkerId")
        )
        return self.respond({"Qualification": held.to_dict()})

    def list_workers_with_qualification_type(self) -> ActionResult:
        found = self.market.workers_with_qualification(
            self.param("QualificationTypeId"), self.param("Status")
        )
        by_worker = sorted_walk(found, lambda q: (q.worker_id,))
        return self.page("Qualifications", by_worker, lambda q: q.to_dict())

    def list_qualification_requests(self) -> ActionResult:
        market = self.market
        type_id = self.param("QualificationTypeId")
        requests = [
            request
            for request in market.qualification_requests.values()
            if type_id in (None, request.type_id)
        ]
        return self.page(
            "QualificationRequests",
            sorted_walk(requests, lambda r: (microseconds(r.submit_time), r.id)),
            lambda r: r.to_dict(market.qualification_types[r.type_id].test),
        )

    def accept_qualification_request(self) -> ActionResult:
        self.market.accept_qualification_request(
            self.param("QualificationRequestId"), self.param("IntegerValue")
        )
        return self.respond()

    def reject_qualification_request(self) -> ActionResult:
        self.market.reject_qualification_request(self.param("QualificationRequestId"))
        return self.respond()


Handler = Callable[[MTurkResponse], ActionResult]


def _checking_input(handler: Handler) -> Handler:
    @wraps(handler)
    def handle(self: MTurkResponse) -> ActionResult:
        operation = service_model().operation_model(self._get_action())
        assert operation.input_shape is not None  # every MTurk operation has one (model)
        problems = request_problems(operation.input_shape, self.params)
        if problems:
            raise ValidationException(problems)
        with self.backend.lock:  # one operation at a time on an account (MTurkBackend)
            return handler(self)

    return handle


# moto finds a handler by turning "ListHITs" into "list_hi_ts"; botocore (and
# this class) call it "list_hits". Give moto the names it looks for, each
# handler checking its request against the model first.
for _operation in service_model().operation_names:
    setattr(
        MTurkResponse,
        camelcase_to_underscores(_operation),
        _checking_input(getattr(MTurkResponse, xform_name(_operation))),
    )
