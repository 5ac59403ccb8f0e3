"""The key importer: store the key from AWS's key file as a profile, carefully.

    uv run --no-dev python -m snippets.store_keys mturk-api_accessKeys.csv --profile mturk

It reads every layout of key file AWS has handed out (facts.md section 3: today's
``<user>_accessKeys.csv`` with a byte-order mark and CRLF line ends, the older
``credentials.csv`` with five or three columns, ``rootkey.csv``), the same files
re-saved by Excel with ``;`` or tab between the columns, and the JSON that
``aws iam create-access-key`` prints, and Excel's "CSV (Macintosh)" (a carriage return
alone at each line's end). It refuses what AWS would refuse (the rules of
``guide_tools.keys``, shared with the doctor), a file holding several keys, and a path
that is not a file (a named pipe, which would make it wait for ever, a device, a folder).

Then it adds the profile the way a careful tool writes a file of secrets:

1. the profile name must be one that AWS tools read back (``keys.profile_problem``);
2. the new text is the old file, byte for byte, plus the new profile;
3. it goes to a fresh temporary file next to the old one, readable only by you
   (``mkstemp``, mode 600, ``fsync``), which botocore must read back with every
   earlier profile unchanged and the new one as written;
4. ``os.replace`` swaps it in at once, so there is never half a file; on any failure
   the temporary file is removed;
5. a lock on the folder (``fcntl.flock``) around reading and writing, so two imports
   at once both keep their profile; holding it, the importer removes the drafts that an
   import killed halfway left (they hold every secret of the file);
6. the new file keeps the owner and group of the old one, and a new file made by root
   in a folder of someone else's (``sudo``) gets the folder's: a file that became root's
   would lock its owner out of all their profiles. A user who is not root cannot give a
   file away, so the importer refuses to take another user's file.

Every problem ends in one sentence naming it and the fix, and exit status 2 (0: saved;
130: interrupted). The secret is never printed.
"""

from __future__ import annotations

import argparse
import configparser
import contextlib
import csv
import errno
import importlib
import io
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import botocore.configloader
import botocore.exceptions

from guide_tools import constants, keys
from guide_tools.command import INTERRUPTED, STOPPED, say
from guide_tools.doctor.catalogue import problem

# Windows has no advisory locks (fcntl); there, everything but the lock still holds.
fcntl: Any = importlib.import_module("fcntl") if os.name == "posix" else None

__all__ = ["AccessKey", "NotSaved", "credentials_path", "main", "read_key_file", "save_profile"]

VARIABLE: Final = "AWS_SHARED_CREDENTIALS_FILE"
DEFAULT_PROFILE: Final = "mturk"
MAX_KEY_FILE: Final = 64 * 1024
"""A key file is a few hundred bytes; anything this large is some other file."""
ID_COLUMN: Final = "access key id"
SECRET_COLUMN: Final = "secret access key"  # noqa: S105 -- a column heading
USER_COLUMN: Final = "user name"
DELIMITERS: Final = (",", ";", "\t")
"""What Excel writes between columns: a comma, or a semicolon where the comma is the
decimal mark (much of Europe), or a tab ("Unicode text")."""
OLD_DRAFT: Final = ".new"
"""Earlier versions of the importer wrote ``credentials.new`` next to the file."""
KINDS: Final = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}
"""What a path can name besides a file, in words (``os.stat``'s ``S_IFMT``)."""


class NotSaved(Exception):
    """Nothing was saved; the message says why and what to do, in one sentence or two."""


@dataclass(frozen=True)
class AccessKey:
    key_id: str
    secret: str
    note: str = ""  # a warning worth showing, never a refusal


# --- reading the key file ------------------------------------------------------------------


def kind(mode: int) -> str | None:
    """What a path with this ``st_mode`` is, in words, when it is not a file."""
    return None if stat.S_ISREG(mode) else KINDS.get(stat.S_IFMT(mode), "not a file")


