"""MTurk's errors, worded as the service words them.

The service model defines two modeled errors, ``RequestError`` and
``ServiceFault``; both carry ``Message`` and ``TurkErrorCode``. Errors from the
authentication layer (bad key, bad signature, missing permission) are not in the
model: they arrive as the generic errors every AWS JSON-protocol service returns,
so they are ``JsonRESTError`` subclasses here, as in moto's own services.
"""

from __future__ import annotations

import time

from moto.core.exceptions import JsonRESTError, ServiceException

from .constants import PREPAID_HITS_PAGE


def _stamp(message: str) -> str:
    # MTurk ends most messages with the request time in milliseconds, e.g.
    # "Hit 3ABC... does not exist. (1571231232312)".
    return f"{message} ({int(time.time() * 1000)})"


class RequestError(ServiceException):
    code = "RequestError"

    def __init__(self, message: str, turk_error_code: str) -> None:
        super().__init__(_stamp(message))
        self.turk_error_code = turk_error_code


class InvalidParameter(RequestError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "AWS.ParameterOutOfRange")


class DoesNotExist(RequestError):
    def __init__(self, kind: str, identifier: str) -> None:
        super().__init__(
            f"{kind} {identifier} does not exist.",
            f"AWS.MechanicalTurk.{kind}DoesNotExist",
        )


class InvalidState(RequestError):
    def __init__(self, kind: str, state: str, allowed: str) -> None:
        super().__init__(
            f"This {kind} is currently in the state '{state}'. "
            f"This operation can be called with a status of: {allowed}",
            f"AWS.MechanicalTurk.Invalid{kind}State",
        )


class AccountNotLinked(RequestError):
    # The sandbox message is quoted from real reports; production's is assumed
    # to differ only in the developer page it names.
    def __init__(self, developer_page: str) -> None:
        ServiceException.__init__(
            self,
            "To use the MTurk API, you will need an Amazon Web Services (AWS) Account. "
            "Your AWS account must be linked to your Amazon Mechanical Turk Account. "
            f"Visit {developer_page} to get started.",
        )
        self.turk_error_code = "AWS.AccountNotLinked"


class InsufficientFunds(RequestError):
    def __init__(self) -> None:
        ServiceException.__init__(
            self,
            "This Requester has insufficient funds in their account to complete this "
            f"transaction. Please visit {PREPAID_HITS_PAGE} to purchase Prepaid HITs.",
        )
        self.turk_error_code = "AWS.MechanicalTurk.InsufficientFunds"


class UnrecognizedClient(JsonRESTError):
    code = 400

    def __init__(self) -> None:
        super().__init__(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        )


class MissingAuthenticationToken(JsonRESTError):
    code = 400

    def __init__(self) -> None:
        super().__init__(
            "MissingAuthenticationTokenException", "Request is missing Authentication Token"
        )


class InvalidSignature(JsonRESTError):
    code = 400

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            "InvalidSignatureException",
            message
            or "The request signature we calculated does not match the signature you "
            "provided. Check your AWS Secret Access Key and signing method. Consult the "
            "service documentation for details.",
        )


class AccessDenied(JsonRESTError):
    code = 400

    def __init__(self, principal_arn: str, action: str, reason: str) -> None:
        # ``reason`` is AWS's ending, e.g. "with an explicit deny in an
        # identity-based policy" (see ``iam_policy.evaluate``).
        super().__init__(
            "AccessDeniedException",
            f"User: {principal_arn} is not authorized to perform: {action} {reason}",
        )


class WorkerCannotAccept(Exception):
    """A simulated worker was refused a HIT, as the worker website would refuse it."""
