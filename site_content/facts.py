"""Facts the site states, read from the files that own them.

The guide's version and release date come from ``CITATION.cff``, the pinned package
versions from ``uv.lock``, each page's "last verified" date from the repository's
history of that page's file, and the service status and the published address from
``guide_tools.constants``. ``mkdocs.yml`` calls :func:`site_url`,
:func:`service_status`, :func:`guide_release` and :func:`last_verified` while a builder
reads it, for the theme's templates (``overrides/main.html``).
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from guide_tools import constants

ROOT = Path(__file__).resolve().parent.parent
DOCS = "docs"
# The packages a replication package must pin: the SDK, its model, the CLI, the emulator's base.
PINNED = ("boto3", "botocore", "awscli", "moto")


def citation(root: Path = ROOT) -> dict[str, Any]:
    """The guide's CITATION.cff (its version and release date)."""
    data: dict[str, Any] = yaml.safe_load((root / "CITATION.cff").read_text("utf-8"))
    return data


def guide_release(root: Path = ROOT) -> dict[str, str]:
    """The guide's version and release date, as CITATION.cff gives them."""
    cff = citation(root)
    return {"version": str(cff["version"]), "released": str(cff["date-released"])}


def pinned_versions(root: Path = ROOT) -> dict[str, str]:
    """The locked versions of ``PINNED``, read from uv.lock."""
    lock = tomllib.loads((root / "uv.lock").read_text("utf-8"))
    found = {
        package["name"]: package["version"]
        for package in lock.get("package", [])
        if "version" in package  # the workspace's own packages have a dynamic version
    }
    return {name: found[name] for name in PINNED}


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(  # noqa: S603  (fixed arguments, no shell)
            ["git", "-C", str(root), *args],  # noqa: S607  (git from PATH, as a reader runs it)
            capture_output=True,
            text=True,
            check=False,
            timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def last_verified_dates(root: Path, folder: str = DOCS) -> dict[str, date] | None:
    """When each file under ``folder`` last changed in a commit: ``{path in folder: date}``.

    None when the history cannot tell: no git, not a repository (a "Download ZIP"
    copy), or a shallow clone, whose oldest commit would claim every file.
    """
    if (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() != "false":
        return None
    log = _git(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", folder)
    if log is None:
        return None
    dates: dict[str, date] = {}
    for entry in log.split("\0")[1:]:
        day, *files = entry.strip("\n").split("\n")
        for name in files:
            if name.strip():
                dates.setdefault(name.strip().removeprefix(f"{folder}/"), date.fromisoformat(day))
    return dates


def page_url(markdown_file: str) -> str:
    """The site path of a page (``use_directory_urls``): ``a/b.md`` -> ``a/b/``."""
    stem = markdown_file.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


REPOSITORY_VARIABLE = "MTURK_GUIDE_REPOSITORY"


def repo_url() -> str | None:
    """The repository's address when the build is told it (``$MTURK_GUIDE_REPOSITORY``,
    which the Pages workflow sets from where it runs), else none: the site then names
    no repository, and "Get the guide" offers the download the build makes."""
    return os.environ.get(REPOSITORY_VARIABLE, "").strip().rstrip("/") or None


def site_url() -> str | None:
    """The published address, when configured: ``$MTURK_GUIDE_URL`` (the Pages workflow
    sets it), else none (MkDocs then writes no absolute address)."""
    return constants.guide_url()


def service_status() -> dict[str, str]:
    return {
        "text": constants.SERVICE_STATUS,
        "short": constants.SERVICE_STATUS_SHORT,
        "source": constants.SERVICE_STATUS_SOURCE,
        "help": constants.SERVICE_HELP_PAGE,
    }


def last_verified(root: Path = ROOT) -> dict[str, str]:
    """Each page's site path (``page.url``, which both builders give templates) and the
    date its file last changed in a commit. A page missing here (a ZIP copy, a shallow
    clone, a file not committed yet) shows the guide's release date instead."""
    history = last_verified_dates(root) or {}
    return {page_url(name): str(day) for name, day in history.items()}
