"""MkDocs hooks: put facts that code owns onto the pages.

The service-status banner and the overview's status note both come from
``snippets.constants``, so the site, the emulator and the doctor can never
disagree about it.
"""

from __future__ import annotations

from typing import Any

from snippets import constants

STATUS_MARKER = "<!-- service-status -->"


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


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return markdown.replace(STATUS_MARKER, status_admonition())
