"""The Troubleshooting page's catalogue, each entry folded (issue 25: the page was a wall).

Each problem keeps its heading (the anchor the doctor's links and the error finder
point to, and the section site search returns) and its one-line scan: severity, step,
how the cause is known, the page with the fix. The cause, the fix and the sources sit
in a fold under it, so the page reads as a list of problems; the fold's text is still
in the page, for site search and the browser's find, which opens a fold it finds text in.
The entries are :func:`site_content.markdown.problem_markdown`'s, regrouped.
"""

from __future__ import annotations

import textwrap

from guide_tools.doctor.catalogue import CATALOGUE, Problem
from site_content.markdown import problem_markdown, summary_markdown

FOLD_TITLE = "Cause and fix"


def folded_problem_markdown(problem: Problem) -> str:
    """One entry: its heading and scan line, then the rest in a fold (``???``)."""
    heading, _, scan, _, *body = problem_markdown(problem).split("\n")
    folded = textwrap.indent("\n".join(body).strip("\n"), "    ", lambda line: bool(line))
    return "\n".join([heading, "", scan, "", f'??? note "{FOLD_TITLE}"', "", folded, ""])


def folded_catalogue_markdown() -> str:
    """The summary table first, then every entry folded."""
    entries = "\n".join(folded_problem_markdown(problem) for problem in CATALOGUE)
    return summary_markdown() + "\n" + entries
