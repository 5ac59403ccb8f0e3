"""The key importer (``guide_tools/store_keys.py``): every input, every fault, never damage.

Layouts come from facts.md section 3 (the downloads AWS has shipped) and
aws/aws-cli#7744 (Excel's byte-order mark); the JSON is what
``aws iam create-access-key`` prints (botocore IAM model, ``CreateAccessKeyResponse``).
Faults are real where the OS can make them: ``chattr +i`` for a file or folder that
cannot be changed (these tests run as root, whom ``chmod`` does not stop), a 16 KiB
tmpfs for a full disk, a read-only tmpfs; each falls back to a patched call, and says
so, only where the machine does not allow it.
"""

from __future__ import annotations

import contextlib
import errno
import multiprocessing
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import botocore.configloader
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide_tools import constants, store_keys
from guide_tools.store_keys import main, read_key_file, save_profile
from tests.conftest import ROOT
from tests.tools import import_worker

KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
CURRENT = f"\ufeffAccess key ID,Secret access key\r\n{KEY_ID},{SECRET}\r\n"
OTHERS = (
    "# my lab's keys\n[default]\naws_access_key_id = AKIAEXAMPLEDEFAULT01\n"
    "aws_secret_access_key = Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy\nregion = eu-west-1\n"
)


@dataclass
class Ran:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


@pytest.fixture
def credentials() -> Path:
    return Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"])


@pytest.fixture
def key_file(tmp_path: Path) -> Callable[..., Path]:
    def write(content: str | bytes, name: str = "key.csv") -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return write


@pytest.fixture
def importer(capsys: pytest.CaptureFixture[str]) -> Callable[..., Ran]:
    """The command, in this process (so coverage sees it)."""

    def run(*args: str | Path) -> Ran:
        capsys.readouterr()
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as refused:  # argparse's own refusals: usage, a sentence, exit 2
            code = int(refused.code or 0)
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


