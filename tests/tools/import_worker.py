"""One import, started by the concurrency test in a process of its own.

It waits at a barrier with the other processes, so that their reads and writes of
the credentials file overlap as much as they can, then runs the importer's command.
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


def run(barrier: Any, credentials: str, key_file: str, profile: str) -> None:
    raise SystemExit(import_after(barrier, credentials, key_file, profile))
