"""pytest fixtures around the MTurk emulator (registered from ``tests/conftest.py``).

* ``aws``: moto's mock active (IAM, STS), the MTurk emulator registered and
  authorization enforced. The process starts as the account's root user.
* ``mturk_fake``: the emulator's controls (``snippets.mturk_fake.MTurkFake``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from snippets.mturk_fake import MTurkFake, emulator


@pytest.fixture
def aws() -> Iterator[MTurkFake]:
    with emulator() as fake:
        yield fake


@pytest.fixture
def mturk_fake(aws: MTurkFake) -> MTurkFake:
    return aws
