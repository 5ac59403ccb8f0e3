"""The doctor's checks, in the order a setup is built: keys, identity, permission, accounts.

Each check is a function of a frozen ``Context`` (what is known so far) that returns an
``Outcome``: its finding, and what it learned. It declares, with ``@check``, the facts
it needs and the ones it provides; the runner gives it the context, skips it when a
fact it needs is missing (naming the problem that kept the fact from being known), and
builds the next context from what it learned. So no check depends on the order in
which functions happen to be called, only on what it declares, and the registry
refuses a check whose needs no earlier check provides.

Nothing here changes anything in AWS or MTurk: see ``permission`` for how the doctor
finds out whether the key may write without writing anything.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

import boto3
import botocore.session
from botocore import exceptions as boto_errors
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from guide_tools import constants, keys
from guide_tools.doctor.catalogue import Problem, Severity, problem
from guide_tools.doctor.helpers import Failure, Helpers, HelperTimeout, finding, notice

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

GUIDE_PROFILE: Final = "mturk"
"""The profile the guide's scripts use, and so the one the doctor checks by default."""

PROBE_HIT_ID: Final = "doctor-probe-no-such-hit"
"""A HIT id that cannot exist: real ids are 30 capital letters and digits."""

TIMEOUT: Final = 10.0
"""Seconds the doctor waits to connect, and then for an answer, on each of two tries."""
ATTEMPTS: Final = 2
NOTICE_AFTER: Final = 3.0
"""Seconds of silence from AWS after which the doctor says it is still waiting."""

AWS_ERRORS: Final = (ClientError, BotoCoreError)
POSIX = os.name == "posix"

SOURCES: Final = {
    "env": "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    "shared-credentials-file": "the credentials file {path}",
    "config-file": "the config file {path}",
}
FILE_VARIABLES: Final = {
    "shared-credentials-file": "credentials_file",
    "config-file": "config_file",
}

# Kept here too: the doctor's tests and older code import them from this module.
masked = keys.masked
stray_characters = keys.stray_characters


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 -- a status, not a password
    WARN = "warn"
    FAIL = "fail"
    ERROR = "error"
    SKIP = "skip"


@dataclass(frozen=True)
class Result:
    check: str
    status: Status
    detail: str
    problem: Problem | None = None
    error: str | None = None


# --- what the checks know, and what they find ---------------------------------------------


def subject_of(profile: str | None) -> str:
    """What the report is about, in words."""
    if profile is not None:
        return f'profile "{profile}"'
    return f'the default credentials (there is no "{GUIDE_PROFILE}" profile)'


@dataclass(frozen=True)
class Context:
    """What the doctor knows at one point of the run. A check never changes it."""

    requested_profile: str | None = None
    production: bool = False
    timeout: float = TIMEOUT
    # Learned by the checks; a field is a fact once a check has provided it.
    profile: str | None = None
    session: boto3.Session | None = None
    key_id: str = ""
    secret: str = ""
    token: str | None = None
    key_file: Path | None = None
    well_formed: bool = False
    long_term: bool = False
    arn: str = ""
    sandbox_answer: str | BaseException = ""
    printed: tuple[str, ...] = ()  # what a credential_process helper printed
    facts: frozenset[str] = frozenset()

    def learn(self, learned: Mapping[str, Any]) -> Context:
        return dataclasses.replace(self, facts=self.facts | learned.keys(), **learned)

    @property
    def secrets(self) -> list[str]:
        """What must never be printed."""
        return [value for value in (self.secret, self.token, *self.printed) if value]

    @property
    def subject(self) -> str:
        return subject_of(self.profile if "profile" in self.facts else self.requested_profile)

    def client_config(self) -> Config:
        return Config(
            connect_timeout=self.timeout,
            read_timeout=self.timeout,
            retries={"mode": "standard", "total_max_attempts": ATTEMPTS},
        )


LEARNABLE: Final = frozenset(
    f.name
    for f in dataclasses.fields(Context)
    if f.name not in {"requested_profile", "production", "timeout", "facts"}
)


@dataclass(frozen=True)
class Outcome:
    """What a check found (a catalogue code, or none) and the facts it learned."""

    detail: str
    code: str | None = None
    error: str | None = None
    status: Status = Status.PASS
    learned: Mapping[str, Any] = field(default_factory=dict)


def passed(detail: str, **learned: Any) -> Outcome:
    return Outcome(detail, learned=learned)


def found(code: str, detail: str = "", error: str | None = None, **learned: Any) -> Outcome:
    return Outcome(detail, code, error, Status(problem(code).severity.value), learned)


def skipped(detail: str) -> Outcome:
    return Outcome(detail, status=Status.SKIP)


