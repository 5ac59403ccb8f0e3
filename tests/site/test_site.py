"""Guards on the built site: it builds strictly, and every code block is a snippet."""

from __future__ import annotations

import textwrap
from functools import cache
from pathlib import Path

import pytest

from guide_tools.sections import INCLUDE, MARKER, SnippetFile
from tests.conftest import ROOT
from tests.emulator.test_package import aws_libraries_imported
from tests.site.site_pages import ANNOTATION, code_blocks, html_pages

SNIPPETS = ROOT / "snippets"


def snippet_files() -> list[Path]:
    return sorted(
        path
        for path in SNIPPETS.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


@cache
def snippet_lines() -> dict[Path, list[str]]:
    """Every text file under snippets/, as the include extension would show it."""
    files = {}
    for path in snippet_files():
        lines = path.read_text("utf-8").splitlines()
        files[path] = [ANNOTATION.sub("", line) for line in lines if not MARKER.search(line)]
    return files


@cache
def line_index() -> dict[str, list[tuple[list[str], int]]]:
    """Where each line (without its indentation) starts a window of a snippet file."""
    index: dict[str, list[tuple[list[str], int]]] = {}
    for lines in snippet_lines().values():
        for start, line in enumerate(lines):
            index.setdefault(line.strip(), []).append((lines, start))
    return index


def comes_from_snippets(block: str) -> bool:
    # Material turns "# (1)!" comments into annotation markers in the browser.
    wanted = [ANNOTATION.sub("", line).rstrip() for line in textwrap.dedent(block).splitlines()]
    size = len(wanted)
    for lines, start in line_index().get(wanted[0].strip(), []) if wanted else []:
        window = textwrap.dedent("\n".join(lines[start : start + size])).splitlines()
        if [line.rstrip() for line in window] == wanted:
            return True
    return False


def test_site_builds_strictly(each_site: Path) -> None:
    assert (each_site / "index.html").is_file()
    assert (each_site / "check-setup" / "index.html").is_file()


def test_every_code_block_on_the_site_comes_from_snippets(each_site: Path) -> None:
    strays = []
    for page in html_pages(each_site):
        for block in code_blocks(page):
            if block.strip() and not comes_from_snippets(block):
                first = block.strip().splitlines()[0]
                strays.append(f"{page.relative_to(each_site)}: {first!r}")
    if strays:
        pytest.fail(
            "Code blocks not included from snippets/ (include them with --8<--):\n"
            + "\n".join(strays),
            pytrace=False,
        )


def test_the_site_shows_code_at_all(each_site: Path) -> None:
    blocks = [b for p in html_pages(each_site) for b in code_blocks(p)]
    assert any("mturk-requester-sandbox" in block for block in blocks)


def test_the_provenance_check_can_fail(tmp_path: Path) -> None:
    """A block pasted by hand is caught; one copied from a snippet is not."""
    page = tmp_path / "index.html"
    page.write_text(
        "<pre><code>import boto3\nprint('typed by hand, not included')</code></pre>"
        "<pre><code>uv run --no-dev python -m snippets.practice --list</code></pre>"
    )
    pasted, included = code_blocks(page)
    assert not comes_from_snippets(pasted)
    assert comes_from_snippets(included)


def test_every_section_marker_has_a_partner() -> None:
    """A start marker without its end would silently include the rest of the file."""
    problems = [problem for path in snippet_files() for problem in SnippetFile(path).problems]
    assert problems == []


def test_every_include_on_a_page_names_a_real_section() -> None:
    """What check_paths checks at build time, said per page and per section."""
    missing = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for line in page.read_text("utf-8").splitlines():
            include = INCLUDE.match(line)
            if include is None:
                continue
            target, section = ROOT / include["file"], include["section"]
            if not target.is_file():
                missing.append(f"{page.name}: no file {include['file']}")
            elif section and section not in SnippetFile(target).names:
                missing.append(f"{page.name}: no section {section} in {include['file']}")
    assert missing == []


@pytest.mark.process
def test_the_site_content_imports_no_aws_library() -> None:
    """The macros and the Markdown extension run in every build: importing boto3 there
    cost 3.2 s a build."""
    script = "import site_content.facts, site_content.macros, site_content.task_labels"
    assert aws_libraries_imported(script) == []