def _not_a_key_file(path: Path, what: str) -> NotSaved:
    return NotSaved(
        f"{path} is {what}, not a file. Give the name of the key file you downloaded, "
        "such as mturk-api_accessKeys.csv."
    )


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; a pipe, device or folder is refused before anything is read.

    Opening a named pipe for reading waits for a writer, for ever: the path is looked
    at (``stat``) first, and the file opened without waiting (``O_NONBLOCK``).
    """
    try:
        what = kind(os.stat(path).st_mode)
        if what is not None:
            raise _not_a_key_file(path, what)
        # Should it become a pipe in between, it is read without waiting: empty.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            data = file.read(MAX_KEY_FILE + 1)
    except FileNotFoundError:
        raise NotSaved(
            f"There is no file {path}. Check the name, and run the command in the folder "
            "that holds the key file (or give its full path)."
        ) from None
    except OSError as error:
        raise NotSaved(f"{path} cannot be read ({_reason(error)}). {_fix(error)}") from None
    if len(data) > MAX_KEY_FILE:
        raise NotSaved(
            f"{path} is too large to be a key file. Use the .csv file you downloaded "
            "when you created the access key."
        )
    return data


def _decode(data: bytes) -> str:
    """Text from any encoding Excel or the AWS console writes; keys themselves are ASCII."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # A legacy code page (Excel's "CSV" on Windows): a key is ASCII, so any
        # other byte ends up in a name, or is reported as a stray character.
        return data.decode("latin-1")


def _normal(heading: str) -> str:
    return " ".join(heading.replace("\ufeff", "").split()).lower()


def _from_json(text: str, path: Path) -> list[tuple[str, str, str]]:
    """The output of ``aws iam create-access-key``: {"AccessKey": {...}}."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise NotSaved(
            f"{path} is JSON nested hundreds of levels deep, so it is not the output of "
            "`aws iam create-access-key`. Use the .csv file you downloaded, or that output."
        ) from None
    except ValueError:
        raise NotSaved(
            f"{path} looks like JSON but is not complete JSON. Save the output of "
            "`aws iam create-access-key` again, unchanged."
        ) from None
    entry = data.get("AccessKey", data) if isinstance(data, dict) else None
    if not isinstance(entry, dict) or not {"AccessKeyId", "SecretAccessKey"} <= entry.keys():
        raise NotSaved(
            f"{path} is JSON without an AccessKeyId and a SecretAccessKey. Use the file "
            "that `aws iam create-access-key` wrote."
        )
    values = [entry["AccessKeyId"], entry["SecretAccessKey"], entry.get("UserName", "")]
    if not all(isinstance(value, str) for value in values):
        raise NotSaved(f"{path} holds a key id or secret that is not text.")
    return [(values[0], values[1], values[2])]


def _from_rootkey(text: str) -> list[tuple[str, str, str]]:
    """The old ``rootkey.csv``: ``AWSAccessKeyId=...`` and ``AWSSecretKey=...`` lines."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        name, equals, value = line.partition("=")
        if equals:
            values.setdefault(name.strip(), value)
    return [(values.get("AWSAccessKeyId", ""), values.get("AWSSecretKey", ""), "root")]


def _csv_rows(text: str, path: Path) -> list[list[str]]:
    if "\r" in text and "\n" not in text:
        # Excel's "CSV (Macintosh)" ends its lines with a carriage return alone.
        text = text.replace("\r", "\n")
    first = next((line for line in text.splitlines() if line.strip()), "")
    for delimiter in DELIMITERS:
        heading = [_normal(name) for name in next(csv.reader([first], delimiter=delimiter))]
        if ID_COLUMN in heading and SECRET_COLUMN in heading:
            break
    else:
        raise NotSaved(
            f"{path} has no 'Access key ID' and 'Secret access key' columns. Use the .csv "
            "file you downloaded when you created the access key."
        )
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error:
        raise NotSaved(
            f"{path} has a quote mark that is never closed, so its columns cannot be told "
            "apart. Download the key file again, or remove the stray quote mark."
        ) from None
    return [row for row in rows if any(cell.strip() for cell in row)]


def _from_csv(text: str, path: Path) -> list[tuple[str, str, str]]:
    header, *rows = _csv_rows(text, path)
    heading = [_normal(name) for name in header]
    found = []
    for row in rows:
        cells = dict(zip(heading, row, strict=False))
        if ID_COLUMN not in cells or SECRET_COLUMN not in cells:
            raise NotSaved(
                f"{path} has a row without a secret access key. Download the key file "
                "again; AWS shows a secret only once, so if you cannot, create a new key."
            )
        found.append((cells[ID_COLUMN], cells[SECRET_COLUMN], cells.get(USER_COLUMN, "")))
    return found


def _ending(key_id: str) -> str:
    shown = keys.masked(key_id)
    return "?" if shown.startswith("(") else shown[-4:]


