"""The key importer, round two: the inputs nobody listed, a kill mid-write, another owner.

Each case of issue 27 runs through the real command line (``python -m
snippets.store_keys``) and failed before the fix: a named pipe as the key file waited
for ever, JSON nested deep ended in a ``RecursionError`` traceback, a device as the
credentials file in a ``ConfigNotFound`` traceback, a "CSV (Macintosh)" file was "a
quote mark that is never closed", an import run by root made a user's file root's, and
a kill mid-write left the secrets in a ``.credentials.*.tmp`` file for ever. These tests
run as root (as the gate does): that is what makes a file of another user's possible.

Then the classes: a property test whose inputs include every kind of path (file, named
pipe, device, folder, symbolic links, a file of another user's), both line ends and
Excel's CR, and JSON nested to any depth.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import astuple
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide_tools import store_keys
from guide_tools.store_keys import main
from tests.conftest import ROOT
from tests.tools.file_kinds import ROOT_USER, SOMEONE, make
from tests.tools.test_store_keys import command_line, profiles

KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
CSV = f"Access key ID,Secret access key\n{KEY_ID},{SECRET}\n"
OTHERS = "[default]\nregion = eu-west-1\n"


def importer(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def key(tmp_path: Path) -> Path:
    """A key file as AWS's console downloads it."""
    path = tmp_path / "key.csv"
    path.write_text(CSV)
    return path


@pytest.fixture
def credentials() -> Path:
    return Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"])


