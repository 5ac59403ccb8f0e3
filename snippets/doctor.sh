# Find which step of the setup is broken (guide page: docs/troubleshooting.md).

# --8<-- [start:run]
uv run --no-dev python -m snippets.doctor
uv run --no-dev python -m snippets.doctor --production
uv run --no-dev python -m snippets.doctor --profile lab-mturk
uv run --no-dev python -m snippets.doctor --json
# --8<-- [end:run]

# --8<-- [start:clean]
uv run --no-dev python -m snippets.doctor
#> MTurk setup doctor: profile "mturk", sandbox only
#>
#> PASS   Credentials       key ****************HZFX from the credentials file ~/.aws/credentials
#> PASS   Key file          only you can read ~/.aws/credentials
#> PASS   Key shape         20-character key id, 40-character secret
#> PASS   Long-term key     not a temporary key
#> PASS   Identity          arn:aws:iam::123456789012:user/mturk-api
#> PASS   Not root          an IAM user's key
#> PASS   MTurk permission  may read and write
#> PASS   Region            us-east-1
#> PASS   Sandbox           linked, balance $10,000.00
#> SKIP   Production        not checked: add --production to check it
#>
#> All checks passed: the sandbox is ready. Add --production to check production.
# --8<-- [end:clean]

# --8<-- [start:not-linked]
uv run --no-dev python -m snippets.doctor
#> MTurk setup doctor: profile "mturk", sandbox only
#>
#> PASS   Credentials       key ****************HZFX from the credentials file ~/.aws/credentials
#> PASS   Key file          only you can read ~/.aws/credentials
#> PASS   Key shape         20-character key id, 40-character secret
#> PASS   Long-term key     not a temporary key
#> PASS   Identity          arn:aws:iam::123456789012:user/mturk-api
#> PASS   Not root          an IAM user's key
#> PASS   MTurk permission  may read and write
#> PASS   Region            us-east-1
#> FAIL   Sandbox           MT501 Sandbox not linked
#>       Cause: The AWS account behind your key is not linked to a Requester Sandbox account. The
#>         sandbox is linked separately from production.
#>       Error: RequestError: To use the MTurk API, you will need an Amazon Web Services (AWS)
#>         Account. Your AWS account must be linked to your Amazon Mechanical Turk Account. Visit
#>         https://requestersandbox.mturk.com/developer to get started.
#>       Fix: While MTurk was open, a requester signed in at
#>         https://requestersandbox.mturk.com/developer with their Requester account, chose Link your
#>         AWS Account, signed in with the root user of the AWS account whose number the doctor shows
#>         on its Identity line, and waited a few minutes before running the doctor again. That site
#>         has closed; in practice mode the guide's steps link the emulated accounts for you.
#>       Guide: docs/sandbox.md
#> SKIP   Production        not checked: add --production to check it
#>
#> 1 problem to fix. Start with the first problem: later checks may pass once it is fixed.
# --8<-- [end:not-linked]
