"""moto's IAM and STS, made to say no where AWS says no: small, named patches.

Each patch below is a change moto could take upstream; they are applied together
by :func:`aws_access_control` while the emulator runs, and undone after.

* **The account's root user** (``RootAccessKey``). moto knows IAM users and
  assumed roles, not the root user, so with authorization enforced nobody could
  create the first IAM user. The root key is accepted by moto's IAM and STS and
  by MTurk, and ``sts:GetCallerIdentity`` names it ``arn:aws:iam::<account>:root``.
* **Inactive keys** are refused, as AWS refuses them (moto accepts them).
* **GetSessionToken** returns a fresh ``ASIA`` key id, secret and session token
  each time (moto returns one fixed example key), tied to the caller: they act
  with the caller's permissions, are refused by IAM and by STS operations other
  than AssumeRole and GetCallerIdentity, as the STS API reference says.
* **Permissions boundaries for users**: moto has them for roles only (and never
  evaluates them); ``PutUserPermissionsBoundary``,
  ``DeleteUserPermissionsBoundary`` and ``CreateUser``'s ``PermissionsBoundary``
  are added, and ``GetUser`` shows the boundary.
* **Policy evaluation as AWS documents it** (:class:`EvaluatedIAMRequest`, on
  :mod:`mturk_emulator.iam_policy`): explicit deny, implicit deny, ``NotAction``,
  ``NotResource``, conditions with a real request context, boundaries; the
  credential scope must name the service that serves the request;
  ``sts:GetCallerIdentity`` and ``sts:GetSessionToken`` need no permission.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, cast
from urllib.parse import urlsplit

from botocore.credentials import Credentials
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.exceptions import AccessDeniedError, SignatureDoesNotMatchError
from moto.core.responses import ActionResult, BaseResponse, EmptyResult
from moto.core.utils import get_service_model
from moto.iam import access_control
from moto.iam.access_control import (
    AssumedRoleAccessKey,
    CreateAccessKeyFailure,
    IAMPolicy,
    IAMRequest,
    IAMUserAccessKey,
    PermissionResult,
)
from moto.iam.exceptions import IAMException
from moto.iam.models import IAMBackend, Policy, iam_backends
from moto.iam.responses import IamResponse
from moto.iam.utils import (
    format_incoming_conditional_values,
    generate_access_key_id_from_account_id,
    random_alphanumeric,
)
from moto.sts.models import STSBackend
from moto.sts.responses import TokenResponse
from moto.sts.utils import random_session_token

from . import constants
from .environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from .iam_policy import Decision, Document, Principal, RequestContext, evaluate, global_keys, parse
from .models import mturk_backends

SOURCE_IP = "192.0.2.10"
"""Where every caller seems to come from (``aws:SourceIp``): an address reserved
for documentation (RFC 5737), since an emulated request has no public address."""

NO_PERMISSION_NEEDED = frozenset({"sts:GetCallerIdentity", "sts:GetSessionToken"})
"""Actions that policies neither grant nor deny (STS API reference)."""
SESSION_STS_ACTIONS = frozenset({"sts:AssumeRole", "sts:GetCallerIdentity"})
"""The only STS actions GetSessionToken's credentials may call."""
LONG_TERM_ONLY = frozenset({"sts:GetSessionToken", "sts:GetFederationToken"})


# --- who signed the request ---------------------------------------------------


class RootAccessKey:
    """The root user's key, in the shape moto's access control expects of a key."""

    def __init__(self, account_id: str, partition: str) -> None:
        self.account_id = account_id
        self.partition = partition

    @property
    def arn(self) -> str:
        return f"arn:{self.partition}:iam::{self.account_id}:root"

    def create_credentials(self) -> Credentials:
        return Credentials(ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY)

    def collect_policies(self) -> list[dict[str, str]]:
        everything = {"Effect": "Allow", "Action": "*", "Resource": "*"}
        return [{"policy_document": json.dumps({"Statement": [everything]})}]


@dataclass(frozen=True)
class Session:
    """Credentials from GetSessionToken, and whose they are (None: the root user)."""

    access_key_id: str
    secret_access_key: str
    session_token: str
    account_id: str
    user_name: str | None


_SESSIONS: dict[str, Session] = {}


