"""The worker's moves as JSON routes: ``POST /control/<move>`` with the control token.

Each route runs one ``MTurkFake`` method, with the JSON object's members as its
arguments: the Python controller and the routes share one implementation. A wrong
move gets one JSON error, ``{"error": CODE, "message": SENTENCE}``, never a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from moto.core.exceptions import JsonRESTError, ServiceException

from ..core import MTurkFake
from ..exceptions import InvalidAnswer, WorkerCannotAccept

WORKER_ID = re.compile(r"^A[A-Z0-9]{1,63}$")
"""The botocore model's ``CustomerId``: "^A[A-Z0-9]+$", 1 to 64 characters."""

Reply = tuple[int, dict[str, Any]]


class MoveRefused(Exception):
    """A move the request describes wrongly: one sentence for the caller."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _worker_ids(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(map(_worker_id, value))


def _worker_id(value: Any) -> bool:
    return isinstance(value, str) and WORKER_ID.match(value) is not None


def _answers(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v))
        for v in value.values()
    )


KINDS: dict[Callable[[Any], bool], str] = {
    _text: "a string",
    _flag: "true or false",
    _number: "a number",
    _whole: "a whole number",
    _worker_ids: 'a list of worker ids ("A" then capital letters and digits)',
    _worker_id: 'a worker id ("A" then capital letters and digits)',
    _answers: "an object of field names to a string or a list of strings",
}


@dataclass(frozen=True)
class Move:
    run: Callable[[MTurkFake, dict[str, Any]], Any]
    required: Mapping[str, Callable[[Any], bool]]
    optional: Mapping[str, Callable[[Any], bool]]


MOVES: dict[str, Move] = {
    "add-worker": Move(
        lambda f, a: f.add_worker(*a["worker_ids"], sandbox=a.get("sandbox", True)),
        {"worker_ids": _worker_ids},
        {"sandbox": _flag},
    ),
    "accept-hit": Move(
        lambda f, a: {"assignment_id": f.accept_hit(a["hit_id"], a["worker_id"])},
        {"hit_id": _text, "worker_id": _worker_id},
        {},
    ),
    "submit-answers": Move(
        lambda f, a: {
            "assignment_id": f.submit_answers(a["hit_id"], a["worker_id"], a["answers"])
        },
        {"hit_id": _text, "worker_id": _worker_id, "answers": _answers},
        {},
    ),
    "return-assignment": Move(
        lambda f, a: f.return_assignment(a["hit_id"], a["worker_id"]),
        {"hit_id": _text, "worker_id": _worker_id},
        {},
    ),
    "advance-time": Move(lambda f, a: f.advance_time(a["seconds"]), {"seconds": _number}, {}),
    "set-linked": Move(
        lambda f, a: f.set_linked(a["linked"], sandbox=a.get("sandbox", True)),
        {"linked": _flag},
        {"sandbox": _flag},
    ),
    "set-prepaid-balance": Move(
        lambda f, a: f.set_prepaid_balance(a["amount"]), {"amount": _text}, {}
    ),
    "request-qualification": Move(
        lambda f, a: {
            "request_id": f.request_qualification(
                a["qualification_type_id"], a["worker_id"], a.get("answer")
            )
        },
        {"qualification_type_id": _text, "worker_id": _worker_id},
        {"answer": _text},
    ),
    "start-qualification-test": Move(
        lambda f, a: f.start_qualification_test(a["qualification_type_id"], a["worker_id"]),
        {"qualification_type_id": _text, "worker_id": _worker_id},
        {},
    ),
    "take-qualification-test": Move(
        lambda f, a: f.take_qualification_test(
            a["qualification_type_id"], a["worker_id"], a["answers"]
        ),
        {"qualification_type_id": _text, "worker_id": _worker_id, "answers": _answers},
        {},
    ),
    "grant-system-qualification": Move(
        lambda f, a: f.grant_system_qualification(
            a["qualification_type_id"],
            a["worker_id"],
            a.get("value", 1),
            sandbox=a.get("sandbox", True),
        ),
        {"qualification_type_id": _text, "worker_id": _worker_id},
        {"value": _whole, "sandbox": _flag},
    ),
}


def _arguments(move: Move, body: bytes) -> dict[str, Any]:
    try:
        given = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        raise MoveRefused(
            400, "InvalidJson", "The body is not JSON: send a JSON object."
        ) from None
    if not isinstance(given, dict):
        raise MoveRefused(400, "InvalidJson", "The body must be a JSON object.")
    for name in given:
        if name not in move.required and name not in move.optional:
            known = ", ".join([*move.required, *move.optional])
            raise MoveRefused(400, "UnknownMember", f"Unknown member {name!r}: use {known}.")
    for name, check in [*move.required.items(), *move.optional.items()]:
        if name not in given:
            if name in move.required:
                raise MoveRefused(400, "MissingMember", f"The member {name!r} is missing.")
        elif not check(given[name]):
            raise MoveRefused(400, "InvalidMember", f"{name!r} must be {KINDS[check]}.")
    return given


def run_move(name: str, body: bytes, fake: MTurkFake | None = None) -> Reply:
    """Run the move ``name`` with the JSON ``body``: (HTTP status, JSON answer)."""
    try:
        move = MOVES.get(name)
        if move is None:
            raise MoveRefused(
                404, "UnknownMove", f"There is no move {name!r}: use one of {', '.join(MOVES)}."
            )
        result = move.run(fake or MTurkFake(), _arguments(move, body))
    except MoveRefused as refused:
        return refused.status, {"error": refused.code, "message": refused.message}
    except WorkerCannotAccept as refused:
        return 409, {"error": "MoveNotAllowed", "message": str(refused)}
    except (InvalidAnswer, ValueError) as wrong:
        return 400, {"error": "InvalidValue", "message": str(wrong)}
    except (JsonRESTError, ServiceException) as wrong:
        return 400, {"error": "InvalidValue", "message": wrong.message}
    return 200, result or {}
