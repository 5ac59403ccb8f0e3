"""A reader can copy a page's Python and run it: the testing page's promise, checked.

For every built page, its Python blocks are joined in page order, as a reader who
copies them one after another into a file gets them. Every name that code uses must
be defined or imported in it (``symtable`` finds the free names, ``ast`` the names
inside quoted annotations). Pages whose Python defines ``main`` say that the blocks
"run together": that joined code is run against the emulator, after the earlier
steps are replayed as practice mode replays them.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import html
import shutil
import symtable
import textwrap
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guide_tools.practice import SNIPPETS, STEPS, chain, run_script
from mturk_emulator import emulator
from tests.site.browser_support import nav_pages, page_id

PAGES = nav_pages()
DOCS = Path(__file__).resolve().parents[2] / "docs"
BUILTINS = set(dir(builtins)) | {"__name__", "__file__"}


class _PythonBlocks(HTMLParser):
    """The text of each ``<div class="language-python highlight">`` block, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._depth = 0  # inside a Python block's <div>: how many <div>s deep
        self._in_pre = False
        self._skip = 0  # inside line numbers
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and ("language-python" in classes or self._depth):
            self._depth += 1
        elif tag == "pre" and self._depth:
            self._in_pre, self._text = True, []
        elif self._in_pre and tag == "span" and "linenos" in classes:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
        elif tag == "pre" and self._in_pre:
            self._in_pre = False
            self.blocks.append(html.unescape("".join(self._text)))
        elif tag == "span" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._in_pre and not self._skip:
            self._text.append(data)


def python_blocks(page: Path) -> list[str]:
    parser = _PythonBlocks()
    parser.feed(page.read_text("utf-8"))
    return [textwrap.dedent(block).strip("\n") for block in parser.blocks]


def joined_python(site: Path, path: str) -> str:
    return "\n\n\n".join(python_blocks(site / path / "index.html")) + "\n"


def _tables(table: symtable.SymbolTable) -> Iterator[symtable.SymbolTable]:
    yield table
    for child in table.get_children():
        yield from _tables(child)


def _quoted_annotation_names(tree: ast.Module) -> Iterator[str]:
    """Names inside string annotations such as ``"MTurkClient"`` (stub types)."""
    annotations: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            annotations.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            annotations.append(node.returns)
    for annotation in annotations:
        for part in ast.walk(annotation):
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                for inner in ast.walk(ast.parse(part.value, mode="eval")):
                    if isinstance(inner, ast.Name):
                        yield inner.id


def undefined_names(source: str) -> list[str]:
    """Names the code uses but neither defines nor imports (builtins aside)."""
    module = symtable.symtable(source, "<page>", "exec")
    defined = {
        s.get_name()
        for s in module.get_symbols()
        if s.is_assigned() or s.is_imported() or s.is_namespace()
    }
    used: set[str] = set()
    for table in _tables(module):
        for symbol in table.get_symbols():
            at_module = table.get_type() == "module"  # an enum from Python 3.13, equal to it
            free = symbol.is_global() or (at_module and symbol.is_referenced())
            if symbol.is_referenced() and free:
                used.add(symbol.get_name())
    used |= set(_quoted_annotation_names(ast.parse(source)))
    return sorted(used - defined - BUILTINS)


PYTHON_PAGES = [p for p in PAGES if p]  # every page; the ones without Python pass trivially


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_name_a_page_uses_is_defined_or_imported_there(built_site: Path, path: str) -> None:
    source = joined_python(built_site, path)
    missing = undefined_names(source)
    assert missing == [], (
        f"/{path}: copying its Python blocks in order gives code that uses "
        f"{', '.join(missing)} without defining or importing it"
    )


def test_the_name_check_can_fail() -> None:
    source = textwrap.dedent(
        """
        import boto3

        def f(mturk: "MTurkClient", path) -> int:
            if errno:
                sys.exit(Path(path))
            return len([x for x in y])
        """
    )
    assert undefined_names(source) == ["MTurkClient", "Path", "errno", "sys", "y"]
    assert undefined_names("import sys\nfrom pathlib import Path\nsys.exit(Path())\n") == []


def test_the_python_blocks_are_found(built_site: Path) -> None:
    blocks = python_blocks(built_site / "check-setup" / "index.html")
    assert len(blocks) == 4
    assert blocks[0].startswith("import boto3")
    assert "def main(" in blocks[-1]


# A page whose Python defines ``main`` says the blocks run together (its practice step
# replays what comes before). The doctor's page shows the doctor, not a page module.
RUNNABLE = {
    step.page.removesuffix(".md") + "/": step
    for step in STEPS.values()
    if step.script != "snippets.doctor" and not step.ends_in_error
}
RUNS = [
    path
    for path, step in RUNNABLE.items()
    if f'{step.script.replace(".", "/")}.py:main"' in (DOCS / step.page).read_text("utf-8")
]


@pytest.mark.parametrize("path", RUNS, ids=page_id)
def test_a_page_that_runs_runs_as_copied(
    built_site: Path, path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = joined_python(built_site, path)
    if "def main(" not in source:
        pytest.fail(f"/{path} has a practice step but shows no main() to run", pytrace=False)
    step = RUNNABLE[path]
    with (
        emulator(aws_folder=tmp_path / "aws") as fake,
        contextlib.chdir(tmp_path),
    ):
        for name in {name for each in [*chain(step), step] for name in each.files}:
            shutil.copy(SNIPPETS / name, tmp_path / name)
        for earlier in chain(step):
            assert run_script(earlier, tmp_path), f"replaying {earlier.name} failed"
        if step.prepare:
            step.prepare(fake, tmp_path)
        namespace: dict[str, object] = {"__name__": "copied_from_the_page"}
        exec(compile(source, f"<{path} as copied>", "exec"), namespace)
        capsys.readouterr()
        assert namespace["main"](list(step.args)) == 0  # type: ignore[operator]
    assert capsys.readouterr().out.strip(), f"/{path}'s code printed nothing"
