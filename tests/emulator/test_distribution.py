"""The emulator as another project installs it: its wheel, in a new virtual environment.

These are the release workflow's checks too (``.github/workflows/release.yml`` runs
this file on the files it is about to publish, named by ``$MTURK_EMULATOR_DIST``).
``uv build`` makes the ``mturk-emulator`` sdist, and the wheel from that sdist, as a
release does; ``twine check`` reads both as the package index will; ``uv export``
writes its dependencies (with the ``pytest`` extra) from ``uv.lock`` as a
``pylock.toml``, exact files and hashes; ``uv venv`` and ``uv pip install --offline``
install both into a new environment from uv's cache, which ``uv sync`` filled (no
network); the example project ``examples/third_party_project/``, which shares nothing
with the guide, then runs its tests with that environment's pytest, with botocore's
``mturk`` data deleted from it: the fixtures come from the entry point alone, the model
from the emulator.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mturk_emulator import __version__
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "third_party_project"
MODEL_FILES = ("endpoint-rule-set-1.json", "paginators-1.json", "service-2.json")
pytestmark = pytest.mark.package


def run(*command: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    ran = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert ran.returncode == 0, f"{command}:\n{ran.stdout[-3000:]}{ran.stderr[-3000:]}"
    return ran.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The emulator's sdist and wheel: those in ``$MTURK_EMULATOR_DIST``, else built here."""
    given = os.environ.get("MTURK_EMULATOR_DIST")
    if given:
        return Path(given).resolve()
    uv = shutil.which("uv")
    assert uv, "uv is needed: pip install uv"
    out = tmp_path_factory.mktemp("dist")
    run(uv, "build", "--offline", "--quiet", "--package", "mturk-emulator", "--out-dir", out)
    return out


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment holding only the emulator's wheel, its dependencies
    and pytest; returns its ``bin`` folder."""
    uv = shutil.which("uv")
    assert uv, "uv is needed: pip install uv"
    work = tmp_path_factory.mktemp("distribution")
    (wheel,) = dist.glob("mturk_emulator-*.whl")
    lock = work / "pylock.toml"
    run(uv, "export", "--frozen", "--quiet", "--format", "pylock.toml", "--package",
        "mturk-emulator", "--extra", "pytest", "--no-emit-workspace",
        "--output-file", lock)  # fmt: skip
    run(uv, "venv", "--offline", "--quiet", "--python", sys.executable, work / "venv")
    python = work / "venv" / "bin" / "python"
    # As uv installs by default: nothing compiled ahead (this project's own
    # compile-bytecode setting would otherwise compile 2,300 files, 3 s, for two runs
    # that import a fraction of them).
    install = [uv, "pip", "install", "--offline", "--quiet", "--no-compile-bytecode"]
    run(*install, "--python", python, "-r", lock)
    run(*install, "--no-deps", "--python", python, wheel)
    return python.parent


def test_the_index_accepts_the_sdist_and_the_wheel(dist: Path) -> None:
    files = sorted(path.name for path in dist.iterdir() if path.name.startswith("mturk_emulator"))
    assert files == [f"mturk_emulator-{__version__}-py3-none-any.whl",
                     f"mturk_emulator-{__version__}.tar.gz"]  # fmt: skip
    out = run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.glob("mturk_*")))
    assert out.count("PASSED") == 2


def test_the_wheel_carries_its_licences_and_botocores_notice(dist: Path) -> None:
    (wheel,) = dist.glob("mturk_emulator-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"mturk_emulator-{__version__}.dist-info"
        metadata = archive.read(f"{info}/METADATA").decode()
        notice = archive.read(f"{info}/licenses/NOTICE").decode()
        licences = {
            name: archive.read(f"{info}/licenses/{name}").decode()
            for name in ("LICENSE", "data/LICENSE")
        }
    assert {f"{info}/licenses/{name}" for name in ("LICENSE", "NOTICE", "data/LICENSE")} <= names
    assert "License-Expression: MIT AND Apache-2.0" in metadata
    assert licences["LICENSE"] == (ROOT / "LICENSE").read_text("utf-8")
    assert licences["LICENSE"].startswith("MIT License")
    assert "Apache License\n                           Version 2.0" in licences["data/LICENSE"]
    model = sorted(n.removeprefix("mturk_emulator/") for n in names if n.endswith(".json"))
    assert model == [f"data/mturk/2017-01-17/{name}" for name in MODEL_FILES]
    assert all(f"mturk_emulator/{name}" in notice for name in model)
    assert "Copyright 2012-2022 Amazon.com, Inc. or its affiliates" in notice


def clean_environment(home: Path) -> dict[str, str]:
    """Nothing of this test run: no AWS variables, no PYTHONPATH, a new home."""
    return {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8"}


def test_only_the_emulator_and_its_dependencies(installed: Path) -> None:
    names = run(
        installed / "python",
        "-c",
        "import importlib.metadata as m; print(sorted(d.metadata['Name'].lower() "
        "for d in m.distributions()))",
    )
    assert "'mturk-emulator'" in names
    for absent in ("mturk-setup-guide", "flask", "awscli", "mkdocs", "hypothesis"):
        assert f"'{absent}'" not in names


def test_another_project_uses_the_fixtures_and_the_decorator(
    installed: Path, tmp_path: Path
) -> None:
    project = tmp_path / "survey-tools"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__"))
    environment = clean_environment(tmp_path)
    # Run as the day botocore drops MTurk: its model gone from that environment. (The
    # emulator's copy comes first on the data path whether botocore has one or not, so
    # a run with botocore's model read the same files; it was dropped for 1.5 s.)
    (botocore_data,) = installed.parent.glob("lib/python*/site-packages/botocore/data")
    shutil.rmtree(botocore_data / "mturk")
    out = run(installed / "python", "-m", "pytest", "-q", cwd=project, env=environment)
    assert "5 passed" in out


def test_the_command_is_installed_and_the_server_is_an_extra(
    installed: Path, tmp_path: Path
) -> None:
    environment = clean_environment(tmp_path)
    data = run(installed / "mturk-emulator", "data-path", env=environment).strip()
    assert Path(data).is_relative_to(installed.parent)
    assert (Path(data) / "mturk" / "2017-01-17" / "service-2.json").is_file()
    ran = subprocess.run(
        [installed / "mturk-emulator", "serve"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (ran.returncode, ran.stdout) == (1, "")
    assert ran.stderr == "The server needs flask: pip install 'mturk-emulator[server]'\n"
