"""pytest fixtures for the MTurk emulator.

* ``aws``: moto's mock active (IAM, STS), the MTurk emulator serving both MTurk
  endpoints, IAM authorization enforced. The test starts as the account's root
  user, with its own empty AWS config files under ``tmp_path``.
* ``mturk_fake``: the emulator's controls (``mturk_emulator.MTurkFake``): links,
  prepaid balance, the clock, simulated workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .core import MTurkFake, emulator


@pytest.fixture
def aws(tmp_path: Path) -> Iterator[MTurkFake]:
    with emulator(aws_folder=tmp_path / "aws") as fake:
        yield fake


@pytest.fixture
def mturk_fake(aws: MTurkFake) -> MTurkFake:
    return aws
