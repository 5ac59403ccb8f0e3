"""The test helpers' shared clients (``support.client``): handed out again only while
that cannot change what a test sees."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from mturk_emulator import MTurkFake
from mturk_emulator.environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from tests.emulator.support import NO_RETRIES, mturk_client


def test_a_client_comes_back_until_a_test_leaves_a_handler_on_it(aws: MTurkFake) -> None:
    first = mturk_client()
    assert mturk_client() is first

    def left_behind(**_: Any) -> None:
        pass

    first.meta.events.register("before-parse.mturk", left_behind)
    second = mturk_client()
    assert second is not first  # the leftover handler stays with the old client
    assert mturk_client() is second
    first.meta.events.unregister("before-parse.mturk", left_behind)


@pytest.mark.parametrize(
    "variable",
    ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECRET_ACCESS_KEY"],
)
def test_credentials_botocore_must_find_give_a_new_client(
    variable: str, aws: MTurkFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    credentials = Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"])
    credentials.write_text(
        f"[lab]\naws_access_key_id = {ROOT_ACCESS_KEY_ID}\n"
        f"aws_secret_access_key = {ROOT_SECRET_ACCESS_KEY}\n"
    )
    monkeypatch.setenv(variable, "lab" if variable.endswith("PROFILE") else "not-the-root-secret")
    assert mturk_client() is not mturk_client()


def test_a_server_or_another_config_gives_a_new_client(aws: MTurkFake) -> None:
    server = "http://127.0.0.1:5005/sandbox"
    assert mturk_client(endpoint_url=server) is not mturk_client(endpoint_url=server)
    config = NO_RETRIES.merge(NO_RETRIES)
    assert mturk_client(config=config) is not mturk_client(config=config)
    assert mturk_client(sandbox=False) is not mturk_client()
