"""site_content.archive: the guide as a download on its own site."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from site_content import archive, facts
from site_content.macros import on_post_build
from tests.conftest import ROOT

VERSION = facts.guide_release()["version"]
PREFIX = f"mturk-setup-guide-{VERSION}/"


def names(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as download:
        return set(download.namelist())


@pytest.mark.process
def test_a_repository_is_archived_as_git_knows_its_files(tmp_path: Path) -> None:
    on_post_build(SimpleNamespace(conf={"site_dir": str(tmp_path)}))
    made = tmp_path / archive.archive_path()
    assert made.name == f"mturk-setup-guide-{VERSION}.zip"
    inside = names(made)
    assert f"{PREFIX}snippets/practice.py" in inside
    assert not [name for name in inside if "__pycache__" in name or "/.venv/" in name]


@pytest.mark.process
def test_a_copy_without_git_archives_its_own_files(tmp_path: Path) -> None:
    """A copy unpacked from the download has no history: its files are the guide."""
    copy = tmp_path / "copy"
    (copy / "snippets" / "__pycache__").mkdir(parents=True)
    (copy / ".venv").mkdir()
    shutil.copy(ROOT / "CITATION.cff", copy / "CITATION.cff")
    (copy / "snippets" / "practice.py").write_text("print('practice')\n")
    (copy / "snippets" / "__pycache__" / "practice.pyc").write_bytes(b"\0")
    (copy / ".venv" / "pyvenv.cfg").write_text("home = /usr\n")
    made = archive.write_archive(tmp_path / "site", root=copy)
    assert names(made) == {f"{PREFIX}CITATION.cff", f"{PREFIX}snippets/practice.py"}
