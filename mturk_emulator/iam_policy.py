"""IAM policy evaluation as AWS documents it, for identity policies and boundaries.

moto's ``moto.iam.access_control`` checks a request against the caller's
policies, but not as AWS does: a statement without ``Resource`` (every
``NotResource`` statement) grants whatever its ``Effect``; conditions are
evaluated against an empty request context, so all of them hold; actions are
matched as regular expressions and case-sensitively; permissions boundaries are
never read. This module is a small, self-contained replacement for the
evaluation part (``IAMPolicy``/``IAMPolicyStatement``), written so that moto
could take it: it knows nothing of moto or of MTurk. It follows "Policy
evaluation logic" in the IAM User Guide
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html)
for one account, an identity's policies and its permissions boundary:

1. an explicit ``Deny`` in any of them denies;
2. otherwise the identity-based policies must ``Allow`` (else: implicit deny);
3. and so must the permissions boundary, when there is one.

A statement applies when its ``Action``/``NotAction``, its
``Resource``/``NotResource`` and its whole ``Condition`` block match the
request. Actions match without case, resources with case, both with the ``*``
and ``?`` wildcards. Conditions support the operator families (String, Numeric,
Date, Bool, Binary, IpAddress, Arn, Null), the ``IfExists`` suffix and the
``ForAnyValue:``/``ForAllValues:`` qualifiers, against a :class:`RequestContext`
whose keys are read without case. A key the request does not carry makes a
condition false, except for negated operators, ``IfExists``, ``Null`` and
``ForAllValues``.

Policy variables (``${aws:username}``, ``${aws:userid, 'default'}``) in
``Resource``/``NotResource`` and in condition values are replaced by the request's
values in policies of version ``2012-10-17``, as AWS does; an element whose variable
the request cannot fill (and that has no default) matches nothing.

Not covered (nothing the emulated account can express): resource-based policies
other than trust policies, service control policies and session policies.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from functools import cache
from typing import Any

Document = Mapping[str, Any]
"""A parsed policy document (``{"Version": ..., "Statement": ...}``)."""


class Result(Enum):
    """What one policy (or a set of them) says about a request."""

    ALLOW = "allow"
    DENY = "deny"  # an explicit deny
    NEUTRAL = "neutral"  # no statement applies


@dataclass(frozen=True)
class RequestContext:
    """The request as policies see it: action, resource and condition keys.

    ``keys`` maps condition key names (any case) to the request's values; a key
    that is absent from the mapping is absent from the request.
    """

    action: str
    resource: str = "*"
    keys: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        lowered = {name.lower(): tuple(values) for name, values in self.keys.items()}
        object.__setattr__(self, "keys", lowered)

    def values(self, key: str) -> tuple[str, ...] | None:
        found = self.keys.get(key.lower())
        return None if found is None else tuple(found)


@dataclass(frozen=True)
class Decision:
    """The outcome of an evaluation, with AWS's reason when it is a refusal."""

    allowed: bool
    reason: str = ""
    """The end of AWS's AccessDenied message, e.g. ``with an explicit deny in an
    identity-based policy``; empty when allowed."""


IDENTITY = "identity-based policy"
BOUNDARY = "permissions boundary"


def _explicit_deny(where: str) -> Decision:
    article = "an" if where == IDENTITY else "a"
    return Decision(False, f"with an explicit deny in {article} {where}")


def _no_allow(where: str, action: str) -> Decision:
    return Decision(False, f"because no {where} allows the {action} action")


def evaluate(
    request: RequestContext,
    identity_policies: Iterable[Document],
    boundary: Document | None = None,
) -> Decision:
    """Decide a request from the caller's identity policies and permissions boundary."""
    identity = combined(identity_policies, request)
    limit = Result.ALLOW if boundary is None else policy_result(boundary, request)
    if identity is Result.DENY:
        return _explicit_deny(IDENTITY)
    if limit is Result.DENY:
        return _explicit_deny(BOUNDARY)
    if identity is not Result.ALLOW:
        return _no_allow(IDENTITY, request.action)
    if limit is not Result.ALLOW:
        return _no_allow(BOUNDARY, request.action)
    return Decision(True)


def combined(documents: Iterable[Document], request: RequestContext) -> Result:
    """Several policies of one type: any deny wins, then any allow."""
    results = {policy_result(document, request) for document in documents}
    if Result.DENY in results:
        return Result.DENY
    return Result.ALLOW if Result.ALLOW in results else Result.NEUTRAL


