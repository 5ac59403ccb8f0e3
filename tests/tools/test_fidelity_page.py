"""The fidelity page is generated from the emulator's ledger, and says what it holds."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from mturk_emulator.ledger import LABELS, TOPICS, all_rules
from site_content.markdown import _cell, source_name
from tests.conftest import ROOT
from tests.site.site_pages import render_page

PAGE = ROOT / "docs" / "fidelity.md"
RULES = all_rules()


def test_the_page_calls_the_ledger_and_is_in_the_navigation() -> None:
    assert "{{ fidelity_ledger() }}" in PAGE.read_text("utf-8")
    assert "How faithful the emulator is: fidelity.md" in (ROOT / "mkdocs.yml").read_text()


def test_the_macro_puts_every_rule_and_the_count_by_label_on_the_page() -> None:
    markdown = render_page(PAGE.read_text("utf-8"))
    assert "fidelity_ledger" not in markdown
    for rule in RULES:
        assert f"| `{rule.id}` | " in markdown
    for label in LABELS:
        assert f"| {label} | {sum(r.label == label for r in RULES)} |" in markdown
    assert f"| **all** | **{len(RULES)}** |" in markdown
    for topic in TOPICS:
        assert f"{{#{topic}}}" in markdown


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://github.com/aws/aws-sdk-java/issues/2055", "aws/aws-sdk-java#2055"),
        ("https://github.com/boto/botocore/pull/531", "boto/botocore#531"),
        ("https://github.com/Dallinger/Dallinger/blob/master/dallinger/mturk.py",
         "Dallinger/Dallinger: mturk.py"),
        ("https://docs.aws.amazon.com/AWSMechTurk/latest/x/RetrievingResults.html",
         "docs.aws.amazon.com: RetrievingResults"),
        ("https://www.mturk.com/pricing", "www.mturk.com: pricing"),
        ("https://www.mturk.com/", "www.mturk.com"),
    ],
)  # fmt: skip
def test_sources_get_short_names(url: str, name: str) -> None:
    assert source_name(url) == name


def test_cells_show_patterns_and_tags_as_written() -> None:
    assert _cell("^[0-9]+(\\.)?$ | <crowd-form> & Worker_Locale") == (
        "^\\[0-9\\]+(\\\\.)?$ \\| &lt;crowd-form&gt; &amp; Worker\\_Locale"
    )


def test_the_built_page_lists_every_rule(each_site: Path) -> None:
    text = html.unescape((each_site / "fidelity" / "index.html").read_text("utf-8"))
    assert "fidelity_ledger" not in text
    for rule in RULES:
        assert f"<code>{rule.id}</code>" in text
    assert "^[0-9]+(\\.)?[0-9]{0,2}$" in text  # a pattern survives Markdown as written
    review = (each_site / "review-and-pay" / "index.html").read_text("utf-8")
    assert 'href="../fidelity/#payments"' in review
