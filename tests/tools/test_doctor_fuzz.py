"""Property tests: no credentials file, however mangled, makes the doctor crash.

Whatever the file holds, the doctor must end with one of its four exit
statuses, print no traceback, never fall back on "an error in the doctor
itself", and never print the secret it was given.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide_tools.doctor.cli import main
from mturk_emulator import MTurkFake
from tests.conftest import ROOT
from tests.tools.file_kinds import PATH_KINDS, make

# How many examples: the hypothesis profile's (tests/conftest.py; "dev" by default,
# HYPOTHESIS_PROFILE=thorough for many more).
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SECRET_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+"
# What pastes and hand edits bring along: spaces, quotes, line breaks, look-alikes.
DEBRIS = " \t\r\n\"'`=[]#;:%$\\\u00a0\u200b\ufeff\u2018\u201c\u0410\u00e9\x00\x0b"

values = st.text(alphabet=SECRET_CHARACTERS + DEBRIS, max_size=60)
key_ids = st.one_of(
    values,
    st.builds(
        lambda tail: "AKIA" + tail,
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", max_size=24),
    ),
    st.builds(
        lambda tail: "ASIA" + tail,
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", max_size=24),
    ),
)
secrets = st.one_of(values, st.text(alphabet=SECRET_CHARACTERS, min_size=38, max_size=42))
names = st.sampled_from(["mturk", "default", "lab", "", " mturk", "mturk ", "profile mturk"])
separators = st.sampled_from([" = ", "=", ": ", " =\t", "\n  = "])
extras = st.sampled_from(
    [
        "",
        "region = eu-west-1\n",
        "aws_session_token = \n",
        "aws_session_token = abc\n",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
        "[mturk]\n",
        "[\n",
        "\n\n",
    ]
)


def run_doctor(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


# Hypothesis draws strings from the code under test too: a "secret" that is a phrase of
# the doctor's own (a check's name, a catalogue text) is in the report for that reason.
VOCABULARY = "".join(path.read_text("utf-8") for path in (ROOT / "guide_tools").rglob("*.py"))


def check(capsys: pytest.CaptureFixture[str], hidden: str = "") -> None:
    for args in ([], ["--json"]):
        code, output = run_doctor(capsys, *args)
        assert code in {0, 1, 2, 3}
        assert "Traceback" not in output
        assert "an error in the doctor itself" not in output
        # A short "secret" may be a word of the report itself; a real one is 40 characters.
        if len(hidden.strip()) >= 16 and hidden.strip() not in VOCABULARY:
            assert hidden.strip() not in output
        if args:
            assert json.loads(output)["exit_code"] == code


def credentials_file() -> Path:
    return Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"])


FILES = pytest.mark.parametrize("variable", ["AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"])


@FUZZ
@given(name=names, key_id=key_ids, secret=secrets, separator=separators, extra=extras)
def test_any_profile_shape(
    aws: MTurkFake,
    capsys: pytest.CaptureFixture[str],
    name: str,
    key_id: str,
    secret: str,
    separator: str,
    extra: str,
) -> None:
    credentials_file().write_text(
        f"[{name}]\naws_access_key_id{separator}{key_id}\n"
        f"aws_secret_access_key{separator}{secret}\n{extra}",
        encoding="utf-8",
        errors="surrogatepass",
    )
    check(capsys, hidden=secret)


@FILES
@FUZZ
@given(content=st.text())
def test_any_text(
    aws: MTurkFake, capsys: pytest.CaptureFixture[str], variable: str, content: str
) -> None:
    Path(os.environ[variable]).write_text(content, encoding="utf-8", errors="surrogatepass")
    check(capsys)


@FILES
@FUZZ
@given(content=st.binary(max_size=300))
def test_any_bytes(
    aws: MTurkFake, capsys: pytest.CaptureFixture[str], variable: str, content: bytes
) -> None:
    Path(os.environ[variable]).write_bytes(content)
    check(capsys)


# Every kind of path the two files can be (issue 27: a named pipe, a device, a folder,
# symbolic links, a file of another user's), with both line ends and Excel's CR.
GOOD_PROFILE = (
    "[mturk]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
)


@FILES
@FUZZ
@given(kind=st.sampled_from(PATH_KINDS), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_kind_of_path(
    aws: MTurkFake, capsys: pytest.CaptureFixture[str], variable: str, kind: str, newline: str
) -> None:
    path = Path(os.environ[variable])
    make(kind, path, GOOD_PROFILE.replace("\n", newline).encode())
    try:
        check(capsys, hidden="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    finally:
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
