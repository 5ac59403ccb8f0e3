"""A Markdown extension: each task-list checkbox is named by its item's text (axe: ``label``).

pymdownx.tasklist (``custom_checkbox``) writes a checkbox with no name; the checklist
page is a list of them. The checkbox is only a printable box, and its item's text is
what it stands for, so the text is wrapped in a span that names it
(``aria-labelledby``). Both builders run the site's Markdown extensions, so the fix is
in every page's HTML without a copy of the theme's templates.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

# The checkbox, then the item's text, which ends where the list item, its paragraph or
# a nested block begins or ends.
TASK = re.compile(
    r'(<label class="task-list-control"><input type="checkbox")([^>]*?/?>)'
    r'(<span class="task-list-indicator"></span></label>)'
    r"(\s*)(.*?)(?=<(?:/li|/p|p|ul|ol|div|pre|table|blockquote)\b|$)",
    re.DOTALL,
)
PREFIX = "__task_"


def label_task_checkboxes(content: str, prefix: str = PREFIX) -> str:
    """Name every task-list checkbox in ``content``; ``prefix`` keeps the ids unique."""
    count = 0

    def named(match: re.Match[str]) -> str:
        nonlocal count
        opening, rest, indicator, space, text = match.groups()
        if not text.strip() or "aria-label" in rest:
            return match.group(0)
        count += 1
        ident = f"{prefix}{count}"
        return (
            f'{opening} aria-labelledby="{ident}"{rest}{indicator}'
            f'{space}<span id="{ident}">{text.rstrip()}</span>{text[len(text.rstrip()) :]}'
        )

    return TASK.sub(named, content)


class TaskLabels(Postprocessor):
    def run(self, text: str) -> str:
        return label_task_checkboxes(text)


class TaskLabelsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  (Python-Markdown's name)
        # After the raw HTML (30) and the other built-in postprocessors are done.
        md.postprocessors.register(TaskLabels(md), "task_labels", 5)


def makeExtension(**kwargs: Any) -> TaskLabelsExtension:  # noqa: N802  (the name Markdown imports)
    return TaskLabelsExtension(**kwargs)
