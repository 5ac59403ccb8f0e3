"""docs/get-the-guide.md: the reader's first commands print what the page shows."""

from __future__ import annotations

import re
import tomllib

from guide_tools.shell import check_section, parse_commands, read_section, run_section
from tests.conftest import ROOT

SHELL = ROOT / "snippets" / "get_the_guide.sh"


LOCAL_PORT = re.compile(r"(?<=http://127\.0\.0\.1:)\d+")


def test_the_first_command_prints_what_the_page_shows() -> None:
    [command] = parse_commands(read_section(SHELL, "first-run"))
    assert command.expected, "the page shows no output for first-run"
    check_section(SHELL, "first-run")


def test_the_shortest_route_prints_what_the_page_shows() -> None:
    """The same, but for the port: practice mode's local server takes a free one."""
    [command] = parse_commands(read_section(SHELL, "shortest-route"))
    [shown_port] = {m.group() for line in command.expected for m in LOCAL_PORT.finditer(line)}
    [result] = run_section(SHELL, "shortest-route")
    assert result.exit_code == 0, result.stderr
    printed = LOCAL_PORT.sub(shown_port, result.stdout).rstrip("\n").splitlines()
    assert printed == command.expected


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
