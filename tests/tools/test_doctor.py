"""Tests for the setup doctor (``snippets/doctor/``, page ``docs/troubleshooting.md``).

Every problem code in the catalogue has a scenario below that breaks a real
setup (moto for IAM and STS, the MTurk emulator for MTurk) the way a reader
would, runs the doctor as text and as JSON, and checks the code it reports,
its exit status, and that the secret access key never appears in the output.
"""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError
from moto.core.exceptions import ServiceException

from guide_tools import constants
from guide_tools.doctor.catalogue import CATALOGUE, problem
from guide_tools.doctor.checks import masked, stray_characters
from guide_tools.doctor.cli import main
from guide_tools.doctor.report import redact
from guide_tools.shell import check_section, parse_commands, read_section, run_section
from guide_tools.store_keys import save_profile
from mturk_emulator import MTurkFake, emulator
from mturk_emulator.environment import ROOT_SECRET_ACCESS_KEY
from mturk_emulator.exceptions import RequestError
from mturk_emulator.models import Marketplace
from mturk_emulator.responses import MTurkResponse
from tests.conftest import ROOT
from tests.emulator.support import iam_client

SHELL = ROOT / "snippets" / "doctor.sh"
FULL = constants.FULL_ACCESS_POLICY
UNREACHABLE = "http://127.0.0.1:1"  # nothing listens on port 1


# --- running the doctor --------------------------------------------------------------------


@dataclass
class Diagnosis:
    exit_code: int
    text: str
    data: dict[str, Any]

    @property
    def codes(self) -> list[str]:
        return [c["problem"]["code"] for c in self.data["checks"] if c["problem"]]

    def status(self, check: str) -> str:
        return next(str(c["status"]) for c in self.data["checks"] if c["check"] == check)

    def detail(self, check: str) -> str:
        return next(str(c["detail"]) for c in self.data["checks"] if c["check"] == check)


Diagnose = Callable[..., Diagnosis]


@pytest.fixture
def diagnose(capsys: pytest.CaptureFixture[str], setup: Setup) -> Diagnose:
    """Run the doctor twice, as text and as JSON; both must agree and hide every secret."""

    def run(*args: str) -> Diagnosis:
        capsys.readouterr()
        code = main(list(args))
        text = capsys.readouterr()
        json_code = main([*args, "--json"])
        raw = capsys.readouterr()
        assert json_code == code
        for output in (text.out + text.err, raw.out + raw.err):
            assert "Traceback" not in output
            for secret in setup.secrets:
                assert secret not in output
        return Diagnosis(code, text.out, json.loads(raw.out))

    return run


# --- building setups, broken or not --------------------------------------------------------


@dataclass
class Setup:
    """A reader's computer and AWS account, built step by step."""

    monkeypatch: pytest.MonkeyPatch
    stack: ExitStack
    secrets: list[str] = field(default_factory=lambda: [ROOT_SECRET_ACCESS_KEY])
    fake: MTurkFake | None = None

    @property
    def credentials_path(self) -> Path:
        return Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"])

    def emulate(self) -> MTurkFake:
        if self.fake is None:
            # The reader's files stay where the test put them.
            folder = Path(os.environ["AWS_CONFIG_FILE"]).parent
            self.fake = self.stack.enter_context(emulator(aws_folder=folder))
        return self.fake

    def user(self, name: str = "mturk-api", policy: str | None = FULL) -> tuple[str, str]:
        """An IAM user with ``policy`` attached and an access key: (id, secret)."""
        self.emulate()
        iam = iam_client()  # the root user's, as boto3.client("iam") would give here
        iam.create_user(UserName=name)
        if policy:
            iam.attach_user_policy(UserName=name, PolicyArn=f"arn:aws:iam::aws:policy/{policy}")
        key = iam.create_access_key(UserName=name)["AccessKey"]
        self.secrets.append(key["SecretAccessKey"])
        return key["AccessKeyId"], key["SecretAccessKey"]

    def credentials(self, text: str | bytes, mode: int = 0o600) -> Path:
        path = self.credentials_path
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        path.chmod(mode)
        return path

    def profile(self, key_id: str, secret: str, name: str = "mturk", extra: str = "") -> None:
        self.credentials(
            f"[{name}]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n{extra}"
        )

    def config(self, text: str) -> None:
        Path(os.environ["AWS_CONFIG_FILE"]).write_text(text)

    def ready(self) -> tuple[str, str]:
        """The setup the guide builds: an IAM user with full access, stored as "mturk"."""
        key_id, secret = self.user()
        save_profile(key_id, secret, "mturk")
        return key_id, secret

    def no_environment_keys(self) -> None:
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            self.monkeypatch.delenv(name)

    def mturk_refuses(self, error: Exception) -> None:
        """Make the emulated MTurk answer GetAccountBalance with ``error``."""

        def refuse(market: Marketplace) -> dict[str, str]:
            raise error

        self.monkeypatch.setattr(Marketplace, "get_account_balance", refuse)

    def mturk_unreachable(self, operation: str = "GetAccountBalance") -> None:
        """Make one MTurk operation fail to connect, as the emulator does for unknown hosts."""
        error = EndpointConnectionError(endpoint_url=constants.SANDBOX_ENDPOINT)
        dispatch = MTurkResponse.dispatch

        def failing(request: Any, *args: Any, **kwargs: Any) -> Any:
            target = dict(request.headers).get("X-Amz-Target", b"")
            if isinstance(target, bytes):
                target = target.decode()
            if target.endswith("." + operation):
                raise error
            return dispatch(request, *args, **kwargs)

        self.monkeypatch.setattr(MTurkResponse, "dispatch", failing)


