"""A local Amazon Mechanical Turk: moto for IAM and STS, plus an MTurk backend.

MTurk closed on September 30, 2026; this emulator is how code written for it can
still be run. Use it as a context manager or a decorator, in the style of moto::

    from mturk_emulator import mock_mturk

    with mock_mturk() as mturk_fake:
        ...  # every boto3 client and the in-process AWS CLI now talk to the emulator

    @mock_mturk
    def test_balance(): ...

Installed, it also gives pytest the fixtures ``aws`` and ``mturk_fake``, and the
command ``mturk-emulator serve`` (with the ``server`` extra).

The public names are those in ``__all__``. They are imported on first use, so
``mturk_emulator.constants`` (the facts about MTurk) can be read without importing
boto3 or moto, and importing the package changes nothing: the emulator plugs into
botocore and moto only while it runs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .core import MTurkFake, emulator, handle_mturk_request, install_mturk_managed_policies
    from .exceptions import WorkerCannotAccept
    from .mock import MockMTurk, mock_mturk
    from .service_model import on_data_path

__version__ = "0.1.0"

__all__ = [
    "MTurkFake",
    "MockMTurk",
    "WorkerCannotAccept",
    "emulator",
    "handle_mturk_request",
    "install_mturk_managed_policies",
    "mock_mturk",
    "on_data_path",
]

_HOMES = {
    "MTurkFake": ".core",
    "emulator": ".core",
    "handle_mturk_request": ".core",
    "install_mturk_managed_policies": ".core",
    "WorkerCannotAccept": ".exceptions",
    "MockMTurk": ".mock",
    "mock_mturk": ".mock",
    "on_data_path": ".service_model",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name], __name__), name)
