"""Guards on the built site: it builds strictly, and every code block is a snippet."""

from __future__ import annotations

import textwrap
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.site_pages import ANNOTATION, SECTION_MARKER, code_blocks, html_pages

SNIPPETS = ROOT / "snippets"


@cache
def snippet_lines() -> dict[Path, list[str]]:
    """Every text file under snippets/, as the include extension would show it."""
    files = {}
    for path in sorted(SNIPPETS.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            lines = path.read_text("utf-8").splitlines()
            files[path] = [
                ANNOTATION.sub("", line) for line in lines if not SECTION_MARKER.search(line)
            ]
    return files


def comes_from_snippets(block: str) -> bool:
    # Material turns "# (1)!" comments into annotation markers in the browser.
    wanted = [ANNOTATION.sub("", line).rstrip() for line in textwrap.dedent(block).splitlines()]
    size = len(wanted)
    for lines in snippet_lines().values():
        for start in range(len(lines) - size + 1):
            window = textwrap.dedent("\n".join(lines[start : start + size])).splitlines()
            if [line.rstrip() for line in window] == wanted:
                return True
    return False


def test_site_builds_strictly(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "check-setup" / "index.html").is_file()


def test_every_code_block_on_the_site_comes_from_snippets(built_site: Path) -> None:
    strays = []
    for page in html_pages(built_site):
        for block in code_blocks(page):
            if block.strip() and not comes_from_snippets(block):
                first = block.strip().splitlines()[0]
                strays.append(f"{page.relative_to(built_site)}: {first!r}")
    if strays:
        pytest.fail(
            "Code blocks not included from snippets/ (include them with --8<--):\n"
            + "\n".join(strays),
            pytrace=False,
        )


def test_the_site_shows_code_at_all(built_site: Path) -> None:
    blocks = [b for p in html_pages(built_site) for b in code_blocks(p)]
    assert any("mturk-requester-sandbox" in block for block in blocks)
