"""Helpers for the emulator's own tests: clients for either endpoint and any key,
IAM users, policies, and a HIT.

Their clients share one botocore loader, so a client costs about 6 ms instead of
40 (the service models are read and parsed once per process, not once per client),
and a client for the in-process emulator signed with a fixed key is made once per
process and handed out again (``client``).
"""

from __future__ import annotations

import json
import os
import re
from typing import TYPE_CHECKING, Any

import boto3
import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.loaders import create_loader

from mturk_emulator import constants
from mturk_emulator.environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from mturk_emulator.service_model import DATA_PATH as MODEL_DATA_PATH

if TYPE_CHECKING:
    from mypy_boto3_iam import IAMClient
    from mypy_boto3_mturk import MTurkClient
    from mypy_boto3_sts import STSClient

ACCOUNT_ID = "123456789012"  # moto's default account

QUESTION = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">'
    "<HTMLContent><![CDATA[<crowd-form><crowd-input name='feedback'></crowd-input>"
    "</crowd-form>]]></HTMLContent><FrameHeight>400</FrameHeight></HTMLQuestion>"
)
ANSWER = (
    '<QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd">'
    "<Answer><QuestionIdentifier>feedback</QuestionIdentifier>"
    "<FreeText>Fine.</FreeText></Answer></QuestionFormAnswers>"
)
WORKER = "A1EXAMPLEWORKER"
NO_RETRIES = Config(retries={"total_max_attempts": 1})
# The emulator's copy of the mturk model first, as the emulator's own data path has
# it: these clients work with a botocore that lacks MTurk.
_LOADER = create_loader(str(MODEL_DATA_PATH))


_CLIENTS: dict[tuple[object, ...], tuple[Any, tuple[int, tuple[int, ...]]]] = {}


def client(
    service: str,
    *,
    key: tuple[str, str] | None = None,
    token: str | None = None,
    region: str = constants.REGION,
    endpoint_url: str | None = None,
    config: Config = NO_RETRIES,
) -> Any:
    """A client in a new session (credentials from the environment unless ``key``).

    A client of the in-process emulator (no endpoint, or MTurk's own) with the
    default config and a known key (``key``, or the root key the emulator's
    environment sets) is made once and handed out again: such a client keeps no
    state between calls (the emulator's backends hold it all), and making one is
    most of what a short test costs. Clients of a server, or with credentials
    that botocore must find (a profile, a changed environment), are always new.
    """
    signer = key if key is not None else _root_key_of_the_environment()
    in_process = endpoint_url in (None, constants.SANDBOX_ENDPOINT, constants.PRODUCTION_ENDPOINT)
    if signer is None or config is not NO_RETRIES or not in_process:
        return _new_client(service, key, token, region, endpoint_url, config)
    cache_key = (service, signer, token, region, endpoint_url)
    kept = _CLIENTS.get(cache_key)
    if kept is None or _handlers_of(kept[0]) != kept[1]:
        # A test that added event handlers to the client and left them gets a new one.
        made = _new_client(service, signer, token, region, endpoint_url, config)
        kept = _CLIENTS[cache_key] = (made, _handlers_of(made))
    return kept[0]


def _handlers_of(made: Any) -> tuple[int, tuple[int, ...]]:
    """The event handlers of a client, by identity (botocore's handler tree, walked)."""
    emitter = made.meta.events._emitter
    found: list[int] = []
    nodes = [emitter._handlers._root]
    while nodes:
        node = nodes.pop()
        if node["values"] is not None:
            for handlers in (node["values"].first, node["values"].middle, node["values"].last):
                found.extend(id(handler) for handler in handlers)
        nodes.extend(node["children"].values())
    return len(emitter._unique_id_handlers), tuple(sorted(found))


def _root_key_of_the_environment() -> tuple[str, str] | None:
    """The root key, when the environment is the emulator's own and botocore would use it."""
    variables = {name: value for name, value in os.environ.items() if name.startswith("AWS_")}
    if any(name in variables for name in _OTHER_CREDENTIALS):
        return None
    pair = (variables.get("AWS_ACCESS_KEY_ID"), variables.get("AWS_SECRET_ACCESS_KEY"))
    return ROOT_KEY if pair == ROOT_KEY else None


ROOT_KEY = (ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY)
_OTHER_CREDENTIALS = (
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
)


def _new_client(
    service: str,
    key: tuple[str, str] | None,
    token: str | None,
    region: str,
    endpoint_url: str | None,
    config: Config,
) -> Any:
    session = botocore.session.Session()
    session.register_component("data_loader", _LOADER)
    credentials: dict[str, Any] = {}
    if key is not None:
        credentials = {"aws_access_key_id": key[0], "aws_secret_access_key": key[1]}
    return boto3.Session(botocore_session=session).client(
        service,  # type: ignore[call-overload]
        region_name=region,
        endpoint_url=endpoint_url,
        aws_session_token=token,
        config=config,
        **credentials,
    )


