"""The fidelity page is generated from the emulator's ledger, and says what it holds."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import pytest

from mturk_emulator.ledger import LABELS, TOPICS, all_rules
from overrides.hooks import FIDELITY_MARKER, _cell, on_page_markdown, source_name
from tests.conftest import ROOT

PAGE = ROOT / "docs" / "fidelity.md"
RULES = all_rules()


def test_the_page_keeps_its_marker_and_is_in_the_navigation() -> None:
    assert FIDELITY_MARKER in PAGE.read_text("utf-8")
    assert "How faithful the emulator is: fidelity.md" in (ROOT / "mkdocs.yml").read_text()


def test_the_hook_puts_every_rule_and_the_count_by_label_on_the_page() -> None:
    markdown = on_page_markdown(PAGE.read_text("utf-8"))
    assert FIDELITY_MARKER not in markdown
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


@pytest.mark.process
def test_the_hooks_import_neither_boto3_nor_moto() -> None:
    probe = (
        "import sys, overrides.hooks; "
        "print(sorted(m for m in ('boto3', 'botocore', 'moto') if m in sys.modules))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert ran.stdout.strip() == "[]"


def test_the_built_page_lists_every_rule(built_site: Path) -> None:
    text = html.unescape((built_site / "fidelity" / "index.html").read_text("utf-8"))
    assert FIDELITY_MARKER not in text
    for rule in RULES:
        assert f"<code>{rule.id}</code>" in text
    assert "^[0-9]+(\\.)?[0-9]{0,2}$" in text  # a pattern survives Markdown as written
    review = (built_site / "review-and-pay" / "index.html").read_text("utf-8")
    assert 'href="../fidelity/#payments"' in review
