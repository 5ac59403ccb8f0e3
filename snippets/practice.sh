# Practice mode: run a step of the guide against the local emulator.
# One section per step; each page includes its own.

# --8<-- [start:list]
uv run python -m snippets.practice --list
# --8<-- [end:list]

# --8<-- [start:iam-user]
uv run python -m snippets.practice iam-user
uv run python -m snippets.practice iam-user --cli
# --8<-- [end:iam-user]

# --8<-- [start:store-keys]
uv run python -m snippets.practice store-keys
uv run python -m snippets.practice store-keys --cli
# --8<-- [end:store-keys]

# --8<-- [start:check-setup]
uv run python -m snippets.practice check-setup
uv run python -m snippets.practice check-setup --cli
# --8<-- [end:check-setup]

# --8<-- [start:not-linked]
uv run python -m snippets.practice not-linked
uv run python -m snippets.practice not-linked --cli
# --8<-- [end:not-linked]
