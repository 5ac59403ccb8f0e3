"""The command line of the state file: ``serve --state``, ``export`` and ``import``.

Kept apart from ``cli.py``, which calls ``add_arguments`` while building its parser
and ``run`` before its own commands.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                  serve: argparse.ArgumentParser) -> None:  # fmt: skip
    serve.add_argument(
        "--state",
        type=Path,
        help="keep the whole account (IAM users and keys, HITs, work, money) in this file, "
        "and start from it; without it, everything is forgotten when the server stops",
    )
    export = commands.add_parser(
        "export", help="write a --state file as a JSON file, to archive with a study"
    )
    export.add_argument("--state", type=Path, required=True, help="the state file to export")
    export.add_argument("file", type=Path, help="the JSON file to write")
    load = commands.add_parser(
        "import", help="make a new --state file from a JSON file that 'export' wrote"
    )
    load.add_argument("file", type=Path, help="the JSON file 'export' wrote")
    load.add_argument("--state", type=Path, required=True, help="the new state file to make")


def run(arguments: argparse.Namespace) -> int | None:
    """Run ``export`` or ``import``; None for the other commands."""
    if arguments.command not in {"export", "import"}:
        return None
    from .errors import StateError
    from .exchange import export_state, import_state

    try:
        if arguments.command == "export":
            count = export_state(arguments.state, arguments.file)
            print(f"Wrote {count} requests of {arguments.state} to {arguments.file}.")
        else:
            count = import_state(arguments.file, arguments.state)
            print(
                f"Made {arguments.state} from {count} requests of {arguments.file}: serve it "
                f"with mturk-emulator serve --state {arguments.state}"
            )
    except StateError as error:
        print(error, file=sys.stderr)
        return 1
    return 0
