"""Keep your keys safe: rotate, deactivate, limit (guide page: ``docs/security.md``).

    uv run python -m snippets.security snippets/pay_bonuses_only.json

Like creating the IAM user, these steps manage IAM: run them where you are
signed in as an administrator, such as AWS CloudShell.
"""

import sys

# --8<-- [start:rotate-key]
import errno
from pathlib import Path

from snippets.iam_user import save_access_key


def start_rotation(iam, user_name: str = "mturk-api") -> str:
    """Make the user's second key and save it; switch your tools to it next."""
    path = Path(f"{user_name}_newAccessKeys.csv")
    if path.exists():  # the secret is shown only once: never make a key you cannot save
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    key = iam.create_access_key(UserName=user_name)["AccessKey"]  # (1)!
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
    """Once every tool uses the new key: switch the old one off, then delete it."""
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rotate the key, then add a limited user.")
    parser.add_argument(
        "policy_file", nargs="?", type=Path, default=Path("pay_bonuses_only.json"),
        help="the limited user's policy (default: pay_bonuses_only.json in this folder)",
    )  # fmt: skip
    args = parser.parse_args(argv)

    iam = boto3.client("iam")
    old_key = iam.list_access_keys(UserName="mturk-api")["AccessKeyMetadata"][0]
    new_key_id = start_rotation(iam, "mturk-api")
    print(f"New key ending {new_key_id[-4:]} saved; now switch your tools to it")
    #> New key ending 2UAN saved; now switch your tools to it
    finish_rotation(iam, "mturk-api", old_key["AccessKeyId"])
    print(f"Old key ending {old_key['AccessKeyId'][-4:]} switched off and deleted")
    #> Old key ending HZFX switched off and deleted
    create_limited_user(iam, policy_file=args.policy_file)
    print("Created mturk-bonus-payer, which can only pay bonuses")
    #> Created mturk-bonus-payer, which can only pay bonuses
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors("python -m snippets.security"):
        sys.exit(main())
