# Build the site with either builder (guide page: docs/builders.md).
# tests/site/test_site_content.py checks these are the builds the tests make.

# --8<-- [start:mkdocs]
uv run mkdocs build --strict
uv run mkdocs serve
# --8<-- [end:mkdocs]

# --8<-- [start:zensical]
uv run zensical build --strict --clean
uv run zensical serve
# --8<-- [end:zensical]