def _one_key(found: list[tuple[str, str, str]], path: Path) -> tuple[str, str]:
    if not found:
        raise NotSaved(f"{path} has the column names but no key. Download the key again.")
    if len(found) > 1:
        users = sorted({user.strip() for _, _, user in found if user.strip()})
        whose = (
            "the users " + ", ".join(users)
            if len(users) > 1
            else "keys ending " + ", ".join(_ending(key_id) for key_id, _, _ in found)
        )
        raise NotSaved(
            f"{path} holds {len(found)} keys ({whose}). Store one at a time: copy the header "
            "line and the row of the key you want into a file of its own, and import that."
        )
    key_id, secret, _ = found[0]
    return key_id, secret


def read_key_file(path: Path) -> AccessKey:
    """The one usable long-term key in ``path``, or ``NotSaved`` saying what is wrong."""
    text = _decode(_read_bytes(path))
    stripped = text.strip()
    if stripped.startswith("{"):
        found = _from_json(stripped, path)
    elif "AWSAccessKeyId=" in text.replace(" ", ""):
        found = _from_rootkey(text)
    else:
        found = _from_csv(text, path)
    key_id, secret = _one_key(found, path)
    # Spaces around a value are dropped, as AWS's tools drop them when they read the file.
    key_id, secret = key_id.strip(), secret.strip()
    if not key_id or not secret:
        empty = "access key id" if not key_id else "secret access key"
        raise NotSaved(f"{path} has an empty {empty}. Download the key file again.")
    if keys.is_temporary(key_id):
        raise NotSaved(
            f"{path} holds temporary credentials (the key id begins ASIA), which MTurk "
            "refuses. Create an access key for your IAM user instead: "
            + constants.guide_link("iam-user/")
        )
    shape = keys.shape_problem(key_id, secret)
    if shape is not None and shape.refused:
        entry = problem(shape.code)
        raise NotSaved(
            f"{path} does not hold a usable key: {shape.detail} ({entry.code}, "
            f"{entry.title.lower()}). Use the key file exactly as AWS saved it; if you no "
            "longer have it, create a new access key. See "
            + constants.guide_link(f"troubleshooting/#{entry.code}")
        )
    note = ""
    if shape is not None:
        note = (
            f"Note: {shape.detail}, not the usual 20 characters beginning AKIA; check it "
            "was copied whole."
        )
    return AccessKey(key_id, secret, note)


# --- writing the credentials file ----------------------------------------------------------


