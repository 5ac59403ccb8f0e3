"""docs/get-the-guide.md: the reader's first commands print what the page shows."""

from __future__ import annotations

import tomllib

import pytest

from guide_tools.shell import check_section, parse_commands, read_section
from tests.conftest import ROOT

SHELL = ROOT / "snippets" / "get_the_guide.sh"


@pytest.mark.parametrize("section", ["first-run", "shortest-route"])
def test_the_first_commands_print_what_the_page_shows(section: str) -> None:
    [command] = parse_commands(read_section(SHELL, section))
    assert command.expected, f"the page shows no output for {section}"
    check_section(SHELL, section)


def test_the_readers_commands_install_only_practice_mode() -> None:
    """``--no-dev`` leaves out the maintainers' groups; the AWS CLI is an extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    needed = {
        dependency.split(">")[0].split("[")[0] for dependency in project["project"]["dependencies"]
    }
    assert needed == {"mturk-emulator", "boto3", "moto"}
    assert project["project"]["optional-dependencies"]["cli"] == ["awscli>=1.44"]
    assert "compile-bytecode" not in project["tool"]["uv"]
    for section in ("first-run", "shortest-route"):
        for command in parse_commands(read_section(SHELL, section)):
            assert command.text.startswith("uv run --no-dev python -m snippets.")
