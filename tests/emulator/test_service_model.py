"""The shipped ``mturk`` model: equal to botocore's, on the data path only while active,
and enough on its own: the emulator's tests pass with botocore's ``mturk`` data hidden."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import botocore
import moto.core.utils as moto_utils
import pytest
from botocore.loaders import Loader

from mturk_emulator import on_data_path, service_model
from mturk_emulator.service_model import BOTOCORE_VERSION, DATA_PATH
from tests.conftest import ROOT

MODEL_FILES = ("service-2", "paginators-1", "endpoint-rule-set-1")
VARIABLE = "AWS_DATA_PATH"


@pytest.mark.parametrize("name", MODEL_FILES)
def test_shipped_files_equal_the_installed_botocore(name: str) -> None:
    # While botocore still has MTurk, its model and ours must not drift apart.
    botocore_own = Loader(include_default_search_paths=False, extra_search_paths=[
        str(Path(botocore.__file__).parent / "data")
    ])  # fmt: skip
    ours = json.loads((DATA_PATH / "mturk" / "2017-01-17" / f"{name}.json").read_text())
    assert botocore_own.load_service_model("mturk", name) == ours


def test_the_copy_names_its_botocore_release() -> None:
    assert f"botocore {BOTOCORE_VERSION}" in (DATA_PATH / "README.md").read_text()
    assert service_model.service_model().metadata["endpointPrefix"] == "mturk-requester"


def test_on_data_path_comes_first_nests_and_restores(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test session itself runs inside the plugin's on_data_path(): leave it first.
    monkeypatch.setattr(service_model, "_active", 0)
    monkeypatch.setattr(service_model, "_saved_create_loader", None)
    monkeypatch.setenv(VARIABLE, "/somewhere/else")
    original = moto_utils.create_loader
    with on_data_path() as folder:
        assert folder == DATA_PATH
        assert os.environ[VARIABLE] == os.pathsep.join([str(DATA_PATH), "/somewhere/else"])
        with on_data_path():
            assert os.environ[VARIABLE].count(str(DATA_PATH)) == 1
        assert moto_utils.create_loader is not original
        assert moto_utils.create_loader().search_paths[0] == str(DATA_PATH)
    assert os.environ[VARIABLE] == "/somewhere/else"
    assert moto_utils.create_loader is original

    monkeypatch.delenv(VARIABLE)
    with on_data_path():
        # Something inside the block may drop the entry (the AWS config isolation of
        # practice mode restores the environment it found): leaving still works.
        os.environ.pop(VARIABLE)
    assert VARIABLE not in os.environ


def test_boto3_and_moto_read_the_shipped_model(aws: object) -> None:
    wanted = "mturk/2017-01-17/service-2"
    session_loader = boto3.Session()._session.get_component("data_loader")
    assert session_loader.load_data_with_path(wanted)[1].startswith(str(DATA_PATH))
    moto_loader = moto_utils.create_loader()
    assert moto_loader.load_data_with_path(wanted)[1].startswith(str(DATA_PATH))


# --- with botocore's mturk model gone ------------------------------------------

# A representative part of the suite: every one of the 39 operations through boto3,
# the AWS CLI in process, the local server in process and as a process (AWS CLI).
HIDDEN_RUN = [
    "tests/emulator/test_operations.py",
    "tests/emulator/test_cli.py",
    "tests/emulator/test_server.py::test_marketplace_by_path_sandbox_by_default",
    "tests/emulator/test_server.py::test_process_ctrl_c_stops_cleanly_and_aws_cli_works",
]


def tree_without(source: Path, target: Path, hidden: Path) -> None:
    """Mirror ``source`` at ``target`` with symbolic links, leaving out ``source/hidden``.

    Only the folders on the way to ``hidden`` are real; everything else links back,
    so the mirror costs a few hundred links, not a copy of botocore.
    """
    target.mkdir(parents=True)
    first, *rest = hidden.parts
    for entry in source.iterdir():
        if entry.name != first:
            (target / entry.name).symlink_to(entry)
        elif rest:
            tree_without(entry, target / entry.name, Path(*rest))


@pytest.fixture(scope="module")
def without_mturk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose botocore and whose AWS CLI's own botocore lack ``mturk``."""
    import awscli

    root = tmp_path_factory.mktemp("no-mturk")
    tree_without(Path(botocore.__file__).parent, root / "botocore", Path("data/mturk"))
    tree_without(Path(awscli.__file__).parent, root / "awscli", Path("botocore/data/mturk"))
    environment = {key: value for key, value in os.environ.items() if key != VARIABLE}
    environment["PYTHONPATH"] = os.pathsep.join([str(root), str(ROOT)])
    return environment


@pytest.mark.process
def test_botocore_without_mturk_really_lacks_it(without_mturk: dict[str, str]) -> None:
    # Without the emulator: boto3 and the AWS CLI no longer know the service.
    mirror = without_mturk["PYTHONPATH"].split(os.pathsep)[0]
    probe = (
        "import awscli, boto3, botocore\n"
        f"assert botocore.__file__.startswith({mirror!r}), botocore.__file__\n"
        "print('mturk' in boto3.Session().get_available_services())\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", probe],
        env=without_mturk,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "False\n", "")


@pytest.mark.process
def test_the_emulator_keeps_working_without_botocores_mturk(
    without_mturk: dict[str, str],
) -> None:
    ran = subprocess.run(
        # One process (-n 0): the run is short, and its own workers would compete with
        # this run's for the same cores.
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--no-cov",
            "-n",
            "0",
            "-p",
            "no:playwright",
            "-q",
            *HIDDEN_RUN,
        ],
        cwd=ROOT,
        env=without_mturk,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    assert " passed" in ran.stdout
    assert "failed" not in ran.stdout
