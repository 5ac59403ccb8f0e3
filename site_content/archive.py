"""The guide as a download on its own site (issue 25: "Get the guide from the guide itself").

Every build writes ``downloads/mturk-setup-guide-<version>.zip`` into the site: the
files the site was built from, as git knows them (tracked, or new and not ignored;
so a build from uncommitted changes offers those changes, as its pages show them),
or, in a copy that is not a git repository (itself unpacked from such a download),
the copy's own files. "Get the guide" links to it relatively, so it works wherever the site is
hosted, offline too, and needs no address that someone must keep alive.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from site_content.facts import ROOT, _git, guide_release

FOLDER = "downloads"
# What a copy holds that is not the guide: environments, builds, caches, history.
LEFT_OUT = {
    ".git",
    ".venv",
    "site",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    ".hypothesis",
    "htmlcov",
    ".coverage",
}


def archive_name(version: str) -> str:
    """The download's folder name, and its file name without ``.zip``."""
    return f"mturk-setup-guide-{version}"


def archive_path(version: str | None = None) -> str:
    """The download's path inside the site, such as ``downloads/mturk-setup-guide-0.1.0.zip``."""
    return f"{FOLDER}/{archive_name(version or guide_release()['version'])}.zip"


def guide_files(root: Path = ROOT) -> list[Path]:
    """The files that make up the guide in ``root``, in a stable order."""
    listed = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if listed is not None:
        found = [root / name for name in listed.split("\0") if name]
        return sorted(path for path in found if path.is_file())
    paths = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in LEFT_OUT)
        paths += [Path(folder, name) for name in sorted(files) if name not in LEFT_OUT]
    return paths


def write_archive(site_dir: Path, root: Path = ROOT) -> Path:
    """Write the download into ``site_dir``; return its path."""
    version = guide_release(root)["version"]
    target = site_dir / archive_path(version)
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = f"{archive_name(version)}/"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in guide_files(root):
            archive.write(path, prefix + path.relative_to(root).as_posix())
    return target
