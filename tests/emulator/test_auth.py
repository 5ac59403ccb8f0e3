"""The emulator's door: who may call MTurk, from where, with which key and policy.

Authentication (the key and its signature), the region, authorization (IAM
policies for ``mechanicalturk:<Operation>``) and the requester link, each with
the error the real service gives.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import boto3
import pytest
from botocore import UNSIGNED
from botocore.awsrequest import AWSPreparedRequest
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError

from guide_tools import constants
from mturk_emulator import MTurkFake, emulator, handle_mturk_request
from mturk_emulator.environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from tests.emulator.support import (
    ACCOUNT_ID,
    allow,
    hit_args,
    iam_client,
    iam_user,
    mturk_client,
    new_hit,
    sts_client,
)

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

INVALID_TOKEN = "The security token included in the request is invalid."
BAD_SIGNATURE = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. "
    "Consult the service documentation for details."
)


def error(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def refused(client: MTurkClient) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        client.get_account_balance()
    return error(raised)


# --- authentication ------------------------------------------------------------


def test_the_process_starts_as_the_root_user(aws: MTurkFake) -> None:
    assert aws.root_credentials == (ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY)
    # Plain boto3, as a reader's script would call it.
    identity = boto3.client("sts").get_caller_identity()
    assert (identity["Account"], identity["Arn"], identity["UserId"]) == (
        ACCOUNT_ID,
        f"arn:aws:iam::{ACCOUNT_ID}:root",
        ACCOUNT_ID,
    )
    for endpoint in (constants.SANDBOX_ENDPOINT, constants.PRODUCTION_ENDPOINT):
        client = boto3.client("mturk", endpoint_url=endpoint)
        assert "AvailableBalance" in client.get_account_balance()
    root = mturk_client(key=aws.root_credentials)
    assert root.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE


def test_iam_users_keep_their_own_identity(aws: MTurkFake) -> None:
    key = iam_user("alice")
    sts = sts_client(key)
    assert sts.get_caller_identity()["Arn"] == f"arn:aws:iam::{ACCOUNT_ID}:user/alice"


def test_an_unknown_access_key_is_refused(aws: MTurkFake) -> None:
    client = mturk_client(key=("AKIAUNKNOWNEXAMPLE00", ROOT_SECRET_ACCESS_KEY))
    assert refused(client) == ("UnrecognizedClientException", INVALID_TOKEN)


def test_a_deleted_access_key_is_refused(aws: MTurkFake) -> None:
    key = iam_user("alice", managed=(constants.FULL_ACCESS_POLICY_ARN,))
    client = mturk_client(key=key)
    assert client.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE
    iam_client().delete_access_key(UserName="alice", AccessKeyId=key[0])
    assert refused(client) == ("UnrecognizedClientException", INVALID_TOKEN)


@pytest.mark.parametrize("whose", ["root", "user"])
def test_a_wrong_secret_is_refused(aws: MTurkFake, whose: str) -> None:
    if whose == "root":
        key_id = ROOT_ACCESS_KEY_ID
    else:
        key_id = iam_user("alice", managed=(constants.FULL_ACCESS_POLICY_ARN,))[0]
    # A typical paste error: the secret with a character missing.
    client = mturk_client(key=(key_id, ROOT_SECRET_ACCESS_KEY[:-1]))
    assert refused(client) == ("InvalidSignatureException", BAD_SIGNATURE)


def test_an_inactive_key_is_refused_everywhere_until_reactivated(aws: MTurkFake) -> None:
    key = iam_user("alice", managed=(constants.FULL_ACCESS_POLICY_ARN,))
    iam = iam_client()
    iam.update_access_key(UserName="alice", AccessKeyId=key[0], Status="Inactive")
    assert refused(mturk_client(key=key)) == ("UnrecognizedClientException", INVALID_TOKEN)
    sts = sts_client(key)
    with pytest.raises(ClientError) as raised:
        sts.get_caller_identity()
    assert error(raised)[0] == "InvalidClientTokenId"
    iam.update_access_key(UserName="alice", AccessKeyId=key[0], Status="Active")
    assert mturk_client(key=key).get_account_balance()["AvailableBalance"] == "10000.00"


def _role_credentials() -> dict[str, str]:
    iam = iam_client()
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
    role = iam.create_role(RoleName="mturk-role", AssumeRolePolicyDocument=json.dumps(trust))
    iam.attach_role_policy(RoleName="mturk-role", PolicyArn=constants.FULL_ACCESS_POLICY_ARN)
    assumed = sts_client().assume_role(RoleArn=role["Role"]["Arn"], RoleSessionName="session")
    return dict(assumed["Credentials"])  # type: ignore[arg-type]


@pytest.mark.evidence("auth.mturk-no-temporary-credentials", "auth.mturk-temporary-error")
def test_role_credentials_are_refused_by_mturk_only(aws: MTurkFake) -> None:
    # auth.mturk-no-temporary-credentials, auth.mturk-temporary-error
    credentials = _role_credentials()
    assert credentials["AccessKeyId"].startswith("ASIA")
    key = (credentials["AccessKeyId"], credentials["SecretAccessKey"])
    client = mturk_client(key=key, token=credentials["SessionToken"])
    assert refused(client) == ("UnrecognizedClientException", INVALID_TOKEN)
    # The same credentials are good for STS: it is MTurk that will not take them.
    sts = sts_client(key, token=credentials["SessionToken"])
    assert ":assumed-role/mturk-role/session" in sts.get_caller_identity()["Arn"]


@pytest.mark.evidence(
    "auth.mturk-no-temporary-credentials",
    "auth.mturk-temporary-error",
    "auth.session-keys",
    "auth.session-no-iam",
)
def test_session_token_credentials_are_refused(aws: MTurkFake) -> None:
    # auth.session-keys: a new ASIA key each time (moto used to hand out the root
    # key's id): "Access key IDs beginning with ASIA are temporary credentials
    # that are created using STS operations" (botocore model, sts GetAccessKeyInfo).
    # auth.mturk-no-temporary-credentials, auth.mturk-temporary-error, auth.session-no-iam
    token = sts_client().get_session_token()["Credentials"]
    assert token["AccessKeyId"].startswith("ASIA")
    key = (token["AccessKeyId"], token["SecretAccessKey"])
    client = mturk_client(key=key, token=token["SessionToken"])
    assert refused(client) == ("UnrecognizedClientException", INVALID_TOKEN)
    iam = iam_client(key, token=token["SessionToken"])
    with pytest.raises(ClientError) as raised:
        iam.list_users()
    assert error(raised)[0] == "InvalidClientTokenId"
    # A long-term key sent with a session token is no session.
    with pytest.raises(ClientError) as raised:
        sts_client(aws.root_credentials, token=token["SessionToken"]).get_caller_identity()
    assert error(raised)[0] == "InvalidClientTokenId"


def test_an_unsigned_request_is_refused(aws: MTurkFake) -> None:
    client = mturk_client(config=Config(signature_version=UNSIGNED, retries={"max_attempts": 0}))
    assert refused(client) == (
        "MissingAuthenticationTokenException",
        "Request is missing Authentication Token",
    )


@pytest.mark.evidence("auth.clock-expired", "auth.clock-not-yet")
@pytest.mark.parametrize(
    ("offset", "wording"), [(400, "Signature expired"), (-400, "Signature not yet current")]
)
def test_a_clock_more_than_five_minutes_off_is_refused(
    aws: MTurkFake, offset: int, wording: str
) -> None:
    # auth.clock-expired, auth.clock-not-yet
    client = mturk_client()
    # MTurk's clock moves away from this computer's: this computer's is off by -offset.
    # (advance_time is time passing for both, since the service and time were split.)
    aws.skew_client_clock(-offset)
    code, message = refused(client)
    assert code == "InvalidSignatureException"
    assert message.startswith(wording)
    assert message.endswith(("- 5 min.)", "+ 5 min.)"))
    aws.skew_client_clock(0)
    assert client.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE


def test_a_clock_a_little_off_is_accepted(aws: MTurkFake) -> None:
    aws.skew_client_clock(-290)
    assert mturk_client().get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE


# --- regions and endpoints -----------------------------------------------------


@pytest.mark.parametrize(
    ("region", "endpoint_url"),
    [
        ("us-west-1", constants.SANDBOX_ENDPOINT),
        ("eu-west-1", constants.PRODUCTION_ENDPOINT),
        # botocore's pseudo-region: the right host, but signed for "sandbox".
        ("sandbox", None),
    ],
)
def test_requests_signed_for_another_region_are_refused(
    aws: MTurkFake, region: str, endpoint_url: str | None
) -> None:
    client = mturk_client(region=region, endpoint_url=endpoint_url)
    assert client.meta.endpoint_url.endswith(".us-east-1.amazonaws.com")
    code, message = refused(client)
    assert code == "InvalidSignatureException"
    assert message.startswith(f"Credential should be scoped to a valid region, not '{region}'.")


def test_there_is_no_endpoint_in_other_regions(aws: MTurkFake) -> None:
    client = mturk_client(region="us-west-1", endpoint_url=None)
    assert client.meta.endpoint_url == "https://mturk-requester.us-west-1.amazonaws.com"
    with pytest.raises(EndpointConnectionError, match=r"mturk-requester\.us-west-1"):
        client.get_account_balance()


def test_the_handler_leaves_requests_alone_when_no_mock_runs() -> None:
    request = AWSPreparedRequest(
        "POST", constants.SANDBOX_ENDPOINT + "/", {}, b"{}", stream_output=False
    )
    assert handle_mturk_request(request) is None
    with emulator():
        assert handle_mturk_request(request) is not None
    assert handle_mturk_request(request) is None


def test_without_enforcement_any_key_may_call() -> None:
    with emulator(enforce_authorization=False):
        client = mturk_client(key=("AKIAANYKEYEXAMPLE000", "any secret"))
        assert client.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE


# --- authorization -------------------------------------------------------------


def denied(call: Any) -> str:
    with pytest.raises(ClientError) as raised:
        call()
    code, message = error(raised)
    assert code == "AccessDeniedException"
    return message


def not_allowed(user: str, operation: str) -> str:
    action = f"mechanicalturk:{operation}"
    return (
        f"User: arn:aws:iam::{ACCOUNT_ID}:user/{user} is not authorized to perform: "
        f"{action} because no identity-based policy allows the {action} action"
    )


def test_full_access_may_do_everything(aws: MTurkFake) -> None:
    client = mturk_client(key=iam_user("poster", managed=(constants.FULL_ACCESS_POLICY_ARN,)))
    hit_id = new_hit(client)
    assert client.get_hit(HITId=hit_id)["HIT"]["HITStatus"] == "Assignable"
    aws.add_worker("A1SPAMMER")  # MTurk refused workers it did not know (aws-sdk-java#2055)
    client.create_worker_block(WorkerId="A1SPAMMER", Reason="Spam.")
    assert client.list_worker_blocks()["NumResults"] == 1


def test_full_access_is_not_iam_access(aws: MTurkFake) -> None:
    key = iam_user("poster", managed=(constants.FULL_ACCESS_POLICY_ARN,))
    iam = iam_client(key)
    with pytest.raises(ClientError) as raised:
        iam.create_user(UserName="mallory")
    assert error(raised)[0] == "AccessDenied"


def test_read_only_may_look_but_not_post(aws: MTurkFake) -> None:
    client = mturk_client(key=iam_user("reader", managed=(constants.READ_ONLY_POLICY_ARN,)))
    assert client.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE
    assert client.list_hits()["NumResults"] == 0
    assert denied(lambda: client.create_hit(**hit_args())) == not_allowed("reader", "CreateHIT")
    assert denied(lambda: client.notify_workers(Subject="s", MessageText="m", WorkerIds=["A1"]))


@pytest.mark.evidence("auth.identity-wording", "auth.implicit-deny", "auth.mturk-access-denied")
def test_no_policy_may_do_nothing(aws: MTurkFake) -> None:
    # auth.implicit-deny, auth.identity-wording, auth.mturk-access-denied
    client = mturk_client(key=iam_user("nobody"))
    message = denied(client.get_account_balance)
    assert message == not_allowed("nobody", "GetAccountBalance")


def test_an_inline_policy_for_the_balance_only(aws: MTurkFake) -> None:
    key = iam_user("balance", inline=allow("mechanicalturk:GetAccountBalance"))
    client = mturk_client(key=key, sandbox=False)
    assert client.get_account_balance()["AvailableBalance"] == "0.00"
    assert denied(client.list_hits) == not_allowed("balance", "ListHITs")
    assert denied(lambda: client.create_hit(**hit_args())) == not_allowed("balance", "CreateHIT")


@pytest.mark.parametrize("how", ["managed", "inline"])
def test_a_group_policy_counts_for_its_members(aws: MTurkFake, how: str) -> None:
    iam = iam_client()
    iam.create_group(GroupName="lab")
    if how == "managed":
        iam.attach_group_policy(GroupName="lab", PolicyArn=constants.FULL_ACCESS_POLICY_ARN)
    else:
        document = json.dumps(allow("mechanicalturk:*"))
        iam.put_group_policy(GroupName="lab", PolicyName="mturk", PolicyDocument=document)
    client = mturk_client(key=iam_user("member", group="lab"))
    assert new_hit(client)
    outsider = mturk_client(key=iam_user("outsider"))
    assert denied(outsider.list_hits) == not_allowed("outsider", "ListHITs")


@pytest.mark.evidence(
    "auth.explicit-deny-wins",
    "auth.identity-wording",
    "auth.mturk-access-denied",
)
def test_an_explicit_deny_wins(aws: MTurkFake) -> None:
    # auth.explicit-deny-wins, auth.identity-wording, auth.mturk-access-denied
    key = iam_user(
        "careful",
        managed=(constants.FULL_ACCESS_POLICY_ARN,),
        inline=allow("mechanicalturk:SendBonus", effect="Deny"),
    )
    client = mturk_client(key=key)
    assert new_hit(client)
    message = denied(
        lambda: client.send_bonus(
            WorkerId="A1", BonusAmount="1.00", AssignmentId="3X", Reason="Thanks."
        )
    )
    assert message == (
        f"User: arn:aws:iam::{ACCOUNT_ID}:user/careful is not authorized to perform: "
        "mechanicalturk:SendBonus with an explicit deny in an identity-based policy"
    )


@pytest.mark.evidence("auth.action-case", "auth.action-wildcards")
@pytest.mark.parametrize(
    "action",
    [
        "MechanicalTurk:getaccountbalance",  # AWS compares actions without case
        "mechanicalturk:GetAccount?alance",  # ? stands for one character
        "mechanicalturk:*Balance",
    ],
)
def test_actions_match_as_aws_matches_them(aws: MTurkFake, action: str) -> None:
    # auth.action-case, auth.action-wildcards
    client = mturk_client(key=iam_user("matcher", inline=allow(action)))
    assert client.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE
    assert denied(client.list_hits) == not_allowed("matcher", "ListHITs")


@pytest.mark.evidence("auth.not-action")
def test_not_action_and_a_single_statement(aws: MTurkFake) -> None:
    # auth.not-action
    document = {
        "Version": "2012-10-17",
        "Statement": {"Effect": "Allow", "NotAction": "mechanicalturk:Create*", "Resource": "*"},
    }
    client = mturk_client(key=iam_user("lister", inline=document))
    assert client.list_hits()["NumResults"] == 0
    assert denied(lambda: client.create_hit(**hit_args())) == not_allowed("lister", "CreateHIT")


@pytest.mark.evidence("auth.action-wildcards")
def test_a_pattern_with_regex_characters_matches_literally(aws: MTurkFake) -> None:
    # auth.action-wildcards
    client = mturk_client(key=iam_user("odd", inline=allow("mechanicalturk:(Get.*)")))
    assert denied(client.get_account_balance) == not_allowed("odd", "GetAccountBalance")


# --- the requester link --------------------------------------------------------


def not_linked(developer_page: str) -> str:
    return (
        "To use the MTurk API, you will need an Amazon Web Services (AWS) Account. "
        "Your AWS account must be linked to your Amazon Mechanical Turk Account. "
        f"Visit {developer_page} to get started."
    )


@pytest.mark.parametrize(
    ("sandbox", "developer_page"),
    [(True, constants.SANDBOX_DEVELOPER_PAGE), (False, constants.PRODUCTION_DEVELOPER_PAGE)],
)
def test_each_environment_is_linked_on_its_own(
    mturk_fake: MTurkFake, sandbox: bool, developer_page: str
) -> None:
    unlinked, linked = mturk_client(sandbox=sandbox), mturk_client(sandbox=not sandbox)
    mturk_fake.set_linked(False, sandbox=sandbox)
    with pytest.raises(ClientError) as raised:
        unlinked.get_account_balance()
    assert error(raised) == ("RequestError", not_linked(developer_page))
    assert raised.value.response["TurkErrorCode"] == "AWS.AccountNotLinked"  # type: ignore[typeddict-item]
    with pytest.raises(unlinked.exceptions.RequestError):
        unlinked.create_hit(**hit_args())
    assert "AvailableBalance" in linked.get_account_balance()
    mturk_fake.set_linked(True, sandbox=sandbox)
    assert "AvailableBalance" in unlinked.get_account_balance()


def test_authentication_comes_before_the_link(mturk_fake: MTurkFake) -> None:
    mturk_fake.set_linked(False, sandbox=True)
    client = mturk_client(key=("AKIAUNKNOWNEXAMPLE00", ROOT_SECRET_ACCESS_KEY))
    assert refused(client) == ("UnrecognizedClientException", INVALID_TOKEN)
    reader = mturk_client(key=iam_user("nobody"))
    assert denied(reader.get_account_balance) == not_allowed("nobody", "GetAccountBalance")
