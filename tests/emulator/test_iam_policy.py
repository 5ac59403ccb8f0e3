"""IAM as AWS evaluates it, seen through the emulator's door.

The probes of the fidelity issue: a deny-only policy, ``NotAction``, conditions
that must deny and must allow, a permissions boundary, a request signed for the
wrong service, and ``GetSessionToken`` without any permission. Each test names
the ledger rule (``mturk_emulator/ledger/auth.py``) it pins.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import partial
from typing import Any

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError
from hypothesis import given, settings
from hypothesis import strategies as st
from moto.core.models import botocore_stubber

from mturk_emulator import MTurkFake, constants, handle_mturk_request
from mturk_emulator.iam_policy import (
    Decision,
    Principal,
    RequestContext,
    Result,
    condition_holds,
    conditions_hold,
    evaluate,
    global_keys,
    matches,
    parse,
    policy_result,
    statement_applies,
)
from tests.emulator.support import (
    ACCOUNT_ID,
    allow,
    hit_args,
    iam_client,
    iam_user,
    mturk_client,
    sts_client,
)

BALANCE = constants.SANDBOX_BALANCE


def error(call: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def user_arn(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT_ID}:user/{name}"


def refusal(user: str, operation: str, reason: str) -> tuple[str, str]:
    action = f"mechanicalturk:{operation}"
    return (
        "AccessDeniedException",
        f"User: {user_arn(user)} is not authorized to perform: {action} "
        + reason.format(action=action),
    )


NO_ALLOW = "because no identity-based policy allows the {action} action"
EXPLICIT = "with an explicit deny in an identity-based policy"
NO_BOUNDARY_ALLOW = "because no permissions boundary allows the {action} action"
BOUNDARY_DENY = "with an explicit deny in a permissions boundary"


def document(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


# --- probe: deny-only ----------------------------------------------------------


@pytest.mark.evidence("auth.deny-only-never-grants", "auth.not-resource")
def test_a_deny_only_policy_grants_nothing(aws: MTurkFake) -> None:
    # auth.deny-only-never-grants, auth.not-resource: moto used to grant on any
    # statement without "Resource", whatever its Effect.
    policy = document(
        {"Effect": "Deny", "Action": "mechanicalturk:*", "NotResource": "arn:aws:s3:::lab-data"}
    )
    client = mturk_client(key=iam_user("denied", inline=policy))
    assert error(client.get_account_balance) == refusal("denied", "GetAccountBalance", EXPLICIT)


@pytest.mark.evidence("auth.implicit-deny")
def test_a_deny_only_policy_for_another_action_is_an_implicit_deny(aws: MTurkFake) -> None:
    # auth.implicit-deny
    policy = document({"Effect": "Deny", "Action": "mechanicalturk:SendBonus", "Resource": "*"})
    client = mturk_client(key=iam_user("quiet", inline=policy))
    assert error(client.get_account_balance) == refusal("quiet", "GetAccountBalance", NO_ALLOW)


# --- probe: NotAction ----------------------------------------------------------


@pytest.mark.evidence("auth.explicit-deny-wins", "auth.not-action")
def test_a_deny_with_not_action_leaves_only_the_named_actions(aws: MTurkFake) -> None:
    # auth.not-action, auth.explicit-deny-wins
    policy = document(
        {"Effect": "Allow", "Action": "mechanicalturk:*", "Resource": "*"},
        {
            "Effect": "Deny",
            "NotAction": ["mechanicalturk:Get*", "mechanicalturk:List*"],
            "Resource": "*",
        },
    )
    client = mturk_client(key=iam_user("looker", inline=policy))
    assert client.get_account_balance()["AvailableBalance"] == BALANCE
    assert client.list_hits()["NumResults"] == 0
    assert error(lambda: client.create_hit(**hit_args())) == refusal(
        "looker", "CreateHIT", EXPLICIT
    )


# --- probes: conditions --------------------------------------------------------


@pytest.mark.evidence("auth.condition-missing-key", "auth.mfa-absent-for-long-term-keys")
def test_an_mfa_condition_does_not_grant_a_long_term_key(aws: MTurkFake) -> None:
    # auth.mfa-absent-for-long-term-keys, auth.condition-missing-key
    policy = document(
        {
            "Effect": "Allow",
            "Action": "mechanicalturk:*",
            "Resource": "*",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
        }
    )
    client = mturk_client(key=iam_user("nomfa", inline=policy))
    assert error(client.get_account_balance) == refusal("nomfa", "GetAccountBalance", NO_ALLOW)


@pytest.mark.evidence("auth.secure-transport")
def test_a_secure_transport_guardrail_lets_https_through(aws: MTurkFake) -> None:
    # auth.secure-transport: the usual "deny anything not over TLS" guardrail.
    key = iam_user(
        "guarded",
        managed=(constants.FULL_ACCESS_POLICY_ARN,),
        inline=document(
            {
                "Effect": "Deny",
                "Action": "*",
                "Resource": "*",
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ),
    )
    assert mturk_client(key=key).get_account_balance()["AvailableBalance"] == BALANCE
    plain = mturk_client(key=key, endpoint_url=constants.SANDBOX_ENDPOINT.replace("https", "http"))
    assert error(plain.get_account_balance) == refusal("guarded", "GetAccountBalance", EXPLICIT)


# --- probe: permissions boundary -----------------------------------------------


@pytest.mark.evidence("auth.boundary-intersection", "auth.boundary-no-allow")
def test_a_permissions_boundary_caps_full_access(aws: MTurkFake) -> None:
    # auth.boundary-intersection, auth.boundary-no-allow
    iam = iam_client()
    boundary = iam.create_policy(
        PolicyName="balance-only",
        PolicyDocument=json.dumps(allow("mechanicalturk:GetAccountBalance")),
    )["Policy"]["Arn"]
    key = iam_user("capped", managed=(constants.FULL_ACCESS_POLICY_ARN,))
    iam.put_user_permissions_boundary(UserName="capped", PermissionsBoundary=boundary)
    client = mturk_client(key=key)
    assert client.get_account_balance()["AvailableBalance"] == BALANCE
    assert error(client.list_hits) == refusal("capped", "ListHITs", NO_BOUNDARY_ALLOW)


# --- probe: the credential scope's service --------------------------------------


@pytest.mark.evidence("auth.scope-service")
def test_a_request_signed_for_another_service_is_refused(aws: MTurkFake) -> None:
    # auth.scope-service
    key = iam_user("signer", managed=(constants.FULL_ACCESS_POLICY_ARN,))
    request = AWSRequest(
        "POST",
        constants.SANDBOX_ENDPOINT + "/",
        data=b"{}",
        headers={
            "X-Amz-Target": "MTurkRequesterServiceV20170117.GetAccountBalance",
            "Content-Type": "application/x-amz-json-1.1",
        },
    )
    SigV4Auth(Credentials(*key), "sqs", constants.REGION).add_auth(request)
    response = handle_mturk_request(request.prepare())
    assert response is not None
    assert response.status_code == 400
    body = json.loads(response.content)
    assert (body["__type"], body["message"]) == (
        "InvalidSignatureException",
        "Credential should be scoped to correct service: 'mturk-requester'. ",
    )


# --- probe: GetSessionToken needs no permission ----------------------------------


@pytest.mark.evidence("auth.get-session-token-free", "auth.session-keys")
def test_get_session_token_needs_no_permission(aws: MTurkFake) -> None:
    # auth.get-session-token-free, auth.session-keys
    key = iam_user("mturker", managed=(constants.FULL_ACCESS_POLICY_ARN,))
    sts = sts_client(key)
    first = sts.get_session_token()["Credentials"]
    second = sts.get_session_token()["Credentials"]
    assert first["AccessKeyId"].startswith("ASIA")
    assert first["AccessKeyId"] != second["AccessKeyId"]
    assert first["SecretAccessKey"] != second["SecretAccessKey"]
    assert first["SessionToken"] != second["SessionToken"]
    assert key[0] not in {first["AccessKeyId"], second["AccessKeyId"]}


# --- more conditions, end to end ------------------------------------------------


def conditional(operator: str, key: str, value: Any, effect: str = "Allow") -> dict[str, Any]:
    return document(
        {
            "Effect": effect,
            "Action": "mechanicalturk:*",
            "Resource": "*",
            "Condition": {operator: {key: value}},
        }
    )


@pytest.mark.evidence(
    "auth.condition-if-exists",
    "auth.condition-keys-case",
    "auth.condition-null",
    "auth.global-keys",
    "auth.mfa-absent-for-long-term-keys",
    "auth.requested-region",
    "auth.source-ip",
)
@pytest.mark.parametrize(
    ("operator", "key", "value", "allowed"),
    [
        # auth.global-keys, auth.condition-keys-case
        ("StringEquals", "aws:username", "cond", True),
        ("StringEquals", "AWS:UserName", "cond", True),
        ("StringEquals", "aws:username", "someone-else", False),
        ("StringLike", "aws:PrincipalArn", "arn:aws:iam::*:user/c?nd", True),
        ("StringEquals", "aws:PrincipalType", "User", True),
        ("StringEquals", "aws:RequestedRegion", "us-east-1", True),  # auth.requested-region
        # auth.source-ip
        ("IpAddress", "aws:SourceIp", "192.0.2.0/24", True),
        ("IpAddress", "aws:SourceIp", "203.0.113.0/24", False),
        ("NotIpAddress", "aws:SourceIp", "203.0.113.0/24", True),
        # aws:CurrentTime and aws:EpochTime follow the service's clock.
        ("DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:00Z", True),
        ("DateLessThan", "aws:CurrentTime", "2020-01-01T00:00:00Z", False),
        ("NumericGreaterThan", "aws:EpochTime", "1577836800", True),
        # auth.mfa-absent-for-long-term-keys, auth.condition-if-exists, auth.condition-null
        ("BoolIfExists", "aws:MultiFactorAuthPresent", "true", True),
        ("Null", "aws:MultiFactorAuthPresent", "true", True),
        ("Null", "aws:MultiFactorAuthPresent", "false", False),
        ("StringEquals", "aws:TokenIssueTime", "anything", False),
    ],
)
def test_conditions_see_the_request(
    aws: MTurkFake, operator: str, key: str, value: Any, allowed: bool
) -> None:
    client = mturk_client(key=iam_user("cond", inline=conditional(operator, key, value)))
    if allowed:
        assert client.get_account_balance()["AvailableBalance"] == BALANCE
    else:
        assert error(client.get_account_balance) == refusal("cond", "GetAccountBalance", NO_ALLOW)


@pytest.mark.evidence("auth.condition-if-exists", "auth.mfa-absent-for-long-term-keys")
def test_the_usual_mfa_guardrail_denies_long_term_keys(aws: MTurkFake) -> None:
    # auth.mfa-absent-for-long-term-keys, auth.condition-if-exists: BoolIfExists
    # denies a key that carries no MFA information; plain Bool would not.
    guardrail = conditional("BoolIfExists", "aws:MultiFactorAuthPresent", "false", "Deny")
    key = iam_user("mfa", managed=(constants.FULL_ACCESS_POLICY_ARN,), inline=guardrail)
    assert error(mturk_client(key=key).list_hits) == refusal("mfa", "ListHITs", EXPLICIT)
    lenient = conditional("Bool", "aws:MultiFactorAuthPresent", "false", "Deny")
    key = iam_user("lenient", managed=(constants.FULL_ACCESS_POLICY_ARN,), inline=lenient)
    assert mturk_client(key=key).list_hits()["NumResults"] == 0


# --- permissions boundaries ------------------------------------------------------


def managed_policy(name: str, policy: dict[str, Any]) -> str:
    return iam_client().create_policy(PolicyName=name, PolicyDocument=json.dumps(policy))[
        "Policy"
    ]["Arn"]


@pytest.mark.evidence("auth.boundary-explicit-deny", "auth.identity-wording")
def test_a_deny_in_the_boundary_is_an_explicit_deny(aws: MTurkFake) -> None:
    # auth.boundary-explicit-deny, auth.identity-wording (identity policies first)
    boundary = managed_policy(
        "no-bonus",
        document(
            {"Effect": "Allow", "Action": "mechanicalturk:*", "Resource": "*"},
            {"Effect": "Deny", "Action": "mechanicalturk:SendBonus", "Resource": "*"},
        ),
    )
    iam = iam_client()
    iam.create_user(UserName="bounded", PermissionsBoundary=boundary)
    iam.attach_user_policy(UserName="bounded", PolicyArn=constants.FULL_ACCESS_POLICY_ARN)
    raw = iam.create_access_key(UserName="bounded")["AccessKey"]
    client = mturk_client(key=(raw["AccessKeyId"], raw["SecretAccessKey"]))
    assert client.list_hits()["NumResults"] == 0
    bonus = {"WorkerId": "A1", "BonusAmount": "1.00", "AssignmentId": "3X", "Reason": "Thanks."}
    assert error(lambda: client.send_bonus(**bonus)) == refusal(
        "bounded", "SendBonus", BOUNDARY_DENY
    )
    # No identity policy allows it either: that is what AWS reports.
    iam.detach_user_policy(UserName="bounded", PolicyArn=constants.FULL_ACCESS_POLICY_ARN)
    assert error(client.list_hits) == refusal("bounded", "ListHITs", NO_ALLOW)


@pytest.mark.evidence("auth.boundary-intersection")
def test_a_boundary_can_be_read_and_removed(aws: MTurkFake) -> None:
    # auth.boundary-intersection
    boundary = managed_policy("balance", allow("mechanicalturk:GetAccountBalance"))
    key = iam_user("temp", managed=(constants.FULL_ACCESS_POLICY_ARN,))
    iam = iam_client()
    iam.put_user_permissions_boundary(UserName="temp", PermissionsBoundary=boundary)
    assert iam.get_user(UserName="temp")["User"]["PermissionsBoundary"] == {
        "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
        "PermissionsBoundaryArn": boundary,
    }
    client = mturk_client(key=key)
    assert error(client.list_hits) == refusal("temp", "ListHITs", NO_BOUNDARY_ALLOW)
    iam.delete_user_permissions_boundary(UserName="temp")
    assert "PermissionsBoundary" not in iam.get_user(UserName="temp")["User"]
    assert client.list_hits()["NumResults"] == 0


@pytest.mark.evidence("auth.boundary-no-allow")
def test_a_boundary_whose_policy_is_gone_allows_nothing(aws: MTurkFake) -> None:
    # auth.boundary-no-allow
    key = iam_user("orphan", managed=(constants.FULL_ACCESS_POLICY_ARN,))
    missing = f"arn:aws:iam::{ACCOUNT_ID}:policy/never-created"
    iam_client().put_user_permissions_boundary(UserName="orphan", PermissionsBoundary=missing)
    client = mturk_client(key=key)
    assert error(client.list_hits) == refusal("orphan", "ListHITs", NO_BOUNDARY_ALLOW)


@pytest.mark.parametrize("how", ["put", "create"])
def test_a_malformed_boundary_arn_is_refused(aws: MTurkFake, how: str) -> None:
    iam = iam_client()
    bad = {"UserName": "odd", "PermissionsBoundary": "not-a-policy-arn-at-all"}
    if how == "put":
        iam.create_user(UserName="odd")
        call = partial(iam.put_user_permissions_boundary, **bad)
    else:
        call = partial(iam.create_user, **bad)
    assert error(call) == (
        "InvalidParameterValue",
        "Value (not-a-policy-arn-at-all) for parameter PermissionsBoundary is invalid.",
    )
    assert [u["UserName"] for u in iam.list_users()["Users"]] == (["odd"] if how == "put" else [])


# --- IAM and STS evaluate the same way --------------------------------------------


def query_request(host: str, body: str, key: tuple[str, str], service: str) -> tuple[int, str]:
    request = AWSRequest(
        "POST",
        f"https://{host}/",
        data=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
    )
    SigV4Auth(Credentials(*key), service, constants.REGION).add_auth(request)
    response = botocore_stubber("before-send", request.prepare())
    assert response is not None
    return response.status_code, response.text


@pytest.mark.evidence("auth.scope-service-query")
@pytest.mark.parametrize(
    ("host", "body", "service"),
    [
        ("iam.amazonaws.com", "Action=ListUsers&Version=2010-05-08", "iam"),
        ("sts.amazonaws.com", "Action=GetCallerIdentity&Version=2011-06-15", "sts"),
    ],
)
def test_iam_and_sts_check_the_scope_s_service(
    aws: MTurkFake, host: str, body: str, service: str
) -> None:
    # auth.scope-service-query
    status, text = query_request(host, body, aws.root_credentials, "sqs")
    assert status == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in text
    assert f"Credential should be scoped to correct service: '{service}'. " in text
    assert query_request(host, body, aws.root_credentials, service)[0] == 200


def iam_refusal(user: str, action: str, reason: str, on: str = "") -> tuple[str, str]:
    return (
        "AccessDenied",
        f"User: {user_arn(user)} is not authorized to perform: {action}{on} "
        + reason.format(action=action),
    )


@pytest.mark.evidence("auth.action-case", "auth.deny-only-never-grants", "auth.iam-access-denied")
def test_iam_calls_are_evaluated_as_aws_evaluates_them(aws: MTurkFake) -> None:
    # auth.iam-access-denied, auth.deny-only-never-grants (for IAM, too)
    policy = document({"Effect": "Deny", "Action": "iam:*", "NotResource": "arn:aws:s3:::x"})
    iam = iam_client(iam_user("auditor", inline=policy))
    assert error(iam.list_users) == iam_refusal("auditor", "iam:ListUsers", EXPLICIT)
    iam = iam_client(iam_user("lister", inline=allow("IAM:list*")))  # auth.action-case
    assert [u["UserName"] for u in iam.list_users()["Users"]] == ["auditor", "lister"]
    assert error(lambda: iam.create_user(UserName="x")) == iam_refusal(
        "lister", "iam:CreateUser", NO_ALLOW
    )


@pytest.mark.evidence("auth.get-caller-identity-free", "auth.get-session-token-free")
def test_sts_identity_and_session_need_no_permission(aws: MTurkFake) -> None:
    # auth.get-caller-identity-free, auth.get-session-token-free
    key = iam_user("locked", inline=allow("sts:*", "mechanicalturk:*", effect="Deny"))
    sts = sts_client(key)
    assert sts.get_caller_identity()["Arn"] == user_arn("locked")
    assert sts.get_session_token()["Credentials"]["AccessKeyId"].startswith("ASIA")
    # Other STS actions are evaluated as usual.
    federation = lambda: sts.get_federation_token(Name="fx")  # noqa: E731
    assert error(federation) == iam_refusal("locked", "sts:GetFederationToken", EXPLICIT)


def make_role(name: str, *, boundary: str | None = None) -> str:
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT_ID}:root"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    extra = {} if boundary is None else {"PermissionsBoundary": boundary}
    role = iam_client().create_role(
        RoleName=name, AssumeRolePolicyDocument=json.dumps(trust), **extra
    )
    return role["Role"]["Arn"]


@pytest.mark.evidence("auth.boundary-intersection", "auth.global-keys")
def test_an_assumed_role_obeys_its_inline_policy_and_boundary(aws: MTurkFake) -> None:
    # auth.boundary-intersection (roles), auth.global-keys (aws:PrincipalArn is the role)
    boundary = managed_policy("users-only", allow("iam:ListUsers", "iam:GetUser"))
    arn = make_role("admin", boundary=boundary)
    inline = conditional("StringEquals", "aws:PrincipalArn", arn)
    inline["Statement"][0]["Action"] = "iam:*"
    iam_client().put_role_policy(
        RoleName="admin", PolicyName="all", PolicyDocument=json.dumps(inline)
    )
    credentials = sts_client().assume_role(RoleArn=arn, RoleSessionName="s1")["Credentials"]
    iam = iam_client(
        (credentials["AccessKeyId"], credentials["SecretAccessKey"]),
        token=credentials["SessionToken"],
    )
    assert iam.list_users()["Users"] == []
    code, message = error(lambda: iam.create_user(UserName="x"))
    assert code == "AccessDenied"
    assert message.endswith(
        ":assumed-role/admin/s1 is not authorized to perform: iam:CreateUser "
        "because no permissions boundary allows the iam:CreateUser action"
    )


@pytest.mark.evidence("auth.iam-access-denied", "auth.trust-account-principal")
def test_assume_role_names_the_role_it_refuses(aws: MTurkFake) -> None:
    # auth.iam-access-denied: AssumeRole's resource is the role.
    arn = make_role("guarded")
    sts = sts_client(iam_user("walker"))
    assume = lambda: sts.assume_role(RoleArn=arn, RoleSessionName="s1")  # noqa: E731
    assert error(assume) == iam_refusal(
        "walker", "sts:AssumeRole", NO_ALLOW, on=f" on resource: {arn}"
    )
    # A trust policy naming the account trusts its users whose policies allow it
    # (auth.trust-account-principal); one naming another account does not.
    sts = sts_client(iam_user("member", inline=allow("sts:AssumeRole")))
    assumed = sts.assume_role(RoleArn=arn, RoleSessionName="s1")["AssumedRoleUser"]
    assert assumed["Arn"].endswith(":assumed-role/guarded/s1")
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    iam_client().update_assume_role_policy(RoleName="guarded", PolicyDocument=json.dumps(trust))
    assert error(lambda: sts.assume_role(RoleArn=arn, RoleSessionName="s1")) == (
        "AccessDenied",
        f"User: {user_arn('member')} is not authorized to perform: sts:AssumeRole",
    )


# --- GetSessionToken's credentials ---------------------------------------------------


def session(key: tuple[str, str] | None = None) -> tuple[tuple[str, str], str, Any]:
    credentials = sts_client(key).get_session_token()["Credentials"]
    pair = (credentials["AccessKeyId"], credentials["SecretAccessKey"])
    return pair, credentials["SessionToken"], credentials["Expiration"]


@pytest.mark.evidence(
    "auth.mturk-no-temporary-credentials",
    "auth.mturk-temporary-error",
    "auth.session-no-iam",
    "auth.session-permissions",
)
def test_a_session_acts_as_its_user_but_not_at_mturk_or_iam(aws: MTurkFake) -> None:
    # auth.session-permissions, auth.mturk-no-temporary-credentials,
    # auth.mturk-temporary-error, auth.session-no-iam
    key = iam_user("sess", managed=(constants.FULL_ACCESS_POLICY_ARN,))
    pair, token, _ = session(key)
    assert sts_client(pair, token).get_caller_identity()["Arn"] == user_arn("sess")
    assert error(mturk_client(key=pair, token=token).get_account_balance) == (
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
    )
    assert error(iam_client(pair, token).list_users)[0] == "InvalidClientTokenId"
    # The secret alone, or another token, is not enough.
    assert error(sts_client(pair).get_caller_identity)[0] == "InvalidClientTokenId"
    assert error(sts_client(pair, "FQoGZXIvYXdzEXAMPLE").get_caller_identity)[0] == (
        "InvalidClientTokenId"
    )


@pytest.mark.evidence("auth.session-sts-only")
def test_a_session_may_assume_a_role_its_user_may(aws: MTurkFake) -> None:
    # auth.session-sts-only: AssumeRole is one of the two STS actions left.
    arn = make_role("worker")
    pair, token, _ = session(iam_user("hopper", inline=allow("sts:AssumeRole")))
    assumed = sts_client(pair, token).assume_role(RoleArn=arn, RoleSessionName="hop")
    assert assumed["AssumedRoleUser"]["Arn"].endswith(":assumed-role/worker/hop")


@pytest.mark.evidence("auth.session-long-term-only", "auth.session-sts-only")
@pytest.mark.parametrize("whose", ["user", "root"])
def test_a_session_cannot_start_another(aws: MTurkFake, whose: str) -> None:
    # auth.session-long-term-only, auth.session-sts-only
    key = iam_user("twice", inline=allow("sts:*")) if whose == "user" else None
    pair, token, _ = session(key)
    sts = sts_client(pair, token)
    assert error(sts.get_session_token) == (
        "AccessDenied",
        "Cannot call GetSessionToken with session credentials",
    )
    assert error(lambda: sts.get_access_key_info(AccessKeyId=pair[0])) == (
        "AccessDenied",
        "Cannot call GetAccessKeyInfo with session credentials",
    )
    expected = user_arn("twice") if whose == "user" else f"arn:aws:iam::{ACCOUNT_ID}:root"
    assert sts.get_caller_identity()["Arn"] == expected


@pytest.mark.evidence("auth.session-long-term-only")
def test_role_credentials_cannot_get_a_federation_token(aws: MTurkFake) -> None:
    # auth.session-long-term-only (observed for GetFederationToken too: fwdcloudsec/granted#151)
    arn = make_role("fed")
    iam_client().put_role_policy(
        RoleName="fed", PolicyName="all", PolicyDocument=json.dumps(allow("sts:*"))
    )
    credentials = sts_client().assume_role(RoleArn=arn, RoleSessionName="s1")["Credentials"]
    sts = sts_client(
        (credentials["AccessKeyId"], credentials["SecretAccessKey"]),
        token=credentials["SessionToken"],
    )
    assert error(lambda: sts.get_federation_token(Name="fx")) == (
        "AccessDenied",
        "Cannot call GetFederationToken with session credentials",
    )


@pytest.mark.evidence("auth.session-duration")
def test_sessions_last_twelve_hours_for_users_and_one_for_root(aws: MTurkFake) -> None:
    # auth.session-duration
    now = datetime.now(UTC)
    user_expires = session(iam_user("long"))[2]
    root_expires = session()[2]
    assert abs((user_expires - now).total_seconds() - 43200) < 60
    assert abs((root_expires - now).total_seconds() - 3600) < 60


# --- the evaluator alone ----------------------------------------------------------


def request(action: str = "mechanicalturk:CreateHIT", **keys: list[str]) -> RequestContext:
    return RequestContext(action, "*", {k.replace("_", ":", 1): v for k, v in keys.items()})


def statement(**fields: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": "*", "Resource": "*", **fields}


def holds(operator: str, value: Any, actual: list[str] | None) -> bool:
    context = RequestContext("a:b", keys={} if actual is None else {"k:x": actual})
    return condition_holds(operator, "k:x", value, context)


@pytest.mark.evidence(
    "auth.condition-for-all-values",
    "auth.condition-if-exists",
    "auth.condition-missing-key",
    "auth.condition-negated-missing",
    "auth.condition-null",
    "auth.condition-operators",
)
@pytest.mark.parametrize(
    ("operator", "value", "actual", "expected"),
    [
        # auth.condition-operators
        ("StringEquals", ["a", "b"], ["b"], True),
        ("StringEquals", "A", ["a"], False),
        ("StringEqualsIgnoreCase", "A", ["a"], True),
        ("StringNotEqualsIgnoreCase", "A", ["a"], False),
        ("StringLike", "lab-*-202?", ["lab-survey-2026"], True),
        ("StringLike", "lab-*", ["Lab-survey"], False),
        ("StringNotLike", "lab-*", ["other"], True),
        ("NumericLessThan", "10", ["9.5"], True),
        ("NumericLessThanEquals", "10", ["10"], True),
        ("NumericGreaterThanEquals", "10", ["9"], False),
        ("NumericEquals", "10", ["ten"], False),
        ("NumericNotEquals", "10", ["11"], True),
        ("DateEquals", "2026-12-01T00:00:00Z", ["1796083200"], True),
        ("DateLessThanEquals", "2026-12-01", ["2026-12-01T00:00:00+00:00"], True),
        ("DateGreaterThanEquals", "2026-12-01T00:00:00Z", ["2026-11-30T23:59:59Z"], False),
        ("DateNotEquals", "not a date", ["2026-12-01"], True),
        ("Bool", True, ["true"], True),
        ("Bool", "false", ["TRUE"], False),
        ("BinaryEquals", "QmluYXJ5", ["QmluYXJ5"], True),
        ("IpAddress", "2001:db8::/32", ["2001:db8::1"], True),
        ("IpAddress", "not-a-network", ["192.0.2.10"], False),
        ("ArnLike", "arn:aws:iam::*:user/lab-?", ["arn:aws:iam::123456789012:user/lab-1"], True),
        ("ArnEquals", "arn:aws:iam::*:user/*", ["not-an-arn"], False),
        ("ArnNotLike", "arn:aws:iam::*:role/*", ["arn:aws:iam::123456789012:user/x"], True),
        ("StringEqualsIfExists", "a", ["b"], False),
        # auth.condition-missing-key, auth.condition-if-exists, auth.condition-negated-missing
        ("StringEquals", "a", None, False),
        ("StringEqualsIfExists", "a", None, True),
        ("StringNotEquals", "a", None, True),
        ("NumericLessThan", "1", None, False),
        # auth.condition-null
        ("Null", "true", None, True),
        ("Null", "true", ["x"], False),
        ("Null", "false", ["x"], True),
        # auth.condition-for-all-values
        ("ForAllValues:StringLike", "Created*", ["CreatedBy", "CreatedAt"], True),
        ("ForAllValues:StringLike", "Created*", ["CreatedBy", "Owner"], False),
        ("ForAllValues:StringEquals", "a", None, True),
        ("ForAllValues:StringNotLike", "key1*", ["key2:audit"], True),
        ("ForAllValues:StringNotLike", "key1*", ["key1:hr", "key2:audit"], False),
        ("ForAnyValue:StringEquals", ["a", "b"], ["c", "b"], True),
        ("ForAnyValue:StringEquals", "a", None, False),
        ("ForAnyValue:StringEqualsIfExists", "a", None, False),
        ("ForAnyValue:StringNotEquals", "a", ["a", "b"], True),
        ("StringNotEquals", "a", ["a", "b"], False),
        # An operator IAM does not know never holds.
        ("StringSortOf", "a", ["a"], False),
        ("ForSomeValues:StringEquals", "a", ["a"], False),
    ],
)
def test_condition_operators(
    operator: str, value: Any, actual: list[str] | None, expected: bool
) -> None:
    assert holds(operator, value, actual) is expected


@pytest.mark.evidence("auth.condition-operators")
def test_a_condition_block_needs_every_operator_and_key() -> None:
    # auth.condition-operators: AND across operators and keys, OR across values.
    block = {
        "StringEquals": {"aws:username": ["ana", "bo"], "aws:PrincipalType": "User"},
        "Bool": {"aws:SecureTransport": "true"},
    }
    context = request(
        aws_username=["bo"], aws_PrincipalType=["User"], aws_SecureTransport=["true"]
    )
    assert conditions_hold(block, context)
    assert not conditions_hold(block, request(aws_username=["bo"], aws_PrincipalType=["User"]))
    assert conditions_hold({}, context)


@pytest.mark.evidence("auth.action-case", "auth.action-wildcards")
@pytest.mark.parametrize(
    ("pattern", "action", "expected"),
    [
        # auth.action-case, auth.action-wildcards
        ("mechanicalturk:*", "mechanicalturk:CreateHIT", True),
        ("MECHANICALTURK:createhit", "mechanicalturk:CreateHIT", True),
        ("mechanicalturk:Create???", "mechanicalturk:CreateHIT", True),
        ("mechanicalturk:Create??", "mechanicalturk:CreateHIT", False),
        ("mechanicalturk:Create.*", "mechanicalturk:CreateHIT", False),
        ("mechanicalturk:[C]reateHIT", "mechanicalturk:CreateHIT", False),
        ("*", "iam:CreateUser", True),
    ],
)
def test_actions_match_as_globs_without_case(pattern: str, action: str, expected: bool) -> None:
    assert statement_applies(statement(Action=pattern), request(action)) is expected


def not_resource(patterns: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": "*", "NotResource": patterns}


@pytest.mark.evidence("auth.action-wildcards", "auth.not-resource")
def test_resources_match_with_case() -> None:
    # auth.not-resource, auth.action-wildcards (resources keep their case)
    on_role = RequestContext("sts:AssumeRole", "arn:aws:iam::123456789012:role/Lab")
    assert statement_applies(statement(Resource="arn:aws:iam::*:role/Lab"), on_role)
    assert not statement_applies(statement(Resource="arn:aws:iam::*:role/lab"), on_role)
    assert statement_applies(not_resource("arn:aws:iam::*:role/lab"), on_role)
    assert not statement_applies(not_resource(["arn:aws:iam::*:role/*"]), on_role)


@pytest.mark.evidence("auth.deny-only-never-grants")
def test_a_statement_without_resource_applies_to_nothing() -> None:
    # auth.deny-only-never-grants: moto treated it as a grant, whatever its Effect.
    bare = {"Effect": "Allow", "Action": "*"}
    assert not statement_applies(bare, request())
    assert policy_result({"Statement": bare}, request()) is Result.NEUTRAL


@pytest.mark.evidence(
    "auth.boundary-explicit-deny",
    "auth.boundary-no-allow",
    "auth.identity-wording",
)
def test_the_order_of_refusals() -> None:
    # auth.identity-wording, auth.boundary-explicit-deny, auth.boundary-no-allow
    allow_all = {"Statement": [statement()]}
    deny_all = {"Statement": [statement(Effect="Deny")]}
    nothing: dict[str, Any] = {"Statement": []}
    action = "mechanicalturk:CreateHIT"
    assert evaluate(request(), [allow_all]) == Decision(True)
    assert evaluate(request(), [allow_all], allow_all) == Decision(True)
    assert evaluate(request(), [allow_all, deny_all], deny_all).reason == (
        "with an explicit deny in an identity-based policy"
    )
    assert evaluate(request(), [nothing], deny_all).reason == (
        "with an explicit deny in a permissions boundary"
    )
    assert evaluate(request(), [nothing], nothing).reason == (
        f"because no identity-based policy allows the {action} action"
    )
    assert evaluate(request(), [allow_all], nothing).reason == (
        f"because no permissions boundary allows the {action} action"
    )
    assert not evaluate(request(), []).allowed


def test_policies_are_read_from_json_text() -> None:
    assert parse('{"Statement": []}') == {"Statement": []}
    assert policy_result(parse(json.dumps(allow("mechanicalturk:*"))), request()) is Result.ALLOW


@pytest.mark.evidence(
    "auth.global-keys",
    "auth.mfa-absent-for-long-term-keys",
    "auth.session-mfa-false",
)
def test_global_keys_of_a_temporary_principal() -> None:
    # auth.session-mfa-false, auth.mfa-absent-for-long-term-keys, auth.global-keys
    role = Principal(
        "arn:aws:sts::123456789012:assumed-role/r/s",
        "arn:aws:iam::123456789012:role/r",
        "123456789012",
        "AROAEXAMPLE:s",
        "AssumedRole",
        temporary=True,
    )
    moment = datetime(2026, 12, 1, tzinfo=UTC)
    keys = global_keys(
        role, now=moment, secure_transport=False, source_ip="192.0.2.10", region="us-east-1"
    )
    assert keys["aws:MultiFactorAuthPresent"] == ["false"]
    assert keys["aws:SecureTransport"] == ["false"]
    assert keys["aws:CurrentTime"] == ["2026-12-01T00:00:00Z"]
    assert keys["aws:EpochTime"] == ["1796083200"]
    assert "aws:username" not in keys


# --- properties -------------------------------------------------------------------

NAME = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.",
    min_size=1,
    max_size=12,
)
PATTERN = st.text(alphabet="abcXYZ*?.()[]+", min_size=1, max_size=8)


@pytest.mark.evidence("auth.deny-only-never-grants", "auth.explicit-deny-wins")
@given(action=NAME, pattern=PATTERN)
@settings(max_examples=200, deadline=None)
def test_an_allow_and_a_deny_of_the_same_action_never_both_allow(
    action: str, pattern: str
) -> None:
    # auth.explicit-deny-wins, auth.deny-only-never-grants
    context = request(f"mechanicalturk:{action}")
    allow_only = {"Statement": [statement(Action=f"mechanicalturk:{pattern}")]}
    with_deny = {
        "Statement": [*allow_only["Statement"], {**allow_only["Statement"][0], "Effect": "Deny"}]
    }
    deny_only = {"Statement": [{**allow_only["Statement"][0], "Effect": "Deny"}]}
    assert not evaluate(context, [with_deny]).allowed
    assert not evaluate(context, [deny_only]).allowed
    assert not evaluate(context, [allow_only, deny_only]).allowed
    # The allow alone decides exactly as the glob does.
    expected = matches(f"mechanicalturk:{pattern}", f"mechanicalturk:{action}", ignore_case=True)
    assert evaluate(context, [allow_only]).allowed is expected


@pytest.mark.evidence("auth.boundary-intersection")
@given(action=NAME, identity=PATTERN, boundary=PATTERN, denied=PATTERN)
@settings(max_examples=200, deadline=None)
def test_a_boundary_never_widens_what_policies_allow(
    action: str, identity: str, boundary: str, denied: str
) -> None:
    # auth.boundary-intersection
    context = request(f"mechanicalturk:{action}")
    policies = [
        {"Statement": [statement(Action=f"mechanicalturk:{identity}")]},
        {"Statement": [statement(Action=f"mechanicalturk:{denied}", Effect="Deny")]},
    ]
    limit = {"Statement": [statement(Action=f"mechanicalturk:{boundary}")]}
    with_boundary = evaluate(context, policies, limit).allowed
    assert with_boundary == (
        evaluate(context, policies).allowed and evaluate(context, [limit]).allowed
    )


# --- policy variables ------------------------------------------------------------


@pytest.mark.evidence("auth.policy-variables")
def test_policy_variables_are_filled_from_the_request() -> None:
    from mturk_emulator.iam_policy import RequestContext, Result, policy_result, substitute

    request = RequestContext("iam:CreateAccessKey", "arn:aws:iam::123456789012:user/ana",
                             {"aws:username": ["ana"], "aws:userid": ["AIDAEXAMPLE"]})  # fmt: skip
    assert substitute("user/${aws:username}", request) == "user/ana"
    assert substitute("${AWS:UserName}-${aws:userid}", request) == "ana-AIDAEXAMPLE"
    assert substitute("${aws:SourceIdentity, 'nobody'}", request) == "nobody"
    assert substitute("${aws:SourceIdentity}", request) is None
    own = {
        "Effect": "Allow",
        "Action": "iam:*AccessKey*",
        "Resource": "arn:aws:iam::*:user/${aws:username}",
    }
    current = {"Version": "2012-10-17", "Statement": [own]}
    assert policy_result(current, request) is Result.ALLOW
    other = RequestContext(
        "iam:CreateAccessKey", "arn:aws:iam::123456789012:user/bo", {"aws:username": ["ana"]}
    )
    assert policy_result(current, other) is Result.NEUTRAL
    no_name = RequestContext("iam:CreateAccessKey", "arn:aws:iam::123456789012:user/ana", {})
    assert policy_result(current, no_name) is Result.NEUTRAL  # cannot be filled: no match
    # The 2008-10-17 language has no variables: the text is literal.
    assert policy_result({"Version": "2008-10-17", "Statement": [own]}, request) is Result.NEUTRAL
    condition = {"Effect": "Deny", "Action": "*", "Resource": "*",
                 "Condition": {"StringNotEquals": {"aws:userid": "${aws:userid}"}}}  # fmt: skip
    assert (
        policy_result({"Version": "2012-10-17", "Statement": [condition]}, request)
        is Result.NEUTRAL
    )