class SessionAccessKey(IAMUserAccessKey):
    """An IAM user's GetSessionToken credentials: the user's permissions, a new key."""

    def __init__(self, session: Session, partition: str) -> None:  # no user-key lookup
        self.account_id = session.account_id
        self.partition = partition
        self.session = session
        self._owner_user_name = session.user_name or ""
        self._access_key_id = session.access_key_id
        self._secret_access_key = session.secret_access_key

    def create_credentials(self) -> Credentials:
        s = self.session
        return Credentials(s.access_key_id, s.secret_access_key, s.session_token)


class RootSessionAccessKey(RootAccessKey):
    """The root user's GetSessionToken credentials."""

    def __init__(self, session: Session, partition: str) -> None:
        super().__init__(session.account_id, partition)
        self.session = session

    def create_credentials(self) -> Credentials:
        s = self.session
        return Credentials(s.access_key_id, s.secret_access_key, s.session_token)


AnyKey = IAMUserAccessKey | AssumedRoleAccessKey | RootAccessKey
TEMPORARY = (SessionAccessKey, RootSessionAccessKey, AssumedRoleAccessKey)


def _scope(headers: dict[str, str]) -> list[str]:
    """The credential scope: key id, date, region, service, ``aws4_request``."""
    return headers.get("Authorization", "").partition("Credential=")[2].split(",")[0].split("/")


def _key_is_inactive(key: IAMUserAccessKey) -> bool:
    user = key.backend.get_user_from_access_key_id(key._access_key_id)
    return user is not None and any(
        k.access_key_id == key._access_key_id and k.status != "Active" for k in user.access_keys
    )


def _session_key(session: Session, partition: str, headers: dict[str, str]) -> AnyKey:
    if headers.get("X-Amz-Security-Token") != session.session_token:
        raise CreateAccessKeyFailure(reason="InvalidToken")
    if _scope(headers)[3:4] == ["iam"]:
        # "You cannot call any IAM API operations unless MFA authentication
        # information is included in the request" (sessions here carry no MFA).
        raise CreateAccessKeyFailure(reason="InvalidToken")
    if session.user_name is None:
        return RootSessionAccessKey(session, partition)
    return SessionAccessKey(session, partition)


def _create_access_key(original: Callable[..., AnyKey]) -> Callable[..., AnyKey]:
    def create_access_key(
        account_id: str, partition: str, access_key_id: str, headers: dict[str, str]
    ) -> AnyKey:
        if access_key_id == ROOT_ACCESS_KEY_ID:
            if "X-Amz-Security-Token" in headers:
                raise CreateAccessKeyFailure(reason="InvalidToken")
            return RootAccessKey(account_id, partition)
        if access_key_id in _SESSIONS:
            return _session_key(_SESSIONS[access_key_id], partition, headers)
        key = original(account_id, partition, access_key_id, headers)
        if isinstance(key, IAMUserAccessKey) and _key_is_inactive(key):
            raise CreateAccessKeyFailure(reason="InvalidId")
        return key

    return create_access_key


def _get_caller_identity(original: Callable[..., Any]) -> Callable[..., tuple[str, str, str]]:
    def get_caller_identity(
        self: STSBackend, access_key_id: str, region: str
    ) -> tuple[str, str, str]:
        session = _SESSIONS.get(access_key_id)
        if session is not None and session.user_name is not None:
            user = iam_backends[session.account_id][self.partition].get_user(session.user_name)
            return user.id, user.arn, user.account_id
        if access_key_id == ROOT_ACCESS_KEY_ID or session is not None:
            root = RootAccessKey(self.account_id, self.partition).arn
            return self.account_id, root, self.account_id
        result: tuple[str, str, str] = original(self, access_key_id, region)
        return result

    return get_caller_identity


def get_session_token(self: TokenResponse) -> ActionResult:
    """GetSessionToken: new temporary credentials for the caller, each time."""
    caller = self.get_access_key()
    iam = iam_backends[self.current_account][self.partition]
    user = iam.get_user_from_access_key_id(caller)
    # Root sessions last one hour by default, IAM users' twelve (STS API reference).
    default = 43200 if user is not None else 3600
    duration = self._get_int_param("DurationSeconds", default)
    token = self.backend.get_session_token(duration=duration)
    session = Session(
        generate_access_key_id_from_account_id(self.current_account, prefix="ASIA"),
        random_alphanumeric(40),
        random_session_token(),
        self.current_account,
        user.name if user is not None else None,
    )
    _SESSIONS[session.access_key_id] = session
    credentials = {
        "AccessKeyId": session.access_key_id,
        "SecretAccessKey": session.secret_access_key,
        "SessionToken": session.session_token,
        "Expiration": token.expiration,
    }
    return ActionResult({"Credentials": credentials})


