"""Settings for the test process that must come before any plugin is imported.

Loaded with ``-p tests.early`` (``addopts`` in ``pyproject.toml``): pytest imports the
``-p`` plugins before the ones packages register (hypothesis, pytest-examples,
pytest-playwright...) and before ``tests/conftest.py``.

This machine's environment sets PYTHONDONTWRITEBYTECODE=1. Pytest rewrites the asserts
of the test modules and of every module of a plugin's distribution (all of hypothesis),
and keeps the result in ``__pycache__`` only when Python may write bytecode: with the
setting, it rewrote them again in every run and every test process (hypothesis alone:
0.9 s of each), and the project's own modules were imported from source. For the test
run, compiled modules are kept as Python does by default. Subprocesses keep the
environment's setting.
"""

from __future__ import annotations

import compileall
import os
import sys
import sysconfig
import threading

sys.dont_write_bytecode = False


def _compile_the_environment() -> None:
    """Compile what the test run's subprocesses import (site builds, the tools' command
    lines), which the setting keeps from ever being compiled. uv did this on every
    ``uv run`` (``compile-bytecode``), printing "Bytecode compiled 4950 files" to
    readers too; here it runs once per test run, in the process that hands out the
    tests, beside their start. Files already compiled are only checked (0.7 s)."""
    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=2)


if os.environ.get("PYTHONDONTWRITEBYTECODE") and "PYTEST_XDIST_WORKER" not in os.environ:
    threading.Thread(target=_compile_the_environment, daemon=True).start()
