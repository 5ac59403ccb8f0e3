"""Keep your keys safe: rotate, deactivate, limit (guide page: ``docs/security.md``).

    uv run --no-dev python -m snippets.security start
    uv run --no-dev python -m snippets.security finish HZFX   # the old key's id, or its end
    uv run --no-dev python -m snippets.security limited-user snippets/pay_bonuses_only.json

Rotation is two commands on purpose: ``start`` makes the new key, then you switch
your tools to it, and only then ``finish`` retires the old one. Each refuses to
leave the user without a working key. Like creating the IAM user, these steps
manage IAM: run them where you are signed in as an administrator, such as AWS
CloudShell.
"""

import sys

# --8<-- [start:rotate-key]
import errno
from pathlib import Path

from snippets.iam_user import save_access_key


class RotationError(Exception):
    """Going on would leave the user without a working key (or with three)."""


def active_keys(iam, user_name: str) -> list[str]:
    keys = iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]
    return [key["AccessKeyId"] for key in keys if key["Status"] == "Active"]


def start_rotation(iam, user_name: str = "mturk-api") -> str:
    """Step 1: make the user's second key and save it. Nothing else changes."""
    keys = iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]
    if len(keys) > 1:  # (1)!
        raise RotationError(
            f"{user_name} already has two keys: finish the earlier rotation first"
        )
    path = Path(f"{user_name}_newAccessKeys.csv")
    if path.exists():  # the secret is shown only once: never make a key you cannot save
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    key = iam.create_access_key(UserName=user_name)["AccessKey"]
    save_access_key(
        {
            "UserName": key["UserName"],
            "AccessKeyId": key["AccessKeyId"],
            "SecretAccessKey": key["SecretAccessKey"],
        },
        path,
    )
    return key["AccessKeyId"]


def finish_rotation(iam, user_name: str, old_key_id: str) -> None:
    """Step 2, once every tool uses the new key: switch the old one off, then delete it."""
    others = [key for key in active_keys(iam, user_name) if key != old_key_id]
    if not others:
        raise RotationError(
            f"the key ending {old_key_id[-4:]} is {user_name}'s only working key: "
            "start the rotation and switch your tools to the new key first"
        )
    iam.update_access_key(UserName=user_name, AccessKeyId=old_key_id, Status="Inactive")
    iam.delete_access_key(UserName=user_name, AccessKeyId=old_key_id)
# --8<-- [end:rotate-key]


# --8<-- [start:deactivate-key]
def deactivate_key(iam, user_name: str, key_id: str) -> None:
    """Switch a key off at once (after a leak, or to revoke a platform's access).

    Nothing is lost: the key can be switched back on with Status="Active".
    """
    iam.update_access_key(UserName=user_name, AccessKeyId=key_id, Status="Inactive")
# --8<-- [end:deactivate-key]


# --8<-- [start:least-privilege]
from pathlib import Path


def create_limited_user(
    iam,
    user_name: str = "mturk-bonus-payer",
    policy_file: Path = Path("pay_bonuses_only.json"),
) -> None:
    """A user whose only rights are the MTurk actions listed in the policy file."""
    iam.create_user(UserName=user_name)
    iam.put_user_policy(
        UserName=user_name,
        PolicyName=policy_file.stem,
        PolicyDocument=policy_file.read_text(),
    )
# --8<-- [end:least-privilege]


# --8<-- [start:main]
import argparse

import boto3


def find_key(iam, user_name: str, id_or_ending: str) -> str:
    """The user's key with this id, or the one whose id ends so (4 characters or more)."""
    keys = iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]
    found = [
        key["AccessKeyId"]
        for key in keys
        if len(id_or_ending) >= 4 and key["AccessKeyId"].endswith(id_or_ending)
    ]
    if len(found) != 1:
        raise RotationError(f"{user_name} has no one key whose id ends {id_or_ending!r}")
    return found[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rotate a key in two steps; limit a user.")
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("start", help="make and save the second key")
    finish = steps.add_parser("finish", help="retire the old key, once nothing uses it")
    finish.add_argument("old_key_id", help="the old key's id, or its last four characters")
    limited = steps.add_parser("limited-user", help="a user that can only pay bonuses")
    limited.add_argument(
        "policy_file", nargs="?", type=Path, default=Path("pay_bonuses_only.json")
    )
    args = parser.parse_args(argv)

    iam = boto3.client("iam")
    if args.step == "start":
        old_keys = active_keys(iam, "mturk-api")
        new_key_id = start_rotation(iam, "mturk-api")
        print(f"New key ending {new_key_id[-4:]} saved to mturk-api_newAccessKeys.csv")
        #> New key ending BCCN saved to mturk-api_newAccessKeys.csv
        for old_key_id in old_keys:
            print("Switch your tools to it, then retire the old key with:")
            #> Switch your tools to it, then retire the old key with:
            print(f"uv run --no-dev python -m snippets.security finish {old_key_id[-4:]}")
            #> uv run --no-dev python -m snippets.security finish HZFX
    elif args.step == "finish":
        old_key_id = find_key(iam, "mturk-api", args.old_key_id)
        finish_rotation(iam, "mturk-api", old_key_id)
        print(f"Old key ending {old_key_id[-4:]} switched off and deleted")
        #> Old key ending HZFX switched off and deleted
    else:
        create_limited_user(iam, policy_file=args.policy_file)
        print("Created mturk-bonus-payer, which can only pay bonuses")
        #> Created mturk-bonus-payer, which can only pay bonuses
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors("python -m snippets.security start | finish OLD_KEY_ID | limited-user"):
        try:
            sys.exit(main())
        except RotationError as error:
            print(f"Nothing changed: {error}.", file=sys.stderr)
            sys.exit(2)
