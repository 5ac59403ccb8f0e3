"""The doctor through the real command line, for the cases the safety issue lists.

Each runs ``python -m snippets.doctor`` in a process of its own, as a reader would, with
the AWS files of the test (``tests/conftest.py`` isolates them), and checks the exit
status, the code reported, that nothing is a traceback and that no secret is printed.
The registry's own rules (declared needs, frozen context) are tested at the end.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from botocore.exceptions import CredentialRetrievalError

from guide_tools.doctor import checks
from guide_tools.doctor.checks import Context, Diagnosis, Outcome, check, passed
from guide_tools.doctor.cli import main, parse_args
from mturk_emulator.environment import ROOT_SECRET_ACCESS_KEY
from tests.conftest import ROOT

HELPER_SECRET = "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyEXAMPLE1"


def doctor(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "snippets.doctor", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "MTURK_GUIDE_URL": "", **(env or {})},
        check=False,
        timeout=120,
    )


def config(text: str) -> None:
    Path(os.environ["AWS_CONFIG_FILE"]).write_text(text)


@pytest.mark.process
def test_a_failing_credential_helper_is_never_repeated() -> None:
    # botocore puts what the helper printed on stderr into CredentialRetrievalError's
    # message (botocore/credentials.py, ProcessProvider): here that is a secret.
    config(
        "[profile mturk]\n"
        f'credential_process = sh -c "echo {HELPER_SECRET} >&2; echo oops >&2; exit 1"\n'
    )
    for args in ([], ["--json"]):
        ran = doctor(*args)
        assert ran.returncode == 2, ran.stderr
        assert "MT112" in ran.stdout
        assert HELPER_SECRET not in ran.stdout + ran.stderr
        assert "oops" not in ran.stdout + ran.stderr
        assert "Traceback" not in ran.stderr
    words = " ".join(doctor().stdout.split())
    assert "credential_process line (`sh`) failed (what it printed is not shown)" in words


@pytest.mark.parametrize(
    "profile",
    [
        "[profile mturk]\nsso_start_url = https://example.awsapps.com/start\n"
        "sso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = MTurk\n",
        "[profile mturk]\nsso_session = lab\nsso_account_id = 123456789012\n"
        "sso_role_name = MTurk\n[sso-session lab]\n"
        "sso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
    ],
    ids=["legacy-sso", "sso-session"],
)
@pytest.mark.process
def test_a_single_sign_on_profile_is_temporary_credentials_not_a_broken_file(
    profile: str,
) -> None:
    # MTurk does not accept role credentials (AWS MTurk Getting Started Guide, SetUp.html),
    # and single sign-on gives a role's credentials.
    config(profile)
    ran = doctor()
    assert ran.returncode == 2, ran.stderr
    assert "FAIL   Credentials       MT110 Temporary credentials" in ran.stdout
    assert "single sign-on" in ran.stdout
    assert "MT103" not in ran.stdout
    assert "Traceback" not in ran.stderr


@pytest.fixture
def silent_server() -> Iterator[str]:
    """An address that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


@pytest.mark.process
def test_an_endpoint_that_never_answers_is_waited_for_aloud(silent_server: str) -> None:
    started = time.monotonic()
    ran = doctor("--timeout", "0.3", env={"AWS_ENDPOINT_URL_STS": silent_server})
    elapsed = time.monotonic() - started
    assert ran.returncode == 3, ran.stderr
    assert "ERROR  Identity          MT901 Cannot reach AWS" in ran.stdout
    assert "Waiting for an answer from 127.0.0.1 (the doctor gives up after about 0.6 seconds" in (
        ran.stderr
    )
    assert elapsed < 20
    assert ROOT_SECRET_ACCESS_KEY not in ran.stdout + ran.stderr


@pytest.mark.process
def test_the_waiting_notice_keeps_json_clean(silent_server: str) -> None:
    ran = doctor("--json", "--timeout", "0.3", env={"AWS_ENDPOINT_URL_STS": silent_server})
    assert json.loads(ran.stdout)["exit_code"] == 3
    assert "Waiting for an answer" in ran.stderr


@pytest.mark.process
def test_the_default_timeout_is_announced() -> None:
    assert checks.TIMEOUT * checks.ATTEMPTS <= 20
    ran = doctor("--help")
    assert "--timeout" in ran.stdout
    assert "default: 10)" in " ".join(ran.stdout.split())


def test_a_timeout_can_be_chosen() -> None:
    assert parse_args(["--timeout", "2.5"]).timeout == 2.5
    assert Context(timeout=2.5).client_config().read_timeout == 2.5


@pytest.mark.parametrize("provider", ["custom-process", "container-role"])
def test_a_credential_providers_own_words_are_never_shown(
    provider: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing(self: object) -> None:
        raise CredentialRetrievalError(provider=provider, error_msg=HELPER_SECRET)

    monkeypatch.setattr("botocore.session.Session.get_credentials", failing)
    assert main([]) == 2
    out = capsys.readouterr().out
    assert ("MT112" if provider == "custom-process" else "MT110") in out
    assert HELPER_SECRET not in out


def test_single_sign_on_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    config(
        "[profile mturk]\nsso_start_url = https://example.awsapps.com/start\n"
        "sso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = MTurk\n"
    )
    assert main([]) == 2
    assert "MT110 Temporary credentials" in capsys.readouterr().out


# --- the registry ------------------------------------------------------------------------------


def test_a_check_must_declare_only_what_earlier_checks_provide() -> None:
    with pytest.raises(ValueError, match="no earlier check provides"):
        check("Later", needs=("no-such-fact",))
    with pytest.raises(ValueError, match="the context has no"):
        check("Learner", provides=("no-such-field",))


def test_a_check_that_learns_what_it_did_not_declare_is_a_bug() -> None:
    def sneaky(context: Context) -> Outcome:
        return passed("done", arn="arn:aws:iam::123456789012:user/x")

    run = Diagnosis(Context(), [checks.Check("Sneaky", sneaky, (), ())])
    with pytest.raises(ValueError, match="learned what it does not declare"):
        run.run()


def test_the_context_is_frozen_and_grows_by_what_is_learned() -> None:
    context = Context()
    later = context.learn({"arn": "arn:aws:iam::123456789012:user/x"})
    assert context.facts == frozenset()
    assert later.facts == {"arn"}
    with pytest.raises(AttributeError):
        later.arn = "changed"  # type: ignore[misc]


def test_every_check_declares_needs_that_an_earlier_check_provides() -> None:
    provided: set[str] = set()
    for each in checks.CHECKS:
        assert set(each.needs) <= provided, each.name
        provided |= set(each.provides)
    assert [each.name for each in checks.CHECKS] == [
        "Credentials",
        "Key file",
        "Key shape",
        "Long-term key",
        "Identity",
        "Not root",
        "MTurk permission",
        "Region",
        "Sandbox",
        "Production",
    ]
