"""Who is calling MTurk, and may they? SigV4 and IAM, on moto's own machinery.

MTurk requests are checked as AWS checks them:

1. the credential scope: region ``us-east-1`` and service ``mturk-requester``
   (even when moto does not enforce authorization: these are about MTurk);
2. no temporary credentials (MTurk does not accept them);
3. the key and its signature, within five minutes of MTurk's clock;
4. the caller's IAM policies and permissions boundary for the action
   ``mechanicalturk:<Operation>``, evaluated as AWS evaluates them
   (:mod:`.iam_policy`, through :class:`.moto_iam.EvaluatedIAMRequest`).

Refusals use the JSON-protocol errors MTurk returns, not moto's query-protocol
ones. The account-wide changes to moto (root user, sessions, boundaries) live in
:mod:`.moto_iam`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any, cast

from moto.core.responses import BaseResponse

from . import constants
from .exceptions import (
    AccessDenied,
    InvalidSignature,
    MissingAuthenticationToken,
    UnrecognizedClient,
)
from .iam_policy import Decision, Principal
from .models import mturk_backends
from .moto_iam import EvaluatedIAMRequest, check_service_scope

SIGNATURE_WINDOW = timedelta(minutes=5)
AMZ_DATE = "%Y%m%dT%H%M%SZ"


def _scoped_to_another_service(service: str) -> InvalidSignature:
    return InvalidSignature(f"Credential should be scoped to correct service: '{service}'. ")


def check_credential_scope(headers: dict[str, str]) -> None:
    """MTurk's region and signing name must be the ones in the credential scope."""
    scope = headers.get("Authorization", "").partition("Credential=")[2].split("/")
    if len(scope) > 2 and scope[2] != constants.REGION:
        region = scope[2]
        raise InvalidSignature(f"Credential should be scoped to a valid region, not '{region}'. ")
    check_service_scope(headers, constants.SIGNING_NAME, _scoped_to_another_service)


class MTurkIAMRequest(EvaluatedIAMRequest):
    """AWS's evaluation, with MTurk's action prefix, errors and clock."""

    def __init__(self, **kwargs: Any) -> None:
        headers = kwargs["headers"]
        if "Authorization" not in headers:
            raise MissingAuthenticationToken()
        super().__init__(**kwargs)
        self._action = self._action.replace(
            f"{constants.SIGNING_NAME}:", constants.IAM_ACTION_PREFIX, 1
        )

    def check_signature(self) -> None:
        signed = datetime.strptime(self._headers["X-Amz-Date"], AMZ_DATE)
        signed_at = signed.replace(tzinfo=timezone.utc)
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

    def _deny(self, principal: Principal, resource: str, decision: Decision) -> None:
        # MTurk has no resource-level permissions: its messages name no resource.
        raise AccessDenied(principal.arn, self._action, decision.reason)

    def _raise_signature_does_not_match(self) -> None:
        raise InvalidSignature()

    def _raise_invalid_access_key(self, _: str) -> None:
        raise UnrecognizedClient()


def authorize_mturk_request(response: BaseResponse, resource: str = "*") -> None:
    """The checks above, for one request served by ``response``."""
    check_credential_scope(response.headers)
    if "X-Amz-Security-Token" in response.headers:
        # MTurk does not accept temporary credentials (roles, sessions,
        # federation). AWS does not publish the exact error; a token the
        # service cannot use is reported like any other unusable token.
        raise UnrecognizedClient()
    request_class = cast(type, partial(MTurkIAMRequest, url=response.uri))
    response._authenticate_and_authorize_action(request_class, resource)
