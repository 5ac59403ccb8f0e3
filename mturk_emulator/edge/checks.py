"""What the edge checks in a request before any backend sees it, in AWS's order:
the body's size, the signature's form and scope, the operation, the body's syntax
and member types. Each failure is a :class:`.errors.Refusal`.

The signature itself (the key, the HMAC, the clock) and the IAM policies are checked
by the backends, as in process (``auth.py``, ``moto_iam.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import parse_qs

import botocore.session
from botocore.model import ListShape, Shape, StructureShape

from .. import constants
from ..service_model import service_model
from . import errors
from .errors import Protocol

MTURK_PATHS = frozenset({"/sandbox", "/sandbox/", "/production", "/production/"})
QUERY_SERVICES = ("iam", "sts")
AMZ_DATE = re.compile(r"^\d{8}T\d{6}Z$")
MAX_DEPTH = 32
"""JSON nested deeper than this fits no MTurk shape (the deepest is six levels)."""
SIGNED_PARTS = ("Credential", "Signature", "SignedHeaders")
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Call:
    """A request the edge lets through: which backend, which operation."""

    backend: str  # moto's name: "mturk", "iam" or "sts"
    service: str  # the signing name in the credential scope
    action: str


def protocol_of(environ: dict[str, Any]) -> Protocol:
    """A form body at ``/``, or an ``Action`` in its query string (a GET, as older SDKs
    sent), is for IAM or STS; everything else is MTurk's JSON."""
    form = str(environ.get("CONTENT_TYPE", "")).startswith(FORM)
    action = "Action=" in str(environ.get("QUERY_STRING", ""))
    at_root = environ.get("PATH_INFO", "") == "/"
    return Protocol.QUERY if at_root and (form or action) else Protocol.JSON


# --- the body ------------------------------------------------------------------------


DRAIN_LIMIT = 16 * 1024 * 1024
"""An oversize body up to this size is read after the refusal and thrown away in small
pieces, so that a client still sending it reads the answer instead of a reset
connection; a larger one is left to werkzeug, which closes the connection."""
_PIECE = 64 * 1024


def _drain(stream: Any, length: int) -> None:
    while length > 0:
        piece = stream.read(min(_PIECE, length))
        if not piece:
            return
        length -= len(piece)


def read_body(environ: dict[str, Any], limit: int, protocol: Protocol) -> bytes:
    """The request body, refused with 413 before it is read when it is over ``limit``.

    A declared length over the limit is refused unread; a chunked body (no length) is
    read up to one byte over the limit, never more.
    """
    stream = environ["wsgi.input"]
    declared = str(environ.get("CONTENT_LENGTH") or "")
    if declared:
        length = int(declared) if declared.isdigit() else 0
        if length > limit:
            if length <= DRAIN_LIMIT:
                _drain(stream, length)
            raise errors.too_large(protocol, limit)
        return bytes(stream.read(length)) if length else b""
    if environ.get("wsgi.input_terminated"):  # chunked: werkzeug ends the stream
        body = bytes(stream.read(limit + 1))
        if len(body) > limit:
            raise errors.too_large(protocol, limit)
        return body
    return b""


# --- the signature's form and scope ----------------------------------------------------


ALGORITHM = "AWS4-HMAC-SHA256 "


def _signature_parts(header: str) -> dict[str, str]:
    """``Credential``, ``SignedHeaders``, ``Signature`` of a SigV4 header, as AWS reads it
    (nothing for another scheme: SigV2's ``AWS key:signature``, a ``Bearer`` token)."""
    if not header.startswith(ALGORITHM):
        return {}
    parts: dict[str, str] = {}
    for item in (piece.strip() for piece in header.removeprefix(ALGORITHM).split(",")):
        name, equals, value = item.partition("=")
        if not equals:
            raise ValueError(
                f"'{item}' not a valid key=value pair (missing equal-sign) in "
                f"Authorization header: '{header}'."
            )
        parts[name] = value
    return parts


def signed_service(environ: dict[str, Any], protocol: Protocol) -> str:
    """The service named by a well-formed SigV4 ``Authorization`` header's scope."""
    header = str(environ.get("HTTP_AUTHORIZATION", ""))
    if not header:
        raise errors.missing_authentication(protocol)
    try:
        parts = _signature_parts(header)
    except ValueError as malformed:
        raise errors.incomplete_signature(protocol, str(malformed)) from None
    date = str(environ.get("HTTP_X_AMZ_DATE") or environ.get("HTTP_DATE") or "")
    wanted = [f"Authorization header requires '{name}' parameter." for name in SIGNED_PARTS
              if name not in parts]  # fmt: skip
    if not date:
        wanted.append("Authorization header requires existence of either a 'X-Amz-Date' or a "
                      "'Date' header.")  # fmt: skip
    if wanted:
        raise errors.incomplete_signature(protocol, " ".join([*wanted, f"Authorization={header}"]))
    if not AMZ_DATE.match(str(environ.get("HTTP_X_AMZ_DATE", ""))):
        raise errors.incomplete_signature(
            protocol,
            f"Date must be in ISO-8601 'basic format'. Got '{date}'. "
            "See http://en.wikipedia.org/wiki/ISO_8601",
        )
    scope = parts["Credential"].split("/")
    return scope[3] if len(scope) == 5 else ""


