"""A Markdown extension: each table cell carries its column's heading (``data-label``).

On a phone, a table of three or four columns is wider than the screen, and a table
that scrolls sideways hides its last columns from a reader who does not know to swipe.
So narrow screens show each row as a small card, one cell under another, each cell
headed by its column's name (``extra.css`` shows ``data-label`` before the cell). Both
builders run the site's Markdown extensions, so every table gets its labels.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


def heading_text(cell: Element) -> str:
    """A heading cell's text as a reader sees it (markup and surrounding space dropped)."""
    return " ".join("".join(cell.itertext()).split())


def label_cells(root: Element) -> None:
    """Give every body cell of every table under ``root`` its column's heading."""
    for table in root.iter("table"):
        head = table.find("thead/tr")
        if head is None:
            continue
        labels = [heading_text(cell) for cell in head.findall("th")]
        for row in table.iterfind("tbody/tr"):
            for label, cell in zip(labels, row.findall("td"), strict=False):
                cell.set("data-label", label)


class TableLabels(Treeprocessor):
    def run(self, root: Element) -> None:
        label_cells(root)


class TableLabelsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  (Python-Markdown's name)
        # After the inline patterns (20) have filled in the cells' text.
        md.treeprocessors.register(TableLabels(md), "table_labels", 5)


def makeExtension(**kwargs: Any) -> TableLabelsExtension:  # noqa: N802  (the name Markdown imports)
    return TableLabelsExtension(**kwargs)