def credentials_path() -> Path:
    """Where AWS tools look for keys, read exactly as botocore reads it.

    ``AWS_SHARED_CREDENTIALS_FILE`` can move it; botocore expands ``~`` and
    ``$VARIABLES`` in it, and so does this.
    """
    value = os.environ.get(VARIABLE)
    if value is None:
        return Path.home() / ".aws" / "credentials"
    if not value.strip():
        raise NotSaved(
            f"{VARIABLE} is set but empty, so AWS tools would find no credentials file. "
            f"Unset it (`unset {VARIABLE}`), or set it to the file's full path."
        )
    path = Path(os.path.expanduser(os.path.expandvars(value)))
    found = _stat(path)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise NotSaved(
            f"{VARIABLE} names the folder {path}, not a file. Set it to a file's path, "
            "such as ~/.aws/credentials, or unset it."
        )
    return path


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _fix(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "The disk is full: free some space, then run the command again."
    if error.errno == errno.EROFS:
        return "That disk is read-only: choose a file on another disk, or make it writable."
    if error.errno in (errno.EACCES, errno.EPERM):
        return (
            "Check that you own the file and its folder and may change them (and that the "
            "file is not locked), then run the command again."
        )
    return "Check the file and its folder, then run the command again."


def _not_saved(error: OSError, path: Path, doing: str) -> NotSaved:
    return NotSaved(f"Cannot {doing} {path} ({_reason(error)}). {_fix(error)}")


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock: other imports wait, so none of them loses a profile."""
    if fcntl is None:
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _parse_error(error: BaseException) -> str:
    """What botocore could not read, by line: never the line itself (it may be a secret)."""
    if isinstance(error, configparser.MissingSectionHeaderError):
        return f"line {error.lineno} comes before the first [profile] line"
    if isinstance(error, configparser.DuplicateSectionError):
        return f"a profile appears twice (line {error.lineno})"
    if isinstance(error, configparser.DuplicateOptionError):
        return f"a profile sets {error.option} twice (line {error.lineno})"
    if isinstance(error, configparser.ParsingError):
        lines = ", ".join(str(number) for number, _ in error.errors)
        return f"line {lines} is not of the form name = value"
    return "it is not in the format AWS tools read"


def _profiles(path: Path) -> dict[str, Any]:
    """The profiles botocore reads from ``path``."""
    try:
        return dict(botocore.configloader.raw_config_parse(str(path)))
    except botocore.exceptions.ConfigParseError as error:
        cause = error.kwargs.get("error")
        reason = _parse_error(cause) if isinstance(cause, BaseException) else _parse_error(error)
        raise NotSaved(
            f"{path} cannot be read by AWS tools ({reason}), so the key was not added. Fix "
            "the file in a plain-text editor, or rename it and run the command again."
        ) from None


def _existing(path: Path) -> tuple[bytes, dict[str, Any]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return b"", {}
    except OSError as error:
        raise _not_saved(error, path, "read") from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotSaved(
            f"{path} is not UTF-8 text, so adding to it could damage it. Open it in a "
            "plain-text editor and save it as UTF-8, then run the command again."
        ) from None
    return data, _profiles(path)


def _new_text(old: bytes, key_id: str, secret: str, profile: str) -> bytes:
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    section = (
        f"[{profile}]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"
    ).encode()
    separator = newline if old and not old.endswith(b"\n") else b""
    return old + separator + section.replace(b"\n", newline)


def _draft_prefix(name: str) -> str:
    return f".{name}."


DRAFT_SUFFIX: Final = ".tmp"
DRAFT_NAME: Final = re.compile(r"[a-z0-9_]{8}")
"""The random part of ``mkstemp``'s names: eight of ``a-z0-9_``."""


def _remove_stale_drafts(folder: Path, name: str) -> None:
    """Remove the drafts an import killed halfway left: each holds every secret of the file.

    Called with the folder's lock held: no other import is writing one now, so any draft
    of this file's is an orphan. Only names of the importer's own pattern are touched.
    """
    prefix = _draft_prefix(name)
    for entry in os.scandir(folder):
        middle = entry.name.removeprefix(prefix).removesuffix(DRAFT_SUFFIX)
        if (
            entry.name == prefix + middle + DRAFT_SUFFIX
            and DRAFT_NAME.fullmatch(middle)
            and entry.is_file(follow_symlinks=False)
        ):
            Path(entry.path).unlink(missing_ok=True)


def _write_private(folder: Path, name: str, data: bytes, owner: tuple[int, int] | None) -> Path:
    """A fresh file in ``folder`` holding ``data``, readable only by ``owner``, on the disk.

    ``owner`` (user and group ids) is given when the file must belong to someone else
    than the user running the command (see ``_owner``).
    """
    descriptor, draft = tempfile.mkstemp(
        prefix=_draft_prefix(name), suffix=DRAFT_SUFFIX, dir=folder
    )
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o600)
        if owner is not None:
            os.fchown(descriptor, *owner)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        Path(draft).unlink(missing_ok=True)
        raise
    return Path(draft)


def _sync_folder(folder: Path) -> None:
    """Make the swap itself durable (POSIX; elsewhere the rename is what there is)."""
    if fcntl is None:
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _not_saved(error, path, "read") from None


def _running_as() -> tuple[int, int] | None:
    """The user and group running the command (None where there are none: Windows)."""
    if not hasattr(os, "geteuid"):
        return None
    return os.geteuid(), os.getegid()


def _make_folder(folder: Path) -> None:
    """Create ``folder`` (private) and any missing parents.

    Run by root (``sudo``) for someone else's home folder, the new folders get the owner
    of the folder they are made in: a ``.aws`` of root's would lock its user out.
    """
    missing = []
    existing = folder
    while not existing.exists() and existing.parent != existing:
        missing.append(existing)
        existing = existing.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        home = os.stat(existing)
        if _running_as() == (0, 0) and home.st_uid != 0:  # root, in someone's folder
            for each in missing:
                os.chown(each, home.st_uid, home.st_gid)
    except OSError as error:
        raise _not_saved(error, folder, "create the folder") from None


