"""Tests for ``snippets/check_setup.py`` (page ``docs/check-setup.md``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from snippets.mturk_fake import MTurkFake


def test_sandbox_balance_prints_the_play_money(
    mturk_profile: str, run_snippet: Callable[[str], dict[str, Any]]
) -> None:
    namespace = run_snippet("snippets/check_setup.py")
    assert namespace["balance"] == "10000.00"


def test_sandbox_balance_fails_when_the_sandbox_is_not_linked(
    mturk_profile: str, mturk_fake: MTurkFake, run_snippet: Callable[[str], dict[str, Any]]
) -> None:
    mturk_fake.set_linked(False, sandbox=True)
    with pytest.raises(ClientError, match="must be linked"):
        run_snippet("snippets/check_setup.py")
