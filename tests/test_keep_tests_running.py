"""Tests for ``snippets/keep_tests_running.py`` and ``.sh`` (page ``docs/keep-tests-running.md``).

The page's own test functions are imported here, so pytest collects and runs them as a
reader's project would: ``mturk_fake`` comes from the emulator's plugin.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from botocore.loaders import Loader

from guide_tools.sections import read_section
from guide_tools.shell import Shell, check_section
from mturk_emulator.environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from mturk_emulator.server import serving
from mturk_emulator.service_model import DATA_PATH
from snippets.keep_tests_running import (  # noqa: F401 -- collected and run by pytest here
    count_hits_with_the_shipped_model,
    local_client,
    test_production_needs_prepaid_money,
    test_submitted_work_is_approved,
    test_with_a_block,
    test_with_the_decorator,
)
from tests.conftest import ROOT, RunSnippet
from tests.emulator.processes import start_process, stop_process

SHELL = ROOT / "snippets" / "keep_tests_running.sh"
BIN = Path(sys.executable).parent


def section(name: str) -> list[str]:
    return [line for line in read_section(SHELL, name) if line and not line.startswith("#")]


def test_main_runs_the_code_on_the_emulator(run_snippet: RunSnippet) -> None:
    run_snippet("snippets/keep_tests_running.py")


def test_install_names_the_distribution_and_its_server_extra() -> None:
    # tests/emulator/test_distribution.py builds and installs this same folder.
    project = tomllib.loads((ROOT / "mturk_emulator" / "pyproject.toml").read_text())["project"]
    assert project["name"] == "mturk-emulator"
    assert "server" in project["optional-dependencies"]
    commands = [line.split("#")[0].split() for line in section("install")]
    assert commands == [
        ["pip", "install", "./mturk_emulator"],
        ["pip", "install", '"./mturk_emulator[server]"'],
    ]


def test_the_pins_are_the_versions_this_guide_is_tested_with() -> None:
    (line,) = section("pin")
    pins = dict(re.findall(r'"([a-z0-9]+)(?:\[[a-z,]+\])?==([0-9.]+)"', line))
    assert pins == {name: importlib.metadata.version(name) for name in pins}
    assert set(pins) == {"boto3", "botocore", "moto", "pytest"}


@pytest.mark.process
def test_the_server_the_keys_and_the_aws_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for line in section("keys"):
        name, _, value = line.removeprefix("export ").partition("=")
        monkeypatch.setenv(name, value)
    assert (os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]) == (
        ROOT_ACCESS_KEY_ID,
        ROOT_SECRET_ACCESS_KEY,
    )
    (command,) = section("serve")
    process = subprocess.Popen(
        [BIN / command.split()[0], *command.split()[1:-1], "0"],  # any free port, not 5005
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = [process.stdout.readline().rstrip("\n") for _ in range(8)]
        port = banner[0].rsplit(":", 1)[1]
        shown = [line[3:] for line in read_section(SHELL, "serve") if line.startswith("#>")]
        # A new random control token each time: the page shows one such token.
        token = re.compile(r"(?<=shown only now\): )\S{32}$")
        assert token.search(banner[6])
        assert token.search(shown[6])
        banner[6] = token.sub(token.search(shown[6])[0], banner[6])  # type: ignore[index]
        assert banner == [line.replace("5005", port) for line in shown]
        # The page's AWS CLI commands, at this port.
        local = tmp_path / "keep_tests_running.sh"
        local.write_text(SHELL.read_text().replace(":5005", f":{port}"))
        check_section(local, "cli", shell=Shell(tmp_path))
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (0, "")
    assert out.endswith("Stopped.\n")


@pytest.mark.process
def test_the_data_path_command_gives_the_shipped_model() -> None:
    (line,) = section("data-path")
    assert line == 'export AWS_DATA_PATH="$(mturk-emulator data-path)"'
    ran = subprocess.run(
        [BIN / "mturk-emulator", "data-path"], capture_output=True, text=True, check=True
    )
    assert ran.stdout == f"{DATA_PATH}\n"
    loader = Loader(extra_search_paths=[ran.stdout.strip()], include_default_search_paths=False)
    assert loader.load_service_model("mturk", "service-2")["metadata"]["serviceId"] == "MTurk"


def test_python_against_the_local_server() -> None:
    with serving(port=0) as server:
        assert count_hits_with_the_shipped_model(f"{server.url}/sandbox") == 0
        balance = local_client(f"{server.url}/production").get_account_balance()
        assert balance["AvailableBalance"] == "0.00"


@pytest.mark.process
def test_a_workers_part_in_python_and_in_javascript(
    run_snippet: RunSnippet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's two worker examples, against the page's own server command."""
    node = shutil.which("node")
    assert node, "Node.js is needed: apt-get install nodejs npm"
    resolver = ROOT / "tests" / "js" / "resolve_here.mjs"
    assert (ROOT / "tests" / "js" / "node_modules" / "@aws-sdk" / "client-mturk").is_dir(), (
        "Install the JavaScript tools first: npm ci --prefix tests/js"
    )
    export, command = section("worker-serve")
    name, _, value = export.removeprefix("export ").split("#")[0].strip().partition("=")
    assert (name, command) == ("MTURK_EMULATOR_CONTROL_TOKEN", "mturk-emulator serve --port 5005")
    monkeypatch.setenv(name, value)
    for line in section("keys"):
        key, _, given = line.removeprefix("export ").partition("=")
        monkeypatch.setenv(key, given)
    process, url = start_process(env=dict(os.environ))  # the command, at a free port
    try:
        run_snippet("snippets/worker_moves.py", url)  # checks the lines it prints
        script = ROOT / "snippets" / "worker_moves.mjs"
        ran = subprocess.run(
            [node, "--import", resolver.as_uri(), str(script), url],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    finally:
        out, err = stop_process(process)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.splitlines() == [
        "Late answer: MoveNotAllowed",
        'A1EXAMPLEWORKER [{"mood":"tired & hungry"}]',
    ]
    assert f"the token in ${name}" in out  # the server took the page's token
    assert value not in out + err + ran.stdout + ran.stderr  # and no one printed it
    assert "Traceback" not in err
