"""pytest fixtures for the MTurk emulator, registered by the package's ``pytest11``
entry point: installing ``mturk-emulator`` is enough for a project's tests to use them.

* ``aws``: moto's mock active (IAM, STS), the MTurk emulator serving both MTurk
  endpoints, IAM authorization enforced. The test starts as the account's root
  user, with its own empty AWS config files under ``tmp_path``.
* ``mturk_fake``: the emulator's controls (``mturk_emulator.MTurkFake``): links,
  prepaid balance, the clock, simulated workers.

For the whole test session the plugin also puts the emulator's copy of botocore's
``mturk`` model on botocore's data path (``service_model.on_botocore_data_path``), and
registers the emulator's botocore handler (``hook.install``), so clients that code
under test creates at import time work, with a botocore that lacks MTurk too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import hook
from .service_model import on_botocore_data_path

if TYPE_CHECKING:
    from .core import MTurkFake


def pytest_configure(config: pytest.Config) -> None:
    stack = ExitStack()
    stack.enter_context(on_botocore_data_path())
    config.add_cleanup(stack.close)
    hook.install()


@pytest.fixture
def aws(tmp_path: Path) -> Iterator[MTurkFake]:
    from .core import emulator  # moto and boto3: only for the tests that use the fixtures

    with emulator(aws_folder=tmp_path / "aws") as fake:
        yield fake


@pytest.fixture
def mturk_fake(aws: MTurkFake) -> MTurkFake:
    return aws
