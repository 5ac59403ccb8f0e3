"""The macros the pages call, such as ``{{ doctor_catalogue() }}``: one place both builders run.

MkDocs loads this module through the mkdocs-macros plugin, Zensical through its own
implementation of that plugin (``plugins: macros: module_name`` in ``mkdocs.yml``).
Both call :func:`define_env` with an object whose ``macro`` method registers a function
and whose ``conf`` is the site's configuration. Each macro returns Markdown made by a
plain function of :mod:`site_content.markdown` or :mod:`site_content.facts`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from site_content import archive, facts, markdown, troubleshooting


def macros(conf: Any) -> dict[str, Callable[[], str]]:
    """What a page can call, by name, for a site whose configuration is ``conf``."""
    repo = str(conf["repo_url"] or "").rstrip("/")  # "" when no address is configured
    return {
        "status_notice": markdown.status_admonition,
        "doctor_catalogue": troubleshooting.folded_catalogue_markdown,
        "fidelity_ledger": markdown.fidelity_markdown,
        "versions_table": markdown.versions_markdown,
        "guide_version": lambda: facts.guide_release()["version"],
        "repo_url": lambda: repo,
        "archive_path": archive.archive_path,
        "archive_name": lambda: archive.archive_name(facts.guide_release()["version"]),
    }


def define_env(env: Any) -> None:
    for name, function in macros(env.conf).items():
        env.macro(function, name)


def on_post_build(env: Any) -> None:
    """The download of the guide, into the built site (``site_content/archive.py``)."""
    archive.write_archive(Path(env.conf["site_dir"]))
