"""Clients made at import time, before any emulator, are served (``mturk_emulator/hook.py``)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import botocore
import pytest

from mturk_emulator import hook
from tests.conftest import ROOT

IMPORT_TIME_CLIENT = """
import boto3

# Made when pytest imports this module: before the aws fixture starts the emulator.
MTURK = boto3.client("mturk", region_name="us-east-1")
DEFAULT_SESSION_MTURK = boto3.client(
    "mturk", region_name="us-east-1", aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)


def test_first(aws):
    # The default endpoint is production's: its balance starts at 0.00.
    assert MTURK.get_account_balance()["AvailableBalance"] == "0.00"


def test_after_an_emulator_came_and_went(aws):
    assert DEFAULT_SESSION_MTURK.get_account_balance()["AvailableBalance"] == "0.00"
"""


@pytest.mark.process
def test_a_client_made_at_import_time_is_served(tmp_path: Path) -> None:
    (tmp_path / "test_reader.py").write_text(textwrap.dedent(IMPORT_TIME_CLIENT))
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
         "-p", "no:mturk_emulator", "-p", "no:pytest_dallinger",
         "-p", "mturk_emulator.pytest_plugin", "--disable-socket", "--allow-unix-socket",
         str(tmp_path / "test_reader.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "2 passed" in ran.stdout


def test_install_waits_for_botocore_if_it_is_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(botocore, "handlers", botocore.handlers)  # put back afterwards
    monkeypatch.delitem(sys.modules, hook.HANDLERS_MODULE)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    hook.install()
    hook.install()
    waiting = [f for f in sys.meta_path if isinstance(f, hook._WhenImported)]
    assert len(waiting) == 1
    assert waiting[0].find_spec("json", None) is None
    handlers = importlib.import_module(hook.HANDLERS_MODULE)
    assert handlers.BUILTIN_HANDLERS.count(hook.HANDLER) == 1
    assert not any(isinstance(f, hook._WhenImported) for f in sys.meta_path)


def test_the_handler_stays_out_of_the_way_until_an_emulator_ran(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, "mturk_emulator.core")
    assert hook.serve(object()) is None
    assert hook.HANDLER in botocore.handlers.BUILTIN_HANDLERS  # the plugin installed it