# --- the registry -------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Context], Outcome]
    needs: tuple[str, ...]
    provides: tuple[str, ...]
    applies: Callable[[Context], bool] | None = None
    otherwise: str = ""  # the SKIP detail when it does not apply
    unmet: str | None = None  # the SKIP detail when a need is missing (default: fix X first)


CHECKS: list[Check] = []


def check(
    name: str,
    *,
    needs: tuple[str, ...] = (),
    provides: tuple[str, ...] = (),
    applies: Callable[[Context], bool] | None = None,
    otherwise: str = "",
    unmet: str | None = None,
) -> Callable[[Callable[[Context], Outcome]], Callable[[Context], Outcome]]:
    """Register a check; the registry's order is the report's order."""
    available = {fact for earlier in CHECKS for fact in earlier.provides}
    unknown = set(provides) - LEARNABLE
    if unknown or not set(needs) <= available:
        raise ValueError(
            f"check {name!r}: no earlier check provides {sorted(set(needs) - available)}, "
            f"or the context has no {sorted(unknown)}"
        )

    def register(function: Callable[[Context], Outcome]) -> Callable[[Context], Outcome]:
        CHECKS.append(Check(name, function, needs, provides, applies, otherwise, unmet))
        return function

    return register


class Diagnosis:
    """One run of the checks. ``context`` is the latest context: what the report shows."""

    def __init__(self, context: Context, checks: list[Check] | None = None) -> None:
        self.context = context
        self.checks = CHECKS if checks is None else checks
        self.blocked: dict[str, str] = {}  # fact -> the code that kept it from being known

    @property
    def secrets(self) -> list[str]:
        return self.context.secrets

    @property
    def subject(self) -> str:
        return self.context.subject

    def run(self) -> list[Result]:
        results = []
        for each in self.checks:
            outcome, blocker = self._outcome(each)
            entry = problem(outcome.code) if outcome.code else None
            for fact in each.provides:
                if fact not in outcome.learned:
                    self.blocked.setdefault(fact, entry.code if entry else blocker)
            results.append(Result(each.name, outcome.status, outcome.detail, entry, outcome.error))
        return results

    def _outcome(self, each: Check) -> tuple[Outcome, str]:
        """The check's outcome, and the code that made it skip (if it did)."""
        if each.applies is not None and not each.applies(self.context):
            return skipped(each.otherwise), ""
        missing = [fact for fact in each.needs if fact not in self.context.facts]
        if missing:
            code = self.blocked.get(missing[0], "")
            return skipped(each.unmet or f"skipped: fix {code} first"), code
        outcome = each.run(self.context)
        if set(outcome.learned) - set(each.provides):
            raise ValueError(f"check {each.name!r} learned what it does not declare")
        self.context = self.context.learn(outcome.learned)
        return outcome, ""


# --- reading AWS's answers ----------------------------------------------------------------


