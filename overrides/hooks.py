"""MkDocs hooks: put facts that code owns onto the pages.

The service-status banner and the overview's status note both come from
``guide_tools.constants``, so the site, the emulator and the doctor can never
disagree about it. The Troubleshooting page's list of problems comes from the
doctor's catalogue (``guide_tools/doctor/catalogue.py``) in the same way.

The guide's repository address is ``repo_url`` in ``mkdocs.yml`` (its one place);
pages name it through markers. The guide's version and release date come from
``CITATION.cff``, the pinned package versions from ``uv.lock``, and each page's
"last verified" date from the repository's history of that page's file.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from guide_tools import constants
from guide_tools.doctor.catalogue import CATALOGUE, PAGES, Problem

ROOT = Path(__file__).resolve().parent.parent
STATUS_MARKER = "<!-- service-status -->"
CATALOGUE_MARKER = "<!-- doctor-catalogue -->"
REPO_MARKER = "<!-- repo-url -->"
ZIP_MARKER = "<!-- repo-zip -->"
VERSIONS_MARKER = "<!-- pinned-versions -->"
GUIDE_VERSION_MARKER = "<!-- guide-version -->"
OVERVIEW = "index.md"
# The packages a replication package must pin: the SDK, its model, the CLI, the emulator's base.
PINNED = ("boto3", "botocore", "awscli", "moto")
BARE_URL = re.compile(r"(?<![`<(])https?://[^\s`<>()]+[^\s`<>().,;:]")


def citation(root: Path = ROOT) -> dict[str, Any]:
    """The guide's CITATION.cff (its version and release date)."""
    data: dict[str, Any] = yaml.safe_load((root / "CITATION.cff").read_text("utf-8"))
    return data


def pinned_versions(root: Path = ROOT) -> dict[str, str]:
    """The locked versions of ``PINNED``, read from uv.lock."""
    lock = tomllib.loads((root / "uv.lock").read_text("utf-8"))
    found = {package["name"]: package["version"] for package in lock.get("package", [])}
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


def last_verified_dates(root: Path, folder: str = "docs") -> dict[str, date] | None:
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


def on_config(config: Any) -> Any:
    cff = citation()
    released = cff["date-released"]
    config.extra["service_status"] = {
        "text": constants.SERVICE_STATUS,
        "short": constants.SERVICE_STATUS_SHORT,
        "source": constants.SERVICE_STATUS_SOURCE,
        "help": constants.SERVICE_HELP_PAGE,
    }
    config.extra["guide"] = {"version": str(cff["version"]), "released": str(released)}
    history = last_verified_dates(ROOT, Path(config["docs_dir"]).name)
    config.extra["last_verified"] = {"history": history, "released": released}
    return config


def on_page_context(context: Any, page: Any, config: Any, **kwargs: Any) -> Any:
    """``page.meta["last_verified"]``: the page file's last commit, or the release date."""
    known = config.extra["last_verified"]
    history = known["history"] or {}
    day = history.get(page.file.src_uri)
    page.meta["last_verified"] = str(day or known["released"])
    page.meta["last_verified_from"] = "history" if day else "release"
    return context


def status_admonition() -> str:
    """The full notice (the overview's; the banner links to it as ``#service-status``)."""
    return (
        '<div id="service-status" markdown>\n\n'
        '!!! danger "Service status"\n\n'
        f"    {constants.SERVICE_STATUS}\n\n"
        f"    Source: [AWS's MTurk documentation]({constants.SERVICE_STATUS_SOURCE}). "
        "Questions about closing accounts go to "
        f"[MTurk's help page]({constants.SERVICE_HELP_PAGE}).\n\n"
        "</div>\n"
    )


def linked(text: str) -> str:
    """Bare web addresses made into links (the terminal shows them as they are)."""
    return BARE_URL.sub(lambda match: f"<{match.group(0)}>", text)


def problem_markdown(problem: Problem) -> str:
    """One catalogue entry as a section of the Troubleshooting page.

    Error texts are inline code, not code blocks: every code block on the site
    must come from a file under ``snippets/``, and site search finds them either way.
    """
    page = problem.page.removesuffix("/") + ".md"
    lines = [
        f"### {problem.code}: {problem.title} {{#{problem.code}}}",
        "",
        f"Reported as **{problem.severity.value.upper()}**.",
        "",
        f"**Cause:** {linked(problem.cause)}",
        "",
        f"**Fix:** {linked(problem.fix)}",
        "",
        f"**Guide:** [{PAGES[problem.page]}]({page})",
        "",
    ]
    if problem.errors:
        lines += ["**Error messages that lead here:**", ""]
        lines += [f"- {e.source} `{e.name}`: `{e.message}`" for e in problem.errors]
        lines.append("")
    return "\n".join(lines)


def catalogue_markdown() -> str:
    return "\n".join(problem_markdown(problem) for problem in CATALOGUE)


def versions_markdown() -> str:
    rows = [f"| `{name}` | `{version}` |" for name, version in pinned_versions().items()]
    return "\n".join(["| Package | Version this guide was tested with |", "|---|---|", *rows])


def on_page_markdown(markdown: str, page: Any = None, config: Any = None, **kwargs: Any) -> str:
    """Markers become facts. The full status notice is on the overview only; every page
    has the short one in the banner (``overrides/main.html``)."""
    overview = page is not None and page.file.src_uri == OVERVIEW
    markdown = markdown.replace(STATUS_MARKER, status_admonition() if overview else "")
    markdown = markdown.replace(CATALOGUE_MARKER, catalogue_markdown())
    markdown = markdown.replace(VERSIONS_MARKER, versions_markdown())
    if config is not None:
        repo = config["repo_url"].rstrip("/")
        markdown = markdown.replace(ZIP_MARKER, f"{repo}/archive/refs/heads/main.zip")
        markdown = markdown.replace(REPO_MARKER, repo)
        markdown = markdown.replace(GUIDE_VERSION_MARKER, config.extra["guide"]["version"])
    return markdown
