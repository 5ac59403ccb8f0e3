"""Ctrl-C at a chosen, repeatable moment of a command's life (``tests/tools/test_ctrl_c.py``).

Python imports this module while it starts, in the processes the harness runs (their
``PYTHONPATH`` begins with this folder). It counts the interpreter's audit events
(imports, opened files, started processes, sockets...) from the moment the command has
taken Ctrl-C over (``guide_tools/command.py``: the entry module's first call), and at
event number $CTRL_C_AT sends the process SIGINT, as Ctrl-C in a terminal does. Without
$CTRL_C_AT it only counts, and writes the count to $CTRL_C_COUNT as the process ends,
after the number of events between the start of the entry module ($CTRL_C_ENTRY, a
file) and that moment.
"""

import atexit
import os
import signal
import sys

_entry = os.environ.get("CTRL_C_ENTRY", "")
_at = int(os.environ.get("CTRL_C_AT", "-1"))
_state = {"started": False, "counting": False, "before": 0, "count": 0}


def _hook(event: str, args: tuple[object, ...]) -> None:
    if not _state["started"]:
        code = args[0] if event == "exec" and args else None
        _state["started"] = bool(_entry) and getattr(code, "co_filename", "").endswith(_entry)
        return
    if not _state["counting"]:
        # Until the command's own Ctrl-C handler is in place: the entry module's imports.
        _state["before"] += 1
        _state["counting"] = signal.getsignal(signal.SIGINT) is not signal.default_int_handler
        return
    _state["count"] += 1
    if _state["count"] == _at:
        signal.raise_signal(signal.SIGINT)


def _write_count() -> None:
    path = os.environ.get("CTRL_C_COUNT")
    if path:
        with open(path, "w") as file:
            file.write(f"{_state['before']} {_state['count']}")


sys.addaudithook(_hook)
atexit.register(_write_count)