def shown_path(path: Path) -> str:
    """A path with the home folder written as ``~``: shorter, and no user name in reports."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


def money(amount: str) -> str:
    return f"${Decimal(amount):,.2f}"


def turk_error_code(error: BaseException) -> str:
    return str(error.response.get("TurkErrorCode", "")) if isinstance(error, ClientError) else ""


def error_text(error: BaseException) -> str:
    if isinstance(error, ClientError):
        details = error.response.get("Error", {})
        return f"{details.get('Code', '')}: {details.get('Message', '')}"
    return f"{type(error).__name__}: {error}"


def is_not_linked(error: BaseException) -> bool:
    return turk_error_code(error) == "AWS.AccountNotLinked" or "must be linked" in str(error)


def is_access_denied(error: BaseException) -> bool:
    said = error_text(error)
    return said.startswith("AccessDenied") or (
        "not authorized to perform the requested operation" in said
    )


def classify(error: BaseException, *, production: bool = False) -> str:
    """The catalogue code for an error from an AWS call."""
    said = error_text(error)
    code = said.partition(":")[0]
    if isinstance(error, boto_errors.ProxyConnectionError):
        return "MT902"
    if isinstance(error, boto_errors.ConnectionError | boto_errors.HTTPClientError):
        return "MT901"
    if "Signature expired" in said or "Signature not yet current" in said:
        return "MT203"
    if code in ("InvalidClientTokenId", "UnrecognizedClientException"):
        return "MT201"
    if code in ("SignatureDoesNotMatch", "InvalidSignatureException"):
        return "MT202"
    if is_access_denied(error):
        return "MT303" if "explicit deny" in said else "MT301"
    if is_not_linked(error):
        return "MT601" if production else "MT501"
    if code == "ServiceFault":
        return "MT903"
    return "MT999"


def refused(error: BaseException, *, production: bool = False) -> Outcome:
    return found(classify(error, production=production), "", error_text(error))


@contextlib.contextmanager
def waiting(context: Context, url: str) -> Iterator[None]:
    """Say so on stderr when AWS has been silent for a while: never wait without a word."""
    host = urlsplit(url).hostname or url
    limit = context.timeout * ATTEMPTS
    timer = threading.Timer(
        min(NOTICE_AFTER, context.timeout / 2), notice, (f"an answer from {host}", limit)
    )
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def aws_session(context: Context) -> boto3.Session:
    assert context.session is not None
    return context.session


def mturk(context: Context, *, production: bool) -> MTurkClient:
    return aws_session(context).client(
        "mturk",
        region_name=constants.REGION,
        endpoint_url=constants.PRODUCTION_ENDPOINT if production else constants.SANDBOX_ENDPOINT,
        config=context.client_config(),
    )


# --- 1. the key on this computer ----------------------------------------------------------


@check(
    "Credentials",
    provides=("profile", "session", "key_id", "secret", "token", "key_file", "printed"),
)
def credentials(context: Context) -> Outcome:
    learned: dict[str, Any] = {}
    helpers = Helpers()
    limit = context.timeout * ATTEMPTS
    try:
        core = botocore.session.Session(profile=context.requested_profile)
        learned["profile"] = context.requested_profile
        if context.requested_profile is None and GUIDE_PROFILE in core.available_profiles:
            learned["profile"] = GUIDE_PROFILE
            core = botocore.session.Session(profile=GUIDE_PROFILE)
        learned["session"] = boto3.Session(botocore_session=core)
        helpers.attach(core)
        try:
            loaded, frozen = helpers.load(core, limit, min(NOTICE_AFTER, context.timeout / 2))
        finally:
            learned["printed"] = tuple(helpers.printed)
    except HelperTimeout:
        if helpers.programs:
            return found("MT112", finding(helpers.program, Failure.NO_ANSWER, limit), **learned)
        return found("MT901", f"no credentials within {limit:g} seconds", **learned)
    except boto_errors.ProfileNotFound as error:
        name = error.kwargs.get("profile", "")
        return found("MT102", f'no profile named "{name}"', profile=learned.get("profile"))
    except boto_errors.ConfigParseError as error:
        path = shown_path(Path(error.kwargs.get("path", "")))
        return found("MT103", f"cannot read {path}", profile=learned.get("profile"))
    except boto_errors.PartialCredentialsError as error:
        detail = f"{error.kwargs['provider']} has no {error.kwargs['cred_var']}"
        return found("MT104", detail, **learned)
    except ClientError as error:
        # Only temporary credentials (a role, single sign-on) need AWS to load them.
        detail = "the profile asks AWS for temporary credentials, and AWS refused"
        return found("MT110", detail, error_text(error), **learned)
    except (boto_errors.SSOError, boto_errors.TokenRetrievalError):
        detail = (
            "the profile signs in with single sign-on (IAM Identity Center), which gives "
            "temporary credentials"
        )
        return found("MT110", detail, **learned)
    except boto_errors.CredentialRetrievalError as error:
        # Never the program's own words: what it printed can be the secret itself.
        provider = error.kwargs.get("provider", "")
        if provider == "custom-process":
            return found("MT112", finding(helpers.program, Failure.FAILED), **learned)
        detail = f"botocore's {provider!r} provider could not get temporary credentials"
        return found("MT110", detail, **learned)
    except (boto_errors.ConnectionError, boto_errors.HTTPClientError) as error:
        return found(classify(error), "", error_text(error), **learned)
    except BotoCoreError as error:
        return found("MT103", str(error), **learned)
    except OSError as error:
        if helpers.programs and not helpers.started:  # the helper could not be started
            failure = finding(helpers.program, Failure.NOT_STARTED)
            return found("MT112", failure, error.strerror, **learned)
        raise
    except Exception:
        if helpers.started:  # botocore could not read what the helper printed
            return found("MT112", finding(helpers.program, Failure.NOT_CREDENTIALS), **learned)
        raise
    if frozen is None:
        return found("MT101", f"nothing found for {subject_of(learned['profile'])}", **learned)
    key_id, secret = frozen.access_key or "", frozen.secret_key or ""
    if not key_id or not secret:
        empty = "access key id" if not key_id else "secret access key"
        # The secret is still known (to hide it), but there is no usable key.
        return found("MT104", f"the {empty} is empty", secret=secret, **learned)
    method = loaded.method if loaded else ""
    source = SOURCES.get(method, f"botocore's {method!r} provider")
    key_file = None
    if method in FILE_VARIABLES:
        setting = str(core.get_config_variable(FILE_VARIABLES[method]))
        key_file = Path(setting).expanduser()
        source = source.format(path=shown_path(key_file))
    return passed(
        f"key {keys.masked(key_id)} from {source}",
        key_id=key_id,
        secret=secret,
        token=frozen.token,
        key_file=key_file,
        **learned,
    )


@check("Key file", needs=("key_id",))
def key_file_privacy(context: Context) -> Outcome:
    if context.key_file is None:
        return skipped("the key is not stored in a file")
    if not POSIX:
        return skipped("not checked on this operating system")
    mode = context.key_file.stat().st_mode & 0o777
    path = shown_path(context.key_file)
    if mode & 0o077:
        return found("MT109", f"{path} has permissions {mode:o}; it should be 600")
    return passed(f"only you can read {path}")


@check("Key shape", needs=("key_id",), provides=("well_formed",))
def key_shape(context: Context) -> Outcome:
    shape = keys.shape_problem(context.key_id, context.secret)
    if shape is None:
        return passed("20-character key id, 40-character secret", well_formed=True)
    if problem(shape.code).severity is Severity.WARN:
        return found(shape.code, shape.detail, well_formed=True)
    return found(shape.code, shape.detail)


@check("Long-term key", needs=("key_id",), provides=("long_term",))
def long_term_key(context: Context) -> Outcome:
    if context.token:
        return found("MT110", "the key comes with a session token")
    if keys.is_temporary(context.key_id):
        return found("MT110", "the key id begins ASIA")
    return passed("not a temporary key", long_term=True)


# --- 2. who AWS says you are ----------------------------------------------------------------


@check("Identity", needs=("key_id", "well_formed"), provides=("arn",))
def identity(context: Context) -> Outcome:
    sts = aws_session(context).client(
        "sts", region_name=constants.REGION, config=context.client_config()
    )
    try:
        with waiting(context, sts.meta.endpoint_url):
            arn = sts.get_caller_identity()["Arn"]
    except AWS_ERRORS as error:
        return refused(error)
    return passed(arn, arn=arn)


@check("Not root", needs=("arn",))
def not_root(context: Context) -> Outcome:
    if context.arn.endswith(":root"):
        return found("MT204", "the key is the root user's")
    return passed("an IAM user's key")


# --- 3. what the key may do in MTurk ----------------------------------------------------------


@check("MTurk permission", needs=("arn", "long_term"), provides=("sandbox_answer",))
def permission(context: Context) -> Outcome:
    """May the key read, and write, in MTurk?

    Reading: ``GetAccountBalance`` in the sandbox. A "not linked" answer still
    means IAM allowed the call: MTurk checks permission before the link.

    Writing: the doctor asks to change the review status of a HIT that cannot
    exist (``PROBE_HIT_ID``), in the sandbox. IAM decides before MTurk looks
    for the HIT, so a key that may write gets "does not exist" (or "not
    linked"), and a read-only key gets AccessDenied; either way nothing
    changes. IAM's own policy simulator would need IAM permissions that an
    MTurk user rarely has.
    """
    client = mturk(context, production=False)
    answer: str | BaseException
    try:
        with waiting(context, constants.SANDBOX_ENDPOINT):
            answer = client.get_account_balance()["AvailableBalance"]
    except AWS_ERRORS as error:
        if not is_not_linked(error):
            return refused(error)
        answer = error
    try:
        with waiting(context, constants.SANDBOX_ENDPOINT):
            client.update_hit_review_status(HITId=PROBE_HIT_ID)
    except AWS_ERRORS as error:
        if is_access_denied(error):
            return found(
                "MT302", "may read but not write", error_text(error), sandbox_answer=answer
            )
        if not isinstance(error, ClientError):
            return refused(error)
    return passed("may read and write", sandbox_answer=answer)


# --- 4. region ----------------------------------------------------------------------------


@check("Region", needs=("session",), unmet="no profile to read the region from")
def region(context: Context) -> Outcome:
    name = aws_session(context).region_name
    if name is None:
        return passed(f"not set (the guide's scripts name {constants.REGION})")
    if name != constants.REGION:
        return found("MT401", f'your region setting is "{name}"')
    return passed(name)


# --- 5. the accounts ------------------------------------------------------------------------


@check("Sandbox", needs=("sandbox_answer",))
def sandbox(context: Context) -> Outcome:
    answer = context.sandbox_answer
    if isinstance(answer, BaseException):
        return found(classify(answer), "", error_text(answer))
    return passed(f"linked, balance {money(answer)}")


@check(
    "Production",
    needs=("sandbox_answer",),
    applies=lambda context: context.production,
    otherwise="not checked: add --production to check it",
)
def production(context: Context) -> Outcome:
    try:
        with waiting(context, constants.PRODUCTION_ENDPOINT):
            balance = mturk(context, production=True).get_account_balance()["AvailableBalance"]
    except AWS_ERRORS as error:
        return refused(error, production=True)
    if Decimal(balance) <= 0:
        return found("MT602", f"linked, balance {money(balance)}")
    return passed(f"linked, balance {money(balance)}")
