"""Check your sandbox balance (guide page: ``docs/check-setup.md``)."""

# --8<-- [start:sandbox-balance]
import boto3

session = boto3.Session(profile_name="mturk")
mturk = session.client(
    "mturk",
    region_name="us-east-1",
    endpoint_url="https://mturk-requester-sandbox.us-east-1.amazonaws.com",
)
balance = mturk.get_account_balance()["AvailableBalance"]
print(f"Sandbox balance: ${balance}")
#> Sandbox balance: $10000.00
# --8<-- [end:sandbox-balance]
