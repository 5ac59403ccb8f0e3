# Store your access key in an AWS profile (guide page: docs/store-keys.md).

# --8<-- [start:configure]
aws configure --profile mturk
# --8<-- [end:configure]

# --8<-- [start:python]
uv run --no-dev python -m snippets.store_keys mturk-api_accessKeys.csv --profile mturk
# --8<-- [end:python]