# --- permissions boundaries -------------------------------------------------------


def _boundary_record(backend: IAMBackend, arn: str) -> dict[str, str]:
    if not backend.policy_arn_regex.match(arn):
        # moto's own wording for roles (IAMBackend.put_role_permissions_boundary).
        raise IAMException(
            "InvalidParameterValue", f"Value ({arn}) for parameter PermissionsBoundary is invalid."
        )
    # Shape AttachedPermissionsBoundary, as GetUser's serializer reads it from the user.
    return {"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": arn}


def put_user_permissions_boundary(self: IamResponse) -> ActionResult:
    record = _boundary_record(self.backend, self._get_param("PermissionsBoundary"))
    self.backend.get_user(self._get_param("UserName")).permissions_boundary = record  # type: ignore[attr-defined]
    return EmptyResult()


def delete_user_permissions_boundary(self: IamResponse) -> ActionResult:
    vars(self.backend.get_user(self._get_param("UserName"))).pop("permissions_boundary", None)
    return EmptyResult()


def _create_user(original: Callable[[IamResponse], ActionResult]) -> Callable[..., ActionResult]:
    def create_user(self: IamResponse) -> ActionResult:
        arn = self._get_param("PermissionsBoundary")
        record = None if arn is None else _boundary_record(self.backend, arn)
        result = original(self)
        if record is not None:
            user = self.backend.get_user(self._get_param("UserName"))
            user.permissions_boundary = record  # type: ignore[attr-defined]
        return result

    return create_user


def _document(policy: Any) -> Document:
    """A policy document from what moto's keys collect: a managed policy, an
    inline policy's record, or its JSON text."""
    if isinstance(policy, Policy):
        return parse(next(v.document for v in policy.versions if v.is_default))
    if isinstance(policy, str):
        return parse(policy)
    return parse(policy["policy_document"])


def _boundary(backend: IAMBackend, arn: str | None) -> Document | None:
    if arn is None:
        return None
    policy = backend.managed_policies.get(arn)
    # A boundary whose policy is gone allows nothing.
    return {"Statement": []} if policy is None else _document(policy)


def identity_of(key: AnyKey) -> tuple[Principal, Document | None]:
    """The principal behind a key, and its permissions boundary (None if it has none)."""
    account = key.account_id
    if isinstance(key, RootAccessKey):
        temporary = isinstance(key, RootSessionAccessKey)
        root = Principal(key.arn, key.arn, account, account, "Account", temporary=temporary)
        return root, None
    backend = iam_backends[account][key.partition]
    if isinstance(key, AssumedRoleAccessKey):
        role = backend.get_role(key._owner_role_name)
        principal = Principal(
            key.arn,
            role.arn,
            account,
            f"{role.id}:{key._session_name}",
            "AssumedRole",
            temporary=True,
        )
        return principal, _boundary(backend, role.permissions_boundary_arn)
    user = backend.get_user(key._owner_user_name)
    boundary = getattr(user, "permissions_boundary", None)
    principal = Principal(
        user.arn,
        user.arn,
        account,
        user.id,
        "User",
        username=user.name,
        temporary=isinstance(key, SessionAccessKey),
    )
    return principal, _boundary(backend, boundary["PermissionsBoundaryArn"] if boundary else None)


# --- the evaluated request ----------------------------------------------------------


class ScopedToAnotherService(SignatureDoesNotMatchError):
    """A query-protocol service (IAM, STS) refusing a scope for another service."""

    def __init__(self, service: str) -> None:
        message = f"Credential should be scoped to correct service: '{service}'. "
        super(SignatureDoesNotMatchError, self).__init__("SignatureDoesNotMatch", message)


class PolicyAccessDenied(AccessDeniedError):
    """moto's AccessDenied, worded as AWS words it (with the reason)."""

    def __init__(self, message: str) -> None:
        super(AccessDeniedError, self).__init__("AccessDenied", message)


def check_service_scope(
    headers: dict[str, str], service: str, error: Callable[[str], Exception]
) -> None:
    """Refuse a signed request whose credential scope names another service."""
    scope = _scope(headers)
    if len(scope) > 3 and scope[3] != service:
        raise error(service)