@pytest.fixture
def setup(monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    monkeypatch.delenv("MTURK_GUIDE_URL", raising=False)
    with ExitStack() as stack:
        yield Setup(monkeypatch, stack)


class ServiceFault(ServiceException):
    code = "ServiceFault"


# --- one scenario per problem code ----------------------------------------------------------


def no_credentials(s: Setup) -> list[str]:
    s.no_environment_keys()
    return []


def profile_not_found(s: Setup) -> list[str]:
    s.ready()
    return ["--profile", "lab"]


def unreadable_file(s: Setup) -> list[str]:
    # Key lines pasted above the first [profile] line.
    secret = "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy"
    s.secrets.append(secret)
    s.credentials(f"aws_access_key_id = AKIAOTHEREXAMPLE0000\naws_secret_access_key = {secret}\n")
    return []


def secret_on_a_continuation_line(s: Setup) -> list[str]:
    key_id, secret = s.user()
    s.credentials(f"[mturk]\naws_access_key_id = {key_id}\n  aws_secret_access_key = {secret}\n")
    return []


def quoted_values(s: Setup) -> list[str]:
    key_id, secret = s.user()
    s.profile(f'"{key_id}"', f'"{secret}"')
    return []


def swapped(s: Setup) -> list[str]:
    key_id, secret = s.user()
    s.profile(secret, key_id)
    return []


def short_key_id(s: Setup) -> list[str]:
    key_id, secret = s.user()
    s.profile(key_id[:-1], secret)
    return []


def key_id_breaking_iams_rule(s: Setup) -> list[str]:
    # botocore IAM model, accessKeyIdType: 16 to 128 word characters.
    key_id, secret = s.user()
    s.profile(key_id[:8] + "-" + key_id[9:], secret)
    return []


def failing_credential_helper(s: Setup) -> list[str]:
    # The helper prints the secret on stderr and fails: botocore puts that text in
    # CredentialRetrievalError's message (botocore/credentials.py, ProcessProvider).
    s.no_environment_keys()
    s.config(
        "[profile mturk]\ncredential_process = sh -c "
        f'"echo {ROOT_SECRET_ACCESS_KEY} >&2; exit 1"\n'
    )
    return []


def truncated_secret(s: Setup) -> list[str]:
    key_id, secret = s.user()
    s.profile(key_id, secret[:-1])
    return []


def readable_key_file(s: Setup) -> list[str]:
    s.ready()
    s.credentials_path.chmod(0o644)
    return []


def assumed_role(s: Setup) -> list[str]:
    s.emulate()
    iam = boto3.client("iam")
    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
    }
    iam.create_role(RoleName="lab", AssumeRolePolicyDocument=json.dumps(trust))
    iam.attach_role_policy(RoleName="lab", PolicyArn=constants.FULL_ACCESS_POLICY_ARN)
    role = "arn:aws:iam::123456789012:role/lab"
    temporary = boto3.client("sts").assume_role(RoleArn=role, RoleSessionName="lab")
    key = temporary["Credentials"]
    s.secrets += [key["SecretAccessKey"], key["SessionToken"]]
    token = f"aws_session_token = {key['SessionToken']}\n"
    s.profile(key["AccessKeyId"], key["SecretAccessKey"], extra=token)
    return []