def owner(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_uid, found.st_gid


# --- the cases, through the command line -------------------------------------------------


@pytest.mark.process
def test_a_named_pipe_as_the_key_file_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "key.csv"
    os.mkfifo(pipe)
    started = time.monotonic()
    code, out, err = astuple(command_line(pipe))
    assert time.monotonic() - started < 30  # it used to wait for a writer for ever
    assert (code, out) == (2, "")
    assert err == (
        f"Not saved: {pipe} is a named pipe (FIFO), not a file. Give the name of the key "
        "file you downloaded, such as mturk-api_accessKeys.csv.\n"
    )


@pytest.mark.process
def test_json_nested_deep_is_one_sentence(tmp_path: Path) -> None:
    deep = tmp_path / "key.json"
    deep.write_text('{"AccessKey": ' + "[" * 30_000 + "]" * 30_000 + "}")  # 60 KB
    code, _, err = astuple(command_line(deep))
    assert code == 2
    assert "Traceback" not in err
    assert err.startswith(f"Not saved: {deep} is JSON nested hundreds of levels deep")


@pytest.mark.process
def test_a_device_as_the_credentials_file_is_refused(key: Path) -> None:
    code, _, err = astuple(command_line(key, env={"AWS_SHARED_CREDENTIALS_FILE": os.devnull}))
    assert code == 2
    assert err == (
        f"Not saved: {os.devnull} is a device, not a file, so it cannot hold profiles. Set "
        "AWS_SHARED_CREDENTIALS_FILE to a file's path, such as ~/.aws/credentials, or unset it.\n"
    )
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # still the device


@pytest.mark.process
def test_excels_csv_for_macintosh_is_read(tmp_path: Path, credentials: Path) -> None:
    key = tmp_path / "key.csv"
    key.write_bytes(CSV.replace("\n", "\r").encode())  # Excel's "CSV (Macintosh)"
    code, out, err = astuple(command_line(key))
    assert (code, err) == (0, "")
    assert out.startswith("Saved key ending MPLE as profile 'mturk'")
    assert profiles(credentials)["mturk"]["aws_secret_access_key"] == SECRET


@pytest.mark.process
@pytest.mark.skipif(not ROOT_USER, reason="only root can make a file of another user's")
def test_run_by_root_a_users_file_stays_theirs(key: Path, credentials: Path) -> None:
    # sudo, or an administrator fixing a colleague's setup: the file must stay theirs.
    credentials.write_text(OTHERS)
    os.chown(credentials, *SOMEONE)
    code, _, err = astuple(command_line(key))
    assert code == 0, err
    assert owner(credentials) == SOMEONE
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    assert set(profiles(credentials)) == {"default", "mturk"}


@pytest.mark.process
@pytest.mark.skipif(not ROOT_USER, reason="only root can make a folder of another user's")
def test_run_by_root_a_new_file_and_folder_belong_to_the_home_folders_owner(
    tmp_path: Path,
    key: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, *SOMEONE)
    path = home / ".aws" / "credentials"
    code, _, err = astuple(command_line(key, env={"AWS_SHARED_CREDENTIALS_FILE": str(path)}))
    assert code == 0, err
    assert owner(path.parent) == SOMEONE
    assert owner(path) == SOMEONE
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def _kill_while_the_draft_exists(key: Path, credentials: Path) -> list[str]:
    """Start an import, ``kill -9`` it while its draft is on the disk: the drafts left."""
    process = subprocess.Popen(
        [sys.executable, "-m", "snippets.store_keys", str(key), "--profile", "lab"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and process.poll() is None:
            drafts = [p.name for p in credentials.parent.glob(".credentials.*.tmp")]
            if drafts:
                process.send_signal(signal.SIGKILL)
                break
    finally:
        process.kill()
        process.wait()
    return [p.name for p in credentials.parent.glob(".credentials.*.tmp")]


@pytest.mark.process
def test_a_draft_left_by_a_kill_mid_write_is_removed_by_the_next_import(
    key: Path, credentials: Path
) -> None:
    # A large file, so that the draft is on the disk long enough to be caught: a lab's
    # credentials file with a long comment (botocore reads the draft back, in full).
    credentials.write_text(OTHERS + "# note\n" * 100_000)
    before = credentials.read_bytes()
    for _ in range(5):  # the kill can land just after the swap: then try again
        left = _kill_while_the_draft_exists(key, credentials)
        if left:
            break
        credentials.write_bytes(before)
    assert left, "the kill never landed while the draft existed"
    assert credentials.read_bytes() == before  # the file itself was never half-written
    draft = credentials.parent / left[0]
    # What was left is (part of) the new file: every profile's secret, written so far.
    assert (before + b"[lab]").startswith(draft.read_bytes()[: len(before) + 5])
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    code, _, err = astuple(command_line(key, "--profile", "lab"))
    assert code == 0, err
    assert sorted(p.name for p in credentials.parent.iterdir()) == ["credentials"]
    assert set(profiles(credentials)) == {"default", "lab"}


# --- the same, in this process (coverage), and what the command line cannot show ---------


def test_the_cases_in_this_process(
    tmp_path: Path,
    credentials: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deep = tmp_path / "key.json"
    deep.write_text('{"AccessKey": ' + "[" * 30_000 + "]" * 30_000 + "}")
    assert "is JSON nested hundreds of levels deep" in importer(capsys, deep)[2]
    key = tmp_path / "key.csv"
    key.write_bytes(CSV.replace("\n", "\r").encode())
    assert importer(capsys, key)[0] == 0
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    assert "is a device, not a file, so it cannot hold profiles" in importer(capsys, key)[2]


@pytest.mark.skipif(not ROOT_USER, reason="only root can make a file of another user's")
def test_another_users_file_and_folder_in_this_process(
    tmp_path: Path,
    key: Path,
    credentials: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credentials.write_text(OTHERS)
    os.chown(credentials, *SOMEONE)
    assert importer(capsys, key)[0] == 0
    assert owner(credentials) == SOMEONE
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, *SOMEONE)
    path = home / ".aws" / "lab" / "credentials"
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(path))
    assert importer(capsys, key)[0] == 0
    assert owner(path) == owner(path.parent) == owner(path.parent.parent) == SOMEONE


def test_only_the_importers_own_stale_drafts_are_removed(
    key: Path, credentials: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = credentials.parent
    stale = folder / ".credentials.abc_1234.tmp"
    stale.write_text(SECRET)
    kept = [".credentials.ABCDEFGH.tmp", ".credentials.toolong12.tmp.bak", ".config.abcdefgh.tmp"]
    for name in kept:
        (folder / name).write_text("not ours")
    (folder / ".credentials.link1234.tmp").symlink_to(key)  # a link: never followed
    assert importer(capsys, key)[0] == 0
    assert not stale.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["credentials", ".credentials.link1234.tmp", *kept]
    )
    assert key.read_text() == CSV


def test_a_users_file_is_refused_when_not_run_by_root(
    key: Path,
    credentials: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credentials.write_text(OTHERS)
    monkeypatch.setattr(store_keys.os, "geteuid", lambda: 1000)  # someone else than the owner
    code, out, err = importer(capsys, key)
    assert (code, out) == (2, "")
    assert f"{credentials} belongs to another user (user id {os.getuid()})" in err
    assert credentials.read_text() == OTHERS


def test_your_own_file_and_folder_stay_yours(
    tmp_path: Path,
    key: Path,
    credentials: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Not root: a file of yours (whatever its group), or a new one, is written as yours.
    credentials.write_text(OTHERS)
    me = os.getuid()
    monkeypatch.setattr(store_keys.os, "geteuid", lambda: me if me else 1000)
    monkeypatch.setattr(store_keys.os, "getegid", lambda: 4343)
    if me == 0:
        os.chown(credentials, 1000, 0)
    assert importer(capsys, key)[0] == 0
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "new" / "credentials"))
    assert importer(capsys, key)[0] == 0


def test_without_user_ids_the_file_is_written_as_is(
    key: Path,
    credentials: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Windows has no user ids (os.geteuid): there is nothing to keep.
    monkeypatch.delattr(store_keys.os, "geteuid")
    assert importer(capsys, key)[0] == 0
    assert "mturk" in profiles(credentials)


def test_a_credentials_file_that_cannot_be_looked_at(
    key: Path,
    credentials: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = os.stat

    def refused(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if Path(str(path)) == credentials:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_keys.os, "stat", refused)  # root may look at anything
    code, _, err = importer(capsys, key)
    assert code == 2
    assert f"Cannot read {credentials} (Permission denied)" in err


# --- property: every kind of path, line end and depth --------------------------------------


KINDS = ["file", "file", "pipe", "device", "folder", "link", "dangling-link", "someone-elses"]


@st.composite
def key_contents(draw: st.DrawFn) -> bytes:
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    if draw(st.booleans()):
        depth = draw(st.integers(0, 40_000))
        inner = draw(st.sampled_from(["[", '{"a": ']))
        closer = "]" if inner == "[" else "}"
        body = inner * depth + "1" + closer * depth * draw(st.sampled_from([0, 1]))
        return ('{"AccessKey": ' + body + "}").encode()[: store_keys.MAX_KEY_FILE]
    return CSV.replace("\n", newline).encode()


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.sampled_from(KINDS), key_contents(), st.sampled_from([*KINDS, "missing"]))
def test_any_kind_of_path_line_end_and_depth(
    capsys: pytest.CaptureFixture[str], key_kind: str, content: bytes, credentials_kind: str
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        key, credentials = folder / "key", folder / "aws" / "credentials"
        credentials.parent.mkdir()
        make(key_kind, key, content)
        if credentials_kind != "missing":
            make(credentials_kind, credentials, OTHERS.encode())
        saved = os.environ["AWS_SHARED_CREDENTIALS_FILE"]
        os.environ["AWS_SHARED_CREDENTIALS_FILE"] = str(credentials)
        try:
            code, out, err = importer(capsys, key)
        finally:
            os.environ["AWS_SHARED_CREDENTIALS_FILE"] = saved
        assert code in (0, 2), err
        assert "Traceback" not in err
        assert SECRET not in out + err
        drafts = list(credentials.parent.glob(".credentials.*"))
        assert drafts == []
        if code == 2:
            assert err.startswith("Not saved: ")
            assert len(err.strip().splitlines()) == 1
            return
        assert key_kind in {"file", "link", "someone-elses"}
        assert credentials_kind in {"file", "link", "someone-elses", "dangling-link", "missing"}
        real = Path(os.path.realpath(credentials))
        assert profiles(real)["mturk"]["aws_secret_access_key"] == SECRET
        assert stat.S_IMODE(real.stat().st_mode) == 0o600
        if credentials_kind == "someone-elses" and ROOT_USER:
            assert owner(real) == SOMEONE
        if credentials_kind in {"link", "dangling-link"}:
            assert credentials.is_symlink()
