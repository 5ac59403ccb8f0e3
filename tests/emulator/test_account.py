"""The requester account's region (the other account rules are pinned where they are used)."""

from __future__ import annotations

import pytest

from mturk_emulator import MTurkFake, constants
from tests.emulator.support import mturk_client


@pytest.mark.evidence("account.region")
def test_a_request_signed_for_another_region_names_it(aws: MTurkFake) -> None:
    client = mturk_client(region="us-west-1", endpoint_url=constants.SANDBOX_ENDPOINT)
    with pytest.raises(client.exceptions.ClientError) as raised:
        client.get_account_balance()
    assert raised.value.response["Error"] == {
        "Code": "InvalidSignatureException",
        # jcjohnson/simple-amt#29, word for word (with the trailing space the JSON had).
        "Message": "Credential should be scoped to a valid region, not 'us-west-1'. ",
    }
