"""A state as a JSON file, to archive with a study: ``mturk-emulator export`` / ``import``.

The file holds the requests that made the account, in the order they were served,
as the AWS APIs took them (not the emulator's own classes): any later emulator
version can serve them again. Its shape (``FORMAT_NAME``, version 1)::

    {
      "format": "mturk-emulator-state",
      "version": 1,
      "emulator": "0.1.0",                  # the version that exported it
      "requests": [
        {
          "service": "iam" | "sts" | "mturk" | "control",
          "seed": "12:0",                   # the seed of the ids the request drew
          "served": "2026-09-30T12:00:00.123456",   # UTC, when it was served
          "method": "POST",
          "url": "http://127.0.0.1:5005/sandbox",
          "headers": {"X-Amz-Target": "...", ...},  # as signed, never a secret key
          "body": "..."                     # the request's text: JSON or a form
        },
        {                                   # one of MTurkFake's controls, e.g. a
          "service": "control",             # simulated worker submitting work
          "method": "submit_assignment", "url": "",
          "headers": {"account": "123456789012"},
          "body": "[[\"3HIT...\", \"A1WORKER\", \"<QuestionFormAnswers ...\"], {}]",
          "seed": "13:2", "served": "2026-09-30T12:01:00.000000"
        },
        ...
      ]
    }

A request replayed draws the same ids from the same seed at the same time, so
the account comes back to the last access key id and secret. The file lets
anyone who has it rebuild those keys: it is written readable by its owner only.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import __version__
from .errors import StateError
from .journal import CONTROLS, HANDLERS, Journal, Row

FORMAT_NAME = "mturk-emulator-state"
VERSION = 1
FIELDS = ("service", "seed", "served", "method", "url", "headers", "body")


def export_state(state: Path, target: Path) -> int:
    """Write the state file ``state`` as JSON to ``target``; return the number of requests."""
    if not state.is_file():
        raise StateError(f"There is no state file {state}: give the --state of a server run.")
    journal = Journal(state)
    try:
        requests = [
            dict(zip(FIELDS, row[:5], strict=False))
            | {"headers": json.loads(row[5]), "body": row[6].decode("utf-8", "replace")}
            for row in journal.rows()
        ]
    finally:
        journal.close()
    document = {"format": FORMAT_NAME, "version": VERSION, "emulator": __version__,
                "requests": requests}  # fmt: skip
    descriptor = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=1)
    return len(requests)


def import_state(source: Path, state: Path) -> int:
    """Make a new state file ``state`` from the JSON file ``source``; return the number
    of requests. The account is rebuilt when a server is started with ``--state``."""
    if state.exists():
        raise StateError(
            f"{state} already exists: import into a new file name, so no state is overwritten."
        )
    rows = _rows(_read(source), source)
    journal = Journal(state)
    try:
        journal.append(rows)
    finally:
        journal.close()
    return len(rows)


def _read(source: Path) -> Any:
    try:
        return json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StateError(f"There is no file {source}: give the file 'export' wrote.") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise StateError(
            f"{source} is not a JSON file ({type(error).__name__}): give the file 'export' wrote."
        ) from None


def _rows(document: Any, source: Path) -> list[Row]:
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise StateError(f"{source} is not an exported emulator state (no \"format\": "
                         f"\"{FORMAT_NAME}\"): give the file 'export' wrote.")  # fmt: skip
    if document.get("version") != VERSION:
        raise StateError(
            f"{source} is an exported state of version {document.get('version')!r}, which "
            f"this emulator ({__version__}) cannot read: import it with a later version."
        )
    requests = document.get("requests")
    if not isinstance(requests, list):
        raise StateError(f"{source} has no list of \"requests\": give the file 'export' wrote.")
    return [_row(request, number, source) for number, request in enumerate(requests, 1)]


def _row(request: Any, number: int, source: Path) -> Row:
    problem = _problem(request)
    if problem:
        raise StateError(
            f"Request {number} of {source} {problem}: give the file 'export' wrote, unchanged."
        )
    return (request["service"], request["seed"], request["served"], request["method"],
            request["url"], json.dumps(request["headers"]),
            request["body"].encode("utf-8"))  # fmt: skip


def _problem(request: Any) -> str:
    if not isinstance(request, dict):
        return "is not an object"
    missing = [name for name in FIELDS if name not in request]
    if missing:
        return f"lacks {', '.join(missing)}"
    texts = [name for name in FIELDS if name != "headers" and not isinstance(request[name], str)]
    if texts:
        return f"has {', '.join(texts)} that is not text"
    if request["service"] not in {*HANDLERS, "control"}:
        return f"names a service the emulator does not keep ({request['service']!r})"
    if request["service"] == "control" and request["method"] not in CONTROLS:
        return f"names a control the emulator does not have ({request['method']!r})"
    headers = request["headers"]
    if not isinstance(headers, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
    ):
        return "has headers that are not an object of texts"
    try:
        served = datetime.fromisoformat(request["served"])
    except ValueError:
        served = None
    if served is None or served.tzinfo is not None:
        return f"has a time that is not an ISO date in UTC without a zone ({request['served']!r})"
    return ""