def _owner(target: Path, found: os.stat_result | None, path: Path) -> tuple[int, int] | None:
    """Who the new file must belong to, when not to the user running the command.

    An existing file keeps its owner and group; a new one, made by root in a folder of
    someone else's, gets the folder's. Otherwise (your own file, or a new file in a
    folder of yours) the new file is simply yours.
    """
    me = _running_as()
    if me is None:
        return None
    if found is not None:
        if (found.st_uid, found.st_gid) == me or found.st_uid == me[0] != 0:
            return None  # yours (a non-root user's new file takes their own group)
        if me[0] != 0:
            raise NotSaved(
                f"{path} belongs to another user (user id {found.st_uid}), and saving it "
                "would make it yours, so that its owner could no longer read it. Run the "
                "command as that user."
            )
        return found.st_uid, found.st_gid
    folder = os.stat(target.parent)
    if me[0] == 0 and folder.st_uid != 0:
        return folder.st_uid, folder.st_gid
    return None


def save_profile(key_id: str, secret: str, profile: str = DEFAULT_PROFILE) -> Path:
    """Add ``profile`` to the credentials file; refuse to replace one. Returns the file."""
    reason = keys.profile_problem(profile)
    if reason is not None:
        raise NotSaved(f"{reason}. Choose another name with --profile, such as mturk.")
    path = credentials_path()
    target = Path(os.path.realpath(path))  # a symbolic link stays one
    found = _stat(target)
    what = None if found is None else kind(found.st_mode)
    if what is not None:
        # Replacing a device such as /dev/null with a file would break the computer.
        raise NotSaved(
            f"{path} is {what}, not a file, so it cannot hold profiles. Set {VARIABLE} "
            "to a file's path, such as ~/.aws/credentials, or unset it."
        )
    folder = target.parent
    _make_folder(folder)
    try:
        with _locked(folder):
            if fcntl is not None:
                _remove_stale_drafts(folder, target.name)
            owner = _owner(target, _stat(target), path)
            old, profiles = _existing(target)
            if profile in profiles:
                raise NotSaved(
                    f"{path} already has a profile named {profile!r}. Choose another name "
                    "with --profile, or remove the old profile yourself if you mean to "
                    "replace it."
                )
            new = _new_text(old, key_id, secret, profile)
            draft = _write_private(folder, target.name, new, owner)
            try:
                _check_draft(draft, profiles, profile, key_id, secret, path)
                os.replace(draft, target)
            finally:
                draft.unlink(missing_ok=True)
            _sync_folder(folder)
    except OSError as error:
        raise _not_saved(error, path, "write") from None
    return path


def _check_draft(
    draft: Path, before: dict[str, Any], profile: str, key_id: str, secret: str, path: Path
) -> None:
    """botocore must read the new file as the old profiles plus the new one, unchanged."""
    after = _profiles(draft)
    added = after.get(profile, {})
    if (
        set(after) != {*before, profile}
        or any(after[name] != before[name] for name in before)
        or added.get("aws_access_key_id") != key_id
        or added.get("aws_secret_access_key") != secret
    ):
        raise NotSaved(
            f"Adding the profile would change how AWS tools read {path}, so nothing was "
            "changed. Check the file in a plain-text editor (look for an indented line at "
            "its end), then run the command again."
        )


# --- the command ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m snippets.store_keys",
        description="Store the access key from AWS's key file as a profile.",
        epilog="Exit status: 0 saved, 2 not saved (it says why).",
    )
    parser.add_argument("key_file", type=Path, help="the key file from the IAM console")
    parser.add_argument(
        "--profile",
        default=DEFAULT_PROFILE,
        help=f"profile name (default: {DEFAULT_PROFILE}; a name starting with -: --profile=NAME)",
    )
    args = parser.parse_args(argv)
    try:
        key = read_key_file(args.key_file)
        path = save_profile(key.key_id, key.secret, args.profile)
    except NotSaved as error:
        say(f"Not saved: {error}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        say(STOPPED[__name__], sys.stderr)
        return INTERRUPTED
    say(
        f"Saved key ending {key.key_id[-4:]} as profile {args.profile!r} in {path.name}",
        sys.stdout,
    )
    if key.note:
        say(key.note, sys.stdout)
    stale = path.with_name(path.name + OLD_DRAFT)
    if stale.exists():
        say(
            f"Note: {stale} was left by an earlier version of this importer and may hold a "
            "copy of your keys: delete it.",
            sys.stdout,
        )
    return 0
