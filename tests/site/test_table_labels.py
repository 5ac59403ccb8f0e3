"""site_content.table_labels: each table cell carries its column's heading, for phones."""

from __future__ import annotations

from xml.etree.ElementTree import fromstring

import markdown

from site_content.table_labels import label_cells

TABLE = """\
| What | Where it *lives* |
|---|---|
| IAM user | inside the AWS account |
| Access key | |
"""


def test_each_cell_is_named_after_its_column() -> None:
    page = markdown.markdown(TABLE, extensions=["tables", "site_content.table_labels"])
    assert '<td data-label="What">IAM user</td>' in page
    assert '<td data-label="Where it lives">inside the AWS account</td>' in page
    assert '<td data-label="Where it lives"></td>' in page


def test_a_table_without_headings_is_left_alone() -> None:
    page = markdown.markdown(
        "<table><tr><td>x</td></tr></table>\n\n" + TABLE,
        extensions=["tables", "md_in_html"],
    )
    root = fromstring(f"<div>{page}</div>")
    label_cells(root)
    cells = [cell.get("data-label") for cell in root.iter("td")]
    assert cells == [None, "What", "Where it lives", "What", "Where it lives"]
