"""The Troubleshooting page is generated from the doctor's catalogue, and says what it says."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from guide_tools import constants
from guide_tools.doctor.catalogue import CATALOGUE, PAGES, Problem
from overrides.hooks import CATALOGUE_MARKER, STATUS_MARKER, on_page_markdown
from tests.conftest import ROOT
from tests.site.site_pages import code_blocks

PAGE = ROOT / "docs" / "troubleshooting.md"


def page_text(site: Path, page: str) -> str:
    return html.unescape((site / page / "index.html").read_text("utf-8"))


def test_the_page_keeps_both_markers() -> None:
    source = PAGE.read_text("utf-8")
    assert CATALOGUE_MARKER in source
    assert STATUS_MARKER in source
    assert '--8<-- "snippets/doctor.sh:run"' in source


def test_the_hook_puts_every_code_on_the_page() -> None:
    markdown = on_page_markdown(PAGE.read_text("utf-8"))
    assert CATALOGUE_MARKER not in markdown
    # The full status notice is on the overview only; other pages show the banner.
    assert STATUS_MARKER not in markdown
    assert constants.SERVICE_STATUS not in markdown
    for problem in CATALOGUE:
        assert f"### {problem.code}: {problem.title} {{#{problem.code}}}" in markdown


@pytest.mark.parametrize("problem", CATALOGUE, ids=lambda p: p.code)
def test_every_code_is_on_the_built_page(built_site: Path, problem: Problem) -> None:
    text = page_text(built_site, "troubleshooting")
    assert f'<h3 id="{problem.code}">{problem.code}: {problem.title}' in text
    for error in problem.errors:
        assert f"<code>{error.message}</code>" in text  # found by site search, word for word
    assert f'href="../{problem.page}"' in text or problem.page == "troubleshooting/"


def test_no_marker_is_left_on_the_built_page(built_site: Path) -> None:
    text = page_text(built_site, "troubleshooting")
    assert CATALOGUE_MARKER not in text
    assert STATUS_MARKER not in text
    blocks = code_blocks(built_site / "troubleshooting" / "index.html")
    assert "uv run python -m snippets.doctor --production" in blocks[0]
    assert any("MT501 Sandbox not linked" in block for block in blocks[1:])
    assert any("uv run python -m snippets.practice doctor-not-linked" in b for b in blocks)


@pytest.mark.parametrize("page", PAGES)
def test_every_guide_page_a_fix_names_exists_with_that_title(built_site: Path, page: str) -> None:
    title = re.search(r"<title>(.*?) - ", page_text(built_site, page.removesuffix("/")))
    assert title is not None
    assert title.group(1) == PAGES[page]


def test_the_search_index_holds_the_error_texts(built_site: Path) -> None:
    index = html.unescape((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert "The security token included in the request is invalid." in index
    assert "troubleshooting/#MT201" in index