def deleted_key(s: Setup) -> list[str]:
    key_id, _ = s.ready()
    boto3.client("iam").delete_access_key(UserName="mturk-api", AccessKeyId=key_id)
    return []


def wrong_secret(s: Setup) -> list[str]:
    key_id, _ = s.user()
    _, other_secret = s.user("someone-else")
    s.profile(key_id, other_secret)
    return []


def clock_ahead_of_aws(s: Setup) -> list[str]:
    s.ready()
    s.emulate().skew_client_clock(3600)  # this computer's clock is an hour ahead of AWS's
    return []


def root_key(s: Setup) -> list[str]:
    s.profile(*s.emulate().root_credentials)
    return []


def no_policy(s: Setup) -> list[str]:
    s.profile(*s.user(policy=None))
    return []


def read_only(s: Setup) -> list[str]:
    s.profile(*s.user(policy=constants.READ_ONLY_POLICY))
    return []


def explicit_deny(s: Setup) -> list[str]:
    s.ready()
    deny = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Action": "mechanicalturk:*", "Resource": "*"}],
    }
    boto3.client("iam").put_user_policy(
        UserName="mturk-api", PolicyName="no-mturk", PolicyDocument=json.dumps(deny)
    )
    return []


def wrong_region(s: Setup) -> list[str]:
    s.ready()
    s.config("[profile mturk]\nregion = eu-west-1\n")
    s.monkeypatch.delenv("AWS_DEFAULT_REGION")
    return []


def sandbox_not_linked(s: Setup) -> list[str]:
    s.ready()
    s.emulate().set_linked(False, sandbox=True)
    return []


def production_not_linked(s: Setup) -> list[str]:
    s.ready()
    s.emulate().set_linked(False, sandbox=False)
    return ["--production"]


def production_without_money(s: Setup) -> list[str]:
    s.ready()
    return ["--production"]


def sts_unreachable(s: Setup) -> list[str]:
    s.ready()
    s.monkeypatch.setenv("AWS_ENDPOINT_URL_STS", UNREACHABLE)
    return []


def proxy_down(s: Setup) -> list[str]:
    # No emulator: the request really leaves for the proxy, which is not there.
    for name in ("NO_PROXY", "no_proxy", "AWS_ENDPOINT_URL_STS"):
        s.monkeypatch.delenv(name, raising=False)
    s.monkeypatch.setenv("HTTPS_PROXY", UNREACHABLE)
    return []


def mturk_fault(s: Setup) -> list[str]:
    s.ready()
    s.mturk_refuses(ServiceFault("Amazon Mechanical Turk is temporarily unable to process"))
    return []


def unknown_refusal(s: Setup) -> list[str]:
    s.ready()
    s.mturk_refuses(RequestError("Something new went wrong.", "AWS.MechanicalTurk.Novel"))
    return []


@dataclass(frozen=True)
class Scenario:
    build: Callable[[Setup], list[str]]
    exit_code: int


SCENARIOS = {
    "MT101": Scenario(no_credentials, 2),
    "MT102": Scenario(profile_not_found, 2),
    "MT103": Scenario(unreadable_file, 2),
    "MT104": Scenario(secret_on_a_continuation_line, 2),
    "MT105": Scenario(quoted_values, 2),
    "MT106": Scenario(swapped, 2),
    "MT107": Scenario(short_key_id, 2),  # a warning, then AWS does not know the key
    "MT108": Scenario(truncated_secret, 2),
    "MT109": Scenario(readable_key_file, 1),
    "MT110": Scenario(assumed_role, 2),
    "MT111": Scenario(key_id_breaking_iams_rule, 2),
    "MT112": Scenario(failing_credential_helper, 2),
    "MT201": Scenario(deleted_key, 2),
    "MT202": Scenario(wrong_secret, 2),
    "MT203": Scenario(clock_ahead_of_aws, 2),
    "MT204": Scenario(root_key, 1),
    "MT301": Scenario(no_policy, 2),
    "MT302": Scenario(read_only, 1),
    "MT303": Scenario(explicit_deny, 2),
    "MT401": Scenario(wrong_region, 1),
    "MT501": Scenario(sandbox_not_linked, 2),
    "MT601": Scenario(production_not_linked, 2),
    "MT602": Scenario(production_without_money, 1),
    "MT901": Scenario(sts_unreachable, 3),
    "MT902": Scenario(proxy_down, 3),
    "MT903": Scenario(mturk_fault, 3),
    "MT999": Scenario(unknown_refusal, 3),
}


