"""Check your keys and your balance (guide page: ``docs/check-setup.md``).

    uv run python -m snippets.check_setup               # the sandbox only
    uv run python -m snippets.check_setup --production  # production too
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

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


def mturk_client(profile: str = "mturk", *, production: bool = False) -> "MTurkClient":
    """An MTurk client for the sandbox, or for production when you ask for it."""
    session = boto3.Session(profile_name=profile)
    return session.client(
        "mturk",
        region_name="us-east-1",  # (1)!
        endpoint_url=PRODUCTION if production else SANDBOX,
    )
# --8<-- [end:client]


# --8<-- [start:balance]
def balance(profile: str = "mturk", *, production: bool = False) -> str:
    """The available balance in dollars, as MTurk reports it (a string)."""
    mturk = mturk_client(profile, production=production)
    return mturk.get_account_balance()["AvailableBalance"]
# --8<-- [end:balance]


if __name__ == "__main__":
    import sys

    from snippets.errors import friendly_errors

    with friendly_errors("python -m snippets.check_setup [--production]"):
        # --8<-- [start:main]
        print(f"Signed in as {whoami()}")
        #> Signed in as arn:aws:iam::123456789012:user/mturk-api
        print(f"Sandbox balance: ${balance()}")
        #> Sandbox balance: $10000.00
        if "--production" in sys.argv:
            print(f"Production balance: ${balance(production=True)}")
            #> Production balance: $12.50
        # --8<-- [end:main]
