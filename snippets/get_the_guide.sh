# Get the guide onto your computer (guide page: docs/get-the-guide.md).

# --8<-- [start:uv-macos-linux]
curl -LsSf https://astral.sh/uv/install.sh | sh
# --8<-- [end:uv-macos-linux]

# --8<-- [start:uv-windows]
powershell -ExecutionPolicy ByPass -c "irm https://astral.sh/uv/install.ps1 | iex"
# --8<-- [end:uv-windows]

# --8<-- [start:uv-check]
uv --version
# --8<-- [end:uv-check]

# --8<-- [start:first-run]
uv run --no-dev python -m snippets.practice --list
#> iam-user         Create an IAM user for MTurk
#> store-keys       Store your keys safely
#> check-setup      Check your keys and balance
#> not-linked       What happens when the sandbox is not linked
#> first-hit        Create your first HIT in the sandbox
#> review-and-pay   Review, approve and pay a bonus
#> qualifications   Qualifications and blocks
#> payments         Pay for HITs
#> doctor           Run the setup doctor on a working setup
#> doctor-not-linked Run the setup doctor when the sandbox is not linked
#> after-the-closure Switch off and delete the MTurk IAM user
#> security         Keep your keys safe
# --8<-- [end:first-run]

# --8<-- [start:shortest-route]
uv run --no-dev python -m snippets.practice first-hit
#> Practice mode: Create your first HIT in the sandbox (docs/first-hit.md)
#> Local emulator, no AWS account. Amazon Mechanical Turk permanently closed on September 30, 2026, as announced in AWS's MTurk documentation.
#>
#> Created HIT 3ZWXE4558P3OP5O57HU2SE6R5QH2PE, status Assignable
#> Do it as a worker at:
#> http://127.0.0.1:38417/sandbox/worker/projects/34B5SOWDQEI00Z140GFNFGLPUBIOTV/tasks
#> That address worked while this ran. To do the HIT yourself in your browser: uv run --no-dev python -m snippets.practice first-hit --browser
# --8<-- [end:shortest-route]

# --8<-- [start:shortest-route-cli]
uv run --no-dev --extra cli python -m snippets.practice first-hit --cli
# --8<-- [end:shortest-route-cli]