def test_there_are_enough_codes_and_each_has_a_scenario() -> None:
    codes = [entry.code for entry in CATALOGUE]
    assert len(codes) == len(set(codes)) >= 14
    assert sorted(SCENARIOS) == sorted(codes)


@pytest.mark.parametrize(
    "code",
    [
        # MT112's scenario runs a credential_process helper: a process of its own.
        pytest.param(code, marks=pytest.mark.process) if code == "MT112" else code
        for code in (entry.code for entry in CATALOGUE)
    ],
)
def test_every_problem_is_found(code: str, setup: Setup, diagnose: Diagnose) -> None:
    scenario = SCENARIOS[code]
    found = diagnose(*scenario.build(setup))
    assert code in found.codes
    assert found.exit_code == scenario.exit_code
    entry = problem(code)
    assert f"{entry.code} {entry.title}" in found.text
    assert f"Guide: {constants.guide_link(entry.page)}" in found.text
    reported = next(c["problem"] for c in found.data["checks"] if c["problem"])
    assert reported["troubleshooting_url"].endswith(f"troubleshooting.md#{reported['code']}")


# --- a setup that works ----------------------------------------------------------------------


def test_a_correct_setup_passes_clean(setup: Setup, diagnose: Diagnose) -> None:
    setup.ready()
    found = diagnose()
    assert found.exit_code == 0
    assert found.codes == []
    assert found.status("Production") == "skip"
    assert all(c["status"] == "pass" for c in found.data["checks"][:-1])
    assert found.detail("Identity") == "arn:aws:iam::123456789012:user/mturk-api"
    assert found.detail("Sandbox") == "linked, balance $10,000.00"
    assert "All checks passed: the sandbox is ready." in found.text


def test_production_too(setup: Setup, diagnose: Diagnose) -> None:
    setup.ready()
    setup.emulate().set_prepaid_balance("1234.50")
    found = diagnose("--production")
    assert found.exit_code == 0
    assert found.detail("Production") == "linked, balance $1,234.50"
    assert "the sandbox and production are ready" in found.text


def test_the_key_id_is_shown_masked(setup: Setup, diagnose: Diagnose) -> None:
    key_id, _ = setup.ready()
    found = diagnose()
    assert f"key {'*' * 16}{key_id[-4:]} from the credentials file" in found.text
    assert key_id not in found.text


def test_the_doctor_changes_nothing(setup: Setup, diagnose: Diagnose) -> None:
    setup.ready()
    fake = setup.emulate()
    diagnose("--production")
    for sandbox in (True, False):
        market = fake.marketplace(sandbox=sandbox)
        assert market.hits == {}
        assert market.notifications == []


# --- more ways to break the same steps -------------------------------------------------------


def test_a_key_file_that_is_not_text(setup: Setup, diagnose: Diagnose) -> None:
    setup.credentials(b"[mturk]\naws_access_key_id = \xff\xfe\n")
    found = diagnose()
    assert found.codes == ["MT103"]
    assert found.detail("Credentials").startswith("cannot read /")
    assert found.status("Region") == "skip"


@pytest.mark.parametrize(
    ("lines", "missing"),
    [
        ("aws_access_key_id = {id}\naws_secret_access_key =\n", "secret access key is empty"),
        ("aws_access_key_id =\naws_secret_access_key = {secret}\n", "access key id is empty"),
        ("aws_access_key_id = {id}\n", "has no aws_secret_access_key"),
    ],
)
def test_half_a_key(setup: Setup, diagnose: Diagnose, lines: str, missing: str) -> None:
    key_id, secret = setup.user()
    setup.credentials("[mturk]\n" + lines.format(id=key_id, secret=secret))
    found = diagnose()
    assert found.codes == ["MT104"]
    assert missing in found.detail("Credentials")