def policy_result(document: Document, request: RequestContext) -> Result:
    """One policy: DENY if a Deny statement applies, else ALLOW if an Allow does."""
    statements = document.get("Statement", [])
    if isinstance(statements, Mapping):
        statements = [statements]
    # Policy variables exist only in the current policy language version.
    variables = document.get("Version") == VARIABLES_VERSION
    effects = {
        s.get("Effect") for s in statements if statement_applies(s, request, variables=variables)
    }
    if "Deny" in effects:
        return Result.DENY
    return Result.ALLOW if "Allow" in effects else Result.NEUTRAL


def parse(document: str | Document) -> Document:
    """A policy document from its JSON text (or an already parsed one)."""
    parsed: Document = json.loads(document) if isinstance(document, str) else document
    return parsed


# --- statements ----------------------------------------------------------------

VARIABLES_VERSION = "2012-10-17"
_VARIABLE = re.compile(r"\$\{([^}]*)\}")


def substitute(text: str, request: RequestContext) -> str | None:
    """``text`` with its policy variables replaced; None if one cannot be filled.

    ``${key}`` takes the request's value of a single-valued key; ``${key, 'default'}``
    the default when the key is absent.
    """
    missing = False

    def value(found: re.Match[str]) -> str:
        nonlocal missing
        name, comma, default = found.group(1).partition(",")
        values = request.values(name.strip())
        if values is not None and len(values) == 1:
            return values[0]
        if comma:
            return default.strip().strip("'")
        missing = True
        return ""

    replaced = _VARIABLE.sub(value, text)
    return None if missing else replaced


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


