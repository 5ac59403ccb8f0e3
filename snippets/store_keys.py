"""Store your access key in an AWS profile (guide page: ``docs/store-keys.md``).

    uv run --no-dev python -m snippets.store_keys mturk-api_accessKeys.csv --profile mturk

The command runs the guide's importer, ``guide_tools/store_keys.py``. This file
shows its idea in a few lines: read the key from the file AWS gave you, and add it
to your credentials file as a new profile, in a new copy that only you can read,
swapped in all at once. The importer does the same with the checks a file of
secrets deserves (every layout of key file, keys AWS would refuse, profile names,
two imports at once, a full disk), so run it rather than copying this.
"""

import sys

if __name__ == "__main__":  # first, so that Ctrl-C stops even the start with one sentence
    from guide_tools.command import run

    sys.exit(run("guide_tools.store_keys"))

# --8<-- [start:idea]
import configparser
import csv
import os
import tempfile
from pathlib import Path


def read_access_key(path):
    """The key in the .csv file the IAM console gave you."""
    # utf-8-sig drops the byte-order mark that Excel adds when it saves a file again.
    with open(path, encoding="utf-8-sig", newline="") as file:
        row = next(csv.DictReader(file))
    return row["Access key ID"].strip(), row["Secret access key"].strip()


def save_profile(key_id, secret, profile="mturk"):
    """Add a profile to ~/.aws/credentials; never replace one."""
    path = Path.home() / ".aws" / "credentials"
    old = path.read_text() if path.exists() else ""
    profiles = configparser.RawConfigParser()  # how AWS tools read the file
    profiles.read_string(old)
    if profiles.has_section(profile):
        raise ValueError(f"there is already a profile named {profile!r}")
    new = old + ("\n" if old and not old.endswith("\n") else "")
    new += f"[{profile}]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"
    path.parent.mkdir(mode=0o700, exist_ok=True)
    descriptor, draft = tempfile.mkstemp(dir=path.parent)  # a new file only you can read
    with os.fdopen(descriptor, "w") as file:
        file.write(new)
    os.replace(draft, path)  # all at once: never half a file
# --8<-- [end:idea]