def command_line(*args: str | Path, env: dict[str, str] | None = None) -> Ran:
    """The command as a reader types it, in a process of its own."""
    ran = subprocess.run(
        [sys.executable, "-m", "snippets.store_keys", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,  # a hang fails the test instead of stopping the run
        check=False,
    )
    return Ran(ran.returncode, ran.stdout, ran.stderr)


def profiles(path: Path) -> dict[str, dict[str, str]]:
    """What botocore reads from the file."""
    return dict(botocore.configloader.raw_config_parse(str(path)))


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# --- layouts: every file AWS has handed out, and what Excel makes of them ---------------


@pytest.mark.parametrize(
    "content",
    [
        CURRENT,
        "User name,Password,Access key ID,Secret access key,Console login link\n"
        f"mturk-api,,{KEY_ID},{SECRET},https://123456789012.signin.aws.amazon.com/console\n",
        f"User Name,Access Key Id,Secret Access Key\nmturk-api,{KEY_ID},{SECRET}\n",
        f"AWSAccessKeyId={KEY_ID}\r\nAWSSecretKey={SECRET}\r\n",
        f"Access key ID,Secret access key\n {KEY_ID} , {SECRET} \n",
        f"\ufeffAccess key ID;Secret access key\r\n{KEY_ID};{SECRET}\r\n",
        f"Access key ID\tSecret access key\n{KEY_ID}\t{SECRET}\n",
        f'"Access key ID";"Secret access key"\n"{KEY_ID}";"{SECRET}"\n',
        f"Access key ID,Secret access key\n\n{KEY_ID},{SECRET}\n\n",
        '{\n    "AccessKey": {\n        "UserName": "mturk-api",\n        "AccessKeyId": '
        f'"{KEY_ID}",\n        "Status": "Active",\n        "SecretAccessKey": "{SECRET}",\n'
        '        "CreateDate": "2026-11-30T10:00:00+00:00"\n    }\n}\n',
        f'{{"AccessKeyId": "{KEY_ID}", "SecretAccessKey": "{SECRET}"}}',
    ],
    ids=[
        "current-bom-crlf",
        "credentials-csv-5-columns",
        "credentials-csv-3-columns",
        "rootkey",
        "spaces",
        "excel-semicolons",
        "excel-tabs",
        "excel-quoted",
        "blank-lines",
        "create-access-key-json",
        "bare-json",
    ],
)
def test_reads_every_layout(key_file: Callable[..., Path], content: str) -> None:
    key = read_key_file(key_file(content))
    assert (key.key_id, key.secret, key.note) == (KEY_ID, SECRET, "")


def test_reads_excels_unicode_text_and_legacy_code_pages(key_file: Callable[..., Path]) -> None:
    utf16 = f"Access key ID\tSecret access key\r\n{KEY_ID}\t{SECRET}\r\n".encode("utf-16")
    assert read_key_file(key_file(utf16)).secret == SECRET
    cp1252 = f"User name,Access key ID,Secret access key\nJosé,{KEY_ID},{SECRET}\n"
    assert read_key_file(key_file(cp1252.encode("cp1252"))).key_id == KEY_ID


# --- refused: one sentence each, exit 2, the file untouched ---------------------------------


REFUSED = {
    "empty": ("", "no 'Access key ID' and 'Secret access key' columns"),
    "other-columns": ("Name,Value\nfoo,bar\n", "no 'Access key ID'"),
    "header-only": ("Access key ID,Secret access key\r\n", "column names but no key"),
    "no-secret": (f"Access key ID,Secret access key\n{KEY_ID}\n", "a row without a secret"),
    "empty-secret": (f"Access key ID,Secret access key\n{KEY_ID},\n", "an empty secret"),
    "unbalanced-quote": (
        f'Access key ID,Secret access key\n{KEY_ID},"{SECRET}\n',
        "a quote mark that is never closed",
    ),
    "nul-at-the-end": (
        f"Access key ID,Secret access key\n{KEY_ID},{SECRET}\x00\n",
        "an invisible character (U+0000) at the end (MT105",
    ),
    "secret-over-two-lines": (
        f'Access key ID,Secret access key\n{KEY_ID},"{SECRET[:20]}\n{SECRET[20:]}"\n',
        "the secret access key has a line break inside (MT105",
    ),
    "temporary": (f"Access key ID,Secret access key\nASIA{KEY_ID[4:]},{SECRET}\n", "temporary"),
    "two-words": (f"Access key ID,Secret access key\n{KEY_ID},two words\n", "MT105"),
    "short-secret": (f"Access key ID,Secret access key\n{KEY_ID},{SECRET[:-1]}\n", "39 char"),
    "swapped": (f"Access key ID,Secret access key\n{SECRET},{KEY_ID}\n", "MT106"),
    "not-an-id": (f"Access key ID,Secret access key\nAKIA-NOT-A-KEY,{SECRET}\n", "MT111"),
    "rootkey-empty": ("AWSAccessKeyId=\n", "an empty access key id"),
    "two-users": (
        "User name,Password,Access key ID,Secret access key,Console login link\n"
        f"alice,,{KEY_ID},{SECRET},x\nbob,,AKIAI44QH8DHBEXAMPLE,{SECRET},y\n",
        "holds 2 keys (the users alice, bob)",
    ),
    "two-keys": (
        f"Access key ID,Secret access key\n{KEY_ID},{SECRET}\nAKIAI44QH8DHBEXAMPLE,{SECRET}\n",
        "holds 2 keys (keys ending MPLE, MPLE)",
    ),
    "two-unknown-keys": (
        f"Access key ID,Secret access key\n{SECRET},x\n-,y\n",
        "(keys ending ?, ?)",
    ),
    "broken-json": ('{"AccessKey": {', "not complete JSON"),
    "json-without-a-key": ('{"User": {"UserName": "x"}}', "without an AccessKeyId"),
    "json-empty": ("{}", "without an AccessKeyId"),
    "json-not-text": ('{"AccessKeyId": 1, "SecretAccessKey": 2}', "not text"),
}


@pytest.mark.parametrize(("content", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_a_bad_key_file_is_refused_in_one_sentence(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    content: str,
    message: str,
) -> None:
    credentials.write_text(OTHERS)
    before = credentials.read_bytes()
    ran = importer(key_file(content))
    assert ran.code == 2
    assert ran.err.startswith("Not saved: ")
    assert message in ran.err
    assert ran.out == ""
    assert SECRET not in ran.text
    assert SECRET[:20] not in ran.text
    assert credentials.read_bytes() == before
    assert listing(credentials.parent) == ["credentials"]


def test_a_refused_key_links_to_its_troubleshooting_entry(
    key_file: Callable[..., Path], importer: Callable[..., Ran]
) -> None:
    ran = importer(key_file(REFUSED["swapped"][0]))
    assert f"See {constants.guide_link('troubleshooting/#MT106')}" in ran.err


def test_the_guide_address_can_be_changed(
    key_file: Callable[..., Path], importer: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MTURK_GUIDE_URL", "https://lab.example.org/guide")
    ran = importer(key_file(REFUSED["temporary"][0]))
    assert "https://lab.example.org/guide/iam-user/" in ran.err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.csv", "There is no file"),
        (lambda folder: folder, "is a folder"),
        (lambda folder: _big(folder), "too large to be a key file"),
    ],
    ids=["missing", "folder", "too-large"],
)
def test_a_key_file_that_cannot_be_used(
    tmp_path: Path,
    importer: Callable[..., Ran],
    make: Callable[[Path], Path],
    message: str,
) -> None:
    ran = importer(make(tmp_path))
    assert ran.code == 2
    assert message in ran.err


def _big(folder: Path) -> Path:
    path = folder / "big.csv"
    path.write_bytes(b"x" * (store_keys.MAX_KEY_FILE + 1))
    return path


def test_an_unreadable_key_file(
    key_file: Callable[..., Path], importer: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads any file whatever its mode, so the refusal is made by the call itself.
    path = key_file(CURRENT)

    real = os.open

    def refused(name: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(name)) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real(name, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_keys.os, "open", refused)
    ran = importer(path)
    assert ran.code == 2
    assert "cannot be read (Permission denied). Check that you own the file" in ran.err


def test_an_unusual_key_id_is_a_note_not_a_refusal(
    key_file: Callable[..., Path], importer: Callable[..., Ran], credentials: Path
) -> None:
    # IAM allows ids of 16 to 128 word characters (botocore IAM model, accessKeyIdType).
    ran = importer(key_file(f"Access key ID,Secret access key\n{KEY_ID}LONGER,{SECRET}\n"))
    assert ran.code == 0
    assert "Note: the access key id has 26 characters" in ran.out
    assert SECRET not in ran.text
    assert profiles(credentials)["mturk"]["aws_access_key_id"] == KEY_ID + "LONGER"


# --- profile names that AWS tools could not read back ----------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "cannot be empty"),
        (" mturk", "begin or end with a space"),
        ("mturk ", "begin or end with a space"),
        ("lab\nmturk", "line break"),
        ("lab\tmturk", "line break or an invisible character"),
        ("lab]", "square brackets"),
        ("[lab", "square brackets"),
        ("DEFAULT", "reserved"),
    ],
)
@pytest.mark.parametrize(
    "where", ["in-process", pytest.param("command-line", marks=pytest.mark.process)]
)
def test_a_profile_name_aws_tools_could_not_read_is_refused(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    name: str,
    message: str,
    where: str,
) -> None:
    credentials.write_text(OTHERS)
    run = command_line if where == "command-line" else importer
    ran = run(key_file(CURRENT), "--profile", name)
    assert ran.code == 2, ran.err
    assert message in ran.err
    assert "Traceback" not in ran.err
    assert credentials.read_text() == OTHERS


def test_default_imported_twice_is_refused_the_first_time(
    key_file: Callable[..., Path], importer: Callable[..., Ran], credentials: Path
) -> None:
    for _ in range(2):
        assert importer(key_file(CURRENT), "--profile", "DEFAULT").code == 2
    assert not credentials.exists()
    assert importer(key_file(CURRENT), "--profile", "default").code == 0


def test_an_existing_profile_is_never_replaced(
    key_file: Callable[..., Path], importer: Callable[..., Ran], credentials: Path
) -> None:
    assert importer(key_file(CURRENT)).code == 0
    before = credentials.read_bytes()
    ran = importer(key_file(CURRENT))
    assert ran.code == 2
    assert "already has a profile named 'mturk'" in ran.err
    assert credentials.read_bytes() == before


# --- what is written, and how ----------------------------------------------------------


def test_other_profiles_and_comments_are_kept_byte_for_byte(
    key_file: Callable[..., Path], importer: Callable[..., Ran], credentials: Path
) -> None:
    credentials.write_text(OTHERS.rstrip("\n"))  # no newline at the end
    credentials.chmod(0o644)
    earlier = profiles(credentials)
    ran = importer(key_file(CURRENT), "--profile", "lab")
    assert ran.out == "Saved key ending MPLE as profile 'lab' in credentials\n"
    assert credentials.read_text() == (
        OTHERS + f"[lab]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    )
    assert profiles(credentials) == {
        **earlier,
        "lab": {"aws_access_key_id": KEY_ID, "aws_secret_access_key": SECRET},
    }
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    assert listing(credentials.parent) == ["credentials"]


def test_windows_line_ends_are_kept(
    key_file: Callable[..., Path], importer: Callable[..., Ran], credentials: Path
) -> None:
    credentials.write_bytes(OTHERS.replace("\n", "\r\n").encode())
    assert importer(key_file(CURRENT)).code == 0
    assert b"\n[mturk]\r\naws_access_key_id" in credentials.read_bytes()
    assert b"\n" not in credentials.read_bytes().replace(b"\r\n", b"")


def test_the_folder_and_file_are_created_private(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "home" / ".aws" / "credentials"
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(path))
    assert importer(key_file(CURRENT)).code == 0
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_default_location_is_in_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_SHARED_CREDENTIALS_FILE")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert store_keys.credentials_path() == tmp_path / ".aws" / "credentials"


@pytest.mark.process
def test_a_tilde_in_the_variable_means_home_as_for_botocore(
    key_file: Callable[..., Path], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    folder = tmp_path / "work"
    folder.mkdir()
    ran = subprocess.run(
        [sys.executable, "-m", "snippets.store_keys", str(key_file(CURRENT))],
        cwd=folder,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "HOME": str(home),
            "AWS_SHARED_CREDENTIALS_FILE": "~/.aws/alt",
            "PYTHONPATH": str(ROOT),
        },
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert listing(folder) == []  # no folder named "~" here
    assert profiles(home / ".aws" / "alt")["mturk"]["aws_access_key_id"] == KEY_ID


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "is set but empty"), ("   ", "is set but empty"), ("{tmp}", "names the folder")],
)
@pytest.mark.process
def test_a_variable_that_names_no_file(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    message: str,
) -> None:
    ran = command_line(
        key_file(CURRENT),
        env={"AWS_SHARED_CREDENTIALS_FILE": value.format(tmp=tmp_path)},
    )
    assert ran.code == 2
    assert message in ran.err
    assert "Traceback" not in ran.err
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", value.format(tmp=tmp_path))
    assert message in importer(key_file(CURRENT)).err


