"""Imports run by the concurrency test, in a process of its own.

For each credentials file in turn it waits at a barrier with the other processes, so
that their reads and writes of that file overlap as much as they can, then runs the
importer's command. One process serves every trial: starting one costs more than the
trials themselves.
"""

from __future__ import annotations

import contextlib
import io
import os
from typing import Any


def import_after(barrier: Any, credentials: str, key_file: str, profile: str) -> int:
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = credentials
    from guide_tools.store_keys import main

    barrier.wait()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main([key_file, "--profile", profile])


def run(barrier: Any, credentials: list[str], key_file: str, profile: str) -> None:
    codes = [import_after(barrier, each, key_file, profile) for each in credentials]
    raise SystemExit(max(codes))
