# Pay for HITs (guide page: docs/payments.md).

# --8<-- [start:estimate]
uv run --no-dev python -m snippets.payments 1.50 100
#> 100 assignments at $1.50: $210.00 in all
# --8<-- [end:estimate]

# --8<-- [start:production-balance]
uv run --no-dev python -m snippets.payments 1.50 100 --production
# --8<-- [end:production-balance]
