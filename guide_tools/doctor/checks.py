"""The doctor's checks, in the order a setup is built: keys, identity, permission, accounts.

Each check gives one ``Result``. A check that cannot run because an earlier
one failed is skipped, and says which problem to fix first. Nothing here
changes anything in AWS or MTurk: see ``Doctor.permission`` for how the doctor
finds out whether the key may write without writing anything.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Final

import boto3
import botocore.session
from botocore import exceptions as boto_errors
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from guide_tools import constants
from guide_tools.doctor.catalogue import Problem, Severity, problem

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

GUIDE_PROFILE: Final = "mturk"
"""The profile the guide's scripts use, and so the one the doctor checks by default."""

PROBE_HIT_ID: Final = "doctor-probe-no-such-hit"
"""A HIT id that cannot exist: real ids are 30 capital letters and digits."""

CLIENT_CONFIG: Final = Config(
    connect_timeout=5,
    read_timeout=20,
    retries={"mode": "standard", "total_max_attempts": 2},
)

AWS_ERRORS: Final = (ClientError, BotoCoreError)
POSIX = os.name == "posix"

KEY_ID: Final = re.compile(r"A[KS]IA[A-Z0-9]{16}")
SECRET: Final = re.compile(r"[A-Za-z0-9/+]{40}")
QUOTES: Final = "\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb"
SOURCES: Final = {
    "env": "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    "shared-credentials-file": "the credentials file {path}",
    "config-file": "the config file {path}",
}
FILE_VARIABLES: Final = {
    "shared-credentials-file": "credentials_file",
    "config-file": "config_file",
}


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 -- a status, not a password
    WARN = "warn"
    FAIL = "fail"
    ERROR = "error"
    SKIP = "skip"


class Level(IntEnum):
    """How far a problem stops the doctor: the later checks that need what it broke."""

    KEYS = 1  # no usable key: skip everything that needs one
    AWS = 2  # do not send this key to AWS
    MTURK = 3  # do not send this key to MTurk


@dataclass(frozen=True)
class Result:
    check: str
    status: Status
    detail: str
    problem: Problem | None = None
    error: str | None = None


class Stop(Exception):
    """A check ends early with ``result``."""

    def __init__(self, result: Result) -> None:
        super().__init__(result.detail)
        self.result = result


def found(check: str, code: str, detail: str = "", error: str | None = None) -> Result:
    entry = problem(code)
    return Result(check, Status(entry.severity.value), detail, entry, error)


def shown_path(path: Path) -> str:
    """A path with the home folder written as ``~``: shorter, and no user name in reports."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


def masked(key_id: str) -> str:
    """The key id with all but its last four characters hidden, if it looks like an id.

    When it does not (a secret pasted in the wrong place), nothing of it is shown.
    """
    core = key_id.strip().strip(QUOTES)
    if core.isalnum() and core.isascii() and len(core) < 40:
        return "*" * max(len(core) - 4, 0) + core[-4:]
    return f"(a {len(key_id)}-character value, not shown)"


def money(amount: str) -> str:
    return f"${Decimal(amount):,.2f}"


# --- the shape of a key ---------------------------------------------------------------


def _stray(character: str) -> bool:
    return (
        character.isspace()
        or character in QUOTES
        or not character.isascii()
        or not character.isprintable()
    )


def _name(character: str) -> str:
    if character == " ":
        return "a space"
    if character in "\r\n":
        return "a line break"
    if character == "\t":
        return "a tab"
    if character in QUOTES:
        return "a quote mark"
    category = unicodedata.category(character)
    kind = "an invisible character" if category[0] in "CZ" else "a non-ASCII character"
    return f"{kind} (U+{ord(character):04X})"


def stray_characters(value: str) -> list[str]:
    """Describe the copy-and-paste debris in ``value``, never the value itself."""
    found_here: list[str] = []
    for index, character in enumerate(value):
        if _stray(character):
            where = "at the start" if index == 0 else "inside"
            where = "at the end" if index == len(value) - 1 else where
            description = f"{_name(character)} {where}"
            if description not in found_here:
                found_here.append(description)
    return found_here


def shape_problem(key_id: str, secret: str) -> tuple[str, str] | None:
    """The first thing wrong with the key's shape, as (code, what was found)."""
    for label, value in (("access key id", key_id), ("secret access key", secret)):
        strays = stray_characters(value)
        if strays:
            return "MT105", f"the {label} has " + ", ".join(strays)
    if SECRET.fullmatch(key_id) and KEY_ID.fullmatch(secret):
        return "MT106", "the key id holds 40 characters and the secret begins " + secret[:4]
    if not SECRET.fullmatch(secret):
        if len(secret) != 40:
            return "MT108", f"the secret access key has {len(secret)} characters, not 40"
        return "MT108", "the secret access key has characters other than letters, digits, / and +"
    if not KEY_ID.fullmatch(key_id):
        return "MT107", f"the access key id has {len(key_id)} characters: {masked(key_id)}"
    return None


