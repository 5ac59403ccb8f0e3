"""Who is calling, and may they? SigV4 and IAM for MTurk, on moto's own machinery.

Two additions to moto, both active only while the emulator runs:

* The account's **root user**. moto knows IAM users and assumed roles, not the
  root user, so with authorization enforced nobody could create the first IAM
  user. The root key below is accepted by moto's IAM and STS, and by MTurk, and
  ``sts:GetCallerIdentity`` names it ``arn:aws:iam::<account>:root`` as AWS does.
* **Inactive keys** are refused, as AWS refuses them (moto accepts them).

MTurk requests are then checked like AWS checks them: the signature (with the
credential scope's region and the five-minute clock window), then the caller's
IAM policies for the action ``mechanicalturk:<Operation>``, matched as AWS
matches actions (moto's matcher is case-sensitive and knows no ``?``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from botocore.credentials import Credentials
from moto.iam import access_control
from moto.iam.access_control import (
    CreateAccessKeyFailure,
    IAMPolicy,
    IAMRequest,
    IAMUserAccessKey,
    PermissionResult,
)
from moto.sts.models import STSBackend

from . import constants
from .environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from .exceptions import (
    AccessDenied,
    InvalidSignature,
    MissingAuthenticationToken,
    UnrecognizedClient,
)
from .models import mturk_backends

SIGNATURE_WINDOW = timedelta(minutes=5)
AMZ_DATE = "%Y%m%dT%H%M%SZ"


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


def _key_is_inactive(key: IAMUserAccessKey) -> bool:
    user = key.backend.get_user_from_access_key_id(key._access_key_id)
    return user is not None and any(
        k.access_key_id == key._access_key_id and k.status != "Active" for k in user.access_keys
    )


def _create_access_key(
    original: Callable[..., Any],
) -> Callable[[str, str, str, dict[str, str]], Any]:
    def create_access_key(
        account_id: str, partition: str, access_key_id: str, headers: dict[str, str]
    ) -> Any:
        if access_key_id == ROOT_ACCESS_KEY_ID:
            if "X-Amz-Security-Token" in headers:
                raise CreateAccessKeyFailure(reason="InvalidToken")
            return RootAccessKey(account_id, partition)
        key = original(account_id, partition, access_key_id, headers)
        if isinstance(key, IAMUserAccessKey) and _key_is_inactive(key):
            raise CreateAccessKeyFailure(reason="InvalidId")
        return key

    return create_access_key


def _get_caller_identity(original: Callable[..., Any]) -> Callable[..., tuple[str, str, str]]:
    def get_caller_identity(
        self: STSBackend, access_key_id: str, region: str
    ) -> tuple[str, str, str]:
        if access_key_id == ROOT_ACCESS_KEY_ID:
            return (
                self.account_id,
                RootAccessKey(self.account_id, self.partition).arn,
                (self.account_id),
            )
        result: tuple[str, str, str] = original(self, access_key_id, region)
        return result

    return get_caller_identity


@contextmanager
def root_user_and_key_status() -> Iterator[None]:
    """Teach moto the root user and inactive keys while the block runs."""
    original_create = access_control.create_access_key
    original_identity = STSBackend.get_caller_identity
    access_control.create_access_key = _create_access_key(original_create)  # type: ignore[assignment]
    STSBackend.get_caller_identity = _get_caller_identity(original_identity)  # type: ignore[method-assign]
    try:
        yield
    finally:
        access_control.create_access_key = original_create
        STSBackend.get_caller_identity = original_identity  # type: ignore[method-assign]


def _action_pattern(pattern: str) -> str:
    """An IAM action pattern rewritten for moto's matcher, which reads it as a regex
    after turning ``*`` into ``.*``: no case, ``?`` for one character."""
    return "*".join(re.escape(part).replace(r"\?", ".") for part in pattern.lower().split("*"))


def _as_aws_matches(policy: Any) -> IAMPolicy:
    evaluated = IAMPolicy(policy)
    statements = evaluated._policy_json["Statement"]
    for statement in statements if isinstance(statements, list) else [statements]:
        for element in ("Action", "NotAction"):
            patterns = statement.get(element)
            if isinstance(patterns, str):
                statement[element] = _action_pattern(patterns)
            elif patterns is not None:
                statement[element] = [_action_pattern(p) for p in patterns]
    return evaluated


class MTurkIAMRequest(IAMRequest):
    """moto's IAM request check, with MTurk's action prefix, errors and rules."""

    def __init__(self, **kwargs: Any) -> None:
        headers = kwargs["headers"]
        if "Authorization" not in headers:
            raise MissingAuthenticationToken()
        super().__init__(**kwargs)
        self._action = self._action.replace("mturk-requester:", constants.IAM_ACTION_PREFIX, 1)

    def check_signature(self) -> None:
        signed_at = datetime.strptime(self._headers["X-Amz-Date"], AMZ_DATE).replace(tzinfo=UTC)
        now = mturk_backends[self.account_id][constants.REGION].signing_now()
        if signed_at < now - SIGNATURE_WINDOW:
            raise InvalidSignature(
                f"Signature expired: {signed_at:{AMZ_DATE}} is now earlier than "
                f"{now - SIGNATURE_WINDOW:{AMZ_DATE}} ({now:{AMZ_DATE}} - 5 min.)"
            )
        if signed_at > now + SIGNATURE_WINDOW:
            raise InvalidSignature(
                f"Signature not yet current: {signed_at:{AMZ_DATE}} is still later than "
                f"{now + SIGNATURE_WINDOW:{AMZ_DATE}} ({now:{AMZ_DATE}} + 5 min.)"
            )
        super().check_signature()

    def check_action_permitted(self, resource: str) -> None:
        results = [
            _as_aws_matches(policy).is_action_permitted(self._action.lower(), resource)
            for policy in self._access_key.collect_policies()
        ]
        if PermissionResult.DENIED in results:
            raise AccessDenied(self._access_key.arn, self._action, explicit=True)
        if PermissionResult.PERMITTED not in results:
            raise AccessDenied(self._access_key.arn, self._action, explicit=False)

    def _raise_signature_does_not_match(self) -> None:
        raise InvalidSignature()

    def _raise_invalid_access_key(self, _: str) -> None:
        raise UnrecognizedClient()
