"""The local server's edge: the control routes, the services it serves, and AWS's answer
to every bad request (``mturk_emulator/edge``).

Each finding runs twice: against ``serving()`` in this process (fast, measured by
coverage) and against a real ``mturk-emulator serve`` process (marked ``process``),
one of each per module. Error answers are read with botocore's own parsers: what
the SDKs would make of them.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore import parsers
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from mturk_emulator import server
from mturk_emulator.edge import MAX_BODY
from mturk_emulator.environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from tests.emulator.processes import start_process, stop_process

TOKEN = "test-control-token"
TARGET = "MTurkRequesterServiceV20170117"
JSON_TYPE = "application/x-amz-json-1.1"
FORM_TYPE = "application/x-www-form-urlencoded"
SCOPE_MESSAGE = "Credential should be scoped to correct service: 'mturk-requester'. "


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def error(self, protocol: str = "json") -> tuple[str, str]:
        """(code, message) as botocore's parser for ``protocol`` reads the answer."""
        parser = parsers.create_parser(protocol)
        parsed = parser.parse(
            {"status_code": self.status, "headers": self.headers, "body": self.body}, None
        )
        return parsed["Error"]["Code"], parsed["Error"].get("Message", "")


def send(
    url: str,
    path: str = "/sandbox",
    *,
    body: bytes = b"{}",
    headers: dict[str, str] | None = None,
    sign: str | None = "mturk-requester",
    method: str = "POST",
    drop: tuple[str, ...] = (),
) -> Answer:
    """One request, signed with the root key for the ``sign`` service (None: unsigned)."""
    request = AWSRequest(method=method, url=url + path, data=body, headers=headers or {})
    if sign:
        credentials = Credentials(ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY)
        SigV4Auth(credentials, sign, "us-east-1").add_auth(request)
    sent = {k: v for k, v in request.headers.items() if k not in drop}
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.request(method, path, body=body if method != "GET" else None, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def mturk(operation: str, payload: Any = None) -> dict[str, Any]:
    body = b"{}" if payload is None else json.dumps(payload).encode()
    headers = {"Content-Type": JSON_TYPE, "X-Amz-Target": f"{TARGET}.{operation}"}
    return {"body": body, "headers": headers}


def query(action: str, version: str = "2010-05-08") -> dict[str, Any]:
    body = f"Action={action}&Version={version}".encode()
    return {"path": "/", "body": body, "headers": {"Content-Type": FORM_TYPE}}


@pytest.fixture(
    scope="module", params=["in-process", pytest.param("process", marks=pytest.mark.process)]
)
def url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The address of a server with control token ``TOKEN`` and one extra CORS origin."""
    if request.param == "in-process":
        with server.serving(
            port=0, control_token=TOKEN, cors_origins=["https://lab.example.org"]
        ) as running:
            yield running.url
        return
    process, address = start_process(
        "--control-token", TOKEN, "--cors-origin", "https://lab.example.org/"
    )
    try:
        yield address
    finally:
        stop_process(process)


# --- 1. no unauthenticated control surface -------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/moto-api/reset-auth"),
        ("POST", "/moto-api/reset"),
        ("GET", "/moto-api/data.json"),
        ("GET", "/moto-api/"),
    ],
)
def test_control_routes_refuse_without_the_token(url: str, method: str, path: str) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        answer = send(url, path, method=method, sign=None, headers=headers, body=b"1")
        assert answer.status == 403
        assert answer.error()[0] == "AccessDeniedException"
        assert b"SecretAccessKey" not in answer.body


def test_control_routes_answer_with_the_token(url: str) -> None:
    send(url, **query("CreateUser&UserName=keyholder"), sign="iam")
    send(url, **query("CreateAccessKey&UserName=keyholder"), sign="iam")
    answer = send(
        url,
        "/moto-api/data.json",
        method="GET",
        sign=None,
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert answer.status == 200
    assert b"keyholder" in answer.body


def test_control_routes_are_not_readable_cross_origin(url: str) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Origin": "https://evil.example"}
    answer = send(url, "/moto-api/data.json", method="GET", sign=None, headers=headers)
    assert answer.status == 403
    assert "Access-Control-Allow-Origin" not in answer.headers


def test_health_answers_without_authentication_and_says_nothing_else(url: str) -> None:
    answer = send(url, "/health", method="GET", sign=None)
    assert (answer.status, json.loads(answer.body)) == (200, {"status": "ok"})


# --- 3. only MTurk, IAM and STS --------------------------------------------------------


@pytest.mark.evidence("edge.only-three-services")
@pytest.mark.parametrize(
    ("request_parts", "sign", "protocol", "expected"),
    [
        (query("ListQueues", "2012-11-05"), "sqs", "query", ("SignatureDoesNotMatch", "'iam'")),
        (
            query("DescribeInstances", "2016-11-15"),
            "ec2",
            "query",
            ("SignatureDoesNotMatch", "'iam'"),
        ),
        (
            query("GetCallerIdentity", "2011-06-15"),
            "sqs",
            "query",
            ("SignatureDoesNotMatch", "'sts'"),
        ),
        (
            {
                "path": "/",
                "body": b"{}",
                "headers": {
                    "Content-Type": "application/x-amz-json-1.0",
                    "X-Amz-Target": "DynamoDB_20120810.ListTables",
                },
            },
            "dynamodb",
            "json",
            ("InvalidSignatureException", "'mturk-requester'"),
        ),
        (
            {"path": "/my-bucket", "method": "GET", "body": b""},
            "s3",
            "json",
            ("UnknownOperationException", ""),
        ),
        (
            {"path": "/my-bucket/key", "method": "PUT", "body": b"data"},
            "s3",
            "json",
            ("UnknownOperationException", ""),
        ),
        (
            {"path": "/latest/meta-data/", "method": "GET", "body": b""},
            None,
            "json",
            ("MissingAuthenticationTokenException", ""),
        ),
        (
            {"path": "/favicon.ico", "method": "GET", "body": b""},
            "mturk-requester",
            "json",
            ("UnknownOperationException", ""),
        ),
    ],
)
def test_other_services_get_an_aws_shaped_refusal(
    url: str,
    request_parts: dict[str, Any],
    sign: str | None,
    protocol: str,
    expected: tuple[str, str],
) -> None:
    answer = send(url, **request_parts, sign=sign)
    assert 400 <= answer.status < 500
    code, message = answer.error(protocol)
    assert code == expected[0]
    assert expected[1] in message


def test_s3_never_answers(url: str) -> None:
    send(url, "/my-bucket", method="PUT", body=b"", sign="s3")
    answer = send(url, "/", method="GET", body=b"", sign="s3")
    assert b"ListAllMyBucketsResult" not in answer.body
    assert answer.error() == ("InvalidSignatureException", SCOPE_MESSAGE)


# --- 4. AWS's error for every bad request --------------------------------------------

SIGNED = (
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261207/us-east-1/mturk-requester/"
    "aws4_request"
)
DEEP = b'{"HITId": ' + b"[" * 5000 + b"]" * 5000 + b"}"
BAD_JSON_REQUESTS = {
    "malformed JSON": (mturk("GetAccountBalance") | {"body": b"{"}, ""),
    "a JSON array": (
        mturk("GetAccountBalance") | {"body": b"[]"},
        "Start of list found where not expected.",
    ),
    "a JSON string": (
        mturk("GetAccountBalance") | {"body": b'"x"'},
        "STRING_VALUE can not be converted to a Structure",
    ),
    "not UTF-8": (mturk("GetHIT") | {"body": b'{"HITId": "\xff"}'}, ""),
    "NaN": (mturk("GetHIT") | {"body": b'{"HITId": NaN}'}, ""),
    "deep nesting": (mturk("GetHIT") | {"body": DEEP}, ""),
    "a number for a string": (
        mturk("GetHIT", {"HITId": 5}),
        "NUMBER_VALUE can not be converted to a String",
    ),
    "a string for an integer": (
        mturk("ListHITs", {"MaxResults": "5"}),
        "STRING_VALUE can not be converted to an Integer",
    ),
    "a boolean for an integer": (
        mturk("ListHITs", {"MaxResults": True}),
        "BOOLEAN_VALUE can not be converted to an Integer",
    ),
    "a number for a boolean": (
        mturk("UpdateHITReviewStatus", {"HITId": "x", "Revert": 1}),
        "NUMBER_VALUE can not be converted to a Boolean",
    ),
    "a string for a list": (
        mturk("NotifyWorkers", {"Subject": "s", "MessageText": "m", "WorkerIds": "A1"}),
        "STRING_VALUE can not be converted to a List",
    ),
    "an object for a string": (
        mturk("GetHIT", {"HITId": {}}),
        "Start of structure or map found where not expected.",
    ),
    "a list inside a structure": (
        mturk("CreateHIT", {"QualificationRequirements": [{"QualificationTypeId": ["x"]}]}),
        "Start of list found where not expected.",
    ),
    "a string for a timestamp": (
        mturk("UpdateExpirationForHIT", {"HITId": "x", "ExpireAt": "soon"}),
        "STRING_VALUE can not be converted to a Date",
    ),
}


@pytest.mark.evidence("edge.serialization", "edge.member-types")
@pytest.mark.parametrize(
    ("request_parts", "message"), list(BAD_JSON_REQUESTS.values()), ids=list(BAD_JSON_REQUESTS)
)
def test_a_body_that_is_not_the_operations_json(
    url: str, request_parts: dict[str, Any], message: str
) -> None:
    answer = send(url, **request_parts)
    assert answer.status == 400
    assert answer.error() == ("SerializationException", message)


@pytest.mark.evidence("edge.unknown-operation")
@pytest.mark.parametrize(
    "target",
    [
        "Foo.GetAccountBalance",
        f"{TARGET}.getAccountBalance",
        f"{TARGET}.Nothing",
        TARGET,
        "",
        f"{TARGET.lower()}.GetAccountBalance",
    ],
)
def test_an_unknown_operation_or_target(url: str, target: str) -> None:
    headers = (
        {"Content-Type": JSON_TYPE, "X-Amz-Target": target}
        if target
        else {"Content-Type": JSON_TYPE}
    )
    answer = send(url, headers=headers)
    assert (answer.status, answer.error()) == (400, ("UnknownOperationException", ""))


@pytest.mark.evidence("edge.unknown-operation", "edge.serialization")
def test_a_form_body_at_mturk(url: str) -> None:
    answer = send(
        url, "/sandbox", body=b"Action=GetAccountBalance", headers={"Content-Type": FORM_TYPE}
    )
    assert (answer.status, answer.error()) == (400, ("UnknownOperationException", ""))
    headers = {"Content-Type": FORM_TYPE, "X-Amz-Target": f"{TARGET}.GetAccountBalance"}
    answer = send(url, "/sandbox", body=b"{}", headers=headers)
    assert (answer.status, answer.error()) == (400, ("SerializationException", ""))


@pytest.mark.evidence("edge.missing-authentication")
def test_missing_authentication(url: str) -> None:
    answer = send(url, **mturk("GetAccountBalance"), sign=None)
    assert (answer.status, answer.error()) == (
        403,
        ("MissingAuthenticationTokenException", "Request is missing Authentication Token"),
    )
    answer = send(url, **query("ListUsers"), sign=None)
    assert (answer.status, answer.error("query")) == (
        403,
        ("MissingAuthenticationToken", "Request is missing Authentication Token"),
    )
    assert answer.headers["Content-Type"] == "text/xml"


@pytest.mark.evidence("edge.incomplete-signature")
@pytest.mark.parametrize(
    ("authorization", "message"),
    [
        (
            "Bearer abc",
            "Authorization header requires 'Credential' parameter. Authorization header requires "
            "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
            "Authorization=Bearer abc",
        ),
        (
            f"{SIGNED}",
            "Authorization header requires 'Signature' parameter. Authorization header requires "
            f"'SignedHeaders' parameter. Authorization={SIGNED}",
        ),
        (
            f"{SIGNED}, SignedHeaders, Signature=abc",
            "'SignedHeaders' not a valid key=value pair (missing equal-sign) in Authorization "
            "header: "
            f"'{SIGNED}, SignedHeaders, Signature=abc'.",
        ),
    ],
)
def test_an_incomplete_signature(url: str, authorization: str, message: str) -> None:
    headers = mturk("GetAccountBalance")["headers"] | {
        "Authorization": authorization,
        "X-Amz-Date": "20261207T000000Z",
    }
    answer = send(url, headers=headers, sign=None)
    assert (answer.status, answer.error()) == (400, ("IncompleteSignatureException", message))
    answer = send(
        url,
        **query("ListUsers")
        | {
            "headers": {
                "Content-Type": FORM_TYPE,
                "Authorization": authorization,
                "X-Amz-Date": "20261207T000000Z",
            }
        },
        sign=None,
    )
    assert (answer.status, answer.error("query")) == (400, ("IncompleteSignature", message))


@pytest.mark.evidence("edge.incomplete-signature", "edge.signature-date")
def test_a_missing_or_malformed_date(url: str) -> None:
    answer = send(url, **mturk("GetAccountBalance"), drop=("X-Amz-Date",))
    code, message = answer.error()
    assert (answer.status, code) == (400, "IncompleteSignatureException")
    assert message.startswith(
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        "Authorization=AWS4-HMAC-SHA256 "
    )
    for date in ("2026-12-07", "Mon, 07 Dec 2026 16:00:00 GMT"):
        headers = mturk("GetAccountBalance")["headers"] | {
            "Authorization": f"{SIGNED}, SignedHeaders=host, Signature=abc"
        }
        answer = send(url, headers=headers | {"X-Amz-Date": date}, sign=None)
        assert answer.error() == (
            "IncompleteSignatureException",
            f"Date must be in ISO-8601 'basic format'. Got '{date}'. See http://en.wikipedia.org/wiki/ISO_8601",
        )
    answer = send(url, headers=headers | {"Date": "Mon, 07 Dec 2026 16:00:00 GMT"}, sign=None)
    assert answer.error()[1].startswith(
        "Date must be in ISO-8601 'basic format'. Got 'Mon, 07 Dec"
    )


@pytest.mark.evidence("auth.scope-service")
@pytest.mark.parametrize("service", ["iam", "sts", "s3", "sqs"])
@pytest.mark.parametrize("path", ["/sandbox", "/production", "/"])
def test_a_scope_for_another_service_on_the_mturk_path(url: str, service: str, path: str) -> None:
    # The same answer as in process (tests/emulator/test_auth.py): InvalidSignatureException.
    answer = send(url, path, **mturk("GetAccountBalance"), sign=service)
    assert (answer.status, answer.error()) == (400, ("InvalidSignatureException", SCOPE_MESSAGE))


@pytest.mark.evidence("edge.invalid-action")
def test_an_unknown_iam_or_sts_action(url: str) -> None:
    answer = send(url, **query("Foo"), sign="iam")
    assert (answer.status, answer.error("query")) == (
        400,
        ("InvalidAction", "Could not find operation Foo for version 2010-05-08"),
    )
    answer = send(url, **query("listUsers"), sign="sts")
    assert answer.error("query") == (
        "InvalidAction",
        "Could not find operation listUsers for version 2011-06-15",
    )
    answer = send(url, "/", body=b"Action=\xff", headers={"Content-Type": FORM_TYPE}, sign="iam")
    assert answer.error("query")[0] == "InvalidAction"


@pytest.mark.evidence("edge.too-large")
def test_an_oversize_body(url: str) -> None:
    answer = send(url, **mturk("GetAccountBalance") | {"body": b" " * (MAX_BODY + 1)})
    assert (answer.status, answer.error()) == (
        413,
        ("RequestEntityTooLargeException", f"Request must be smaller than {MAX_BODY} bytes"),
    )
    answer = send(
        url, **query("ListUsers") | {"body": b"Action=ListUsers&" + b"x" * MAX_BODY}, sign="iam"
    )
    assert (answer.status, answer.error("query")[0]) == (413, "RequestEntityTooLarge")


def test_a_query_string_action_is_the_query_protocol(url: str) -> None:
    # Older SDKs sent IAM and STS calls as GET with the Action in the query string.
    answer = send(url, "/?Action=GetCallerIdentity&Version=2011-06-15", method="GET", body=b"",
                  sign=None)  # fmt: skip
    assert (answer.status, answer.error("query")[0]) == (403, "MissingAuthenticationToken")
    answer = send(url, "/?Action=Nothing&Version=2011-06-15", method="GET", body=b"", sign="sts")
    assert answer.error("query")[0] == "InvalidAction"


def test_a_null_member_is_an_absent_member(url: str) -> None:
    answer = send(url, **mturk("GetHIT", {"HITId": None}))
    assert answer.error() == (
        "ValidationException",
        "1 validation error detected: Value null at 'hITId' failed to satisfy constraint: "
        "Member must not be null",
    )


def test_good_requests_still_pass(url: str) -> None:
    answer = send(url, **mturk("GetAccountBalance"))
    assert (answer.status, json.loads(answer.body)) == (200, {"AvailableBalance": "10000.00"})
    answer = send(url, **query("GetCallerIdentity", "2011-06-15"), sign="sts")
    assert answer.status == 200
    assert b"arn:aws:iam::123456789012:root" in answer.body


# --- 2. CORS ---------------------------------------------------------------------------

PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization,content-type,x-amz-date,x-amz-target",
}


@pytest.mark.parametrize(
    "origin",
    ["http://localhost:8080", "http://127.0.0.1", "https://[::1]:3000", "https://lab.example.org"],
)
def test_preflights_from_allowed_origins_are_answered(url: str, origin: str) -> None:
    answer = send(
        url, method="OPTIONS", sign=None, body=b"", headers={"Origin": origin, **PREFLIGHT}
    )
    assert answer.status == 204
    assert answer.headers["Access-Control-Allow-Origin"] == origin
    assert answer.headers["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    assert (
        answer.headers["Access-Control-Allow-Headers"]
        == PREFLIGHT["Access-Control-Request-Headers"]
    )
    signed = send(
        url,
        **mturk("GetAccountBalance")
        | {"headers": mturk("GetAccountBalance")["headers"] | {"Origin": origin}},
    )
    assert signed.status == 200
    assert signed.headers["Access-Control-Allow-Origin"] == origin  # never moto's "*"
    assert "x-amzn-RequestId" in signed.headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "http://localhost.evil.example", "null", "http://[::1"]
)
def test_an_unlisted_origin_reads_nothing(url: str, origin: str) -> None:
    answer = send(
        url, method="OPTIONS", sign=None, body=b"", headers={"Origin": origin, **PREFLIGHT}
    )
    assert answer.status == 403
    assert "Access-Control-Allow-Origin" not in answer.headers
    signed = send(
        url,
        **mturk("GetAccountBalance")
        | {"headers": mturk("GetAccountBalance")["headers"] | {"Origin": origin}},
    )
    assert signed.status == 403
    assert "Access-Control-Allow-Origin" not in signed.headers
    assert b"AvailableBalance" not in signed.body


def test_options_without_an_origin_is_refused(url: str) -> None:
    answer = send(url, method="OPTIONS", sign=None, body=b"")
    assert (answer.status, answer.error()[0]) == (403, "AccessDeniedException")
