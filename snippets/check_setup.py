"""Check your keys and your balance (guide page: ``docs/check-setup.md``).

    uv run --no-dev python -m snippets.check_setup               # the sandbox only
    uv run --no-dev python -m snippets.check_setup --production  # production too
"""

import sys

# --8<-- [start:whoami]
import boto3


def whoami(profile: str = "mturk") -> str:
    """The ARN of the identity whose keys the profile holds."""
    sts = boto3.Session(profile_name=profile).client("sts", region_name="us-east-1")
    return sts.get_caller_identity()["Arn"]
# --8<-- [end:whoami]


# --8<-- [start:client]
import boto3

SANDBOX = "https://mturk-requester-sandbox.us-east-1.amazonaws.com"
PRODUCTION = "https://mturk-requester.us-east-1.amazonaws.com"


def mturk_client(profile: str = "mturk", *, production: bool = False):
    """An MTurk client for the sandbox, or for production when you ask for it."""
    session = boto3.Session(profile_name=profile)
    return session.client(
        "mturk",
        region_name="us-east-1",  # (1)!
        endpoint_url=PRODUCTION if production else SANDBOX,
    )
# --8<-- [end:client]


# --8<-- [start:balance]
def balance(mturk) -> str:
    """The available balance in dollars, as MTurk reports it (a string)."""
    return mturk.get_account_balance()["AvailableBalance"]
# --8<-- [end:balance]


# --8<-- [start:main]
import argparse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check your MTurk keys and balance.")
    parser.add_argument("--production", action="store_true", help="check production too")
    args = parser.parse_args(argv)

    print(f"Signed in as {whoami()}")
    #> Signed in as arn:aws:iam::123456789012:user/mturk-api
    print(f"Sandbox balance: ${balance(mturk_client())}")
    #> Sandbox balance: $10000.00
    if args.production:
        print(f"Production balance: ${balance(mturk_client(production=True))}")
        #> Production balance: $0.00
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors("python -m snippets.check_setup [--production]"):
        sys.exit(main())
