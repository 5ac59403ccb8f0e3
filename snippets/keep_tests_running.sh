# Keep your MTurk code's tests running (guide page: docs/keep-tests-running.md).

# --8<-- [start:install]
pip install ./mturk_emulator            # run in a copy of this guide's repository
pip install "./mturk_emulator[server]"  # with the local server, for other languages
# --8<-- [end:install]

# --8<-- [start:pin]
pip install "boto3==1.44.5" "botocore==1.44.5" "moto[iam,sts]==5.2.5" "pytest==9.2.0"
# --8<-- [end:pin]

# --8<-- [start:serve]
mturk-emulator serve --port 5005
#> MTurk emulator (with IAM and STS) on http://127.0.0.1:5005
#>   sandbox:    http://127.0.0.1:5005/sandbox  (also http://127.0.0.1:5005/)
#>   production: http://127.0.0.1:5005/production
#>   Sign with region us-east-1 and AWS's example key AKIAIOSFODNN7EXAMPLE (the root user)
#>   or an IAM user's key. IAM policies are enforced.
#>   Control routes (http://127.0.0.1:5005/moto-api/) need the header 'Authorization: Bearer <token>'
#>   with this token (shown only now): 8wq0Zk3vN1mRb5TfYc2dHs7LpXeA9uJo
#>   Press Ctrl-C to stop.
# --8<-- [end:serve]

# --8<-- [start:worker-serve]
export MTURK_EMULATOR_CONTROL_TOKEN=my-own-test-token  # any text; keep it out of web pages
mturk-emulator serve --port 5005
# --8<-- [end:worker-serve]

# --8<-- [start:keys]
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
export AWS_DEFAULT_REGION=us-east-1
# --8<-- [end:keys]

# --8<-- [start:cli]
aws mturk get-account-balance --endpoint-url http://127.0.0.1:5005/sandbox
#> {
#>     "AvailableBalance": "10000.00"
#> }
aws sts get-caller-identity --endpoint-url http://127.0.0.1:5005 \
    --query Arn --output text
#> arn:aws:iam::123456789012:root
# --8<-- [end:cli]

# --8<-- [start:data-path]
export AWS_DATA_PATH="$(mturk-emulator data-path)"
# --8<-- [end:data-path]