@pytest.mark.parametrize(
    ("mangle", "where"),
    [
        (lambda k, s: (k, s + "\u200b"), "secret access key has an invisible character (U+200B)"),
        (lambda k, s: (k[:8] + " " + k[8:], s), "access key id has a space inside"),
        (lambda k, s: (k, "\u201c" + s + "\u201d"), "a quote mark at the start, a quote mark"),
    ],
    ids=["zero-width-space", "space-inside", "curly-quotes"],
)
def test_copy_and_paste_debris(
    setup: Setup,
    diagnose: Diagnose,
    mangle: Callable[[str, str], tuple[str, str]],
    where: str,
) -> None:
    setup.profile(*mangle(*setup.user()))
    found = diagnose()
    assert found.codes == ["MT105"]
    assert where in found.detail("Key shape")
    assert found.detail("Identity") == "skipped: fix MT105 first"


def test_a_trailing_space_in_an_environment_variable(setup: Setup, diagnose: Diagnose) -> None:
    key_id, secret = setup.user()
    setup.monkeypatch.setenv("AWS_ACCESS_KEY_ID", key_id)
    setup.monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", secret + " ")
    found = diagnose()
    assert found.codes == ["MT105"]
    assert found.detail("Key shape") == "the secret access key has a space at the end"
    assert found.status("Key file") == "skip"


def test_a_trailing_space_in_the_credentials_file_is_harmless(
    setup: Setup, diagnose: Diagnose
) -> None:
    # AWS's tools drop spaces around a value in the file, so they never reach AWS.
    key_id, secret = setup.user()
    setup.profile(key_id + " ", secret + " \t")
    assert diagnose().exit_code == 0


def test_a_swapped_secret_is_not_even_partly_shown(setup: Setup, diagnose: Diagnose) -> None:
    swapped(setup)
    found = diagnose()
    assert found.codes == ["MT106"]
    assert "(a 40-character value, not shown)" in found.detail("Credentials")


def test_a_secret_with_foreign_characters(setup: Setup, diagnose: Diagnose) -> None:
    key_id, secret = setup.user()
    setup.profile(key_id, secret[:-1] + "-")
    found = diagnose()
    assert found.codes == ["MT108"]
    assert "characters other than letters" in found.detail("Key shape")


def test_an_inactive_key(setup: Setup, diagnose: Diagnose) -> None:
    key_id, _ = setup.ready()
    iam = boto3.client("iam")
    iam.update_access_key(UserName="mturk-api", AccessKeyId=key_id, Status="Inactive")
    assert diagnose().codes == ["MT201"]


def test_a_clock_behind_aws(setup: Setup, diagnose: Diagnose) -> None:
    setup.ready()
    setup.emulate().skew_client_clock(-3600)  # an hour behind AWS's
    found = diagnose()
    assert found.codes == ["MT203"]
    assert "Signature expired" in found.text


def test_a_session_token_in_the_environment(setup: Setup, diagnose: Diagnose) -> None:
    assumed_role(setup)
    profile = setup.credentials_path.read_text().splitlines()
    values = dict(line.split(" = ", 1) for line in profile[1:])
    setup.credentials_path.unlink()
    for name in ("aws_access_key_id", "aws_secret_access_key", "aws_session_token"):
        setup.monkeypatch.setenv(name.upper(), values[name])
    found = diagnose()
    assert found.codes == ["MT110"]
    assert found.detail("Long-term key") == "the key comes with a session token"
    assert found.detail("Identity") == "arn:aws:sts::123456789012:assumed-role/lab/lab"
    assert found.detail("MTurk permission") == "skipped: fix MT110 first"


ROLE_PROFILE = (
    "[profile mturk]\nrole_arn = arn:aws:iam::123456789012:role/lab\nsource_profile = base\n"
)


