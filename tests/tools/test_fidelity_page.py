"""The fidelity page is generated from the emulator's ledger, and says what it holds."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from mturk_emulator.ledger import LABELS, TOPICS, all_rules
from site_content.markdown import FIDELITY_PAGES, _cell, source_name
from tests.conftest import ROOT
from tests.site.site_pages import render_page

PAGE = ROOT / "docs" / "fidelity.md"
RULES = all_rules()


def test_the_pages_call_the_ledger_and_are_in_the_navigation() -> None:
    assert "{{ fidelity_ledger() }}" in PAGE.read_text("utf-8")
    nav = (ROOT / "mkdocs.yml").read_text()
    assert "How faithful the emulator is: fidelity.md" in nav
    for key, (name, _, _) in FIDELITY_PAGES.items():
        assert f'{{{{ fidelity_ledger("{key}") }}}}' in (ROOT / "docs" / name).read_text("utf-8")
        assert f": {name}\n" in nav


def test_every_topic_is_on_exactly_one_page() -> None:
    shown = [topic for _, _, topics in FIDELITY_PAGES.values() for topic in topics]
    assert sorted(shown) == sorted(TOPICS)


def test_the_index_counts_by_label_and_keeps_each_topics_anchor() -> None:
    markdown = render_page(PAGE.read_text("utf-8"))
    assert "fidelity_ledger" not in markdown
    for label in LABELS:
        assert f"| {label} | {sum(r.label == label for r in RULES)} |" in markdown
    assert f"| **all** | **{len(RULES)}** |" in markdown
    for name, _, topics in FIDELITY_PAGES.values():
        for topic in topics:
            mine = [r for r in RULES if r.id.split(".")[0] == topic]
            assert f"{{#{topic}}}\n\n[{len(mine)} rules]({name}#{topic}) (" in markdown


def test_every_rule_is_on_its_topics_page() -> None:
    pages = {
        key: render_page((ROOT / "docs" / name).read_text("utf-8"))
        for key, (name, _, _) in FIDELITY_PAGES.items()
    }
    for rule in RULES:
        [home] = [k for k, (_, _, topics) in FIDELITY_PAGES.items()
                  if rule.id.split(".")[0] in topics]  # fmt: skip
        assert [k for k, text in pages.items() if f"| `{rule.id}` | " in text] == [home]
    for key, (_, _, topics) in FIDELITY_PAGES.items():
        for topic in topics:
            assert f"{{#{topic}}}" in pages[key]


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


def test_the_built_pages_list_every_rule(each_site: Path) -> None:
    text = "".join(
        html.unescape((each_site / name.removesuffix(".md") / "index.html").read_text("utf-8"))
        for name, _, _ in FIDELITY_PAGES.values()
    )
    assert "fidelity_ledger" not in text
    for rule in RULES:
        assert f"<code>{rule.id}</code>" in text
    assert "^[0-9]+(\\.)?[0-9]{0,2}$" in text  # a pattern survives Markdown as written
    # A link to a topic's old place still lands on its heading, which links onwards.
    review = (each_site / "review-and-pay" / "index.html").read_text("utf-8")
    assert 'href="../fidelity/#payments"' in review
    index = (each_site / "fidelity" / "index.html").read_text("utf-8")
    assert 'id="payments"' in index
    assert 'href="../fidelity-requester/#payments"' in index
