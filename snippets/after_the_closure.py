"""Switch off what is left, and record what a study posted (guide page:
``docs/after-the-closure.md``).

    uv run --no-dev python -m snippets.after_the_closure mturk-api            # look only
    uv run --no-dev python -m snippets.after_the_closure mturk-api --delete   # remove

Like creating the IAM user, this manages IAM: run it where you are signed in as
an administrator of the AWS account, such as AWS CloudShell.
"""

import sys


# --8<-- [start:remove-user]
def remove_mturk_user(iam, user_name: str) -> list[str]:
    """Switch off and delete the user's access keys, then the user; return the key ids."""
    keys = iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]
    for key in keys:
        key_id = key["AccessKeyId"]
        # Inactive first: a tool still using the key fails at once, and visibly.
        iam.update_access_key(UserName=user_name, AccessKeyId=key_id, Status="Inactive")
        iam.delete_access_key(UserName=user_name, AccessKeyId=key_id)
    for policy in iam.list_attached_user_policies(UserName=user_name)["AttachedPolicies"]:
        iam.detach_user_policy(UserName=user_name, PolicyArn=policy["PolicyArn"])
    for name in iam.list_user_policies(UserName=user_name)["PolicyNames"]:
        iam.delete_user_policy(UserName=user_name, PolicyName=name)
    iam.delete_user(UserName=user_name)
    return [key["AccessKeyId"] for key in keys]
# --8<-- [end:remove-user]


# --8<-- [start:record-hit]
def hit_record(mturk, hit_id: str) -> dict:
    """What a methods section or replication package needs to know about one HIT."""
    hit = mturk.get_hit(HITId=hit_id)["HIT"]
    fee = "40%" if hit["MaxAssignments"] >= 10 else "20%"
    return {
        "Environment": mturk.meta.endpoint_url,
        "HITId": hit["HITId"],
        "HITTypeId": hit["HITTypeId"],
        "Title": hit["Title"],
        "Reward": hit["Reward"],
        "FeeRate": fee,  # MTurk's fee on each reward, by the HIT's number of assignments
        "MaxAssignments": hit["MaxAssignments"],
        "Created": hit["CreationTime"].isoformat(),
        "Expires": hit["Expiration"].isoformat(),
        "AssignmentDurationInSeconds": hit["AssignmentDurationInSeconds"],
        "AutoApprovalDelayInSeconds": hit["AutoApprovalDelayInSeconds"],
        "QualificationRequirements": hit.get("QualificationRequirements", []),
    }
# --8<-- [end:record-hit]


# --8<-- [start:main]
import argparse

import boto3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Remove the IAM users you made for MTurk.")
    parser.add_argument("users", nargs="+", help="IAM user names, such as mturk-api")
    parser.add_argument("--delete", action="store_true", help="delete them (default: look only)")
    args = parser.parse_args(argv)

    iam = boto3.client("iam")
    for user_name in args.users:
        keys = iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]
        endings = ", ".join(key["AccessKeyId"][-4:] for key in keys) or "none"
        if not args.delete:
            print(f"{user_name}: keys ending {endings}; add --delete to remove them")
            #> mturk-api: keys ending HZFX; add --delete to remove them
            continue
        remove_mturk_user(iam, user_name)
        print(f"Deleted {user_name} and its keys ending {endings}")
        #> Deleted mturk-api and its keys ending HZFX
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors("python -m snippets.after_the_closure USER [USER ...] [--delete]"):
        sys.exit(main())
