"""Keep your keys safe: rotate, deactivate, limit (guide page: ``docs/security.md``).

    uv run python -m snippets.security

Like creating the IAM user, these steps manage IAM: run them where you are
signed in as an administrator, such as AWS CloudShell.
"""

# --8<-- [start:rotate-key]
import errno
from pathlib import Path

import boto3

from snippets.iam_user import save_access_key


def start_rotation(user_name: str = "mturk-api") -> str:
    """Make the user's second key and save it; switch your tools to it next."""
    path = Path(f"{user_name}_newAccessKeys.csv")
    if path.exists():  # the secret is shown only once: never make a key you cannot save
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    iam = boto3.client("iam")
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


def finish_rotation(user_name: str, old_key_id: str) -> None:
    """Once every tool uses the new key: switch the old one off, then delete it."""
    iam = boto3.client("iam")
    iam.update_access_key(UserName=user_name, AccessKeyId=old_key_id, Status="Inactive")
    iam.delete_access_key(UserName=user_name, AccessKeyId=old_key_id)
# --8<-- [end:rotate-key]


# --8<-- [start:deactivate-key]
import boto3


def deactivate_key(user_name: str, key_id: str) -> None:
    """Switch a key off at once (after a leak, or to revoke a platform's access).

    Nothing is lost: the key can be switched back on with Status="Active".
    """
    boto3.client("iam").update_access_key(
        UserName=user_name, AccessKeyId=key_id, Status="Inactive"
    )
# --8<-- [end:deactivate-key]


# --8<-- [start:least-privilege]
from pathlib import Path

import boto3


def create_limited_user(
    user_name: str = "mturk-bonus-payer",
    policy_file: Path = Path("pay_bonuses_only.json"),
) -> None:
    """A user whose only rights are the MTurk actions listed in the policy file."""
    iam = boto3.client("iam")
    iam.create_user(UserName=user_name)
    iam.put_user_policy(
        UserName=user_name,
        PolicyName=policy_file.stem,
        PolicyDocument=policy_file.read_text(),
    )
# --8<-- [end:least-privilege]


if __name__ == "__main__":
    from snippets.errors import friendly_errors

    with friendly_errors("python -m snippets.security"):
        # --8<-- [start:main]
        iam = boto3.client("iam")
        old_key = iam.list_access_keys(UserName="mturk-api")["AccessKeyMetadata"][0]
        new_key_id = start_rotation("mturk-api")
        print(f"New key ending {new_key_id[-4:]} saved; now switch your tools to it")
        #> New key ending 2UAN saved; now switch your tools to it
        finish_rotation("mturk-api", old_key["AccessKeyId"])
        print(f"Old key ending {old_key['AccessKeyId'][-4:]} switched off and deleted")
        #> Old key ending HZFX switched off and deleted
        create_limited_user(policy_file=Path(__file__).with_name("pay_bonuses_only.json"))
        print("Created mturk-bonus-payer, which can only pay bonuses")
        #> Created mturk-bonus-payer, which can only pay bonuses
        # --8<-- [end:main]