def test_a_profile_that_assumes_a_role(setup: Setup, diagnose: Diagnose) -> None:
    assumed_role(setup)
    setup.profile(*setup.emulate().root_credentials, name="base")
    setup.config(ROLE_PROFILE)
    found = diagnose()
    assert found.codes == ["MT110"]
    assert "from botocore's 'assume-role' provider" in found.detail("Credentials")
    assert found.detail("Long-term key") == "the key comes with a session token"


def test_a_temporary_key_without_its_token(setup: Setup, diagnose: Diagnose) -> None:
    assumed_role(setup)
    key_id, secret = setup.credentials_path.read_text().splitlines()[1:3]
    setup.credentials(f"[mturk]\n{key_id}\n{secret}\n")
    found = diagnose()
    assert "MT110" in found.codes
    assert found.detail("Long-term key") == "the key id begins ASIA"


def test_a_role_profile_that_cannot_get_its_role(setup: Setup, diagnose: Diagnose) -> None:
    key_id, secret = setup.user("base")
    setup.profile(key_id, secret, name="base")
    setup.config(ROLE_PROFILE)
    found = diagnose()
    assert found.codes == ["MT110"]
    first = found.data["checks"][0]
    assert first["check"] == "Credentials"
    assert "not authorized to perform: sts:AssumeRole" in first["problem"]["error"]


def test_a_role_profile_without_a_connection(setup: Setup, diagnose: Diagnose) -> None:
    setup.profile(*setup.emulate().root_credentials, name="base")
    setup.config(ROLE_PROFILE)
    setup.monkeypatch.setenv("AWS_ENDPOINT_URL_STS", UNREACHABLE)
    found = diagnose()
    assert found.codes == ["MT901"]
    assert found.data["checks"][0]["check"] == "Credentials"


