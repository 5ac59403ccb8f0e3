"""tests/setup_tools.py: on a fresh clone the test command installs the pinned
JavaScript SDK itself when npm is there, and otherwise names the one fix."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from tests import setup_tools
from tests.setup_tools import JS_FOLDER, MISSING_SDK, install_sdk, sdk_is_installed


@pytest.fixture
def fresh_clone(tmp_path: Path) -> Path:
    """tests/js as a fresh clone has it: the pins, no node_modules."""
    folder = tmp_path / "js"
    folder.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy(JS_FOLDER / name, folder / name)
    return folder


def fake_npm(tmp_path: Path, body: str) -> str:
    npm = tmp_path / "npm"
    npm.write_text(f"#!/bin/sh\n{body}\n")
    npm.chmod(npm.stat().st_mode | stat.S_IXUSR)
    return str(npm)


def test_the_installed_sdk_is_the_pinned_one() -> None:
    assert sdk_is_installed(JS_FOLDER)  # `uv run pytest` installed it, or it was there


def test_without_npm_the_one_line_fix_is_given(
    fresh_clone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(setup_tools.shutil, "which", lambda name: None)
    assert not sdk_is_installed(fresh_clone)
    assert install_sdk(fresh_clone) == MISSING_SDK
    assert "\n" not in MISSING_SDK
    assert "npm ci --prefix tests/js" in MISSING_SDK


@pytest.mark.process
def test_npm_ci_runs_when_the_sdk_is_missing(fresh_clone: Path, tmp_path: Path) -> None:
    # What `npm ci` leaves behind that says which packages are installed.
    npm = fake_npm(
        tmp_path,
        'mkdir -p "$3/node_modules"\n'
        'cp "$3/package-lock.json" "$3/node_modules/.package-lock.json"',
    )
    assert install_sdk(fresh_clone, npm=npm) is None
    assert sdk_is_installed(fresh_clone)
    assert install_sdk(fresh_clone, npm="/nonexistent/npm") is None  # nothing to do now


@pytest.mark.process
def test_a_failing_npm_ci_fails_with_the_fix(fresh_clone: Path, tmp_path: Path) -> None:
    npm = fake_npm(tmp_path, "echo 'npm error network ENOTFOUND registry.npmjs.org' >&2; exit 1")
    problem = install_sdk(fresh_clone, npm=npm)
    assert (
        problem == f"{MISSING_SDK} (npm ci failed: npm error network ENOTFOUND registry.npmjs.org)"
    )
    assert "\n" not in problem
    gone = install_sdk(fresh_clone, npm=str(tmp_path / "missing-npm"))
    assert gone is not None
    assert gone.startswith(MISSING_SDK)


def test_optional_packages_of_other_platforms_need_not_be_installed(tmp_path: Path) -> None:
    """npm ci installs esbuild's binary for this platform only (tests/js pins all of them)."""
    import json

    pinned = {
        "": {"name": "js"},
        "node_modules/sdk": {"version": "1.0.0"},
        "node_modules/@esbuild/linux-x64": {"version": "0.2.0", "optional": True},
        "node_modules/@esbuild/win32-x64": {"version": "0.2.0", "optional": True},
    }
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "package-lock.json").write_text(json.dumps({"packages": pinned}))
    hidden = tmp_path / "node_modules" / ".package-lock.json"

    def installed(**packages: dict[str, object]) -> bool:
        hidden.write_text(json.dumps({"packages": packages}))
        return sdk_is_installed(tmp_path)

    this_platform = {"version": "0.2.0", "optional": True}
    sdk = pinned["node_modules/sdk"]
    assert installed(**{"node_modules/sdk": sdk, "node_modules/@esbuild/linux-x64": this_platform})
    assert not installed(**{"node_modules/@esbuild/linux-x64": this_platform})  # no SDK
    assert not installed(**{"node_modules/sdk": {"version": "0.9.0"}})  # another version
    assert not installed(**{"node_modules/sdk": sdk, "node_modules/extra": {"version": "1"}})
