"""Run a reader's command so that Ctrl-C, at any moment, ends it with one sentence.

    python -m snippets.doctor  ->  snippets/doctor.py  ->  run("guide_tools.doctor.cli", ...)

The entry modules (``snippets/doctor.py``, ``snippets/practice.py``, the ``__main__``
part of ``snippets/store_keys.py``) call ``run`` before anything heavy is imported:
boto3 and botocore take a few hundred milliseconds to import, the longest moment of a
short command, and a Ctrl-C there printed a ``KeyboardInterrupt`` traceback. This module
imports nothing but the standard library's smallest parts. From ``run`` on, Ctrl-C

* while the command starts (its imports) or works: stops it with the command's own
  sentence on stderr and exit status 130 (a command's ``main`` catches
  ``KeyboardInterrupt`` itself where it has more to say);
* a second time, while the command cleans up after the first: is ignored, so the
  clean-up (a temporary file removed, a folder deleted) finishes;
* inside a finaliser (``__del__``), where Python prints "Exception ignored" and carries
  on: is raised again a moment later, in the command's own code;
* once the command has finished and printed its result: is ignored, so Python's
  shutdown cannot turn it into a traceback, and the result and exit status stand.

That is done only when the command is the process (``python -m ...``) and Ctrl-C has
Python's usual meaning there: not when a test or practice mode runs the module in its
own process, nor where Ctrl-C is ignored (``nohup``). Before the entry module's first
line, Python itself is still starting (about 20 ms): what a Ctrl-C does then is
Python's own.
"""

from __future__ import annotations

import importlib
import signal
import sys

TYPE_CHECKING = False  # not typing's: importing typing here would lengthen the window
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType
    from typing import Any, Final

__all__ = ["INTERRUPTED", "STOPPED", "interrupt", "run", "say"]

INTERRUPTED: Final = 130
"""The exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells report it."""

STOPPED: Final = {
    "guide_tools.store_keys": "Stopped. Run the command again to be sure: it never replaces "
    "a profile, so it tells you if the key was saved.",
    "guide_tools.doctor.cli": "Stopped. The doctor changes nothing, so nothing needs undoing: "
    "run it again when you are ready.",
    "guide_tools.practice": "Stopped. Practice mode works in a temporary folder, now deleted: "
    "nothing of yours was changed.",
}
"""Each command's one sentence for Ctrl-C, by the module that holds its ``main``."""


def say(text: str, stream: Any = None) -> None:
    """Print ``text`` whatever the terminal's encoding: never a UnicodeEncodeError."""
    stream = sys.stderr if stream is None else stream
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding) + "\n")
    stream.flush()


def interrupt(signum: int, frame: FrameType | None) -> None:
    """The first Ctrl-C stops the command; later ones wait for its clean-up to finish."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _again(unraisable: Any, *, previous: Callable[[Any], object]) -> None:
    """A Ctrl-C that landed in a finaliser is lost to Python: deliver it once more."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and hasattr(signal, "setitimer"):
        # A millisecond later, once this hook has returned: raised in here, it would be
        # lost as well (a signal sent now is handled before the hook returns).
        signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, 0.001)
        return
    previous(unraisable)


def _is_the_process() -> bool:
    """Whether this run is ``python -m <the entry module>`` itself, with Ctrl-C as usual."""
    entry = getattr(sys.modules["__main__"].__spec__, "name", None)
    argv = sys.orig_argv
    started_as = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "-m"]
    return (
        started_as[:1] == [entry] and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    )


def run(module: str) -> int:
    """Import ``module`` and run its ``main()``; Ctrl-C at any moment: one sentence, 130."""
    own = _is_the_process()
    if own:
        signal.signal(signal.SIGINT, interrupt)
        previous = sys.unraisablehook
        sys.unraisablehook = lambda unraisable: _again(unraisable, previous=previous)
    try:
        code: int = importlib.import_module(module).main()
    except KeyboardInterrupt:
        say(STOPPED[module])
        code = INTERRUPTED
    if own:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # finished: the result stands
    return code
