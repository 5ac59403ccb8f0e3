"""Tests for ``snippets/check_setup.py`` and ``.sh`` (page ``docs/check-setup.md``)."""

from __future__ import annotations

import re

import pytest
from botocore.exceptions import ClientError

from guide_tools.sections import read_section
from guide_tools.shell import ShellSnippetError, check_section
from mturk_emulator import MTurkFake
from snippets.check_setup import balance, mturk_client, whoami
from tests.conftest import ROOT, RunSnippet

SHELL = ROOT / "snippets" / "check_setup.sh"
PYTHON = ROOT / "snippets" / "check_setup.py"


def test_main_shows_who_you_are_and_the_sandbox_balance(
    mturk_profile: str, run_snippet: RunSnippet
) -> None:
    run_snippet("snippets/check_setup.py")


def test_production_only_when_asked(
    mturk_profile: str, mturk_fake: MTurkFake, run_snippet: RunSnippet
) -> None:
    """A new account, as the page's story has it: nothing paid in, so 0.00."""
    run_snippet("snippets/check_setup.py", "--production")
    mturk_fake.set_prepaid_balance("12.50")
    assert balance(mturk_client(production=True)) == "12.50"
    assert balance(mturk_client()) == "10000.00"


def shown_production_balances() -> dict[str, set[str]]:
    """Every production balance the page shows: Python tab, AWS CLI tab, prose."""
    python = re.findall(r"#> Production balance: \$([\d.]+)", PYTHON.read_text("utf-8"))
    cli = "\n".join(read_section(SHELL, "production-balance"))
    page = (ROOT / "docs" / "check-setup.md").read_text("utf-8")
    production = page.split("## 3. Is production ready?")[1].split("\n## ")[0]
    return {
        "Python tab": set(python),
        "AWS CLI tab": set(re.findall(r'"AvailableBalance": "([\d.]+)"', cli)),
        "prose of step 3": set(re.findall(r"`\$?([\d,]+\.\d\d)`", production)),
    }


def test_the_page_tells_one_story_about_the_production_balance() -> None:
    """The tabs and the prose all show the same new account's balance (and each shows one)."""
    shown = shown_production_balances()
    assert all(len(values) == 1 for values in shown.values()), shown
    assert len(set.union(*shown.values())) == 1, f"the page contradicts itself: {shown}"


def test_whoami_names_the_iam_user_not_root(mturk_profile: str) -> None:
    assert whoami() == "arn:aws:iam::123456789012:user/mturk-api"


@pytest.mark.evidence("account.not-linked")
def test_an_unlinked_sandbox_is_an_error(mturk_profile: str, mturk_fake: MTurkFake) -> None:
    mturk_fake.set_linked(False, sandbox=True)
    with pytest.raises(ClientError, match="must be linked") as error:
        balance(mturk_client())
    assert error.value.response["TurkErrorCode"] == "AWS.AccountNotLinked"
    assert balance(mturk_client(production=True)) == "0.00"


@pytest.mark.parametrize("section", ["whoami", "sandbox-balance", "production-balance"])
def test_the_cli_commands_print_what_the_page_shows(mturk_profile: str, section: str) -> None:
    check_section(SHELL, section)


def test_the_cli_fails_loudly_when_not_linked(mturk_profile: str, mturk_fake: MTurkFake) -> None:
    mturk_fake.set_linked(False, sandbox=True)
    with pytest.raises(ShellSnippetError, match="must be linked"):
        check_section(SHELL, "sandbox-balance")
