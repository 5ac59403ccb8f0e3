"""MTurk's errors, worded as the service words them.

The service model defines two modeled errors, ``RequestError`` and
``ServiceFault``; both carry ``Message`` and ``TurkErrorCode``. Errors from the
authentication layer (bad key, bad signature, missing permission) are not in the
model: they arrive as the generic errors every AWS JSON-protocol service returns,
so they are ``JsonRESTError`` subclasses here, as in moto's own services.
"""

from __future__ import annotations

import json
import time

from moto.core.exceptions import JsonRESTError, ServiceException

from .constants import (
    BAD_SIGNATURE_MESSAGE,
    INSUFFICIENT_FUNDS_MESSAGE,
    NOT_LINKED_MESSAGE,
    UNKNOWN_KEY_MESSAGE,
)


def _stamp(message: str) -> str:
    # MTurk ends most messages with the request time in milliseconds, e.g.
    # "Hit 3ABC... does not exist. (1571231232312)".
    return f"{message} ({int(time.time() * 1000)})"


class RequestError(ServiceException):
    code = "RequestError"

    def __init__(self, message: str, turk_error_code: str) -> None:
        super().__init__(_stamp(message))
        self.turk_error_code = turk_error_code


class DoesNotExist(RequestError):
    def __init__(self, kind: str, identifier: str) -> None:
        super().__init__(
            f"{kind} {identifier} does not exist.",
            f"AWS.MechanicalTurk.{kind}DoesNotExist",
        )


class InvalidState(RequestError):
    # boto/boto3#2107: "This HIT is currently in the state 'Reviewable'.  This operation
    # can be called with a status of: Reviewing, Reviewable" (two spaces, as sent).
    def __init__(self, kind: str, state: str, allowed: str) -> None:
        super().__init__(
            f"This {kind} is currently in the state '{state}'.  "
            f"This operation can be called with a status of: {allowed}",
            f"AWS.MechanicalTurk.Invalid{kind}State",
        )


class AssignmentState(RequestError):
    # NRGI/resourcecontracts.org#1384: {"__type":"RequestError","Message":"This operation
    # can be called with a status of: Submitted (1624047673908)","TurkErrorCode":
    # "AWS.MechanicalTurk.InvalidAssignmentState"}
    def __init__(self, allowed: str) -> None:
        super().__init__(
            f"This operation can be called with a status of: {allowed}",
            "AWS.MechanicalTurk.InvalidAssignmentState",
        )


class AccountNotLinked(RequestError):
    # The sandbox message is quoted from real reports; production's is assumed
    # to differ only in the developer page it names.
    def __init__(self, developer_page: str) -> None:
        ServiceException.__init__(self, NOT_LINKED_MESSAGE.format(developer_page=developer_page))
        self.turk_error_code = "AWS.AccountNotLinked"


class InsufficientFunds(RequestError):
    def __init__(self) -> None:
        ServiceException.__init__(self, INSUFFICIENT_FUNDS_MESSAGE)
        self.turk_error_code = "AWS.MechanicalTurk.InsufficientFunds"


class ParameterValidationError(JsonRESTError):
    """MTurk's own check of a parameter failed (a range, an unknown worker, bad XML).

    Not in the service model, so botocore has no class for it (``RequestError``
    does not catch it). The body carries ``Parameter`` and a TurkErrorCode, as in
    boto/boto3#2108: ``..."Parameter":"Test","TurkErrorCode":"AWS.MechanicalTurk.
    InvalidParameterValue"}``. Ledger: ``validation.parameter-validation-error``.
    """

    code = 400

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__("ParameterValidationError", _stamp(message))
        self.parameter = parameter
        self.description = json.dumps(
            {
                "__type": self.error_type,
                "Message": self.message,
                "Parameter": parameter,
                "TurkErrorCode": "AWS.MechanicalTurk.InvalidParameterValue",
            }
        )

    @classmethod
    def out_of_range(
        cls, parameter: str, value: int, low: int, high: int
    ) -> ParameterValidationError:
        # aws/aws-sdk-java#1817: "The value 11 is invalid for ExpirationIncrementInSeconds.
        # Valid values range from 60 to 31536000."
        return cls(
            parameter,
            f"The value {value} is invalid for {parameter}. "
            f"Valid values range from {low} to {high}.",
        )

    @classmethod
    def not_valid(cls, parameter: str, value: object) -> ParameterValidationError:
        # aws/aws-sdk-java#2055: 'The value "REDACTED" is not valid for the parameter WorkerId.'
        return cls(parameter, f'The value "{value}" is not valid for the parameter {parameter}.')


class ValidationException(JsonRESTError):
    """A request broke a constraint of the service model (AWS's own request check).

    Worded as Dallinger/Dallinger#1052 shows it: ``1 validation error detected:
    Value '0.9752' at 'bonusAmount' failed to satisfy constraint: Member must satisfy
    regular expression pattern: ...``. Ledger: ``validation.model-constraints``.
    """

    code = 400

    def __init__(self, problems: list[str]) -> None:
        count = len(problems)
        errors = "error" if count == 1 else "errors"
        super().__init__(
            "ValidationException",
            f"{count} validation {errors} detected: " + "; ".join(problems),
        )


class UnrecognizedClient(JsonRESTError):
    code = 400

    def __init__(self) -> None:
        super().__init__("UnrecognizedClientException", UNKNOWN_KEY_MESSAGE)


class MissingAuthenticationToken(JsonRESTError):
    code = 403  # ledger: edge.missing-authentication

    def __init__(self) -> None:
        super().__init__(
            "MissingAuthenticationTokenException", "Request is missing Authentication Token"
        )


class InvalidSignature(JsonRESTError):
    code = 400

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            "InvalidSignatureException",
            message or BAD_SIGNATURE_MESSAGE,
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


class InvalidAnswer(ValueError):
    """A simulated worker's answers do not fit the HIT's question, or are not
    a QuestionFormAnswers document (the worker website would not have sent them)."""