@cache
def _wildcard(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    """``*`` (any run of characters) and ``?`` (one character); all else literal."""
    body = ".*".join(".".join(map(re.escape, part.split("?"))) for part in pattern.split("*"))
    return re.compile(body, re.DOTALL | (re.IGNORECASE if ignore_case else 0))


def matches(pattern: str, value: str, *, ignore_case: bool = False) -> bool:
    return _wildcard(pattern, ignore_case).fullmatch(value) is not None


def _element_matches(
    statement: Mapping[str, Any],
    name: str,
    value: str,
    *,
    ignore_case: bool,
    request: RequestContext | None = None,
) -> bool | None:
    """Whether ``name`` (or ``Not<name>``) lets the statement apply; None if neither is set.

    With ``request``, the element's policy variables are filled from it first.
    """
    for element, wanted in ((name, True), (f"Not{name}", False)):
        if element in statement:
            patterns = [str(p) for p in _as_list(statement[element])]
            if request is not None:
                patterns = [p for p in (substitute(p, request) for p in patterns) if p is not None]
            hit = any(matches(p, value, ignore_case=ignore_case) for p in patterns)
            return hit is wanted
    return None


def statement_applies(
    statement: Mapping[str, Any], request: RequestContext, *, variables: bool = True
) -> bool:
    """Whether one statement applies: action, resource and conditions all match.

    A statement with neither ``Resource`` nor ``NotResource`` (invalid in an
    identity-based policy) applies to nothing. ``variables``: fill policy variables.
    """
    filler = request if variables else None
    action = _element_matches(statement, "Action", request.action, ignore_case=True)
    resource = _element_matches(
        statement, "Resource", request.resource, ignore_case=False, request=filler
    )
    block = statement.get("Condition", {})
    return bool(action and resource) and conditions_hold(block, request, variables=variables)


# --- conditions ----------------------------------------------------------------


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _instant(text: str) -> float | None:
    """A date as seconds since the epoch: ISO 8601 (``2026-12-01``, ``...T12:00:00Z``)
    or a number of seconds."""
    number = _number(text)
    if number is not None:
        return number
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def _compare(
    parse_value: Callable[[str], float | None], test: Callable[[float, float], bool]
) -> Callable[[str, str], bool]:
    def compare(actual: str, expected: str) -> bool:
        left, right = parse_value(actual), parse_value(expected)
        return left is not None and right is not None and test(left, right)

    return compare


def _in_network(actual: str, expected: str) -> bool:
    try:
        return ipaddress.ip_address(actual) in ipaddress.ip_network(expected, strict=False)
    except ValueError:
        return False


def _arn_like(actual: str, expected: str) -> bool:
    # Each of the six colon-separated parts is matched on its own, with wildcards.
    have, want = actual.split(":", 5), expected.split(":", 5)
    return len(have) == len(want) == 6 and all(map(matches, want, have))


_EQ: Callable[[float, float], bool] = float.__eq__
_POSITIVE: dict[str, Callable[[str, str], bool]] = {
    "stringequals": str.__eq__,
    "stringequalsignorecase": lambda a, e: a.casefold() == e.casefold(),
    "stringlike": lambda a, e: matches(e, a),
    "numericequals": _compare(_number, _EQ),
    "numericlessthan": _compare(_number, float.__lt__),
    "numericlessthanequals": _compare(_number, float.__le__),
    "numericgreaterthan": _compare(_number, float.__gt__),
    "numericgreaterthanequals": _compare(_number, float.__ge__),
    "dateequals": _compare(_instant, _EQ),
    "datelessthan": _compare(_instant, float.__lt__),
    "datelessthanequals": _compare(_instant, float.__le__),
    "dategreaterthan": _compare(_instant, float.__gt__),
    "dategreaterthanequals": _compare(_instant, float.__ge__),
    "bool": lambda a, e: a.lower() == e.lower(),
    "binaryequals": str.__eq__,
    "ipaddress": _in_network,
    "arnequals": _arn_like,
    "arnlike": _arn_like,
}
_NEGATED = {
    "stringnotequals": "stringequals",
    "stringnotequalsignorecase": "stringequalsignorecase",
    "stringnotlike": "stringlike",
    "numericnotequals": "numericequals",
    "datenotequals": "dateequals",
    "notipaddress": "ipaddress",
    "arnnotequals": "arnequals",
    "arnnotlike": "arnlike",
}
OPERATORS = frozenset(_POSITIVE) | frozenset(_NEGATED) | {"null"}
"""The condition operators understood (lower case, without qualifier or IfExists)."""


def _text(value: Any) -> str:
    # JSON policies may spell values as true/false/numbers; IAM compares them as text.
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def condition_holds(
    operator: str, key: str, expected: Any, request: RequestContext, *, variables: bool = True
) -> bool:
    """One ``"Operator": {"key": values}`` pair against the request."""
    qualifier, _, base = operator.lower().rpartition(":")
    wanted = [_text(v) for v in _as_list(expected)]
    if variables:
        wanted = [w for w in (substitute(w, request) for w in wanted) if w is not None]
    actual = request.values(key)
    if base == "null":
        return any((actual is None) == (w.lower() == "true") for w in wanted)
    if_exists = base.endswith("ifexists")
    base = base.removesuffix("ifexists")
    negated = base in _NEGATED
    test = _POSITIVE.get(_NEGATED.get(base, base))
    if test is None or qualifier not in {"", "foranyvalue", "forallvalues"}:
        return False  # an operator IAM does not know never matches
    if actual is None:
        return qualifier == "forallvalues" or (qualifier == "" and (if_exists or negated))

    def value_matches(value: str) -> bool:
        return any(test(value, w) for w in wanted) is not negated

    if qualifier == "forallvalues":
        return all(map(value_matches, actual))
    if qualifier == "foranyvalue" or not negated:
        return any(map(value_matches, actual))
    return all(map(value_matches, actual))


def conditions_hold(
    block: Mapping[str, Any], request: RequestContext, *, variables: bool = True
) -> bool:
    """A ``Condition`` block: every operator, every key in it, must hold (values: any)."""
    return all(
        condition_holds(operator, key, expected, request, variables=variables)
        for operator, pairs in block.items()
        for key, expected in pairs.items()
    )


# --- the global condition keys -------------------------------------------------


@dataclass(frozen=True)
class Principal:
    """Who signed the request, as the global condition keys describe them."""

    arn: str  # the caller's ARN as error messages name it
    principal_arn: str  # aws:PrincipalArn (a role's ARN for its sessions)
    account: str
    userid: str
    principal_type: str  # "Account", "User", "AssumedRole"
    username: str | None = None
    temporary: bool = False
    mfa: bool = False


def global_keys(
    principal: Principal,
    *,
    now: datetime,
    secure_transport: bool,
    source_ip: str,
    region: str,
) -> dict[str, list[str]]:
    """The global condition keys of a request (only those that are present)."""
    keys = {
        "aws:CurrentTime": [now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")],
        "aws:EpochTime": [str(int(now.timestamp()))],
        "aws:SecureTransport": [_text(secure_transport)],
        "aws:SourceIp": [source_ip],
        "aws:RequestedRegion": [region],
        "aws:PrincipalArn": [principal.principal_arn],
        "aws:PrincipalAccount": [principal.account],
        "aws:PrincipalType": [principal.principal_type],
        "aws:userid": [principal.userid],
    }
    if principal.username is not None:
        keys["aws:username"] = [principal.username]
    if principal.temporary:
        # Present only for temporary credentials; absent for long-term keys.
        keys["aws:MultiFactorAuthPresent"] = [_text(principal.mfa)]
    return keys
