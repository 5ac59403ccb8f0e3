"""The refusals the edge answers itself, in the wire format of the service asked.

MTurk speaks AWS's JSON protocol: an error is ``{"__type": ..., "message": ...}``
with ``application/x-amz-json-1.1``. IAM and STS speak the query protocol: an
``<ErrorResponse>`` document. botocore and every other SDK parse both shapes; an
HTML page they cannot parse, and a 500 they retry. The codes, messages and statuses,
with their evidence, are the ledger's ``edge`` rules.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from enum import Enum
from xml.sax.saxutils import escape


class Protocol(Enum):
    JSON = "json"  # MTurk
    QUERY = "query"  # IAM and STS


QUERY_NAMESPACES = {
    "iam": "https://iam.amazonaws.com/doc/2010-05-08/",
    "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
}


@dataclass(frozen=True)
class Refusal(Exception):
    """An AWS-shaped error answer: status, code, message (``""``: none, as AWS sends some)."""

    status: int
    code: str
    message: str = ""

    def json_body(self) -> bytes:
        body = {"__type": self.code}
        if self.message:
            body["message"] = self.message
        return json.dumps(body).encode()

    def query_body(self, request_id: str, service: str) -> bytes:
        namespace = QUERY_NAMESPACES.get(service, QUERY_NAMESPACES["iam"])
        kind = "Receiver" if self.status >= 500 else "Sender"
        return (
            f'<ErrorResponse xmlns="{namespace}"><Error><Type>{kind}</Type>'
            f"<Code>{escape(self.code)}</Code><Message>{escape(self.message)}</Message>"
            f"</Error><RequestId>{request_id}</RequestId></ErrorResponse>"
        ).encode()


def new_request_id() -> str:
    return str(uuid.uuid4())


STATUS_TEXT = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    413: "Request Entity Too Large",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def render(
    refusal: Refusal, protocol: Protocol, request_id: str, service: str = "iam"
) -> tuple[str, list[tuple[str, str]], bytes]:
    """The status line, headers and body of ``refusal`` in ``protocol``."""
    if protocol is Protocol.QUERY:
        body = refusal.query_body(request_id, service)
        content_type = "text/xml"
    else:
        body = refusal.json_body()
        content_type = "application/x-amz-json-1.1"
    headers = [
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("x-amzn-RequestId", request_id),
        ("x-amzn-ErrorType", refusal.code),
    ]
    return f"{refusal.status} {STATUS_TEXT[refusal.status]}", headers, body


# --- the refusals ----------------------------------------------------------------------

JSON_MISSING_AUTHENTICATION = "MissingAuthenticationTokenException"
MISSING_AUTHENTICATION_MESSAGE = "Request is missing Authentication Token"


def missing_authentication(protocol: Protocol) -> Refusal:
    code = (
        JSON_MISSING_AUTHENTICATION if protocol is Protocol.JSON else "MissingAuthenticationToken"
    )
    return Refusal(403, code, MISSING_AUTHENTICATION_MESSAGE)


def incomplete_signature(protocol: Protocol, message: str) -> Refusal:
    code = "IncompleteSignatureException" if protocol is Protocol.JSON else "IncompleteSignature"
    return Refusal(400, code, message)


def scoped_to_another_service(protocol: Protocol, service: str) -> Refusal:
    code = "InvalidSignatureException" if protocol is Protocol.JSON else "SignatureDoesNotMatch"
    return Refusal(400, code, f"Credential should be scoped to correct service: '{service}'. ")


def unknown_operation() -> Refusal:
    return Refusal(400, "UnknownOperationException")


def serialization(message: str = "") -> Refusal:
    return Refusal(400, "SerializationException", message)


def invalid_action(action: str, version: str) -> Refusal:
    return Refusal(
        400, "InvalidAction", f"Could not find operation {action} for version {version}"
    )


def too_large(protocol: Protocol, limit: int) -> Refusal:
    code = (
        "RequestEntityTooLargeException" if protocol is Protocol.JSON else "RequestEntityTooLarge"
    )
    return Refusal(413, code, f"Request must be smaller than {limit} bytes")


def too_many_connections(limit: int) -> Refusal:
    """More connections at once than the server serves (ledger ``edge.connection-limit``)."""
    return Refusal(
        503,
        "ServiceUnavailableException",
        f"The local server is already serving {limit} connections. Try again shortly.",
    )


def internal_failure() -> Refusal:
    return Refusal(
        500, "InternalFailure", "The request processing has failed because of an unknown error."
    )


# --- the server's own refusals (no AWS service has these doors) ---------------------------


def origin_not_allowed(origin: str) -> Refusal:
    return Refusal(
        403,
        "AccessDeniedException",
        f"Web pages from origin '{origin}' may not call this server. To allow them, "
        "start it with --cors-origin and that origin.",
    )


def control_token_needed() -> Refusal:
    return Refusal(
        403,
        "AccessDeniedException",
        "The control routes need the control token the server printed when it started: "
        "send it as the header 'Authorization: Bearer <token>'.",
    )
