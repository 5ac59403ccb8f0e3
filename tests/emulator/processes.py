"""``mturk-emulator serve`` as a process of its own, for the tests that need a real one."""

from __future__ import annotations

import signal
import subprocess
import sys

from tests.conftest import ROOT

BANNERS: dict[int, str] = {}
LAST_BANNER_LINE = "  Press Ctrl-C to stop.\n"


def start_process(
    *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[str], str]:
    """Start ``python -m mturk_emulator serve --port 0 ARGS``; return it and its address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mturk_emulator", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert process.stdout is not None
    banner = process.stdout.readline()
    assert banner.startswith("MTurk emulator (with IAM and STS) on http://"), banner
    # The rest of the banner, read here: communicate() reads the pipe itself, past
    # this text wrapper's buffer.
    rest = iter(process.stdout.readline, LAST_BANNER_LINE)
    BANNERS[process.pid] = banner + "".join(rest) + LAST_BANNER_LINE
    return process, banner.rsplit(" ", 1)[1].strip()


def stop_process(
    process: subprocess.Popen[str], how: signal.Signals = signal.SIGTERM
) -> tuple[str, str]:
    """Stop with ``how`` (SIGINT is what Ctrl-C sends); return the whole standard output
    (banner first) and standard error."""
    process.send_signal(how)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    return BANNERS.pop(process.pid, "") + out, err
