"""A local Amazon Mechanical Turk: moto for IAM and STS, plus an MTurk backend.

MTurk closed on September 30, 2026; this emulator is how code written for it can
still be run. Use it as a context manager::

    from mturk_emulator import emulator

    with emulator() as mturk_fake:
        ...  # every boto3 client and the AWS CLI now talk to the emulator

The names below are imported on first use, so ``mturk_emulator.constants`` (the
facts about MTurk) can be read without importing boto3 or moto.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .core import MTurkFake, emulator, handle_mturk_request, install_mturk_managed_policies
    from .exceptions import WorkerCannotAccept

__all__ = [
    "MTurkFake",
    "WorkerCannotAccept",
    "emulator",
    "handle_mturk_request",
    "install_mturk_managed_policies",
]

_HOMES = {
    "MTurkFake": ".core",
    "emulator": ".core",
    "handle_mturk_request": ".core",
    "install_mturk_managed_policies": ".core",
    "WorkerCannotAccept": ".exceptions",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name], __name__), name)
