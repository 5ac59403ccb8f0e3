"""The package's lazy names: the facts import without boto3, unknown names fail clearly."""

from __future__ import annotations

import ast
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


AWS_LIBRARIES = ("boto3", "botocore", "moto")


def aws_libraries_imported(code: str) -> list[str]:
    """Run ``code`` in a new interpreter here; the AWS libraries it imported, sorted."""
    probe = (
        f"{code}\nimport sys\n"
        f"print(sorted({{name.split('.')[0] for name in sys.modules}} & {set(AWS_LIBRARIES)!r}))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (ran.returncode, ran.stderr) == (0, ""), ran.stderr
    imported: list[str] = ast.literal_eval(ran.stdout.strip().splitlines()[-1])
    return imported


def imports_boto3(module: str) -> bool:
    return "boto3" in aws_libraries_imported(f"import {module}")


@pytest.mark.process
def test_the_facts_import_without_boto3() -> None:
    assert not imports_boto3("mturk_emulator.constants")
