"""The Troubleshooting page is generated from the doctor's catalogue, and says what it says."""

from __future__ import annotations

import html
import re
from pathlib import Path

import botocore.exceptions
import pytest

from guide_tools import constants
from guide_tools.doctor.catalogue import (
    CATALOGUE,
    LABELS,
    PAGES,
    STEPS,
    AwsError,
    Evidence,
    Problem,
    problem,
)
from site_content import facts
from site_content.markdown import problem_markdown, summary_markdown
from tests.conftest import ROOT
from tests.emulator.test_package import imports_boto3
from tests.site.browser_support import read_mkdocs_config
from tests.site.site_pages import code_blocks, render_page

PAGE = ROOT / "docs" / "troubleshooting.md"


def page_text(site: Path, page: str) -> str:
    return html.unescape((site / page / "index.html").read_text("utf-8"))


def test_the_page_calls_the_catalogue() -> None:
    source = PAGE.read_text("utf-8")
    assert "{{ doctor_catalogue() }}" in source
    assert '--8<-- "snippets/doctor.sh:run"' in source


def test_the_macro_puts_every_code_on_the_page() -> None:
    markdown = render_page(PAGE.read_text("utf-8"))
    assert "doctor_catalogue" not in markdown
    # The full status notice is on the overview only; other pages show the banner.
    assert constants.SERVICE_STATUS not in markdown
    for entry in CATALOGUE:
        assert f"### {entry.code}: {entry.title} {{#{entry.code}}}" in markdown


@pytest.mark.parametrize("problem", CATALOGUE, ids=lambda p: p.code)
def test_every_code_is_on_the_built_page(each_site: Path, problem: Problem) -> None:
    text = page_text(each_site, "troubleshooting")
    assert f'<h3 id="{problem.code}">{problem.code}: {problem.title}' in text
    for error in problem.errors:
        assert f"<code>{error.message}</code>" in text  # found by site search, word for word
    assert f'href="../{problem.page}"' in text or problem.page == "troubleshooting/"


def test_no_marker_is_left_on_the_built_page(each_site: Path) -> None:
    text = page_text(each_site, "troubleshooting")
    assert "{{" not in text
    assert "doctor_catalogue" not in text
    blocks = code_blocks(each_site / "troubleshooting" / "index.html")
    # The first command the page gives is one that can work today: the practice doctor.
    assert "uv run --no-dev python -m snippets.practice doctor-not-linked" in blocks[0]
    assert any("uv run --no-dev python -m snippets.doctor --production" in b for b in blocks[1:])
    assert any("MT501 Sandbox not linked" in block for block in blocks[1:])


@pytest.mark.parametrize("page", PAGES)
def test_every_guide_page_a_fix_names_exists_with_that_title(each_site: Path, page: str) -> None:
    title = re.search(r"<title>(.*?) - ", page_text(each_site, page.removesuffix("/")))
    assert title is not None
    assert title.group(1) == PAGES[page]


def test_the_search_index_holds_the_error_texts(each_site: Path) -> None:
    # Material's search index, or Zensical's.
    [path] = [p for p in ("search/search_index.json", "search.json") if (each_site / p).exists()]
    index = html.unescape((each_site / path).read_text("utf-8"))
    assert "The security token included in the request is invalid." in index
    assert "troubleshooting/#MT201" in index


# --- evidence: every cause and every error text says how it is known ------------------------

ENTRIES = [(p.code, "cause", p.evidence) for p in CATALOGUE] + [
    (p.code, e.message, e.evidence) for p in CATALOGUE for e in p.errors
]


@pytest.mark.parametrize(("code", "what", "evidence"), ENTRIES, ids=lambda v: str(v)[:40])
def test_every_cause_and_error_text_carries_evidence(
    code: str, what: str, evidence: Evidence
) -> None:
    assert evidence.label in LABELS
    assert len(evidence.source) > 10
    if evidence.label == "observed":
        assert "https://" in evidence.source, "an observation names its public report"


@pytest.mark.parametrize(
    ("code", "start"),
    [
        # No copy of production's "not linked" message was found (evidence.md, facts.md 1).
        ("MT601", "To use the MTurk API"),
        # MTurk's answer to temporary keys was never reported (evidence.md section 11).
        ("MT110", "The security token"),
        # MTurk's permission error for a missing policy was never reported (evidence.md 12).
        ("MT301", "User: arn:aws:iam"),
    ],
)
def test_messages_nobody_has_seen_are_labelled_inferred(code: str, start: str) -> None:
    [error] = [e for e in problem(code).errors if e.message.startswith(start)]
    assert error.evidence.label == "inferred"