def route(path: str, service: str, protocol: Protocol, action: str) -> str:
    """The backend for a request signed for ``service`` at ``path``, or a refusal."""
    if path in MTURK_PATHS or (path == "/" and protocol is Protocol.JSON):
        if service != constants.SIGNING_NAME:
            raise errors.scoped_to_another_service(Protocol.JSON, constants.SIGNING_NAME)
        return "mturk"
    if path != "/":
        raise errors.unknown_operation()
    if service in QUERY_SERVICES:
        return service
    wanted = "sts" if action in query_operations("sts") else "iam"
    raise errors.scoped_to_another_service(Protocol.QUERY, wanted)


# --- MTurk's JSON ------------------------------------------------------------------------


def mturk_operation(environ: dict[str, Any]) -> str:
    """The operation an ``X-Amz-Target`` names: exactly ``<targetPrefix>.<Operation>``."""
    prefix, _, operation = str(environ.get("HTTP_X_AMZ_TARGET", "")).partition(".")
    model = service_model()
    if prefix != model.metadata["targetPrefix"] or operation not in model.operation_names:
        raise errors.unknown_operation()
    return operation


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


def _depth(value: Any) -> int:
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, depth = pending.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            pending.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            pending.extend((child, depth + 1) for child in item)
    return deepest


_KINDS = {bool: "BOOLEAN_VALUE", int: "NUMBER_VALUE", float: "NUMBER_VALUE", str: "STRING_VALUE"}
_TARGETS = {"string": "String", "integer": "Integer", "long": "Long", "boolean": "Boolean",
            "timestamp": "Date"}  # fmt: skip
_ACCEPTS: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "timestamp": (int, float),
}


def _mismatch(value: Any, shape: Shape) -> str | None:
    """Coral's words for a JSON value that cannot become ``shape`` (None: it can)."""
    if value is None:
        return None  # null is an absent member
    if isinstance(shape, StructureShape):
        if isinstance(value, dict):
            return None
    elif isinstance(shape, ListShape):
        if isinstance(value, list):
            return None
    else:
        accepted = _ACCEPTS[shape.type_name]
        if isinstance(value, accepted) and (bool in accepted or not isinstance(value, bool)):
            return None
    if isinstance(value, dict):
        return "Start of structure or map found where not expected."
    if isinstance(value, list):
        return "Start of list found where not expected."
    target = "Structure" if isinstance(shape, StructureShape) else "List"
    target = _TARGETS.get(shape.type_name, target)
    article = "an" if target[0] in "AEIOU" else "a"
    return f"{_KINDS[type(value)]} can not be converted to {article} {target}"


def type_problem(shape: Shape, value: Any) -> str | None:
    """The first member of ``value`` whose JSON type does not fit ``shape``, in Coral's words."""
    pending = [(shape, value)]
    while pending:
        part, item = pending.pop()
        problem = _mismatch(item, part)
        if problem:
            return problem
        if isinstance(part, StructureShape) and isinstance(item, dict):
            pending.extend((part.members[k], v) for k, v in item.items() if k in part.members)
        elif isinstance(part, ListShape) and isinstance(item, list):
            pending.extend((part.member, v) for v in item)
    return None


def mturk_body(operation: str, body: bytes, content_type: str) -> None:
    """The body must be UTF-8 JSON (not a form), an object, shallow, with members of the
    model's types."""
    if content_type.startswith(FORM):
        raise errors.serialization()
    try:
        value = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise errors.serialization() from None
    if _depth(value) > MAX_DEPTH:
        raise errors.serialization()
    input_shape = service_model().operation_model(operation).input_shape
    assert input_shape is not None  # every MTurk operation has one (model)
    problem = type_problem(input_shape, value)
    if problem:
        raise errors.serialization(problem)


# --- IAM's and STS's query protocol ------------------------------------------------------


@cache
def query_operations(service: str) -> frozenset[str]:
    model = botocore.session.get_session().get_service_model(service)
    return frozenset(model.operation_names)


@cache
def _api_version(service: str) -> str:
    return str(botocore.session.get_session().get_service_model(service).api_version)


def query_action(environ: dict[str, Any], body: bytes) -> str:
    """The ``Action`` of a query-protocol request (form body or query string), or ``""``."""
    try:
        text = body.decode("utf-8") + "&" + str(environ.get("QUERY_STRING", ""))
    except UnicodeDecodeError:
        return ""
    return parse_qs(text).get("Action", [""])[0]


def check_query_action(service: str, action: str) -> None:
    if action not in query_operations(service):
        raise errors.invalid_action(action, _api_version(service))