def test_a_symbolic_link_stays_a_link(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    tmp_path: Path,
) -> None:
    real = tmp_path / "dotfiles" / "credentials"
    real.parent.mkdir()
    real.write_text(OTHERS)
    credentials.symlink_to(real)
    assert importer(key_file(CURRENT)).code == 0
    assert credentials.is_symlink()
    assert "mturk" in profiles(real)


def test_a_stale_draft_of_the_old_importer_is_pointed_out(
    key_file: Callable[..., Path], importer: Callable[..., Ran], credentials: Path
) -> None:
    stale = credentials.with_name("credentials.new")
    stale.write_text(OTHERS)
    stale.chmod(0o644)
    ran = importer(key_file(CURRENT))
    assert ran.code == 0
    assert "credentials.new was left by an earlier version" in ran.out
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600


# --- an existing credentials file that AWS tools cannot read ------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"aws_access_key_id = AKIAOTHEREXAMPLE0000\n[a]\n", "line 1 comes before the first"),
        (b"[a]\nx = 1\n[a]\n", "a profile appears twice (line 3)"),
        (b"[a]\nx = 1\nx = 2\n", "a profile sets x twice (line 3)"),
        (b"[a]\nx = 1\nnot a setting\n", "line 3 is not of the form name = value"),
        (b"[a]\ns3 =\n  no equals sign\n", "not in the format AWS tools read"),
        (b"[a]\nx = caf\xe9\n", "is not UTF-8 text"),
    ],
    ids=[
        "key-above-profile",
        "profile-twice",
        "setting-twice",
        "stray-line",
        "bad-nested",
        "latin-1",
    ],
)
@pytest.mark.process
def test_a_credentials_file_aws_tools_cannot_read_is_left_alone(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    content: bytes,
    message: str,
) -> None:
    credentials.write_bytes(content + b"aws_secret_access_key = " + SECRET.encode() + b"\n")
    before = credentials.read_bytes()
    ran = importer(key_file(CURRENT))
    if b"\xe9" in content:  # this one once ended in a traceback: run it as a reader does
        assert command_line(key_file(CURRENT)).err == ran.err
    assert ran.code == 2, ran.err
    assert message in ran.err
    assert SECRET not in ran.text
    assert "Traceback" not in ran.err
    assert credentials.read_bytes() == before
    assert listing(credentials.parent) == ["credentials"]