def mturk_client(
    *,
    sandbox: bool = True,
    key: tuple[str, str] | None = None,
    token: str | None = None,
    region: str = constants.REGION,
    endpoint_url: str | None = "",
    config: Config = NO_RETRIES,
) -> MTurkClient:
    """An MTurk client for the sandbox or production, by default as the root user.

    ``endpoint_url=None`` lets botocore pick the endpoint for ``region``.
    """
    if endpoint_url == "":
        endpoint_url = constants.SANDBOX_ENDPOINT if sandbox else constants.PRODUCTION_ENDPOINT
    mturk: MTurkClient = client(
        "mturk", key=key, token=token, region=region, endpoint_url=endpoint_url, config=config
    )
    return mturk


def iam_client(key: tuple[str, str] | None = None, token: str | None = None) -> IAMClient:
    iam: IAMClient = client("iam", key=key, token=token)
    return iam


def sts_client(key: tuple[str, str] | None = None, token: str | None = None) -> STSClient:
    sts: STSClient = client("sts", key=key, token=token)
    return sts


def iam_user(
    name: str,
    *,
    managed: tuple[str, ...] = (),
    inline: dict[str, Any] | None = None,
    group: str | None = None,
) -> tuple[str, str]:
    """Create an IAM user (as root) with the given policies; return its access key."""
    iam = iam_client()
    iam.create_user(UserName=name)
    for arn in managed:
        iam.attach_user_policy(UserName=name, PolicyArn=arn)
    if inline is not None:
        iam.put_user_policy(UserName=name, PolicyName="inline", PolicyDocument=json.dumps(inline))
    if group is not None:
        iam.add_user_to_group(GroupName=group, UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def allow(*actions: str, effect: str = "Allow") -> dict[str, Any]:
    """A policy document with one statement for ``actions`` on every resource."""
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": effect, "Action": list(actions), "Resource": "*"}],
    }


def hit_args(**overrides: Any) -> dict[str, Any]:
    """CreateHIT's arguments for a small, valid HIT."""
    return {
        "Title": "Tell us how the setup went",
        "Description": "One question about the guide.",
        "Reward": "0.50",
        "MaxAssignments": 1,
        "LifetimeInSeconds": 3600,
        "AssignmentDurationInSeconds": 600,
        "Question": QUESTION,
        **overrides,
    }


def new_hit(client: MTurkClient, **overrides: Any) -> str:
    """Create a HIT (see ``hit_args``) and return its id."""
    return client.create_hit(**hit_args(**overrides))["HIT"]["HITId"]


def error_body(client: MTurkClient, call: Any) -> dict[str, Any]:
    """Call, expect an error, return the JSON body the service sent (``__type`` and all).

    botocore keeps only ``Code`` and ``Message`` of errors the model does not
    define (``ParameterValidationError``, ``ValidationException``); the body
    shows the rest (``Parameter``, ``TurkErrorCode``).
    """
    bodies: list[bytes] = []

    def keep(response_dict: dict[str, Any], **_: Any) -> None:
        bodies.append(response_dict["body"])

    client.meta.events.register("before-parse.mturk.*", keep)
    try:
        with pytest.raises(ClientError) as raised:
            call()
    finally:
        client.meta.events.unregister("before-parse.mturk.*", keep)
    body: dict[str, Any] = json.loads(bodies[-1])
    assert body["__type"] == raised.value.response["Error"]["Code"]
    if body["__type"] == "ParameterValidationError":
        # Not a modeled error: the class botocore makes for RequestError must miss it.
        assert not isinstance(raised.value, client.exceptions.RequestError)
    return body


STAMP = re.compile(r" \(\d{13}\)$")
"""The request time in milliseconds that MTurk put at the end of its messages."""


def parameter_error(client: MTurkClient, call: Any) -> tuple[str, str]:
    """Call, expect MTurk's ParameterValidationError; return (message unstamped, Parameter)."""
    body = error_body(client, call)
    assert body["__type"] == "ParameterValidationError", body
    assert body["TurkErrorCode"] == "AWS.MechanicalTurk.InvalidParameterValue"
    assert STAMP.search(body["Message"]), body["Message"]
    return STAMP.sub("", body["Message"]), body["Parameter"]


def validation_message(client: MTurkClient, call: Any) -> str:
    """Call, expect the model check's ValidationException; return its message."""
    body = error_body(client, call)
    assert body["__type"] == "ValidationException", body
    assert "TurkErrorCode" not in body
    message: str = body["message"]
    return message
