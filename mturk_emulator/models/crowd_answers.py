"""What each crowd HTML element put into a ``crowd-form``'s ``taskAnswers`` object.

A worker's answers come as a form post would send them: a field name and the
value (or values) chosen. The element that has that name decides the shape
(AWS, "Crowd HTML Elements Reference", each element's Output section):

* ``crowd-checkbox``, ``crowd-toggle-button`` and ``crowd-radio-button``: an
  object named after the element, with a true or false member per ``value`` of
  the elements of that name ("on" when an element has none), true for the ones
  chosen; unchosen ones are false, so the object is always there (ledger
  ``answers.crowd-checkbox``, ``answers.crowd-radio-button``,
  ``answers.crowd-toggle-button``);
* ``crowd-classifier``: ``{"label": <the category chosen>}``
  (``answers.crowd-classifier``);
* ``crowd-slider``: the number chosen (``answers.crowd-slider``);
* any other field (``crowd-input``, ``crowd-text-area``, plain inputs): the text.

``models/answers.py`` writes it as JSON with its members sorted by name, as in
every output AWS printed (``answers.crowd-members-sorted``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..exceptions import InvalidAnswer

BOOLEAN = ("crowd-checkbox", "crowd-toggle-button", "crowd-radio-button")
Element = tuple[str, dict[str, str | None]]  # (tag, attributes)


def _one(tag: str, name: str, value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return value
    if len(value) == 1:
        return value[0]
    raise InvalidAnswer(f"The {tag} {name!r} takes one value, not {len(value)}.")


def _number(name: str, text: str) -> int | float:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise InvalidAnswer(f"The crowd-slider {name!r} takes a number, not {text!r}.")
    return int(number) if number.is_integer() else number


def _categories(attributes: Mapping[str, str | None]) -> list[str]:
    try:
        found = json.loads(attributes.get("categories") or "[]")
    except ValueError:
        return []
    return [str(c) for c in found] if isinstance(found, list) else []


def _checked(tag: str, name: str, elements: Sequence[Element], chosen: list[str]) -> Any:
    values = list(dict.fromkeys((attrs.get("value") or "on") for _, attrs in elements))
    wrong = [v for v in chosen if v not in values]
    if wrong:
        raise InvalidAnswer(
            f"The {tag} {name!r} has no value {wrong[0]!r}: use {', '.join(map(repr, values))}."
        )
    return {value: value in chosen for value in values}


def _answer(name: str, elements: Sequence[Element], value: str | Sequence[str]) -> Any:
    tag, attributes = elements[0]
    if tag in BOOLEAN:
        return _checked(tag, name, elements, [value] if isinstance(value, str) else list(value))
    if tag == "crowd-slider":
        return _number(name, _one(tag, name, value))
    if tag == "crowd-classifier":
        label = _one(tag, name, value)
        categories = _categories(attributes)
        if categories and label not in categories:
            raise InvalidAnswer(
                f"The crowd-classifier {name!r} has no category {label!r}: use "
                f"{', '.join(map(repr, categories))}."
            )
        return {"label": label}
    return value if isinstance(value, str) else list(value)


def task_answers(
    elements: Mapping[str, Sequence[Element]], given: Mapping[str, str | Sequence[str]]
) -> dict[str, Any]:
    """The object of the one ``taskAnswers`` answer: every field, shaped by its element."""
    task = {name: _answer(name, elements[name], value) for name, value in given.items()}
    for name, found in elements.items():
        if name not in task and found[0][0] in BOOLEAN:
            task[name] = _checked(found[0][0], name, found, [])
    return task
