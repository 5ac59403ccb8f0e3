"""MkDocs hooks: put facts that code owns onto the pages.

The service-status banner and the overview's status note both come from
``guide_tools.constants``, so the site, the emulator and the doctor can never
disagree about it. The Troubleshooting page's list of problems comes from the
doctor's catalogue (``guide_tools/doctor/catalogue.py``) in the same way, and the
fidelity page's rules from the emulator's ledger (``mturk_emulator/ledger/``),
which imports neither boto3 nor moto.

The site's address (``site_url``) is the guide's published address,
``guide_tools.constants.GUIDE_URL`` (or ``$MTURK_GUIDE_URL``), the one every link the
tools print starts with. ``mkdocs serve`` keeps the local address of ``mkdocs.yml``.

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
from guide_tools.doctor.catalogue import CATALOGUE, PAGES, AwsError, Evidence, Problem, step
from mturk_emulator.ledger import LABELS, TOPICS, Rule, all_rules

ROOT = Path(__file__).resolve().parent.parent
STATUS_MARKER = "<!-- service-status -->"
CATALOGUE_MARKER = "<!-- doctor-catalogue -->"
FIDELITY_MARKER = "<!-- fidelity-ledger -->"
TOPIC_TITLES = {
    "account": "The requester account",
    "hits": "HITs",
    "assignments": "Assignments",
    "answers": "Answers",
    "qualifications": "Qualifications",
    "payments": "Payments",
    "workers": "Workers",
    "validation": "Checks of parameters",
    "pagination": "Pages of results",
    "time": "Time and clocks",
    "ids": "Identifiers",
    "auth": "Keys, signatures and permissions",
    "edge": "Requests no operation sees (the local server)",
}
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


_command = "build"


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: Any) -> Any:
    if _command != "serve":
        config.site_url = constants.guide_url()
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


def evidence_markdown(evidence: Evidence) -> str:
    return f"*{evidence.label}*: {linked(evidence.source)}"


def error_markdown(error: AwsError) -> str:
    return (
        f"- {error.source} `{error.name}`: `{error.message}`  \n"
        f"  Words known as {evidence_markdown(error.evidence)}"
    )


def page_link(problem: Problem) -> str:
    return f"[{PAGES[problem.page]}]({problem.page.removesuffix('/')}.md)"


def problem_markdown(problem: Problem) -> str:
    """One catalogue entry as a section of the Troubleshooting page.

    The severity, the step and how the cause is known come first, on one line, so the
    page can be scanned; then the cause and the fix. The sources and the error texts
    (which site search finds) sit in a folded block. Error texts are inline code, not
    code blocks: every code block on the site must come from ``snippets/``.
    """
    count = len(problem.errors)
    fold = "How we know" + (f", and the error messages that lead here ({count})" if count else "")
    lines = [
        f"### {problem.code}: {problem.title} {{#{problem.code}}}",
        "",
        f"**{problem.severity.value.upper()}** · {step(problem.code)} · "
        f"cause *{problem.evidence.label}* · fix explained on {page_link(problem)}",
        "",
        f"**Cause:** {linked(problem.cause)}",
        "",
        f"**Fix:** {linked(problem.fix)}",
        "",
        f'??? quote "{fold}"',
        "",
        f"    - Cause known as {evidence_markdown(problem.evidence)}",
    ]
    lines += ["    " + line for e in problem.errors for line in error_markdown(e).split("\n")]
    return "\n".join([*lines, ""])


def summary_markdown() -> str:
    """One row per step of the setup: each code's severity, code and title, linked."""
    by_step: dict[str, list[str]] = {}
    for problem in CATALOGUE:
        by_step.setdefault(step(problem.code), []).append(
            f"**{problem.severity.value.upper()}** [{problem.code}](#{problem.code}) "
            f"{problem.title}"
        )
    lines = ["| Step | Problems |", "| --- | --- |"]
    lines += [f"| {name} | {'<br>'.join(entries)} |" for name, entries in by_step.items()]
    return "\n".join(lines) + "\n"


