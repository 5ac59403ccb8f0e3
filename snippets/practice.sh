# Practice mode: run a step of the guide against the local emulator.
# One section per step; each page includes its own.

# --8<-- [start:list]
uv run --no-dev python -m snippets.practice --list
# --8<-- [end:list]

# --8<-- [start:iam-user]
uv run --no-dev python -m snippets.practice iam-user
uv run --no-dev --extra cli python -m snippets.practice iam-user --cli
# --8<-- [end:iam-user]

# --8<-- [start:store-keys]
uv run --no-dev python -m snippets.practice store-keys
uv run --no-dev --extra cli python -m snippets.practice store-keys --cli
# --8<-- [end:store-keys]

# --8<-- [start:check-setup]
uv run --no-dev python -m snippets.practice check-setup
uv run --no-dev --extra cli python -m snippets.practice check-setup --cli
# --8<-- [end:check-setup]

# --8<-- [start:not-linked]
uv run --no-dev python -m snippets.practice not-linked
uv run --no-dev --extra cli python -m snippets.practice not-linked --cli
# --8<-- [end:not-linked]

# --8<-- [start:first-hit]
uv run --no-dev python -m snippets.practice first-hit
uv run --no-dev --extra cli python -m snippets.practice first-hit --cli
# --8<-- [end:first-hit]

# --8<-- [start:first-hit-browser]
uv run --no-dev python -m snippets.practice first-hit --browser
# --8<-- [end:first-hit-browser]

# --8<-- [start:review-and-pay]
uv run --no-dev python -m snippets.practice review-and-pay
uv run --no-dev --extra cli python -m snippets.practice review-and-pay --cli
# --8<-- [end:review-and-pay]

# --8<-- [start:qualifications]
uv run --no-dev python -m snippets.practice qualifications
uv run --no-dev --extra cli python -m snippets.practice qualifications --cli
# --8<-- [end:qualifications]

# --8<-- [start:payments]
uv run --no-dev python -m snippets.practice payments
uv run --no-dev --extra cli python -m snippets.practice payments --cli
# --8<-- [end:payments]

# --8<-- [start:security]
uv run --no-dev python -m snippets.practice security
uv run --no-dev --extra cli python -m snippets.practice security --cli
# --8<-- [end:security]

# --8<-- [start:doctor]
uv run --no-dev python -m snippets.practice doctor
uv run --no-dev --extra cli python -m snippets.practice doctor --cli
# --8<-- [start:doctor-not-linked]
uv run --no-dev python -m snippets.practice doctor-not-linked
uv run --no-dev --extra cli python -m snippets.practice doctor-not-linked --cli
# --8<-- [end:doctor-not-linked]
# --8<-- [end:doctor]

# --8<-- [start:after-the-closure]
uv run --no-dev python -m snippets.practice after-the-closure
uv run --no-dev --extra cli python -m snippets.practice after-the-closure --cli
# --8<-- [end:after-the-closure]
