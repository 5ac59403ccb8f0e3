"""The reader's path, walked for real (issue 25's "done when").

A reader opens the overview, follows it to "Get the guide", downloads the guide from
the site itself, unpacks it in a fresh folder, and, with a fresh home folder, types
the practice commands that page shows. Each command must print what the page shows
under it (its ``#>`` lines). uv installs from the maintainers' package cache with
``UV_OFFLINE``: the tests reach no network, and the install is the reader's own
(``--no-dev``: practice mode's packages only).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from tests.site.browser_support import SiteServer

pytestmark = [pytest.mark.browser, pytest.mark.process]
LOCAL_PORT = re.compile(r"(?<=http://127\.0\.0\.1:)\d+")
"""Practice mode's local server takes a free port: the pages show one of them."""

SHOWN_BLOCKS = """() => [...document.querySelectorAll('.md-content pre > code')]
  .map(code => code.textContent)
  .filter(text => text.startsWith('uv run --no-dev python -m snippets.practice'))"""


def commands_and_output(block: str) -> list[tuple[str, list[str]]]:
    """A shown block as (command, the lines the page says it prints)."""
    shown: list[tuple[str, list[str]]] = []
    for line in block.rstrip("\n").splitlines():
        if line.startswith("#>"):
            shown[-1][1].append(line[3:] if line.startswith("#> ") else line[2:])
        elif line.strip() and not line.startswith("#"):
            shown.append((line, []))
    return shown


def readers_computer(home: Path) -> dict[str, str]:
    """A fresh home folder; uv, Python and the package cache this machine already has."""
    uv = os.environ.get("UV") or "uv"
    cache = os.environ.get("UV_CACHE_DIR") or str(Path.home() / ".cache" / "uv")
    return {
        "PATH": f"{Path(uv).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "UV_CACHE_DIR": cache,
        "UV_OFFLINE": "1",
        "UV_PYTHON": sys._base_executable,
        "UV_NO_PROGRESS": "1",
    }


def test_the_shown_blocks_are_parsed_as_the_page_means_them() -> None:
    block = "uv run --no-dev python -m snippets.practice --list\n#> a\n#>\n#> b  c\n"
    assert commands_and_output(block) == [
        ("uv run --no-dev python -m snippets.practice --list", ["a", "", "b  c"])
    ]


def test_a_reader_walks_from_the_overview_to_a_practice_hit(
    server: SiteServer, reader: BrowserContext, tmp_path: Path
) -> None:
    page = reader.new_page()
    page.goto(server.url(""))
    page.locator(".md-content a", has_text="Get the guide onto your computer").first.click()
    page.wait_for_url("**/get-the-guide/")
    with page.expect_download() as started:
        page.locator(".md-content a[download]").click()
    download = tmp_path / started.value.suggested_filename
    started.value.save_as(download)
    shown = [pair for block in page.evaluate(SHOWN_BLOCKS) for pair in commands_and_output(block)]
    assert [command for command, _ in shown] == [
        "uv run --no-dev python -m snippets.practice --list",
        "uv run --no-dev python -m snippets.practice first-hit",
    ]
    with zipfile.ZipFile(download) as archive:
        archive.extractall(tmp_path / "fresh")
    [folder] = (tmp_path / "fresh").iterdir()
    environment = readers_computer(tmp_path / "home")
    (tmp_path / "home").mkdir()
    for command, expected in shown:
        ran = subprocess.run(
            shlex.split(command),
            cwd=folder,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert ran.returncode == 0, f"{command}\n{ran.stderr}"
        printed = LOCAL_PORT.sub("PORT", ran.stdout).rstrip("\n").splitlines()
        assert printed == [LOCAL_PORT.sub("PORT", line) for line in expected], command
    installed = list((folder / ".venv").glob("lib/*/site-packages/*.dist-info"))
    names = {path.name.split("-")[0].lower() for path in installed}
    assert {"boto3", "moto"} <= names
    assert not names & {"pytest", "mkdocs", "playwright", "awscli"}, "more than practice mode"
