"""Lint guards: ruff on snippets/ and tests/, ``mypy --strict`` on the emulator and the tools."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def run(*command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}", pytrace=False)


def test_ruff() -> None:
    run("ruff", "check", ".")


def test_mypy_strict() -> None:
    run("mypy")
