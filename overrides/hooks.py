"""MkDocs hooks: put facts that code owns onto the pages.

The service-status banner and the overview's status note both come from
``guide_tools.constants``, so the site, the emulator and the doctor can never
disagree about it. The Troubleshooting page's list of problems comes from the
doctor's catalogue (``guide_tools/doctor/catalogue.py``) in the same way.
"""

from __future__ import annotations

import re
from typing import Any

from guide_tools import constants
from guide_tools.doctor.catalogue import CATALOGUE, PAGES, Problem

STATUS_MARKER = "<!-- service-status -->"
CATALOGUE_MARKER = "<!-- doctor-catalogue -->"
BARE_URL = re.compile(r"(?<![`<(])https?://[^\s`<>()]+[^\s`<>().,;:]")


def on_config(config: Any) -> Any:
    config.extra["service_status"] = {
        "text": constants.SERVICE_STATUS,
        "source": constants.SERVICE_STATUS_SOURCE,
        "help": constants.SERVICE_HELP_PAGE,
    }
    return config


def status_admonition() -> str:
    return (
        '!!! danger "Service status"\n\n'
        f"    {constants.SERVICE_STATUS}\n\n"
        f"    Source: [AWS's MTurk documentation]({constants.SERVICE_STATUS_SOURCE}). "
        "Questions about closing accounts go to "
        f"[MTurk's help page]({constants.SERVICE_HELP_PAGE}).\n"
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


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    markdown = markdown.replace(STATUS_MARKER, status_admonition())
    return markdown.replace(CATALOGUE_MARKER, catalogue_markdown())
