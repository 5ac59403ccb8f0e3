"""Store your access key in an AWS profile (guide page: ``docs/store-keys.md``).

    uv run python -m snippets.store_keys mturk-api_accessKeys.csv --profile mturk

Reads the CSV file the IAM console gave you (any of the layouts AWS has used),
adds its key to your AWS credentials file as a new profile, keeps every other
profile and comment as it was, and leaves the file readable only by you. It
never prints the secret access key.
"""

# --8<-- [start:read-csv]
import csv
from pathlib import Path


class KeyFileError(Exception):
    """The key file cannot be used; the message says why and what to do."""


def read_access_key(path: Path) -> tuple[str, str]:
    """Return (access key id, secret access key) from a key file AWS gave you."""
    try:
        # utf-8-sig drops the byte-order mark Excel adds when it re-saves a CSV.
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise KeyFileError(f"Cannot read {path}: {error}") from None
    if "AWSAccessKeyId=" in text:  # the old rootkey.csv layout
        values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
        key_id, secret = values.get("AWSAccessKeyId", ""), values.get("AWSSecretKey", "")
    else:
        rows = list(csv.reader(text.splitlines()))
        header = [name.strip().lower() for name in rows[0]] if rows else []
        if "access key id" not in header or "secret access key" not in header:
            raise KeyFileError(
                f"{path} has no 'Access key ID' and 'Secret access key' columns. "
                "Use the .csv file you downloaded when you created the access key."
            )
        if len(rows) < 2:
            raise KeyFileError(f"{path} has a header but no key. Download the key again.")
        row = dict(zip(header, rows[1], strict=False))
        key_id, secret = row["access key id"], row["secret access key"]
    key_id, secret = key_id.strip(), secret.strip()
    if key_id.startswith("ASIA"):
        raise KeyFileError(
            f"{path} holds temporary credentials, which MTurk refuses. "
            "Create an access key for your IAM user instead."
        )
    if not key_id.isalnum() or not secret or any(c.isspace() for c in secret):
        raise KeyFileError(
            f"{path} does not hold a long-term IAM access key "
            "(an id such as AKIA... and a secret with no spaces)."
        )
    return key_id, secret
# --8<-- [end:read-csv]


# --8<-- [start:save-profile]
import configparser
import os


def credentials_file() -> Path:
    """Where the AWS tools look for keys (AWS_SHARED_CREDENTIALS_FILE can move it)."""
    default = Path.home() / ".aws" / "credentials"
    return Path(os.environ.get("AWS_SHARED_CREDENTIALS_FILE", default))


def save_profile(key_id: str, secret: str, profile: str = "mturk") -> Path:
    """Add a profile to the credentials file; refuse to replace an existing one."""
    path = credentials_file()
    old_text = path.read_text() if path.exists() else ""
    existing = configparser.ConfigParser(interpolation=None)
    try:
        existing.read_string(old_text)
    except configparser.Error:
        raise KeyFileError(f"{path} is not a valid credentials file; fix it first.") from None
    if existing.has_section(profile):
        raise KeyFileError(
            f"{path} already has a profile named {profile!r}. Choose another name "
            "with --profile, or remove the old profile yourself if you mean to replace it."
        )
    new_text = old_text + ("\n" if old_text and not old_text.endswith("\n") else "")
    new_text += f"[{profile}]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Write a private copy next to the file, then swap it in: a crash halfway
    # can never leave you with a half-written credentials file.
    draft = path.with_name(path.name + ".new")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(new_text)
    os.replace(draft, path)
    return path
# --8<-- [end:save-profile]


# --8<-- [start:main]
import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Store an access key in an AWS profile.")
    parser.add_argument("csv_file", type=Path, help="the key file from the IAM console")
    parser.add_argument("--profile", default="mturk", help="profile name (default: mturk)")
    args = parser.parse_args(argv)
    try:
        key_id, secret = read_access_key(args.csv_file)
        path = save_profile(key_id, secret, args.profile)
    except KeyFileError as error:
        print(f"Not saved: {error}", file=sys.stderr)
        return 2
    print(f"Saved key ending {key_id[-4:]} as profile {args.profile!r} in {path.name}")
    #> Saved key ending HZFX as profile 'mturk' in credentials
    if len(key_id) != 20 or len(secret) != 40:  # AWS only promises ids of 16-128 characters
        print("Note: this key is not the usual 20 + 40 characters; check it was copied whole.")
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    sys.exit(main())
