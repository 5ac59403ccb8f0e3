"""The one error of the state file, importable without moto (the command line's)."""

from __future__ import annotations


class StateError(Exception):
    """A state file that cannot be used: one sentence naming the problem and the fix."""