def test_the_draft_check_refuses_any_change_to_earlier_profiles(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credentials.write_text(OTHERS)
    before = credentials.read_bytes()
    real = store_keys._new_text
    monkeypatch.setattr(
        store_keys, "_new_text", lambda *args: real(*args).replace(b"eu-west-1", b"us-east-1")
    )
    ran = importer(key_file(CURRENT))
    assert ran.code == 2
    assert "would change how AWS tools read" in ran.err
    assert credentials.read_bytes() == before
    assert listing(credentials.parent) == ["credentials"]


# --- real faults ------------------------------------------------------------------------


def _can(*command: str) -> bool:
    try:
        return subprocess.run(command, capture_output=True, check=False).returncode == 0
    except OSError:
        return False


@contextlib.contextmanager
def immutable(path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Make ``path`` impossible to change, even for root (``chattr +i``).

    Where ``chattr`` is missing or the file system has no such flag, ``os.replace``
    and ``mkstemp`` are made to fail as the kernel would (EPERM), and the test says so.
    """
    if shutil.which("chattr") and _can("chattr", "+i", str(path)):
        try:
            yield "chattr +i"
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted", str(path))

    monkeypatch.setattr(store_keys.os, "replace", refuse)
    monkeypatch.setattr(store_keys.tempfile, "mkstemp", refuse)
    monkeypatch.setattr(Path, "mkdir", refuse)
    yield "patched: chattr +i is not available here"


@contextlib.contextmanager
def small_disk(folder: Path, monkeypatch: pytest.MonkeyPatch, *options: str) -> Iterator[str]:
    """A 16 KiB tmpfs mounted at ``folder`` (root only), else a patched ``fsync``."""
    folder.mkdir(parents=True, exist_ok=True)
    if _can("mount", "-t", "tmpfs", "-o", ",".join(["size=16k", *options]), "tmpfs", str(folder)):
        try:
            yield "tmpfs"
        finally:
            subprocess.run(["umount", str(folder)], check=True)
        return
    code = errno.EROFS if "ro" in options else errno.ENOSPC

    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(store_keys.os, "fsync", fail)
    yield "patched: mounting a tmpfs is not permitted here"


@pytest.mark.process
def test_a_file_that_cannot_be_replaced(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credentials.write_text(OTHERS)
    before = credentials.read_bytes()
    with immutable(credentials, monkeypatch) as how:
        ran = importer(key_file(CURRENT))
    assert ran.code == 2, how
    assert "Cannot write" in ran.err
    assert "Check that you own the file and its folder" in ran.err
    assert credentials.read_bytes() == before
    assert listing(credentials.parent) == ["credentials"], how  # no draft left with the secret


@pytest.mark.process
def test_a_folder_that_cannot_be_written(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credentials.write_text(OTHERS)
    before = credentials.read_bytes()
    with immutable(credentials.parent, monkeypatch) as how:
        ran = importer(key_file(CURRENT))
    assert ran.code == 2, how
    assert "Operation not permitted" in ran.err
    assert credentials.read_bytes() == before
    assert listing(credentials.parent) == ["credentials"]


@pytest.mark.process
def test_a_folder_that_cannot_be_created(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(parent / ".aws" / "credentials"))
    with immutable(parent, monkeypatch) as how:
        ran = importer(key_file(CURRENT))
    assert ran.code == 2, how
    assert "Cannot create the folder" in ran.err
    assert listing(parent) == []


@pytest.mark.process
def test_a_full_disk(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk = tmp_path / "disk"
    with small_disk(disk, monkeypatch) as how:
        credentials = disk / "credentials"
        credentials.write_text(OTHERS)
        before = credentials.read_bytes()
        if how == "tmpfs":  # fill it up
            with contextlib.suppress(OSError), (disk / "filler").open("wb") as filler:
                filler.write(b"\0" * 64 * 1024)
        monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
        ran = importer(key_file(CURRENT))
        assert ran.code == 2, how
        assert "The disk is full: free some space" in ran.err
        assert credentials.read_bytes() == before
        assert sorted(set(listing(disk)) - {"filler"}) == ["credentials"], how


@pytest.mark.process
def test_a_read_only_disk(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk = tmp_path / "disk"
    with small_disk(disk, monkeypatch, "ro") as how:
        monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(disk / "credentials"))
        ran = importer(key_file(CURRENT))
        assert ran.code == 2, how
        assert "read-only" in ran.err
        assert listing(disk) == []


def test_another_os_error_still_gets_a_sentence(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # EIO cannot be provoked on demand without a failing disk: this one is patched.
    def broken(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(store_keys.os, "fsync", broken)
    ran = importer(key_file(CURRENT))
    assert ran.code == 2
    assert "(Input/output error). Check the file and its folder" in ran.err
    assert listing(credentials.parent) == []


def test_an_unreadable_credentials_file(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credentials.write_text(OTHERS)

    def refused(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refused)  # root reads any file: patched
    ran = importer(key_file(CURRENT))
    assert ran.code == 2
    assert "Cannot read" in ran.err


def test_interrupted(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credentials.write_text(OTHERS)

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store_keys.os, "fsync", interrupt)
    ran = importer(key_file(CURRENT))
    assert ran.code == 130
    assert "Stopped." in ran.err
    assert credentials.read_text() == OTHERS
    assert listing(credentials.parent) == ["credentials"]


def test_without_advisory_locks_the_import_still_works(
    key_file: Callable[..., Path],
    importer: Callable[..., Ran],
    credentials: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Windows has no fcntl; the importer then writes without the lock and folder sync.
    monkeypatch.setattr(store_keys, "fcntl", None)
    assert importer(key_file(CURRENT)).code == 0
    assert "mturk" in profiles(credentials)


@pytest.mark.process
def test_concurrent_imports_keep_every_profile(
    tmp_path: Path, key_file: Callable[..., Path]
) -> None:
    """Four imports at once, in four processes, ten times: every profile survives."""
    source = key_file(CURRENT)
    context = multiprocessing.get_context("spawn")
    names = [f"lab-{n}" for n in range(4)]
    files = []
    for trial in range(10):
        credentials = tmp_path / f"trial-{trial}" / "credentials"
        credentials.parent.mkdir()
        credentials.write_text(OTHERS)
        files.append(credentials)
    barrier = context.Barrier(len(names))  # each trial starts when all four are ready
    workers = [
        context.Process(
            target=import_worker.run, args=(barrier, [str(f) for f in files], str(source), name)
        )
        for name in names
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    lost = [sorted({"default", *names} - set(profiles(f))) for f in files]
    assert lost == [[]] * len(files)
    assert all(listing(f.parent) == ["credentials"] for f in files)


# --- property: whatever the input, saved properly or refused with nothing changed ------------

SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+"
DEBRIS = " \t\r\n\"';,=[]#\\\x00\u00a0\u200b\ufeff\u201c\u00e9"
HEADERS = [
    "Access key ID{d}Secret access key",
    "User name{d}Password{d}Access key ID{d}Secret access key{d}Console login link",
    "User Name{d}Access Key Id{d}Secret Access Key",
    "Name{d}Value",
    "",
]
EXISTING = [
    None,
    OTHERS,
    OTHERS.replace("\n", "\r\n").rstrip(),
    "[mturk]\naws_access_key_id = AKIAOTHEREXAMPLE0000\n",
    "[DEFAULT]\nregion = us-east-1\n[lab]\noutput = json\n",
    "aws_access_key_id = AKIAOTHEREXAMPLE0000\n",
    "[a]\n[a]\n",
]

key_ids = st.one_of(
    st.just(KEY_ID),
    st.builds("AKIA{}".format, st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", max_size=20)),
    st.builds("ASIA{}".format, st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", max_size=20)),
    st.text(SECRET_ALPHABET + DEBRIS, max_size=30),
)
secrets = st.one_of(
    st.just(SECRET),
    st.text(SECRET_ALPHABET, min_size=38, max_size=42),
    st.builds(lambda s, d: s + d, st.just(SECRET), st.text(DEBRIS, min_size=1, max_size=2)),
    st.text(SECRET_ALPHABET + DEBRIS, max_size=50),
)
rows = st.tuples(key_ids, secrets, st.text("abc-_ é", max_size=8))


@st.composite
def key_files(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """A key file, plausible or not, and the secrets it holds."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=200)), []
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(st.sampled_from(HEADERS)).format(d=delimiter)
    quoted = draw(st.booleans())
    lines = [header]
    held = []
    for key_id, secret, user in draw(st.lists(rows, max_size=3)):
        held.append(secret)
        cells = {"access key id": key_id, "secret access key": secret, "user name": user}
        names = header.split(delimiter) if header else []
        values = [cells.get(name.strip().lower(), "") for name in names]
        if quoted:
            values = ['"' + value.replace('"', '""') + '"' for value in values]
        lines.append(delimiter.join(values))
    if draw(st.booleans()):
        lines.insert(1, "")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + text).encode(draw(st.sampled_from(["utf-8", "utf-8", "utf-16"]))), held


profile_names = st.one_of(
    st.sampled_from(["mturk", "lab", "default", "DEFAULT", "", " lab", "lab ", "a]b", "[a"]),
    st.text(max_size=12),
)
# What a shell can pass: execve ends each argument at its first NUL byte, so no command
# line holds one (test_any_key_file_and_profile_name gives NUL to the importer itself).
typed_profile_names = profile_names.filter(lambda name: "\x00" not in name)


def check_import(
    data: bytes,
    held: list[str],
    name: str,
    existing: str | None,
    run: Callable[[Path, str], Ran],
) -> None:
    """The property, for one input: saved as it should be, or refused with nothing changed.

    The name is passed as ``--profile=NAME``, so that every name reaches the importer
    (argparse reads a separate value that starts with '-' as a missing one: see
    ``test_a_profile_name_that_starts_with_a_dash``)."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "aws"
        folder.mkdir()
        credentials = folder / "credentials"
        if existing is not None:
            credentials.write_bytes(existing.encode())
        before = credentials.read_bytes() if credentials.exists() else None
        readable = before is None or _readable(credentials)
        earlier = profiles(credentials) if before is not None and readable else {}
        key = Path(scratch) / "key.csv"
        key.write_bytes(data)
        saved = os.environ["AWS_SHARED_CREDENTIALS_FILE"]
        os.environ["AWS_SHARED_CREDENTIALS_FILE"] = str(credentials)
        try:
            ran = run(key, name)
        finally:
            os.environ["AWS_SHARED_CREDENTIALS_FILE"] = saved
        assert ran.code in (0, 2), ran
        assert "Traceback" not in ran.text
        for secret in held:
            if len(secret.strip()) >= 16:
                assert secret.strip() not in ran.text
        if ran.code == 2:
            assert ran.err.startswith("Not saved: ")
            after = credentials.read_bytes() if credentials.exists() else None
            assert after == before
            assert listing(folder) == ([] if before is None else ["credentials"])
            return
        assert readable, "an existing file AWS tools cannot read must be left alone"
        assert ran.out.startswith("Saved key ending ")
        now = profiles(credentials)
        assert set(now) == {*earlier, name}
        assert all(now[profile] == earlier[profile] for profile in earlier)
        assert set(now[name]) >= {"aws_access_key_id", "aws_secret_access_key"}
        assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
        assert listing(folder) == ["credentials"]


def _readable(path: Path) -> bool:
    try:
        profiles(path)
    except Exception:
        return False
    return True


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(key_files(), profile_names, st.sampled_from(EXISTING))
def test_any_key_file_and_profile_name(
    importer: Callable[..., Ran],
    file: tuple[bytes, list[str]],
    name: str,
    existing: str | None,
) -> None:
    check_import(*file, name, existing, lambda key, profile: importer(key, f"--profile={profile}"))


@pytest.mark.process
@settings(max_examples=6, deadline=None)
@given(key_files(), typed_profile_names, st.sampled_from(EXISTING))
def test_any_key_file_and_profile_name_on_the_command_line(
    file: tuple[bytes, list[str]], name: str, existing: str | None
) -> None:
    check_import(
        *file, name, existing, lambda key, profile: command_line(key, f"--profile={profile}")
    )


def test_the_saved_key_works_for_botocore(
    key_file: Callable[..., Path], importer: Callable[..., Ran]
) -> None:
    import boto3

    assert importer(key_file(CURRENT), "--profile", "lab").code == 0
    credentials = boto3.Session(profile_name="lab").get_credentials()
    assert credentials is not None
    assert (credentials.access_key, credentials.secret_key) == (KEY_ID, SECRET)


def test_save_profile_refuses_a_bad_name() -> None:
    with pytest.raises(store_keys.NotSaved, match="square brackets"):
        save_profile(KEY_ID, SECRET, "a]")


def test_a_profile_name_that_starts_with_a_dash(
    key_file: Callable[..., Path], importer: Callable[..., Ran], credentials: Path
) -> None:
    """argparse reads ``--profile -lab`` as a missing value (exit 2, usage and a sentence,
    nothing written); ``--profile=-lab`` passes the name, as the help says."""
    path = key_file(CURRENT)
    refused = importer(path, "--profile", "-lab")
    assert refused.code == 2
    assert "--profile: expected one argument" in refused.err
    assert not credentials.exists()
    assert importer(path, "--profile=-lab").code == 0
    assert profiles(credentials)["-lab"]["aws_access_key_id"] == KEY_ID
