"""Create an IAM user for MTurk (guide page: ``docs/iam-user.md``).

Run it where you are signed in to AWS with the right to manage IAM, such as
AWS CloudShell in the console. In practice mode it runs against the emulator:

    uv run --no-dev python -m snippets.practice iam-user
"""

import sys


# --8<-- [start:create-user]
def create_mturk_user(
    iam,
    user_name: str = "mturk-api",
    policy: str = "AmazonMechanicalTurkFullAccess",  # (1)!
) -> dict[str, str]:
    """Create an IAM user with an MTurk policy, and an access key for it."""
    iam.create_user(UserName=user_name)
    iam.attach_user_policy(
        UserName=user_name,
        PolicyArn=f"arn:aws:iam::aws:policy/{policy}",
    )
    key = iam.create_access_key(UserName=user_name)["AccessKey"]
    return {
        "UserName": key["UserName"],
        "AccessKeyId": key["AccessKeyId"],
        "SecretAccessKey": key["SecretAccessKey"],
    }
# --8<-- [end:create-user]


# --8<-- [start:save-key]
import csv
import os
from pathlib import Path


def save_access_key(key: dict[str, str], path: Path | None = None) -> Path:
    """Save the key as the console does: <user>_accessKeys.csv, readable only by you."""
    path = path or Path(f"{key['UserName']}_accessKeys.csv")
    # O_EXCL never overwrites an earlier key file; 0o600 lets only you read it.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["Access key ID", "Secret access key"])
        writer.writerow([key["AccessKeyId"], key["SecretAccessKey"]])
    return path
# --8<-- [end:save-key]


# --8<-- [start:main]
import errno

import boto3


def main(argv: list[str] | None = None) -> int:
    path = Path("mturk-api_accessKeys.csv")
    if path.exists():  # the secret is shown only once: check before making the key
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    iam = boto3.client("iam")
    key = create_mturk_user(iam)
    save_access_key(key, path)
    print(f"Created IAM user {key['UserName']}, key ending {key['AccessKeyId'][-4:]}")
    #> Created IAM user mturk-api, key ending HZFX
    print(f"Saved the key to {path}, readable only by you")
    #> Saved the key to mturk-api_accessKeys.csv, readable only by you
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors("python -m snippets.iam_user"):
        sys.exit(main())
