"""The package's lazy names: the facts import without boto3, unknown names fail clearly."""

from __future__ import annotations

import subprocess
import sys

import pytest

import mturk_emulator
from tests.conftest import ROOT


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        mturk_emulator.Nope  # noqa: B018
    with pytest.raises(ImportError):
        from mturk_emulator import Nope  # noqa: F401


def imports_boto3(module: str) -> bool:
    ran = subprocess.run(
        [sys.executable, "-c", f"import sys, {module}; print('boto3' in sys.modules)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return ran.stdout.strip() == "True"


@pytest.mark.process
def test_the_facts_import_without_boto3() -> None:
    assert not imports_boto3("mturk_emulator.constants")
