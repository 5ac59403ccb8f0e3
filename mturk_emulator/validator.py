"""Requests and results checked against botocore's ``mturk`` model itself.

Requests: botocore checks only required members, types and minimums on the
client side (``botocore/validate.py``); patterns, maximums and enums reach the
service, which answered ``ValidationException``, "1 validation error detected:
Value '0.9752' at 'bonusAmount' failed to satisfy constraint: Member must satisfy
regular expression pattern: ^[0-9]+(\\.)?[0-9]{0,2}$" (Dallinger/Dallinger#1052).
Every rule comes from the model's shapes as botocore loads them; none is
retyped here (ledger: ``validation.from-the-model``).

Results: moto's serializer silently drops unknown members, and the emulator
must not answer anything the real service could not have answered.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import Any

from botocore.model import ListShape, Shape, StructureShape

# The scalar types of the mturk model (it has no maps, blobs or floats).
_PYTHON_TYPES: dict[str, type] = {
    "string": str,
    "integer": int,
    "long": int,
    "boolean": bool,
    "timestamp": datetime,
}


def _is(shape: Shape, value: Any) -> bool:
    wanted = _PYTHON_TYPES[shape.type_name]
    return isinstance(value, wanted) and (wanted is bool or not isinstance(value, bool))


def check_shape(shape: Shape, value: Any, path: str) -> None:
    """Raise ``TypeError`` unless ``value`` fits ``shape``: members, types, enums."""
    if isinstance(shape, StructureShape):
        if not isinstance(value, dict):
            raise TypeError(f"{path}: expected a structure, got {value!r}")
        present = {key for key, item in value.items() if item is not None}
        unknown = present - set(shape.members)
        missing = set(shape.required_members) - present
        if unknown or missing:
            raise TypeError(f"{path}: unknown members {unknown}, missing members {missing}")
        for key in present:
            check_shape(shape.members[key], value[key], f"{path}.{key}")
    elif isinstance(shape, ListShape):
        if not isinstance(value, list):
            raise TypeError(f"{path}: expected a list, got {value!r}")
        for index, item in enumerate(value):
            check_shape(shape.member, item, f"{path}[{index}]")
    else:
        if not _is(shape, value):
            raise TypeError(f"{path}: expected {shape.type_name}, got {value!r}")
        if "enum" in shape.metadata and value not in shape.metadata["enum"]:
            raise TypeError(f"{path}: {value!r} is not one of {shape.metadata['enum']}")


def _camel(name: str) -> str:
    # AWS names a member by its name with a lower-case first letter: 'bonusAmount'.
    return name[:1].lower() + name[1:]


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_shown(item) for item in value) + "]"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


@cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def _scalar_problems(shape: Shape, value: Any) -> list[str]:
    meta = shape.metadata
    rules: list[str] = []
    if not _is(shape, value):
        return [f"Member must be of type {shape.type_name}"]
    if isinstance(value, str):
        if "min" in meta and len(value) < meta["min"]:
            rules.append(f"Member must have length greater than or equal to {meta['min']}")
        if "max" in meta and len(value) > meta["max"]:
            rules.append(f"Member must have length less than or equal to {meta['max']}")
        if "pattern" in meta and not _pattern(meta["pattern"]).search(value):
            rules.append(f"Member must satisfy regular expression pattern: {meta['pattern']}")
        if "enum" in meta and value not in meta["enum"]:
            rules.append(f"Member must satisfy enum value set: [{', '.join(meta['enum'])}]")
    elif isinstance(value, int) and not isinstance(value, bool):
        if "min" in meta and value < meta["min"]:
            rules.append(f"Member must have value greater than or equal to {meta['min']}")
        if "max" in meta and value > meta["max"]:
            rules.append(f"Member must have value less than or equal to {meta['max']}")
    return rules


def request_problems(shape: Shape, value: Any, path: str = "") -> list[str]:
    """Every way ``value`` breaks the model's constraints on ``shape``, worded as AWS words them.

    Paths follow AWS's form: ``qualificationRequirements.1.member.comparator``.
    """
    if isinstance(shape, StructureShape):
        if not isinstance(value, dict):
            return [f"Value '{_shown(value)}' at '{path}' failed to satisfy constraint: "
                    "Member must be of type structure"]  # fmt: skip
        problems: list[str] = []
        for name, member in shape.members.items():
            where = f"{path}.{_camel(name)}" if path else _camel(name)
            item = value.get(name)
            if item is None:
                if name in shape.required_members:
                    # boto/boto3#1223: "Value null at 'reason' failed to satisfy
                    # constraint: Member must not be null."
                    problems.append(
                        f"Value null at '{where}' failed to satisfy constraint: "
                        "Member must not be null"
                    )
                continue
            problems += request_problems(member, item, where)
        return problems
    if isinstance(shape, ListShape):
        if not isinstance(value, list):
            return [f"Value '{_shown(value)}' at '{path}' failed to satisfy constraint: "
                    "Member must be of type list"]  # fmt: skip
        problems = []
        meta = shape.metadata
        if "min" in meta and len(value) < meta["min"]:
            problems.append(
                f"Value '{_shown(value)}' at '{path}' failed to satisfy constraint: "
                f"Member must have length greater than or equal to {meta['min']}"
            )
        if "max" in meta and len(value) > meta["max"]:
            problems.append(
                f"Value '{_shown(value)}' at '{path}' failed to satisfy constraint: "
                f"Member must have length less than or equal to {meta['max']}"
            )
        for index, item in enumerate(value, start=1):
            problems += request_problems(shape.member, item, f"{path}.{index}.member")
        return problems
    return [
        f"Value '{_shown(value)}' at '{path}' failed to satisfy constraint: {rule}"
        for rule in _scalar_problems(shape, value)
    ]