def catalogue_markdown() -> str:
    entries = "\n".join(problem_markdown(problem) for problem in CATALOGUE)
    return summary_markdown() + "\n" + entries


def _cell(text: str) -> str:
    """Text for a Markdown table cell, shown as written (patterns, tags, pipes)."""
    for plain, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(plain, escaped)
    return re.sub(r"([\\|*_`\[\]])", r"\\\1", text)


def source_name(url: str) -> str:
    """A short name for a source: ``owner/repo#123`` for a GitHub thread, else host and page."""
    host, _, path = url.removeprefix("https://").partition("/")
    parts = path.split("/")
    if host == "github.com" and len(parts) == 4 and parts[2] in {"issues", "pull"}:
        return f"{parts[0]}/{parts[1]}#{parts[3]}"
    if host == "github.com" and len(parts) > 2:
        return f"{parts[0]}/{parts[1]}: {parts[-1]}"
    page = parts[-1].removesuffix(".html") if parts[-1] else host
    return f"{host}: {page}" if page != host else host


def rule_evidence_markdown(rule: Rule) -> str:
    if rule.source.startswith("https://"):
        source = f"[{_cell(source_name(rule.source))}]({rule.source})"
    elif rule.label == "inferred":
        source = _cell(rule.source)
    else:
        source = _cell(rule.source.replace("botocore model: ", "botocore model, "))
    return source + (f": “{_cell(rule.quote)}”" if rule.quote else "")


def fidelity_markdown() -> str:
    """The ledger as a page: the count by label, then one table per topic."""
    rules = all_rules()
    counts = {label: sum(rule.label == label for rule in rules) for label in LABELS}
    lines = [
        "| Label | Rules |",
        "|---|---|",
        *(f"| {label} | {count} |" for label, count in counts.items()),
        f"| **all** | **{len(rules)}** |",
        "",
    ]
    for topic in TOPICS:
        lines += [
            f"## {TOPIC_TITLES.get(topic, topic.capitalize())} {{#{topic}}}",
            "",
            "| Rule | What the emulator does | Label | Evidence |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| `{rule.id}` | {_cell(rule.behaviour)} | {rule.label} | "
            f"{rule_evidence_markdown(rule)} |"
            for rule in rules
            if rule.id.split(".")[0] == topic
        ]
        lines.append("")
    return "\n".join(lines)


def versions_markdown() -> str:
    rows = [f"| `{name}` | `{version}` |" for name, version in pinned_versions().items()]
    return "\n".join(["| Package | Version this guide was tested with |", "|---|---|", *rows])


def on_page_markdown(markdown: str, page: Any = None, config: Any = None, **kwargs: Any) -> str:
    """Markers become facts. The full status notice is on the overview only; every page
    has the short one in the banner (``overrides/main.html``)."""
    overview = page is not None and page.file.src_uri == OVERVIEW
    markdown = markdown.replace(STATUS_MARKER, status_admonition() if overview else "")
    # Each table is made only for the pages that show it (reading uv.lock for every
    # page took 1.8 s of each build).
    if CATALOGUE_MARKER in markdown:
        markdown = markdown.replace(CATALOGUE_MARKER, catalogue_markdown())
    if VERSIONS_MARKER in markdown:
        markdown = markdown.replace(VERSIONS_MARKER, versions_markdown())
    if config is not None:
        repo = config["repo_url"].rstrip("/")
        markdown = markdown.replace(ZIP_MARKER, f"{repo}/archive/refs/heads/main.zip")
        markdown = markdown.replace(REPO_MARKER, repo)
        markdown = markdown.replace(GUIDE_VERSION_MARKER, config.extra["guide"]["version"])
    if FIDELITY_MARKER in markdown:
        markdown = markdown.replace(FIDELITY_MARKER, fidelity_markdown())
    return markdown
