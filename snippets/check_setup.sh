# Check your keys and your balance (guide page: docs/check-setup.md).

# --8<-- [start:whoami]
aws sts get-caller-identity --profile mturk --query Arn --output text
#> arn:aws:iam::123456789012:user/mturk-api
# --8<-- [end:whoami]

# --8<-- [start:sandbox-balance]
aws mturk get-account-balance --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com
#> {
#>     "AvailableBalance": "10000.00"
#> }
# --8<-- [end:sandbox-balance]

# --8<-- [start:production-balance]
aws mturk get-account-balance --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester.us-east-1.amazonaws.com
#> {
#>     "AvailableBalance": "0.00"
#> }
# --8<-- [end:production-balance]