@pytest.mark.process
def test_botocore_logs_no_traceback_on_the_terminal(setup: Setup) -> None:
    # botocore logs a failed role refresh with a traceback; in a terminal it must not show.
    setup.credentials(
        "[base]\naws_access_key_id = AKIAOTHEREXAMPLE0000\n"
        "aws_secret_access_key = Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy\n"
    )
    setup.config(ROLE_PROFILE)
    script = (
        "import os, pathlib, sys\n"
        "from mturk_emulator import emulator\n"
        "from guide_tools.doctor.cli import main\n"
        "with emulator(aws_folder=pathlib.Path(os.environ['AWS_CONFIG_FILE']).parent):\n"
        "    sys.exit(main([]))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert ran.returncode == 2, ran.stderr
    assert "MT110" in ran.stdout
    assert ran.stderr == ""


def test_a_setting_botocore_cannot_use(setup: Setup, diagnose: Diagnose) -> None:
    setup.config(
        "[profile mturk]\nrole_arn = arn:aws:iam::123456789012:role/lab\n"
        "credential_source = Nowhere\n"
    )
    found = diagnose()
    assert found.codes == ["MT103"]
    assert '"Nowhere"' in found.detail("Credentials")


def test_mturk_unreachable(setup: Setup, diagnose: Diagnose) -> None:
    setup.ready()
    setup.mturk_unreachable()
    found = diagnose()
    assert found.codes == ["MT901"]
    assert found.status("Identity") == "pass"
    assert found.status("MTurk permission") == "error"
    assert "The doctor could not finish" in found.text


def test_the_connection_drops_between_the_two_permission_probes(
    setup: Setup, diagnose: Diagnose
) -> None:
    setup.ready()
    setup.mturk_unreachable("UpdateHITReviewStatus")
    assert diagnose().codes == ["MT901"]


def test_a_failure_outranks_an_error(setup: Setup, diagnose: Diagnose) -> None:
    setup.ready()
    setup.emulate().set_linked(False, sandbox=True)
    error = EndpointConnectionError(endpoint_url=constants.PRODUCTION_ENDPOINT)
    dispatch = MTurkResponse.dispatch

    def production_down(request: Any, *args: Any, **kwargs: Any) -> Any:
        if "mturk-requester." in request.url:
            raise error
        return dispatch(request, *args, **kwargs)

    setup.monkeypatch.setattr(MTurkResponse, "dispatch", production_down)
    found = diagnose("--production")
    assert found.codes == ["MT501", "MT901"]
    assert found.exit_code == 2


def test_an_unlinked_sandbox_does_not_hide_production(setup: Setup, diagnose: Diagnose) -> None:
    sandbox_not_linked(setup)
    setup.emulate().set_prepaid_balance("12.50")
    found = diagnose("--production")
    assert found.codes == ["MT501"]
    assert found.detail("Production") == "linked, balance $12.50"


def test_no_region_at_all_is_fine(setup: Setup, diagnose: Diagnose) -> None:
    setup.ready()
    setup.monkeypatch.delenv("AWS_DEFAULT_REGION")
    found = diagnose()
    assert found.exit_code == 0
    assert found.detail("Region").startswith("not set")


def test_warnings_add_up(setup: Setup, diagnose: Diagnose) -> None:
    root_key(setup)
    setup.config("[profile mturk]\nregion = eu-west-1\n")
    setup.monkeypatch.delenv("AWS_DEFAULT_REGION")
    found = diagnose()
    assert found.codes == ["MT204", "MT401"]
    assert "with 2 warnings to read" in found.text


def test_failures_add_up(setup: Setup, diagnose: Diagnose) -> None:
    production_not_linked(setup)
    setup.emulate().set_linked(False, sandbox=True)
    found = diagnose("--production")
    assert found.codes == ["MT501", "MT601"]
    assert "2 problems to fix. Start with the first problem" in found.text


def test_failures_and_warnings(setup: Setup, diagnose: Diagnose) -> None:
    read_only(setup)
    setup.emulate().set_linked(False, sandbox=True)
    found = diagnose()
    assert found.codes == ["MT302", "MT501"]
    assert "1 problem to fix, and 1 warning." in found.text


def test_the_key_file_is_not_checked_where_permissions_differ(
    setup: Setup, diagnose: Diagnose
) -> None:
    setup.ready()
    setup.monkeypatch.setattr("guide_tools.doctor.checks.POSIX", False)
    assert diagnose().status("Key file") == "skip"


# --- which profile ----------------------------------------------------------------------------


def test_without_an_mturk_profile_the_defaults_are_checked(
    setup: Setup, diagnose: Diagnose
) -> None:
    setup.emulate()
    found = diagnose()
    assert found.data["subject"] == 'the default credentials (there is no "mturk" profile)'
    assert "environment variables" in found.detail("Credentials")
    assert found.codes == ["MT204"]  # the emulator starts with the root user's key


def test_keys_in_the_config_file(setup: Setup, diagnose: Diagnose) -> None:
    key_id, secret = setup.user()
    setup.config(
        f"[profile mturk]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"
    )
    Path(os.environ["AWS_CONFIG_FILE"]).chmod(0o600)
    found = diagnose()
    assert found.exit_code == 0
    assert "from the config file /" in found.detail("Credentials")


def test_aws_profile_naming_a_missing_profile(setup: Setup, diagnose: Diagnose) -> None:
    setup.monkeypatch.setenv("AWS_PROFILE", "ghost")
    found = diagnose()
    assert found.codes == ["MT102"]
    assert found.detail("Credentials") == 'no profile named "ghost"'


def test_another_profile(setup: Setup, diagnose: Diagnose) -> None:
    key_id, secret = setup.user()
    setup.profile(key_id, secret, name="lab")
    found = diagnose("--profile", "lab")
    assert found.exit_code == 0
    assert found.data["subject"] == 'profile "lab"'


def test_the_mturk_profile_wins_over_environment_keys(setup: Setup, diagnose: Diagnose) -> None:
    setup.ready()
    found = diagnose()
    assert found.data["subject"] == 'profile "mturk"'
    assert found.codes == []  # not the root key in the environment


# --- the command line -------------------------------------------------------------------------


def test_the_guide_url_can_be_changed(setup: Setup, diagnose: Diagnose) -> None:
    no_policy(setup)
    found = diagnose("--guide-url", "https://guide.example.org/mturk")
    assert "Guide: https://guide.example.org/mturk/iam-user/" in found.text
    setup.monkeypatch.setenv("MTURK_GUIDE_URL", "https://lab.example.org/")
    found = diagnose()
    assert "Guide: https://lab.example.org/iam-user/" in found.text


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["--profile", ""],
        ["--profile"],
        ["--profile", "lab]"],  # the importer's rule too (guide_tools/keys.py)
        ["--profile", "DEFAULT"],
        ["--timeout", "0"],
        ["--timeout", "soon"],
    ],
)
def test_bad_arguments_exit_3(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(args)
    assert leaving.value.code == 3
    err = capsys.readouterr().err
    assert "The doctor could not run" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("error", [RuntimeError("a bug"), KeyboardInterrupt()])
@pytest.mark.parametrize("as_json", [False, True])
def test_the_doctor_failing_is_said_in_one_line(
    setup: Setup,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    as_json: bool,
) -> None:
    setup.ready()

    def broken(self: object) -> None:
        raise error

    setup.monkeypatch.setattr("guide_tools.doctor.checks.Diagnosis.run", broken)
    code = 130 if isinstance(error, KeyboardInterrupt) else 3  # Ctrl-C: 128 + SIGINT
    assert main(["--json"] if as_json else []) == code
    captured = capsys.readouterr()
    output = captured.out + captured.err
    said = "Stopped. The doctor changes nothing" if code == 130 else "The doctor stopped because"
    assert said in output
    assert "Traceback" not in output
    assert "a bug" not in output  # an error's own words can quote a credential helper
    if code == 3:
        assert "RuntimeError at test_doctor.py:" in output
    if as_json:
        assert json.loads(captured.out)["exit_code"] == code


def test_python_dash_m(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    setup.ready()
    monkeypatch.setattr(sys, "argv", ["snippets.doctor"])
    with pytest.raises(SystemExit) as leaving:
        runpy.run_module("snippets.doctor", run_name="__main__")
    assert leaving.value.code == 0


# --- the shell file the page includes ---------------------------------------------------------


def test_the_commands_on_the_page_run(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    key_id, secret = setup.ready()
    with setup.credentials_path.open("a") as file:
        file.write(
            f"[lab-mturk]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"
        )
    setup.emulate().set_prepaid_balance("25.00")
    results = run_section(SHELL, "run")
    assert [r.command.text for r in results] == [
        "uv run --no-dev python -m snippets.doctor",
        "uv run --no-dev python -m snippets.doctor --production",
        "uv run --no-dev python -m snippets.doctor --profile lab-mturk",
        "uv run --no-dev python -m snippets.doctor --json",
    ]
    assert [r.exit_code for r in results] == [0, 0, 0, 0]
    for result in results:
        assert secret not in result.stdout


@pytest.fixture
def readers_home(setup: Setup, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Setup:
    """Keys in ~/.aws, as on a reader's computer, so the output shows ~/.aws/credentials."""
    home = tmp_path / "home"
    (home / ".aws").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / ".aws" / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / ".aws" / "config"))
    setup.ready()
    return setup


def test_the_clean_report_on_the_page(readers_home: Setup) -> None:
    check_section(SHELL, "clean")


def test_the_broken_report_on_the_page(readers_home: Setup) -> None:
    readers_home.emulate().set_linked(False, sandbox=True)
    [result] = run_section(SHELL, "not-linked")
    assert result.exit_code == 2
    [command] = parse_commands(read_section(SHELL, "not-linked"))
    assert result.stdout.rstrip("\n").splitlines() == command.expected


# --- small parts --------------------------------------------------------------------------------


def test_debris_is_named_never_shown() -> None:
    assert stray_characters(" a\tb\nc'\u00e9\u200b") == [
        "a space at the start",
        "a tab inside",
        "a line break inside",
        "a quote mark inside",
        "a non-ASCII character (U+00E9) inside",
        "an invisible character (U+200B) at the end",
    ]
    assert stray_characters("AKIAIOSFODNN7EXAMPLE") == []


def test_masking() -> None:
    assert masked("AKIAIOSFODNN7EXAMPLE") == "****************MPLE"
    assert masked(' "AKIAIOSFODNN7EXAMPLE" ') == "****************MPLE"
    assert masked("abc") == "abc"[-4:]
    assert masked(ROOT_SECRET_ACCESS_KEY) == "(a 40-character value, not shown)"


def test_redaction() -> None:
    secret = 'ab"cdefgh/ij'
    assert redact(f"x {secret} y", [secret]) == "x [hidden] y"
    assert redact(json.dumps(secret), [secret]) == '"[hidden]"'
    assert redact("short abc", ["abc"]) == "short abc"
