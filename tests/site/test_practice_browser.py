"""The guide's practice path from "Your first HIT" to "Review and pay", as a reader does it.

``practice first-hit --browser`` runs as a process of its own (``--no-open``: the
address it prints is what the reader's browser would have opened), Chromium signs in
as a worker at that address, answers the HIT and submits it; ``practice
review-and-pay``, a second process, then reviews, approves and pays that answer.
Ctrl-C stops the first command with one sentence, and its state file is gone (what
review-and-pay does then, and every wrong situation: tests/tools/test_practice_server.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from guide_tools import practice_server
from tests.conftest import ROOT

WORKER = "A7READERWORKER"
ANSWER = "Smoothly, after a second try at the keys."
STOPPED = (
    "Stopped. Practice mode works in a temporary folder, now deleted: nothing of yours was "
    "changed."
)


def practice(*args: str, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "snippets.practice", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, practice_server.FOLDER_VARIABLE: str(folder), "PYTHONUNBUFFERED": "1"},
        # As from a terminal: a test run in the background passes Ctrl-C on as ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def address_shown(process: subprocess.Popen[str]) -> tuple[str, list[str]]:
    """Read the first command's output up to its last line; return the worker address."""
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("Press Ctrl-C here"):
            break
    else:
        pytest.fail("first-hit --browser ended early:\n" + "\n".join(lines), pytrace=False)
    opening = lines.index("Open the local worker site in your browser, at the new HIT:")
    return lines[opening + 1].strip(), lines


@pytest.mark.browser
@pytest.mark.process
def test_the_readers_own_hit_is_reviewed_and_paid(browser: Browser, tmp_path: Path) -> None:
    first = practice("first-hit", "--browser", "--no-open", folder=tmp_path)
    try:
        address, shown = address_shown(first)
        assert address.startswith("http://127.0.0.1:")
        assert "workersandbox" not in "\n".join(shown)
        assert (tmp_path / practice_server.STATE_NAME).stat().st_mode & 0o777 == 0o600

        # Not yet submitted: one sentence, and nothing is approved.
        early = practice("review-and-pay", folder=tmp_path)
        out, err = early.communicate(timeout=120)
        assert early.returncode == 1, out + err
        assert "submit the HIT in the browser first" in err

        page = browser.new_page()
        page.goto(address)  # the HIT, before signing in
        page.get_by_role("link", name="Sign in", exact=True).first.click()
        page.get_by_label("Worker id").fill(WORKER)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text(f"Signed in as {WORKER}").wait_for()
        page.get_by_role("link", name="Tell us how the setup went").click()
        page.get_by_role("button", name="Accept").click()
        page.get_by_role("button", name="Return this HIT").wait_for()
        task = page.frame_locator("iframe")
        task.get_by_label("Your answer").fill(ANSWER)
        task.get_by_role("button", name="Submit").click()
        task.get_by_text("Your answers were submitted").wait_for()
        page.close()

        review = practice("review-and-pay", folder=tmp_path)
        out, err = review.communicate(timeout=120)
        assert review.returncode == 0, out + err
        assert f"{WORKER} answered {{'feedback': {ANSWER!r}}}" in out.splitlines()
        assert f"Approved and paid a $0.25 bonus to {WORKER}" in out.splitlines()
        assert "A1EXAMPLEWORKER" not in out
    finally:
        first.send_signal(signal.SIGINT)
        _, err = first.communicate(timeout=60)
    assert (first.returncode, err.strip().splitlines()) == (130, [STOPPED])
    assert not (tmp_path / practice_server.STATE_NAME).exists()
