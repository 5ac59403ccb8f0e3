"""Rules about requests no operation sees: the local server's answer to a request that
is unsigned, badly signed, for another service, for no operation, or not the
operation's JSON, and the limits on its size.

Implemented in ``mturk_emulator/edge/`` (the local server's edge) and pinned by
``tests/emulator/test_server_edge.py`` and ``test_server_limits.py``. In process,
botocore never sends such requests.
"""

from __future__ import annotations

from . import Rule

COMMON_ERRORS = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/CommonErrors.html"

RULES: tuple[Rule, ...] = (
    Rule(
        "edge.missing-authentication",
        "A request without an Authorization header is refused with status 403: at MTurk "
        "MissingAuthenticationTokenException, at IAM and STS MissingAuthenticationToken in an "
        "ErrorResponse document, both 'Request is missing Authentication Token'.",
        "observed",
        "https://github.com/amzn/selling-partner-api-docs/issues/3081",
        "HTTP/1.1 403 Forbidden ... <Code>MissingAuthenticationToken</Code> "
        "<Message>Request is missing Authentication Token</Message>",
    ),
    Rule(
        "edge.incomplete-signature",
        "An Authorization header that lacks Credential, SignedHeaders or Signature (or is "
        "another scheme), a request with neither X-Amz-Date nor Date, and a header part "
        "without '=' are refused with 400 IncompleteSignatureException (IncompleteSignature at "
        "IAM and STS), naming each missing part and ending 'Authorization=<header>'.",
        "observed",
        "https://github.com/brendanhay/amazonka/issues/316",
        "statusCode = 400 ... IncompleteSignature ... Authorization header requires 'Signature' "
        "parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=...",
    ),
    Rule(
        "edge.signature-date",
        "A date that is not ISO 8601's basic format (20261207T160000Z) is refused with "
        "IncompleteSignatureException \"Date must be in ISO-8601 'basic format'. Got '<date>'. "
        'See http://en.wikipedia.org/wiki/ISO_8601".',
        "observed",
        "https://github.com/umegaya/lua-aws/issues/18",
        '{"__type":"com.amazon.coral.service#IncompleteSignatureException","message": '
        "\"Date must be in ISO-8601 'basic format'. Got '1442252505'. See http://en.wikipedia...",
    ),
    Rule(
        "edge.unknown-operation",
        "At MTurk, an X-Amz-Target that is missing, has another prefix "
        "(Foo.GetAccountBalance) or names no operation (getAccountBalance, in lower case) is "
        'refused with 400 and the body {"__type":"UnknownOperationException"}, without message.',
        "inferred",
        "AWS's JSON services answer an unknown target this way (aws/aws-sdk-net#1536, CloudWatch "
        'Logs: StatusCode BadRequest, HTTP Body {"__type":"UnknownOperationException"}); no '
        "MTurk paste was found.",
    ),
    Rule(
        "edge.serialization",
        "At MTurk, a body that is not a UTF-8 JSON object (malformed, an array, NaN, a form, "
        "nested deeper than any MTurk shape) is refused with 400 SerializationException.",
        "inferred",
        "AWS's JSON services answer a body they cannot read this way (pplu/aws-sdk-perl#237, "
        'Firehose: status 400, {"__type":"SerializationException"}); no MTurk paste was found.',
    ),
    Rule(
        "edge.member-types",
        "At MTurk, a member whose JSON type does not fit the model is refused with 400 "
        "SerializationException in Coral's words, e.g. 'NUMBER_VALUE can not be converted to a "
        "String' or 'Start of list found where not expected.'.",
        "inferred",
        "The wording is pasted for other Coral services (aarondfrancis/sidecar#148, Lambda: "
        "'NUMBER_VALUE can not be converted to a String'; mhart/kinesalite#101, Kinesis: 'Start "
        "of structure or map found where not expected.'); no MTurk paste was found.",
    ),
    Rule(
        "edge.only-three-services",
        "The local server serves only MTurk, IAM and STS: a request signed for any other "
        "service is refused as the endpoint's own service refuses a wrong scope (MTurk's "
        "InvalidSignatureException, IAM's or STS's SignatureDoesNotMatch), and a path no "
        "service serves gets UnknownOperationException.",
        "inferred",
        "Each AWS endpoint serves one service and refuses a scope for another "
        "(auth.scope-service, auth.scope-service-query); the local server stands for three "
        "endpoints on one port.",
    ),
    Rule(
        "edge.invalid-action",
        "At IAM and STS, an Action that is not one of the service's operations (as botocore's "
        "model lists them) is refused with 400 InvalidAction.",
        "documented",
        COMMON_ERRORS,
        "InvalidAction - The action or operation requested is invalid. Verify that the action "
        "is typed correctly. HTTP Status Code: 400",
    ),
    Rule(
        "edge.internal-failure",
        "A failure of the emulator itself is answered with 500 InternalFailure in the "
        "service's format (and logged with its request id), never an HTML page.",
        "documented",
        COMMON_ERRORS,
        "InternalFailure - The request processing has failed because of an unknown error, "
        "exception or failure. HTTP Status Code: 500",
    ),
    Rule(
        "edge.too-large",
        "A request body over 1 MiB is refused with 413 RequestEntityTooLargeException ('Request "
        "must be smaller than 1048576 bytes') before it is read.",
        "inferred",
        "MTurk publishes no request size limit; its largest request (a qualification test and "
        "answer key of 65,535 bytes each) fits many times over. The code and status are "
        "Lambda's (aws/aws-sdk-go#3080: 'RequestEntityTooLargeException: Request must be "
        "smaller than 6291456 bytes', status code 413).",
    ),
    Rule(
        "edge.connection-limit",
        "The local server serves at most 128 connections at once (a thread each) and closes "
        "one that stays silent for 30 s; the next connection is answered at once with 503 "
        "ServiceUnavailableException, which AWS's SDKs retry.",
        "inferred",
        "MTurk publishes no connection limit; the code is AWS's common ServiceUnavailable "
        f"({COMMON_ERRORS}: 'The request has failed due to a temporary failure of the server. "
        "HTTP Status Code: 503') with the Exception suffix of its JSON services, and botocore's "
        "_retry.json retries status 503 for every service.",
    ),
    Rule(
        "edge.secure-transport",
        "The local server speaks plain HTTP only because it is local: its requests are "
        "evaluated as the same call over HTTPS, so aws:SecureTransport is true.",
        "inferred",
        "Every real MTurk, IAM and STS endpoint is HTTPS only; a policy that denies plain HTTP "
        "(auth.secure-transport) must let through the calls that pass against them.",
    ),
    # The control token and a HIT's script (issue 24, second round).
    Rule(
        "edge.control-token-unreachable",
        "No page holds the control token; calls without it get a 403.",
        "inferred",
        "The emulator's own routes: MTurk had none.",
    ),
)
