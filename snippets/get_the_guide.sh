# Get the guide onto your computer (guide page: docs/get-the-guide.md).
# The address is mkdocs.yml's repo_url; tests/site/test_record.py checks it here.

# --8<-- [start:uv-macos-linux]
curl -LsSf https://astral.sh/uv/install.sh | sh
# --8<-- [end:uv-macos-linux]

# --8<-- [start:uv-windows]
powershell -ExecutionPolicy ByPass -c "irm https://astral.sh/uv/install.ps1 | iex"
# --8<-- [end:uv-windows]

# --8<-- [start:uv-check]
uv --version
# --8<-- [end:uv-check]

# --8<-- [start:clone]
git clone https://github.com/mturk-setup-guide/mturk-setup-guide.git
cd mturk-setup-guide
# --8<-- [end:clone]

# --8<-- [start:first-run]
uv run python -m snippets.practice --list
# --8<-- [end:first-run]

# --8<-- [start:shortest-route]
uv run python -m snippets.practice first-hit
# --8<-- [end:shortest-route]
