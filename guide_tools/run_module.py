"""Run a module as ``python -m`` would, inside this process.

Practice mode and the AWS CLI runner run the guide's own commands
(``python -m snippets.first_hit``...) in-process, so that the emulator, which
lives in this process, answers them. This is the one place that does it.
"""

from __future__ import annotations

import runpy
import sys
import warnings
from collections.abc import Sequence


def exit_code(code: object) -> int:
    """The exit status ``sys.exit(code)`` gives a process (a message means 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def run_module(module: str, args: Sequence[str] = ()) -> int:
    """Run ``python -m module args...`` here; return its exit status."""
    saved = sys.argv
    sys.argv = [module, *args]
    try:
        with warnings.catch_warnings():
            # runpy warns when the module was imported before; "python -m" would not.
            warnings.simplefilter("ignore", RuntimeWarning)
            runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as leaving:
        return exit_code(leaving.code)
    finally:
        sys.argv = saved
    return 0
