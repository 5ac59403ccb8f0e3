"""Named sections of snippet files, read as ``pymdownx.snippets`` reads them.

A page includes ``--8<-- "snippets/<file>:<name>"``; the file marks the section with
``# --8<-- [start:<name>]`` and ``# --8<-- [end:<name>]``. This module is the one
reader of that syntax in the project: the AWS CLI runner, practice mode and the
site's tests all use it, so they see exactly the text a page shows.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

MARKER = re.compile(r"--8<-- \[(start|end):([-_0-9a-z]+)\]")
"""A section marker (the extension's names: ``[a-z][-_0-9a-z]*``)."""
INCLUDE = re.compile(
    r'^(?P<indent>\s*)--8<-- "(?P<file>[^":]+)(?::(?P<section>[-_0-9a-z]+))?"\s*$'
)
"""An include line of a page: a whole file, or one section of it."""
WHOLE_FILE = ""


class SectionError(Exception):
    """A section is missing, or its markers do not pair up."""


@dataclass(frozen=True)
class SnippetFile:
    """One file under ``snippets/`` and its sections."""

    path: Path

    @cached_property
    def lines(self) -> list[str]:
        return self.path.read_text("utf-8").splitlines()

    @cached_property
    def _parsed(self) -> tuple[dict[str, list[str]], set[str], list[str]]:
        bodies: dict[str, list[str]] = {WHOLE_FILE: []}
        open_names: list[str] = [WHOLE_FILE]
        closed: set[str] = set()
        problems: list[str] = []
        for number, line in enumerate(self.lines, start=1):
            marker = MARKER.search(line)
            if marker is None:
                for name in open_names:
                    bodies[name].append(line)
                continue
            kind, name = marker.groups()
            where = f"{self.path.name}:{number}"
            if kind == "start":
                if name in bodies:
                    problems.append(f"{where}: [start:{name}] opened twice")
                    continue
                bodies[name] = []
                open_names.append(name)
            elif name in open_names:
                open_names.remove(name)
                closed.add(name)
            else:
                problems.append(f"{where}: [end:{name}] with no start")
        problems += [f"{self.path.name}: [start:{name}] never ends" for name in open_names[1:]]
        return bodies, closed, problems

    @property
    def problems(self) -> list[str]:
        """Markers that do not pair up (the extension would include the rest of the file)."""
        return self._parsed[2]

    @property
    def names(self) -> list[str]:
        return [name for name in self._parsed[0] if name != WHOLE_FILE]

    def text(self, name: str = WHOLE_FILE) -> str:
        """What a page including ``name`` shows: marker lines left out, sections dedented."""
        bodies, closed, _ = self._parsed
        if name != WHOLE_FILE and name not in closed:
            raise SectionError(f"{self.path}: no complete section {name!r}")
        body = "\n".join(bodies[name])
        return textwrap.dedent(body) if name != WHOLE_FILE else body


def read_section(path: Path, name: str) -> list[str]:
    """The lines of section ``name`` of ``path``, as the page includes them."""
    return SnippetFile(path).text(name).splitlines()
