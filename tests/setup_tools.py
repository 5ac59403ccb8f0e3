"""What the test command sets up by itself on a fresh clone (issue 25).

``uv run pytest`` installs the Python side. The emulator's server tests also run the
AWS SDK for JavaScript, pinned in ``tests/js/package-lock.json``: when the installed
copy is missing or differs from the pinned one, the run installs it with
``npm ci`` before any test starts, if npm is there. Without npm (or when ``npm ci``
fails), the tests that need the SDK fail with the one line that fixes it,
``MISSING_SDK``; the browser tests do the same for Chromium
(``tests/site/browser_support.py``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

JS_FOLDER = Path(__file__).resolve().parent / "js"
NPM_CI = ["npm", "ci", "--prefix", "tests/js", "--no-audit", "--no-fund", "--loglevel=error"]
MISSING_SDK = (
    "The AWS SDK for JavaScript is not installed: install Node.js 18 or newer (it brings "
    "npm), then run `npm ci --prefix tests/js` (or `uv run pytest` again, which runs it)."
)


def _packages(lock: Path) -> dict[str, dict[str, Any]] | None:
    """Each package's entry in an npm lock file, or None when there is none."""
    try:
        packages = json.loads(lock.read_text("utf-8"))["packages"]
    except (OSError, ValueError, KeyError):
        return None
    return {name: entry for name, entry in packages.items() if name}


def sdk_is_installed(folder: Path = JS_FOLDER) -> bool:
    """The installed packages are the pinned ones (``npm ci`` writes the hidden lock).

    Optional packages for other platforms (esbuild's binaries) are pinned but not
    installed: every installed package has its pinned version, and every package that
    is not optional is installed.
    """
    installed = _packages(folder / "node_modules" / ".package-lock.json")
    pinned = _packages(folder / "package-lock.json")
    if installed is None or pinned is None:
        return False
    wrong = [
        n for n, e in installed.items() if pinned.get(n, {}).get("version") != e.get("version")
    ]
    missing = [n for n, e in pinned.items() if n not in installed and not e.get("optional")]
    return not wrong and not missing


def install_sdk(folder: Path = JS_FOLDER, npm: str | None = None) -> str | None:
    """Install the pinned SDK when it is not: None when it is there, else why not."""
    if sdk_is_installed(folder):
        return None
    npm = npm or shutil.which("npm")
    if npm is None:
        return MISSING_SDK
    print(f"Installing the pinned AWS SDK for JavaScript: {' '.join(NPM_CI)}", file=sys.stderr)
    try:
        done = subprocess.run(
            [npm, *NPM_CI[1:3], str(folder), *NPM_CI[4:]],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return f"{MISSING_SDK} (npm ci failed: {error})"
    if done.returncode != 0 or not sdk_is_installed(folder):
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"{MISSING_SDK} (npm ci failed: {last})"
    return None