def _skeleton(template: str) -> str:
    return re.escape(re.sub(r"\{[^}]*\}", "\0", template)).replace("\0", ".+")


@pytest.mark.parametrize(
    "error",
    [e for p in CATALOGUE for e in p.errors if e.source == "botocore"],
    ids=lambda e: e.name,
)
def test_botocores_messages_are_its_own_words(error: AwsError) -> None:
    # "documented: botocore's source": checked against the installed botocore.
    template = getattr(botocore.exceptions, error.name).fmt
    assert error.evidence.label == "documented"
    assert re.fullmatch(_skeleton(template), re.sub(r"<[^>]*>", "x", error.message))


def test_the_aws_clis_message_is_its_own_words() -> None:
    import awscli.clidriver

    source = Path(awscli.clidriver.__file__).read_text("utf-8")
    [error] = [e for e in problem("MT101").errors if e.source == "AWS CLI"]
    assert error.message.removeprefix("Unable to locate credentials") in source


def test_evidence_is_on_the_page() -> None:
    for entry in CATALOGUE:
        section = problem_markdown(entry)
        assert f"Cause known as *{entry.evidence.label}*" in section
        for error in entry.errors:
            assert f"Words known as *{error.evidence.label}*" in section


# --- a page that can be scanned --------------------------------------------------------------


def test_the_summary_table_lists_every_code_by_step() -> None:
    table = summary_markdown().splitlines()
    assert table[0] == "| Step | Problems |"
    rows = table[2:]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows] == list(STEPS.values())
    cells = "<br>".join(row.split(" | ", 1)[1].removesuffix(" |") for row in rows)
    assert cells.split("<br>") == [
        f"**{p.severity.value.upper()}** [{p.code}](#{p.code}) {p.title}" for p in CATALOGUE
    ]


def test_the_built_page_folds_the_error_texts_away(each_site: Path) -> None:
    text = page_text(each_site, "troubleshooting")
    assert text.count('<details class="quote">') == len(CATALOGUE)
    assert text.count('<details class="note">') == len(CATALOGUE)
    assert '<a href="#MT501">MT501</a>' in text
    assert "<strong>FAIL</strong> · The sandbox · cause <em>documented</em>" in text


def test_the_site_is_built_for_the_published_address(monkeypatch: pytest.MonkeyPatch) -> None:
    tag = read_mkdocs_config()["site_url"]
    assert tag.tag.endswith("python/object/apply:site_content.facts.site_url")
    monkeypatch.delenv("MTURK_GUIDE_URL", raising=False)
    assert facts.site_url() is None  # no address nobody configured (issue 25)
    monkeypatch.setenv("MTURK_GUIDE_URL", "https://lab.example.org/guide")
    assert facts.site_url() == "https://lab.example.org/guide/"


def test_the_address_is_the_one_the_pages_workflow_publishes_at() -> None:
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    assert "MTURK_GUIDE_URL: ${{ steps.pages.outputs.base_url }}/" in workflow
    assert "SITE_URL" not in workflow
    assert "SITE_URL" not in (ROOT / "mkdocs.yml").read_text("utf-8")


@pytest.mark.process
def test_the_catalogue_stays_import_light() -> None:
    # The site's macros import it at build time: no boto3 there.
    assert not imports_boto3("guide_tools.doctor.catalogue")
    assert imports_boto3("guide_tools.doctor.checks")  # the check can fail


@pytest.mark.parametrize("problem", CATALOGUE, ids=lambda p: p.code)
def test_each_entry_shows_its_heading_and_scan_line_and_folds_the_rest(
    built_site: Path, problem: Problem
) -> None:
    """Issue 25: the page was a wall (4,618 words); each entry is now one line to scan."""
    text = page_text(built_site, "troubleshooting")
    entry = text.split(f'<h3 id="{problem.code}">', 1)[1].split("<h3 ", 1)[0]
    visible, _, fold = entry.partition('<details class="note">')
    assert f"<strong>{problem.severity.value.upper()}</strong>" in visible
    assert "Cause:" not in visible
    assert "<strong>Cause:</strong>" in fold
    assert "<strong>Fix:</strong>" in fold
    assert all(f"<code>{error.message}</code>" in fold for error in problem.errors)
