"""Plug the emulator into botocore, and control it.

Like moto, the emulator listens on botocore's ``before-send`` event, so every
client in the process is served, whoever created it: boto3 in a reader's
script, the code a test exercises, or the AWS CLI run in-process. The handler
(:mod:`.hook`) is registered by the pytest plugin before any test module is
imported, and by every emulator start; it answers only while a moto mock is active.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from decimal import Decimal
from functools import cache, wraps
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar
from urllib.parse import urlsplit

from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.exceptions import EndpointConnectionError
from moto import mock_aws
from moto.core.authorization import enable_iam_authentication
from moto.core.botocore_stubber import MockRawResponse
from moto.core.models import DEFAULT_ACCOUNT_ID, botocore_stubber
from moto.core.request import normalize_request
from moto.iam.aws_managed_policies import aws_managed_policies_data
from moto.iam.models import AWSManagedPolicy, iam_backends
from moto.moto_api._internal import mock_random

from . import constants, hook
from .environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, isolated_aws_environment
from .exceptions import WorkerCannotAccept
from .models import Marketplace, MTurkBackend, Qualification, mturk_backends, parse_money
from .models.answers import Answers, build_answers
from .models.qualifications import SYSTEM_QUALIFICATION_TYPES, WORKER_LOCALE
from .moto_iam import aws_access_control
from .responses import PRODUCTION_HOST, SANDBOX_HOST, MTurkResponse
from .service_model import on_data_path

MTURK_POLICIES = (constants.FULL_ACCESS_POLICY, constants.READ_ONLY_POLICY)


def handle_mturk_request(request: AWSPreparedRequest, **_: Any) -> AWSResponse | None:
    """botocore ``before-send`` handler: answer MTurk requests while moto is active."""
    if not botocore_stubber.enabled:
        return None
    host = urlsplit(request.url).hostname
    if host not in {SANDBOX_HOST, PRODUCTION_HOST}:
        # MTurk has no endpoint in any other region: the host name does not resolve.
        raise EndpointConnectionError(endpoint_url=request.url)
    status, headers, body = MTurkResponse.dispatch(normalize_request(request))
    return AWSResponse(request.url, status, headers, MockRawResponse(body))


@cache
def _mturk_policy_data() -> dict[str, Any]:
    everything = json.loads(aws_managed_policies_data)
    return {name: everything[name] for name in MTURK_POLICIES}


def install_mturk_managed_policies(account_id: str = DEFAULT_ACCOUNT_ID) -> None:
    """Add AWS's two MTurk policies to moto's IAM (loading all ~1,500 is slow)."""
    iam = iam_backends[account_id]["aws"]
    for name, data in _mturk_policy_data().items():
        policy = AWSManagedPolicy.from_data(name, account_id, constants.REGION, data)
        iam.managed_policies[policy.arn] = policy


Params = ParamSpec("Params")
Result = TypeVar("Result")


def _atomic(
    control: Callable[Concatenate[MTurkFake, Params], Result],
) -> Callable[Concatenate[MTurkFake, Params], Result]:
    """A control is one operation on the account, as a request is (``MTurkBackend.lock``)."""

    @wraps(control)
    def run(fake: MTurkFake, /, *args: Params.args, **kwargs: Params.kwargs) -> Result:
        with fake.backend.lock:
            return control(fake, *args, **kwargs)

    return run


class MTurkFake:
    """The emulator's controls: links, money, the clock and simulated workers."""

    def __init__(self, account_id: str = DEFAULT_ACCOUNT_ID) -> None:
        self.account_id = account_id

    @property
    def root_credentials(self) -> tuple[str, str]:
        """The AWS account root user's access key id and secret access key."""
        return ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY

    @property
    def backend(self) -> MTurkBackend:
        return mturk_backends[self.account_id][constants.REGION]

    def marketplace(self, *, sandbox: bool) -> Marketplace:
        return self.backend.marketplace(sandbox=sandbox)

    @_atomic
    def set_linked(self, linked: bool, *, sandbox: bool) -> None:
        """Link or unlink the AWS account on the (sandbox or production) Developer page."""
        self.marketplace(sandbox=sandbox).linked = linked

    @_atomic
    def set_prepaid_balance(self, amount: str) -> None:
        """Set the production prepaid balance, e.g. ``"25.00"``."""
        self.marketplace(sandbox=False).balance = parse_money(amount, "balance")

    @property
    def prepaid_balance(self) -> Decimal:
        return self.marketplace(sandbox=False).balance

    @_atomic
    def advance_time(self, seconds: float) -> None:
        """Let time pass: HITs expire, work is approved, request tokens are forgotten.

        Time passes for the reader's computer too, so requests signed from then on
        are still valid: to put this computer's clock off AWS's, use
        ``skew_client_clock``.
        """
        self.backend.clock_offset += timedelta(seconds=seconds)

    @_atomic
    def skew_client_clock(self, seconds: float) -> None:
        """Set this computer's clock ``seconds`` ahead of AWS's (negative: behind).

        More than five minutes either way, and every request is refused
        ("Signature not yet current" ahead, "Signature expired" behind).
        """
        self.backend.client_skew = timedelta(seconds=seconds)

    @_atomic
    def add_worker(self, *worker_ids: str, sandbox: bool = True) -> None:
        """Worker accounts that exist in the sandbox (or production).

        MTurk refused worker ids it did not know in that environment (ledger
        ``workers.unknown-worker``). Workers who accept a HIT or ask for a
        qualification are known from then on.
        """
        self.marketplace(sandbox=sandbox).workers.update(worker_ids)

    def _market_of_hit(self, hit_id: str) -> Marketplace:
        for sandbox in (True, False):
            market = self.marketplace(sandbox=sandbox)
            if hit_id in market.hits:
                return market
        raise WorkerCannotAccept(f"There is no HIT {hit_id} in either marketplace.")

    @_atomic
    def accept_hit(self, hit_id: str, worker_id: str) -> str:
        """A worker accepts a HIT; returns the new (not yet submitted) assignment id."""
        return self._market_of_hit(hit_id).accept(hit_id, worker_id).id

    @_atomic
    def submit_assignment(self, hit_id: str, worker_id: str, answer_xml: str) -> str:
        """A worker accepts a HIT and submits ``answer_xml``; returns the assignment id.

        ``answer_xml`` must be a QuestionFormAnswers document; ``submit_answers``
        builds the one MTurk would have made of a form's fields.
        """
        return self._market_of_hit(hit_id).worker_submits(hit_id, worker_id, answer_xml).id

    @_atomic
    def submit_answers(self, hit_id: str, worker_id: str, answers: Answers) -> str:
        """A worker fills in the HIT's form and submits it; returns the assignment id.

        ``answers`` maps field names (or a QuestionForm's question identifiers) to
        values, a list for several (checkboxes, multiple selections). MTurk records
        them in the shape of the HIT's question: a ``crowd-form`` as one
        ``taskAnswers`` JSON answer, other forms one answer per field, a
        QuestionForm one per question.
        """
        market = self._market_of_hit(hit_id)
        answer_xml = build_answers(market.hits[hit_id].question, answers)
        return market.worker_submits(hit_id, worker_id, answer_xml).id

    @_atomic
    def submit_form(self, assignment_id: str, answers: Answers) -> str:
        """A HIT's form posted to ``/mturk/externalSubmit`` for an accepted assignment.

        MTurk took the post by its ``assignmentId`` (AWS, ExternalQuestion): the
        answers are recorded as ``submit_answers`` records them. Returns the HIT id.
        """
        for sandbox in (True, False):
            market = self.marketplace(sandbox=sandbox)
            assignment = market.assignments.get(assignment_id)
            if assignment is not None:
                hit = market.hits[assignment.hit_id]
                market.catch_up(hit)
                if assignment.status != "Accepted":
                    raise WorkerCannotAccept(
                        f"The assignment {assignment_id} cannot take answers: it is "
                        f"{assignment.status.lower()}."
                    )
                answer_xml = build_answers(hit.question, answers)
                market.submit(assignment_id, answer_xml)
                return hit.id
        raise WorkerCannotAccept(f"There is no accepted assignment {assignment_id}.")

    @_atomic
    def grant_system_qualification(
        self, qualification_type_id: str, worker_id: str, value: int = 1, *, sandbox: bool = True
    ) -> None:
        """Give a worker a score for a system qualification (Masters, HITs approved...).

        Simulated workers pass every system qualification until given a score for
        it; from then on the score decides, as a requester's own qualification does.
        """
        if qualification_type_id not in SYSTEM_QUALIFICATION_TYPES:
            raise WorkerCannotAccept(
                f"{qualification_type_id} is not a system qualification type: grant your "
                "own qualification types with AssociateQualificationWithWorker."
            )
        if qualification_type_id == WORKER_LOCALE:
            raise WorkerCannotAccept(
                "A worker's locale is not a score: simulated workers meet every locale "
                "requirement."
            )
        market = self.marketplace(sandbox=sandbox)
        market.workers.add(worker_id)
        market.qualifications[(qualification_type_id, worker_id)] = Qualification(
            qualification_type_id, worker_id, market.now(), value
        )

    @_atomic
    def return_assignment(self, hit_id: str, worker_id: str) -> None:
        """A worker returns a HIT they accepted and have not submitted.

        The assignment stops counting as pending and is available again (botocore
        model, ``HIT.NumberOfAssignmentsPending``: "accepted by Workers, but have not
        yet been submitted, returned, or abandoned"); the requester never sees it.
        """
        market = self._market_of_hit(hit_id)
        hit = market.hits[hit_id]
        for assignment in hit.by_worker.get(worker_id, []):
            if assignment.status == "Accepted":
                hit.drop(assignment)
                del market.assignments[assignment.id]
                return
        raise WorkerCannotAccept(f"Worker {worker_id} has no accepted assignment of HIT {hit_id}.")

    def _market_of_type(self, qualification_type_id: str) -> Marketplace:
        for sandbox in (True, False):
            market = self.marketplace(sandbox=sandbox)
            if qualification_type_id in market.qualification_types:
                return market
        raise WorkerCannotAccept(f"There is no qualification type {qualification_type_id}.")

    @_atomic
    def request_qualification(
        self, qualification_type_id: str, worker_id: str, answer: str | None = None
    ) -> str:
        """A worker asks for a qualification; returns the request id ('' if granted at once).

        For a type with a test, ``answer`` is the QuestionFormAnswers document of the
        worker's answers; ``take_qualification_test`` builds it from form fields.
        """
        market = self._market_of_type(qualification_type_id)
        return market.request_qualification(qualification_type_id, worker_id, answer)

    @_atomic
    def start_qualification_test(
        self, qualification_type_id: str, worker_id: str
    ) -> dict[str, Any]:
        """A worker opens a qualification test: its QuestionForm and the time it must be
        answered by (``TestDurationInSeconds`` from now). Opening it again changes nothing."""
        market = self._market_of_type(qualification_type_id)
        attempt = market.start_qualification_test(qualification_type_id, worker_id)
        kind = market.qualification_types[qualification_type_id]
        return {"test": kind.test, "deadline": market.deadline(kind, attempt).isoformat()}

    @_atomic
    def take_qualification_test(
        self, qualification_type_id: str, worker_id: str, answers: Answers
    ) -> dict[str, Any]:
        """A worker answers a qualification test, as its form would send the answers
        (question identifier to text, or to the selections chosen); opens it first if
        needed. With an answer key the test is scored at once:
        ``{"request_id": "", "value": score}``; without, the request waits for the
        requester: ``{"request_id": id, "value": None}``."""
        market = self._market_of_type(qualification_type_id)
        kind = market.qualification_type(qualification_type_id, usable=True)
        if kind.test is None:
            raise WorkerCannotAccept(f"{kind.name} has no qualification test: ask for it instead.")
        answer_xml = build_answers(kind.test, answers, "test")
        return market.ask(qualification_type_id, worker_id, answer_xml).to_dict()

    @_atomic
    def notifications(self, *, sandbox: bool = True) -> list[dict[str, Any]]:
        """Messages MTurk would have sent: NotifyWorkers emails and test events."""
        return [
            {"kind": n.kind, **n.details} for n in self.marketplace(sandbox=sandbox).notifications
        ]


@contextmanager
def emulator(
    *, enforce_authorization: bool = True, aws_folder: Path | None = None
) -> Iterator[MTurkFake]:
    """Run moto (IAM, STS) and the MTurk emulator, as a brand-new AWS account.

    The process starts signed in as the account's root user, with none of the
    caller's ``AWS_*`` variables and with its AWS config files in ``aws_folder``
    (a temporary folder if not given). Set ``enforce_authorization=False`` to let
    any key do anything (moto's default).
    """
    hook.install()
    with ExitStack() as stack:
        stack.enter_context(on_data_path())
        stack.enter_context(mock_aws())
        stack.enter_context(aws_access_control())
        if enforce_authorization:
            stack.enter_context(enable_iam_authentication())
        stack.enter_context(isolated_aws_environment(aws_folder))
        # moto's ids and keys come from one seedable generator (its /moto-api/seed
        # endpoint seeds the same object): the same steps give the same ids.
        mock_random.seed(0)
        install_mturk_managed_policies()
        yield MTurkFake()