class EvaluatedIAMRequest(IAMRequest):
    """moto's IAMRequest, deciding as AWS decides (see :mod:`.iam_policy`).

    ``url`` is the request's full URL (for ``aws:SecureTransport``): moto's
    request classes are only given its path.
    """

    def __init__(self, *, url: str, **kwargs: Any) -> None:
        self._url = url
        super().__init__(**kwargs)

    def context(self, principal: Principal, resource: str) -> RequestContext:
        now: datetime = mturk_backends[self.account_id][constants.REGION].now()
        keys = global_keys(
            principal,
            now=now,
            secure_transport=urlsplit(self._url).scheme == "https",
            source_ip=SOURCE_IP,
            region=self._region,
        )
        return RequestContext(self._action, resource, keys)

    def check_action_permitted(self, resource: str) -> None:
        key = cast(AnyKey, self._access_key)
        if self._action in LONG_TERM_ONLY and isinstance(key, TEMPORARY):
            self._refuse_session()
        if self._action in NO_PERMISSION_NEEDED:
            return
        if isinstance(key, SessionAccessKey | RootSessionAccessKey) and (
            self._service == "sts" and self._action not in SESSION_STS_ACTIONS
        ):
            self._refuse_session()
        principal, boundary = identity_of(key)
        documents = [_document(p) for p in key.collect_policies()]
        decision = evaluate(self.context(principal, resource), documents, boundary)
        if not decision.allowed:
            self._deny(principal, resource, decision)
        if self._is_assuming_role_operation(resource) and not self._check_role_trust_relationship(
            resource
        ):
            self._raise_access_denied()

    def _check_role_trust_relationship(self, role_arn: str) -> bool:
        """moto's trust check, with an account principal standing for the whole
        account (moto compares the caller's own ARN only)."""
        key = self._access_key
        role = self.backend.get_role_by_arn(role_arn)
        trust = IAMPolicy(role.assume_role_policy_document)
        values = format_incoming_conditional_values(self._data)
        account_root = f"arn:{key.partition}:iam::{key.account_id}:root"
        return any(
            trust.is_action_permitted(self._action, role_arn, principal, values)
            is PermissionResult.PERMITTED
            for principal in (key.arn, account_root, key.account_id)
        )

    def _refuse_session(self) -> None:
        operation = self._action.partition(":")[2]
        raise PolicyAccessDenied(f"Cannot call {operation} with session credentials")

    def _deny(self, principal: Principal, resource: str, decision: Decision) -> None:
        on = "" if resource == "*" else f" on resource: {resource}"
        raise PolicyAccessDenied(
            f"User: {principal.arn} is not authorized to perform: {self._action}{on} "
            f"{decision.reason}"
        )


def _authenticate_and_authorize_normal_action(self: BaseResponse, resource: str = "*") -> None:
    """moto's hook for every non-S3 service, with the scope check and AWS's evaluation."""
    signing_name = get_service_model(self.boto3_service_name).signing_name
    check_service_scope(self.headers, signing_name, ScopedToAnotherService)
    # moto calls the class it is given with its own keyword arguments; the URL is ours.
    request_class = cast(type, partial(EvaluatedIAMRequest, url=self.uri))
    self._authenticate_and_authorize_action(request_class, resource)


@contextmanager
def _patched(owner: Any, name: str, value: Any) -> Iterator[None]:
    missing = object()
    original = owner.__dict__.get(name, missing)
    setattr(owner, name, value)
    try:
        yield
    finally:
        if original is missing:
            delattr(owner, name)
        else:
            setattr(owner, name, original)


@contextmanager
def aws_access_control() -> Iterator[None]:
    """Apply the patches of this module while the block runs."""
    _SESSIONS.clear()
    create_key, caller_identity = access_control.create_access_key, STSBackend.get_caller_identity
    patches = [
        (access_control, "create_access_key", _create_access_key(create_key)),
        (STSBackend, "get_caller_identity", _get_caller_identity(caller_identity)),
        (TokenResponse, "get_session_token", get_session_token),
        (IamResponse, "put_user_permissions_boundary", put_user_permissions_boundary),
        (IamResponse, "delete_user_permissions_boundary", delete_user_permissions_boundary),
        (IamResponse, "create_user", _create_user(IamResponse.create_user)),
        (
            ActionAuthenticatorMixin,
            "_authenticate_and_authorize_normal_action",
            _authenticate_and_authorize_normal_action,
        ),
    ]
    with ExitStack() as stack:
        for owner, name, value in patches:
            stack.enter_context(_patched(owner, name, value))
        try:
            yield
        finally:
            _SESSIONS.clear()
