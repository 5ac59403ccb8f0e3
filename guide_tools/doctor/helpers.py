"""The program a profile runs to get its key (``credential_process``), kept on a leash.

botocore runs the program named on a profile's ``credential_process`` line and waits
for it without a time limit (``botocore/credentials.py``, ``ProcessProvider``); what it
printed ends up in botocore's error messages, and a malformed ``"Expiration"`` in
dateutil's. A helper program is the reader's, and what it prints may be a secret. So
the doctor

* starts it through ``Helpers.popen`` (``ProcessProvider`` takes the function that
  starts it), which notes the program's name and keeps what it printed;
* waits for the credentials in a thread of its own (``Helpers.load``), says after a few
  seconds what it is waiting for, and gives up after its timeout, stopping the program
  and all it started (its process group);
* words every finding about the helper with ``finding``, from the doctor's own phrases
  and the program's name only: no helper output can reach it. What the helper printed
  is also handed to the report's ``redact``, as a last line of defence.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from enum import StrEnum
from typing import Any, Final

import botocore.session
from botocore.credentials import Credentials, ProcessProvider, ReadOnlyCredentials

POSIX: Final = os.name == "posix"
METHOD: Final = ProcessProvider.METHOD
"""botocore's name for the provider that runs credential_process: ``custom-process``."""


class Failure(StrEnum):
    """What went wrong with the helper, in the doctor's words (never the helper's)."""

    FAILED = "failed"
    NOT_STARTED = "could not be started"
    NO_ANSWER = "gave no answer within {seconds:g} seconds, so the doctor stopped it"
    NOT_CREDENTIALS = "printed something other than the credentials AWS tools expect"


def finding(program: str, failure: Failure, seconds: float = 0) -> str:
    """The Credentials check's finding about a helper: the one way such a text is made."""
    hidden = "" if failure is Failure.NOT_STARTED else " (what it printed is not shown)"
    return (
        f"the program on the profile's credential_process line (`{program}`) "
        + failure.format(seconds=seconds)
        + hidden
    )


class HelperTimeout(Exception):
    """The credentials did not come within the doctor's time."""


class Helpers:
    """The helper programs one run of the Credentials check starts, and what they print."""

    def __init__(self) -> None:
        self.programs: list[str] = []
        self.started: list[subprocess.Popen[bytes]] = []
        self.printed: list[str] = []
        """Every line the helpers printed, and every text in their JSON: to be hidden."""

    @property
    def program(self) -> str:
        return self.programs[-1] if self.programs else ""

    def popen(self, args: list[str], **options: Any) -> subprocess.Popen[bytes]:
        """Start a helper as botocore would, in a process group of its own (POSIX)."""
        self.programs.append(os.path.basename(args[0]) if args else "")
        helper = _Helper(args, start_new_session=POSIX, **options)
        helper.helpers = self
        self.started.append(helper)
        return helper

    def keep(self, *outputs: bytes | None) -> None:
        for output in outputs:
            text = (output or b"").decode("utf-8", "replace")
            self.printed += [line.strip() for line in text.splitlines() if line.strip()]
            with contextlib.suppress(ValueError, RecursionError):
                self.printed += _texts(json.loads(text))

    def attach(self, core: botocore.session.Session) -> None:
        """Make ``core`` start its credential_process helper through ``popen``."""
        resolver = core.get_component("credential_provider")
        ours = ProcessProvider(
            profile_name=core.get_config_variable("profile") or "default",
            load_config=lambda: core.full_config,
            popen=self.popen,
        )
        resolver.insert_after(METHOD, ours)
        resolver.remove(METHOD)  # botocore's own, which comes first

    def load(
        self, core: botocore.session.Session, limit: float, notice_after: float
    ) -> tuple[Credentials | None, ReadOnlyCredentials | None]:
        """The credentials ``core`` finds, within ``limit`` seconds (``HelperTimeout``)."""
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                loaded = core.get_credentials()
                outcome["value"] = (loaded, loaded.get_frozen_credentials() if loaded else None)
            except Exception as error:  # handed to the doctor's thread, which sorts it
                outcome["error"] = error

        worker = threading.Thread(target=work, name="doctor-credentials", daemon=True)
        worker.start()
        try:
            worker.join(min(notice_after, limit))
            if worker.is_alive():
                what = f"`{self.program}`, the program on the profile's credential_process line,"
                notice(f"{what if self.programs else 'the credentials'} to give the key", limit)
                worker.join(max(limit - notice_after, 0))
        finally:
            if worker.is_alive():  # the time is up, or Ctrl-C: a helper is not left running
                for helper in self.started:
                    stop(helper)
        if worker.is_alive():
            raise HelperTimeout
        if "error" in outcome:
            raise outcome["error"]
        value: tuple[Credentials | None, ReadOnlyCredentials | None] = outcome["value"]
        return value


class _Helper(subprocess.Popen[bytes]):
    """A helper's process: what it prints is kept, to be hidden from every report."""

    helpers: Helpers

    def communicate(
        self, input: bytes | None = None, timeout: float | None = None
    ) -> tuple[Any, Any]:
        out, err = super().communicate(input, timeout)
        self.helpers.keep(out, err)
        return out, err


def _texts(value: object) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value.strip()]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def notice(what: str, limit: float) -> None:
    """Say on stderr what the doctor is waiting for, and for how long at most."""
    print(
        f"Waiting for {what} (the doctor gives up after about {limit:g} seconds; --timeout "
        "changes that)...",
        file=sys.stderr,
        flush=True,
    )


def stop(helper: subprocess.Popen[bytes]) -> None:
    """Stop a helper that is still running, and whatever it started (POSIX: its group).

    One that has ended is left alone: its process id may already be someone else's.
    """
    if helper.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if POSIX:
            os.killpg(helper.pid, signal.SIGKILL)
        else:
            helper.kill()
