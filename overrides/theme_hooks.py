"""MkDocs hooks: accessibility fixes to the HTML that Material and the extensions write.

Found by axe-core in ``tests/test_browser.py``; each function names the axe rule it fixes.
The markup is changed where it is written, so every page (and 404.html) gets the fix
without a copy of Material's templates to keep in step with new releases.
"""

from __future__ import annotations

import re
from typing import Any

# Material's search box: <div class="md-search" data-md-component="search" role="dialog">
SEARCH_DIALOG = re.compile(r'<div class="md-search"(?![^>]*\saria-label)[^>]*\srole="dialog"')
SEARCH_INPUT_LABEL = re.compile(r'<input[^>]*class="md-search__input"[^>]*\saria-label="([^"]*)"')

# pymdownx.tasklist (custom_checkbox): the checkbox, then the item's text, which ends
# where the list item, its paragraph or a nested block begins or ends.
TASK = re.compile(
    r'(<label class="task-list-control"><input type="checkbox")([^>]*?/?>)'
    r'(<span class="task-list-indicator"></span></label>)'
    r"(\s*)(.*?)(?=<(?:/li|/p|p|ul|ol|div|pre|table|blockquote)\b|$)",
    re.DOTALL,
)


def label_search_dialog(output: str) -> str:
    """aria-dialog-name: Material's search dialog gets the search box's own name."""
    found = SEARCH_INPUT_LABEL.search(output)
    name = found.group(1) if found else "Search"
    return SEARCH_DIALOG.sub(lambda m: f'{m.group(0)} aria-label="{name}"', output, count=1)


def label_task_checkboxes(content: str, prefix: str) -> str:
    """label: each task-list checkbox is named by its item's text (``aria-labelledby``).

    The checkbox is only a printable box; its item's text is what it stands for, so the
    text is wrapped in a span that names it. ``prefix`` keeps the ids unique per page.
    """
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


def on_page_content(html_content: str, page: Any, **kwargs: Any) -> str:
    return label_task_checkboxes(html_content, prefix="__task_")


def on_post_page(output: str, **kwargs: Any) -> str:
    return label_search_dialog(output)


def on_post_template(output: str, template_name: str, **kwargs: Any) -> str:
    """404.html is rendered as a template, not a page."""
    return label_search_dialog(output) if template_name.endswith(".html") else output