# --- reading AWS's answers ----------------------------------------------------------------


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


# --- the checks -------------------------------------------------------------------------


class Doctor:
    """Run the checks for one profile (``None``: the guide's profile, or AWS's defaults)."""

    def __init__(self, profile: str | None = None, *, production: bool = False) -> None:
        self.requested_profile = profile
        self.check_production = production
        self.profile: str | None = profile
        self.session: boto3.Session | None = None
        self.key_id = ""
        self.secret = ""
        self.token: str | None = None
        self.key_file: Path | None = None
        self.arn = ""
        self.sandbox_answer: str | BaseException = ""
        self.blocks: list[tuple[Level, str]] = []

    @property
    def secrets(self) -> list[str]:
        """What must never be printed."""
        return [value for value in (self.secret, self.token) if value]

    @property
    def subject(self) -> str:
        if self.profile is not None:
            return f'profile "{self.profile}"'
        return f'the default credentials (there is no "{GUIDE_PROFILE}" profile)'

    def run(self) -> list[Result]:
        results = []
        for check in (
            self.credentials,
            self.key_file_privacy,
            self.key_shape,
            self.long_term_key,
            self.identity,
            self.not_root,
            self.permission,
            self.region,
            self.sandbox,
            self.production,
        ):
            try:
                results.append(check())
            except Stop as stop:
                results.append(stop.result)
        return results

    # --- plumbing ---

    def block(self, level: Level, result: Result) -> Stop:
        """Record that ``result`` stops the checks at ``level`` and after; end this check."""
        assert result.problem is not None
        self.blocks.append((level, result.problem.code))
        return Stop(result)

    def require(self, check: str, level: Level) -> None:
        for blocked_level, code in self.blocks:
            if blocked_level <= level:
                raise Stop(Result(check, Status.SKIP, f"skipped: fix {code} first"))

    def refused(
        self, check: str, error: BaseException, level: Level, *, production: bool = False
    ) -> Stop:
        code = classify(error, production=production)
        return self.block(level, found(check, code, "", error_text(error)))

    def aws_session(self) -> boto3.Session:
        assert self.session is not None
        return self.session

    def mturk(self, *, production: bool) -> MTurkClient:
        return self.aws_session().client(
            "mturk",
            region_name=constants.REGION,
            endpoint_url=constants.PRODUCTION_ENDPOINT
            if production
            else constants.SANDBOX_ENDPOINT,
            config=CLIENT_CONFIG,
        )

    # --- 1. the key on this computer ---

    def credentials(self) -> Result:
        check = "Credentials"
        try:
            core = botocore.session.Session(profile=self.requested_profile)
            if self.profile is None and GUIDE_PROFILE in core.available_profiles:
                self.profile = GUIDE_PROFILE
                core = botocore.session.Session(profile=GUIDE_PROFILE)
            self.session = boto3.Session(botocore_session=core)
            credentials = core.get_credentials()
            frozen = credentials.get_frozen_credentials() if credentials else None
        except boto_errors.ProfileNotFound as error:
            self.session = None
            name = error.kwargs.get("profile", "")
            raise self.block(
                Level.KEYS, found(check, "MT102", f'no profile named "{name}"')
            ) from None
        except boto_errors.ConfigParseError as error:
            self.session = None
            path = shown_path(Path(error.kwargs.get("path", "")))
            raise self.block(Level.KEYS, found(check, "MT103", f"cannot read {path}")) from None
        except boto_errors.PartialCredentialsError as error:
            detail = f"{error.kwargs['provider']} has no {error.kwargs['cred_var']}"
            raise self.block(Level.KEYS, found(check, "MT104", detail)) from None
        except ClientError as error:
            # Only temporary credentials (a role, single sign-on) need AWS to load them.
            detail = "the profile asks AWS for temporary credentials, and AWS refused"
            raise self.block(
                Level.KEYS, found(check, "MT110", detail, error_text(error))
            ) from None
        except (boto_errors.ConnectionError, boto_errors.HTTPClientError) as error:
            raise self.refused(check, error, Level.KEYS) from None
        except BotoCoreError as error:
            raise self.block(Level.KEYS, found(check, "MT103", str(error))) from None
        if frozen is None:
            raise self.block(
                Level.KEYS, found(check, "MT101", f"nothing found for {self.subject}")
            )
        self.key_id, self.secret = frozen.access_key or "", frozen.secret_key or ""
        self.token = frozen.token
        if not self.key_id or not self.secret:
            empty = "access key id" if not self.key_id else "secret access key"
            raise self.block(Level.KEYS, found(check, "MT104", f"the {empty} is empty"))
        method = credentials.method if credentials else ""
        source = SOURCES.get(method, f"botocore's {method!r} provider")
        if method in FILE_VARIABLES:
            setting = str(core.get_config_variable(FILE_VARIABLES[method]))
            self.key_file = Path(setting).expanduser()
            source = source.format(path=shown_path(self.key_file))
        return Result(check, Status.PASS, f"key {masked(self.key_id)} from {source}")

    def key_file_privacy(self) -> Result:
        check = "Key file"
        self.require(check, Level.KEYS)
        if self.key_file is None:
            return Result(check, Status.SKIP, "the key is not stored in a file")
        if not POSIX:
            return Result(check, Status.SKIP, "not checked on this operating system")
        mode = self.key_file.stat().st_mode & 0o777
        path = shown_path(self.key_file)
        if mode & 0o077:
            return found(check, "MT109", f"{path} has permissions {mode:o}; it should be 600")
        return Result(check, Status.PASS, f"only you can read {path}")

    def key_shape(self) -> Result:
        check = "Key shape"
        self.require(check, Level.KEYS)
        shape = shape_problem(self.key_id, self.secret)
        if shape is None:
            return Result(check, Status.PASS, "20-character key id, 40-character secret")
        code, detail = shape
        if problem(code).severity is Severity.WARN:
            return found(check, code, detail)
        raise self.block(Level.AWS, found(check, code, detail))

    def long_term_key(self) -> Result:
        check = "Long-term key"
        self.require(check, Level.KEYS)
        if self.token:
            raise self.block(
                Level.MTURK, found(check, "MT110", "the key comes with a session token")
            )
        if self.key_id.startswith("ASIA"):
            raise self.block(Level.MTURK, found(check, "MT110", "the key id begins ASIA"))
        return Result(check, Status.PASS, "not a temporary key")

    # --- 2. who AWS says you are ---

    def identity(self) -> Result:
        check = "Identity"
        self.require(check, Level.AWS)
        sts = self.aws_session().client("sts", region_name=constants.REGION, config=CLIENT_CONFIG)
        try:
            self.arn = sts.get_caller_identity()["Arn"]
        except AWS_ERRORS as error:
            raise self.refused(check, error, Level.AWS) from None
        return Result(check, Status.PASS, self.arn)

    def not_root(self) -> Result:
        check = "Not root"
        self.require(check, Level.AWS)
        if self.arn.endswith(":root"):
            return found(check, "MT204", "the key is the root user's")
        return Result(check, Status.PASS, "an IAM user's key")

    # --- 3. what the key may do in MTurk ---

    def permission(self) -> Result:
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
        check = "MTurk permission"
        self.require(check, Level.MTURK)
        mturk = self.mturk(production=False)
        try:
            self.sandbox_answer = mturk.get_account_balance()["AvailableBalance"]
        except AWS_ERRORS as error:
            if not is_not_linked(error):
                raise self.refused(check, error, Level.MTURK) from None
            self.sandbox_answer = error
        try:
            mturk.update_hit_review_status(HITId=PROBE_HIT_ID)
        except AWS_ERRORS as error:
            if is_access_denied(error):
                return found(check, "MT302", "may read but not write", error_text(error))
            if not isinstance(error, ClientError):
                raise self.refused(check, error, Level.MTURK) from None
        return Result(check, Status.PASS, "may read and write")

    # --- 4. region ---

    def region(self) -> Result:
        check = "Region"
        if self.session is None:
            return Result(check, Status.SKIP, "no profile to read the region from")
        region = self.session.region_name
        if region is None:
            return Result(
                check, Status.PASS, f"not set (the guide's scripts name {constants.REGION})"
            )
        if region != constants.REGION:
            return found(check, "MT401", f'your region setting is "{region}"')
        return Result(check, Status.PASS, region)

    # --- 5. the accounts ---

    def sandbox(self) -> Result:
        check = "Sandbox"
        self.require(check, Level.MTURK)
        if isinstance(self.sandbox_answer, BaseException):
            error = self.sandbox_answer
            return found(check, classify(error), "", error_text(error))
        return Result(check, Status.PASS, f"linked, balance {money(self.sandbox_answer)}")

    def production(self) -> Result:
        check = "Production"
        if not self.check_production:
            return Result(check, Status.SKIP, "not checked: add --production to check it")
        self.require(check, Level.MTURK)
        try:
            balance = self.mturk(production=True).get_account_balance()["AvailableBalance"]
        except AWS_ERRORS as error:
            code = classify(error, production=True)
            return found(check, code, "", error_text(error))
        if Decimal(balance) <= 0:
            return found(check, "MT602", f"linked, balance {money(balance)}")
        return Result(check, Status.PASS, f"linked, balance {money(balance)}")
