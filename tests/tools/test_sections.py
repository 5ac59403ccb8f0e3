"""The one reader of ``--8<--`` section markers (``guide_tools/sections.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_tools.sections import INCLUDE, SectionError, SnippetFile, read_section


def snippet(tmp_path: Path, text: str) -> SnippetFile:
    path = tmp_path / "example.py"
    path.write_text(text)
    return SnippetFile(path)


def test_sections_are_dedented_and_nested_ones_shown_inside(tmp_path: Path) -> None:
    file = snippet(
        tmp_path,
        "top = 1\n# --8<-- [start:outer]\nif x:\n    # --8<-- [start:inner]\n"
        "    y = 2\n    # --8<-- [end:inner]\n# --8<-- [end:outer]\n",
    )
    assert file.names == ["outer", "inner"]
    assert file.text("inner") == "y = 2"
    assert file.text("outer") == "if x:\n    y = 2"
    assert file.text() == "top = 1\nif x:\n    y = 2"
    assert file.problems == []
    assert read_section(file.path, "inner") == ["y = 2"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# --8<-- [start:a]\nx\n", "[start:a] never ends"),
        ("x\n# --8<-- [end:a]\n", ":2: [end:a] with no start"),
        (
            "# --8<-- [start:a]\n# --8<-- [end:a]\n# --8<-- [start:a]\n# --8<-- [end:a]\n",
            ":3: [start:a] opened twice",
        ),
    ],
)
def test_unpaired_markers_are_named(tmp_path: Path, text: str, problem: str) -> None:
    first, *_ = snippet(tmp_path, text).problems
    assert problem in first


def test_an_unfinished_section_cannot_be_read(tmp_path: Path) -> None:
    file = snippet(tmp_path, "# --8<-- [start:a]\nx\n")
    with pytest.raises(SectionError, match="no complete section 'a'"):
        file.text("a")


@pytest.mark.parametrize(
    ("line", "file", "section"),
    [
        ('--8<-- "snippets/a.py"', "snippets/a.py", None),
        ('    --8<-- "snippets/a.sh:run-it"', "snippets/a.sh", "run-it"),
    ],
)
def test_include_lines(line: str, file: str, section: str | None) -> None:
    include = INCLUDE.match(line)
    assert include is not None
    assert (include["file"], include["section"]) == (file, section)
